#!/usr/bin/env python3
"""Build heldout.jsonl for folder tables1 (blind set, written by hand)."""
import json, os, random

F, U, FU = "factoid", "unanswerable", "followup"
P, L, FE, G = "pricing.md", "laptops.md", "ferry-timetable.md", "gym-membership.md"

def q(doc, kind, question, gold=(), ans=(), history=None):
    d = {"doc": doc, "kind": kind, "question": question, "gold": list(gold), "answer_any": list(ans)}
    if history:
        d["history"] = list(history)
    return d

QUESTIONS = [
    # ---------------- pricing.md ----------------
    q(P, F, "how much is the Atelier plan per month", ["€49 per month"], ["€49"]),
    q(P, F, "What does Foundry cost if I pay for a whole year at once?", ["€1,290 per year"], ["€1,290"]),
    q(P, F, "How many people can use the free tier?", ["Up to 3 users"], ["3 users"]),
    q(P, F, "cheapest plan where I can ring support on the phone", ["Phone, chat and email within 1 hour"], ["Foundry"]),
    q(P, F, "Studio plan support response time", ["Email within 2 business days"], ["2 business days"]),
    q(P, F, "How far back can I restore old page versions on Atelier?", ["Version history"], ["1 year"]),
    q(P, F, "what's the API limit per minute on Foundry", ["5,000 requests"], ["5,000 requests"]),
    q(P, F, "How much extra to get another 250 GB of space?", ["An additional 250 GB of file storage"], ["€8 per month"]),
    q(P, F, "Which plans can buy the priority onboarding package?", ["Priority onboarding"], ["Foundry and Citadel"]),
    q(P, F, "for how long does the archive vault hold retired workspaces", ["Read-only cold storage for retired workspaces, kept for 10 years"], ["10 years"]),
    q(P, FU, "and which plans is it available on?", ["SAML single sign-on for one identity provider"], ["Atelier only"],
      history=["what does the SSO Bridge add-on cost"]),
    q(P, F, "Do non-profits get a price reduction?", ["Registered charities and schools get 40% off Studio and Atelier"], ["40%"]),
    q(P, F, "how long can I test a paid plan before paying", ["Every paid plan can be tried free for 21 days."], ["21 days"]),
    q(P, F, "If I close my account, how long can I still get at my pages?", ["your workspace stays readable for 60 days"], ["60 days"]),
    q(P, F, "annual subscription refund window", ["Annual subscriptions can be refunded in full within 30 days of payment"], ["30 days"]),
    q(P, F, "Which data centre holds my workspace if I'm on Atelier?", ["Every other plan stores data in our Frankfurt region"], ["Frankfurt"]),
    q(P, F, "We've outgrown our user limit - can we just pay for a few more people instead of upgrading?", ["extra seats on any paid plan for €4 per user per month"], ["€4 per user per month"]),
    q(P, FU, "can Foundry customers settle it some other way?", ["can also pay by bank transfer against an invoice"], ["bank transfer"],
      history=["Which payment cards does Quillbase take?"]),
    q(P, U, "What does the Pulse plan cost per month?"),
    q(P, U, "Does Quillbase give a discount to military veterans?"),
    q(P, U, "what's the maximum size of a single file upload"),
    q(P, U, "What uptime does Quillbase guarantee on the Foundry plan?"),
    q(P, U, "When was Larkspur Software founded?"),

    # ---------------- laptops.md ----------------
    q(L, F, "how long does the N14 Air run on a charge", ["17 hours"], ["17 hours"]),
    q(L, F, "Which Nimbus is the lightest to carry around?", ["1.08 kg"], ["Nimbus N13", "1.08 kg"]),
    q(L, F, "what's the heaviest model in the range", ["2.35 kg"], ["Nimbus Forge"]),
    q(L, F, "What's the starting price of the Flip 14?", ["$1,199"], ["$1,199"]),
    q(L, F, "What kind of display does the N15 Pro have?", ["15.6-inch 2880x1800 OLED"], ["OLED", "15.6-inch"]),
    q(L, F, "which chip is inside the least expensive Nimbus", ["$749"], ["Korrin K5"]),
    q(L, F, "Can I swap the SSD in the N14 Air for a bigger one later?", ["512 GB or 1 TB SSD"], ["No, soldered"]),
    q(L, F, "how many M.2 slots in the Forge", ["Yes, two M.2 slots"], ["two M.2 slots"]),
    q(L, F, "Does the N14 Air have any regular USB-A sockets?", ["2 x Thunderbolt 4"], ["None"]),
    q(L, F, "which model has thunderbolt 5", ["2 x Thunderbolt 5"], ["Nimbus Forge"]),
    q(L, F, "How come the Forge can't charge over USB-C?", ["because it needs more power than USB-C can deliver under full load"], ["240 W barrel charger", "more power"]),
    q(L, F, "Why does the N14 Air outlast the other models on battery?", ["because it uses a fanless design and a larger 72 Wh battery"], ["fanless", "72 Wh"]),
    q(L, F, "does the flip 14 come with a stylus", ["it comes with the Halvard Scribe pen in the box"], ["Halvard Scribe pen"]),
    q(L, FU, "and the N15 Pro?", ["The N15 Pro and the Flip 14 are only available in Graphite."], ["Graphite"],
      history=["What colours does the N14 Air come in?"]),
    q(L, F, "How much is the three-year CarePlus cover for the Forge?", ["$219 for the N15 Pro and Forge"], ["$219"]),
    q(L, FU, "what about for the Forge?", ["except the Forge, whose battery costs $139"], ["$139"],
      history=["How much is a new battery once the warranty has run out?"]),
    q(L, F, "where are these laptops put together", ["designed in Gothenburg and assembled in Porto"], ["Porto"]),
    q(L, U, "What's the battery life of the Nimbus N17?"),
    q(L, U, "what resolution is the webcam on the N13"),
    q(L, U, "How much does the Forge cost with 64 GB of memory and the 4 TB drive?"),
    q(L, U, "Which graphics card is in the N15 Pro?"),
    q(L, U, "How many watts is the N13's charger?"),

    # ---------------- ferry-timetable.md ----------------
    q(FE, F, "What time is the earliest boat from Kelwick to Orrisay?", ["06:45"], ["06:45"]),
    q(FE, F, "which days does the morning crossing to Tarn Holm sail", ["08:05"], ["Monday, Wednesday and Friday"]),
    q(FE, F, "What's the last ferry back to the mainland from Orrisay?", ["20:40"], ["20:40"]),
    q(FE, F, "Is there an evening sailing to Orrisay on a Tuesday?", ["19:20"], ["Friday and Sunday only"]),
    q(FE, F, "if I catch the afternoon boat off Tarn Holm when do I get into Kelwick", ["16:45"], ["19:00"]),
    q(FE, F, "How much is a single for an adult on foot to Tarn Holm?", ["Adult foot passenger"], ["£12.90"]),
    q(FE, F, "cost to bring a car over to Orrisay", ["Car or van up to 5 m"], ["£38.50"]),
    q(FE, F, "What does a kid's ticket to Orrisay cost?", ["Child (5 to 15)"], ["£3.70"]),
    q(FE, FU, "And to Tarn Holm?", ["Campervan or motorhome over 5 m"], ["£118.00"],
      history=["How much is it to take a motorhome to Orrisay?"]),
    q(FE, F, "are dogs allowed on board", ["Up to 2 per passenger, free"], ["Up to 2 per passenger"]),
    q(FE, F, "kayak charge", ["Kayaks and canoes"], ["£9.00 each way"]),
    q(FE, F, "Can I pack a camping gas canister in my rucksack?", ["Not permitted as passenger luggage"], ["Not permitted"]),
    q(FE, F, "how early do I need to be at the terminal with my car", ["30 minutes before departure if you are travelling with a vehicle"], ["30 minutes"]),
    q(FE, F, "Why is the trip to Tarn Holm so much longer?", ["calls briefly at the pier on Little Ness"], ["Little Ness"]),
    q(FE, F, "can I get a coffee on the Skerry Rose", ["has a vending machine but no café"], ["no café", "vending machine"]),
    q(FE, F, "Do people who live on the islands pay less?", ["pay 50% of the standard adult and vehicle fares"], ["50%"]),
    q(FE, FU, "what if I only cancel the day before?", ["after that, no refund is given"], ["no refund"],
      history=["Will I get my money back if I cancel my car booking?"]),
    q(FE, F, "What period does this summer timetable cover?", ["This timetable is valid from 1 April to 31 October 2027."], ["1 April", "31 October 2027"]),
    q(FE, U, "How much does it cost to take a trailer to Orrisay?"),
    q(FE, U, "first sailing to Orrisay on the winter timetable"),
    q(FE, U, "Is there a family ticket for two adults and two children?"),
    q(FE, U, "What time does the ticket kiosk at Kelwick open?"),
    q(FE, U, "how long is the crossing from Kelwick to Little Ness"),

    # ---------------- gym-membership.md ----------------
    q(G, F, "How much is Roam a month?", ["£42.99"], ["£42.99"]),
    q(G, F, "which membership gets you the most guest passes", ["4 per month"], ["Roam Plus"]),
    q(G, F, "Can I do classes on the Off-Peak plan?", ["Not included"], ["Not included"]),
    q(G, F, "price of the yearly membership paid in one go", ["£429 paid upfront"], ["£429"]),
    q(G, F, "When am I allowed in with an off-peak membership?", ["between 10:00 and 16:00 on weekdays"], ["10:00", "16:00"]),
    q(G, F, "I'm on Core - can I use the saunas in the recovery suite and what does it cost?", ["Other members can use the recovery suite for £6 per visit."], ["£6 per visit"]),
    q(G, FU, "for how long?", ["for up to two months at a time"], ["two months"],
      history=["Can I put my monthly membership on hold?"]),
    q(G, F, "who takes the yin yoga class", ["Yin Yoga (60 minutes)"], ["Orla Fenwick"]),
    q(G, F, "What day is Boxfit on?", ["Boxfit"], ["Thursday"]),
    q(G, FU, "who leads it?", ["Beginners' Climbing (90 minutes)"], ["Ines Barreto"],
      history=["When is the beginners' climbing session at Harbour Quay?"]),
    q(G, F, "what happens if I keep missing classes I booked", ["you cannot book classes in advance for the following 14 days"], ["14 days"]),
    q(G, F, "Is the Old Tannery club open on bank holidays?", ["06:30 to 21:30"], ["Closed"]),
    q(G, F, "which Ironleaf gym never closes during the day or night", ["Open 24 hours"], ["Castlegate"]),
    q(G, FU, "and on Sundays?", ["08:00 to 16:00"], ["08:00 to 16:00"],
      history=["What are Fernside's opening hours on weekdays?"]),
    q(G, F, "When are there staff at Castlegate?", ["Castlegate is staffed from 09:00 to 21:00 every day"], ["09:00 to 21:00"]),
    q(G, F, "is there a sign-up fee if I join at the front desk", ["a one-off joining fee of £25 applies"], ["£25"]),
    q(G, F, "Can my 15-year-old become a member?", ["Members aged 14 to 17 can join on Core or Roam"], ["14 to 17"]),
    q(G, U, "What time is the Saturday spin class at Harbour Quay?"),
    q(G, U, "opening hours of the Kingsgate club"),
    q(G, U, "How much is a one-day pass?"),
    q(G, U, "Who teaches Pilates at the Millbrook club?"),
    q(G, U, "What does a personal training session cost for a Core member?"),
]

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    items = list(QUESTIONS)
    random.Random(20261128).shuffle(items)
    with open(os.path.join(here, "heldout.jsonl"), "w", encoding="utf-8") as fh:
        for i, it in enumerate(items, 1):
            out = {"id": f"ta1-{i:03d}", "kind": it["kind"], "question": it["question"],
                   "gold": it["gold"], "answer_any": it["answer_any"]}
            if "history" in it:
                out["history"] = it["history"]
            fh.write(json.dumps(out, ensure_ascii=False) + "\n")
    print(len(items), "questions written")

if __name__ == "__main__":
    main()
