#!/usr/bin/env python3
"""Validate heldout.jsonl against the documents in docs/.

Adapted from check_template.py. Checks:
  * every line is valid JSON with id, kind, question, gold, answer_any
  * ids are unique; kind is factoid | followup | unanswerable
  * unanswerable: gold == [] and answer_any == []
  * followup: non-empty "history" list of strings; other kinds have no history
  * answerable: 1-2 gold spans, 1-3 answer_any strings
  * each gold span (5-12 words; table pipes are not counted as words) appears
    verbatim inside ONE paragraph of a document, or inside one table row line
  * all gold spans of a question come from the same document
  * each answer_any string appears verbatim in the same paragraph / table row
    as one of the question's gold spans
"""
import json, os, re, sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
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


def is_row(line):
    return line.lstrip().startswith("|")


def nwords(s):
    return len([w for w in s.split() if w.strip("|")])


def units_for(g):
    """Return list of (file, unit_text) where the gold span is located.
    A unit is a table row line if the span lies within a table row,
    otherwise the whole paragraph."""
    units = []
    for f, p in paras:
        if g not in p:
            continue
        rows = [l for l in p.splitlines() if is_row(l) and g in l]
        if rows:
            units.extend((f, r) for r in rows)
        elif any(is_row(l) for l in p.splitlines()) and "\n" in g:
            errors.append(f"gold spans several table lines: {g!r}")
        else:
            units.append((f, p))
    return units


ids, kinds, per_doc = set(), Counter(), Counter()
with open(os.path.join(HERE, "heldout.jsonl"), encoding="utf-8") as fh:
    for n, line in enumerate(fh, 1):
        if not line.strip():
            continue
        try:
            q = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f"line {n}: bad JSON: {e}"); continue
        if not isinstance(q, dict):
            errors.append(f"line {n}: not a JSON object"); continue
        qid = q.get("id")
        where = f"line {n} ({qid})"
        for key in ("id", "kind", "question", "gold", "answer_any"):
            if key not in q:
                errors.append(f"{where}: missing {key}")
        if not isinstance(q.get("question"), str) or not q.get("question", "").strip():
            errors.append(f"{where}: empty question")
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
        if kind == "followup":
            h = q.get("history")
            if not h or not isinstance(h, list) or not all(isinstance(x, str) and x.strip() for x in h):
                errors.append(f"{where}: followup needs non-empty history list")
        elif "history" in q:
            errors.append(f"{where}: history only allowed on followup")
        if kind == "unanswerable":
            if gold or ans:
                errors.append(f"{where}: unanswerable must have empty gold and answer_any")
            continue
        if not gold or not ans:
            errors.append(f"{where}: answerable question needs gold and answer_any"); continue
        if not 1 <= len(gold) <= 2:
            errors.append(f"{where}: need 1-2 gold spans, got {len(gold)}")
        if not 1 <= len(ans) <= 3:
            errors.append(f"{where}: need 1-3 answer_any strings, got {len(ans)}")
        if not all(isinstance(x, str) and x.strip() for x in gold + ans):
            errors.append(f"{where}: gold/answer_any must be non-empty strings"); continue
        all_units, files = [], set()
        for g in gold:
            wc = nwords(g)
            if not 5 <= wc <= 12:
                errors.append(f"{where}: gold has {wc} words (need 5-12): {g!r}")
            us = units_for(g)
            if not us:
                errors.append(f"{where}: gold not verbatim in any paragraph/row: {g!r}"); continue
            files.update(f for f, _ in us)
            all_units.extend(us)
        if len(files) > 1:
            errors.append(f"{where}: gold spans found in several documents: {sorted(files)}")
        if not all_units:
            continue
        for a in ans:
            if not any(a in u for _, u in all_units):
                errors.append(f"{where}: answer_any {a!r} not in the paragraph/row of any gold span")
        per_doc[sorted(files)[0]] += 1

for e in errors:
    print("ERROR", e)
print("counts by kind:", dict(kinds), "total:", sum(kinds.values()))
print("answerable per doc:", dict(sorted(per_doc.items())))
if errors:
    print(f"FAILED with {len(errors)} error(s)"); sys.exit(1)
print("OK: 0 errors")
