"""Fit the softmax temperature of an NLI model on validation rows it is not reported on, and (with --write)
store it in the model's config.json as ``claimdiff_temperature``, which ``NLIModel.from_pretrained`` reads.

    python scripts/calibrate_nli.py --data ../shared/data --model models/claimdiff-nli-minilm-l6
    python scripts/calibrate_nli.py --data ../shared/data --model models/claimdiff-nli-minilm-l6 --write

The fit uses the validation splits of the training mix except SNLI and TaxiNLI (the issue's target sets, whose
calibration error is then a clean test) and the hand-labelled seed cases. One temperature for all classes:
labels do not change, only how sure the model says it is.
"""

from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path

import numpy as np

from claimdiff.evaluation.data import resolve_data_dir
from claimdiff.evaluation.nli import calibration_error, fit_temperature, rescale
from claimdiff.evaluation.nli_data import load_nli_set
from claimdiff.nli import NLIModel

logger = logging.getLogger("calibrate_nli")

FIT_SETS = ("lingnli", "conjnli", "cad", "sick", "mpe", "fever", "climate_fever", "healthver", "xnli_en",
            "negation", "breaking", "med", "conflict_roles")
REPORT_SETS = ("snli", "taxinli", "seed_cases")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=None, help="data folder laid out like shared/data (or $CLAIMDIFF_DATA)")
    parser.add_argument("--model", required=True, help="the NLI model folder to calibrate")
    parser.add_argument("--fit-sets", default=",".join(FIT_SETS))
    parser.add_argument("--report-sets", default=",".join(REPORT_SETS))
    parser.add_argument("--write", action="store_true", help="store the temperature in the model's config.json")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

    data_dir = resolve_data_dir(args.data)
    nli = NLIModel.from_pretrained(args.model, temperature=1.0)
    scored: dict[str, tuple[list[str], np.ndarray]] = {}
    for name in [*args.fit_sets.split(","), *args.report_sets.split(",")]:
        rows = load_nli_set(name, data_dir, "validation")
        pairs = [(r.premise, r.hypothesis) for r in rows]
        scored[name] = ([r.label for r in rows], nli.predict(pairs, 64, show_progress_bar=False))
    fit_gold = [g for name in args.fit_sets.split(",") for g in scored[name][0]]
    fit_probs = np.concatenate([scored[name][1] for name in args.fit_sets.split(",")])
    temperature = fit_temperature(fit_gold, fit_probs)
    logger.info("temperature %.2f fitted on %d rows of %s", temperature, len(fit_gold), args.fit_sets)
    for name, (gold, probs) in scored.items():
        after = rescale(np.log(np.clip(probs, 1e-12, 1.0)), temperature)
        role = "fit" if name in args.fit_sets.split(",") else "report"
        logger.info("%-16s %-6s calibration error %.4f -> %.4f (%d rows)", name, role,
                    calibration_error(gold, probs), calibration_error(gold, after), len(gold))
    if args.write:
        path = Path(args.model) / "config.json"
        config = json.loads(path.read_text())
        config["claimdiff_temperature"] = round(temperature, 2)
        path.write_text(json.dumps(config, indent=2, sort_keys=True) + "\n")
        logger.info("wrote claimdiff_temperature=%.2f to %s", temperature, path)


if __name__ == "__main__":
    main()
