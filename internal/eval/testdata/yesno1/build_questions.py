#!/usr/bin/env python3
"""Build heldout.jsonl for the yesno1 blind evaluation set.

Each entry is tagged with its document ("doc") and, for yes/no questions, the
answer the text gives ("yn": "yes"/"no"/None). Neither tag is written out.
"""
import json, os, random

HERE = os.path.dirname(os.path.abspath(__file__))
C, G, A, T = "campsite-rules.md", "gym-terms.txt", "airline-baggage.md", "tenancy-faq.md"

def q(doc, kind, question, gold=(), ans=(), history=None, yn=None):
    d = {"doc": doc, "kind": kind, "question": question,
         "gold": list(gold), "answer_any": list(ans), "yn": yn}
    if history:
        d["history"] = list(history)
    return d

QUESTIONS = [
    # ---------------- campsite-rules.md ----------------
    q(C, "factoid", "can my dog stay in one of the wooden pods with us?",
      ["but are not allowed in the timber pods"], ["not allowed"], yn="no"),
    q(C, "factoid", "Is there anywhere on the site where my dog can run free off the lead?",
      ["The meadow beyond the north gate is the only area"], ["meadow beyond the north gate"], yn="yes"),
    q(C, "factoid", "My guide dog goes everywhere with me. Is it allowed in the showers building?",
      ["Assistance dogs are welcome everywhere, including the pods and the shower block."], ["welcome everywhere"], yn="yes"),
    q(C, "factoid", "can we bring our cat if she stays in her carrier",
      ["small pets in secure carriers are allowed on grass pitches"], ["are allowed on grass pitches"], yn="yes"),
    q(C, "factoid", "Is it OK to use one of those throwaway foil barbecues on our pitch?",
      ["Disposable barbecues are not permitted anywhere on the site"], ["not permitted anywhere"], yn="no"),
    q(C, "factoid", "When the fire risk is high, can we still grill on our gas BBQ?",
      ["all campfires are banned, but gas barbecues are still allowed"], ["gas barbecues are still allowed"], yn="yes"),
    q(C, "factoid", "what does it cost to rent a fire pit for the evening",
      ["which can be hired from reception for £8 per night"], ["£8 per night"]),
    q(C, "followup", "does that come with anything to get the fire going?",
      ["for £8 per night, including one bag of kindling"], ["one bag of kindling"],
      history=["what does it cost to rent a fire pit for the evening"], yn="yes"),
    q(C, "factoid", "Is strumming a guitar at the tent around 8 in the evening fine?",
      ["Acoustic instruments are fine before 9 pm"], ["before 9 pm"], yn="yes"),
    q(C, "factoid", "my sister is popping in for the day, can she bring her labrador?",
      ["Visitors are not allowed to bring dogs onto the site."], ["not allowed"], yn="no"),
    q(C, "factoid", "Can I top up my electric car from the power point on my pitch?",
      ["Charging cars from pitch hook-ups is prohibited"], ["prohibited"], yn="no"),
    q(C, "factoid", "Our motorhome is 9 metres long. Will you be able to fit us in?",
      ["Campervans longer than 8 metres cannot be accommodated."], ["cannot be accommodated"], yn="no"),
    q(C, "factoid", "can I come on my motorbike",
      ["Motorbikes are allowed, but they must be pushed"], ["Motorbikes are allowed"], yn="yes"),
    q(C, "factoid", "Do the hot showers cost anything extra?",
      ["and hot showers are free of charge"], ["free of charge"], yn="yes"),
    q(C, "factoid", "If we call off our stay three weeks ahead, do we get the deposit back?",
      ["Refund of everything except the deposit"], ["except the deposit"], yn="no"),
    q(C, "factoid", "We had to go home two days early after my son broke his arm. Can we get money back for the nights we missed?",
      ["unless you leave because of a medical emergency"], ["medical emergency"], yn="yes"),
    q(C, "factoid", "how much do I have to put down up front when I reserve",
      ["A deposit of 25% of the total price is payable"], ["25%"]),
    q(C, "followup", "and when's the remainder due?",
      ["The balance is due 14 days before arrival."], ["14 days before arrival"],
      history=["how much do I have to put down up front when I reserve"]),
    q(C, "unanswerable", "Am I allowed to fly a drone over the campsite?", yn="unknown"),
    q(C, "unanswerable", "can we tie a hammock between the trees next to our pitch", yn="unknown"),
    q(C, "unanswerable", "Does the site shop take card payments?", yn="unknown"),
    q(C, "unanswerable", "gas canister price at the campsite shop"),
    q(C, "unanswerable", "Is there a minimum number of nights for bank holiday weekends?", yn="unknown"),

    # ---------------- gym-terms.txt ----------------
    q(G, "factoid", "how much per month is the bouldering-only membership",
      ["The Boulder membership costs £44 per month"], ["£44"]),
    q(G, "followup", "And the one that includes everything?",
      ["The Summit membership costs £62 per month"], ["£62"],
      history=["how much per month is the bouldering-only membership"]),
    q(G, "factoid", "Can students get the discount on the off-peak plan?",
      ["the student discount cannot be combined with the Off-Peak rate"], ["cannot be combined"], yn="no"),
    q(G, "factoid", "My daughter is 12, can she sign up as a member?",
      ["Children under 14 cannot become members."], ["cannot become members"], yn="no"),
    q(G, "factoid", "Is a 15-year-old on a junior membership allowed to boulder by themselves?",
      ["Junior members may boulder without supervision"], ["without supervision"], yn="yes"),
    q(G, "factoid", "my 16 yo wants to top rope with his mates, no adults. is that ok",
      ["they may not use the roped climbing walls without a supervising adult"], ["may not use"], yn="no"),
    q(G, "factoid", "I already have a lead certificate from my old wall. Can I skip your lead course?",
      ["may ask to skip the lead course"], ["may ask to skip"], yn="yes"),
    q(G, "factoid", "Summit member guest price",
      ["at a reduced day rate of £9 instead of the usual £16"], ["£9"]),
    q(G, "followup", "how often can I use that each month?",
      ["no more than four times in a calendar month"], ["four times"],
      history=["Summit member guest price"]),
    q(G, "factoid", "I've torn a ligament and have a physio letter - can I pause my membership without paying the usual fee?",
      ["the freeze is free and can last up to six months"], ["the freeze is free"], yn="yes"),
    q(G, "factoid", "Can I put my off-peak membership on hold for a couple of months?",
      ["Off-Peak memberships cannot be frozen at all"], ["cannot be frozen at all"], yn="no"),
    q(G, "factoid", "is it possible to quit by ringing the front desk",
      ["Cancellation over the phone is not accepted."], ["not accepted"], yn="no"),
    q(G, "factoid", "Is it possible to use the auto belays without having done the belay test?",
      ["may be used without a belay check"], ["without a belay check"], yn="yes"),
    q(G, "factoid", "can I bring my own rope",
      ["Members may bring their own ropes for lead climbing"], ["may bring their own ropes"], yn="yes"),
    q(G, "factoid", "Am I allowed to use a bag of loose chalk on the walls?",
      ["loose chalk is not allowed anywhere in the building"], ["not allowed"], yn="no"),
    q(G, "factoid", "Can I snap a few pictures of my friends climbing?",
      ["Photography for personal use is allowed."], ["allowed"], yn="yes"),
    q(G, "factoid", "Who has to sign off if we want to shoot an advert at the wall?",
      ["needs permission from the centre manager, Rohan Ibsworth"], ["Rohan Ibsworth"]),
    q(G, "unanswerable", "Is there a cheaper family membership for two parents and kids?", yn="unknown"),
    q(G, "unanswerable", "Can I bring my dog into the café area?", yn="unknown"),
    q(G, "unanswerable", "how much does it cost to hire a belay device"),
    q(G, "unanswerable", "What time does the Saturday Kids' Club begin?"),
    q(G, "unanswerable", "Is there free parking at Tanyard Wharf?", yn="unknown"),

    # ---------------- airline-baggage.md ----------------
    q(A, "factoid", "Does a Lite ticket come with any checked luggage?",
      ["None included"], ["None included"], yn="no"),
    q(A, "factoid", "I'm Halo Gold but booked a Lite fare - do I still get a free checked suitcase?",
      ["may take one extra 23 kg hold bag free of charge"], ["free of charge"], yn="yes"),
    q(A, "factoid", "max weight for a carry-on bag",
      ["and must not weigh more than 8 kg"], ["8 kg"]),
    q(A, "factoid", "If the overhead bins are full and my carry-on gets sent to the hold at the gate, do I have to pay for it?",
      ["may be moved to the hold at the gate free of charge"], ["free of charge"], yn="no"),
    q(A, "factoid", "can I wheel the baby's buggy right up to the plane",
      ["the pushchair may be taken to the aircraft door"], ["aircraft door"], yn="yes"),
    q(A, "factoid", "Can I take a 200 ml shampoo bottle that's only half full in my hand luggage?",
      ["not allowed through security, even if they are only partly full"], ["not allowed through security"], yn="no"),
    q(A, "factoid", "Do my prescription meds have to be in 100ml bottles like other liquids?",
      ["Medicines and baby milk are exempt from the 100 ml limit"], ["exempt"], yn="no"),
    q(A, "factoid", "my case weighs 34 kg, can I just pay the overweight fee and check it in?",
      ["Bags heavier than 32 kg are not accepted as baggage"], ["not accepted"], yn="no"),
    q(A, "factoid", "how much is it to bring my bike",
      ["Must be boxed, pedals removed"], ["€65"]),
    q(A, "followup", "And for a surfboard?",
      ["Maximum length 2.8 metres"], ["€80"],
      history=["how much is it to bring my bike"]),
    q(A, "factoid", "Will Aurelle Air carry my canoe?",
      ["Kayaks and canoes are not carried on any Aurelle Air flight."], ["not carried"], yn="no"),
    q(A, "factoid", "Can I take my violin on board as hand luggage?",
      ["may be carried in the cabin as your cabin bag"], ["may be carried in the cabin"], yn="yes"),
    q(A, "followup", "Would that be on top of my normal carry-on, or instead of it?",
      ["They then replace your cabin bag and do not come in addition"], ["replace your cabin bag"],
      history=["Can I take my violin on board as hand luggage?"], yn="no"),
    q(A, "factoid", "Can my cat travel with me in the cabin? She weighs 5 kg with her box.",
      ["Cats and small dogs weighing up to 8 kg including their carrier"], ["up to 8 kg"], yn="yes"),
    q(A, "factoid", "The wheel came off my suitcase on the flight. Will you pay for it?",
      ["Damage to wheels, handles, straps and locks is not covered"], ["not covered"], yn="no"),
    q(A, "factoid", "how much will you reimburse a day for essentials while my bag is missing",
      ["reimburse reasonable essential purchases up to €50 per day"], ["€50 per day"]),
    q(A, "followup", "for how many days at most?",
      ["up to €50 per day for a maximum of five days"], ["five days"],
      history=["how much will you reimburse a day for essentials while my bag is missing"]),
    q(A, "unanswerable", "How much does it cost to take skis on a flight run by Vessa Regional?"),
    q(A, "unanswerable", "Do you carry wheelchairs free of charge?", yn="unknown"),
    q(A, "unanswerable", "fee for checking in a tennis racket bag"),
    q(A, "unanswerable", "What is the most I can get back if my suitcase arrives damaged rather than lost?"),
    q(A, "unanswerable", "Does a baby travelling on my lap get its own checked bag allowance?", yn="unknown"),
    q(A, "unanswerable", "How many passengers does the Aero 72 seat?"),

    # ---------------- tenancy-faq.md ----------------
    q(T, "factoid", "I live on the third floor - can I get a dog?",
      ["dogs are not allowed in upper-floor flats at all"], ["not allowed"], yn="no"),
    q(T, "followup", "what about a cat then?",
      ["may keep a cat only with our written permission"], ["only with our written permission"],
      history=["I live on the third floor - can I get a dog?"], yn="yes"),
    q(T, "factoid", "are hamsters ok in a flat",
      ["such as hamsters are allowed in every type of home"], ["allowed in every type of home"], yn="yes"),
    q(T, "factoid", "Could I keep a few hens in my back garden for eggs?",
      ["we do not give permission for farm animals, including chickens"], ["do not give permission"], yn="no"),
    q(T, "factoid", "Can I rent my flat out on Airbnb while I'm away for the summer?",
      ["Subletting your whole home is not allowed under any circumstances",
       "This includes short-term holiday lets through websites and apps."], ["not allowed"], yn="no"),
    q(T, "factoid", "I only got my keys five months ago. Am I allowed to take in a lodger?",
      ["may not take in a lodger"], ["may not take in a lodger"], yn="no"),
    q(T, "factoid", "Am I allowed to wallpaper the bedroom without checking with you first?",
      ["may paint and wallpaper the inside of your home without asking"], ["without asking us"], yn="yes"),
    q(T, "factoid", "can I paint my front door a different colour",
      ["including front doors and window frames, is not allowed"], ["not allowed"], yn="no"),
    q(T, "factoid", "Do I need your OK before putting up an 8 by 6 foot garden shed?",
      ["Putting up a shed larger than 6 by 4 feet"], ["6 by 4 feet"], yn="yes"),
    q(T, "factoid", "How long will it take you to respond when I ask for permission to make alterations?",
      ["We aim to reply to requests within 20 working days."], ["20 working days"]),
    q(T, "factoid", "Is it fine to hang a couple of shelves without asking permission?",
      ["You may put up shelves, pictures and curtains without permission."], ["without permission"], yn="yes"),
    q(T, "factoid", "if there's a gas leak how fast will someone come out",
      ["Gas leak, flooding, no electricity"], ["Within 4 hours"]),
    q(T, "followup", "and if the heating packs up in January?",
      ["No heating in winter, broken front door lock"], ["Within 3 working days"],
      history=["if there's a gas leak how fast will someone come out"]),
    q(T, "factoid", "Are repairs for ordinary wear and tear free of charge?",
      ["Repairs caused by normal wear and tear are free."], ["free"], yn="yes"),
    q(T, "factoid", "what do you charge if I lock myself out late at night",
      ["charged at £45 during office hours and £90 outside office hours"], ["£90"]),
    q(T, "factoid", "A routine repair is weeks overdue. Can I claim compensation under Right to Repair?",
      ["Routine repairs are not covered by this scheme."], ["not covered"], yn="no"),
    q(T, "factoid", "is paying the rent once a month an option",
      ["you may pay weekly, fortnightly or monthly by direct debit"], ["monthly"], yn="yes"),
    q(T, "unanswerable", "Can I put a trampoline in my back garden?", yn="unknown"),
    q(T, "unanswerable", "Do I need permission to install a wood-burning stove?", yn="unknown"),
    q(T, "unanswerable", "How big is the deposit for a shared ownership home?"),
    q(T, "unanswerable", "which dates are the spring rent-free weeks"),
    q(T, "unanswerable", "Is smoking allowed in the shared stairwells?", yn="unknown"),
]

def main():
    items = list(QUESTIONS)
    random.Random(20261128).shuffle(items)
    with open(os.path.join(HERE, "heldout.jsonl"), "w", encoding="utf-8") as fh:
        for i, d in enumerate(items, 1):
            out = {"id": f"ye1-{i:03d}", "kind": d["kind"], "question": d["question"],
                   "gold": d["gold"], "answer_any": d["answer_any"]}
            if "history" in d:
                out["history"] = d["history"]
            fh.write(json.dumps(out, ensure_ascii=False) + "\n")
    from collections import Counter
    print("total", len(items))
    print("kinds", Counter(d["kind"] for d in items))
    print("docs", Counter(d["doc"] for d in items))
    print("doc x kind", Counter((d["doc"], d["kind"]) for d in items))
    print("yes/no", Counter(d["yn"] for d in items))

if __name__ == "__main__":
    main()
