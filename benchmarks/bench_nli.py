"""NLI inference speed: claimdiff's engine against the transformers pipeline, same model, same pairs, one process.

    python benchmarks/bench_nli.py                          # shipped model, 1,000 SNLI validation pairs
    python benchmarks/bench_nli.py --model DIR --pairs 2000 --batch-size 32 --threads 2

Prints pairs per second for each engine, the ratio, and label agreement between them. Without the shared
data folder it falls back to pairs built from the seed article's sentences.
"""

from __future__ import annotations

import argparse
import platform
import re
import time
from pathlib import Path

import torch

from claimdiff.nli import LABELS, NLIModel, label_columns

ROOT = Path(__file__).resolve().parents[1]


def load_pairs(n: int) -> tuple[list[tuple[str, str]], str]:
    try:
        from claimdiff.nli_data import load_nli_set

        rows = load_nli_set("snli", split="validation") + load_nli_set("taxinli", split="validation")
        rows = rows[::2][:n] + rows[1::2][: max(0, n - len(rows[::2]))]
        return [(r.premise, r.hypothesis) for r in rows[:n]], "SNLI + TaxiNLI validation"
    except FileNotFoundError:
        text = (ROOT / "seeds" / "000_c4e10aff8d545da5.txt").read_text(encoding="utf-8")
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if len(s) > 20]
        pairs = [(a, b) for a in sentences for b in sentences if a != b]
        return (pairs * (n // max(len(pairs), 1) + 1))[:n], "seed-article sentence pairs"


def timed(fn, repeats: int) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=None, help="NLI model folder (default: the shipped model)")
    parser.add_argument("--pairs", type=int, default=1000)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=2, help="best of N runs per engine")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)

    nli = NLIModel.from_pretrained(args.model, device="cpu")
    pairs, source = load_pairs(args.pairs)
    print(f"model: {nli.name}\npairs: {len(pairs)} ({source}), batch size {args.batch_size}, "
          f"{torch.get_num_threads()} threads, torch {torch.__version__}, {platform.processor() or platform.machine()}")

    nli.predict(pairs[: args.batch_size], batch_size=args.batch_size)  # warm-up
    ours_s, ours = timed(lambda: nli.predict(pairs, batch_size=args.batch_size, show_progress_bar=False), args.repeats)

    from transformers import pipeline

    clf = pipeline("text-classification", model=nli.model, tokenizer=nli.tokenizer, device=-1, top_k=None)
    inputs = [{"text": p, "text_pair": h} for p, h in pairs]
    clf(inputs[: args.batch_size], batch_size=args.batch_size, truncation=True, max_length=nli.max_length)
    theirs_s, theirs = timed(lambda: clf(inputs, batch_size=args.batch_size, truncation=True,
                                         max_length=nli.max_length), args.repeats)
    columns = label_columns(nli.model.config.id2label)
    names = {nli.model.config.id2label[c]: LABELS[i] for i, c in enumerate(columns) if c is not None}
    their_labels = [names.get(max(r, key=lambda d: d["score"])["label"]) for r in theirs]
    our_labels = [LABELS[i] for i in ours.argmax(axis=1)]
    agreement = sum(a == b for a, b in zip(our_labels, their_labels)) / len(pairs)

    print(f"\n{'engine':<36} {'seconds':>8} {'pairs/s':>9}")
    print(f"{'claimdiff NLIModel.predict':<36} {ours_s:>8.2f} {len(pairs) / ours_s:>9.1f}")
    print(f"{'transformers pipeline (baseline)':<36} {theirs_s:>8.2f} {len(pairs) / theirs_s:>9.1f}")
    print(f"\nratio claimdiff / pipeline: {theirs_s / ours_s:.2f}x   label agreement: {agreement:.4f}")


if __name__ == "__main__":
    main()
