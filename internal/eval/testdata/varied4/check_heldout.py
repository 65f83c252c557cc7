#!/usr/bin/env python3
"""Validate heldout.jsonl against docs/: JSON, unique ids, verbatim gold/answers in the same doc."""
import json, os, sys, collections
here = os.path.dirname(os.path.abspath(__file__))
docs = {f: open(os.path.join(here, "docs", f), encoding="utf-8").read() for f in os.listdir(os.path.join(here, "docs"))}
ids, kinds, per_doc, errs = set(), collections.Counter(), collections.Counter(), []
for n, line in enumerate(open(os.path.join(here, "heldout.jsonl"), encoding="utf-8"), 1):
    r = json.loads(line)
    if r["id"] in ids: errs.append(f"line {n}: duplicate id {r['id']}")
    ids.add(r["id"]); kinds[r["kind"]] += 1
    assert r["kind"] in ("factoid", "followup", "unanswerable"), n
    if r["kind"] == "followup" and not r.get("history"): errs.append(f"line {n}: followup without history")
    if r["kind"] == "unanswerable":
        if r["gold"] or r["answer_any"]: errs.append(f"line {n}: unanswerable with gold")
        continue
    for g in r["gold"]:
        if not 10 <= len(g) <= 80: errs.append(f"line {n}: gold length {len(g)}")
    hits = [f for f, t in docs.items() if all(g in t for g in r["gold"]) and all(a in t for a in r["answer_any"])]
    if not hits: errs.append(f"line {n}: gold/answers not all verbatim in one doc: {r['gold']} {r['answer_any']}")
    else: per_doc[hits[0]] += 1
    for a in r["answer_any"]:
        if not any(a in g for g in r["gold"]): print(f"note line {n}: answer {a!r} not inside gold")
print(len(ids), "lines", dict(kinds), dict(per_doc))
print("\n".join(errs) or "OK"); sys.exit(1 if errs else 0)
