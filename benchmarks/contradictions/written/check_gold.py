"""Check the gold files of the written contradiction benchmark (stdlib only).

Usage: python3 check_gold.py [folder]     (default: the folder this file is in)

Asserts: ids unique; every statement's doc_id exists; text[start:end] == content; field values are
valid; every pair refers to existing statements of the same story; pairs are between opposing sides
(armenia vs azerbaijan); no pair is listed twice; wire-copy groups refer to existing statements.
Prints counts by label and type and within/across documents.
"""
from __future__ import annotations

import collections
import json
import os
import sys

SIDES = {"armenia", "azerbaijan", "third", None}
POLARITIES = {"asserts", "denies"}
LABELS = {"contradiction", "compatible"}
TYPES = {"denial", "blame", "numbers", "event", "other"}
OPPOSING = {frozenset({"armenia", "azerbaijan"})}


def load(path: str) -> list[dict]:
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if line:
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as e:  # pragma: no cover - reported as failure
                    raise AssertionError(f"{path}:{n}: bad JSON: {e}") from None
    return rows


def unique(rows: list[dict], key: str, what: str) -> dict:
    out = {}
    for r in rows:
        assert r[key] not in out, f"duplicate {what} id {r[key]!r}"
        out[r[key]] = r
    return out


def main(folder: str) -> int:
    articles = load(os.path.join(folder, "articles.jsonl"))
    statements = load(os.path.join(folder, "statements.jsonl"))
    pairs = load(os.path.join(folder, "pairs.jsonl"))
    docs = unique(articles, "id", "article")
    sts = unique(statements, "id", "statement")

    for a in articles:
        assert set(a) >= {"id", "story", "outlet", "date", "text"}, f"article {a.get('id')} lacks fields"
        words = len(a["text"].split())
        assert 150 <= words <= 450, f"article {a['id']} has {words} words"
        assert len(a["date"]) == 10 and a["date"][4] == "-" and a["date"][7] == "-", f"bad date in {a['id']}"

    for s in statements:
        sid = s["id"]
        assert s["doc_id"] in docs, f"{sid}: unknown doc_id {s['doc_id']!r}"
        assert sid.startswith(s["doc_id"] + "."), f"{sid}: id does not start with its doc_id"
        text = docs[s["doc_id"]]["text"]
        assert isinstance(s["start"], int) and isinstance(s["end"], int), f"{sid}: offsets not ints"
        assert 0 <= s["start"] < s["end"] <= len(text), f"{sid}: offsets out of range"
        assert text[s["start"]:s["end"]] == s["content"], (
            f"{sid}: text[start:end] != content: {text[s['start']:s['end']]!r} vs {s['content']!r}")
        assert s["side"] in SIDES, f"{sid}: bad side {s['side']!r}"
        assert s["polarity"] in POLARITIES, f"{sid}: bad polarity {s['polarity']!r}"
        assert isinstance(s["hedged"], bool), f"{sid}: hedged not bool"
        if s["speaker"] is not None:
            assert s["speaker"] in text, f"{sid}: speaker {s['speaker']!r} not in the text"

    seen = set()
    counts = collections.Counter()
    by_story = collections.Counter()
    for p in pairs:
        a, b = p["a"], p["b"]
        tag = f"pair {a} / {b}"
        assert a in sts and b in sts, f"{tag}: unknown statement"
        assert a != b, f"{tag}: a statement paired with itself"
        key = frozenset((a, b))
        assert key not in seen, f"{tag}: listed twice"
        seen.add(key)
        assert p["label"] in LABELS, f"{tag}: bad label {p['label']!r}"
        assert p["type"] in TYPES, f"{tag}: bad type {p['type']!r}"
        assert p.get("note"), f"{tag}: no note"
        sa, sb = sts[a], sts[b]
        story_a, story_b = docs[sa["doc_id"]]["story"], docs[sb["doc_id"]]["story"]
        assert story_a == story_b, f"{tag}: statements from different stories ({story_a}, {story_b})"
        sides = frozenset({sa["side"], sb["side"]})
        if p["label"] == "contradiction":
            assert sides in OPPOSING, f"{tag}: contradiction between sides {sorted(map(str, sides))}"
        else:
            assert sides in OPPOSING, f"{tag}: compatible pair not between opposing sides"
        where = "within" if sa["doc_id"] == sb["doc_id"] else "across"
        counts[(p["label"], p["type"], where)] += 1
        by_story[(story_a, p["label"])] += 1

    copies_path = os.path.join(folder, "wire_copies.jsonl")
    copies = load(copies_path) if os.path.exists(copies_path) else []
    for g in copies:
        assert len(g["statements"]) >= 2, f"wire-copy group with fewer than two statements: {g}"
        for sid in g["statements"]:
            assert sid in sts, f"wire-copy group refers to unknown statement {sid}"
        assert len({sts[sid]["doc_id"] for sid in g["statements"]}) == len(g["statements"]), \
            f"wire-copy group has two statements from one document: {g}"

    # ---- report
    stories = sorted({a["story"] for a in articles})
    print(f"articles: {len(articles)}  stories: {len(stories)}  statements: {len(statements)}  "
          f"pairs: {len(pairs)}  wire-copy groups: {len(copies)}")
    sides = collections.Counter(s["side"] for s in statements)
    print("statements by side:", dict(sorted(sides.items(), key=lambda kv: str(kv[0]))),
          " denies:", sum(s["polarity"] == "denies" for s in statements),
          " hedged:", sum(s["hedged"] for s in statements))
    for label in sorted(LABELS):
        total = sum(v for (l, _, _), v in counts.items() if l == label)
        within = sum(v for (l, _, w), v in counts.items() if l == label and w == "within")
        print(f"{label}: {total}  (within {within}, across {total - within})")
        for t in sorted(TYPES):
            n = sum(v for (l, tt, _), v in counts.items() if l == label and tt == t)
            if n:
                print(f"    {t:8s} {n:4d}  ({100 * n / total:4.1f}%)")
    within = sum(v for (_, _, w), v in counts.items() if w == "within")
    print(f"all pairs: within {within}, across {len(pairs) - within} "
          f"({100 * (len(pairs) - within) / len(pairs):.1f}% across)")
    print("pairs by story:", " ".join(
        f"{st}={by_story[(st, 'contradiction')]}c/{by_story[(st, 'compatible')]}k" for st in stories))

    n_c = sum(v for (l, _, _), v in counts.items() if l == "contradiction")
    n_k = len(pairs) - n_c
    assert n_c >= 90, f"only {n_c} contradiction pairs"
    assert n_k >= 90, f"only {n_k} compatible pairs"
    assert len(pairs) - within >= len(pairs) / 3, "fewer than a third of the pairs cross documents"
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))))
