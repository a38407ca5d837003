"""How the pairing and NLI cost grows with the number of statements: near-linear, not quadratic.

    python benchmarks/bench_scaling.py                                # 10, 100, 1,000, 10,000 statements
    python benchmarks/bench_scaling.py --sizes 10,100,1000 --nli-up-to 1000 --precision bf16

Statements are the sentences of FNC-1 train article bodies (news; shared data folder), ten per document,
alternately given to two opposing sides. For each size the real ``candidate_pairs`` runs, then ``judge``
with the NLI model (both directions) for sizes up to --nli-up-to. Prints the cross-side pairs (what judging
without pruning would cost, growing as n²), the pairs kept and the NLI pairs run (growing as n), and the
seconds of each stage. Sizes above --nli-up-to report the pairing only: judging them at the measured rate
would take (NLI pairs run) / (pairs per second) seconds, which the script prints as an estimate, marked so.
"""

from __future__ import annotations

import argparse
import csv
import logging
import re
import time

import numpy as np
import torch

from claimdiff.judge import judge
from claimdiff.nli import NLIModel
from claimdiff.evaluation.data import resolve_data_dir
from claimdiff.pairing import SentenceEncoder, candidate_pairs
from claimdiff.records import Span, Statement

PER_DOC = 10


def sentences(data_dir, n: int) -> list[Statement]:
    with open(data_dir / "claims" / "FNC-1-train" / "train_bodies.csv", encoding="utf-8", newline="") as f:
        bodies = [row["articleBody"] for row in csv.DictReader(f)]
    found: list[Statement] = []
    for b, body in enumerate(bodies):
        parts = [s for s in re.split(r"(?<=[.!?])\s+", " ".join(body.split())) if 40 <= len(s) <= 300]
        for k, text in enumerate(parts[:PER_DOC]):
            side = "a" if len(found) % 2 == 0 else "b"
            found.append(Statement(f"b{b}:s{k}", f"b{b}", "indirect", Span(0, len(text), text), side=side))
            if len(found) == n:
                return found
    raise SystemExit(f"only {len(found)} sentences available, fewer than {n}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=None)
    parser.add_argument("--model", default=None)
    parser.add_argument("--sizes", default="10,100,1000,10000")
    parser.add_argument("--nli-up-to", type=int, default=1000, help="run NLI only for sizes up to this")
    parser.add_argument("--precision", default=None, choices=("fp32", "bf16", "fp16"))
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    torch.set_num_threads(args.threads)
    data_dir = resolve_data_dir(args.data)
    sizes = [int(x) for x in args.sizes.split(",")]
    pool = sentences(data_dir, max(sizes))
    encoder = SentenceEncoder.from_pretrained(device="cpu")
    nli = NLIModel.from_pretrained(args.model, device="cpu", precision=args.precision, cache_size=0)
    nli.predict([("warm", "up")])
    opposes = lambda x, y: x != y  # noqa: E731
    print(f"model: {nli.name} ({nli.precision}), {torch.get_num_threads()} threads; statements: FNC-1 body "
          f"sentences, {PER_DOC} per document, two sides\n")
    print(f"{'statements':>10} {'cross-side':>12} {'kept':>8} {'fewer':>7} {'NLI pairs':>9} "
          f"{'embed s':>8} {'pair s':>7} {'NLI s':>8} {'pairs/s':>8}")
    rate = None
    for n in sizes:
        statements = pool[:n]
        start = time.perf_counter()
        vectors = encoder.encode([s.content.text for s in statements])
        embed_s = time.perf_counter() - start
        lookup = {s.content.text: v for s, v in zip(statements, vectors)}
        start = time.perf_counter()
        pairs, stats = candidate_pairs(statements, opposes, lambda texts: np.stack([lookup[t] for t in texts]))
        pair_s = time.perf_counter() - start
        nli_pairs = 2 * len(pairs)
        if n <= args.nli_up_to:
            start = time.perf_counter()
            judge(pairs, nli, batch_size=32, show_progress_bar=False)
            nli_s = time.perf_counter() - start
            rate = nli_pairs / nli_s if nli_s else None
            nli_col, rate_col = f"{nli_s:>8.1f}", f"{rate:>8.1f}" if rate else f"{'-':>8}"
        else:
            estimate = f"~{nli_pairs / rate:.0f}*" if rate else "-"
            nli_col, rate_col = f"{estimate:>8}", f"{'-':>8}"
        print(f"{n:>10,} {stats.cross_side_pairs:>12,} {stats.candidate_pairs:>8,} "
              f"{stats.cross_side_pairs / max(stats.candidate_pairs, 1):>6.1f}x {nli_pairs:>9,} "
              f"{embed_s:>8.1f} {pair_s:>7.1f} {nli_col} {rate_col}")
    print("\n* estimated from the last measured rate, not run (raise --nli-up-to to run it)")


if __name__ == "__main__":
    main()
