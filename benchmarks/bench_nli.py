"""NLI inference speed: claimdiff's engine against the usual tools, same model, same pairs, one process.

    python benchmarks/bench_nli.py                          # shipped model, 1,000 SNLI + TaxiNLI validation pairs
    python benchmarks/bench_nli.py --model DIR --pairs 2000 --batch-size 32 --threads 2 --device cuda
    python benchmarks/bench_nli.py --accurate models/claimdiff-nli-mpnet-base --margin 0.5   # the cascade

Engines, timed on the same pairs in --repeats interleaved rounds (each engine's best round counts):

* claimdiff ``NLIModel.predict`` in fp32 (its result cache off, so every repeat runs the model), and again
  with the whole last layer computed (an ablation of its [CLS]-only last layer);
* ``transformers.pipeline("text-classification")`` fed {text, text_pair} dicts (baseline);
* ``sentence_transformers.CrossEncoder.predict`` (baseline; ``pip install -e .[bench]``), skipped if absent;
* claimdiff in bf16 (CPU) or fp16 (GPU), the fast paths, with label agreement against fp32;
* torch dynamic int8 quantisation of the same model, measured only: claimdiff does not offer it when its
  agreement is under 99%.

Prints pairs per second, the ratios against each baseline, and label agreement with claimdiff fp32.

With ``--accurate DIR`` it measures the cascade instead (:class:`claimdiff.nli.CascadeNLI`, fast model = ``--model``):
the accurate model alone against the cascade at ``--margin`` on the same pairs (speed ratio, label agreement with
the accurate model alone, share of pairs re-judged, how often the accurate model overruled the fast one), then a
sweep of margins computed from the two models' stored scores (agreement and share re-judged; no timing).
Without the shared data folder it falls back to pairs built from the seed article's sentences.
"""

from __future__ import annotations

import argparse
import platform
import re
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import torch

import numpy as np

from claimdiff.nli import DEFAULT_MARGIN, LABELS, CascadeNLI, NLIModel, label_columns, near_decision

ROOT = Path(__file__).resolve().parents[1]


def load_pairs(n: int, pairs_file: str | None = None) -> tuple[list[tuple[str, str]], str]:
    if pairs_file:  # e.g. a mix written by scripts/train_nli.py --export-mix, on a machine without the data
        import gzip
        import json

        with gzip.open(pairs_file, "rt", encoding="utf-8") as f:
            rows = [json.loads(line) for line in f]
        rows = [r for r in rows if r.get("split", "validation") == "validation" and r.get("set") in ("snli", "taxinli")]
        rows = rows[::2][:n] + rows[1::2][: max(0, n - len(rows[::2]))]
        return [(r["premise"], r["hypothesis"]) for r in rows[:n]], f"SNLI + TaxiNLI validation from {pairs_file}"
    try:
        from claimdiff.evaluation.nli_data import load_nli_set

        rows = load_nli_set("snli", split="validation") + load_nli_set("taxinli", split="validation")
        rows = rows[::2][:n] + rows[1::2][: max(0, n - len(rows[::2]))]
        return [(r.premise, r.hypothesis) for r in rows[:n]], "SNLI + TaxiNLI validation"
    except FileNotFoundError:
        text = (ROOT / "seeds" / "000_c4e10aff8d545da5.txt").read_text(encoding="utf-8")
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if len(s) > 20]
        pairs = [(a, b) for a in sentences for b in sentences if a != b]
        return (pairs * (n // max(len(pairs), 1) + 1))[:n], "seed-article sentence pairs"


def timed_rounds(engines: dict[str, Callable[[], list[str]]], repeats: int) -> dict[str, tuple[float, list[str]]]:
    """Best time and labels of each engine over ``repeats`` rounds; every round runs every engine once, so a
    slow spell of a shared machine hits all engines rather than the one that happened to run then."""
    best: dict[str, tuple[float, list[str]]] = {}
    for _ in range(repeats):
        for name, run in engines.items():
            start = time.perf_counter()
            labels = run()
            seconds = time.perf_counter() - start
            if name not in best or seconds < best[name][0]:
                best[name] = (seconds, labels)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=None, help="NLI model folder (default: the shipped model)")
    parser.add_argument("--pairs", type=int, default=1000)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--repeats", type=int, default=3, help="rounds; each engine's best round counts")
    parser.add_argument("--pairs-file", default=None, help="gzipped JSONL of premise/hypothesis rows instead of the data")
    parser.add_argument("--accurate", default=None, help="accurate model folder: measure the cascade instead")
    parser.add_argument("--margin", type=float, default=DEFAULT_MARGIN, help="the cascade's margin (with --accurate)")
    parser.add_argument("--precision", default="fp32", choices=("fp32", "bf16", "fp16"),
                        help="both models' precision in the cascade measurement")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    warnings.filterwarnings("ignore", category=UserWarning)  # torch's int8 deprecation notices
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    if args.accurate:
        measure_cascade(args)
        return

    nli = NLIModel.from_pretrained(args.model, device=args.device, precision="fp32", cache_size=0)
    pairs, source = load_pairs(args.pairs, args.pairs_file)
    device = torch.cuda.get_device_name() if nli.device.type == "cuda" else (platform.processor() or platform.machine())
    print(f"model: {nli.name}\npairs: {len(pairs)} ({source}), batch size {args.batch_size}, "
          f"{torch.get_num_threads()} threads, torch {torch.__version__}, {device}")

    def ours(model: NLIModel, cls_only: bool | None = None) -> Callable[[], list[str]]:
        def run() -> list[str]:
            if cls_only is not None:
                model.cls_only_last_layer = cls_only
            probs = model.predict(pairs, batch_size=args.batch_size, show_progress_bar=False)
            model.cls_only_last_layer = model_cls_only
            return [LABELS[i] for i in probs.argmax(axis=1)]

        model_cls_only = model.cls_only_last_layer
        model.predict(pairs[: args.batch_size], batch_size=args.batch_size)  # warm-up
        return run

    engines: dict[str, Callable[[], list[str]]] = {"claimdiff NLIModel.predict fp32": ours(nli)}
    if nli.cls_only_last_layer:  # ablation: what computing only [CLS] in the last layer is worth
        engines["claimdiff fp32, full last layer"] = ours(nli, cls_only=False)

    from transformers import pipeline

    clf = pipeline("text-classification", model=nli.model, tokenizer=nli.tokenizer, device=nli.device, top_k=None)
    inputs = [{"text": p, "text_pair": h} for p, h in pairs]
    columns = label_columns(nli.model.config.id2label)
    names = {nli.model.config.id2label[c]: LABELS[i] for i, c in enumerate(columns) if c is not None}
    clf(inputs[: args.batch_size], batch_size=args.batch_size, truncation=True, max_length=nli.max_length)
    engines["transformers pipeline"] = lambda: [
        names.get(max(r, key=lambda d: d["score"])["label"])
        for r in clf(inputs, batch_size=args.batch_size, truncation=True, max_length=nli.max_length)]

    try:
        from sentence_transformers import CrossEncoder
    except ImportError:
        print("sentence-transformers is not installed (pip install -e .[bench]): CrossEncoder skipped")
    else:
        ce = CrossEncoder(nli.name, device=str(nli.device), max_length=nli.max_length,
                          model_kwargs={"dtype": torch.float32})
        ce.predict(pairs[: args.batch_size], batch_size=args.batch_size, show_progress_bar=False)
        column_of = {c: i for i, c in enumerate(columns) if c is not None}
        engines["sentence-transformers CrossEncoder"] = lambda: [
            LABELS[column_of[int(i)]] if int(i) in column_of else "neutral"
            for i in ce.predict(pairs, batch_size=args.batch_size, show_progress_bar=False).argmax(axis=1)]

    fast = "fp16" if nli.device.type == "cuda" else "bf16"
    half = NLIModel.from_pretrained(args.model, device=args.device, precision=fast, cache_size=0)
    engines[f"claimdiff NLIModel.predict {fast}"] = ours(half)

    if nli.device.type == "cpu":
        from torch.ao.quantization import quantize_dynamic

        int8 = NLIModel.from_pretrained(args.model, device="cpu", cache_size=0)
        int8.model = quantize_dynamic(int8.model, {torch.nn.Linear}, dtype=torch.qint8)
        engines["torch dynamic int8 (not offered)"] = ours(int8)

    results = timed_rounds(engines, args.repeats)
    reference = results["claimdiff NLIModel.predict fp32"][1]
    base_pipeline = results["transformers pipeline"][0]
    base_ce = results.get("sentence-transformers CrossEncoder", (None,))[0]
    print(f"\n{'engine':<38} {'seconds':>8} {'pairs/s':>8} {'vs pipeline':>11} {'vs CrossEnc':>11} {'agree':>7}")
    for name, (seconds, labels) in results.items():
        agreement = sum(a == b for a, b in zip(labels, reference)) / len(pairs)
        vs_ce = f"{base_ce / seconds:>10.2f}x" if base_ce else f"{'-':>11}"
        print(f"{name:<38} {seconds:>8.2f} {len(pairs) / seconds:>8.1f} {base_pipeline / seconds:>10.2f}x "
              f"{vs_ce} {agreement:>7.4f}")
    print("\nagree: share of pairs given the same label as claimdiff fp32")


def measure_cascade(args: argparse.Namespace) -> None:
    """The accurate model alone against the cascade on the same pairs, then a sweep of margins."""
    load = dict(device=args.device, precision=args.precision, cache_size=0)
    fast, accurate = NLIModel.from_pretrained(args.model, **load), NLIModel.from_pretrained(args.accurate, **load)
    pairs, source = load_pairs(args.pairs, args.pairs_file)
    print(f"fast: {fast.name}\naccurate: {accurate.name}\npairs: {len(pairs)} ({source}), batch size "
          f"{args.batch_size}, {torch.get_num_threads()} threads, {args.precision}, torch {torch.__version__}")
    cascade = CascadeNLI(fast, accurate, args.margin)
    scores: dict[str, np.ndarray] = {}

    def run(name: str, engine) -> Callable[[], list[str]]:
        def go() -> list[str]:
            scores[name] = engine.predict(pairs, batch_size=args.batch_size, show_progress_bar=False)
            return [LABELS[i] for i in scores[name].argmax(axis=1)]
        engine.predict(pairs[: args.batch_size], batch_size=args.batch_size)  # warm-up
        return go

    engines = {"fast alone": run("fast", fast), "accurate alone": run("accurate", accurate),
               f"cascade, margin {args.margin:g}": run("cascade", cascade)}
    cascade.predict(pairs[: args.batch_size])
    before = (cascade.rejudged, cascade.overruled)
    results = timed_rounds(engines, args.repeats)
    # Every round ran the cascade once on all pairs.
    rejudged = (cascade.rejudged - before[0]) / args.repeats / len(pairs)
    overruled = (cascade.overruled - before[1]) / args.repeats / len(pairs)
    reference = results["accurate alone"]
    print(f"\n{'engine':<24} {'seconds':>8} {'pairs/s':>8} {'vs accurate':>11} {'agree with accurate':>20}")
    for name, (seconds, labels) in results.items():
        agreement = sum(a == b for a, b in zip(labels, reference[1])) / len(pairs)
        print(f"{name:<24} {seconds:>8.2f} {len(pairs) / seconds:>8.1f} {reference[0] / seconds:>10.2f}x "
              f"{agreement:>20.4f}")
    print(f"\ncascade: {rejudged:.1%} of pairs re-judged by the accurate model, {overruled:.1%} overruled "
          f"(its label differs from the fast model's)")

    fast_probs, accurate_probs = scores["fast"], scores["accurate"]
    accurate_labels = accurate_probs.argmax(axis=1)
    cost = results["accurate alone"][0] / results["fast alone"][0]  # accurate model's cost per pair, in fast pairs
    print(f"\nmargin sweep (from stored scores; speed-up estimated as accurate / (fast + share x accurate), "
          f"accurate = {cost:.1f}x fast per pair)")
    print(f"{'margin':>6} {'re-judged':>9} {'agree with accurate':>20} {'est. speed-up':>13}")
    for margin in (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1.0):
        near = near_decision(fast_probs, margin)
        labels = np.where(near, accurate_labels, fast_probs.argmax(axis=1))
        share = near.mean()
        print(f"{margin:>6.1f} {share:>9.1%} {(labels == accurate_labels).mean():>20.4f} "
              f"{cost / (1 + share * cost):>12.2f}x")


if __name__ == "__main__":
    main()
