#!/usr/bin/env python3
"""Validate questions.jsonl against docs/ for eval set o."""
import json, os, re, sys, collections

HERE = os.path.dirname(os.path.abspath(__file__))
DOCS = os.path.join(HERE, "docs")
QF = os.path.join(HERE, "tune.jsonl")

def paragraphs():
    out = []
    for name in sorted(os.listdir(DOCS)):
        if not name.endswith((".txt", ".md")):
            continue
        text = open(os.path.join(DOCS, name), encoding="utf-8").read()
        for p in re.split(r"\n\s*\n", text):
            p = " ".join(p.split())
            if p:
                out.append((name, p))
    return out

def main():
    errs = []
    paras = paragraphs()
    # paragraph length sanity (skip one-line titles)
    for name, p in paras:
        n = len(p.split())
        if n > 10 and not (60 <= n <= 140):
            errs.append(f"{name}: paragraph of {n} words outside 60-140: {p[:50]}...")
    ids = set()
    kinds = collections.Counter()
    per_para = collections.Counter()
    for ln, line in enumerate(open(QF, encoding="utf-8"), 1):
        if not line.strip():
            continue
        try:
            q = json.loads(line)
        except Exception as e:
            errs.append(f"line {ln}: JSON error {e}")
            continue
        for k in ("id", "kind", "question", "gold", "answer_any"):
            if k not in q:
                errs.append(f"line {ln}: missing key {k}")
        qid = q.get("id")
        if qid in ids:
            errs.append(f"line {ln}: duplicate id {qid}")
        ids.add(qid)
        kind = q.get("kind")
        kinds[kind] += 1
        gold, anys = q.get("gold", []), q.get("answer_any", [])
        if not isinstance(gold, list) or not isinstance(anys, list):
            errs.append(f"{qid}: gold/answer_any must be lists")
            continue
        if kind == "unanswerable":
            if gold or anys:
                errs.append(f"{qid}: unanswerable must have empty gold and answer_any")
            continue
        if kind != "factoid":
            errs.append(f"{qid}: unknown kind {kind!r}")
            continue
        if not gold or not anys:
            errs.append(f"{qid}: factoid needs gold and answer_any")
            continue
        for g in gold:
            nw = len(g.split())
            if not (5 <= nw <= 12):
                errs.append(f"{qid}: gold has {nw} words (want 5-12): {g!r}")
            hits = [(n, p) for n, p in paras if g in p]
            if not hits:
                errs.append(f"{qid}: gold not found verbatim: {g!r}")
                continue
            for a in anys:
                if not any(a in p for _, p in hits):
                    errs.append(f"{qid}: answer_any {a!r} not in gold's paragraph")
            per_para[hits[0][1][:40]] += 1
    for e in errs:
        print("ERROR:", e)
    print(f"{sum(kinds.values())} questions: {dict(kinds)}; {len(paras)} paragraphs (incl. titles)")
    if errs:
        print(f"FAILED with {len(errs)} error(s)")
        sys.exit(1)
    print("OK")

if __name__ == "__main__":
    main()
