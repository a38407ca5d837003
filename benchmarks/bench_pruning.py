"""How many true contradictions the candidate-pair pruning keeps, against how many pairs it keeps.

    python benchmarks/bench_pruning.py                    # both labelled sets, top_k 1..50
    python benchmarks/bench_pruning.py --sets fnc1 --top-k 1,5,10 --related-docs 3

Two labelled sets from the shared data folder, each cast as two opposing "sides" of statements:

* ``fnc1``: FNC-1 train. Side A: the distinct headlines; side B: the article bodies (their first 600
  characters: the lead). True pairs: the (headline, body) pairs labelled *disagree* (the body disputes the
  headline's claim).
* ``claimdiff``: ClaimDiff-W train. Side A: the ``claim_a`` sentences; side B: the ``claim_b`` ones. True
  pairs: those labelled 1 (claim_b weakens claim_a), a claim and a counterclaim from different presses.

For each ``top_k`` and ``related_docs`` (story pairing off, or each document paired with its 1 or 3 most
similar documents) the real ``claimdiff.pairing.candidate_pairs`` runs, and the script prints the pairs kept,
how many times fewer than all cross-side pairs (the baseline: judging every one of them with NLI), and the
recall of the true pairs. No NLI model runs here: only the sentence encoder.
"""

from __future__ import annotations

import argparse
import csv
import json
import time
from pathlib import Path

from claimdiff.evaluation.data import resolve_data_dir
from claimdiff.pairing import SentenceEncoder, candidate_pairs
from claimdiff.pipeline import _cached
from claimdiff.records import Span, Statement

DEFAULT_MIN_SIMILARITY = 0.3  # ClaimDiff's default


def statement(i: int, text: str, side: str, doc: str) -> Statement:
    return Statement(f"{side}{i}", doc, "direct", Span(0, len(text), text), side=side)


def fnc1(data_dir: Path):
    """Headlines and body leads; each is its own document (a body is one statement here)."""
    base = data_dir / "claims" / "FNC-1-train"
    with open(base / "train_bodies.csv", encoding="utf-8", newline="") as f:
        bodies = {row["Body ID"]: row["articleBody"] for row in csv.DictReader(f)}
    rows = []
    for name in ("train_train_stances.csv", "train_test_stances.csv"):
        with open(base / "metaclassifier_corpus_9_1" / name, encoding="utf-8", newline="") as f:
            rows.extend(csv.DictReader(f))
    headlines = sorted({r["Headline"] for r in rows})
    body_ids = sorted(bodies)
    h_index = {h: i for i, h in enumerate(headlines)}
    b_index = {b: i for i, b in enumerate(body_ids)}
    true = {(h_index[r["Headline"]], b_index[r["Body ID"]]) for r in rows if r["Stance"] == "disagree"}
    leads = [" ".join(bodies[b].split())[:600] for b in body_ids]
    return headlines, leads, true, [f"h{i}" for i in range(len(headlines))], [f"b{i}" for i in range(len(leads))]


def claimdiff(data_dir: Path):
    """Claims of news articles; a claim's document is the article it was taken from."""
    path = data_dir / "claims" / "ClaimDiff" / "ClaimDiff-W" / "ClaimDiff-weak-train.json"
    data = json.loads(path.read_text(encoding="utf-8"))["data"]
    a_texts = sorted({r["claim_a"] for r in data})
    b_texts = sorted({r["claim_b"] for r in data})
    a_index = {t: i for i, t in enumerate(a_texts)}
    b_index = {t: i for i, t in enumerate(b_texts)}
    true = {(a_index[r["claim_a"]], b_index[r["claim_b"]]) for r in data if r["relation"] == 1}
    article = {r["claim_a"]: r["article_a"] for r in data}
    article_b = {r["claim_b"]: r["article_b"] for r in data}
    ids = {a: f"art{i}" for i, a in enumerate(sorted(set(article.values()) | set(article_b.values())))}
    return a_texts, b_texts, true, [ids[article[t]] for t in a_texts], [ids[article_b[t]] for t in b_texts]


SETS = {"fnc1": fnc1, "claimdiff": claimdiff}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=None, help="shared data folder (or $CLAIMDIFF_DATA)")
    parser.add_argument("--sets", default="fnc1,claimdiff")
    parser.add_argument("--top-k", default="1,5,10,20,50")
    parser.add_argument("--related-docs", default="1,3", help="story pairing settings besides none")
    parser.add_argument("--min-similarity", type=float, default=DEFAULT_MIN_SIMILARITY)
    args = parser.parse_args()
    data_dir = resolve_data_dir(args.data)
    # Each text is embedded once for all the settings tried, as within one pipeline run.
    embed = _cached(SentenceEncoder.from_pretrained(device="cpu").encode)

    for name in args.sets.split(","):
        a_texts, b_texts, true, a_docs, b_docs = SETS[name](data_dir)
        statements = [statement(i, t, "a", d) for i, (t, d) in enumerate(zip(a_texts, a_docs))] + \
                     [statement(i, t, "b", d) for i, (t, d) in enumerate(zip(b_texts, b_docs))]
        start = time.perf_counter()
        embed([s.content.text for s in statements])
        print(f"\n{name}: {len(a_texts):,} x {len(b_texts):,} statements, {len(true):,} true pairs "
              f"(embedded in {time.perf_counter() - start:.1f} s)")
        print(f"  {'top_k':>5} {'related_docs':>12} {'kept':>9} {'fewer':>7} {'recall':>7} {'seconds':>8}")
        for k in (int(x) for x in args.top_k.split(",")):
            for related in (None, *(int(x) for x in args.related_docs.split(","))):
                start = time.perf_counter()
                pairs, stats = candidate_pairs(statements, lambda x, y: x != y, embed, top_k=k,
                                               min_similarity=args.min_similarity, related_docs=related)
                seconds = time.perf_counter() - start
                kept = {(int(p.a.id[1:]), int(p.b.id[1:])) for p in pairs}
                recall = len(kept & true) / len(true)
                print(f"  {k:>5} {str(related):>12} {stats.candidate_pairs:>9,} "
                      f"{stats.cross_side_pairs / max(stats.candidate_pairs, 1):>6.0f}x {recall:>7.3f} {seconds:>8.1f}")
        print(f"  baseline (no pruning): {len(a_texts) * len(b_texts):,} pairs, recall 1.000")


if __name__ == "__main__":
    main()
