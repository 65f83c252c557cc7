#!/usr/bin/env python3
"""Build heldout.jsonl for the yesno2 set. Each question is tagged with its document;
the tag is not written to the output. Order is a fixed shuffle (seed 2611)."""
import json, os, random

M, R, P, S = "museum-visitor-rules.md", "employee-remote-work.txt", "phone-warranty.md", "school-trip-policy.md"

def F(doc, q, gold, ans):
    return {"doc": doc, "kind": "factoid", "question": q, "gold": gold, "answer_any": ans}

def FU(doc, hist, q, gold, ans):
    return {"doc": doc, "kind": "followup", "question": q, "gold": gold, "answer_any": ans, "history": hist}

def U(doc, q):
    return {"doc": doc, "kind": "unanswerable", "question": q, "gold": [], "answer_any": []}

Q = [
    # ---------------- museum ----------------
    F(M, "can I take pictures in the tide wing if I turn my flash off",
      ["Photography without flash is allowed in the Main Hall"], ["allowed"]),
    FU(M, ["can I take pictures in the tide wing if I turn my flash off"], "what about the lantern annex?",
      ["Photography of any kind is forbidden in the Lantern Annex"], ["forbidden"]),
    F(M, "We're bringing our dog along - can he sit with us on the café terrace?",
      ["Dogs are allowed in the courtyard garden and on the café terrace"], ["allowed"]),
    F(M, "can i bring my cat to the museum",
      ["Other pets, such as cats and birds, may not be brought"], ["may not"]),
    F(M, "Can I push the pram up into the Lantern Annex?",
      ["Strollers are not allowed in the Lantern Annex"], ["not allowed"]),
    F(M, "I'm coming straight from the train station - can I leave my suitcase at the museum while I look around?",
      ["Suitcases and travel trolleys cannot be stored at the museum at all"], ["cannot"]),
    F(M, "is parking free on sundays",
      ["car park on Quillan Quay is free for visitors on Sundays"], ["free for visitors on Sundays"]),
    FU(M, ["is parking free on sundays"], "and on a wednesday?",
      ["costs 2 euros per hour on other days"], ["2 euros per hour"]),
    F(M, "Can I still get my money back on a ticket I bought five weeks ago?",
      ["Refunds are not given after 30 days from purchase"], ["not given", "unless"]),
    F(M, "If I send my ticket back three days ahead of the visit, will I be reimbursed?",
      ["the full price is refunded minus a booking fee of 1.50 euros"], ["full price is refunded"]),
    F(M, "student ticket price",
      ["Student with valid card", "8 euros"], ["8 euros"]),
    F(M, "I've already used my annual pass once. Can I still return it for a refund?",
      ["The Annual Tidepass cannot be refunded once it has been used"], ["cannot be refunded"]),
    F(M, "Is there anywhere we can eat the sandwiches we brought from home?",
      ["Visitors may eat their own packed lunches in the Picnic Room"], ["Picnic Room"]),
    F(M, "Can I go up to the rooftop café without paying for museum entry?",
      ["it can be visited without a museum ticket"], ["without a museum ticket"]),
    F(M, "can i order a glass of wine at the cafe on an ordinary tuesday afternoon",
      ["Alcohol is only served during the Late Chimes evenings"], ["only"]),
    F(M, "How late is the museum open on the first Thursday of the month?",
      ["the Main Hall stays open until 21:00"], ["21:00"]),
    F(M, "Who should I write to if I want to complain about my visit?",
      ["in writing to the visitor services manager, Tomas Heddle"], ["Tomas Heddle"]),
    U(M, "Am I allowed to fly a drone over the courtyard garden?"),
    U(M, "What does a ticket cost for a teacher?"),
    U(M, "Is the museum open on Christmas Day?"),
    U(M, "how many clocks are in the collection"),
    U(M, "Do you rent out audio guides?"),

    # ---------------- remote work ----------------
    F(R, "I'm still in my probation period. Can I work from home three days a week?",
      ["must work from a Velloran office at least four days"], ["at least four days"]),
    F(R, "do warehouse staff get to work remotely",
      ["Employees in the Warehouse and Logistics team are not eligible"], ["not eligible"]),
    F(R, "Are interns allowed to work from home at all?",
      ["Interns may work remotely only one day per week"], ["only one day per week"]),
    F(R, "max remote days per week for hybrid staff",
      ["Eligible employees may work remotely for up to three days per week"], ["three days"]),
    F(R, "Which day do we have to be in the office if my team never picked an anchor day?",
      ["Tuesday is the default anchor day"], ["Tuesday"]),
    F(R, "I'm on a fully remote contract. Does Velloran cover my hotel when I come in for the quarterly team week?",
      ["the company pays their travel and hotel costs for it"], ["pays"]),
    F(R, "Can I spend two weeks working from Portugal without getting anyone's sign-off?",
      ["may work from another country for up to 20 working days"], ["without special approval"]),
    FU(R, ["Can I spend two weeks working from Portugal without getting anyone's sign-off?"],
       "do I have to let HR know beforehand though",
      ["Employees must register every stay abroad in the Harbour HR portal"], ["at least five working days before"]),
    F(R, "How many days a year can I work remotely from Canada?",
      ["Canada (maximum 10 working days per year)"], ["10 working days"]),
    F(R, "If I decide to work from Estonia for personal reasons, will the company pay for my flights?",
      ["Velloran does not pay for flights or accommodation"], ["does not pay"]),
    F(R, "Am I allowed to bring my work laptop to Thailand?",
      ["They must not be taken to any country outside the approved list"], ["must not"]),
    F(R, "Could the company pay for a desk in a coworking space?",
      ["Co-working spaces may be paid for by the company only when"], ["only when"]),
    F(R, "is it ok to work from a coffee shop",
      ["Working from public places such as cafés and trains is allowed"], ["allowed"]),
    F(R, "Do I have to answer my manager's messages on a Saturday?",
      ["Employees are not expected to answer messages after 19:00 or at weekends"], ["not expected"]),
    F(R, "If I get fed up with working from home, can I switch back to the office full time whenever I like?",
      ["An employee may return to full office work at any time"], ["at any time", "no notice is required"]),
    F(R, "Who do I tell if I hurt myself while working at home?",
      ["must be reported to the Health and Safety officer, Grant Ellery"], ["Grant Ellery"]),
    F(R, "monthly home working allowance hybrid",
      ["receive a home working allowance of 30 pounds per month"], ["30 pounds"]),
    FU(R, ["monthly home working allowance hybrid"], "and if you're fully remote?",
      ["Fully remote employees receive 55 pounds per month instead"], ["55 pounds"]),
    U(R, "is the 250 pound setup budget taxable"),
    U(R, "How quickly does the Tax and Mobility desk reply when I ask to work abroad for more than 20 days?"),
    U(R, "Who runs the IT Service Desk?"),
    U(R, "Can I bring my dog into the office on our anchor day?"),
    U(R, "Is the Dunmere depot open at weekends?"),

    # ---------------- phone warranty ----------------
    F(P, "Does the warranty cover water damage?",
      ["Water damage is not covered by the warranty for any model"], ["not covered"]),
    F(P, "If I have Kestrove Shield and my phone falls in the bath, am I covered?",
      ["incidents per year, including drops and liquid damage"], ["liquid damage"]),
    FU(P, ["If I have Kestrove Shield and my phone falls in the bath, am I covered?"], "how much do I pay each time?",
       ["for a service fee of 49 euros per incident"], ["49 euros"]),
    F(P, "does shield pay out if my phone gets stolen",
      ["Shield does not cover loss or theft"], ["does not cover"]),
    F(P, "How long is the Lumen S Mini guaranteed for?",
      ["Lumen S and Lumen S Mini", "18 months"], ["18 months"]),
    F(P, "My screen has a line of dead pixels but I never dropped it. Is that covered?",
      ["screens that show dead pixels or lines without any sign of impact"], ["covers defects", "dead pixels"]),
    F(P, "I dropped my phone and the screen smashed - will the warranty pay for it?",
      ["The warranty does not cover damage caused by drops"], ["does not cover"]),
    F(P, "If a cheap repair shop fixed my charging port, is that part still under warranty?",
      ["Damage caused by unofficial repairs voids the warranty for the affected part"], ["voids the warranty"]),
    F(P, "Is the Lumen S Mini waterproof?",
      ["the Lumen S Mini is only splash resistant"], ["only splash resistant"]),
    F(P, "Can I cancel Shield part way through and get some money back?",
      ["a pro-rata refund is given for the months not used"], ["can be cancelled at any time", "pro-rata refund"]),
    F(P, "My repair has been going on for more than 15 working days. Can I get a phone to use in the meantime?",
      ["the customer may ask for a loan phone free of charge"], ["loan phone"]),
    F(P, "can I just turn up at the Helsinki service point without booking",
      ["Kestrove Service Points in Tampere, Helsinki and Turku, but only by appointment"], ["only by appointment"]),
    F(P, "If I sell my phone, does the warranty pass to the person who buys it?",
      ["transfers automatically to a new owner if the phone is sold"], ["transfers automatically"]),
    FU(P, ["If I sell my phone, does the warranty pass to the person who buys it?"], "and the Shield plan, does that go with it too?",
       ["Kestrove Shield, however, cannot be transferred"], ["cannot be transferred"]),
    F(P, "Is my warranty still good if I'm travelling in Switzerland?",
      ["valid in all European Union countries, Norway, Iceland and Switzerland"], ["Switzerland"]),
    F(P, "How long after spotting a fault do I have to report it?",
      ["A fault must be reported within two months"], ["two months"]),
    F(P, "What does it cost to replace an Arc 7 screen out of warranty?",
      ["Screen replacements outside the warranty cost 129 euros for the Arc 7"], ["129 euros"]),
    FU(P, ["What does it cost to replace an Arc 7 screen out of warranty?"], "And for the Lumen S?",
       ["99 euros for the Lumen S"], ["99 euros"]),
    U(P, "How long is the warranty on the Kestrove Arc 6?"),
    U(P, "Are earbuds that came in the box covered by the warranty?"),
    U(P, "what's the phone number for kestrove support"),
    U(P, "How much does it cost to sign up for Kestrove Shield?"),
    U(P, "Can I buy Kestrove Shield for a refurbished phone from the Renew store?"),

    # ---------------- school trips ----------------
    F(S, "Who is the school's educational visits coordinator?",
      ["The Educational Visits Coordinator (EVC) is Mr. Desmond Oyelaran"], ["Desmond Oyelaran"]),
    F(S, "what kind of consent form is needed for the Kelvick Science Centre trip",
      ["Separate consent for each trip"], ["Separate consent for each trip"]),
    F(S, "Will there be a parents' meeting before the Lyon exchange?",
      ["Separate consent, parents' meeting and passport check"], ["parents' meeting"]),
    F(S, "Can I just ring the school to give permission for my son's trip instead of sending the form?",
      ["verbal consent by phone is not accepted"], ["not accepted"]),
    F(S, "My daughter has turned 18. Is she allowed to sign the consent form herself?",
      ["Pupils aged 18 may sign their own consent forms"], ["may sign"]),
    F(S, "Can parents come along and help on day trips?",
      ["Parent volunteers may help on day trips"], ["may help"]),
    FU(S, ["Can parents come along and help on day trips?"], "what about the residential ones?",
       ["only staff members may supervise residential trips and trips abroad"], ["only staff members"]),
    F(S, "Can my son keep his inhaler on him during the trip?",
      ["Pupils may carry their own inhalers and adrenaline auto-injectors at all times"], ["at all times"]),
    F(S, "Will the teachers give my child a paracetamol if she gets a headache?",
      ["Staff will not give pupils any painkillers, including paracetamol"], ["will not", "unless"]),
    F(S, "can year 8s take their mobiles on their trip",
      ["on the Year 7 and Year 8 trips may not bring phones"], ["may not bring phones"]),
    F(S, "We can't afford the voluntary contribution. Will my child miss out on the curriculum trip?",
      ["No pupil will be left out of a curriculum trip"], ["No pupil will be left out"]),
    F(S, "What's the price of the Lyon language exchange?",
      ["420 pounds"], ["420 pounds"]),
    FU(S, ["What's the price of the Lyon language exchange?"], "and how big is the deposit",
       ["100 pounds"], ["100 pounds"]),
    F(S, "If we pull our daughter out three weeks before departure, will we get our money back?",
      ["no refund is given unless the place can be filled"], ["no refund is given", "unless"]),
    F(S, "If the school calls off the trip, do we get the deposit back as well?",
      ["families receive a full refund, including the deposit"], ["full refund", "including the deposit"]),
    F(S, "is my son's ipad covered by the school trip insurance",
      ["The insurance does not cover valuables such as phones, tablets and jewellery"], ["does not cover"]),
    U(S, "How much does the Year 10 geography field trip cost?"),
    U(S, "What time does the coach leave for Corrach Outdoor Centre?"),
    U(S, "Is there a vegetarian menu at Corrach?"),
    U(S, "Can pupils bring a laptop on the residential trip?"),
    U(S, "Who is leading the Lyon exchange this year?"),
    U(S, "Will the pupils be allowed to swim in the sea at Corrach?"),
]

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    items = list(Q)
    random.Random(2611).shuffle(items)
    with open(os.path.join(here, "heldout.jsonl"), "w", encoding="utf-8") as fh:
        for i, q in enumerate(items, 1):
            out = {"id": f"ye2-{i:03d}", "kind": q["kind"], "question": q["question"],
                   "gold": q["gold"], "answer_any": q["answer_any"]}
            if q["kind"] == "followup":
                out["history"] = q["history"]
            fh.write(json.dumps(out, ensure_ascii=False) + "\n")
    from collections import Counter
    print(len(items), Counter(q["kind"] for q in items), Counter(q["doc"] for q in items))

if __name__ == "__main__":
    main()
