"""The result of a claimdiff run, and every way to look at it: rows, pandas, JSONL, CSV, ``datasets``, HTML.

All exports are built from the same flat rows (:func:`statement_row`, :func:`verdict_row`, :func:`error_row`,
:func:`stance_row`, :func:`counterclaim_row`, and :func:`claimdiff.stance.positions` for each side's position
on the contested questions), so a DataFrame, a JSONL file and a ``Dataset`` of one report always agree column
for column.

Example:
    >>> from claimdiff.records import Document, Span, Statement
    >>> text = "Yerevan said the village was shelled."
    >>> doc = Document("d1", text)
    >>> st = Statement("d1:0", "d1", "indirect", Span.of(text, 13, 36), speaker=Span.of(text, 0, 7),
    ...                cue=Span.of(text, 8, 12), actor="am_gov", side="armenia")
    >>> report = Report(documents=(doc,), statements=(st,), verdicts=())
    >>> report.rows("statements")[0]["content"]
    'the village was shelled'
    >>> report.to_pandas().shape
    (1, 19)
"""

from __future__ import annotations

import colorsys
import hashlib
import html
import json
import logging
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from claimdiff.claims import one_per_claim_pair
from claimdiff.records import Claim, Counterclaim, Document, DocumentError, Question, Span, Stance, Statement, Verdict
from claimdiff.stance import positions

if TYPE_CHECKING:  # heavy imports stay out of module import time
    import datasets
    import pandas as pd

logger = logging.getLogger(__name__)

__all__ = [
    "COUNTERCLAIM_COLUMNS",
    "ERROR_COLUMNS",
    "POSITION_COLUMNS",
    "STANCE_COLUMNS",
    "STATEMENT_COLUMNS",
    "VERDICT_COLUMNS",
    "WHATS",
    "Report",
    "counterclaim_row",
    "error_row",
    "stance_row",
    "statement_row",
    "verdict_row",
]

WHATS: tuple[str, ...] = ("statements", "verdicts", "contradictions", "errors", "stances", "counterclaims",
                          "positions")

STATEMENT_COLUMNS: tuple[str, ...] = (
    "id", "doc_id", "kind",
    "speaker", "speaker_start", "speaker_end",
    "cue", "cue_start", "cue_end",
    "content", "content_start", "content_end",
    "polarity", "hedged", "actor", "side", "confidence", "refers_to", "claim_id",
)

VERDICT_COLUMNS: tuple[str, ...] = (
    "a", "b", "label", "score", "reason",
    "p_contradiction_ab", "p_contradiction_ba",
    "p_entailment_ab", "p_entailment_ba",
    "p_neutral_ab", "p_neutral_ba",
    "pair_score", "signals",
    "a_text", "b_text", "a_actor", "b_actor", "a_side", "b_side",
)

ERROR_COLUMNS: tuple[str, ...] = ("doc_id", "line", "error", "message")

STANCE_COLUMNS: tuple[str, ...] = (
    "statement_id", "doc_id", "actor", "side", "question_id", "proposition_id", "proposition",
    "stance", "score", "p_entailment", "p_contradiction", "hypothesis", "implied_by", "polarity", "hedged",
    "relevance", "content",
)

COUNTERCLAIM_COLUMNS: tuple[str, ...] = (
    "question_id", "proposition_id", "proposition", "a", "b", "stance_a", "stance_b", "score_a", "score_b",
    "score", "a_text", "b_text", "a_actor", "b_actor", "a_side", "b_side",
)

POSITION_COLUMNS: tuple[str, ...] = (
    "question_id", "question", "proposition_id", "proposition", "side", "stance", "score", "consensus",
    "n_supports", "n_opposes", "supporting", "opposing", "actors",
)

# Column types, shared by pandas (nullable ints survive None) and datasets (all-None columns need a type).
_INT_COLUMNS = frozenset({"speaker_start", "speaker_end", "cue_start", "cue_end", "content_start",
                          "content_end", "line", "n_supports", "n_opposes"})
_FLOAT_COLUMNS = frozenset({"confidence", "score", "pair_score", "p_contradiction_ab", "p_contradiction_ba",
                            "p_entailment_ab", "p_entailment_ba", "p_neutral_ab", "p_neutral_ba",
                            "p_entailment", "p_contradiction", "relevance", "score_a", "score_b", "consensus"})
_BOOL_COLUMNS = frozenset({"hedged"})
_LIST_COLUMNS = frozenset({"signals", "supporting", "opposing", "actors"})

# _repr_html_ must stay light in a notebook even for a report over thousands of articles.
REPR_MAX_DOCUMENTS = 20
REPR_MAX_ROWS = 200
# Statement links in one cell of the positions table; the full lists are in to_pandas("positions").
_MAX_CELL_LINKS = 8


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
    # Fields added to Statement later still travel, after the known columns.
    row.update({k: v for k, v in d.items() if k not in row and k not in ("speaker", "cue", "content")})
    return row


def verdict_row(verdict: Verdict) -> dict[str, Any]:
    """One flat row for a verdict: ``Verdict.to_dict()`` plus both statements' content, actor and side.

    Example:
        >>> # verdict_row(v)["a_text"] is the content text of ``v.pair.a``
    """
    d = verdict.to_dict()
    a, b = verdict.pair.a, verdict.pair.b
    d.update(a_text=a.content.text, b_text=b.content.text, a_actor=a.actor, b_actor=b.actor,
             a_side=a.side, b_side=b.side)
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
            "counterclaims": COUNTERCLAIM_COLUMNS, "positions": POSITION_COLUMNS}


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


# ------------------------------------------------------------------------------------------- report


@dataclass(frozen=True, repr=False)
class Report:
    """Documents, their statements, and the verdicts on cross-side statement pairs.

    Args:
        documents: The analysed documents.
        statements: Every statement found, in document order.
        verdicts: Every judged candidate pair, whatever its label.
        errors: Inputs that could not be analysed (nothing is dropped silently).
        stats: Run figures, e.g. ``candidate_pairs``, ``pairs_pruned``, ``nli_pairs_run``, ``model``.
        actor_names: Actor id to display name, used by :meth:`to_html` and :meth:`to_table`.
        stances: Non-neutral stances of statements on the contested propositions.
        counterclaims: Statements of opposing sides on opposite stances of one proposition, strongest first.
        questions: The contested questions the stances answer (their texts label the tables).
        claims: Statements grouped by actor and wording across documents (:func:`claimdiff.claims.group_claims`).

    Example:
        >>> report = Report(documents=(), statements=(), verdicts=())
        >>> report.summary()["statements"]
        0
        >>> report.to_jsonl()
        ''
    """

    documents: tuple[Document, ...]
    statements: tuple[Statement, ...]
    verdicts: tuple[Verdict, ...]
    errors: tuple[DocumentError, ...] = ()
    stats: dict[str, Any] = field(default_factory=dict)
    actor_names: dict[str, str] = field(default_factory=dict)
    stances: tuple[Stance, ...] = ()
    counterclaims: tuple[Counterclaim, ...] = ()
    questions: tuple[Question, ...] = ()
    claims: tuple[Claim, ...] = ()

    def __post_init__(self) -> None:
        # Accept lists or generators from callers, but keep the record immutable-looking.
        for name in ("documents", "statements", "verdicts", "errors", "stances", "counterclaims", "questions",
                     "claims"):
            value = getattr(self, name)
            if not isinstance(value, tuple):
                object.__setattr__(self, name, tuple(value))
        object.__setattr__(self, "stats", dict(self.stats or {}))
        object.__setattr__(self, "actor_names", dict(self.actor_names or {}))

    # ---------------------------------------------------------------------------------- basics

    @property
    def contradictions(self) -> tuple[Verdict, ...]:
        """Verdicts labelled ``"contradiction"``, one per pair of claims (wire copies of a statement are one
        claim: the best-scored of their verdicts stands for them), highest score first."""
        return tuple(one_per_claim_pair(self.verdicts))

    def summary(self) -> dict[str, Any]:
        """Counts: documents, statements, verdicts, contradictions, errors, and breakdowns by side and label.

        Example:
            >>> Report((), (), ()).summary()["contradictions"]
            0
        """
        by_side: dict[str, int] = {}
        for s in self.statements:
            key = s.side if s.side is not None else "unknown"
            by_side[key] = by_side.get(key, 0) + 1
        by_label: dict[str, int] = {}
        for v in self.verdicts:
            by_label[v.label] = by_label.get(v.label, 0) + 1
        return {
            "documents": len(self.documents),
            "statements": len(self.statements),
            "verdicts": len(self.verdicts),
            "contradictions": by_label.get("contradiction", 0),
            "errors": len(self.errors),
            "stances": len(self.stances),
            "counterclaims": len(self.counterclaims),
            "statements_by_side": by_side,
            "verdicts_by_label": by_label,
        }

    def __repr__(self) -> str:
        s = self.summary()
        return (f"Report(documents={s['documents']}, statements={s['statements']}, verdicts={s['verdicts']}, "
                f"contradictions={s['contradictions']}, errors={s['errors']})")

    __str__ = __repr__

    # ------------------------------------------------------------------------------------ rows

    def rows(self, what: str = "statements") -> list[dict[str, Any]]:
        """Flat rows for ``what`` in ``WHATS``; the single source of every export.

        ``"stances"`` has one row per statement and proposition it takes a stance on, ``"counterclaims"`` one
        per pair, ``"positions"`` one per question × proposition × side (see :func:`claimdiff.stance.positions`).

        Raises:
            ValueError: ``what`` is not one of ``WHATS``.

        Example:
            >>> Report((), (), ()).rows("positions")
            []
        """
        _check_what(what)
        if what == "statements":
            return [statement_row(s) for s in self.statements]
        if what == "verdicts":
            return [verdict_row(v) for v in self.verdicts]
        if what == "contradictions":
            return [verdict_row(v) for v in self.contradictions]
        if what == "stances":
            by_id = {s.id: s for s in self.statements}
            texts = self._proposition_texts()
            return [stance_row(x, by_id.get(x.statement_id), texts.get(x.proposition_id)) for x in self.stances]
        if what == "counterclaims":
            texts = self._proposition_texts()
            return [counterclaim_row(c, texts.get(c.proposition_id)) for c in self.counterclaims]
        if what == "positions":
            return positions(self.stances, self.statements, self.questions)
        return [error_row(e) for e in self.errors]

    def _proposition_texts(self) -> dict[str, str]:
        return {p.id: p.text for q in self.questions for p in q.propositions}

    def to_pandas(self, what: str = "statements") -> pd.DataFrame:
        """A DataFrame of :meth:`rows`; offsets and ``line`` are nullable ``Int64`` so ``None`` stays missing.

        Example:
            >>> list(Report((), (), ()).to_pandas("errors").columns)
            ['doc_id', 'line', 'error', 'message']
        """
        import pandas as pd

        rows = self.rows(what)
        columns = _columns_of(what, rows)
        frame = pd.DataFrame.from_records(rows, columns=columns)
        dtypes = {}
        for column in columns:
            if column in _INT_COLUMNS:
                dtypes[column] = "Int64"
            elif column in _FLOAT_COLUMNS:
                dtypes[column] = "float64"
            elif column in _BOOL_COLUMNS:
                dtypes[column] = "boolean"
        return frame.astype(dtypes) if dtypes else frame

    def statements_frame(self) -> pd.DataFrame:
        """Shorthand for ``to_pandas("statements")``."""
        return self.to_pandas("statements")

    def to_jsonl(self, path: str | os.PathLike | IO[str] | None = None, what: str = "statements") -> str | None:
        """Write one JSON object per row (UTF-8, non-ASCII kept as is).

        Args:
            path: A file path, an open text file, or ``None`` to get the JSONL as a string.
            what: One of ``WHATS``.

        Returns:
            The JSONL text when ``path`` is ``None``, else ``None``.

        Example:
            >>> Report((), (), ()).to_jsonl(what="verdicts")
            ''
        """
        text = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in self.rows(what))
        if path is None:
            return text
        if hasattr(path, "write"):
            path.write(text)  # type: ignore[union-attr]
        else:
            Path(path).write_text(text, encoding="utf-8")  # type: ignore[arg-type]
        logger.debug("wrote %s rows of %s as JSONL", text.count("\n"), what)
        return None

    @staticmethod
    def read_jsonl(path: str | os.PathLike | IO[str]) -> list[dict[str, Any]]:
        """Read rows written by :meth:`to_jsonl` (a path, an open text file, or JSONL text in a ``StringIO``).

        Raises:
            ValueError: A line is not valid JSON (the message names the line number).

        Example:
            >>> import io
            >>> Report.read_jsonl(io.StringIO('{"id": "s1"}\\n'))
            [{'id': 's1'}]
        """
        if hasattr(path, "read"):
            text = path.read()  # type: ignore[union-attr]
        else:
            text = Path(path).read_text(encoding="utf-8")  # type: ignore[arg-type]
        rows = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as err:
                raise ValueError(f"Line {number} is not valid JSON ({err.msg}); expected one object per line.") \
                    from err
        return rows

    def to_csv(self, path: str | os.PathLike | IO[str] | None = None, what: str = "statements") -> str | None:
        """Write :meth:`rows` as CSV via pandas; list cells (``signals``) are JSON-encoded.

        Returns:
            The CSV text when ``path`` is ``None``, else ``None``.
        """
        frame = self.to_pandas(what)
        for column in frame.columns:
            if column in _LIST_COLUMNS:
                frame[column] = frame[column].map(lambda v: json.dumps(list(v), ensure_ascii=False))
        return frame.to_csv(path, index=False)

    def to_dataset(self, what: str = "statements") -> datasets.Dataset:
        """A ``datasets.Dataset`` of :meth:`rows`, with explicit features so empty and all-``None`` columns work.

        Example:
            >>> Report((), (), ()).to_dataset().num_rows
            0
        """
        import datasets

        rows = self.rows(what)
        columns = _columns_of(what, rows)
        known = set(_COLUMNS[what])
        if all(c in known for c in columns):
            features: datasets.Features | None = datasets.Features({c: _feature(c) for c in columns})
        else:
            # Rows carry fields this module does not know yet: let Arrow infer rather than guess a type.
            logger.debug("unknown columns %s; inferring dataset features", [c for c in columns if c not in known])
            features = None
        data = {c: [row.get(c) for row in rows] for c in columns}
        return datasets.Dataset.from_dict(data, features=features)

    # ------------------------------------------------------------------------------------ text

    def _actor_label(self, actor: str | None, side: str | None) -> str:
        name = self.actor_names.get(actor, actor) if actor else None
        if name and side:
            return f"{name} ({side})"
        return name or side or "?"

    def _short_id(self, statement_id: str) -> str:
        """Statement ids without the document prefix when there is only one document."""
        return statement_id.rsplit(":", 1)[-1] if len(self.documents) == 1 else statement_id

    def to_table(self, max_width: int = 100, max_other_pairs: int = 10, max_counterclaims: int = 10) -> str:
        """A plain-text view for the terminal: statements, contradictions, counterclaims, then errors.

        Args:
            max_width: Widest line allowed; long cells are cut with an ellipsis.
            max_counterclaims: Counterclaims listed (strongest first); the rest are counted.

        Example:
            >>> Report((), (), ()).to_table().splitlines()[0]
            'Report: 0 documents, 0 statements, 0 verdicts, 0 contradictions, 0 errors'
        """
        s = self.summary()
        counts = ", ".join(_plural(s[k], k[:-1]) for k in ("documents", "statements", "verdicts",
                                                             "contradictions", "errors"))
        out = [_cut(f"Report: {counts}", max_width)]
        out.append("")
        out.append(f"Statements ({len(self.statements)})")
        if self.statements:
            rows = [[self._short_id(st.id), f"{st.actor or '?'} / {st.side or '?'}", st.polarity,
                     "yes" if st.hedged else "", st.speaker.text if st.speaker else "", st.cue.text if st.cue else ""]
                    for st in self.statements]
            # The cue and the speaker give way first: the actor id and side are what a reader scans for.
            lines = _text_table(["id", "actor / side", "polarity", "hedged", "speaker", "cue"], rows, max_width,
                                shrink_first=(5, 4))
            out.extend(lines[:2])
            # Content gets a line of its own under its row, so a long claim never squeezes the other columns.
            for line, st in zip(lines[2:], self.statements):
                out.append(line)
                out.append(_cut(("NOT " if st.polarity == "denies" else "") + st.content.text, max_width,
                                indent="    "))
        else:
            out.append("  (none)")

        out.append("")
        contradictions = self.contradictions
        out.append(f"Contradictions ({len(contradictions)})")
        if not contradictions:
            out.append("  (none)")
        for i, v in enumerate(contradictions, start=1):
            a, b = v.pair.a, v.pair.b
            head = (f"{i}. score {v.score:.3f} · reason {v.reason} · {self._short_id(a.id)} x {self._short_id(b.id)} · "
                    f"p(contradiction) ab {v.p_contradiction_ab:.2f} ba {v.p_contradiction_ba:.2f}")
            out.append(_cut(head, max_width))
            for tag, st in (("A", a), ("B", b)):
                line = f"{tag} {self._actor_label(st.actor, st.side)}, {st.polarity}: {st.content.text}"
                out.append(_cut(line, max_width, indent="   "))

        others = sorted((v for v in self.verdicts if v.label != "contradiction"), key=lambda v: -v.score)
        if others:
            out.append("")
            out.append(f"Other judged pairs ({len(others)}, best first; score = clash score)")
            for v in others[:max_other_pairs]:
                out.append(_cut(f"  {v.label:<11} {v.score:.3f}  {self._short_id(v.pair.a.id)} "
                                f"{v.pair.a.actor or '?'} x {self._short_id(v.pair.b.id)} {v.pair.b.actor or '?'}  "
                                f"{v.pair.a.content.text} || {v.pair.b.content.text}", max_width))
            if len(others) > max_other_pairs:
                out.append(f"  ... {len(others) - max_other_pairs} more in to_pandas('verdicts')")

        out.extend(self._table_counterclaims(max_width, max_counterclaims))

        out.append("")
        out.append(f"Errors ({len(self.errors)})")
        if self.errors:
            rows = [[e.doc_id or "", "" if e.line is None else str(e.line), e.error, e.message]
                    for e in self.errors]
            out.extend(_text_table(["doc_id", "line", "error", "message"], rows, max_width))
        else:
            out.append("  (none)")
        return "\n".join(out)

    def _table_counterclaims(self, max_width: int, limit: int) -> list[str]:
        out = ["", f"Counterclaims ({len(self.counterclaims)})"]
        if not self.counterclaims:
            out.append("  (none)")
        texts = self._proposition_texts()
        for i, c in enumerate(self.counterclaims[:limit], start=1):
            head = (f"{i}. score {c.score:.3f} · {c.question_id} · {c.proposition_id}"
                    + (f' "{texts[c.proposition_id]}"' if c.proposition_id in texts else "")
                    + f" · {self._short_id(c.a.id)} x {self._short_id(c.b.id)}")
            out.append(_cut(head, max_width))
            for tag, st, stance, score in (("A", c.a, c.stance_a, c.score_a), ("B", c.b, c.stance_b, c.score_b)):
                line = (f"{tag} {self._actor_label(st.actor, st.side)} {stance} {score:.2f}"
                        f"{' (denies)' if st.polarity == 'denies' else ''}: {st.content.text}")
                out.append(_cut(line, max_width, indent="   "))
        if len(self.counterclaims) > limit:
            out.append(f"  ... {len(self.counterclaims) - limit} more in to_pandas('counterclaims'); "
                       "each side's position in to_pandas('positions')")
        return out

    # ------------------------------------------------------------------------------------ html

    def to_html(self, path: str | os.PathLike | None = None, *, max_documents: int | None = None) -> str:
        """A standalone HTML page (inline CSS, no script, no external resources).

        Each document's text has its statements highlighted by side (speaker underlined, cue bold, content
        coloured, ``id="st-…"`` on each content); then a statements table, the contradictions with links to
        both statements, all judged pairs, the contested questions (each side's stance on each proposition,
        linked to the statements that carry it, then the counterclaims), and the errors.

        Args:
            path: Also write the page there (UTF-8) when given.
            max_documents: Render at most this many documents' texts (tables are always complete).

        Returns:
            The HTML page.

        Example:
            >>> Report((), (), ()).to_html().startswith("<!DOCTYPE html>")
            True
        """
        body = self._html_body(max_documents=max_documents, max_rows=None)
        page = ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                "<title>claimdiff report</title>\n</head>\n<body>\n" + body + "\n</body>\n</html>\n")
        if path is not None:
            Path(path).write_text(page, encoding="utf-8")
        return page

    def _repr_html_(self) -> str:
        return self._html_body(max_documents=REPR_MAX_DOCUMENTS, max_rows=REPR_MAX_ROWS)

    def _html_body(self, max_documents: int | None, max_rows: int | None) -> str:
        sides = sorted({_side_key(s.side) for s in self.statements})
        anchors = _Anchors()
        parts = ['<div class="claimdiff-report">', _css(sides)]
        parts.append(self._html_header(sides))

        # Documents first, so their content spans own the st-… ids; unplaced statements get them in the table.
        parts.append("<h2>Documents</h2>")
        by_doc: dict[str, list[Statement]] = {}
        for st in self.statements:
            by_doc.setdefault(st.doc_id, []).append(st)
        shown = self.documents if max_documents is None else self.documents[:max_documents]
        if not self.documents:
            parts.append('<p class="none">No documents.</p>')
        for doc in shown:
            parts.append(self._html_document(doc, by_doc.get(doc.id, []), anchors))
        if len(shown) < len(self.documents):
            parts.append(f'<p class="note">Showing {len(shown)} of {len(self.documents)} documents; '
                         f"call <code>to_html()</code> for all.</p>")

        parts.append(self._html_statements(anchors, max_rows))
        parts.append(self._html_contradictions(anchors))
        parts.append(self._html_verdicts(max_rows))
        parts.append(self._html_questions(anchors, max_rows))
        parts.append(self._html_errors())
        parts.append("</div>")
        return "\n".join(parts)

    def _html_header(self, sides: list[str]) -> str:
        s = self.summary()
        # The pipeline's stats repeat some counts; show each key once, the pipeline's value winning.
        merged = {k: s[k] for k in ("documents", "statements", "verdicts", "contradictions", "errors")}
        merged.update(self.stats)
        rows = "".join(f"<tr><th>{_e(k)}</th><td>{_e(_fmt(v))}</td></tr>" for k, v in merged.items())
        legend = " ".join(f'<span class="c side-{_slug(side)}">{_e(side)}</span>' for side in sides)
        return ("<h1>claimdiff report</h1>\n"
                f'<table class="stats"><tbody>{rows}</tbody></table>\n'
                f'<p class="legend">Sides: {legend or "none"} &middot; <span class="spk">speaker</span> '
                '&middot; <span class="cue">cue</span> &middot; <span class="c denies">denies</span> '
                '&middot; <span class="c hedged">hedged</span></p>')

    def _html_document(self, doc: Document, statements: list[Statement], anchors: _Anchors) -> str:
        meta = " &middot; ".join(f"{_e(k)}: {_e(_fmt(v))}" for k, v in doc.meta.items())
        marked = _mark_up(doc.text, statements, anchors, self._actor_label)
        return (f'<section class="doc"><h3>{_e(doc.id)}</h3>'
                + (f'<p class="meta">{meta}</p>' if meta else "")
                + f'<div class="text">{marked}</div></section>')

    def _html_statements(self, anchors: _Anchors, max_rows: int | None) -> str:
        head = ("<tr><th>id</th><th>doc</th><th>actor / side</th><th>kind</th><th>polarity</th><th>hedged</th>"
                "<th>speaker</th><th>cue</th><th>content</th><th>confidence</th><th>refers to</th></tr>")
        rows = []
        statements = self.statements if max_rows is None else self.statements[:max_rows]
        for st in statements:
            anchor = anchors.of(st.id)
            # A statement not drawn in any text (missing document, bad offsets) gets its anchor here instead.
            row_id = f' id="{anchor}"' if anchors.claim(st.id) else ""
            rows.append(
                f"<tr{row_id}><td><a href=\"#{anchor}\">{_e(st.id)}</a></td><td>{_e(st.doc_id)}</td>"
                f'<td><span class="c side-{_slug(_side_key(st.side))}">{_e(self._actor_label(st.actor, st.side))}'
                f"</span></td><td>{_e(st.kind)}</td><td>{_e(st.polarity)}</td><td>{'yes' if st.hedged else ''}</td>"
                f"<td>{_e(st.speaker.text if st.speaker else '')}</td><td>{_e(st.cue.text if st.cue else '')}</td>"
                f"<td>{_e(st.content.text)}</td><td>{st.confidence:.2f}</td><td>{_e(st.refers_to or '')}</td></tr>")
        # Statements cut from the table may still be linked from contradictions: give them a target too.
        for st in self.statements[len(statements):]:
            if anchors.claim(st.id):
                rows.append(f'<tr id="{anchors.of(st.id)}" class="hidden"><td colspan="11"></td></tr>')
        more = (f'<p class="note">Showing {len(statements)} of {len(self.statements)} statements.</p>'
                if len(statements) < len(self.statements) else "")
        if not self.statements:
            return '<h2>Statements</h2>\n<p class="none">No statements.</p>'
        return (f"<h2>Statements</h2>\n<table class=\"rows statements\"><thead>{head}</thead><tbody>{''.join(rows)}"
                f"</tbody></table>{more}")

    def _html_contradictions(self, anchors: _Anchors) -> str:
        contradictions = self.contradictions
        if not contradictions:
            return '<h2>Contradictions</h2>\n<p class="none">No contradictions.</p>'
        items = []
        for v in contradictions:
            sides = []
            for tag, st in (("A", v.pair.a), ("B", v.pair.b)):
                sides.append(
                    f'<div class="claim"><a href="#{anchors.of(st.id)}">{tag}: {_e(st.id)}</a> '
                    f'<span class="c side-{_slug(_side_key(st.side))}">{_e(self._actor_label(st.actor, st.side))}'
                    f"</span> <em>{_e(st.polarity)}</em>{' <em>hedged</em>' if st.hedged else ''}"
                    f"<blockquote>{_e(st.content.text)}</blockquote></div>")
            probs = ("<table class=\"probs\"><thead><tr><th></th><th>contradiction</th><th>entailment</th>"
                     "<th>neutral</th></tr></thead><tbody>"
                     f"<tr><th>A&rarr;B</th><td>{v.p_contradiction_ab:.3f}</td><td>{v.p_entailment_ab:.3f}</td>"
                     f"<td>{v.p_neutral_ab:.3f}</td></tr>"
                     f"<tr><th>B&rarr;A</th><td>{v.p_contradiction_ba:.3f}</td><td>{v.p_entailment_ba:.3f}</td>"
                     f"<td>{v.p_neutral_ba:.3f}</td></tr></tbody></table>")
            signals = ", ".join(v.pair.signals)
            items.append(
                f'<li class="pair"><p><strong>score {v.score:.3f}</strong> &middot; reason <code>{_e(v.reason)}'
                f"</code> &middot; pair score {v.pair.pair_score:.3f}"
                + (f" &middot; signals {_e(signals)}" if signals else "")
                + f"</p>{''.join(sides)}{probs}</li>")
        return f"<h2>Contradictions</h2>\n<ol class=\"pairs\">{''.join(items)}</ol>"

    def _html_verdicts(self, max_rows: int | None) -> str:
        if not self.verdicts:
            return ""
        verdicts = self.verdicts if max_rows is None else self.verdicts[:max_rows]
        rows = "".join(
            f"<tr><td>{_e(v.pair.a.id)}</td><td>{_e(v.pair.b.id)}</td><td>{_e(v.label)}</td>"
            f"<td>{v.score:.3f}</td><td>{_e(v.reason)}</td><td>{v.p_contradiction_ab:.3f} / "
            f"{v.p_contradiction_ba:.3f}</td><td>{v.p_entailment_ab:.3f} / {v.p_entailment_ba:.3f}</td>"
            f"<td>{v.pair.pair_score:.3f}</td></tr>" for v in verdicts)
        more = (f"<p class=\"note\">Showing {len(verdicts)} of {len(self.verdicts)} pairs.</p>"
                if len(verdicts) < len(self.verdicts) else "")
        return (f"<details><summary>All judged pairs ({len(self.verdicts)})</summary>"
                "<table class=\"rows\"><thead><tr><th>a</th><th>b</th><th>label</th><th>score</th><th>reason</th>"
                "<th>p contra ab / ba</th><th>p entail ab / ba</th><th>pair score</th></tr></thead>"
                f"<tbody>{rows}</tbody></table>{more}</details>")

    def _html_questions(self, anchors: _Anchors, max_rows: int | None) -> str:
        if not (self.questions or self.stances or self.counterclaims):
            return ""  # stances were not computed: say nothing rather than "none found"
        rows = self.rows("positions")
        if not rows and not self.counterclaims:
            return ('<h2>Questions</h2>\n<p class="none">No statement took a stance on the contested questions '
                    f"({len(self.questions)} asked).</p>")
        # Questions and propositions in pack order, then any only the stances know of.
        props: dict[str, dict[str, str | None]] = {q.id: {p.id: p.text for p in q.propositions} for q in self.questions}
        titles = {q.id: q.text for q in self.questions}
        for r in rows:
            props.setdefault(r["question_id"], {}).setdefault(r["proposition_id"], r["proposition"])
        for c in self.counterclaims:
            props.setdefault(c.question_id, {}).setdefault(c.proposition_id, None)
        cells = {(r["proposition_id"], r["side"]): r for r in rows}
        speakers = {st.id: self._actor_label(st.actor, st.side) for st in self.statements}
        out = ['<h2>Questions</h2>\n<p class="note">Each side\'s stance on each proposition (a vote of its statements '
               "weighted by score; below 100% agree, some of its statements take the other stance), with the "
               "statements that carry it, then the counterclaims: statements of opposing sides on opposite "
               "stances.</p>"]
        for qid, plist in props.items():
            q_rows = [r for r in rows if r["question_id"] == qid]
            if not q_rows and not any(c.question_id == qid for c in self.counterclaims):
                continue  # nobody took a stance: keep the page short
            sides = list(dict.fromkeys(r["side"] for r in sorted(
                q_rows, key=lambda r: (r["side"] in ("narrator", "unknown"), r["side"]))))
            head = "".join(f'<th><span class="c side-{_slug(sd)}">{_e(sd)}</span></th>' for sd in sides)
            body = []
            for pid, text in plist.items():
                tds = "".join(self._html_position(cells.get((pid, sd)), anchors, speakers) for sd in sides)
                body.append(f"<tr><th>{_e(text or pid)}<br><code>{_e(pid)}</code></th>{tds}</tr>")
            out.append(f'<section class="question"><h3>{_e(titles.get(qid, qid))} <code>{_e(qid)}</code></h3>'
                       f'<table class="rows positions"><thead><tr><th>proposition</th>{head}</tr></thead>'
                       f"<tbody>{''.join(body)}</tbody></table>"
                       + self._html_counterclaims([c for c in self.counterclaims if c.question_id == qid], plist,
                                                  anchors, max_rows)
                       + "</section>")
        return "\n".join(out)

    def _html_position(self, row: dict[str, Any] | None, anchors: _Anchors, speakers: dict[str, str]) -> str:
        if row is None:
            return '<td class="none">&ndash;</td>'
        links = []
        for stance, ids in (("supports", row["supporting"]), ("opposes", row["opposing"])):
            shown = ids[:_MAX_CELL_LINKS]
            links += [f'<a class="stance-{stance}" href="#{anchors.of(i)}" '
                      f'title="{stance}: {_e(speakers.get(i, "?"))}">{_e(self._short_id(i))}</a>' for i in shown]
            if len(ids) > len(shown):
                links.append(f"+{len(ids) - len(shown)} more")
        consensus = f" &middot; {row['consensus']:.0%} agree" if row["consensus"] < 1 else ""
        return (f'<td><strong class="stance-{_e(row["stance"])}">{_e(row["stance"])}</strong> {row["score"]:.2f}'
                f"{consensus}<br>{' '.join(links)}</td>")

    def _html_counterclaims(self, claims: list[Counterclaim], texts: dict[str, str | None], anchors: _Anchors,
                            max_rows: int | None) -> str:
        if not claims:
            return '<p class="none">No counterclaims on this question.</p>'
        shown = claims if max_rows is None else claims[:max_rows]
        items = []
        for c in shown:
            sides = "".join(
                f'<div class="claim"><a href="#{anchors.of(st.id)}">{tag}: {_e(st.id)}</a> '
                f'<span class="c side-{_slug(_side_key(st.side))}">{_e(self._actor_label(st.actor, st.side))}</span> '
                f'<strong class="stance-{_e(stance)}">{_e(stance)}</strong> {score:.3f}'
                f"{' <em>denies</em>' if st.polarity == 'denies' else ''}{' <em>hedged</em>' if st.hedged else ''}"
                f"<blockquote>{_e(st.content.text)}</blockquote></div>"
                for tag, st, stance, score in (("A", c.a, c.stance_a, c.score_a), ("B", c.b, c.stance_b, c.score_b)))
            items.append(f'<li class="pair"><p><strong>score {c.score:.3f}</strong> &middot; '
                         f"{_e(texts.get(c.proposition_id) or c.proposition_id)} <code>{_e(c.proposition_id)}</code>"
                         f"</p>{sides}</li>")
        more = (f'<p class="note">Showing {len(shown)} of {len(claims)} counterclaims.</p>'
                if len(shown) < len(claims) else "")
        return f"<h4>Counterclaims ({len(claims)})</h4><ol class=\"pairs\">{''.join(items)}</ol>{more}"

    def _html_errors(self) -> str:
        if not self.errors:
            return '<h2>Errors</h2>\n<p class="none">No errors.</p>'
        rows = "".join(f"<tr><td>{_e(e.doc_id or '')}</td><td>{_e('' if e.line is None else e.line)}</td>"
                       f"<td>{_e(e.error)}</td><td>{_e(e.message)}</td></tr>" for e in self.errors)
        return ("<h2>Errors</h2>\n<table class=\"rows errors\"><thead><tr><th>doc</th><th>line</th><th>error</th>"
                f"<th>message</th></tr></thead><tbody>{rows}</tbody></table>")


# ------------------------------------------------------------------------------------ html helpers


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def _side_key(side: str | None) -> str:
    return side if side else "unknown"


def _slug(name: str) -> str:
    """A CSS-class/id-safe name; names that needed changing get a hash suffix so two never collide."""
    clean = re.sub(r"[^A-Za-z0-9_-]", "_", name)
    if clean == name and clean:
        return clean
    return f"{clean}-{hashlib.sha1(name.encode('utf-8')).hexdigest()[:8]}"


_SIDE_COLOURS = {
    "armenia": "#ffd2a8",
    "azerbaijan": "#b9def5",
    "third_party": "#cdeec0",
    "third_parties": "#cdeec0",
    "third-party": "#cdeec0",
    "narrator": "#e4dcf5",
    "unknown": "#e6e6e6",
}


def _side_colour(side: str) -> str:
    if side in _SIDE_COLOURS:
        return _SIDE_COLOURS[side]
    # A stable pastel per unknown side name, so a new conflict pack still gets distinct colours.
    hue = int(hashlib.sha1(side.encode("utf-8")).hexdigest()[:4], 16) / 0xFFFF
    r, g, b = colorsys.hls_to_rgb(hue, 0.85, 0.7)
    return f"#{int(r * 255):02x}{int(g * 255):02x}{int(b * 255):02x}"


def _css(sides: Iterable[str]) -> str:
    side_rules = "\n".join(f".claimdiff-report .side-{_slug(s)} {{ background: {_side_colour(s)}; }}"
                           for s in sides)
    return f"""<style>
.claimdiff-report {{ font-family: system-ui, sans-serif; line-height: 1.5; max-width: 70em; color: #222; }}
.claimdiff-report table {{ border-collapse: collapse; margin: .5em 0; }}
.claimdiff-report th, .claimdiff-report td {{ border: 1px solid #ccc; padding: 2px 6px; text-align: left;
  vertical-align: top; }}
/* The content is what a reader reads: keep it wide, and let long statement ids wrap instead. */
.claimdiff-report table.statements td:nth-child(9) {{ min-width: 24em; }}
.claimdiff-report table.statements td:nth-child(-n+2) {{ min-width: 11em; word-break: break-all; }}
.claimdiff-report .doc {{ border: 1px solid #ddd; border-radius: 4px; padding: .3em .8em; margin: .8em 0; }}
.claimdiff-report .doc h3 {{ margin: .2em 0; font-size: 1em; }}
.claimdiff-report .meta {{ color: #666; font-size: .85em; margin: 0; }}
.claimdiff-report .text {{ white-space: pre-wrap; }}
.claimdiff-report .c {{ background: #e6e6e6; border-radius: 2px; }}
.claimdiff-report .overlap {{ box-shadow: inset 0 -3px 0 rgba(0, 0, 0, .25); }}
.claimdiff-report .spk {{ text-decoration: underline; text-decoration-thickness: 2px; }}
.claimdiff-report .cue {{ font-weight: bold; }}
.claimdiff-report .denies {{ outline: 1px dashed #a00; }}
.claimdiff-report .hedged {{ font-style: italic; }}
.claimdiff-report :target {{ outline: 2px solid #d33; }}
.claimdiff-report .pair {{ margin-bottom: 1em; }}
.claimdiff-report blockquote {{ margin: .2em 0 .4em 1.5em; }}
.claimdiff-report .note, .claimdiff-report .none {{ color: #666; font-style: italic; }}
.claimdiff-report .hidden {{ display: none; }}
.claimdiff-report .stance-supports {{ color: #1a7f37; }}
.claimdiff-report .stance-opposes {{ color: #b42318; }}
.claimdiff-report .stance-mixed {{ color: #8a6d00; }}
.claimdiff-report .question {{ margin: .8em 0; }}
{side_rules}
</style>"""


class _Anchors:
    """Hands out one ``st-…`` id per statement and remembers which were already placed in the page."""

    def __init__(self) -> None:
        self._placed: set[str] = set()

    @staticmethod
    def of(statement_id: str) -> str:
        return "st-" + _slug(statement_id)

    def claim(self, statement_id: str) -> bool:
        """True the first time: the caller then places the id; later calls return False (ids stay unique)."""
        if statement_id in self._placed:
            return False
        self._placed.add(statement_id)
        return True


def _clamp(span: Span, n: int) -> tuple[int, int]:
    start = min(max(span.start, 0), n)
    return start, min(max(span.end, start), n)


def _mark_up(text: str, statements: list[Statement], anchors: _Anchors,
             label: Callable[[str | None, str | None], str]) -> str:
    """The escaped text with every statement's spans marked.

    Spans may overlap or nest in any way, so the text is cut at every span boundary and each piece is wrapped
    in one flat ``<span>`` carrying the classes of all spans covering it: the HTML never nests wrongly.
    """
    n = len(text)
    marks: list[tuple[int, int, str, int]] = []  # (start, end, role, index into statements)
    empty_at: dict[int, list[int]] = {}  # content spans of zero width still need an anchor
    for i, st in enumerate(statements):
        for role, span in (("content", st.content), ("speaker", st.speaker), ("cue", st.cue)):
            if span is None:
                continue
            start, end = _clamp(span, n)
            if (start, end) != (span.start, span.end) or text[start:end] != span.text:
                logger.warning("statement %s: %s span [%d, %d) does not match its document text; drawn by offsets",
                               st.id, role, span.start, span.end)
            if start < end:
                marks.append((start, end, role, i))
            elif role == "content":
                empty_at.setdefault(start, []).append(i)

    bounds = sorted({0, n, *(m[0] for m in marks), *(m[1] for m in marks), *empty_at})
    starts: dict[int, list[tuple[int, int, str, int]]] = {}
    for m in marks:
        starts.setdefault(m[0], []).append(m)
    active: list[tuple[int, int, str, int]] = []
    out: list[str] = []
    for pos, nxt in zip(bounds, bounds[1:] + [None]):
        for i in empty_at.get(pos, []):
            if anchors.claim(statements[i].id):
                out.append(f'<span id="{anchors.of(statements[i].id)}" class="anchor"></span>')
        if nxt is None:
            break
        active = [m for m in active if m[1] > pos] + starts.get(pos, [])
        piece = _e(text[pos:nxt])
        if not active:
            out.append(piece)
            continue
        contents = [m for m in active if m[2] == "content"]
        classes: list[str] = []
        titles: list[str] = []
        ids: list[str] = []
        if contents:
            # The innermost content decides the colour, so a nested claim stays visible inside a wider one.
            inner = min(contents, key=lambda m: (m[1] - m[0], -m[0]))
            st = statements[inner[3]]
            classes += ["c", f"side-{_slug(_side_key(st.side))}"]
            if st.polarity == "denies":
                classes.append("denies")
            if st.hedged:
                classes.append("hedged")
            if len(contents) > 1:
                classes.append("overlap")
            for m in contents:
                s = statements[m[3]]
                titles.append(f"{s.id}: {label(s.actor, s.side)}, {s.polarity}{', hedged' if s.hedged else ''}")
                if m[0] == pos and anchors.claim(s.id):
                    ids.append(anchors.of(s.id))
        for role, cls in (("speaker", "spk"), ("cue", "cue")):
            owners = [statements[m[3]].id for m in active if m[2] == role]
            if owners:
                classes.append(cls)
                titles.append(f"{role} of {', '.join(owners)}")
        # One element can hold only one id: extra statements starting here get empty anchors just before it.
        for extra in ids[1:]:
            out.append(f'<span id="{extra}" class="anchor"></span>')
        id_attr = f' id="{ids[0]}"' if ids else ""
        out.append(f'<span{id_attr} class="{" ".join(classes)}" title="{_e("; ".join(titles))}">{piece}</span>')
    return "".join(out)


# ------------------------------------------------------------------------------------ text helpers


def _cut(value: str, width: int, indent: str = "") -> str:
    """``indent`` + ``value`` on one line of at most ``width`` characters, cut with an ellipsis."""
    value = indent + " ".join(value.split())  # newlines and tabs would break the table's rows
    if width <= 0:
        return ""
    return value if len(value) <= width else value[: max(width - 1, 0)] + "…"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _text_table(headers: list[str], rows: list[list[str]], max_width: int,
                shrink_first: tuple[int, ...] = ()) -> list[str]:
    """Rows as aligned columns within ``max_width``: header, rule, then one line per row.

    Columns in ``shrink_first`` give way first (down to 10 characters), then the widest column shrinks.
    """
    cells = [[" ".join(str(c).split()) for c in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    sep = " | "
    budget = max(max_width - len(sep) * (len(headers) - 1), len(headers) * 3)
    for i in shrink_first:
        widths[i] = max(min(widths[i], widths[i] - (sum(widths) - budget)), min(widths[i], 10))
    while sum(widths) > budget:
        widest = max(range(len(widths)), key=lambda i: widths[i])
        if widths[widest] <= 3:
            break
        widths[widest] -= 1
    lines = [sep.join(_cut(h, w).ljust(w) for h, w in zip(headers, widths)).rstrip()]
    lines.append("-+-".join("-" * w for w in widths))
    for row in cells:
        lines.append(sep.join(_cut(c, w).ljust(w) for c, w in zip(row, widths)).rstrip())
    return lines
