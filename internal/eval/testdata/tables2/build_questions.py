#!/usr/bin/env python3
"""Build heldout.jsonl for folder tables2 (written blind, by hand)."""
import json, os, random

P, E, C, H = "phone-plans.md", "e-bikes.md", "conference-schedule.md", "hotel-rooms.md"

def F(doc, q, gold, ans):
    return {"doc": doc, "kind": "factoid", "question": q, "gold": gold, "answer_any": ans}

def FU(doc, hist, q, gold, ans):
    return {"doc": doc, "kind": "followup", "question": q, "gold": gold, "answer_any": ans, "history": hist}

def U(doc, q):
    return {"doc": doc, "kind": "unanswerable", "question": q, "gold": [], "answer_any": []}

Q = [
    # ---------------- phone-plans.md ----------------
    F(P, "how much does the Harbour plan set me back each month", ["17 VK"], ["17 VK"]),
    F(P, "Which plan gives you the biggest data allowance?", ["200 GB shared across up to five SIMs"], ["Lighthouse Family", "200 GB"]),
    F(P, "what's the cheapest plan that works on 5G", ["15 GB"], ["Harbour", "17 VK"]),
    F(P, "Is the Summit plan a 12 or a 24 month commitment?", ["120 GB"], ["24-month contract"]),
    F(P, "which plans have unlimited calling", ["40 GB", "120 GB"], ["Unlimited minutes"]),
    F(P, "streampass monthly price", ["StreamPass"], ["6 VK"]),
    F(P, "Can I add Device Cover if I'm on Harbour?", ["Device Cover"], ["Tide, Summit and Lighthouse Family"]),
    F(P, "what do I pay per day for roaming in Durnheim", ["Durnheim, Polvara, the Serrat Republic"], ["5 VK per day"]),
    F(P, "Which roaming zone does Quillon fall under?", ["Quillon, Adessa Bay, Tarrow Highlands"], ["Zone 3"]),
    FU(P, ["Which roaming zone does Quillon fall under?"], "and how long can I call home for each day there",
       ["Quillon, Adessa Bay, Tarrow Highlands"], ["30 minutes per day"]),
    F(P, "Does leftover data roll over into the next month?", ["up to 10 GB carries into the following month"], ["10 GB"]),
    F(P, "what happens to my speed when I run out of data on Pebble", ["your speed drops to 256 kbps until the next renewal"], ["256 kbps"]),
    F(P, "Is there a spending limit on roaming data?", ["once your charges for a single billing month pass 60 VK"], ["60 VK"]),
    F(P, "What's the penalty for getting out of my contract early?", ["an early exit fee equal to half of the remaining monthly charges"], ["half of the remaining monthly charges"]),
    F(P, "customer support opening hours saturday", ["from 9:00 to 17:00 on Saturdays"], ["9:00 to 17:00"]),
    F(P, "If I change my mind, how long do I have to send back my SIM?", ["New customers can return a SIM within 14 days"], ["14 days"]),
    FU(P, ["If I change my mind, how long do I have to send back my SIM?"], "is there a usage limit for that",
       ["provided they have used less than 1 GB of data"], ["1 GB"]),
    U(P, "What does the Coral plan cost per month?"),
    U(P, "how much is the daily roaming pass in Zone 5"),
    U(P, "In what year did Larkspur switch on its 5G network?"),
    U(P, "What time do the Port Aldery and Kestwick shops open on a Sunday?"),
    U(P, "How much is the 200 GB version of Cloud Backup?"),

    # ---------------- e-bikes.md ----------------
    F(E, "how far does the Ridge T go on one charge", ["130 km"], ["130 km"]),
    F(E, "Which model weighs the least?", ["17.4 kg"], ["Corvel Fold 20", "17.4 kg"]),
    F(E, "What's the price of the Ascent MX?", ["4,990 EUR"], ["4,990 EUR"]),
    F(E, "what motor is in the cargo bike", ["Hallvard M5 mid-drive, 250 W, 85 Nm"], ["Hallvard M5"]),
    F(E, "How big is the battery on the city bike?", ["Corvel Urban 7"], ["500 Wh"]),
    F(E, "which bike has the most torque", ["Hallvard M7 mid-drive, 250 W, 90 Nm"], ["Corvel Ascent MX", "90 Nm"]),
    F(E, "How long does the folding bike take to charge fully?", ["3.5 hours"], ["3.5 hours"]),
    F(E, "Does the Fold 20 have hydraulic or mechanical brakes?", ["Mechanical disc brakes"], ["Mechanical disc brakes"]),
    F(E, "how many years is the motor guaranteed for", ["3 years"], ["3 years"]),
    F(E, "battery warranty", ["2 years or 800 full charge cycles"], ["2 years", "800 full charge cycles"]),
    FU(E, ["battery warranty"], "what exactly does it cover", ["Covers loss of capacity below 70 percent"], ["70 percent"]),
    F(E, "Are worn tyres covered under the warranty?", ["Chain, tyres, brake pads"], ["Not covered"]),
    F(E, "What's the top speed the motor will help you reach?", ["All models are limited to 25 km/h of motor assistance"], ["25 km/h"]),
    F(E, "how much is the annual service", ["The yearly service needed for the motor warranty costs 89 EUR"], ["89 EUR"]),
    F(E, "home delivery charge", ["by a courier for a flat fee of 49 EUR"], ["49 EUR"]),
    F(E, "How many frame sizes is the Ascent MX available in?", ["The Ascent MX comes in four, adding an extra-large frame"], ["four"]),
    F(E, "Where can I try a bike out before buying?", ["The factory shop also offers test rides on Fridays and Saturdays"], ["Fridays and Saturdays"]),
    FU(E, ["Where can I try a bike out before buying?"], "how long do I get on it",
       ["you can book a 30-minute slot online"], ["30-minute"]),
    U(E, "How much does the Corvel Urban 5 cost?"),
    U(E, "What's the range of the Ascent MX in the highest assist mode?"),
    U(E, "how long is the charger guaranteed for"),
    U(E, "Does the Haul Duo come with child seats fitted?"),
    U(E, "What does a spare battery for the Ridge T cost?"),

    # ---------------- conference-schedule.md ----------------
    F(C, "Who's doing the opening keynote?", ["Opening keynote: Ten years of lakehouse mistakes"], ["Imogen Valdraxa"]),
    F(C, "what time is the talk on keeping cloud warehouse spending down", ["Cost control for cloud warehouses"], ["11:30"]),
    F(C, "Which room is the data contracts session in?", ["Data contracts in a 40-person startup"], ["Loft"]),
    F(C, "who is moderating the data quality panel", ["Panel: who owns data quality?"], ["Felix Brammel"]),
    F(C, "When does Ruth Kellingsworth run her workshop?", ["Workshop: testing pipelines with synthetic data"], ["15:30"]),
    F(C, "Who is presenting on moving away from an old Hadoop setup?", ["Migrating off a 15-year-old Hadoop cluster"], ["Hanne Juskowiak"]),
    FU(C, ["Who is presenting on moving away from an old Hadoop setup?"], "what time does that one start",
       ["Migrating off a 15-year-old Hadoop cluster"], ["10:15"]),
    F(C, "how much is a full price two-day pass", ["Both days, lunches, evening reception, recordings"], ["520 EUR"]),
    F(C, "What's the early bird rate for a single-day ticket?", ["One-Day Pass"], ["240 EUR"]),
    FU(C, ["What's the early bird rate for a single-day ticket?"], "and once early bird is over?", ["One-Day Pass"], ["310 EUR"]),
    F(C, "who is running the OpenTelemetry workshop", ["Workshop: observability with OpenTelemetry for pipelines"], ["Samir Odelbrook"]),
    F(C, "Where and when is the evening reception?", ["starts at 18:30 on the roof terrace"], ["18:30", "roof terrace"]),
    F(C, "what are the dates of the conference", ["takes place on 14 and 15 April 2027 at the Saltmarsh Exchange"], ["14 and 15 April 2027"]),
    F(C, "Will the workshops be filmed?", ["Workshops in the Cooper Room are not recorded"], ["not recorded"]),
    F(C, "early bird deadline", ["Early bird prices apply until 31 January 2027"], ["31 January 2027"]),
    F(C, "If I cancel my ticket in mid-March, do I get anything back?", ["at 50 percent until 31 March 2027"], ["50 percent"]),
    F(C, "how far is the venue from the train station", ["Quillfield Central station is a 12-minute walk from the Saltmarsh Exchange"], ["12-minute walk"]),
    U(C, "Who is giving the keynote on day three?"),
    U(C, "How much does the VIP pass cost?"),
    U(C, "what's the discounted room price at the Harbourlight Hotel"),
    U(C, "What company does keynote speaker Osric Thelwane work for?"),
    U(C, "How many people came to last year's DataWorks?"),

    # ---------------- hotel-rooms.md ----------------
    F(H, "how much is a lakeside twin per night", ["Lakeside Twin"], ["245 TSD"]),
    F(H, "How many square metres is the family room?", ["38 m²"], ["38 m²"]),
    F(H, "Which is the largest room you have?", ["54 m²"], ["Tower Suite"]),
    F(H, "cheapest room for a couple", ["189 TSD"], ["Forest Double", "189 TSD"]),
    F(H, "What time is breakfast served?", ["7:00 to 10:30, weekends until 11:00"], ["7:00 to 10:30"]),
    F(H, "is the restaurant open on mondays", ["18:00 to 22:00, closed on Mondays"], ["closed on Mondays"]),
    F(H, "how much to rent a rowing boat", ["Rowing boats 25 TSD per hour"], ["25 TSD per hour"]),
    F(H, "When is the spa open?", ["9:00 to 20:00 daily"], ["9:00 to 20:00"]),
    FU(H, ["When is the spa open?"], "how far in advance do treatments have to be booked",
       ["Treatments must be booked at least 24 hours ahead"], ["24 hours"]),
    F(H, "What's the charge for cancelling a Saver booking 10 days out?", ["7 to 14 days before arrival"], ["60 percent of the total stay"]),
    F(H, "flexible rate fee if I call off the stay the day before arrival", ["Less than 48 hours before arrival"], ["50 percent of the total stay"]),
    FU(H, ["flexible rate fee if I call off the stay the day before arrival"], "and with the saver rate?",
       ["Less than 48 hours before arrival"], ["100 percent of the total stay"]),
    F(H, "check out time", ["Check-in starts at 15:00 and check-out is by 11:00"], ["11:00"]),
    FU(H, ["check out time"], "can I leave later than that, and what does it cost",
       ["Late check-out until 14:00 costs 40 TSD"], ["40 TSD", "14:00"]),
    F(H, "Can we bring our dog along?", ["Dogs are welcome in the Forest Doubles and the Family Room"], ["Forest Doubles", "20 TSD per night"]),
    F(H, "what was the building used for before it was a hotel", ["The building was a tuberculosis sanatorium until 1958"], ["tuberculosis sanatorium"]),
    F(H, "When does the shuttle from Amberleigh station run?", ["at 12:30, 15:30 and 18:30, for 12 TSD per person each way"], ["12:30, 15:30 and 18:30"]),
    F(H, "Do you have rooms suitable for wheelchair users?", ["Two Forest Doubles on the ground floor are fully accessible"], ["Forest Doubles"]),
    U(H, "How much is a Lakeside Single per night?"),
    U(H, "how much does a massage at the Glasshouse Spa cost"),
    U(H, "Can I charge my electric car at the hotel?"),
    U(H, "What are the cancellation terms for a group booking of eight rooms?"),
    U(H, "How much would a taxi from Amberleigh station be?"),
]

random.Random(20261128).shuffle(Q)
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "heldout.jsonl")
with open(out, "w", encoding="utf-8") as fh:
    for i, q in enumerate(Q, 1):
        rec = {"id": f"ta2-{i:03d}", "kind": q["kind"], "question": q["question"],
               "gold": q["gold"], "answer_any": q["answer_any"]}
        if q["kind"] == "followup":
            rec["history"] = q["history"]
        fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
print(len(Q), "questions written to", out)
