"""Measure contradiction finding on a benchmark of hand-marked statement pairs.

A benchmark is a folder (or a folder of such folders) with three JSONL files, one object a line::

    articles.jsonl    {"id", "story", "text"} or {"id", "story", "source"}   (+ outlet, date, ...)
    statements.jsonl  {"id", "doc_id", "speaker", "actor", "side", "polarity", "hedged",
                       "content", "start", "end"}      text[start:end] == content (content may be left
                                                       out: it is then read from the offsets)
    pairs.jsonl       {"a", "b", "label": "contradiction" | "compatible", "type", "note"}

and an optional ``benchmark.json`` ``{"name": ..., "pack": "<path relative to the folder>"}`` naming the
actor pack its articles need (default: the package's default pack). An article given by ``source`` rather
than ``text`` is read from ``texts_root / source`` (PolNeAR's text is not redistributed; see
``benchmarks/contradictions/README.md``).

Each benchmark folder is analysed as one corpus, as a user would feed it. A gold statement is *found* when
a predicted statement covers at least half of its content (for a denial that points back, "rejected the
accusation", the predicted statement's cue and the words just before its speaker or cue and after its cue stand
in for its content; for an explicit denial, the words between its cue and the denied content count as its
content: "described *Yerevan's allegations of* occupation as groundless"); the predicted
statement covering most of it, with the least extra text, is its match. A predicted pair is *flagged* when
it is a contradiction verdict (``flagged_by="verdicts"``), a counterclaim (``"counterclaims"``) or either
(``"both"``, the default, what a reader of the report sees). A gold pair is *flagged* when some flagged pair
joins the matches of its two statements. Metrics:

* ``recall``: gold contradiction pairs flagged / gold contradiction pairs;
* ``false_alarm``: gold compatible pairs flagged / gold compatible pairs;
* ``precision``: flagged gold contradictions / flagged gold pairs of either label (the flags we can judge);
* ``flags`` and ``flags_on_gold``: all flagged pairs, and those whose two statements match gold statements;
* per pair ``type`` and ``within``/``across`` documents recall, and false alarms and counts within/across;
  statement recall, side known (of predicted attributed statements), side and polarity accuracy on matched
  gold statements (a gold side ``"third"`` matches any side that is not one of the benchmark's parties).

Example:
    >>> metrics = evaluate_pairs(cd, "benchmarks/contradictions")  # doctest: +SKIP
    >>> metrics["all/recall"], metrics["all/false_alarm"]  # doctest: +SKIP
"""

from __future__ import annotations

import copy
import json
import logging
import os
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimdiff.actors import ActorRegistry
from claimdiff.evaluation.data import jsonl_rows
from claimdiff.pack import Pack
from claimdiff.records import Statement

__all__ = ["Benchmark", "analyze_benchmark", "benchmark_documents", "benchmark_pipeline", "evaluate_pairs",
           "load_benchmark", "match_statements", "pair_errors", "score_benchmark", "score_flags"]

logger = logging.getLogger(__name__)

FLAGGED_BY = ("both", "verdicts", "counterclaims")
#: Share of a gold content a predicted statement must cover to match it.
MIN_COVER = 0.5
#: For a predicted statement that only points back (``refers_to``), the characters after its cue that
#: stand in for its content ("rejected *the accusation*").
POINTER_REACH = 40
#: ... and before its speaker, when the pointer comes first ("..., *a claim* Yerevan rejects").
POINTER_BEFORE = 16
#: For an explicit denial, the most characters between its cue and its content that count as its content
#: ("rejected *the Armenian side's claims of* an attack").
DENIED_NOUN_REACH = 60


@dataclass(frozen=True)
class Benchmark:
    name: str
    folder: Path
    articles: list[dict[str, Any]]
    statements: list[dict[str, Any]]
    pairs: list[dict[str, Any]]
    pack: Path | None

    @property
    def texts(self) -> dict[str, str]:
        """Article id → its text."""
        return {a["id"]: a["text"] for a in self.articles}


def benchmark_folders(root: str | os.PathLike) -> list[Path]:
    """``root`` itself when it holds ``pairs.jsonl``, else its sub-folders that do, sorted."""
    root = Path(root)
    if (root / "pairs.jsonl").is_file():
        return [root]
    found = sorted(p.parent for p in root.glob("*/pairs.jsonl"))
    if not found:
        raise FileNotFoundError(f"No pairs.jsonl in {root} or its sub-folders; a benchmark folder holds "
                                "articles.jsonl, statements.jsonl and pairs.jsonl.")
    return found


def load_benchmark(folder: str | os.PathLike, texts_root: str | os.PathLike | None = None) -> Benchmark:
    """Read one benchmark folder, filling in article texts given by ``source`` and checking the gold offsets."""
    folder = Path(folder)
    meta = json.loads((folder / "benchmark.json").read_text()) if (folder / "benchmark.json").is_file() else {}
    articles = list(jsonl_rows(folder / "articles.jsonl"))
    for article in articles:
        if "text" not in article:
            if texts_root is None:
                raise FileNotFoundError(f"{folder.name}: article {article['id']} is read from its source "
                                        f"{article.get('source')!r}; pass texts_root (--data) to find it.")
            article["text"] = (Path(texts_root) / article["source"]).read_text(encoding="utf-8")
    texts = {a["id"]: a["text"] for a in articles}
    statements = list(jsonl_rows(folder / "statements.jsonl"))
    for s in statements:
        if s["doc_id"] not in texts:
            raise ValueError(f"{folder.name}: gold statement {s['id']} names an unknown article {s['doc_id']!r}.")
        sliced = texts[s["doc_id"]][s["start"] : s["end"]]
        # Text that may not be redistributed is not stored: its content is read from the offsets.
        if s.setdefault("content", sliced) != sliced:
            raise ValueError(f"{folder.name}: gold statement {s['id']} does not slice back to its content.")
    pack = folder / meta["pack"] if meta.get("pack") else None
    return Benchmark(meta.get("name", folder.name), folder, articles, statements,
                     list(jsonl_rows(folder / "pairs.jsonl")), pack)


def _extent(s: Statement, text: str) -> tuple[int, int]:
    """The characters that stand for a statement's content in the text it was found in."""
    if s.refers_to is not None and s.cue is not None:  # its content was copied from the claim it denies
        # The pointer may stand before the speaker ("a claim Yerevan rejects") or the cue ("a claim rejected by"),
        # or be the words the extractor kept ('"These accusations are a fabrication," he said').
        start = min(s.cue.start, s.speaker.start if s.speaker else s.cue.start) - POINTER_BEFORE
        end = s.cue.end + POINTER_REACH
        if s.pointer is not None:
            start, end = min(start, s.pointer.start), max(end, s.pointer.end)
        return max(start, 0), end
    if s.polarity == "denies" and s.cue is not None and s.cue.end <= s.content.start:
        # What a denial names before the denied words is part of its content in the gold: "described
        # *Yerevan's allegations of* occupation as groundless", "denied *reports that* ...".
        gap = text[s.cue.end : s.content.start]
        if len(gap) <= DENIED_NOUN_REACH and not any(c in gap for c in ".!?\n"):
            return s.cue.end, s.content.end
    return s.content.start, s.content.end


def match_statements(gold: Iterable[dict[str, Any]], predicted: Iterable[Statement],
                     texts: dict[str, str]) -> dict[str, Statement]:
    """Gold statement id → the predicted statement that covers most of its content (see the module doc)."""
    by_doc: dict[str, list[tuple[int, int, Statement]]] = defaultdict(list)
    for s in predicted:
        if s.kind == "narrator":
            continue
        start, end = _extent(s, texts.get(s.doc_id, ""))
        by_doc[s.doc_id].append((start, end, s))
    matches = {}
    for g in gold:
        length = max(g["end"] - g["start"], 1)
        best, best_key = None, None
        for start, end, s in by_doc.get(g["doc_id"], ()):
            cover = max(0, min(end, g["end"]) - max(start, g["start"])) / length
            if cover < MIN_COVER:
                continue
            key = (cover, -(end - start))
            if best_key is None or key > best_key:
                best, best_key = s, key
        if best is not None:
            matches[g["id"]] = best
    return matches


def _flagged(report: Any, flagged_by: str) -> set[frozenset[str]]:
    flagged: set[frozenset[str]] = set()
    if flagged_by in ("both", "verdicts"):
        flagged |= {frozenset((v.pair.a.id, v.pair.b.id)) for v in report.verdicts if v.label == "contradiction"}
    if flagged_by in ("both", "counterclaims"):
        flagged |= {frozenset((c.a.id, c.b.id)) for c in report.counterclaims}
    return flagged


def _same_side(predicted: str | None, gold: str | None, parties: set[str]) -> bool:
    """Gold ``"third"`` is any side outside the conflict's parties (a pack names each third state)."""
    if gold == "third":
        return predicted is not None and predicted not in parties and predicted != "narrator"
    return predicted == gold


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def score_benchmark(bench: Benchmark, report: Any, flagged_by: str = "both") -> dict[str, Any]:
    """Metrics of one analysed benchmark (see the module doc)."""
    return score_flags(bench, report.statements, _flagged(report, flagged_by))


def score_flags(bench: Benchmark, statements: list[Statement], flagged: set[frozenset[str]]) -> dict[str, Any]:
    """The metrics of :func:`score_benchmark` from the predicted statements and the flagged pairs of their ids,
    wherever they come from (a report, or the tables of a run written to disk)."""
    matches = match_statements(bench.statements, statements, bench.texts)
    gold = {s["id"]: s for s in bench.statements}
    counts: Counter[str] = Counter()
    for pair in bench.pairs:
        a, b = matches.get(pair["a"]), matches.get(pair["b"])
        label = pair["label"]
        place = "within" if gold[pair["a"]]["doc_id"] == gold[pair["b"]]["doc_id"] else "across"
        counts[f"{label}"] += 1
        counts[f"{label}/{pair.get('type', 'other')}"] += 1
        counts[f"{label}/{place}"] += 1
        if a is None or b is None or a.id == b.id:
            continue
        key = frozenset((a.id, b.id))
        counts[f"{label}:both_found"] += 1
        if key in flagged:
            counts[f"{label}:flagged"] += 1
            counts[f"{label}/{pair.get('type', 'other')}:flagged"] += 1
            counts[f"{label}/{place}:flagged"] += 1
    on_gold = {k for k in flagged if k <= {s.id for s in matches.values()}}
    parties = {s["side"] for s in bench.statements} - {"third", None}
    attributed = [s for s in statements if s.kind != "narrator"]
    metrics: dict[str, Any] = {
        "recall": _ratio(counts["contradiction:flagged"], counts["contradiction"]),
        "false_alarm": _ratio(counts["compatible:flagged"], counts["compatible"]),
        "precision": _ratio(counts["contradiction:flagged"],
                            counts["contradiction:flagged"] + counts["compatible:flagged"]),
        "contradiction_pairs": counts["contradiction"], "compatible_pairs": counts["compatible"],
        "contradiction_pairs_flagged": counts["contradiction:flagged"],
        "compatible_pairs_flagged": counts["compatible:flagged"],
        "contradiction_pairs_both_found": counts["contradiction:both_found"],
        "flags": len(flagged), "flags_on_gold": len(on_gold),
        "statement_recall": _ratio(len(matches), len(gold)),
        "side_known": _ratio(sum(s.side not in (None, "unknown") for s in attributed), len(attributed)),
        "side_accuracy": _ratio(sum(_same_side(m.side, gold[g]["side"], parties) for g, m in matches.items()),
                                len(matches)),
        "polarity_accuracy": _ratio(sum(m.polarity == gold[g]["polarity"] for g, m in matches.items()),
                                    len(matches)),
    }
    for key in sorted(k for k in counts if k.startswith("contradiction/") and ":" not in k):
        metrics[f"recall/{key.split('/', 1)[1]}"] = _ratio(counts[f"{key}:flagged"], counts[key])
    for place in ("within", "across"):
        metrics[f"false_alarm/{place}"] = _ratio(counts[f"compatible/{place}:flagged"], counts[f"compatible/{place}"])
        for label in ("contradiction", "compatible"):
            metrics[f"{label}_pairs/{place}"] = counts[f"{label}/{place}"]
            metrics[f"{label}_pairs_flagged/{place}"] = counts[f"{label}/{place}:flagged"]
    return metrics


def pair_errors(bench: Benchmark, report: Any, flagged_by: str = "both") -> list[dict[str, Any]]:
    """The gold pairs the report gets wrong (contradictions not flagged, compatible pairs flagged), each with
    what became of it: a statement not found, a pair never judged, or the verdict and its reason. For reading
    a development benchmark's errors; reading a held-out one's makes it a development benchmark."""
    matches = match_statements(bench.statements, report.statements, bench.texts)
    flagged = _flagged(report, flagged_by)
    verdicts = {frozenset((v.pair.a.id, v.pair.b.id)): v for v in report.verdicts}
    gold = {s["id"]: s for s in bench.statements}
    rows = []
    for pair in bench.pairs:
        a, b = matches.get(pair["a"]), matches.get(pair["b"])
        key = frozenset((a.id, b.id)) if a is not None and b is not None else None
        is_flagged = key in flagged
        if is_flagged == (pair["label"] == "contradiction"):
            continue
        row: dict[str, Any] = {"benchmark": bench.name, "a": pair["a"], "b": pair["b"], "label": pair["label"],
                               "type": pair.get("type"), "note": pair.get("note"),
                               "gold_a": gold[pair["a"]]["content"], "gold_b": gold[pair["b"]]["content"]}
        if a is None or b is None:
            row["outcome"] = "statement_not_found"
        elif a.id == b.id:
            row["outcome"] = "one_statement"
        else:
            row |= {"found_a": f"{a.side}/{a.polarity}: {a.content.text}", "found_b": f"{b.side}/{b.polarity}: {b.content.text}"}
            verdict = verdicts.get(key)
            row["outcome"] = "not_paired" if verdict is None else f"{verdict.label}/{verdict.reason}"
            if is_flagged and (verdict is None or verdict.label != "contradiction"):
                row["outcome"] += " (flagged by a counterclaim)"
            if verdict is not None:
                row["score"] = verdict.score
        rows.append(row)
    return rows


def benchmark_pipeline(cd: Any, bench: Benchmark) -> Any:
    """``cd``, or for a benchmark that names its own pack a copy of ``cd`` that uses that pack."""
    if not bench.pack:
        return cd
    runner = copy.copy(cd)  # the same pipeline, reading this benchmark's conflict
    pack = Pack.from_file(bench.pack)
    runner.registry, runner.questions = ActorRegistry.from_pack(pack), pack.questions
    return runner


def benchmark_documents(bench: Benchmark) -> list[dict[str, Any]]:
    """A benchmark's articles as a user would feed them: id, text, outlet and date."""
    return [{"id": a["id"], "text": a["text"], **{k: v for k, v in a.items() if k in ("outlet", "date")}}
            for a in bench.articles]


def analyze_benchmark(cd: Any, bench: Benchmark) -> Any:
    """The report of the pipeline ``cd`` (:func:`benchmark_pipeline`) on a benchmark's articles."""
    return benchmark_pipeline(cd, bench).analyze(benchmark_documents(bench), show_progress_bar=False)


def evaluate_pairs(cd: Any, data: str | os.PathLike, texts_root: str | os.PathLike | None = None,
                   flagged_by: str = "both", errors: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Analyse every benchmark under ``data`` with the pipeline ``cd`` and score it.

    A benchmark that names its own pack is analysed with a copy of ``cd`` that uses that pack. Returns
    metrics prefixed with the benchmark's name, and ``all/`` metrics over every benchmark's pairs. A list
    passed as ``errors`` receives :func:`pair_errors` of every benchmark.
    """
    if flagged_by not in FLAGGED_BY:
        raise ValueError(f"flagged_by must be one of {FLAGGED_BY}, got {flagged_by!r}.")
    results: dict[str, Any] = {}
    totals: Counter[str] = Counter()
    for folder in benchmark_folders(data):
        bench = load_benchmark(folder, texts_root)
        report = analyze_benchmark(cd, bench)
        metrics = score_benchmark(bench, report, flagged_by)
        if errors is not None:
            errors.extend(pair_errors(bench, report, flagged_by))
        results.update({f"{bench.name}/{k}": v for k, v in metrics.items()})
        totals["contradiction"] += metrics["contradiction_pairs"]
        totals["compatible"] += metrics["compatible_pairs"]
        totals["found"] += metrics["contradiction_pairs_flagged"]
        totals["false"] += metrics["compatible_pairs_flagged"]
        logger.info("%s: recall %s false alarm %s", bench.name, metrics["recall"], metrics["false_alarm"])
    results["all/recall"] = _ratio(totals["found"], totals["contradiction"])
    results["all/false_alarm"] = _ratio(totals["false"], totals["compatible"])
    results["all/precision"] = _ratio(totals["found"], totals["found"] + totals["false"])
    results["all/contradiction_pairs"], results["all/compatible_pairs"] = totals["contradiction"], totals["compatible"]
    results["flagged_by"] = flagged_by
    return results
