"""Contradictions found across chunks against one chunk, on the gold pairs of the contradiction benchmark.

    python benchmarks/bench_across.py                                   # four development parts, default models
    python benchmarks/bench_across.py --parts written_b --model models/claimdiff-nli-minilm-l6   # fast model alone

Each part is analysed twice. **One chunk**: its articles as one corpus, what ``claimdiff evaluate-pairs`` scores.
**Across chunks**: ``ClaimDiff.run(..., chunk_size=1, across_chunks=True)``, one article a chunk by default, so
that every pair of statements in different articles can only be found by the cross-chunk step (the on-disk
index, the topic and story pairs of ``pairing.pairs_across``) as a corpus run would find it. The run's flags are
its tables read back from disk: contradiction verdicts and counterclaims, within and across chunks. Both are scored
by ``claimdiff.evaluation.pairs.score_flags``, split by whether the gold pair's two statements are in one article
(*within*) or in two (*across*): gold contradictions flagged, and gold compatible pairs flagged (false alarms).
Within-article figures of a run of one article a chunk are the chunks' own analyses.

The parts are development parts by default (read their errors freely); do not point it at the held-out ones
(written_c, _e, _k, _m and polnear) except for the one measurement at the end of a piece of work.
"""

from __future__ import annotations

import argparse
import logging
import tempfile
import time
from collections import Counter
from pathlib import Path

from claimdiff import ClaimDiff
from claimdiff.batch import read_run
from claimdiff.evaluation.data import resolve_data_dir
from claimdiff.evaluation.pairs import (Benchmark, analyze_benchmark, benchmark_documents, benchmark_pipeline,
                                        load_benchmark, score_benchmark, score_flags)
from claimdiff.records import Span, Statement

ROOT = Path(__file__).resolve().parent / "contradictions"
DEFAULT_PARTS = "written_b,written,written_aj,written_t"


def statement_from_row(row: dict) -> Statement:
    """The statement of a ``statements`` table row (its spans flat: ``content``, ``content_start``, ...)."""
    spans = {k: None if row[k] is None else Span(row[f"{k}_start"], row[f"{k}_end"], row[k])
             for k in ("content", "speaker", "cue", "pointer")}
    fields = {k: v for k, v in row.items() if k in Statement.__dataclass_fields__}
    return Statement(**{**fields, **spans})


def run_flags(cd: ClaimDiff, bench: Benchmark, out_dir: Path, chunk_size: int) -> dict:
    """The metrics of a run of the part written to ``out_dir`` across chunks, scored from its tables."""
    benchmark_pipeline(cd, bench).run(benchmark_documents(bench), out_dir, chunk_size=chunk_size,
                                      across_chunks=True, show_progress_bar=False)
    statements = [statement_from_row(row) for row in read_run(out_dir, "statements")]
    flagged = {frozenset((row["a"], row["b"])) for table in ("verdicts", "cross_verdicts")
               for row in read_run(out_dir, table) if row["label"] == "contradiction"}
    flagged |= {frozenset((row["a"], row["b"])) for table in ("counterclaims", "cross_counterclaims")
                for row in read_run(out_dir, table)}
    return score_flags(bench, statements, flagged)


COUNTS = ("contradiction_pairs", "compatible_pairs", "contradiction_pairs_flagged", "compatible_pairs_flagged")


def cells(metrics: dict, place: str) -> dict[str, int]:
    """Gold pairs of one place and how many of them were flagged."""
    return {key: metrics[f"{key}/{place}"] for key in COUNTS}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--parts", default=DEFAULT_PARTS,
                        help=f"comma-separated part folders (default {DEFAULT_PARTS})")
    parser.add_argument("--data", default=None, help="shared data folder (or $CLAIMDIFF_DATA): PolNeAR's texts")
    parser.add_argument("--model", default=None, help="NLI model folder (default: the shipped default)")
    parser.add_argument("--chunk-size", type=int, default=1, help="articles a chunk of the run (default 1)")
    parser.add_argument("--threads", type=int, default=None, help="torch threads (default: torch's)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    if args.threads:
        import torch

        torch.set_num_threads(args.threads)
    cd = ClaimDiff.from_pretrained(args.model, device="cpu")
    print(f"model: {cd.nli.name}; across chunks: {args.chunk_size} article(s) a chunk")
    print(f"{'part':<12} {'place':<7} {'gold':>9} {'one chunk':>10} {'across':>8} {'seconds':>15}")
    sums: Counter[str] = Counter()
    try:  # a part given by source (polnear) reads its texts from the data folder; the written parts need none
        texts = resolve_data_dir(args.data) / "attribution" / "PolNeAR" / "data"
    except FileNotFoundError:
        texts = None
    for name in [p.strip() for p in args.parts.split(",") if p.strip()]:
        bench = load_benchmark(ROOT / name, texts)
        start = time.perf_counter()
        whole = score_benchmark(bench, analyze_benchmark(cd, bench))
        one_chunk_s = time.perf_counter() - start
        with tempfile.TemporaryDirectory() as scratch:
            start = time.perf_counter()
            across = run_flags(cd, bench, Path(scratch) / "run", args.chunk_size)
            across_s = time.perf_counter() - start
        for place in ("within", "across"):
            one, run = cells(whole, place), cells(across, place)
            sums.update({f"{place}/one_{k}": v for k, v in one.items()})
            sums.update({f"{place}/run_{k}": v for k, v in run.items()})
            seconds = f"{one_chunk_s:.0f} / {across_s:.0f}" if place == "within" else ""
            print(_row(name, place, one, run) + f" {seconds:>15}", flush=True)
    for place in ("within", "across"):
        one = {k: sums[f"{place}/one_{k}"] for k in COUNTS}
        run = {k: sums[f"{place}/run_{k}"] for k in COUNTS}
        print(_row("all", place, one, run))
    print("cells: contradiction pairs found / compatible pairs flagged (gold: contradiction / compatible pairs); "
          "seconds: one chunk / across chunks")


def _row(name: str, place: str, one: dict[str, int], run: dict[str, int]) -> str:
    gold = f"{one['contradiction_pairs']} / {one['compatible_pairs']}"
    found = [f"{c['contradiction_pairs_flagged']} / {c['compatible_pairs_flagged']}" for c in (one, run)]
    return f"{name:<12} {place:<7} {gold:>9} {found[0]:>10} {found[1]:>8}"


if __name__ == "__main__":
    main()
