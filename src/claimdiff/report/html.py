"""The HTML view of a :class:`~claimdiff.report.Report`: a standalone page (inline CSS, no script, no external
resources) with each document's statements highlighted by side, and the tables and lists of the report.

The markup is in Jinja2 macros (``templates/report.html.j2``, one a section) and the style sheet in ``report.css``,
both package data; this module gathers what each section shows, marks up the texts (:func:`_mark_up`: spans may
overlap in any way) and makes the side colours.
"""

from __future__ import annotations

import colorsys
import hashlib
import html
import logging
import re
from collections.abc import Callable, Iterable
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any

import jinja2

from claimdiff.records import Span, Statement

if TYPE_CHECKING:
    from claimdiff.report.container import Report

logger = logging.getLogger(__name__)

# Statement links in one cell of the positions table; the full lists are in to_pandas("positions").
_MAX_CELL_LINKS = 8


def page(report: Report, max_documents: int | None = None) -> str:
    """The whole page of :meth:`Report.to_html`."""
    return str(_macros().page(body(report, max_documents, None)))


def body(report: Report, max_documents: int | None, max_rows: int | None) -> str:
    sides = sorted({_side_key(s.side) for s in report.statements})
    anchors = _Anchors()
    parts = ['<div class="claimdiff-report">', _css(sides, report.side_colours)]
    macros = _macros()
    summary = report.summary()
    # The pipeline's stats repeat some counts; show each key once, the pipeline's value winning.
    stats = {k: summary[k] for k in ("documents", "statements", "verdicts", "contradictions", "errors")}
    stats.update(report.stats)
    parts.append(str(macros.header(stats, sides)))

    # Documents first, so their content spans own the st-… ids; unplaced statements get them in the table.
    parts.append("<h2>Documents</h2>")
    by_doc: dict[str, list[Statement]] = {}
    for st in report.statements:
        by_doc.setdefault(st.doc_id, []).append(st)
    shown = report.documents if max_documents is None else report.documents[:max_documents]
    if not report.documents:
        parts.append('<p class="none">No documents.</p>')
    for doc in shown:
        marked = _mark_up(doc.text, by_doc.get(doc.id, []), anchors, report._actor_label)
        parts.append(str(macros.document(doc, marked)))
    if len(shown) < len(report.documents):
        parts.append(f'<p class="note">Showing {len(shown)} of {len(report.documents)} documents; '
                     f"call <code>to_html()</code> for all.</p>")

    statements = report.statements if max_rows is None else report.statements[:max_rows]
    hidden = report.statements[len(statements):]  # still linked from contradictions: they get a hidden row
    parts.append(str(macros.statements(report.statements, statements, hidden, anchors, report._actor_label)))
    parts.append(str(macros.contradictions(report.contradictions, anchors, report._actor_label)))
    verdicts = report.verdicts if max_rows is None else report.verdicts[:max_rows]
    parts.append(str(macros.verdicts(report.verdicts, verdicts)))
    parts.append(_questions(report, anchors, max_rows))
    parts.append(str(macros.errors(report.errors)))
    parts.append("</div>")
    return "\n".join(parts)


def _questions(report: Report, anchors: _Anchors, max_rows: int | None) -> str:
    if not (report.questions or report.stances or report.counterclaims):
        return ""  # stances were not computed: say nothing rather than "none found"
    macros = _macros()
    rows = report.rows("positions")
    if not rows and not report.counterclaims:
        return str(macros.questions_none(len(report.questions)))
    # Questions and propositions in pack order, then any only the stances know of.
    props: dict[str, dict[str, str | None]] = {q.id: {p.id: p.text for p in q.propositions} for q in report.questions}
    titles = {q.id: q.text for q in report.questions}
    for r in rows:
        props.setdefault(r["question_id"], {}).setdefault(r["proposition_id"], r["proposition"])
    for c in report.counterclaims:
        props.setdefault(c.question_id, {}).setdefault(c.proposition_id, None)
    cells = {(r["proposition_id"], r["side"]): r for r in rows}
    speakers = {st.id: report._actor_label(st.actor, st.side) for st in report.statements}
    out = [str(macros.questions_intro())]
    for qid, plist in props.items():
        q_rows = [r for r in rows if r["question_id"] == qid]
        claims = [c for c in report.counterclaims if c.question_id == qid]
        if not q_rows and not claims:
            continue  # nobody took a stance: keep the page short
        sides = list(dict.fromkeys(r["side"] for r in sorted(
            q_rows, key=lambda r: (r["side"] in ("narrator", "unknown"), r["side"]))))
        out.append(str(macros.question(qid, titles.get(qid, qid), sides, plist, cells, claims,
                                       claims if max_rows is None else claims[:max_rows], anchors, speakers,
                                       report._short_id, report._actor_label, _MAX_CELL_LINKS)))
    return "\n".join(out)


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


# The two sides every report has; a conflict's own sides take their colours from the pack (``colour:``).
_SIDE_COLOURS = {"narrator": "#e4dcf5", "unknown": "#e6e6e6"}


def _side_colour(side: str, pack_colours: dict[str, str]) -> str:
    if side in pack_colours:
        return pack_colours[side]
    if side in _SIDE_COLOURS:
        return _SIDE_COLOURS[side]
    # A stable pastel per unknown side name, so a new conflict pack still gets distinct colours.
    hue = int(hashlib.sha1(side.encode("utf-8")).hexdigest()[:4], 16) / 0xFFFF
    r, g, b = colorsys.hls_to_rgb(hue, 0.85, 0.7)
    return f"#{int(r * 255):02x}{int(g * 255):02x}{int(b * 255):02x}"


@cache
def _macros() -> Any:
    """The section macros of ``templates/report.html.j2``; ``e`` escapes like :func:`html.escape`."""
    env = jinja2.Environment(loader=jinja2.PackageLoader("claimdiff.report", "templates"), autoescape=False)
    env.filters.update(e=_e, fmt=_fmt, slug=_slug, side_key=_side_key, pct=lambda x: f"{x:.0%}")
    return env.get_template("report.html.j2").module


@cache
def _style_sheet() -> str:
    return files("claimdiff.report").joinpath("report.css").read_text(encoding="utf-8")


def _css(sides: Iterable[str], pack_colours: dict[str, str]) -> str:
    side_rules = "\n".join(f".claimdiff-report .side-{_slug(s)} {{ background: {_side_colour(s, pack_colours)}; }}"
                           for s in sides)
    return f"<style>\n{_style_sheet()}{side_rules}\n</style>"


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
