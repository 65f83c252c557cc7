#!/usr/bin/env python3
"""Build heldout.jsonl for folder steps1 (blind QA set over docs/)."""
import json, os, random

A, B, P, T = "account-help.md", "billing-help.md", "printer-guide.md", "teams-admin.md"

def f(doc, q, gold, ans):
    return {"doc": doc, "kind": "factoid", "question": q, "gold": gold, "answer_any": ans}

def fu(doc, hist, q, gold, ans):
    return {"doc": doc, "kind": "followup", "history": hist, "question": q, "gold": gold, "answer_any": ans}

def u(doc, q):
    return {"doc": doc, "kind": "unanswerable", "question": q, "gold": [], "answer_any": []}

QUESTIONS = [
    # ---------------- account-help.md (Snapwyn) ----------------
    f(A, "how do I sign up for snapwyn", ["To create a new Snapwyn account:"], ["Get Started"]),
    f(A, "forgot my password what do i do", ["To reset a forgotten password:"], ["Trouble Signing In", "Reset Password"]),
    f(A, "How can I enable two-step verification on my Snapwyn profile?", ["To turn on two-factor login:"], ["Two-Factor Login"]),
    f(A, "what are the steps to close my account for good", ["To delete your account permanently:"], ["Delete Permanently"]),
    f(A, "How do I make my albums private so only I can see them?", ["To change who can see your albums:"], ["Just Me"]),
    f(A, "I still know my current password but want a new one, where do I do that?", ["go to Settings > Security > Change Password instead"], ["Change Password"]),
    f(A, "how do i block somebody who keeps bothering me", ["tap the three dots, and choose Block"], ["three dots"]),
    f(A, "How can I get a copy of all my pictures before I leave?", ["Go to Settings > Account > Download My Photos"], ["Download My Photos"]),
    f(A, "keep GPS location on uploaded pictures", ["switch on Keep Location Data under Settings > Privacy"], ["Keep Location Data"]),
    f(A, "can I rename my username and how often", ["You can change your username once every 30 days"], ["30 days"]),
    f(A, "How old do you have to be to join Snapwyn?", ["You must be at least 14 years old"], ["14"]),
    f(A, "How long does a password reset link stay valid?", ["Reset links are valid for 45 minutes"], ["45 minutes"]),
    f(A, "How many backup codes do I get when setting up 2FA?", ["When you finish setup, Snapwyn shows ten backup codes"], ["ten"]),
    fu(A, ["How many backup codes do I get when setting up 2FA?"], "and can I use each one more than once?", ["Each backup code works once"], ["works once"]),
    f(A, "if my profile is public, can people who aren't logged in see my albums", ["Anyone, including signed-out visitors"], ["Anyone, including signed-out visitors"]),
    f(A, "I requested deletion but changed my mind, can I undo it?", ["If you sign in during those 21 days, the deletion is cancelled"], ["21 days"]),
    fu(A, ["I requested deletion but changed my mind, can I undo it?"], "and once that window is over how quickly is my stuff wiped", ["your data is erased from our servers within 30 days"], ["within 30 days"]),
    u(A, "how do I recover a photo I deleted by accident"),
    u(A, "How much does a Snapwyn premium subscription cost?"),
    u(A, "maximum number of photos per album"),
    u(A, "How do I change the email address linked to my account?"),
    u(A, "how long after the second reminder email is an inactive account removed"),

    # ---------------- billing-help.md (Streamberry) ----------------
    f(B, "how do I switch to a different plan", ["Choose the new plan and click Confirm Change"], ["Confirm Change"]),
    f(B, "what are the steps to call off my Streamberry membership", ["Tell us why you are leaving, or skip the survey"], ["Cancel Membership"]),
    f(B, "How do I ask for my money back for a charge?", ["Find the charge and click Report a Problem"], ["Report a Problem"]),
    f(B, "update the credit card on file", ["Choose Add New Card or Use PayPal"], ["Manage Payment Method"]),
    f(B, "how to redeem a streamberry gift card", ["To redeem a gift card:"], ["Apply to Account"]),
    f(B, "Where can I see how much is left on my gift card?", ["check your balance at any time under Account > Gift Card Balance"], ["Gift Card Balance"]),
    f(B, "I subscribed through my cable company, how do I change my plan?", ["you need to change your plan with that company instead"], ["that company"]),
    f(B, "how much is berry standard a month", ["Berry Standard"], ["$11.99"]),
    f(B, "is 4K on Standard too or only on Premium?", ["4K with Dolby Vision"], ["Berry Premium"]),
    fu(B, ["what's the picture quality on Berry Lite"], "does it have commercials too?", ["Berry Lite includes short ad breaks of about four minutes per hour"], ["four minutes per hour"]),
    f(B, "is there a yearly payment option", ["An annual option is available for Berry Premium only"], ["$174.90"]),
    f(B, "free trial length", ["New members get a seven-day free trial on Berry Standard"], ["seven-day"]),
    f(B, "do you pay back unused days if I quit mid-month", ["we do not give refunds or credits for partly used billing periods"], ["do not give refunds"]),
    f(B, "The service was down for two whole days, am I owed a refund?", ["unavailable for more than 48 hours in a row"], ["48 hours"]),
    f(B, "what happens when my card payment is declined", ["we try again three times over the next nine days"], ["three times"]),
    fu(B, ["what happens when my card payment is declined"], "and if the final retry doesn't go through either?", ["Your membership is put on hold if the last attempt fails"], ["on hold"]),
    f(B, "do gift cards run out at some point or are they good forever", ["Gift cards do not expire and cannot be exchanged for cash"], ["do not expire"]),
    u(B, "how much does Streamberry cost in the UK"),
    u(B, "Can I split my monthly bill between two cards?"),
    u(B, "how many profiles can I make on Berry Premium"),
    u(B, "How do I share my account with a family member who lives somewhere else?"),
    u(B, "student discount streamberry"),

    # ---------------- printer-guide.md (Corvette K480) ----------------
    f(P, "how do I put paper in the printer", ["To load paper in the main tray:"], ["blue paper guides"]),
    f(P, "How do I print envelopes on the K480?", ["Insert up to 10 envelopes with the flap facing up"], ["Manual Feed"]),
    f(P, "how to get the printer on my wifi", ["To connect the printer to your wireless network:"], ["Wi-Fi Setup Wizard"]),
    f(P, "Can I connect it to the network without typing in the Wi-Fi password?", ["Hold the Wi-Fi button on the printer for 3 seconds"], ["WPS button"]),
    f(P, "paper is stuck inside the printer, how do I get it out", ["To clear a jam inside the printer:"], ["Lift out the toner cartridge"]),
    f(P, "What are the steps for a jam at the back of the printer?", ["To clear a jam at the rear door:"], ["orange fuser levers"]),
    f(P, "how do i swap the toner cartridge", ["To replace the toner cartridge:"], ["orange protective strip"]),
    f(P, "Can I make the printer wait longer before going to sleep?", ["between 1 and 60 minutes under Setup > Energy > Sleep Timer"], ["Sleep Timer"]),
    f(P, "how do I see the wifi signal strength of the printer", ["print a network report from Setup > Reports > Network Summary"], ["Network Summary"]),
    f(P, "Is there a way to print from my phone?", ["install the Corvette Print Hub app on iOS or Android"], ["Corvette Print Hub"]),
    f(P, "How fast does the K480 print?", ["It prints up to 38 pages per minute"], ["38 pages per minute"]),
    f(P, "what does a flashing orange light mean", ["A blinking amber light usually means a paper jam"], ["paper jam"]),
    f(P, "how long should I wait before reaching in to pull out a jam", ["let it cool for 10 minutes before reaching inside"], ["10 minutes"]),
    fu(P, ["how long should I wait before reaching in to pull out a jam"], "why is that?", ["because the fuser area gets hot enough to burn"], ["hot enough to burn"]),
    f(P, "How often do the pick-up rollers need replacing?", ["The pick-up rollers should be replaced every 100,000 pages"], ["100,000 pages"]),
    fu(P, ["How often do the pick-up rollers need replacing?"], "which kit do I need for that", ["using the Corvette RK-48 roller kit"], ["RK-48"]),
    f(P, "how many pages will the high yield toner last", ["TN-480X High Yield"], ["8,500"]),
    u(P, "how do I scan a document and email it"),
    u(P, "How do I install the K480 driver on a Mac?"),
    u(P, "how much does the TN-480X high yield cartridge cost"),
    u(P, "Can I buy an extended warranty for the K480?"),
    u(P, "how many sheets does the output tray hold"),

    # ---------------- teams-admin.md (Hubbleline) ----------------
    f(T, "how do i add a team member", ["To add a team member by email:"], ["Invite People", "Send Invitations"]),
    f(T, "How can I promote someone to admin?", ["Find the person and click the three dots next to their name"], ["Change Role"]),
    f(T, "how to make a channel that's invite-only", ["Turn on Make Private if needed"], ["Make Private"]),
    f(T, "set up automatic deletion of old messages", ["To set a retention policy:"], ["Delete After"]),
    f(T, "how can I export my data", ["To export your workspace data:"], ["Export Data", "Import & Export"]),
    f(T, "Can anyone with our company email join by themselves? Where do I switch that on?", ["Turn this on under Admin Console > Members > Approved Domains"], ["Approved Domains"]),
    f(T, "how do I kick someone out of the workspace", ["open their profile in the Members list and click Deactivate Account"], ["Deactivate Account"]),
    f(T, "How do I hand over the Primary Owner role to a colleague?", ["go to Admin Console > Settings > Transfer Ownership"], ["Transfer Ownership"]),
    f(T, "archive a channel", ["open the channel settings and click Archive Channel"], ["Archive Channel"]),
    f(T, "is there a way to invite a whole list of people in one go", ["you can upload a CSV file with one email address per line"], ["CSV file"]),
    f(T, "What's the member cap on the Team plan?", ["The Team plan allows up to 300 members per workspace"], ["300"]),
    fu(T, ["What's the member cap on the Team plan?"], "and on enterprise?", ["the Enterprise plan has no member limit"], ["no member limit"]),
    f(T, "whose roles is an admin allowed to change", ["Only for Members and Guests"], ["Only for Members and Guests"]),
    f(T, "How many channels can a guest be in?", ["A guest can be added to a maximum of three channels"], ["three channels"]),
    f(T, "can I switch a private channel back to public", ["a private channel can never be made public again"], ["never be made public again"]),
    fu(T, ["can I switch a private channel back to public"], "how come", ["This protects people who posted in the channel expecting privacy"], ["expecting privacy"]),
    f(T, "What time of day are expired messages purged?", ["are deleted every night at 02:00 UTC"], ["02:00 UTC"]),
    fu(T, ["what format is the workspace export in"], "does it include the attachments?", ["but not the attachments themselves"], ["links to attachments"]),
    u(T, "how do I set up single sign-on with SAML"),
    u(T, "How much does the Enterprise plan cost per user?"),
    u(T, "max number of people in a single channel"),
    u(T, "What are the steps to import messages from another chat app?"),
    u(T, "how many guests can one workspace have"),
    u(T, "What's the largest file I can upload in a channel?"),
]

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    items = [dict(q) for q in QUESTIONS]
    random.Random(20261128).shuffle(items)
    with open(os.path.join(here, "heldout.jsonl"), "w", encoding="utf-8") as fh:
        for i, q in enumerate(items, 1):
            out = {"id": f"st1-{i:03d}", "kind": q["kind"], "question": q["question"],
                   "gold": q["gold"], "answer_any": q["answer_any"]}
            if q["kind"] == "followup":
                out["history"] = q["history"]
            fh.write(json.dumps(out, ensure_ascii=False) + "\n")
    print(f"wrote {len(items)} questions")

if __name__ == "__main__":
    main()
