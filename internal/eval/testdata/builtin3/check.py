#!/usr/bin/env python3
"""Validate questions.jsonl against the built-in document. Usage: python3 check.py [questions.jsonl] [doc.txt]"""
import os, json, re, sys, collections
QF = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "tune.jsonl")
DOC = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../../corpus/builtin/china-kazakhstan-relations.txt")
KINDS = {"factoid", "followup", "unanswerable"}
text = open(DOC, encoding="utf-8").read()
paras = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
errs, ids, counts = [], set(), collections.Counter()
for n, line in enumerate(open(QF, encoding="utf-8"), 1):
    if not line.strip():
        continue
    try:
        r = json.loads(line)
    except Exception as e:
        errs.append(f"line {n}: JSON error {e}"); continue
    i = r.get("id"); where = f"line {n} ({i})"
    if not i: errs.append(f"{where}: missing id")
    elif i in ids: errs.append(f"{where}: duplicate id")
    ids.add(i)
    k = r.get("kind"); counts[k] += 1
    if k not in KINDS: errs.append(f"{where}: bad kind {k!r}")
    if not isinstance(r.get("question"), str) or not r["question"].strip():
        errs.append(f"{where}: empty question")
    gold, ans = r.get("gold"), r.get("answer_any")
    if not isinstance(gold, list) or not isinstance(ans, list):
        errs.append(f"{where}: gold/answer_any must be lists"); continue
    if k == "unanswerable":
        if gold or ans: errs.append(f"{where}: unanswerable must have empty gold and answer_any")
        continue
    if k == "followup":
        h = r.get("history")
        if not isinstance(h, list) or not h or not all(isinstance(x, str) and x.strip() for x in h):
            errs.append(f"{where}: followup needs non-empty history list")
    if not gold: errs.append(f"{where}: answerable item has no gold")
    if not ans: errs.append(f"{where}: answerable item has no answer_any")
    if len(ans) > 3: errs.append(f"{where}: more than 3 answer_any")
    for g in gold:
        nw = len(g.split())
        if not 5 <= nw <= 12: errs.append(f"{where}: gold has {nw} words: {g!r}")
        ps = [p for p in paras if g in p]
        if not ps:
            errs.append(f"{where}: gold not verbatim in any paragraph: {g!r}"); continue
        for a in ans:
            if not any(a in p for p in ps):
                errs.append(f"{where}: answer {a!r} not in gold's paragraph")
for e in errs: print("ERROR", e)
print(f"{sum(counts.values())} items; " + ", ".join(f"{k}={v}" for k, v in sorted(counts.items())))
print("OK: no errors" if not errs else f"{len(errs)} error(s)")
sys.exit(1 if errs else 0)
