"""Readers for the labelled NLI sets used to train and evaluate the shipped NLI model.

Every reader yields :class:`NLIExample` rows with one of three labels. Train/validation splits are made
here, deterministically, by a hash of the premise, so that a premise never sits on both sides of the
split (several sets reuse one premise for three hypotheses).

The data never ships with the project: pass its folder (``--data`` or ``CLAIMDIFF_DATA``; the layout of
``shared/data`` is expected, e.g. ``DATA/nli/snli-dev/s1.dev``).
"""

from __future__ import annotations

import csv
import hashlib
import logging
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from claimdiff._paths import checkout_path
from claimdiff.evaluation.data import DATA_ENV, jsonl_rows, resolve_data_dir  # noqa: F401 (re-exported)

logger = logging.getLogger(__name__)

LABELS = ("entailment", "neutral", "contradiction")
# Sets that live in the repository and need no data folder.
BUILT_IN = {"conflict_roles", "conflict_calm", "seed_cases"}


@dataclass(frozen=True)
class NLIExample:
    premise: str
    hypothesis: str
    label: str
    source: str


def _is_validation(premise: str, percent: int) -> bool:
    digest = hashlib.sha1(premise.strip().lower().encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") % 100 < percent


_LABEL_ALIASES = {
    "entailment": "entailment", "entails": "entailment", "supports": "entailment", "e": "entailment",
    "neutral": "neutral", "not_enough_info": "neutral", "n": "neutral", "unknown": "neutral",
    "contradiction": "contradiction", "contradicts": "contradiction", "refutes": "contradiction",
    "c": "contradiction", "refutes_claim": "contradiction",
}


def _label(raw: str) -> str | None:
    return _LABEL_ALIASES.get(str(raw).strip().lower())


def _detok(text: str) -> str:
    """Undo PTB tokenisation (FEVER, SNLI) so training text looks like news text."""
    text = text.replace("-LRB-", "(").replace("-RRB-", ")").replace("-LSB-", "[").replace("-RSB-", "]")
    text = text.replace("``", '"').replace("''", '"')
    text = re.sub(r" ([.,;:!?)\]'])", r"\1", text)
    text = re.sub(r"([(\[]) ", r"\1", text)
    return re.sub(r" n't\b", "n't", text)


def _tsv(path: Path, delimiter: str = "\t") -> Iterator[dict]:
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as f:
        yield from csv.DictReader(f, delimiter=delimiter, quoting=csv.QUOTE_NONE if delimiter == "\t" else csv.QUOTE_MINIMAL)


# Each reader yields (premise, hypothesis, raw label) from the whole set; splitting happens in load_nli_set.
def _snli(d: Path):
    base = d / "nli/snli-dev"
    with open(base / "s1.dev") as a, open(base / "s2.dev") as b, open(base / "labels.dev") as c:
        for p, h, y in zip(a, b, c):
            yield _detok(p.strip()), _detok(h.strip()), y.strip()


def _taxinli(d: Path):
    for r in _tsv(d / "nli/TaxiNLI/taxinli10k.tsv"):
        yield r["prem"], r["hyp"], r["label"]


def _lingnli(d: Path):
    for path in sorted((d / "nli/LingNLI").glob("*/*.jsonl")):
        for r in jsonl_rows(path):
            yield r["premise"], r["hypothesis"], r["label"]


def _conjnli(d: Path):
    for name in ("adversarial_train_15k.tsv", "conj_dev.tsv"):
        for r in _tsv(d / "nli/ConjNLI" / name):
            yield r["Premise"], r["Hypothesis"], r["Label"]


def _negation(d: Path):
    for name in ("SNLI.txt", "MNLI.txt", "RTE.txt"):
        for r in _tsv(d / "nli/NegationNLI" / name):
            yield r["Text"], r["Hypothesis"], r["gold_label"]


def _breaking(d: Path):
    for r in jsonl_rows(d / "nli/BreakingNLI/data/dataset.jsonl"):
        yield r["sentence1"], r["sentence2"], r["gold_label"]


def _med(d: Path):
    for r in _tsv(d / "nli/MED/MED.tsv"):
        yield r["sentence1"], r["sentence2"], r["gold_label"]


def _cad(d: Path):
    for name in ("train.tsv", "dev.tsv"):
        for r in _tsv(d / "nli/CAD-NLI/all_combined" / name):
            yield r["sentence1"], r["sentence2"], r["gold_label"]


def _sick(d: Path):
    for r in _tsv(d / "nli/SICK/SICK.txt"):
        yield r["sentence_A"], r["sentence_B"], r["entailment_label"]


def _mpe(d: Path):
    for name in ("train.csv", "dev.csv"):
        for r in _tsv(d / "nli/MPE" / name, delimiter=","):
            # Premises are four captions glued with image ids ("4615316828jpg1Very young girl ..."): split them.
            captions = [c.strip() for c in re.split(r"\d+jpg\d", r["premise"]) if c.strip()]
            yield ". ".join(captions) + ".", r["hypothesis"], r["label"]


def _fever(d: Path):
    base = d / "claims/FEVER-NLI-dev"
    with open(base / "dev.raw.input0") as a, open(base / "dev.raw.input1") as b, open(base / "dev.label") as c:
        for p, h, y in zip(a, b, c):
            # NEI claims are not in this file, so "not_entailment" is a refuted claim.
            yield _detok(p.strip()), h.strip(), "contradiction" if y.strip() == "not_entailment" else y.strip()


def _climate_fever(d: Path):
    for r in jsonl_rows(d / "claims/Climate-FEVER/climate-fever.jsonl"):
        for ev in r["evidences"]:
            yield ev["evidence"], r["claim"], ev["evidence_label"]


def _xnli_en(d: Path):
    # XNLI's English validation pairs: new MultiNLI-style premises (labels 0/1/2 in LABELS order).
    for r in _tsv(d / "nli/XNLI/xnli_validation_en.tsv"):
        yield r["premise"], r["hypothesis"], LABELS[int(r["label"])]


def _conflict_roles(d: Path):
    # Generated, not read: its own split holds out whole countries (see claimdiff.evaluation.nli_synthetic).
    from claimdiff.evaluation.nli_synthetic import conflict_pairs

    yield from conflict_pairs()


def _conflict_calm(d: Path):
    # Generated two-sided reports of anything but an attack (claimdiff.evaluation.nli_synthetic.calm_pairs).
    from claimdiff.evaluation.nli_synthetic import calm_pairs

    yield from calm_pairs()


def _seed_cases(d: Path):
    # Hand-labelled statements of the seed article against the pack's propositions (seeds/README.md): a
    # check that a model reads real conflict reports, not only templates. Never trained on.
    for r in jsonl_rows(checkout_path("seeds", "nli_cases.jsonl")):
        yield r["premise"], r["hypothesis"], r["label"], True


def _healthver(d: Path):
    for r in _tsv(d / "claims/HealthVer/healthver_dev.csv", delimiter=","):
        yield r["evidence"], r["claim"], r["label"]


READERS: dict[str, Callable[[Path], Iterator[tuple[str, str, str]]]] = {
    "snli": _snli,
    "taxinli": _taxinli,
    "lingnli": _lingnli,
    "conjnli": _conjnli,
    "negation": _negation,
    "breaking": _breaking,
    "med": _med,
    "cad": _cad,
    "sick": _sick,
    "mpe": _mpe,
    "fever": _fever,
    "climate_fever": _climate_fever,
    "healthver": _healthver,
    "xnli_en": _xnli_en,
    "conflict_roles": _conflict_roles,
    "conflict_calm": _conflict_calm,
    "seed_cases": _seed_cases,
}
# Share of each set held out for validation (by premise hash). SNLI and TaxiNLI are the headline figures.
VALIDATION_PERCENT = {"snli": 25, "taxinli": 25}
DEFAULT_VALIDATION_PERCENT = 10


def load_nli_set(name: str, data_dir: str | os.PathLike | None = None, split: str = "validation") -> list[NLIExample]:
    """Load one NLI set's ``train``, ``validation`` or ``all`` rows.

    Example:
        >>> rows = load_nli_set("snli", split="validation")  # doctest: +SKIP
        >>> rows[0].label in LABELS  # doctest: +SKIP
        True
    """
    if name not in READERS:
        raise ValueError(f"Unknown NLI set {name!r}; choose one of {sorted(READERS)}.")
    if split not in ("train", "validation", "all"):
        raise ValueError(f"Unknown split {split!r}; choose 'train', 'validation' or 'all'.")
    root = Path() if name in BUILT_IN else resolve_data_dir(data_dir)
    percent = VALIDATION_PERCENT.get(name, DEFAULT_VALIDATION_PERCENT)
    rows, skipped = [], 0
    for premise, hypothesis, raw, *held_out in READERS[name](root):
        label = _label(raw)
        if label is None or not premise.strip() or not hypothesis.strip():
            skipped += 1
            continue
        # A reader may decide the split itself (a fourth field); otherwise the premise hash does.
        is_validation = held_out[0] if held_out else _is_validation(premise, percent)
        if split != "all" and is_validation != (split == "validation"):
            continue
        rows.append(NLIExample(premise.strip(), hypothesis.strip(), label, name))
    if skipped:
        logger.info("%s: skipped %d rows without a usable label", name, skipped)
    return rows


def normalise_premise(text: str) -> str:
    return re.sub(r"[^a-z0-9 ]", "", text.lower()).strip()
