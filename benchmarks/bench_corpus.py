"""Whole-pipeline throughput and memory on a news corpus, streamed through ``ClaimDiff.stream``.

    python benchmarks/bench_corpus.py                                  # 200 PolNeAR articles, chunks of 50
    python benchmarks/bench_corpus.py --articles 924 --chunk-size 100 --precision bf16
    python benchmarks/bench_corpus.py --articles 10000 --chunk-size 100 --every 1000   # memory stays flat?

The corpus is PolNeAR's 924 news articles (2016 US campaign, from the shared data folder), with a benchmark
actor pack (benchmarks/packs/us_election_2016.yaml) that gives them two opposing sides, so statements are
paired, pruned and judged as in a conflict corpus. Beyond 924 articles the corpus repeats (copies get new
ids; their NLI pairs are then served by the engine's cache, so only the first pass measures NLI speed).

Prints articles per second, statements, cross-side pairs, candidate pairs and pairs pruned, NLI pairs run
and computed, and the process's memory (current RSS and its peak) along the way. With --compare-analyze it
then runs the same articles through one ``analyze`` call (no streaming) in the same process, as the baseline
for memory. With --compare-fast it first streams them with the fast NLI model alone (``accurate_model=False``),
the speed baseline for the default pipeline's cascade, and prints the ratio:

    python benchmarks/bench_corpus.py --articles 200 --compare-fast
"""

from __future__ import annotations

import argparse
import itertools
import logging
import random
import resource
import time
from collections import Counter
from pathlib import Path

import psutil
import torch

from claimdiff import ClaimDiff, Document
from claimdiff.pipeline import TIMING_STATS
from claimdiff.evaluation.data import resolve_data_dir

PACK = Path(__file__).resolve().parent / "packs" / "us_election_2016.yaml"
COUNTED = ("documents", "statements", "cross_side_pairs", "candidate_pairs", "pairs_pruned", "nli_pairs_run",
           "stance_pairs_run", "nli_pairs_computed", "nli_rejudged", "nli_overruled", "contradictions",
           "counterclaims", "errors")


def polnear_files(data_dir: Path) -> list[Path]:
    base = data_dir / "attribution" / "PolNeAR" / "data"
    files = sorted(base.glob("train/text/*.txt")) + sorted(base.glob("dev/text/*.txt"))
    if not files:
        raise SystemExit(f"No PolNeAR articles under {base}; pass --data (the shared data folder).")
    # Sorted names group one outlet's articles by date; a fixed shuffle mixes outlets and topics.
    random.Random(0).shuffle(files)
    return files


def articles(files: list[Path], n: int):
    """``n`` documents, read one at a time; beyond the corpus the files repeat under new ids."""
    for i, path in enumerate(itertools.islice(itertools.cycle(files), n)):
        copy = i // len(files)
        yield Document(path.stem if copy == 0 else f"{path.stem}#{copy}", path.read_text(encoding="utf-8"))


def mib(n_bytes: float) -> str:
    return f"{n_bytes / 2**20:,.0f} MiB"


def peak_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux reports KiB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=None, help="shared data folder (or $CLAIMDIFF_DATA)")
    parser.add_argument("--model", default=None, help="NLI model folder (default: the shipped model)")
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--chunk-size", type=int, default=50)
    parser.add_argument("--precision", default=None, choices=("fp32", "bf16", "fp16"))
    parser.add_argument("--extractor", default="rules_first", choices=("rules_first", "rules", "learned", "combined"),
                        help="how statements are found (default: the pipeline's, rules_first)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--every", type=int, default=None, help="print memory every N articles")
    parser.add_argument("--compare-analyze", action="store_true",
                        help="then run the same articles through one analyze() call, for memory")
    parser.add_argument("--compare-fast", action="store_true",
                        help="first stream the same articles with the fast NLI model alone (no cascade), as the "
                             "speed baseline of the default pipeline with the accurate model installed")
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)  # PolNeAR has many unbalanced quotes
    torch.set_num_threads(args.threads)
    files = polnear_files(resolve_data_dir(args.data))
    process = psutil.Process()

    print(f"corpus: {args.articles:,} articles ({len(files)} distinct PolNeAR articles), chunks of {args.chunk_size}")
    baseline = None
    if args.compare_fast:
        fast = ClaimDiff.from_pretrained(args.model, pack=PACK, device="cpu", precision=args.precision,
                                         extractor=args.extractor, accurate_model=False)
        print("\n-- baseline: the fast model alone --")
        baseline = stream(fast, files, args, process)
        del fast
        print("\n-- the default pipeline --")
    cd = ClaimDiff.from_pretrained(args.model, pack=PACK, device="cpu", precision=args.precision,
                                   extractor=args.extractor)
    elapsed = stream(cd, files, args, process)
    if baseline is not None:
        print(f"\nspeed against the fast model alone, same articles, same process: {baseline / elapsed:.2f}x "
              f"({args.articles / elapsed:.2f} vs {args.articles / baseline:.2f} articles/s)")

    if args.compare_analyze:
        cd.nli.clear_cache()
        start = time.perf_counter()
        report = cd.analyze(list(articles(files, args.articles)), show_progress_bar=False)
        seconds = time.perf_counter() - start
        print(f"\nbaseline, one analyze() call: {seconds:.1f} s, {report.stats['statements']:,} statements, "
              f"{report.stats['candidate_pairs']:,} candidate pairs (pairs across the whole corpus), "
              f"peak memory {mib(peak_rss())}")


def stream(cd: ClaimDiff, files: list[Path], args: argparse.Namespace, process: psutil.Process) -> float:
    """Stream the articles through ``cd``, print figures along the way and at the end; the seconds it took."""
    cd.analyze(files[0].read_text(encoding="utf-8"))  # warm-up: first calls allocate and load kernels
    cd.nli.clear_cache()
    computed_before = cd.nli.pairs_computed
    print(f"model: {cd.nli.name} ({cd.nli.precision}), extractor: {args.extractor}, pack: {PACK.name}, "
          f"{torch.get_num_threads()} threads")
    print(f"memory after loading the models: {mib(process.memory_info().rss)}\n")

    totals: Counter = Counter()
    stage_seconds: Counter = Counter()
    every = args.every or max(args.chunk_size, args.articles // 5)
    next_report = every
    start = time.perf_counter()
    print(f"{'articles':>9} {'seconds':>8} {'art/s':>6} {'statements':>10} {'rss':>9} {'peak rss':>9}")
    for report in cd.stream(articles(files, args.articles), chunk_size=args.chunk_size, show_progress_bar=False):
        totals.update({k: int(report.stats.get(k, 0)) for k in COUNTED})
        stage_seconds.update({k: float(report.stats.get(k, 0.0)) for k in TIMING_STATS})
        if totals["documents"] >= next_report or totals["documents"] >= args.articles:
            elapsed = time.perf_counter() - start
            print(f"{totals['documents']:>9,} {elapsed:>8.1f} {totals['documents'] / elapsed:>6.2f} "
                  f"{totals['statements']:>10,} {mib(process.memory_info().rss):>9} {mib(peak_rss()):>9}")
            next_report += every
    elapsed = time.perf_counter() - start
    stream_peak = peak_rss()

    print(f"\narticles per second: {totals['documents'] / elapsed:.2f} ({elapsed:.1f} s for {totals['documents']:,})")
    for key in COUNTED[1:]:
        print(f"  {key:<20} {totals[key]:>12,}")
    if totals["cross_side_pairs"]:
        print(f"  pruning keeps {totals['candidate_pairs'] / totals['cross_side_pairs']:.1%} of cross-side pairs "
              f"({totals['cross_side_pairs'] / max(totals['candidate_pairs'], 1):.1f}x fewer)")
    print(f"  model pairs computed (all stages): {cd.nli.pairs_computed - computed_before:,}")
    print(f"peak memory while streaming: {mib(stream_peak)}")
    # Where the time goes: the report's stage timings summed over chunks; the rest is reading, claims, records.
    print("seconds per stage (share of the run):")
    for key in TIMING_STATS:
        print(f"  {key.removeprefix('seconds_'):<12} {stage_seconds[key]:>8.1f} s {stage_seconds[key] / elapsed:>6.1%}")
    other = elapsed - sum(stage_seconds.values())
    print(f"  {'other':<12} {other:>8.1f} s {other / elapsed:>6.1%}")
    return elapsed


if __name__ == "__main__":
    main()
