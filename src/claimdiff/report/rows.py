"""Flat rows, one per statement, verdict, error, stance, counterclaim or position: the single source of every
export of a :class:`~claimdiff.report.Report` (pandas, JSONL, CSV, ``datasets``), so that they agree column for
column.
"""

from __future__ import annotations

from typing import Any

from claimdiff.records import Claim, Counterclaim, DocumentError, Stance, Statement, Verdict

WHATS: tuple[str, ...] = ("statements", "verdicts", "contradictions", "errors", "stances", "counterclaims",
                          "positions", "claims")

STATEMENT_COLUMNS: tuple[str, ...] = (
    "id", "doc_id", "kind",
    "speaker", "speaker_start", "speaker_end",
    "cue", "cue_start", "cue_end",
    "content", "content_start", "content_end",
    "polarity", "hedged", "actor", "side", "confidence", "refers_to", "claim_id",
    "pointer", "pointer_start", "pointer_end",
)

VERDICT_COLUMNS: tuple[str, ...] = (
    "a", "b", "label", "score", "reason",
    "p_contradiction_ab", "p_contradiction_ba",
    "p_entailment_ab", "p_entailment_ba",
    "p_neutral_ab", "p_neutral_ba",
    "pair_score", "signals",
    "a_text", "b_text", "a_reading", "b_reading", "a_actor", "b_actor", "a_side", "b_side", "a_claim", "b_claim",
    "similarity",
)

CLAIM_COLUMNS: tuple[str, ...] = ("id", "actor", "side", "polarity", "text", "n_statements", "statements",
                                  "documents", "sources", "first_seen")

ERROR_COLUMNS: tuple[str, ...] = ("doc_id", "line", "error", "message")

STANCE_COLUMNS: tuple[str, ...] = (
    "statement_id", "doc_id", "actor", "side", "question_id", "proposition_id", "proposition",
    "stance", "score", "agreement", "p_entailment", "p_contradiction", "hypothesis", "implied_by", "polarity",
    "hedged", "relevance", "content",
)

COUNTERCLAIM_COLUMNS: tuple[str, ...] = (
    "question_id", "proposition_id", "proposition", "a", "b", "stance_a", "stance_b", "score_a", "score_b",
    "score", "confidence", "a_text", "b_text", "a_actor", "b_actor", "a_side", "b_side",
)

POSITION_COLUMNS: tuple[str, ...] = (
    "question_id", "question", "proposition_id", "proposition", "side", "stance", "score", "consensus",
    "n_supports", "n_opposes", "supporting", "opposing", "actors",
)

# Column types, shared by pandas (nullable ints survive None) and datasets (all-None columns need a type).
_INT_COLUMNS = frozenset({"speaker_start", "speaker_end", "cue_start", "cue_end", "content_start",
                          "content_end", "pointer_start", "pointer_end", "line", "n_supports", "n_opposes",
                          "n_statements"})
_FLOAT_COLUMNS = frozenset({"confidence", "score", "pair_score", "p_contradiction_ab", "p_contradiction_ba",
                            "p_entailment_ab", "p_entailment_ba", "p_neutral_ab", "p_neutral_ba",
                            "p_entailment", "p_contradiction", "relevance", "score_a", "score_b", "consensus",
                            "agreement"})
_BOOL_COLUMNS = frozenset({"hedged"})
_LIST_COLUMNS = frozenset({"signals", "supporting", "opposing", "actors", "statements", "documents", "sources"})


# --------------------------------------------------------------------------------------------- rows


def _span_fields(name: str, span: dict[str, Any] | None) -> dict[str, Any]:
    if span is None:
        return {name: None, f"{name}_start": None, f"{name}_end": None}
    return {name: span["text"], f"{name}_start": span["start"], f"{name}_end": span["end"]}


def statement_row(statement: Statement) -> dict[str, Any]:
    """One flat row for a statement: span texts and offsets side by side, columns as in ``STATEMENT_COLUMNS``.

    Example:
        >>> from claimdiff.records import Span, Statement
        >>> row = statement_row(Statement("s1", "d1", "direct", Span(0, 2, "hi")))
        >>> row["content"], row["content_end"], row["speaker"]
        ('hi', 2, None)
    """
    d = statement.to_dict()
    row: dict[str, Any] = {"id": d["id"], "doc_id": d["doc_id"], "kind": d["kind"]}
    for name in ("speaker", "cue", "content"):
        row.update(_span_fields(name, d[name]))
    for name in ("polarity", "hedged", "actor", "side", "confidence", "refers_to", "claim_id"):
        row[name] = d[name]
    row.update(_span_fields("pointer", d["pointer"]))
    # Fields added to Statement later still travel, after the known columns.
    row.update({k: v for k, v in d.items() if k not in row and k not in ("speaker", "cue", "content", "pointer")})
    return row


def verdict_row(verdict: Verdict) -> dict[str, Any]:
    """One flat row for a verdict: ``Verdict.to_dict()`` (with what the models read of each statement, ``a_reading``
    and ``b_reading``) plus both statements' content as written, actor and side.

    Example:
        >>> # verdict_row(v)["a_text"] is the content text of ``v.pair.a``
    """
    d = verdict.to_dict()
    a, b = verdict.pair.a, verdict.pair.b
    d.update(a_text=a.content.text, b_text=b.content.text, a_actor=a.actor, b_actor=b.actor,
             a_side=a.side, b_side=b.side, a_claim=a.claim_id, b_claim=b.claim_id,
             similarity=verdict.pair.similarity)
    row = {k: d[k] for k in VERDICT_COLUMNS if k in d}
    row.update({k: v for k, v in d.items() if k not in row})
    return row


def error_row(error: DocumentError) -> dict[str, Any]:
    """One flat row for a :class:`DocumentError`, columns as in ``ERROR_COLUMNS``."""
    d = error.to_dict()
    row = {k: d[k] for k in ERROR_COLUMNS if k in d}
    row.update({k: v for k, v in d.items() if k not in row})
    return row


def stance_row(stance: Stance, statement: Statement | None = None, proposition: str | None = None) -> dict[str, Any]:
    """One flat row for a stance: ``Stance.to_dict()`` plus the statement's document, actor, side, hedging and
    content (when ``statement`` is given) and the proposition's text. Columns as in ``STANCE_COLUMNS``.

    Example:
        >>> from claimdiff.records import Stance
        >>> stance_row(Stance("s1", "q", "p", "supports", 0.9, 0.9, 0.05, "P."), proposition="P.")["proposition"]
        'P.'
    """
    d = stance.to_dict()
    d.update(proposition=proposition, doc_id=statement.doc_id if statement else None,
             actor=statement.actor if statement else None, side=statement.side if statement else None,
             hedged=statement.hedged if statement else None, content=statement.content.text if statement else None)
    row = {k: d[k] for k in STANCE_COLUMNS if k in d}
    row.update({k: v for k, v in d.items() if k not in row})
    return row


def counterclaim_row(claim: Counterclaim, proposition: str | None = None) -> dict[str, Any]:
    """One flat row for a counterclaim: ``Counterclaim.to_dict()`` plus both statements' content, actor and
    side and the proposition's text. Columns as in ``COUNTERCLAIM_COLUMNS``."""
    d = claim.to_dict()
    d.update(proposition=proposition, a_text=claim.a.content.text, b_text=claim.b.content.text,
             a_actor=claim.a.actor, b_actor=claim.b.actor, a_side=claim.a.side, b_side=claim.b.side)
    row = {k: d[k] for k in COUNTERCLAIM_COLUMNS if k in d}
    row.update({k: v for k, v in d.items() if k not in row})
    return row


_COLUMNS = {"statements": STATEMENT_COLUMNS, "verdicts": VERDICT_COLUMNS,
            "contradictions": VERDICT_COLUMNS, "errors": ERROR_COLUMNS, "stances": STANCE_COLUMNS,
            "counterclaims": COUNTERCLAIM_COLUMNS, "positions": POSITION_COLUMNS, "claims": CLAIM_COLUMNS}


def claim_row(claim: Claim) -> dict[str, Any]:
    """One flat row for a claim: its fields, lists kept as lists, and how many statements it groups."""
    d = claim.to_dict()
    row = {k: d[k] for k in CLAIM_COLUMNS if k in d}
    row["n_statements"] = len(claim.statements)
    row["statements"], row["documents"], row["sources"] = list(claim.statements), list(claim.documents), \
        list(claim.sources)
    return {k: row[k] for k in CLAIM_COLUMNS}


def _check_what(what: str) -> str:
    if what not in WHATS:
        raise ValueError(f"Unknown what={what!r}; expected one of {', '.join(repr(w) for w in WHATS)}.")
    return what


def _columns_of(what: str, rows: list[dict[str, Any]]) -> list[str]:
    """Known columns first, then any extra keys the rows carry, in first-seen order."""
    columns = list(_COLUMNS[what])
    seen = set(columns)
    for row in rows:
        for key in row:
            if key not in seen:
                seen.add(key)
                columns.append(key)
    return columns


def _feature(column: str) -> Any:
    """The ``datasets`` feature of a known column; declared, not inferred, so all-``None`` columns still work."""
    import datasets

    if column in _INT_COLUMNS:
        return datasets.Value("int64")
    if column in _FLOAT_COLUMNS:
        return datasets.Value("float64")
    if column in _BOOL_COLUMNS:
        return datasets.Value("bool")
    if column in _LIST_COLUMNS:
        return datasets.List(datasets.Value("string"))
    return datasets.Value("string")
