#!/usr/bin/env python3
"""Validate a set's questions against its documents in docs/.

Usage: python3 check_docs.py SET_FOLDER (varied5–varied7, varied9–varied17,
godoc, godoc2, godoc3, howto1, howto2, steps1, steps2, tables1, tables2,
yesno1, yesno2, errors1, errors2): reads SET_FOLDER/docs and
SET_FOLDER/heldout.jsonl, or tune.jsonl when there is no held-out file.
It stands in for the per-set check.py those sets' READMEs name (each a
copy of one template). varied8, squad2 and builtin2–builtin4 keep their
own check.py, which their writers adapted (stricter gold spans, paragraph
coverage); builtin5 and builtin6 are checked with builtin4's:
python3 builtin4/check.py builtin5/tune.jsonl (builtin6/heldout.jsonl)."""
import json, os, re, sys
from collections import Counter

HERE = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".")
QFILE = os.path.join(HERE, "heldout.jsonl")
if not os.path.exists(QFILE):
    QFILE = os.path.join(HERE, "tune.jsonl")
KINDS = {"factoid", "unanswerable", "followup"}
errors = []

paras = []  # (file, paragraph text)
for name in sorted(os.listdir(os.path.join(HERE, "docs"))):
    if not name.endswith((".txt", ".md")):
        continue
    text = open(os.path.join(HERE, "docs", name), encoding="utf-8").read()
    for p in re.split(r"\n[ \t]*\n", text):
        if p.strip():
            paras.append((name, p))

def table_cells(line):
    return [c.strip() for c in line.strip().strip("|").split("|")]

ids, kinds, per_doc = set(), Counter(), Counter()
with open(QFILE, encoding="utf-8") as fh:
    for n, line in enumerate(fh, 1):
        if not line.strip():
            continue
        try:
            q = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f"line {n}: bad JSON: {e}"); continue
        qid = q.get("id")
        where = f"line {n} ({qid})"
        for key in ("id", "kind", "question", "gold", "answer_any"):
            if key not in q:
                errors.append(f"{where}: missing {key}")
        if qid in ids:
            errors.append(f"{where}: duplicate id")
        ids.add(qid)
        kind = q.get("kind")
        kinds[kind] += 1
        if kind not in KINDS:
            errors.append(f"{where}: bad kind {kind!r}"); continue
        gold, ans = q.get("gold", []), q.get("answer_any", [])
        if not isinstance(gold, list) or not isinstance(ans, list):
            errors.append(f"{where}: gold/answer_any must be lists"); continue
        if kind == "unanswerable":
            if gold or ans:
                errors.append(f"{where}: unanswerable must have empty gold and answer_any")
            continue
        if kind == "followup":
            h = q.get("history")
            if not h or not isinstance(h, list) or not all(isinstance(x, str) and x.strip() for x in h):
                errors.append(f"{where}: followup needs non-empty history list")
        elif "history" in q:
            errors.append(f"{where}: history only allowed on followup")
        if not gold or not ans:
            errors.append(f"{where}: answerable question needs gold and answer_any"); continue
        for g in gold:
            hits = [(f, p) for f, p in paras if g in p]
            if not hits:
                errors.append(f"{where}: gold not verbatim in any paragraph: {g!r}"); continue
            ok_any = False
            for f, p in hits:
                rows = [l for l in p.splitlines() if l.lstrip().startswith("|") and g in l]
                if rows:
                    # table answer: gold must be a whole cell, answers in the same row
                    good_rows = [l for l in rows if g in table_cells(l)]
                    if good_rows and any(all(a in l for a in ans) for l in good_rows):
                        ok_any = True; per_doc[f] += 0
                        break
                else:
                    wc = len(g.split())
                    if not 5 <= wc <= 12:
                        errors.append(f"{where}: gold has {wc} words (need 5-12): {g!r}")
                    if all(a in p for a in ans):
                        ok_any = True
                        break
            if not ok_any:
                errors.append(f"{where}: answer_any {ans!r} not in the paragraph/row of gold {g!r}")
            else:
                per_doc[f] += 1

for e in errors:
    print("ERROR", e)
print("counts by kind:", dict(kinds), "total:", sum(kinds.values()))
print("answerable per doc:", dict(per_doc))
if errors:
    print(f"FAILED with {len(errors)} error(s)"); sys.exit(1)
print("OK")
