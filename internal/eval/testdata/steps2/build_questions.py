#!/usr/bin/env python3
"""Build heldout.jsonl for the steps2 blind evaluation set."""
import json, os, random

B = "banking-app-help.md"
T = "smart-thermostat-guide.md"
L = "library-services.md"
P = "project-tool-help.md"

def q(doc, kind, question, gold=(), ans=(), history=None):
    d = {"doc": doc, "kind": kind, "question": question, "gold": list(gold), "answer_any": list(ans)}
    if history:
        d["history"] = list(history)
    return d

def u(doc, question):
    return q(doc, "unanswerable", question)

QUESTIONS = [
    # ---------------- banking app ----------------
    q(B, "factoid", "how do i add someone new to send money to",
      ["To add a new payee:"], ["Add payee"]),
    q(B, "factoid", "What are the steps to lock my card if I've misplaced it?",
      ["Switch on the Freeze card toggle."], ["Freeze card", "Card controls"]),
    q(B, "followup", "And how do I undo that once I've found it?",
      ["follow the same steps and switch the toggle off"], ["switch the toggle off"],
      history=["What are the steps to lock my card if I've misplaced it?"]),
    q(B, "factoid", "my card was pinched, how do i report it",
      ["To report a card as lost or stolen:"], ["Report lost or stolen", "Cancel and replace"]),
    q(B, "factoid", "How can I challenge a card payment I don't recognise?",
      ["Choose Something's wrong and then Dispute this payment."], ["Dispute this payment"]),
    q(B, "factoid", "where do i go to lower my cash machine withdrawal limit",
      ["Go to Profile and open Security and limits."], ["Security and limits", "Spending limits"]),
    q(B, "factoid", "How do I get last month's statement as a PDF?",
      ["Tap Download PDF or Share."], ["Statements and documents", "Download PDF"]),
    q(B, "factoid", "export transactions to spreadsheet",
      ["Tap the three-dot menu and choose Export transactions."], ["Export transactions"]),
    q(B, "factoid", "I'd like paper statements posted to me too, where's the setting for that?",
      ["you can switch them on in Profile under Paperless settings"], ["Paperless settings"]),
    q(B, "factoid", "Is there a cap on what I can send to someone I've only just added?",
      ["newly added payee is limited to £1,000 in the first 24 hours"], ["£1,000"]),
    q(B, "factoid", "How soon will a replacement card get to me?",
      ["Replacement cards arrive within 3 to 5 working days"], ["3 to 5 working days"]),
    q(B, "followup", "and do you charge for it?",
      ["there is no charge for the first replacement in any 12-month period"], ["no charge"],
      history=["How soon will a replacement card get to me?"]),
    q(B, "factoid", "time limit for disputing a transaction",
      ["Disputes must be raised within 120 days of the transaction date."], ["120 days"]),
    q(B, "factoid", "After I submit a dispute, how long until I hear something back?",
      ["We aim to give you a first response within 10 working days."], ["10 working days"]),
    q(B, "factoid", "I sent a bank transfer to a marketplace seller and it was a scam. Who should I ring?",
      ["please call our Scam Line on 0330 555 0192"], ["0330 555 0192", "Scam Line"]),
    q(B, "factoid", "What's the most I can pay by contactless in one go?",
      ["Contactless card payment"], ["£100 per payment"]),
    q(B, "followup", "can I change that in the app?",
      ["Contactless card payment"], ["No"],
      history=["What's the most I can pay by contactless in one go?"]),
    q(B, "factoid", "If I raise a spending limit, does it kick in straight away or is there a delay?",
      ["Raised limits apply after a 4-hour cooling-off period"], ["4-hour cooling-off period"]),
    u(B, "How do I set up a new standing order in the Quillon app?"),
    u(B, "can i use the quillon banking app on my apple watch"),
    u(B, "What's the daily limit for paying in cheques?"),
    u(B, "How much does a Premier account cost each month?"),
    u(B, "If I need a second replacement card within the same year, what's the fee?"),

    # ---------------- smart thermostat ----------------
    q(T, "factoid", "how do i fit the halo 3 myself",
      ["To install the Halo 3:"], ["Add device"]),
    q(T, "factoid", "How do I set up a heating timetable for weekdays?",
      ["To create a heating schedule:"], ["New schedule", "Add set point"]),
    q(T, "factoid", "can i duplicate monday's program onto the other days",
      ["pressing and holding the day name and choosing Copy to"], ["Copy to"]),
    q(T, "factoid", "How do I switch Away mode on manually?",
      ["To turn on Away mode by hand:"], ["house icon", "Away"]),
    q(T, "factoid", "how do I make it go into away mode automatically when we all leave the house",
      ["Switch on Use phone location."], ["Use phone location", "Away and Auto-Away"]),
    q(T, "factoid", "What are the steps to install new firmware right now instead of waiting?",
      ["To install an update straight away:"], ["Install now", "Check for updates"]),
    q(T, "factoid", "how to reboot the thermostat screen without losing anything",
      ["press and hold the touch ring for 10 seconds"], ["10 seconds"]),
    q(T, "factoid", "steps to wipe the Halo 3 back to factory settings",
      ["To perform a factory reset:"], ["25 seconds", "Reset"]),
    q(T, "followup", "and after that can I just add it to the app again straight away?",
      ["you must remove the old device from the Ambrel Home app"], ["remove the old device"],
      history=["steps to wipe the Halo 3 back to factory settings"]),
    q(T, "factoid", "Which one keeps my schedules, a restart or a factory reset?",
      ["A restart simply turns the thermostat off and on again"], ["A restart", "keeps all your settings"]),
    q(T, "factoid", "Will the Halo 3 run my electric storage heaters?",
      ["It is not compatible with mains-voltage electric storage heaters."], ["not compatible"]),
    q(T, "factoid", "Can it join my 5 GHz wifi network?",
      ["connects to your home Wi-Fi on the 2.4 GHz band only"], ["2.4 GHz"]),
    q(T, "factoid", "what temperature does Away mode hold by default",
      ["The default Away temperature is 14°C"], ["14°C"]),
    q(T, "followup", "could I set it to 20 degrees instead?",
      ["you can change it to anything between 7°C and 18°C"], ["between 7°C and 18°C"],
      history=["what temperature does Away mode hold by default"]),
    q(T, "factoid", "How far from home do our phones have to be before Auto-Away turns on?",
      ["more than 800 metres away for at least 20 minutes"], ["800 metres"]),
    q(T, "factoid", "what time of night do firmware updates happen",
      ["Updates install automatically between 02:00 and 04:00 local time"], ["02:00 and 04:00"]),
    q(T, "factoid", "Which firmware release brought in hot water scheduling?",
      ["Hot water scheduling for combi boilers"], ["3.4.0"]),
    u(T, "How do I link the Halo 3 to my voice assistant?"),
    u(T, "What changed in firmware 3.3.0?"),
    u(T, "how much does it cost to have an Ambrel engineer install it"),
    u(T, "What's the maximum number of Halo 3 thermostats I can add to one home?"),
    u(T, "How do I set up a hot water schedule in the app?"),

    # ---------------- library ----------------
    q(L, "factoid", "how do I sign up for a library card online",
      ["Bring proof of address to any branch within 30 days"], ["Submit application", "Join the library"]),
    q(L, "factoid", "How do I extend my loans on the website?",
      ["To renew your loans online:"], ["Renew selected"]),
    q(L, "factoid", "how do i put a book on hold",
      ["Click Place hold next to the item."], ["Place hold", "Confirm hold"]),
    q(L, "followup", "and how long will they keep it for me once it's in?",
      ["Items are kept on the collection shelf for seven days."], ["seven days"],
      history=["how do i put a book on hold"]),
    q(L, "factoid", "What do I need to do to start reading library e-books on my phone?",
      ["Install the Pagewell app from your phone's app store."], ["Pagewell"]),
    q(L, "factoid", "pay library fine online",
      ["To pay a fine online:"], ["Pay now", "Charges"]),
    q(L, "factoid", "Is it possible to renew by telephone?",
      ["You can also renew by phone on 01632 480 770"], ["01632 480 770"]),
    q(L, "factoid", "the e-book I want is already borrowed by someone, can I queue for it",
      ["you can join the waiting list by tapping Notify me"], ["Notify me"]),
    q(L, "factoid", "I don't live in Fenwick Vale, can I still get a card?",
      ["can buy a Guest Card for £12 a year"], ["Guest Card", "£12"]),
    q(L, "factoid", "How long can I keep a DVD?",
      ["DVDs and Blu-rays"], ["1 week"]),
    q(L, "factoid", "can i renew a new bestseller",
      ["Quick Reads and new bestsellers"], ["None"]),
    q(L, "factoid", "inter-library loan fee",
      ["called inter-library loans, cost £3.50 each"], ["£3.50"]),
    q(L, "followup", "and how long do they usually take to come in?",
      ["usually take two to four weeks to arrive"], ["two to four weeks"],
      history=["inter-library loan fee"]),
    q(L, "factoid", "Do I get charged if an e-book is late?",
      ["so there are never any fines for them"], ["never any fines"]),
    q(L, "factoid", "What's the daily late fee on adult books?",
      ["Overdue adult items are charged at 25p per day"], ["25p per day"]),
    q(L, "factoid", "I'm 70 - do I still have to pay overdue fines?",
      ["Members aged 65 and over are also exempt from overdue fines."], ["65 and over"]),
    q(L, "factoid", "how much do I have to owe before I'm stopped from borrowing",
      ["If you owe more than £10"], ["£10"]),
    u(L, "Can I read Pagewell e-books on my Kobo e-reader?"),
    u(L, "how do I change my library PIN"),
    u(L, "How long can I borrow music CDs for?"),
    u(L, "What time does the Central Library close on a Sunday?"),
    u(L, "how much does a replacement library card cost if I lose mine"),

    # ---------------- project tool ----------------
    q(P, "factoid", "how do i start a new project in tallyboard",
      ["To create a new project:"], ["Create project"]),
    q(P, "factoid", "How can I reuse one of my projects as a template?",
      ["To save a project as a template:"], ["Save as template"]),
    q(P, "factoid", "how do I hook Chatterbox up to our workspace",
      ["Find the tool you want and click Connect."], ["Integrations", "Connect"]),
    q(P, "factoid", "What are the steps to archive a completed project?",
      ["Scroll down to Danger zone and click Archive project."], ["Archive project", "Danger zone"]),
    q(P, "followup", "how do I get it back later?",
      ["open Archived projects at the bottom of the sidebar"], ["Restore"],
      history=["What are the steps to archive a completed project?"]),
    q(P, "factoid", "how do i add a team member",
      ["To invite someone to your workspace:"], ["Invite people", "Send invites"]),
    q(P, "factoid", "my invite expired before my colleague accepted it, can I send it again?",
      ["you can resend it from the Pending tab on the People page"], ["Pending"]),
    q(P, "factoid", "how do I stop the rest of the workspace seeing a project",
      ["open Project settings and set Visibility to Private"], ["Private"]),
    q(P, "factoid", "Can I set up integrations from the Android app?",
      ["can only be managed from the web or desktop apps"], ["web or desktop apps"]),
    q(P, "factoid", "how many projects can I have for free",
      ["On the Free plan you can have up to 5 active projects."], ["5 active projects"]),
    q(P, "factoid", "does saving a template bring across the attachments",
      ["but not its cards' comments, attachments or due dates"], ["not its cards' comments, attachments or due dates"]),
    q(P, "factoid", "which plan do I need for Ledgerly",
      ["Ledgerly"], ["Business"]),
    q(P, "factoid", "What does the Codeharbor integration do?",
      ["Links commits and pull requests to cards"], ["commits and pull requests"]),
    q(P, "factoid", "Do archived projects use up my free project allowance?",
      ["Archived projects do not count towards the 5-project limit"], ["do not count"]),
    q(P, "factoid", "how long do deleted projects hang around before they're gone for good",
      ["where it stays for 30 days before it is removed permanently"], ["30 days"]),
    q(P, "followup", "who can rescue it during that time?",
      ["a workspace admin can recover it from the Trash"], ["workspace admin"],
      history=["how long do deleted projects hang around before they're gone for good"]),
    q(P, "factoid", "can viewers leave comments",
      ["Viewers can see boards and leave reactions but cannot comment."], ["cannot comment"]),
    u(P, "Is there a Tallyboard desktop app for Linux?"),
    u(P, "How much does the Team plan cost per user per month?"),
    u(P, "How do I export a project to CSV?"),
    u(P, "Is there a Google Calendar integration?"),
    u(P, "how many guests can a Business plan workspace have"),
    u(P, "How do I duplicate a card onto another board?"),
]

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    items = list(QUESTIONS)
    random.Random(20261128).shuffle(items)
    with open(os.path.join(here, "heldout.jsonl"), "w", encoding="utf-8") as fh:
        for i, it in enumerate(items, 1):
            out = {"id": f"st2-{i:03d}", "kind": it["kind"], "question": it["question"],
                   "gold": it["gold"], "answer_any": it["answer_any"]}
            if "history" in it:
                out["history"] = it["history"]
            fh.write(json.dumps(out, ensure_ascii=False) + "\n")
    from collections import Counter
    print(len(items), Counter(x["kind"] for x in items), Counter(x["doc"] for x in items))
    print(Counter((x["doc"], x["kind"]) for x in items))

if __name__ == "__main__":
    main()
