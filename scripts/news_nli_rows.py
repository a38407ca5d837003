"""NLI training rows from the written contradiction benchmarks: the pairs the pipeline asks its NLI model about,
labelled by the benchmark's gold pairs.

The NLI model reads a candidate pair as the judge (``claimdiff.judge``) asks it: two assertions (or two denials)
in both directions, where a contradiction is the answer; an assertion against a denial from the assertion to the
denied content, where entailment is the answer ("Armenian units shelled Tovuz" entails "Armenian troops opened
fire", which the other side denies); an assertion against a negated assertion ("the army did not open fire") from
the assertion to what the negation denies. A gold contradiction gives each of these questions its answer; a gold
compatible pair gives "neutral" (left out where the model already reads entailment between two assertions: two
sides' compatible accounts may well entail each other).

Only pairs the pipeline pairs and whose two gold statements it finds give rows, read as the pipeline reads them
(``ActorRegistry.reading``: "its troops" in what Baku says is "Azerbaijan's troops"). The rows are written as a
training mix for ``scripts/train_nli.py --mix`` together with a sample of an exported general mix (so the model
keeps its general reading), and the parts named by ``--validation`` become validation rows only::

    python scripts/train_nli.py --data ../shared/data --export-mix runs/mix-general.jsonl.gz
    python scripts/news_nli_rows.py --general runs/mix-general.jsonl.gz --general-rows 30000 \\
        --train written,written_b,written_d,written_f,written_g,written_h \\
        --validation written_i,written_j --times 3 --out runs/mix-news.jsonl.gz
    python scripts/train_nli.py --mix runs/mix-news.jsonl.gz --init models/claimdiff-nli-minilm-l6 --epochs 1 \\
        --lr 2e-5 --seed 21 --eval-sets snli,taxinli,news_written_i,news_written_j --out runs/nli-news

That recipe chose the settings (written_i and written_j judged it); the shipped model (stage 5, see its card) is
the same recipe with those two parts trained on too (``--train written,...,written_j``, no ``--validation``).
The parts it trains on stop being development benchmarks of the model: their figures are training figures. The
held-out parts (written_c, written_e, written_k, written_m) and the validation parts (written_n to
written_s, written_z, written_aa, written_ab, written_af to written_ah) must never be named here.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import random
from collections import Counter
from pathlib import Path

from claimdiff import ClaimDiff
from claimdiff.evaluation.pairs import analyze_benchmark, load_benchmark, match_statements
from claimdiff.negation import negated_claim

logger = logging.getLogger("news_nli_rows")
BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks" / "contradictions"
#: Parts kept apart to measure the project on news it has not learnt from (each part's README says so).
HELD_OUT = frozenset({"written_c", "written_e", "written_k", "written_m",
                      "written_n", "written_o", "written_p", "written_q", "written_r", "written_s",
                      "written_z", "written_aa", "written_ab", "written_af", "written_ag", "written_ah"})


def part_rows(cd: ClaimDiff, folder: Path) -> list[dict]:
    """The NLI questions of one benchmark part's gold pairs that the pipeline judges, with their gold answers."""
    bench = load_benchmark(folder)
    report = analyze_benchmark(cd, bench)
    matches = match_statements(bench.statements, report.statements, bench.texts)
    verdicts = {frozenset((v.pair.a.id, v.pair.b.id)): v for v in report.verdicts}
    read = cd.registry.reading
    rows = []
    for gold in bench.pairs:
        a, b = matches.get(gold["a"]), matches.get(gold["b"])
        verdict = verdicts.get(frozenset((a.id, b.id))) if a is not None and b is not None else None
        if verdict is None:
            continue
        a, b = verdict.pair.a, verdict.pair.b
        contradicts = gold["label"] == "contradiction"
        ta, tb = read(a), read(b)
        questions = []
        if a.polarity == b.polarity:
            entailed = max(verdict.p_entailment_ab, verdict.p_entailment_ba) >= 0.5
            if contradicts or not entailed:
                label = "contradiction" if contradicts else "neutral"
                questions += [(ta, tb, label), (tb, ta, label)]
            if a.polarity == "asserts":
                for said_not, other in ((ta, tb), (tb, ta)):
                    denied = negated_claim(said_not)
                    if denied is not None and negated_claim(other) is None:
                        questions.append((other, denied, "entailment" if contradicts else "neutral"))
        else:
            asserted, denied = (ta, tb) if a.polarity == "asserts" else (tb, ta)
            questions.append((asserted, denied, "entailment" if contradicts else "neutral"))
        rows += [{"set": f"news_{bench.name}", "premise": p, "hypothesis": h, "label": label}
                 for p, h, label in questions]
    logger.info("%s: %d rows from %d gold pairs, labels %s", bench.name, len(rows), len(bench.pairs),
                dict(Counter(r["label"] for r in rows)))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--general", required=True, help="a mix written by train_nli.py --export-mix")
    parser.add_argument("--general-rows", type=int, default=30000, help="training rows sampled from --general")
    parser.add_argument("--train", required=True, help="benchmark parts whose rows are trained on: 'name,...'")
    parser.add_argument("--validation", default="", help="benchmark parts whose rows are validation only")
    parser.add_argument("--times", type=int, default=3, help="how often each benchmark row is repeated")
    parser.add_argument("--model", default="models/claimdiff-nli-minilm-l6",
                        help="NLI model of the pipeline that finds the pairs (its labels are not used)")
    parser.add_argument("--without", default="",
                        help="sets left out of the file once the sample is drawn: 'name,...' (e.g. conflict_roles for "
                             "a model that never saw the generated conflict sets)")
    parser.add_argument("--validation-sets", default="",
                        help="keep only these sets' validation rows: 'name,...' (default: all)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")

    named = set(filter(None, f"{args.train},{args.validation}".split(",")))
    if named & HELD_OUT:
        parser.error(f"{', '.join(sorted(named & HELD_OUT))}: kept apart (held out, or the rules' validation part), "
                     "never trained on.")
    cd = ClaimDiff.from_pretrained(model=args.model, accurate_model=False)
    news = {name: part_rows(cd, BENCHMARKS / name) for name in filter(None, args.train.split(","))}
    held = {name: part_rows(cd, BENCHMARKS / name) for name in filter(None, args.validation.split(","))}
    general, validation = [], []
    with gzip.open(args.general, "rt", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            (general if row["split"] == "train" else validation).append(row)
    rng = random.Random(args.seed)
    train = rng.sample(general, min(args.general_rows, len(general)))
    for rows in news.values():
        train += rows * args.times
    rng.shuffle(train)
    # Filtered after the draw, so that the same seed keeps the same rows of the sets that stay.
    without = set(filter(None, args.without.split(",")))
    kept = set(filter(None, args.validation_sets.split(",")))
    train = [r for r in train if r["set"] not in without]
    validation = [r for r in validation + [r for rows in held.values() for r in rows]
                  if r["set"] not in without and (not kept or r["set"] in kept)]
    with gzip.open(args.out, "wt", encoding="utf-8") as f:
        for row in train:
            f.write(json.dumps({**row, "split": "train"}) + "\n")
        for row in validation:
            f.write(json.dumps({**row, "split": "validation"}) + "\n")
    logger.info("wrote %s: %d training rows (%s), %d validation rows", args.out, len(train),
                dict(Counter(r["set"] for r in train if r["set"].startswith("news_"))),
                len(validation))


if __name__ == "__main__":
    main()
