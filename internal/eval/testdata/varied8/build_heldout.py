#!/usr/bin/env python3
"""Source of heldout.jsonl. Each entry: (doc, kind, question, gold, answer_any, history).
The doc tag is only used for the README counts; it is not written to heldout.jsonl."""
import json, random, os
from collections import Counter

S, H, C, E = "saas-handbook.md", "harbour-town-history.txt", "library-changelog.md", "encyclopedia-article.txt"
F, U, FU = "factoid", "unanswerable", "followup"

Q = [
# ---------------- saas-handbook.md ----------------
(S, F, "how long is the free trial", ["Every workspace starts on a 21-day free trial of the Team plan"], ["21-day"], None),
(S, F, "What does the Business plan cost per user each month?", ["| Business | 17 euros per seat | up to 400 seats |"], ["17 euros"], None),
(S, F, "What's the maximum number of users on the Team plan?", ["| Team | 9 euros per seat | up to 50 seats |"], ["50 seats"], None),
(S, F, "on campus, how long do you keep old versions of documents", ["5 TB shared storage | kept for 1 year"], ["1 year"], None),
(S, F, "Who is eligible for the Campus plan?", ["only available to schools, colleges and registered charities"], ["schools, colleges and registered charities"], None),
(S, F, "How much do I save if I pay for the whole year up front?", ["which works out to roughly a 16 percent saving"], ["16 percent", "two months free"], None),
(S, F, "how many paid seats do we need before we can pay by bank transfer", ["only offered to workspaces with at least 25 paid seats"], ["25"], None),
(S, F, "What happens to my workspace after the third payment reminder?", ["After the third reminder the workspace becomes read-only"], ["read-only"], None),
(S, F, "What is the minimum password length?", ["Passwords must be at least 12 characters long."], ["12 characters"], None),
(S, F, "Do guests count against our seat limit?", ["Guests do not count towards the seat limit"], ["do not count"], None),
(S, F, "What does SAML single sign-on cost as an add-on for Team workspaces?", ["add-on for the Team plan at 2 euros per seat"], ["2 euros"], None),
(S, F, "Is two-factor authentication compulsory for Business customers?", ["optional on Starter and Team workspaces but mandatory on Business workspaces"], ["mandatory"], None),
(S, F, "Who runs customer support at Quillnest?", ["The head of customer support is Ilse Marwood"], ["Ilse Marwood"], None),
(S, F, "how fast will support get back to me on the team plan", ["email and chat support, with a first reply within one working day"], ["one working day"], None),
(S, F, "If uptime drops under 99%, what credit does a Business customer get?", ["rising to 25 percent if uptime falls below 99.0 percent"], ["25 percent"], None),
(S, F, "What's the biggest single file I'm allowed to store?", ["storing files larger than 4 GB each;"], ["4 GB"], None),
(S, F, "In which cities are Quillnest's data centres?", ["stored in data centres in Frankfurt and Dublin"], ["Frankfurt and Dublin"], None),
(S, F, "if we delete our workspace by accident can we get the documents back", ["its documents remain recoverable for 30 days"], ["30 days"], None),
(S, F, "When was the current edition of the handbook published?", ["The current edition is version 6.2, published on 14 March 2025"], ["14 March 2025"], None),
(S, FU, "How quickly is it restored once I pay?", ["restored within ten minutes of a successful payment"], ["ten minutes"], ["What happens to my workspace after the third payment reminder?"]),
(S, FU, "When did she join the company?", ["who joined Tamberlane in 2019 after running the help desk"], ["2019"], ["Who runs customer support at Quillnest?"]),
(S, FU, "And how long are they kept?", ["Backups are taken every six hours and are kept for 35 days."], ["35 days"], ["How often are backups taken?"]),
(S, U, "How much storage comes with the Enterprise plan?", [], [], None),
(S, U, "What interest rate is charged on overdue invoices?", [], [], None),
(S, U, "How many of the support staff are based in Lisbon?", [], [], None),
(S, U, "what's the phone number for the emergency line", [], [], None),
(S, U, "How much notice do you give before emergency maintenance?", [], [], None),
(S, U, "Is there a fee for moving a workspace to another region?", [], [], None),
(S, U, "Who founded Tamberlane Software?", [], [], None),
# ---------------- harbour-town-history.txt ----------------
(H, F, "When does the written history of Port Venwick begin?", ["Its written history begins in 1412"], ["1412"], None),
(H, F, "how many families were given the first fishing charter", ["granted a fishing charter to eleven families living at the mouth"], ["eleven"], None),
(H, F, "Who paid for the first stone quay?", ["built in 1597 by the merchant Aldous Crane"], ["Aldous Crane"], None),
(H, F, "Why do we know so little about the town between 1597 and 1641?", ["including the market hall and the parish records", "which is why almost nothing is known about Port Venwick"], ["parish records"], None),
(H, F, "Who was the town's first provost?", ["The first provost was Thomas Elder, a salt merchant"], ["Thomas Elder"], None),
(H, F, "how many ships did the whaling company start out with", ["founded in 1752 with four ships"], ["four ships"], None),
(H, F, "Why were the boiling yards put on the south bank of the Venn?", ["because the smell was so strong"], ["smell"], None),
(H, F, "what killed off the whaling trade", ["three of the company's ships were crushed in pack ice", "the insurers refused to cover further voyages"], ["pack ice", "insurers refused"], None),
(H, F, "was the railway station designed by a woman", ["The station was designed by the engineer Harriet Penrose"], ["Harriet Penrose", "one of the very few women"], None),
(H, F, "How many people died in the 1866 cholera epidemic?", ["A cholera outbreak in the summer of 1866 killed 214 people"], ["214"], None),
(H, F, "What was the source of the cholera?", ["traced the outbreak to the public well on Cooper Street"], ["public well on Cooper Street", "cracked sewer"], None),
(H, F, "How much did building the Victoria Basin cost?", ["It cost 186,000 pounds, of which two thirds was borrowed"], ["186,000 pounds"], None),
(H, F, "what's the biggest ship ever built in the town", ["it launched the Calloway Star, the largest vessel ever built"], ["Calloway Star"], None),
(H, F, "To whom did Margaret Lisle pass the shipyard?", ["when she handed control to her nephew, Arthur Dunmore"], ["Arthur Dunmore"], None),
(H, F, "What was the jobless rate in 1932?", ["Unemployment in the town reached an estimated 38 percent in 1932."], ["38 percent"], None),
(H, F, "Why did the canning plant shut down?", ["citing the cost of modernising the building"], ["cost of modernising the building"], None),
(H, F, "How many yachts can the marina hold?", ["converted into a marina with berths for 260 yachts"], ["260"], None),
(H, F, "who took over from Fiona Gault at the museum", ["She retired in 2017 and was succeeded by Samuel Okafor."], ["Samuel Okafor"], None),
(H, FU, "How long is it?", ["Crane's quay, about 90 metres long, still forms"], ["90 metres"], ["Who paid for the first stone quay?"]),
(H, FU, "Who replaced him?", ["He was replaced by his son-in-law, Robert Haig"], ["Robert Haig"], ["Who was the town's first provost?"]),
(H, FU, "And when did the successor die?", ["who held the office until his death in 1709"], ["1709"], ["Who was the town's first provost?", "Who replaced him?"]),
(H, U, "What was the name of the abbot of Stellbrook who granted the charter?", [], [], None),
(H, U, "How many Port Venwick men died in the Second World War?", [], [], None),
(H, U, "How much did it cost to turn the Victoria Basin into a marina?", [], [], None),
(H, U, "When did Agnes Rutherford pass away?", [], [], None),
(H, U, "what was the population of Port Venwick in 1951", [], [], None),
(H, U, "How many whales did the company catch in 1796?", [], [], None),
(H, U, "Who was provost between 1709 and 1720?", [], [], None),
# ---------------- library-changelog.md ----------------
(C, F, "Who coordinates Tallowparse?", ["a group of volunteers coordinated by Mirela Okonjo"], ["Mirela Okonjo"], None),
(C, F, "what is the current stable version of tallowparse", ["Version 4.3.0 was released on 2025-05-19 and is the current stable release"], ["4.3.0"], None),
(C, F, "In which release will strict_keys be switched on by default?", ["It is off by default and will become the default in 5.0.0."], ["5.0.0"], None),
(C, F, "What exit code does tall fmt --check give when a file isn't formatted?", ["which exits with code 3 when a file is not formatted"], ["code 3"], None),
(C, F, "Who contributed UTF-16 support?", ["Support for reading files encoded in UTF-16, contributed by Jonas Vettori."], ["Jonas Vettori"], None),
(C, F, "who reported the bug where the section counter wrapped to zero", ["(issue #1184, reported by Chen Aldana)."], ["Chen Aldana"], None),
(C, F, "What kind of vulnerability was TPSA-2025-002?", ["a denial-of-service flaw in which a deeply nested inline table"], ["denial-of-service"], None),
(C, F, "When was the stack exhaustion flaw reported?", ["Kestrel Security Group on 11 February 2025"], ["11 February 2025"], None),
(C, F, "how deep can inline tables be nested now", ["Nesting is now limited to 128 levels."], ["128 levels"], None),
(C, F, "Which Python version is the minimum since 4.2.0?", ["The minimum supported Python version is now 3.9."], ["3.9"], None),
(C, F, "By how much did large-file loading speed up in 4.1.0?", ["Loading large files is about 35 percent faster"], ["35 percent"], None),
(C, F, "does load() still return a plain dict in 4.0", ["`load()` now returns a `Document` object instead of a plain dictionary."], ["Document"], None),
(C, F, "Which licence does the project use now?", ["changed from the MIT licence to the Apache License 2.0"], ["Apache License 2.0"], None),
(C, F, "what sort of security hole was TPSA-2024-004", ["a crafted include directive could read files outside the directory"], ["path traversal"], None),
(C, F, "Who discovered the memory leak in the C accelerator?", ["was found by the automated fuzzing service"], ["automated fuzzing service"], None),
(C, F, "Which company paid for round-trip mode?", ["Round-trip mode was sponsored by Linden Harbour Systems"], ["Linden Harbour Systems"], None),
(C, F, "Who originally wrote the library?", ["the original author, Benedikt Aurel, who handed the project"], ["Benedikt Aurel"], None),
(C, F, "How long will 4.x keep getting security fixes?", ["| 4.x | 2024-06-03 | active | at least 2026-06-30 |"], ["2026-06-30"], None),
(C, FU, "When did it come out?", ["Version 4.3.0 was released on 2025-05-19 and is the current stable release"], ["2025-05-19"], ["what is the current stable version of tallowparse"]),
(C, FU, "Who reported it?", ["reported privately by Ruth Ibsen of the Kestrel Security Group"], ["Ruth Ibsen"], ["What kind of vulnerability was TPSA-2025-002?"]),
(C, FU, "What was the result of the vote on that change?", ["following a vote of the steering group that passed 7 to 2"], ["7 to 2"], ["Which licence does the project use now?"]),
(C, U, "When is version 5.0.0 going to be released?", [], [], None),
(C, U, "What was fixed in TPSA-2024-001?", [], [], None),
(C, U, "Who reported issue #1121?", [], [], None),
(C, U, "When did the 1.x series reach end of life?", [], [], None),
(C, U, "How much money did Linden Harbour Systems pay for round-trip mode?", [], [], None),
(C, U, "does tallowparse 4.3.0 support python 3.14", [], [], None),
(C, U, "Which members of the steering group voted against the licence change?", [], [], None),
# ---------------- encyclopedia-article.txt ----------------
(E, F, "What do locals call the halite hum?", ["also called the halite hum or, locally, \"the Marrow choir\""], ["Marrow choir"], None),
(E, F, "How large is the Tessaly Flats salt pan?", ["a salt pan of about 410 square kilometres"], ["410 square kilometres"], None),
(E, F, "what pitch is the main drone", ["the main tone lies between 70 and 95 hertz"], ["70 and 95 hertz"], None),
(E, F, "How loud is the hum 100 metres away, typically?", ["the sound typically reaches 48 to 55 decibels"], ["48 to 55 decibels"], None),
(E, F, "From how far away have villagers heard it?", ["heard by villagers up to 6 kilometres away"], ["6 kilometres"], None),
(E, F, "What's the minimum wind speed needed for the salt to start singing?", ["a wind speed of at least 18 kilometres per hour"], ["18 kilometres per hour"], None),
(E, F, "At what wind speed does the singing usually stop?", ["it usually stops if the wind rises above 60 kilometres per hour"], ["60 kilometres per hour"], None),
(E, F, "how thick is the salt crust that sings", ["a layer of halite between 4 and 12 millimetres thick"], ["4 and 12 millimetres"], None),
(E, F, "According to Dravec's 1931 theory, what made the noise?", ["the sound came from salt crystals rubbing against each other"], ["salt crystals rubbing against each other", "friction"], None),
(E, F, "Why was the friction theory given up?", ["crusts continued to sing at constant temperature in a wind tunnel"], ["constant temperature"], None),
(E, F, "Who first described the phenomenon scientifically?", ["The first scientific description was published in 1903 by Lucian Verhaeg"], ["Lucian Verhaeg"], None),
(E, F, "Who made the first sound recording of the hum?", ["by the acoustician Dr. Helena Strand and her assistant"], ["Helena Strand"], None),
(E, F, "how much does the pitch drop for each extra centimetre of cavity depth", ["the pitch dropped by about 14 hertz for every additional centimetre"], ["14 hertz"], None),
(E, F, "Who took over the monitoring station when Ngata retired?", ["the station passed to his former student Amira Coello"], ["Amira Coello"], None),
(E, F, "Why does the Dunmere sabkha mostly whistle rather than drone?", ["since its cavities are shallow"], ["cavities are shallow"], None),
(E, F, "Which season had the fewest singing nights?", ["the lowest was 9 nights in the season of 2015 to 2016"], ["2015 to 2016"], None),
(E, F, "By what percentage have singing nights gone down since the 1980s?", ["has fallen by about 20 percent since the 1980s"], ["20 percent"], None),
(E, F, "how much is an adult ticket to the reserve", ["Entry costs 8 crowns for adults"], ["8 crowns"], None),
(E, F, "Can I drive my car onto the reserve in January?", ["Motor vehicles are banned from the reserve between 1 October"], ["banned"], None),
(E, FU, "And on the loudest nights?", ["On exceptional nights it has been measured at 71 decibels"], ["71 decibels"], ["How loud is the hum 100 metres away, typically?"]),
(E, FU, "How long did it last?", ["Their recording lasted eleven minutes"], ["eleven minutes"], ["Who made the first sound recording of the hum?"]),
(E, FU, "Why so few that year?", ["unusually heavy rain in February dissolved most of the crust"], ["heavy rain"], ["Which season had the fewest singing nights?"]),
(E, U, "What is the entry fee for pensioners?", [], [], None),
(E, U, "When did Tobias Ngata die?", [], [], None),
(E, U, "What frequency does the hum have at the Kastrin salt lake?", [], [], None),
(E, U, "how many singing nights were recorded in the 2020 to 2021 season", [], [], None),
(E, U, "How big is the Orrel Pan?", [], [], None),
(E, U, "Which university did Anselm Dravec work for?", [], [], None),
(E, U, "How deep are the air cavities under the salt plates?", [], [], None),
]

def main():
    rnd = random.Random(20261128)
    # Keep each followup directly after nothing in particular: shuffle whole set,
    # followups are self-contained via their history field.
    order = list(range(len(Q)))
    rnd.shuffle(order)
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "heldout.jsonl"), "w", encoding="utf-8") as out:
        for i, k in enumerate(order, 1):
            doc, kind, q, gold, ans, hist = Q[k]
            obj = {"id": f"q-{i:03d}", "kind": kind, "question": q, "gold": gold, "answer_any": ans}
            if hist:
                obj["history"] = hist
            out.write(json.dumps(obj, ensure_ascii=False) + "\n")
    c = Counter((d, k) for d, k, *_ in Q)
    for d in (S, H, C, E):
        print(d, {k: c[(d, k)] for k in (F, FU, U)}, sum(c[(d, k)] for k in (F, FU, U)))
    print(Counter(k for _, k, *_ in Q), len(Q))

if __name__ == "__main__":
    main()
