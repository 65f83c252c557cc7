#!/usr/bin/env python3
"""Build heldout.jsonl for evaluation set v17 (written blind from docs/)."""
import json, os, random

H = "harbour-town-history.txt"
C = "coffee-grinder-faq.md"
A = "allotment-society-minutes.txt"
N = "night-train-guide.md"
B = "beekeeper-biography.md"

Q = []

def F(doc, q, gold, ans):
    Q.append(dict(doc=doc, kind="factoid", question=q, gold=gold, answer_any=ans))

def FU(doc, hist, q, gold, ans):
    Q.append(dict(doc=doc, kind="followup", history=hist, question=q, gold=gold, answer_any=ans))

def U(doc, q):
    Q.append(dict(doc=doc, kind="unanswerable", question=q, gold=[], answer_any=[]))

# ---------------- harbour town history ----------------
F(H, "Who led the families that founded Vellmouth?",
  ["led by a boatwright named Aldous Penhallow"], ["Aldous Penhallow"])
F(H, "In what year did people first settle permanently in Vellmouth?",
  ["The first permanent settlement was founded in 1287"], ["1287"])
FU(H, ["In what year did people first settle permanently in Vellmouth?"],
   "and how many families were there",
   ["founded in 1287 by a group of eleven fishing families"], ["eleven"])
F(H, "how come the settlers picked that particular spot",
  ["sheltered the anchorage from the westerly gales"], ["Warden Bar", "shingle spit"])
F(H, "Which family had the salt business?",
  ["The saltworks were owned for nearly two centuries by the Corbyn family"], ["Corbyn"])
F(H, "how many people worked at the rope works at its busiest",
  ["at its height employed ninety men and boys"], ["ninety"])
F(H, "Great Mole engineer",
  ["It was designed by the engineer Margery Tallis"], ["Margery Tallis"])
F(H, "On what date did the big blaze break out?",
  ["On the night of 14 October 1783 a fire broke out"], ["14 October 1783"])
F(H, "How many homes were lost in the 1783 fire?",
  ["The fire destroyed one hundred and seventeen houses"], ["one hundred and seventeen"])
F(H, "Which harbourmaster is credited with keeping the death toll so low?",
  ["the bucket chains organised by the harbourmaster, Josiah Creed"], ["Josiah Creed"])
F(H, "when did trains first come to the town",
  ["The Carrow Valley Railway reached Vellmouth on 3 June 1861"], ["3 June 1861"])
FU(H, ["when did trains first come to the town"],
   "What was the engine called?",
   ["pulled by a locomotive named Sea Swallow"], ["Sea Swallow"])
F(H, "What is the former railway station used for now?",
  ["the old station building became the Vellmouth public library in 1971"], ["public library"])
F(H, "Who made the bronze statue of Margery Tallis?",
  ["made by the sculptor Owen Brisk"], ["Owen Brisk"])
F(H, "Is the Corbyn house museum open on Mondays?",
  ["open from Easter to the end of October, every day except Monday"], ["except Monday"])
F(H, "What's the current lifeboat named after?",
  ["The present lifeboat, launched in 2016, is named Thomas Achterberg"], ["Thomas Achterberg"])
F(H, "When did the painter Lucinda Rayle pass away?",
  ["from 1898 until her death in 1936"], ["1936"])
F(H, "how many people live in vellmouth today",
  ["Today Vellmouth has a population of about 6,400"], ["6,400"])
U(H, "What started the fire in the tar store in 1783?")
U(H, "When did the Marine Hotel finally close its doors?")
U(H, "What year was The Salt Widows published?")
U(H, "How many children were evacuated to Vellmouth during the First World War?")
U(H, "When was the Herring Festival first held, before it was revived?")
U(H, "how many raiders were killed when the Warden Bar battery opened fire")

# ---------------- coffee grinder FAQ ----------------
F(C, "how many beans does the hopper hold",
  ["a 300-gram bean hopper with lid"], ["300-gram"])
F(C, "How much coffee can the burrs grind before they wear out?",
  ["rated for roughly 800 kilograms of coffee"], ["800 kilograms"])
F(C, "Is the standard K7 noisier than the Plus?",
  ["slightly louder than the K7 Plus"], ["slightly louder", "67 decibels"])
F(C, "Does the grinder turn itself off if it runs too long?",
  ["switches itself off automatically after 90 seconds of continuous running"], ["90 seconds"])
F(C, "What setting should I use for espresso?",
  ["Adjust in single clicks for shot timing"], ["6\u201312"])
FU(C, ["What setting should I use for espresso?"],
   "and for an aeropress?",
   ["Finer for short steeps, coarser for long"], ["18\u201322"])
F(C, "how many grams of coffee for a french press",
  ["Stir once and steep for four minutes"], ["30 g"])
F(C, "What ratio of coffee to water for cold brew?",
  ["Steep in the fridge for 16 hours"], ["100 g per litre"])
F(C, "Which number range suits a stovetop moka pot?",
  ["Slightly coarser than an espresso grind"], ["14\u201317"])
F(C, "What draw-down time should I aim for with pour-over, and at which setting?",
  ["Aim for a draw-down near three minutes"], ["three minutes", "23\u201328"])
F(C, "why does my grind drift when I'm using the same beans",
  ["Fresh burrs cut slightly finer during their first two or three kilograms"], ["seasoning"])
F(C, "how do I get the top burr out",
  ["Pull the upper burr straight up using its two wire handles"], ["two wire handles"])
FU(C, ["how do I get the top burr out"],
   "And before that, how do I remove the hopper?",
   ["Turn the hopper anticlockwise to the unlock mark and lift it off"], ["anticlockwise"])
F(C, "grinder humming but no coffee coming out",
  ["a stone or a very hard bean has jammed the burrs"], ["stone"])
F(C, "What does the blinking red light mean?",
  ["A flashing red light means the overheat protection has stopped the motor"], ["overheat protection"])
FU(C, ["What does the blinking red light mean?"],
   "how long should I leave it",
   ["Let the grinder rest for at least 20 minutes"], ["20 minutes"])
F(C, "are worn burrs covered by the guarantee",
  ["are covered for six months only"], ["six months"])
F(C, "Where can I find the serial number?",
  ["printed on a silver label underneath the base"], ["silver label"])
U(C, "What grind setting do you recommend for a siphon brewer?")
U(C, "How much does the K7 cost?")
U(C, "price of a KB-40 replacement burr set")
U(C, "How long is the warranty on the older K5?")
U(C, "What is Korrel Customer Care's phone number?")
U(C, "How heavy is the K7?")

# ---------------- allotment society minutes ----------------
F(A, "What date was this year's AGM?",
  ["Held on Saturday 7 March 2026 at 2.00 pm"], ["7 March 2026"])
F(A, "How many members turned up in total?",
  ["making 37 members present in total"], ["37"])
F(A, "Why couldn't Leonard Quayle come?",
  ["who is recovering from knee surgery"], ["knee surgery"])
F(A, "how much money did the open day bring in for charity",
  ["The Open Day in August raised \u00a3412 for the Hollingford Hospice"], ["\u00a3412"])
F(A, "What got stolen from the tool store?",
  ["Small hand tools and a strimmer were taken"], ["strimmer", "hand tools"])
F(A, "Who audited the accounts?",
  ["checked by the independent examiner, Colin Ravensworth"], ["Colin Ravensworth"])
F(A, "What will a full plot cost per year after the increase?",
  ["a full plot should rise from \u00a348 to \u00a354"], ["\u00a354"])
FU(A, ["What will a full plot cost per year after the increase?"],
   "and a half plot?",
   ["for a half plot from \u00a326 to \u00a329"], ["\u00a329"])
F(A, "trading hut opening times",
  ["open on Sunday mornings from 10.00 am to 12.00 noon"], ["Sunday mornings"])
F(A, "Did the rent rise get voted through, and by how much?",
  ["Carried by 31 votes to 4, with 2 abstentions"], ["31 votes to 4"])
F(A, "can we keep chickens on our plots now",
  ["the motion was lost by 15 votes to 19"], ["lost"])
FU(A, ["can we keep chickens on our plots now"],
   "Will it be reconsidered?",
   ["could be looked at again in two years' time"], ["two years"])
F(A, "Why are carpets being banned as ground cover?",
  ["because old carpets shed microplastics and are costly to remove"], ["microplastics"])
F(A, "By when do I have to get rid of the carpet on my plot?",
  ["Existing carpet must be removed by 30 September 2026"], ["30 September 2026"])
F(A, "How much is the extra water trough expected to cost?",
  ["The cost is estimated at \u00a3640 and will come from reserves"], ["\u00a3640"])
F(A, "how much of my plot has to be cultivated to pass inspection",
  ["A plot must be at least 75 per cent cultivated"], ["75 per cent"])
F(A, "Are bonfires permitted on the allotments?",
  ["forbids bonfires on the site at any time"], ["forbids bonfires"])
F(A, "deadline for the water trough quotes",
  ["to obtain three quotes for the new water trough"], ["31 May 2026"])
F(A, "Who is responsible for securing the tool store with a new lock and light?",
  ["Doreen Ashcombe to fit a new padlock and a security light"], ["Doreen Ashcombe"])
U(A, "How many of the 64 plots are half plots?")
U(A, "What's the new web address of the society's website?")
U(A, "Who will be the next Chair after Doreen Ashcombe steps down?")
U(A, "How much was the water bill in 2024?")
U(A, "When was the Bramble Lane Allotment Society founded?")

# ---------------- night train guide ----------------
F(N, "when does the evening train out of castelbruck leave",
  ["leaves Castelbruck Central at 21:40 every evening"], ["21:40"])
FU(N, ["when does the evening train out of castelbruck leave"],
   "and what time does it get in",
   ["arrives in Sondreval Harbour at 07:55 the next morning"], ["07:55"])
F(N, "On which days does the Amber Line run?",
  ["on Tuesdays, Thursdays and Sundays, departing at 22:15"], ["Tuesdays, Thursdays and Sundays"])
F(N, "Is the Marrowgate service cheaper than the Castelbruck one?",
  ["Prices on the Amber Line are about ten per cent lower"], ["ten per cent lower"])
F(N, "How much is a comfort sleeper?",
  ["Private shower and toilet in the cabin"], ["\u20ac260"])
F(N, "Which cabin comes with a double bed?",
  ["Double bed, shower and dinner with wine"], ["Lunaris Suite"])
F(N, "I'm travelling alone - can I have a standard sleeper to myself, and what does that cost?",
  ["Single travellers may book a standard sleeper for sole use for \u20ac150"], ["\u20ac150"])
F(N, "Can I bring my bike on the Amber Line?",
  ["in the bicycle van on the Northern Star only"], ["Northern Star only"])
FU(N, ["Can I bring my bike on the Amber Line?"],
   "what's the charge on the other train then",
   ["for a fee of \u20ac15"], ["\u20ac15"])
F(N, "Can my dog travel with me in a couchette?",
  ["Pets are not allowed in couchettes or in the reclining seat carriage"], ["not allowed"])
F(N, "guide dog fare",
  ["Assistance dogs travel free in every type of accommodation"], ["free"])
F(N, "How late is the bar carriage open at night?",
  ["The lounge car is open from departure until 01:00"], ["01:00"])
F(N, "how much notice do you need for a gluten free meal",
  ["can be requested up to 48 hours before departure"], ["48 hours"])
F(N, "Is vaping allowed on board?",
  ["Smoking, including electronic cigarettes, is forbidden everywhere on the train"], ["forbidden"])
F(N, "What compensation do I get if we arrive 90 minutes late?",
  ["entitled to a refund of 25 per cent"], ["25 per cent"])
FU(N, ["What compensation do I get if we arrive 90 minutes late?"],
   "What about more than two hours?",
   ["delays of 120 minutes or more, the refund is 50 per cent"], ["50 per cent"])
F(N, "refund claim deadline",
  ["Refund claims must be submitted within 30 days of the journey"], ["30 days"])
F(N, "If my train is called off in the evening, will you pay for a hotel?",
  ["pay for a hotel room up to \u20ac120 per cabin"], ["\u20ac120"])
U(N, "How much is a three-berth couchette?")
U(N, "What time does the Amber Line reach Sondreval?")
U(N, "how much is a single ticket from Castelbruck to Marrowgate")
U(N, "Do students or railcard holders get a discount?")
U(N, "What is the phone number of the customer service line?")
U(N, "How long does the train wait at Feldhaven Junction?")

# ---------------- beekeeper biography ----------------
F(B, "What's Ottilie Brandvold's date of birth?",
  ["(12 April 1874 \u2013 3 November 1952) was a beekeeper, inventor"], ["12 April 1874"])
F(B, "Which village did Brandvold come from?",
  ["Brandvold was born in the village of Hessing Moor"], ["Hessing Moor"])
F(B, "how old was she when she got into bees",
  ["Her interest in bees began at the age of nine"], ["nine"])
FU(B, ["how old was she when she got into bees"],
   "What sparked it?",
   ["her grandmother gave her a straw skep colony"], ["straw skep colony", "grandmother"])
F(B, "what brand name was her honey sold under",
  ["throughout the Uplands under the label \"Moorgold\""], ["Moorgold"])
F(B, "What disease wiped out many of her hives in 1901?",
  ["a severe outbreak of foulbrood destroyed nearly half of her colonies"], ["foulbrood"])
F(B, "What was the bee strain she developed called?",
  ["The resulting strain, known as the Hessing bee"], ["Hessing bee"])
FU(B, ["What was the bee strain she developed called?"],
   "when did it get official recognition",
   ["was recognised by the Uplands Beekeepers' Union in 1927"], ["1927"])
F(B, "Brandvold frame patent year",
  ["the Brandvold frame, was patented in 1904"], ["1904"])
F(B, "Which company made the frames under licence?",
  ["manufactured under licence by the firm of Tamsin & Orde"], ["Tamsin & Orde"])
F(B, "Was her bellows smoker a commercial hit or a flop?",
  ["the smoker was expensive to produce and sold poorly"], ["sold poorly"])
F(B, "What was the winter hive wrap made of?",
  ["a quilted cover of waxed canvas and sheep's wool"], ["waxed canvas", "sheep's wool"])
F(B, "why couldn't heather honey go in a normal extractor",
  ["too thick to be spun out of the comb"], ["too thick"])
F(B, "How many editions did The Upland Apiary run to?",
  ["a practical manual that went through eleven editions"], ["eleven"])
F(B, "When did she get the Gold Medal of the Royal Society of Apiculture?",
  ["The Royal Society of Apiculture awarded her its Gold Medal in 1931"], ["1931"])
F(B, "Who was Brandvold's husband?",
  ["In 1899 Brandvold married Joren Salt, a schoolmaster"], ["Joren Salt"])
F(B, "what instrument did she play",
  ["She was also a keen violinist"], ["violinist"])
F(B, "How old was she when she passed away?",
  ["at the age of 78, after a short illness"], ["78"])
F(B, "When did the annual lecture in her name begin?",
  ["The annual Brandvold Lecture, established in 1962"], ["1962"])
U(B, "How much did a Brandvold frame sell for?")
U(B, "What illness did Ottilie Brandvold die of?")
U(B, "When did her son Peder die?")
U(B, "What were the names of Brandvold's brothers and sisters?")
U(B, "Who gave the first Brandvold Lecture?")

# ---------------- write ----------------
if __name__ == "__main__":
    rng = random.Random(1717)
    order = list(Q)
    rng.shuffle(order)
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "heldout.jsonl"), "w", encoding="utf-8") as fh:
        for i, q in enumerate(order, 1):
            rec = {"id": f"v17-{i:03d}", "kind": q["kind"], "question": q["question"],
                   "gold": q["gold"], "answer_any": q["answer_any"]}
            if q["kind"] == "followup":
                rec["history"] = q["history"]
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    from collections import Counter
    print("total", len(order), Counter(q["kind"] for q in order))
    print(Counter((q["doc"], q["kind"]) for q in order))
