"""Measure actor resolution (:func:`claimdiff.resolve.resolve`) on hand-labelled speaker mentions.

The cases live in ``seeds/resolution_cases.jsonl``, one JSON object a line (our own annotations, see
``seeds/README.md``)::

    {"source": "seed" | "polnear-dev", "doc": "<file stem>", "pack": "default" | "<path to a pack>",
     "speaker": "<the mention as written>", "start": 850, "end": 862, "actor": "AM.MOD" | null,
     "phenomenon": "title", "note": "..."}

``start``/``end`` are the half-open character offsets of the speaker mention in the article; ``speaker`` is
that text, or its first words followed by " …" for long mentions (PolNeAR text is not copied). Seed articles
are read from the cases file's folder, PolNeAR articles from ``DATA/attribution/PolNeAR/data/dev/text``
(:func:`claimdiff.evaluation.data.resolve_data_dir`); without that folder PolNeAR cases are skipped with a warning.

Each article is run through :func:`claimdiff.pipeline.extract` with the case's pack. A case is *found* when a
predicted statement's speaker span overlaps the case's span (the greatest overlap wins, then the closest
span); its prediction is that statement's ``actor``. A case is *correct* when the predicted actor equals the
expected one (``null`` expected and ``None`` predicted is correct); a case not found counts as wrong in
``accuracy`` and is left out of ``accuracy_found``. ``accuracy_canonical`` compares both sides rolled up
with :meth:`ActorRegistry.canonical` (a spokesperson counts as their ministry). Mean confidences are over
found cases whose prediction names an actor.

Example:
    >>> result = evaluate_resolution(data_dir="../shared/data")  # doctest: +SKIP
    >>> result["by_source"]["seed"]["accuracy"], result["not_found"]  # doctest: +SKIP
    (1.0, 1)
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from statistics import mean
from typing import Any

from claimdiff._paths import checkout_root
from claimdiff.actors import ActorRegistry
from claimdiff.evaluation.data import resolve_data_dir
from claimdiff.pipeline import extract
from claimdiff.records import Statement

__all__ = ["PHENOMENA", "ResolutionCase", "evaluate_resolution", "load_cases"]

logger = logging.getLogger(__name__)

PHENOMENA: tuple[str, ...] = ("named", "earlier_sentence", "title", "pronoun", "metonym", "appositive",
                              "according_to", "unresolvable")
SOURCES: tuple[str, ...] = ("seed", "polnear-dev")
# In a checkout; without one the cases file must be passed.
_REPO = checkout_root() or Path.cwd()
DEFAULT_CASES = _REPO / "seeds" / "resolution_cases.jsonl"
_ELLIPSIS = " …"


@dataclass(frozen=True)
class ResolutionCase:
    """One labelled speaker mention: ``text[start:end]`` of article ``doc`` should resolve to ``actor``."""

    source: str
    doc: str
    pack: str
    speaker: str
    start: int
    end: int
    actor: str | None
    phenomenon: str
    note: str = ""


def load_cases(path: str | os.PathLike | None = None) -> list[ResolutionCase]:
    """Read and check a cases file (default ``seeds/resolution_cases.jsonl``).

    Raises:
        ValueError: a line that is not a valid case (the message names the line).
    """
    path = Path(path) if path is not None else DEFAULT_CASES
    cases = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            case = ResolutionCase(**row)
        except (json.JSONDecodeError, TypeError) as err:
            raise ValueError(f"{path}:{n}: not a resolution case ({err})") from None
        if case.source not in SOURCES or case.phenomenon not in PHENOMENA or not 0 <= case.start < case.end:
            raise ValueError(f"{path}:{n}: bad source, phenomenon or span in {row}; sources {SOURCES}, "
                             f"phenomena {PHENOMENA}")
        if (case.actor is None) != (case.phenomenon == "unresolvable"):
            raise ValueError(f"{path}:{n}: 'unresolvable' cases, and only they, expect actor null")
        cases.append(case)
    return cases


def _polnear_text_dir(data_dir: str | os.PathLike | None) -> Path | None:
    try:
        folder = resolve_data_dir(data_dir) / "attribution" / "PolNeAR" / "data" / "dev" / "text"
    except FileNotFoundError:
        return None
    return folder if folder.is_dir() else None


def _registry(pack: str, cases_dir: Path, cache: dict[str, ActorRegistry]) -> ActorRegistry:
    if pack not in cache:
        if pack == "default":
            cache[pack] = ActorRegistry.default()
        else:
            where = next((p for p in (Path(pack), cases_dir.parent / pack, _REPO / pack) if p.is_file()), None)
            if where is None:
                raise FileNotFoundError(f"pack {pack!r} not found (relative to the cases file's parent or the repo)")
            cache[pack] = ActorRegistry.from_file(where)
    return cache[pack]


def _match(case: ResolutionCase, statements: Iterable[Statement]) -> Statement | None:
    best, best_key = None, None
    for s in statements:
        if s.kind == "narrator" or s.speaker is None:
            continue
        overlap = min(s.speaker.end, case.end) - max(s.speaker.start, case.start)
        if overlap <= 0:
            continue
        key = (overlap, -(abs(s.speaker.start - case.start) + abs(s.speaker.end - case.end)))
        if best_key is None or key > best_key:
            best, best_key = s, key
    return best


def _summary(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    found = [r for r in rows if r["found"]]
    correct = sum(r["correct"] for r in rows)
    return {"cases": len(rows), "correct": correct, "not_found": len(rows) - len(found),
            "accuracy": correct / len(rows) if rows else 0.0,
            "accuracy_found": sum(r["correct"] for r in found) / len(found) if found else 0.0,
            "accuracy_canonical": sum(r["correct_canonical"] for r in rows) / len(rows) if rows else 0.0}


def evaluate_resolution(cases_path: str | os.PathLike | None = None, data_dir: str | os.PathLike | None = None,
                        *, sources: Sequence[str] | None = None) -> dict[str, Any]:
    """Run :func:`extract` on each case's article and score the resolved actors (see the module docstring).

    Args:
        cases_path: the cases file; ``None`` uses ``seeds/resolution_cases.jsonl``.
        data_dir: the shared data folder for PolNeAR articles (``None``: ``$CLAIMDIFF_DATA`` or
            ``../shared/data``). PolNeAR cases are skipped, with a warning, when it has no PolNeAR dev texts.
        sources: evaluate only the cases of these sources (``"seed"``, ``"polnear-dev"``).

    Returns:
        ``cases`` (evaluated), ``skipped``, ``correct``, ``not_found``, ``accuracy``, ``accuracy_found``,
        ``accuracy_canonical``, ``by_phenomenon`` and ``by_source`` (each the same counts; ``by_source`` also
        has its own ``by_phenomenon``), ``mean_confidence_correct`` / ``mean_confidence_wrong`` (``None``
        when there is none) and ``wrong``: one dict per wrong case (expected, predicted, confidence, ...).

    Raises:
        ValueError: a case whose offsets do not read its ``speaker`` text in the article.
    """
    path = Path(cases_path) if cases_path is not None else DEFAULT_CASES
    cases = [c for c in load_cases(path) if sources is None or c.source in sources]
    polnear = _polnear_text_dir(data_dir)
    if polnear is None and any(c.source == "polnear-dev" for c in cases):
        logger.warning("no PolNeAR dev texts under data dir %r: %d PolNeAR case(s) skipped", data_dir,
                       sum(c.source == "polnear-dev" for c in cases))
    registries: dict[str, ActorRegistry] = {}
    predictions: dict[tuple[str, str, str], list[Statement]] = {}
    rows: list[dict[str, Any]] = []
    skipped = 0
    for case in cases:
        folder = path.parent if case.source == "seed" else polnear
        if folder is None:
            skipped += 1
            continue
        text = (folder / f"{case.doc}.txt").read_bytes().decode("utf-8")
        written, prefix = text[case.start:case.end], case.speaker.removesuffix(_ELLIPSIS)
        if written != case.speaker and not (case.speaker.endswith(_ELLIPSIS) and written.startswith(prefix)):
            raise ValueError(f"case {case.doc}[{case.start}:{case.end}] reads {written!r}, not {case.speaker!r}")
        reg = _registry(case.pack, path.parent, registries)
        key = (case.source, case.doc, case.pack)
        if key not in predictions:
            predictions[key] = extract(text, case.doc, reg)
        hit = _match(case, predictions[key])
        predicted = hit.actor if hit is not None else None
        canon = [reg.canonical(a) if a is not None else None for a in (case.actor, predicted)]
        rows.append({"case": case, "found": hit is not None, "predicted": predicted,
                     "correct": hit is not None and predicted == case.actor,
                     "correct_canonical": hit is not None and canon[0] == canon[1],
                     "confidence": hit.confidence if hit is not None and predicted is not None else None,
                     "predicted_speaker": hit.speaker.text if hit is not None and hit.speaker else None})

    result: dict[str, Any] = {"cases_path": str(path), "skipped": skipped, **_summary(rows)}

    def by_phenomenon(subset: Sequence[dict[str, Any]]) -> dict[str, Any]:
        return {p: _summary([r for r in subset if r["case"].phenomenon == p]) for p in PHENOMENA
                if any(r["case"].phenomenon == p for r in subset)}

    result["by_phenomenon"] = by_phenomenon(rows)
    result["by_source"] = {}
    for src in SOURCES:
        subset = [r for r in rows if r["case"].source == src]
        if subset:
            result["by_source"][src] = {**_summary(subset), "by_phenomenon": by_phenomenon(subset)}
    confident = [r for r in rows if r["confidence"] is not None]
    right = [r["confidence"] for r in confident if r["correct"]]
    wrong = [r["confidence"] for r in confident if not r["correct"]]
    result["mean_confidence_correct"] = mean(right) if right else None
    result["mean_confidence_wrong"] = mean(wrong) if wrong else None
    result["wrong"] = [{"source": r["case"].source, "doc": r["case"].doc, "start": r["case"].start,
                        "end": r["case"].end, "speaker": r["case"].speaker, "phenomenon": r["case"].phenomenon,
                        "expected": r["case"].actor, "predicted": r["predicted"], "found": r["found"],
                        "predicted_speaker": r["predicted_speaker"], "confidence": r["confidence"]}
                       for r in rows if not r["correct"]]
    logger.info("actor resolution: %d/%d correct (%.3f), %d not found, %d skipped", result["correct"],
                result["cases"], result["accuracy"], result["not_found"], skipped)
    return result
