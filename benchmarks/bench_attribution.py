"""Attribution extraction speed on PolNeAR articles: the rules, the learned tagger and ``rules_first`` (the
pipeline's default), one process, same articles.

    python benchmarks/bench_attribution.py                       # 84 PolNeAR dev articles, 2 threads
    python benchmarks/bench_attribution.py --articles 40 --threads 2 --repeats 2

Each extractor is timed best of --repeats over the same articles (one warm-up article first). The tagger runs
twice: with fp32 weights under bf16 autocast (``precision="fp32"``) and with bf16 weights (the CPU default),
with the share of tokens given the same label by both. Prints articles per second and ratios against the rules.
"""

from __future__ import annotations

import argparse
import time

import torch

from claimdiff.attribution.extractors import rules_first
from claimdiff.attribution.rules import segment
from claimdiff.attribution.tagger import AttributionTagger
from claimdiff.evaluation.polnear import load_polnear


def timed(fn, texts: list[str], repeats: int) -> float:
    fn(texts[0], "warm-up")
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        for i, text in enumerate(texts):
            fn(text, f"d{i}")
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=None, help="data folder with PolNeAR (or $CLAIMDIFF_DATA)")
    parser.add_argument("--split", default="dev", choices=("train", "dev"))
    parser.add_argument("--articles", type=int, default=84)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)

    texts = [a.text for a in load_polnear(args.split, args.data)[: args.articles]]
    shipped = AttributionTagger.from_pretrained(precision="fp32")
    cast = AttributionTagger.from_pretrained(precision="bf16")
    tokens = sum(len(shipped.tokens(t)[0]) for t in texts)
    print(f"{len(texts)} PolNeAR {args.split} articles, {tokens / len(texts):.0f} tokens each on average, "
          f"{torch.get_num_threads()} threads, torch {torch.__version__}")

    runs = {
        "rules (claimdiff.attribution.rules)": segment,
        "learned tagger, fp32 weights + bf16 autocast": shipped.extract,
        "learned tagger, bf16 weights": cast.extract,
        "rules_first, fp32 weights + autocast": lambda t, d: rules_first(t, d, shipped),
        "rules_first (pipeline default), bf16 weights": lambda t, d: rules_first(t, d, cast),
    }
    seconds = {name: timed(fn, texts, args.repeats) for name, fn in runs.items()}

    same = total = 0
    for text in texts:
        a = shipped.probabilities(text)[1].argmax(-1)
        b = cast.probabilities(text)[1].argmax(-1)
        same, total = same + int((a == b).sum()), total + len(a)

    base = seconds["rules (claimdiff.attribution.rules)"]
    print(f"\n{'extractor':<48} {'seconds':>8} {'articles/s':>10} {'vs rules':>9}")
    for name, s in seconds.items():
        print(f"{name:<48} {s:>8.2f} {len(texts) / s:>10.1f} {base / s:>8.2f}x")
    print(f"\nbf16 weights vs autocast: {same / max(total, 1):.4f} of tokens get the same label")


if __name__ == "__main__":
    main()
