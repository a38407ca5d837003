"""Search time of the on-disk statement index (claimdiff.index) that --across-chunks queries once per chunk.

    python benchmarks/bench_index.py --parts 10,50 --per-part 2000

Each part holds ``--per-part`` statements of two opposing sides with random unit vectors (384 dimensions, as the
shipped encoder's); one chunk's worth of queries (``--per-part``) searches all parts for its ``--k`` nearest
opposing statements (2 x ClaimDiff's top_k), and the statements found are then fetched. Search is exact, so its
cost depends on the sizes only, not on the vectors' values: random ones measure it as well as real ones. No model
runs. Run it with an older ``src`` on ``PYTHONPATH`` in the same command to compare.
"""

from __future__ import annotations

import argparse
import tempfile
import time

import numpy as np

from claimdiff.index import StatementIndex
from claimdiff.records import Span, Statement

SIDES = ("armenia", "azerbaijan")


def unit(rng: np.random.Generator, n: int, dim: int) -> np.ndarray:
    vectors = rng.standard_normal((n, dim)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parts", default="10,50", help="comma-separated numbers of parts (chunks done)")
    parser.add_argument("--per-part", type=int, default=2000, help="statements per part, and queries")
    parser.add_argument("--dim", type=int, default=384)
    parser.add_argument("--k", type=int, default=40)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    opposes = lambda x, y: {x, y} == set(SIDES)  # noqa: E731
    sides = [SIDES[i % 2] for i in range(args.per_part)]
    for parts in (int(p) for p in args.parts.split(",")):
        with tempfile.TemporaryDirectory() as folder:
            index = StatementIndex(folder)
            for part in range(parts):
                statements = [Statement(f"d{part}.{i}:0", f"d{part}.{i}", "indirect", Span(0, 5, "words"),
                                        side=sides[i]) for i in range(args.per_part)]
                index.add(part, statements, unit(rng, args.per_part, args.dim))
            queries = unit(rng, args.per_part, args.dim)
            times = []
            for _ in range(2):  # the first search also reads each part's sides, which the index then keeps
                start = time.perf_counter()
                hits = index.search(queries, sides, range(parts), opposes, args.k)
                times.append(time.perf_counter() - start)
            found = list(dict.fromkeys((part, row) for near in hits for _, part, row in near))
            start = time.perf_counter()
            index.fetch(found)  # what pairs_across then reads: the statements found
            fetched = time.perf_counter() - start
            print(f"{parts * args.per_part:>9,} statements in {parts} parts, {args.per_part:,} queries, k={args.k}: "
                  f"first search {times[0]:.2f} s, then {times[1]:.2f} s; fetching the {len(found):,} found "
                  f"{fetched:.2f} s")


if __name__ == "__main__":
    main()
