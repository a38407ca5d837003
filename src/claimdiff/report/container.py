"""The result of a claimdiff run, and every way to look at it: rows, pandas, JSONL, CSV, ``datasets``, a text
table, and HTML (rendered by :mod:`claimdiff.report.html`).

All exports are built from the same flat rows (:func:`statement_row`, :func:`verdict_row`, :func:`error_row`,
:func:`stance_row`, :func:`counterclaim_row`, and :func:`claimdiff.stance.positions` for each side's position
on the contested questions), so a DataFrame, a JSONL file and a ``Dataset`` of one report always agree column
for column.

Example:
    >>> from claimdiff.records import Document, Span, Statement
    >>> from claimdiff.report import Report
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

import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from claimdiff.claims import one_per_claim_pair
from claimdiff.records import Claim, Counterclaim, Document, DocumentError, Question, Stance, Statement, Verdict
from claimdiff.report import html
from claimdiff.report.rows import (_BOOL_COLUMNS, _COLUMNS, _FLOAT_COLUMNS, _INT_COLUMNS, _LIST_COLUMNS, _check_what,
                                   _columns_of, _feature, claim_row, counterclaim_row, error_row, stance_row, statement_row,
                                   verdict_row)
from claimdiff.stance import positions, proposition_texts

if TYPE_CHECKING:  # heavy imports stay out of module import time
    import datasets
    import pandas as pd

logger = logging.getLogger(__name__)

# _repr_html_ must stay light in a notebook even for a report over thousands of articles.
REPR_MAX_DOCUMENTS = 20
REPR_MAX_ROWS = 200


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
        side_colours: side id → the HTML background of its statements (from the pack's ``colour:``); other
            sides get a stable colour derived from their name.

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
    side_colours: dict[str, str] = field(default_factory=dict)

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
        per pair, ``"positions"`` one per question × proposition × side (see :func:`claimdiff.stance.positions`),
        ``"claims"`` one per claim (statements grouped across documents, :func:`claimdiff.claims.group_claims`).

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
        if what == "claims":
            return [claim_row(c) for c in self.claims]
        return [error_row(e) for e in self.errors]

    def _proposition_texts(self) -> dict[str, str]:
        return proposition_texts(self.questions)

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

    def to_csv(self, path: str | os.PathLike | IO[str] | None = None, what: str = "statements",
               header: bool = True) -> str | None:
        """Write :meth:`rows` as CSV via pandas; list cells (``signals``) are JSON-encoded.

        Args:
            path: a file name or an open text file (a chunked run passes one opened for appending, with
                ``header=False`` after the first chunk); ``None`` returns the text.

        Returns:
            The CSV text when ``path`` is ``None``, else ``None``.
        """
        frame = self.to_pandas(what)
        for column in frame.columns:
            if column in _LIST_COLUMNS:
                frame[column] = frame[column].map(lambda v: json.dumps(list(v), ensure_ascii=False))
        return frame.to_csv(path, index=False, header=header)

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
            for tag, st, reading in zip("AB", (a, b), v.readings):
                line = f"{tag} {self._actor_label(st.actor, st.side)}, {st.polarity}: {st.content.text}"
                out.append(_cut(line, max_width, indent="   "))
                if reading != st.content.text:  # what the models judged: "Moscow had been targeting"
                    out.append(_cut(f"  read as: {reading}", max_width, indent="   "))

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
        """A standalone HTML page to work in: one file, its CSS and script inline, nothing fetched.

        A summary and contents at the top; the contradictions and the counterclaims (each mirrored pair once),
        linked to both statements in their article; each side's position on each contested question; the
        statements table (filters by side, actor, document, polarity and label; sorting by score); each
        document's text with its statements highlighted by side (speaker underlined, cue bold, content coloured,
        ``id="st-…"`` on each content); all judged pairs; the errors; the run's figures.

        Args:
            path: Also write the page there (UTF-8) when given.
            max_documents: Render at most this many documents' texts (tables are always complete).

        Returns:
            The HTML page.

        Example:
            >>> Report((), (), ()).to_html().startswith("<!DOCTYPE html>")
            True
        """
        page = html.page(self, max_documents)
        if path is not None:
            Path(path).write_text(page, encoding="utf-8")
        return page

    def _repr_html_(self) -> str:
        return html.body(self, max_documents=REPR_MAX_DOCUMENTS, max_rows=REPR_MAX_ROWS)


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
