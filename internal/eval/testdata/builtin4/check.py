#!/usr/bin/env python3
"""Validate heldout.jsonl against the built-in document (corpus/builtin)."""
import os, json, re, sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
DOC = os.path.join(HERE, "../../../../corpus/builtin/china-kazakhstan-relations.txt")
QF = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "heldout.jsonl")
KINDS = {"factoid", "followup", "unanswerable"}

text = open(DOC, encoding="utf-8").read()
paras = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
errors, ids, kinds, covered = [], set(), Counter(), set()

for n, line in enumerate(open(QF, encoding="utf-8"), 1):
    if not line.strip():
        continue
    try:
        q = json.loads(line)
    except Exception as e:
        errors.append(f"line {n}: bad JSON ({e})"); continue
    qid = q.get("id")
    if not qid: errors.append(f"line {n}: missing id")
    if qid in ids: errors.append(f"{qid}: duplicate id")
    ids.add(qid)
    k = q.get("kind")
    kinds[k] += 1
    if k not in KINDS: errors.append(f"{qid}: bad kind {k!r}")
    if not isinstance(q.get("question"), str) or not q["question"].strip():
        errors.append(f"{qid}: empty question")
    gold, ans = q.get("gold"), q.get("answer_any")
    if not isinstance(gold, list) or not isinstance(ans, list):
        errors.append(f"{qid}: gold/answer_any must be lists"); continue
    if k == "unanswerable":
        if gold or ans: errors.append(f"{qid}: unanswerable must have empty gold and answer_any")
        if "history" in q: errors.append(f"{qid}: only followups may carry history")
        continue
    if not gold: errors.append(f"{qid}: answerable question without gold")
    if not ans: errors.append(f"{qid}: answerable question without answer_any")
    if not 1 <= len(ans) <= 3: errors.append(f"{qid}: answer_any should have 1-3 items")
    if k == "followup":
        h = q.get("history")
        if not isinstance(h, list) or not h or not all(isinstance(x, str) and x.strip() for x in h):
            errors.append(f"{qid}: followup needs non-empty history")
    elif "history" in q:
        errors.append(f"{qid}: only followups may carry history")
    for g in gold:
        wc = len(g.split())
        if not 5 <= wc <= 12: errors.append(f"{qid}: gold has {wc} words: {g!r}")
        hits = [p for p in paras if g in p]
        if not hits:
            errors.append(f"{qid}: gold not verbatim in any paragraph: {g!r}"); continue
        for a in ans:
            if not any(a in p for p in hits):
                errors.append(f"{qid}: answer {a!r} not in gold's paragraph")

    for i, p in enumerate(paras):
        if any(g in p for g in gold): covered.add(i)

uncovered = [i for i in range(1, len(paras)) if i not in covered]  # paragraph 0 is the title
print(f"paragraphs with a gold span: {len(covered)}/{len(paras) - 1} (uncovered: {uncovered})")
for e in errors: print("ERROR", e)
print(f"{sum(kinds.values())} questions; kinds: {dict(kinds)}; {len(errors)} errors")
sys.exit(1 if errors else 0)
