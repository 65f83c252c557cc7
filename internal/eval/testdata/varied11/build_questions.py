#!/usr/bin/env python3
"""Build heldout.jsonl for evaluation folder u (blind, hand-written questions)."""
import json, os, random

HERE = os.path.dirname(os.path.abspath(__file__))
MK, MU, CC, SP, QR = ("marketplace-terms.md", "museum-guide.txt", "course-catalogue.md",
                      "species-article.txt", "quarterly-results.txt")

Q = []
def F(doc, q, gold, ans):
    Q.append(dict(doc=doc, kind="factoid", question=q, gold=gold, answer_any=ans))
def FU(doc, hist, q, gold, ans):
    Q.append(dict(doc=doc, kind="followup", question=q, gold=gold, answer_any=ans, history=hist))
def U(doc, q):
    Q.append(dict(doc=doc, kind="unanswerable", question=q, gold=[], answer_any=[]))

# ---------------- marketplace-terms.md ----------------
F(MK, "From what date do the updated Quillmarket terms apply?",
  ["takes effect on 1 March 2026"], ["1 March 2026"])
F(MK, "can a 16 year old open a quillmarket account",
  ["at least 16 years old with the written consent"], ["written consent"])
F(MK, "What happens to my account if I still haven't done ID checks two months after my first sale?",
  ["remain unverified for 60 days after the first sale", "are frozen until verification is finished"], ["frozen"])
F(MK, "How many linked accounts is a charity shop allowed to run?",
  ["may operate up to three linked accounts"], ["three"])
F(MK, "Is the final value fee worked out on the item price alone, or does it include postage?",
  ["including shipping but excluding sales tax"], ["including shipping"])
F(MK, "what percentage do they take when I sell second-hand vintage clothes",
  ["Includes shoes, bags and belts made before 2000"], ["8%"])
F(MK, "Is there a maximum on the commission for selling handmade jewellery?",
  ["Capped at 40 QC per individual item sold"], ["40 QC"])
F(MK, "I want to sell a cello worth 2,500 QC, do I need any paperwork?",
  ["Instruments above 2,000 QC need an appraisal certificate"], ["appraisal certificate"])
F(MK, "How much is the monthly subscription for the Workshop plan?",
  ["Sellers on the Workshop plan, which costs 19 QC per month"], ["19 QC"])
F(MK, "Is there an extra charge when the buyer pays in a foreign currency?",
  ["carries a further charge of 1.8%"], ["1.8%"])
F(MK, "which weekday do sellers get paid",
  ["Payouts are made every Tuesday to the bank account"], ["Tuesday"])
F(MK, "What share of each payout is withheld from brand-new sellers?",
  ["15% of each payout is held back for 30 days"], ["15%"])
F(MK, "longest handling time allowed for made-to-order items",
  ["may state a handling time of up to 21 days"], ["21 days"])
F(MK, "Can buyers send back an engraved item within the 30 days?",
  ["does not apply to personalised or engraved items"], ["engraved items"])
F(MK, "dispute opening deadline",
  ["must be opened within 45 days of the estimated delivery date"], ["45 days"])
F(MK, "If I disagree with the Resolution Desk's ruling, can I challenge it?",
  ["Either party may appeal a decision once, within seven days"], ["once", "seven days"])
F(MK, "Are antique swords banned on Quillmarket?",
  ["antique swords made before 1850 are allowed with a dealer licence"], ["before 1850", "dealer licence"])
F(MK, "what do I need to be allowed to sell wine or spirits",
  ["only by sellers holding an Averell retail liquor licence"], ["retail liquor licence"])
FU(MK, ["Who is the chief executive of Quillmarket?"], "and who did she take over from?",
   ["who replaced the founder, Idris Vannecourt, in January 2025"], ["Idris Vannecourt"])
FU(MK, ["What's the final value fee for digital patterns and templates?"], "how do buyers receive them",
   ["Delivered instantly through the Quillmarket download locker"], ["download locker"])
FU(MK, ["When can a buyer cancel an order that still hasn't been shipped?"], "And what happens to the seller in that case?",
   ["the seller receives a late-dispatch mark on their account"], ["late-dispatch mark"])
U(MK, "What is the final value fee for selling electronics such as phones and laptops?")
U(MK, "In what year was Quillmarket founded?")
U(MK, "How long does it take a senior case officer to decide an appeal?")
U(MK, "What was the final value fee on vintage clothing under the August 2024 terms?")
U(MK, "is there a discounted yearly price for the Workshop plan")
U(MK, "What's the phone number of the Seller Standards Office?")
U(MK, "Which courier company provides the prepaid return labels?")

# ---------------- museum-guide.txt ----------------
F(MU, "what time does the kesterly museum shut",
  ["The museum is open from 10:00 to 17:30, Tuesday to Sunday"], ["17:30"])
F(MU, "Which evening is the museum open late, and until when?",
  ["On Thursdays the galleries stay open late, until 21:00"], ["Thursdays", "21:00"])
F(MU, "Is there ever a day when nobody has to pay to get in?",
  ["Entry is free for everyone on the first Sunday of each month"], ["first Sunday"])
F(MU, "How much does the Friends membership cost per year?",
  ["Friends of Kesterly scheme, which costs 45 crowns a year"], ["45 crowns"])
F(MU, "Who designed the museum building?",
  ["designed by the architect Philippa Harlowe"], ["Philippa Harlowe"])
F(MU, "how come the clock tower is newer than the rest of the building",
  ["added in 1879 after a storm destroyed the original timber cupola"], ["storm", "1879"])
F(MU, "When did the customs officers leave the building, and where did they go?",
  ["until the customs service moved to new offices at Saltmere in 1937"], ["1937", "Saltmere"])
F(MU, "What price did the town council accept for the old customs house?",
  ["sell the building for a single crown to the Kesterly Trust"], ["a single crown"])
F(MU, "On what date did the museum first welcome the public?",
  ["a year before the doors opened on 9 May 1951"], ["9 May 1951"])
F(MU, "how many stairs to climb for the clock tower walkway",
  ["a narrow spiral staircase of 112 steps"], ["112"])
F(MU, "Who gave the museum its collection of sundials?",
  ["The gallery's sundial collection was donated by the Varnel family in 1962"], ["Varnel family"])
F(MU, "When can visitors look through the observatory telescope?",
  ["On clear Thursday evenings between October and March"], ["Thursday evenings"])
F(MU, "What is the oldest piece in the collection and roughly how old is it?",
  ["The Orrin Astrolabe is the oldest object in the collection", "Made of brass in about 1420"], ["Orrin Astrolabe", "1420"])
F(MU, "Why is the astrolabe kept in the dark?",
  ["because strong light damages its engraved surface"], ["strong light"])
F(MU, "At what times is the orrery switched on each day?",
  ["It is set in motion every day at 12:00 and 15:00"], ["12:00", "15:00"])
F(MU, "how much money did the appeal to buy back the barometer bring in",
  ["a public appeal that raised 41,000 crowns in just six weeks"], ["41,000 crowns"])
F(MU, "What is the biggest donation the museum has ever received?",
  ["The largest single gift in its history, 2.4 million crowns"], ["2.4 million crowns", "Halvard Foundation"])
F(MU, "photography rules",
  ["Photography without flash is welcome in all galleries except the Meridian Hall"], ["without flash"])
FU(MU, ["Who was the Kesterly Museum's first director?"], "Who replaced her when she stepped down?",
   ["was succeeded as director by the astronomer Dr. Tobias Morwen"], ["Tobias Morwen"])
FU(MU, ["Who donated the Saltmere Orrery to the museum?"], "and who made it?",
   ["built by the instrument maker Jonas Pellow in 1791"], ["Jonas Pellow"])
FU(MU, ["Where was the Weather Glass of Dunmarrow found?"], "when did it come back to the town",
   ["was returned to the town in 2011"], ["2011"])
U(MU, "Until what time is the Lantern Cafe's Thursday supper menu served?")
U(MU, "How much does a guided tour cost?")
U(MU, "In which year was Augustin Kesterly born?")
U(MU, "What did Dr. Yusuf Aldane do before becoming director?")
U(MU, "how much did the glass-roofed extension cost altogether")
U(MU, "How many marine chronometers are displayed in the Navigation Gallery?")
U(MU, "Is there a car park for visitors at the museum?")

# ---------------- course-catalogue.md ----------------
F(CC, "How many credits is the final-year dissertation worth?",
  ["Dissertation of 10,000 words and a viva"], ["40"])
F(CC, "how is CES1010 assessed",
  ["Two-hour written exam (60%) and field notebook (40%)"], ["field notebook"])
F(CC, "Who teaches Estuary Ecology?",
  ["Group presentation (25%) and written exam (75%)"], ["Dr. Nerys Oakhollow"])
F(CC, "What grade in CES2150 do I need to get onto the machine learning module?",
  ["CES2150 with a mark of at least 60"], ["at least 60"])
F(CC, "Does the Skellan Point field course get a percentage mark?",
  ["Pass or fail, based on attendance and logbook"], ["Pass or fail"])
F(CC, "How many credits does a full-time student take per year?",
  ["A full-time student takes 120 credits in each year of study"], ["120 credits"])
F(CC, "do my first-year grades affect my final degree class",
  ["First-year modules count for nothing towards the final degree classification"], ["nothing"])
F(CC, "What extra wording appears on the degree certificate if I do a placement year?",
  ["receive the endorsement \"with Professional Experience\""], ["with Professional Experience"])
F(CC, "How long does it take to get from Lowmoor to the marine station?",
  ["which is a ninety-minute coach journey from Lowmoor"], ["ninety-minute"])
F(CC, "Which programming language is CES2150 taught in?",
  ["is taught in the Python language"], ["Python"])
F(CC, "What older module did CES2150 take the place of?",
  ["It replaced the older module CES2140 Data Handling with Spreadsheets"], ["CES2140"])
F(CC, "max number of students on CES3350",
  ["is capped at 45 students because of the limited number"], ["45 students"])
F(CC, "What time is the dissertation deadline?",
  ["submitted by 12:00 noon on the first Monday of May"], ["12:00 noon", "first Monday of May"])
F(CC, "Who convened the sediment transport module before Henrik Salvesen?",
  ["Professor Margaret Ellingham, who convened CES2110 Sediment Transport and Beach Dynamics"], ["Margaret Ellingham"])
F(CC, "Where was Farida Quenneville employed before she came to Carrowmere?",
  ["worked as a remote sensing analyst at the Norvane Space Agency"], ["Norvane Space Agency"])
F(CC, "If I get 28 in the exam but a high coursework mark, can I still pass?",
  ["A component mark below 30 means the module is failed"], ["failed"])
F(CC, "what's the penalty for handing coursework in late",
  ["loses 5 marks for each working day it is late"], ["5 marks"])
F(CC, "Can second-year students take a language module as their elective?",
  ["may be taken as electives only in the first year"], ["only in the first year"])
FU(CC, ["Who is the Head of the Department of Coastal and Environmental Science?"], "who did he succeed, and when?",
   ["who succeeded Prof. Ellingham in that role in 2021"], ["Ellingham", "2021"])
FU(CC, ["How much do students have to pay towards the Skellan Point field course?"], "do bursary holders have to pay that too",
   ["have this contribution waived in full"], ["waived in full"])
FU(CC, ["How long is the residential field course?"], "And when in the year does it happen?",
   ["runs for eight days at the start of the Easter vacation"], ["Easter vacation"])
U(CC, "What are the prerequisites for GEO2210 Glacial Landscapes?")
U(CC, "Who convened CES2140 Data Handling with Spreadsheets?")
U(CC, "How is CES1030 assessed?")
U(CC, "how much does the water safety course cost")
U(CC, "Is CES3350 taught in the autumn term or the spring term?")
U(CC, "What is the word limit for the policy briefing in CES3300?")
U(CC, "What overall mark is needed for a first-class degree?")

# ---------------- species-article.txt ----------------
F(SP, "Why do locals call it the tinker bird?",
  ["because its alarm call resembles the sound of a small hammer"], ["small hammer"])
F(SP, "how threatened is ferrowen's reed-lark",
  ["classified as Endangered by the Vandrian Wildlife Council"], ["Endangered"])
F(SP, "Who worked out that the reed-lark was its own species and not a young marsh lark?",
  ["after the museum curator Elsbeth Rauhn compared the skins"], ["Elsbeth Rauhn"])
F(SP, "In what year did Oskar Ferrowen pass away?",
  ["Ferrowen died in 1909 and never saw a living reed-lark"], ["1909"])
F(SP, "Who found the bird again after decades of it being thought extinct?",
  ["a schoolteacher named Gunnar Ladde recorded a singing male at Lake Tarrow"], ["Gunnar Ladde"])
F(SP, "Is there any way to tell males and females apart?",
  ["which is brighter in males than in females"], ["brighter in males"])
F(SP, "How deep does the water under the reeds need to be?",
  ["growing in shallow water between 10 and 40 centimetres deep"], ["10 and 40 centimetres"])
F(SP, "where do the reed-larks go for the winter",
  ["spend the winter in the coastal salt marshes of the Dessel Estuary"], ["Dessel Estuary"])
F(SP, "What does the reed-lark eat during the colder months?",
  ["in winter it takes more seeds, particularly those of sea-blite and glasswort"], ["seeds"])
F(SP, "Does the male help to build the nest?",
  ["Only the female builds the nest"], ["Only the female"])
F(SP, "Do both parents sit on the eggs or only the female?",
  ["incubates them alone for 12 to 13 days"], ["alone"])
F(SP, "How did mink get into the Ostmark Basin?",
  ["after escaping from a fur farm near Hallisvik"], ["fur farm"])
F(SP, "reed-lark census 2024 singing males",
  ["the 2024 census recorded 1,180 singing males"], ["1,180"])
F(SP, "What caused the population to crash in the mid-1990s?",
  ["largely because a drought in the early 1990s dried out"], ["drought"])
F(SP, "What proportion of the basin's reed beds were drained between 1950 and 1980?",
  ["about 60 percent of the reed beds in the Ostmark Basin"], ["60 percent"])
F(SP, "By how much might the breeding range contract by 2070?",
  ["the breeding range could shrink by a third by 2070"], ["a third"])
F(SP, "what time of year are people allowed to cut the reeds",
  ["permitted only between November and February, outside the breeding season"], ["November and February"])
F(SP, "Can I take a boat onto Lake Tarrow in June?",
  ["Boating is banned on the northern half of Lake Tarrow"], ["northern half", "1 April to 31 July"])
F(SP, "How many captive-reared birds were set free in the first release?",
  ["It released its first 24 captive-bred young at Kettlemoor Vale"], ["24"])
FU(SP, ["Who discovered Ferrowen's reed-lark?"], "where did he find it",
   ["collected two specimens near the village of Hallisvik"], ["Hallisvik"])
FU(SP, ["What was the budget of the Ostmark Wetlands Programme for 2021 to 2025?"], "Who pays for it?",
   ["funded jointly by the Vandrian government and the Ostmark Bird Trust"], ["Ostmark Bird Trust"])
FU(SP, ["When was the captive breeding project at Hallisvik set up?"], "why is its future uncertain?",
   ["since the centre's lead keeper, Annika Dorsel, left the project in 2023"], ["Annika Dorsel"])
U(SP, "What is the average lifespan of a Ferrowen's reed-lark in the wild?")
U(SP, "What is the wingspan of Ferrowen's reed-lark?")
U(SP, "How many singing males were counted in 2010?")
U(SP, "who carried out the 1986 census")
U(SP, "What budget does the Ostmark Wetlands Programme have for 2026 to 2030?")
U(SP, "What percentage of nest losses are caused by marsh harriers?")

# ---------------- quarterly-results.txt ----------------
F(QR, "What were Halverstone's total sales in Q3?",
  ["Group revenue rose 11.4 percent to 486.2 m florins"], ["486.2 m florins"])
F(QR, "gross margin this quarter vs last year",
  ["Gross margin improved to 41.7 percent from 39.9 percent"], ["41.7 percent", "39.9 percent"])
F(QR, "Did operating profit go up or down?",
  ["operating profit rose 18 percent to 71.5 m florins"], ["rose 18 percent"])
F(QR, "How big is the interim dividend and when will shareholders receive it?",
  ["declared an interim dividend of 9.5 cents per share", "which will be paid on 14 December 2026"], ["9.5 cents", "14 December 2026"])
F(QR, "Which company did the finance director come from?",
  ["joined from the engineering firm Corrande Industries in 2023"], ["Corrande Industries"])
F(QR, "Why was growth in the Sensors division so modest?",
  ["Growth was held back by weaker orders from car manufacturers"], ["car manufacturers"])
F(QR, "how did demand from the aerospace industry change",
  ["Orders from the aerospace sector, by contrast, rose by nearly a quarter"], ["nearly a quarter"])
F(QR, "What was behind the jump in Flow Measurement revenue?",
  ["driven mainly by the Clearwater Renewal Programme"], ["Clearwater Renewal Programme"])
F(QR, "What price did Halverstone pay to buy Tessaline?",
  ["acquired for 260 m florins on 2 May 2026"], ["260 m florins"])
F(QR, "What proportion of software customers renew their subscriptions?",
  ["the renewal rate for subscriptions remained above 94 percent"], ["94 percent"])
F(QR, "How much of group revenue came from the domestic market?",
  ["The home market of Vandria accounted for 38 percent of group revenue"], ["38 percent"])
F(QR, "why did sales in asia-pacific drop",
  ["mainly because a large order from a semiconductor plant"], ["semiconductor plant"])
F(QR, "How large were the April price rises on average?",
  ["which averaged 4 percent across the product range"], ["4 percent"])
F(QR, "What is Project Heron?",
  ["next generation of ultrasonic flow meters, code-named Project Heron"], ["ultrasonic flow meters"])
F(QR, "What do managers credit for fewer people leaving the company?",
  ["which management attributes to the new profit-sharing scheme introduced in January"], ["profit-sharing scheme"])
F(QR, "Which factory was shut during the quarter?",
  ["closed its small assembly plant at Fennick Cross"], ["Fennick Cross"])
F(QR, "How was the purchase of Tessaline paid for?",
  ["funded partly from a new five-year bank loan of 180 m florins"], ["five-year bank loan", "180 m florins"])
F(QR, "full year revenue forecast",
  ["full-year revenue of between 1,880 and 1,920 m florins"], ["1,880 and 1,920"])
F(QR, "When will the new five-year strategy be unveiled?",
  ["at an investor day in Brellin on 9 March 2027"], ["9 March 2027"])
FU(QR, ["Who is the chief executive of Halverstone?"], "who did she replace",
   ["succeeding Bertrand Vallisk, who retired after eleven years in the role"], ["Bertrand Vallisk"])
FU(QR, ["How much revenue did Tessaline contribute in the quarter?"], "And how many employees came with it?",
   ["includes 410 employees who joined with Tessaline"], ["410"])
FU(QR, ["What was net debt at 30 September 2026?"], "and at the end of last year?",
   ["up from 58.7 m florins at 31 December 2025"], ["58.7 m florins"])
U(QR, "What was Halverstone's revenue in the second quarter of 2026?")
U(QR, "How much was the interim dividend a year ago?")
U(QR, "How did North American revenue change compared with last year?")
U(QR, "What will the Marrowgate clean-room line cost in total?")
U(QR, "who chairs the halverstone board")
U(QR, "How many people work at the Marrowgate factory?")

# ---------------- write ----------------
rng = random.Random(20261128)
order = list(range(len(Q)))
rng.shuffle(order)
with open(os.path.join(HERE, "heldout.jsonl"), "w", encoding="utf-8") as fh:
    for i, k in enumerate(order, 1):
        q = Q[k]
        rec = {"id": f"u-{i:03d}", "kind": q["kind"], "question": q["question"],
               "gold": q["gold"], "answer_any": q["answer_any"]}
        if q["kind"] == "followup":
            rec["history"] = q["history"]
        fh.write(json.dumps(rec, ensure_ascii=False) + "\n")

if __name__ == "__main__":
    from collections import Counter
    print("total", len(Q))
    print("by kind", Counter(q["kind"] for q in Q))
    print("by doc", Counter(q["doc"] for q in Q))
    print("by doc/kind", sorted(Counter((q["doc"], q["kind"]) for q in Q).items()))
