#!/usr/bin/env python3
"""Build heldout.jsonl for folder v (blind QA evaluation set).

Each entry is tagged with its source document (doc); the tag is NOT written
to heldout.jsonl. Order is shuffled with a fixed seed; ids v-001.. follow
the shuffled order.
"""
import json, os, random

RV = "robot-vacuum-manual.md"
NS = "novel-summary.txt"
GR = "grant-guidelines.md"
IN = "incident-postmortem.md"
HK = "hiking-trail-guide.txt"

def F(doc, q, gold, ans):
    return {"doc": doc, "kind": "factoid", "question": q, "gold": gold, "answer_any": ans}

def FU(doc, hist, q, gold, ans):
    return {"doc": doc, "kind": "followup", "question": q, "gold": gold, "answer_any": ans, "history": hist}

def U(doc, q):
    return {"doc": doc, "kind": "unanswerable", "question": q, "gold": [], "answer_any": []}

Q = [
    # ---------------- robot vacuum manual ----------------
    F(RV, "what Wi-Fi band does the Sweepa need", ["The Sweepa R9 connects only to 2.4 GHz Wi-Fi networks"], ["2.4 GHz"]),
    F(RV, "How long should I charge the robot before using it the first time?", ["charge for at least four hours before its first cleaning run"], ["four hours"]),
    F(RV, "how much clearance does the charging base need in front", ["free space on each side and 1.5 metres in front"], ["1.5 metres"]),
    F(RV, "How noisy is the quiet setting?", ["Quiet mode runs at 58 decibels and is recommended"], ["58 decibels"]),
    F(RV, "battery life on max suction", ["reduces the run time to about 70 minutes"], ["70 minutes"]),
    F(RV, "Roughly how long will the initial mapping take in a 90 m² apartment?", ["A typical 90-square-metre flat takes about 40 minutes to map"], ["40 minutes"]),
    F(RV, "We have three floors - can the robot remember a map for each one?", ["The robot can store up to four maps"], ["four maps"]),
    F(RV, "what does it do if the battery runs low halfway through cleaning", ["the robot returns to the dock, recharges to 80 percent", "and then resumes cleaning where it stopped"], ["80 percent", "Resume Clean"]),
    F(RV, "Is it OK to rinse the HEPA filter with water?", ["The HEPA filter must not be washed"], ["must not be washed"]),
    F(RV, "What does error E7 mean?", ["Dust bin is missing or not seated properly"], ["Dust bin is missing or not seated properly"]),
    F(RV, "robot is showing E12, how do I fix it", ["Move the robot to a room between 10 and 35 °C"], ["between 10 and 35 °C"]),
    F(RV, "The vacuum keeps wedging itself beneath my couch. How can I stop that?", ["add a no-go zone there", "place the magnetic boundary strip in front of it"], ["no-go zone", "magnetic boundary strip"]),
    F(RV, "How long does a full recharge take from a flat battery?", ["About 4.5 hours from empty"], ["4.5 hours"]),
    F(RV, "how high a door sill can it climb over", ["2 cm thresholds and rugs"], ["2 cm"]),
    F(RV, "battery warranty length", ["The battery is covered for 12 months only"], ["12 months"]),
    F(RV, "Where can I find the robot's serial number?", ["serial number, which is printed under the dust bin"], ["under the dust bin"]),
    F(RV, "Why isn't pausing the robot enough before I clean it by hand?", ["The brush roll can start unexpectedly if the robot is only paused"], ["start unexpectedly"]),
    F(RV, "If I register the vacuum in the app a month after buying it, do I get a longer warranty?", ["receive one additional year of warranty on the robot"], ["one additional year"]),
    FU(RV, ["How big is the dust bin on the Sweepa R9?"], "and how often am I supposed to empty it?", ["Empty the dust bin after every cleaning run"], ["after every cleaning run"]),
    FU(RV, ["When should I replace the HEPA filter?"], "What about the main brush roll?", ["Replace the main brush roll every 12 months"], ["12 months"]),
    FU(RV, ["What does error code E1 mean on the Sweepa?"], "and E5?", ["Cliff sensors are dirty or blocked"], ["Cliff sensors are dirty or blocked"]),
    U(RV, "What does error code E4 mean?"),
    U(RV, "How much does the Sweepa R9 cost?"),
    U(RV, "How long does a Spot mode clean take?"),
    U(RV, "what's the run time in quiet mode"),
    U(RV, "price of a replacement HEPA filter"),
    U(RV, "What is the phone number for Quillmere Support?"),
    U(RV, "How long does the robot take to recharge to 80 percent during Resume Clean?"),

    # ---------------- novel summary ----------------
    F(NS, "Who is the author of The Salt Cartographer?", ["is the third novel by the writer Ilsabet Varrow"], ["Ilsabet Varrow"]),
    F(NS, "What was Varrow's job before she started writing novels?", ["worked for eleven years as a surveyor for the Merrowick Harbour Board"], ["surveyor"]),
    F(NS, "Which town does Teodor come from?", ["a young mapmaker from the inland town of Cardle"], ["Cardle"]),
    F(NS, "who owns the company that hires teodor", ["owned by the ruthless widow Orla Lantry"], ["Orla Lantry"]),
    F(NS, "What does Sefa get in return for guiding Teodor through the marshes, and why does she want it?", ["in exchange for lessons in reading and arithmetic", "because she hopes to become a harbour pilot one day"], ["lessons in reading and arithmetic", "harbour pilot"]),
    F(NS, "how come Teodor keeps a second, secret set of maps", ["any fixed map of the marshes will be wrong within a year"], ["wrong within a year"]),
    F(NS, "How much marshland did the company lay claim to in 1879?", ["claim almost nine thousand acres of marsh"], ["nine thousand acres"]),
    F(NS, "How did Sefa's father lose his life?", ["he drowns the following spring when his ferry capsizes"], ["drowns", "ferry capsizes"]),
    F(NS, "Which lawyer brings the case before the Land Court?", ["Together they take them to a young lawyer, Mattias Orne"], ["Mattias Orne"]),
    F(NS, "who was Orla Lantry's advocate in the trial", ["Orla Lantry hires the famous advocate Gideon Strell"], ["Gideon Strell"]),
    F(NS, "Who ran the Lantry company after Orla passed away?", ["her nephew Corvin Lantry takes over the company"], ["Corvin Lantry"]),
    F(NS, "In what year does Sefa become a licensed harbour pilot?", ["the first woman licensed as a harbour pilot in Merrowick, in 1888"], ["1888"]),
    F(NS, "What's the famous closing line of the book?", ["A true map is a diary of the sea"], ["A true map is a diary of the sea"]),
    F(NS, "Did the novel win the Northern Lantern Award?", ["shortlisted for the Northern Lantern Award but lost to Pell Arrowsmith's novel"], ["The Quiet Foundry", "lost"]),
    F(NS, "What did Varrow do with the money from the Aldermere prize?", ["gave the Aldermere prize money of 30,000 crowns to a school"], ["a school for the children of salt workers"]),
    F(NS, "Who played Sefa on TV?", ["starred Ruan Callowby as Teodor and Imke Fairholt as Sefa"], ["Imke Fairholt"]),
    F(NS, "what became of the film version", ["production was halted in 2022", "Brightwake Pictures, ran into financial problems"], ["halted in 2022", "financial problems"]),
    F(NS, "Is there going to be a sequel?", ["she will not write a sequel to The Salt Cartographer"], ["will not write a sequel"]),
    F(NS, "Which reviewer thought the courtroom part dragged on?", ["the Cardle Review complained that the courtroom section was"], ["the Cardle Review", "two hundred pages too long"]),
    FU(NS, ["Who directed the TV adaptation of The Salt Cartographer?"], "how many episodes did it have", ["A six-part television series based on the novel"], ["six-part"]),
    FU(NS, ["When did the stage version of The Salt Cartographer open?"], "and how many shows did it run for?", ["It ran for 212 performances"], ["212"]),
    FU(NS, ["What was Ilsabet Varrow's first novel?"], "when did it come out", ["Her first two novels, The Lamp Keepers (2002) and Winter Ledger (2006)"], ["2002"]),
    U(NS, "Who designed the cover of The Salt Cartographer?"),
    U(NS, "What year was Teodor Anselm born?"),
    U(NS, "Who played Orla Lantry in the TV series?"),
    U(NS, "How much prize money came with the Greywater Medal?"),
    U(NS, "how many copies has The Glass Orchard sold"),
    U(NS, "In what year does Teodor die?"),
    U(NS, "Who was cast as Teodor in the planned film?"),

    # ---------------- grant guidelines ----------------
    F(GR, "Which organisation administers the Brennock Valley Community Fund?", ["The fund is managed by the Tessaly Foundation"], ["Tessaly Foundation"]),
    F(GR, "where does the fund's money come from", ["paid for by a share of the district's wind farm income"], ["wind farm income"]),
    F(GR, "Our charity is based just outside the district. Can we still apply?", ["show that at least 75 percent of the people who benefit"], ["75 percent"]),
    F(GR, "We only set up our group six months ago - are we eligible?", ["may still apply, but only for a Small Grant"], ["Small Grant"]),
    F(GR, "Can a church apply for funding?", ["Faith groups may apply for projects that are open to everyone"], ["open to everyone"]),
    F(GR, "What's the most you can get from a Main Grant?", ["From £5,001 up to £25,000"], ["£25,000"]),
    F(GR, "how long till we hear back on a small grant application", ["Within 6 weeks of deadline"], ["6 weeks"]),
    F(GR, "Can volunteer hours count toward the match funding, and at what rate?", ["at a rate of £15 per hour"], ["£15 per hour"]),
    F(GR, "We lease the park we want to improve rather than own it. What paperwork do we need?", ["a letter from the landowner agreeing to the work", "lasts for at least five years after the project ends"], ["five years", "letter from the landowner"]),
    F(GR, "what happens to applications that miss the deadline", ["Late applications will be held over to the next deadline"], ["held over to the next deadline"]),
    F(GR, "Will the fund pay for a minibus?", ["Buying vehicles, including minibuses and electric bikes"], ["Buying vehicles"]),
    F(GR, "consultant fees limit", ["Consultants' fees above 10 percent of the grant requested"], ["10 percent"]),
    F(GR, "Which scoring criterion counts the most?", ["Clear evidence that local people need this project"], ["Need", "30%"]),
    F(GR, "What is the minimum score needed to get funded?", ["must score at least 60 percent overall to be considered for funding"], ["60 percent"]),
    F(GR, "If two bids end up with identical scores, which one wins?", ["the panel will prefer the one from the smaller organisation"], ["smaller organisation"]),
    F(GR, "How long do I have to return the signed offer letter?", ["must be signed and returned within 28 days"], ["28 days"]),
    F(GR, "Is the Youth Start Grant still available?", ["which ran from 2023 to 2026, has been closed"], ["has been closed"]),
    F(GR, "who is the grants officer", ["contact the grants officer, Marnie Castellow"], ["Marnie Castellow"]),
    FU(GR, ["How big can a Green Spaces Grant be?"], "and how long can the project last?", ["No longer than 18 months"], ["18 months"]),
    FU(GR, ["When are the Small Grant deadlines in 2027?"], "what about for main grants", ["have two deadlines: 30 April and 29 October"], ["30 April", "29 October"]),
    FU(GR, ["What was the largest Main Grant you could get in 2026?"], "And what is it this year?", ["the maximum Main Grant has risen from £20,000 to £25,000"], ["£25,000"]),
    U(GR, "How much was the Youth Start Grant worth?"),
    U(GR, "How many applications were funded in 2026?"),
    U(GR, "How much weight does innovation carry in the scoring?"),
    U(GR, "What is the total budget of the fund for 2027?"),
    U(GR, "where is the Brennock Volunteer Centre"),
    U(GR, "What time do the online information sessions start?"),

    # ---------------- incident postmortem ----------------
    F(IN, "How long were customers unable to check out?", ["could not complete purchases for 2 hours and 47 minutes"], ["2 hours and 47 minutes"]),
    F(IN, "Was search also down during the outage?", ["Browsing, search and account pages kept working throughout the incident"], ["kept working"]),
    F(IN, "what was the connection pool limit accidentally set to", ["limited the number of open connections to 40 instead of 400"], ["40"]),
    F(IN, "How many orders were lost, and how much revenue was that?", ["We estimate 6,900 orders were lost, worth roughly €412,000 in sales"], ["6,900", "€412,000"]),
    F(IN, "How many shoppers paid but never got an order confirmation?", ["1,240 customers were charged by the payment provider but did not receive"], ["1,240"]),
    F(IN, "What compensation did the affected customers get?", ["Each of them also received a voucher worth €15 as an apology"], ["€15"]),
    F(IN, "At what time was the faulty config change merged?", ["Engineer merges change CFG-2218 to tidy up proxy settings"], ["13:52"]),
    F(IN, "who was the incident commander", ["Incident commander Wenna Tarrow joins and takes over coordination"], ["Wenna Tarrow"]),
    F(IN, "How did the typo get past code review?", ["the diff showed more than 300 changed lines", "the single altered number was easy to miss"], ["more than 300 changed lines"]),
    F(IN, "Why did it take 13 minutes before anyone was paged?", ["stays above 5 percent for ten minutes"], ["5 percent", "ten minutes"]),
    F(IN, "why was the on-call engineer slow to acknowledge", ["he was travelling between offices on a train with poor signal"], ["on a train", "poor signal"]),
    F(IN, "Which Tollgate release did responders blame at first?", ["the Tollgate release from that morning, version 8.14.0"], ["8.14.0"]),
    F(IN, "Why did nobody notice the pool exhaustion warnings sooner?", ["sent to a dashboard owned by the database team", "were not connected to any alert"], ["not connected to any alert"]),
    F(IN, "Why was the revert so slow to roll out?", ["Kestrel rolls out configuration changes in waves of ten percent of instances", "with a five-minute pause between waves"], ["waves of ten percent", "five-minute pause"]),
    F(IN, "who owns the action to alert on pool exhaustion", ["Add an alert for Sluice pool exhaustion warnings"], ["Bastian Roole"]),
    F(IN, "Until A6 is finished, how frequently will the reconciliation job run?", ["run a reconciliation job every 15 minutes"], ["every 15 minutes"]),
    F(IN, "What caused the earlier checkout outage back in February?", ["was caused by an expired TLS certificate and lasted 41 minutes"], ["expired TLS certificate"]),
    F(IN, "Who wrote this postmortem?", ["Author: Dagny Whitlow, Site Reliability Engineering"], ["Dagny Whitlow"]),
    FU(IN, ["Who was the on-call engineer during the checkout outage?"], "When did he acknowledge the page?", ["On-call engineer Bastian Roole acknowledges the page and opens an incident"], ["14:27"]),
    FU(IN, ["Who is responsible for giving incident commanders Kestrel emergency mode?"], "and by when", ["Grant Kestrel emergency mode to all incident commanders"], ["7 October 2026"]),
    FU(IN, ["What did the team try first to fix checkout?"], "Did that help?", ["Team rolls back the latest Tollgate release, with no improvement"], ["no improvement"]),
    U(IN, "What is the name of the engineer who merged CFG-2218?"),
    U(IN, "What was the name of the engineer who reviewed CFG-2218?"),
    U(IN, "How many orders were lost in the February outage?"),
    U(IN, "What is the due date for action item A7?"),
    U(IN, "Which two people were allowed to use Kestrel's emergency mode?"),
    U(IN, "what was the peak checkout error rate during the incident"),
    U(IN, "Which PostgreSQL version does the order database run?"),

    # ---------------- hiking trail guide ----------------
    F(HK, "How long is the Kestraven Ridge Way in total?", ["a long-distance walking trail of 148 kilometres"], ["148 kilometres"]),
    F(HK, "who maintains the trail", ["the Dunmorrow Uplands Trust, which still maintains the route"], ["Dunmorrow Uplands Trust"]),
    F(HK, "What do the trail markers look like?", ["waymarked with a white kestrel symbol on a green background"], ["white kestrel symbol"]),
    F(HK, "When are the huts staffed?", ["The main season runs from mid-May to the end of September"], ["mid-May to the end of September"]),
    F(HK, "Is it safe to do the route in winter?", ["the Trust advises against walking the route without winter mountaineering experience"], ["winter mountaineering experience", "ice axe and crampons"]),
    F(HK, "which month is ideal for walking it", ["June is generally considered the best month"], ["June"]),
    F(HK, "Do I need a permit just for a day hike?", ["Walkers do not need a permit for day walks on the trail"], ["do not need a permit"]),
    F(HK, "Can I pick up the reserve camping permit at Hollin Lodge when I arrive?", ["but they are not sold at the huts"], ["not sold at the huts"]),
    F(HK, "are campfires allowed in summer", ["Fires are forbidden everywhere along the route between April and October"], ["forbidden"]),
    F(HK, "Who are the wardens of Corrie Hut?", ["run by the warden couple Aled and Ria Penmarrow"], ["Aled and Ria Penmarrow"]),
    F(HK, "Can I take my dog through Hollin Gorge?", ["Dogs are not allowed on this stage", "because golden eagles nest on the crags between March and July"], ["not allowed"]),
    F(HK, "What's the highest point of the trail, and how high is it?", ["crosses the Windgap Pass, at 1,612 metres the highest point"], ["Windgap Pass", "1,612 metres"]),
    F(HK, "When and why was Greyfold Hut rebuilt?", ["rebuilt in 2017 after a fire destroyed the original building"], ["2017", "fire"]),
    F(HK, "When does hut booking open for next season?", ["which opens on 1 December for the following season"], ["1 December"]),
    F(HK, "hut cancellation refund policy", ["more than 14 days before the stay receive a full refund"], ["14 days", "full refund"]),
    F(HK, "Which huts can I board my dog at?", ["Brannock Tarn Hut and Corrie Hut have kennels that can be booked"], ["Brannock Tarn Hut", "Corrie Hut"]),
    F(HK, "the river on stage 7 is in flood, what now", ["walkers should use the forestry road, which adds four kilometres"], ["forestry road"]),
    F(HK, "How many times did mountain rescue get called out on the trail in 2025?", ["the rescue team was called out 37 times on the trail"], ["37"]),
    FU(HK, ["How many beds does Corrie Hut have?"], "And Stannick Bothy?", ["the smallest hut on the route, with only 14 beds"], ["14 beds"]),
    FU(HK, ["How much does the Reserve Camping Permit cost?"], "do kids have to pay it too", ["children under 16 go free"], ["under 16 go free"]),
    FU(HK, ["Can I get to Ashcombe Wick by train?"], "How often do they run?", ["trains from the city of Porthale every two hours"], ["every two hours"]),
    U(HK, "How many beds are there at Greyfold Hut?"),
    U(HK, "How much height do you gain on stage 5?"),
    U(HK, "how much is a room at the Oddmire Inn"),
    U(HK, "What is the phone number of the Ashcombe Wick visitor centre?"),
    U(HK, "How many people finish the whole Kestraven Ridge Way each year?"),
    U(HK, "Does Hollin Lodge have showers?"),
    U(HK, "How long does the bus from Teln to Porthale take?"),
]

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    items = list(Q)
    random.Random(20261128).shuffle(items)
    with open(os.path.join(here, "heldout.jsonl"), "w", encoding="utf-8") as fh:
        for i, q in enumerate(items, 1):
            rec = {"id": f"v-{i:03d}", "kind": q["kind"], "question": q["question"],
                   "gold": q["gold"], "answer_any": q["answer_any"]}
            if q["kind"] == "followup":
                rec["history"] = q["history"]
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    from collections import Counter
    print("total", len(items), Counter(q["kind"] for q in items))
    print(Counter((q["doc"], q["kind"]) for q in items))

if __name__ == "__main__":
    main()
