"""The HTML view of a :class:`~claimdiff.report.Report`: one self-contained page (inline CSS and script, nothing
fetched) to work in: a summary and contents at the top, the contradictions and counterclaims with links to both
statements in their articles, each side's position per question, the statements table (filters by side, actor,
document, polarity and label; sorting by score), the documents with each statement highlighted by side, all
judged pairs, the errors and the run's figures.

The markup is in Jinja2 macros (``templates/report.html.j2``, one a section), the style sheet in ``report.css``
and the filters and sorting in ``report.js``, all package data; this module gathers what each section shows,
marks up the texts (:func:`_mark_up`: spans may overlap in any way) and makes the side colours.
"""

from __future__ import annotations

import base64
import colorsys
import hashlib
import html
import logging
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any

import jinja2

from claimdiff.claims import claim_pair
from claimdiff.records import Counterclaim, Span, Statement

if TYPE_CHECKING:
    from claimdiff.report.container import Report

logger = logging.getLogger(__name__)

# Statement links in one cell of the positions table; the full lists are in to_pandas("positions").
_MAX_CELL_LINKS = 8
# Contradictions and counterclaims listed open; the rest of each list is folded (a corpus has hundreds).
_OPEN_PAIRS = 20

# A statement's labels in the table's filter, in this order: what its judged pairs and counterclaims say of it.
_LABEL_ORDER = ("contradiction", "counterclaim", "agreement", "unrelated", "unpaired")
# Sides and actors that are no party to the conflict come last in a filter's list ("" is "no actor").
_LAST = frozenset({"narrator", "unknown", ""})


def page(report: Report, max_documents: int | None = None) -> str:
    """The whole page of :meth:`Report.to_html`."""
    return str(_macros().page(body(report, max_documents, None), _script_hash()))


def body(report: Report, max_documents: int | None, max_rows: int | None) -> str:
    macros = _macros()
    sides = sorted({_side_key(s.side) for s in report.statements})
    anchors = _Anchors(report._short_id)
    label = report._actor_label

    # Documents are marked up first, so that their highlights own the st-… ids (a link lands in the article),
    # though the page shows them after the tables; unplaced statements get their ids in the table.
    by_doc: dict[str, list[Statement]] = {}
    for st in report.statements:
        by_doc.setdefault(st.doc_id, []).append(st)
    shown_docs = report.documents if max_documents is None else report.documents[:max_documents]
    doc_anchors = {doc.id: _doc_anchor(doc.id) for doc in shown_docs}
    documents = [str(macros.document(doc, doc_anchors[doc.id], len(by_doc.get(doc.id, ())),
                                     _mark_up(doc.text, by_doc.get(doc.id, []), anchors, label)))
                 for doc in shown_docs]

    contradictions = report.contradictions
    counterclaims = _once(report.counterclaims)
    stances_run = bool(report.questions or report.stances or report.counterclaims)
    rows = _statement_rows(report, anchors, doc_anchors, counterclaims)
    cut = len(rows) if max_rows is None else max_rows
    summary = report.summary()
    # What the lists below hold: contradictions once per pair of claims, counterclaims once with their mirrors.
    counts = {"documents": len(report.documents), "statements": len(report.statements),
              "by_side": sorted(summary["statements_by_side"].items(), key=lambda kv: (kv[0] in _LAST, kv[0])),
              "contradictions": len(contradictions), "verdicts": len(report.verdicts),
              "counterclaims": len(counterclaims) if stances_run else None, "questions": len(report.questions),
              "errors": len(report.errors)}

    parts = ['<div class="claimdiff-report">', _css(sides, report.side_colours),
             str(macros.summary(counts, stances_run, _example(report)))]
    parts.append(str(macros.contradictions(contradictions if max_rows is None else contradictions[:max_rows],
                                           len(contradictions), anchors, label, _OPEN_PAIRS)))
    shown_claims = counterclaims if max_rows is None else counterclaims[:max_rows]
    parts.append(str(macros.counterclaims(shown_claims, len(counterclaims), stances_run, anchors, label,
                                          _questions_of(report), _OPEN_PAIRS)))
    parts.append(_positions(report, anchors, counterclaims, len(shown_claims)))
    parts.append(str(macros.statements(rows[:cut], rows[cut:], len(rows), _filters(rows))))
    index = [(doc.id, doc_anchors[doc.id], len(by_doc.get(doc.id, ()))) for doc in shown_docs]
    parts.append(str(macros.documents(documents, index, len(report.documents), sides)))
    verdicts = report.verdicts if max_rows is None else report.verdicts[:max_rows]
    parts.append(str(macros.verdicts(report.verdicts, verdicts, anchors, _verdict_filters(report.verdicts))))
    parts.append(str(macros.errors(report.errors)))
    parts.append(str(macros.run_details(report.stats)))
    parts.append(f"<script>{_script()}</script>")
    parts.append("</div>")
    return "\n".join(parts)


# ------------------------------------------------------------------------------------ what each section shows


@dataclass
class _Counterclaim:
    """A counterclaim as listed: once per pair of claims, with the other propositions it mirrors on."""

    claim: Counterclaim
    also: list[tuple[str, str]] = field(default_factory=list)  # (question id, proposition id)


def _once(counterclaims: Sequence[Counterclaim]) -> list[_Counterclaim]:
    """One entry per pair of claims, the first (strongest) standing for its mirrors.

    An exclusive question mirrors itself ("A attacked B" supported and opposed, "B attacked A" opposed and
    supported): :func:`claimdiff.stance.counterclaims` merges the mirrors, but a report may be built from rows
    that were not, and the page must not list one disagreement twice.
    """
    first: dict[frozenset[str], _Counterclaim] = {}
    for c in counterclaims:
        key = claim_pair(c.a, c.b)
        if key in first:
            if (c.question_id, c.proposition_id) != (first[key].claim.question_id, first[key].claim.proposition_id):
                first[key].also.append((c.question_id, c.proposition_id))
        else:
            first[key] = _Counterclaim(c)
    return list(first.values())


def _example(report: Report) -> str | None:
    """A proposition to name where the page says what a counterclaim is: the strongest counterclaim's, or the
    first the run asked about (the page's words name no conflict of their own)."""
    texts = report._proposition_texts()
    ids = [c.proposition_id for c in report.counterclaims if c.proposition_id in texts] + list(texts)
    return texts[ids[0]].rstrip(".") if ids else None


def _questions_of(report: Report) -> dict[str, Any]:
    """Question and proposition texts by id: ``{"q": {qid: text}, "p": {pid: text}}``."""
    return {"q": {q.id: q.text for q in report.questions}, "p": report._proposition_texts()}


@dataclass
class _Row:
    """One row of the statements table, with the values its filters and sorting read."""

    st: Statement
    index: int
    anchor: str
    own_id: bool  # the row carries the statement's id (it is not highlighted in a shown document)
    doc_anchor: str | None
    side: str
    actor: str  # the actor id, "" when unresolved
    actor_label: str
    labels: list[str]
    score: float | None  # the highest clash score of the statement's judged pairs


def _statement_rows(report: Report, anchors: _Anchors, doc_anchors: dict[str, str],
                    counterclaims: list[_Counterclaim]) -> list[_Row]:
    labels: dict[str, set[str]] = {}
    best: dict[str, float] = {}
    for v in report.verdicts:
        for st in (v.pair.a, v.pair.b):
            labels.setdefault(st.id, set()).add(v.label)
            best[st.id] = max(best.get(st.id, v.score), v.score)
    for item in counterclaims:
        for st in (item.claim.a, item.claim.b):
            labels.setdefault(st.id, set()).add("counterclaim")
    rows = []
    rank = {x: i for i, x in enumerate(_LABEL_ORDER)}
    for i, st in enumerate(report.statements):
        own = sorted(labels.get(st.id) or {"unpaired"}, key=lambda x: (rank.get(x, len(rank)), x))
        rows.append(_Row(st, i, anchors.of(st.id), False, doc_anchors.get(st.doc_id), _side_key(st.side),
                         st.actor or "", report._actor_label(st.actor, None) if st.actor else "no actor", own,
                         best.get(st.id)))
    for row in rows:
        row.own_id = anchors.claim(row.st.id)  # statements not drawn in a shown text: the table row is the target
    return rows


def _options(values: Iterable[tuple[str, str]], order: Sequence[str] = ()) -> list[tuple[str, str, int]]:
    """(value, text, count) for a filter's select: the values in ``order`` first, then by text, the narrator's
    and unknown side's values last."""
    counted: dict[str, list[Any]] = {}
    for value, text in values:
        counted.setdefault(value, [text, 0])[1] += 1
    rank = {v: i for i, v in enumerate(order)}
    return [(v, t, n) for v, (t, n) in sorted(
        counted.items(), key=lambda kv: (rank.get(kv[0], len(rank)), kv[0] in _LAST, kv[1][0].lower()))]


def _filters(rows: list[_Row]) -> list[dict[str, Any]]:
    """The statements table's selects: name (the row's data-* attribute), title, tokens, options."""
    return [
        {"name": "side", "title": "side", "tokens": False,
         "options": _options((r.side, r.side) for r in rows)},
        {"name": "actor", "title": "actor", "tokens": False,
         "options": _options((r.actor, r.actor_label) for r in rows)},
        {"name": "doc", "title": "document", "tokens": False,
         "options": _options(((r.st.doc_id, r.st.doc_id) for r in rows))},
        {"name": "polarity", "title": "polarity", "tokens": False,
         "options": _options(((r.st.polarity, r.st.polarity) for r in rows), ("asserts", "denies"))},
        {"name": "label", "title": "label", "tokens": True,
         "options": _options(((x, x) for r in rows for x in r.labels), _LABEL_ORDER)},
    ]


def _verdict_filters(verdicts: Sequence[Any]) -> list[dict[str, Any]]:
    return [{"name": "label", "title": "label", "tokens": False,
             "options": _options(((v.label, v.label) for v in verdicts), _LABEL_ORDER)}]


def _positions(report: Report, anchors: _Anchors, counterclaims: list[_Counterclaim], shown_claims: int) -> str:
    if not (report.questions or report.stances or report.counterclaims):
        return ""  # stances were not computed: say nothing rather than "none found"
    macros = _macros()
    rows = report.rows("positions")
    if not rows:
        return str(macros.positions_none(len(report.questions)))
    # Questions and propositions in pack order, then any only the stances know of.
    props: dict[str, dict[str, str | None]] = {q.id: {p.id: p.text for p in q.propositions} for q in report.questions}
    titles = {q.id: q.text for q in report.questions}
    for r in rows:
        props.setdefault(r["question_id"], {}).setdefault(r["proposition_id"], r["proposition"])
    speakers = {st.id: report._actor_label(st.actor, st.side) for st in report.statements}
    out = []
    for qid, plist in props.items():
        q_rows = [r for r in rows if r["question_id"] == qid]
        claims = [(n, item) for n, item in enumerate(counterclaims, start=1)
                  if qid in {item.claim.question_id, *(q for q, _ in item.also)}]
        if not q_rows and not claims:
            continue  # nobody took a stance: keep the page short
        sides = list(dict.fromkeys(r["side"] for r in sorted(
            q_rows, key=lambda r: (r["side"] in ("narrator", "unknown"), r["side"]))))
        cells = {(r["proposition_id"], r["side"]): r for r in q_rows}
        # Counterclaim n is listed as cc-n above; those cut from a notebook's view get no link.
        out.append(str(macros.question(qid, titles.get(qid, qid), sides, plist, cells,
                                       [(n, n <= shown_claims) for n, _ in claims], anchors, speakers,
                                       report._short_id, _MAX_CELL_LINKS)))
    return str(macros.positions(out))


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


@cache
def _script() -> str:
    return files("claimdiff.report").joinpath("report.js").read_text(encoding="utf-8")


def _script_hash() -> str:
    """The script's CSP hash: the page runs its own script and no other, even if a text escaped its escaping."""
    return "sha256-" + base64.b64encode(hashlib.sha256(_script().encode("utf-8")).digest()).decode("ascii")


def _doc_anchor(doc_id: str) -> str:
    return "doc-" + _slug(doc_id)


def _css(sides: Iterable[str], pack_colours: dict[str, str]) -> str:
    side_rules = "\n".join(f".claimdiff-report .side-{_slug(s)} {{ background: {_side_colour(s, pack_colours)}; }}"
                           for s in sides)
    return f"<style>\n{_style_sheet()}{side_rules}\n</style>"


class _Anchors:
    """Hands out one ``st-…`` id per statement and remembers which were already placed in the page."""

    def __init__(self, short: Callable[[str], str] = str) -> None:
        self._placed: set[str] = set()
        self.short = short  # a statement id as the page's lists name it (without its document when there is one)

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
        # A statement that only points back ("rejected the accusation") is drawn on its own words; its content is the
        # claim it denies, drawn by that claim.
        for role, span in (("content", st.pointer or st.content), ("speaker", st.speaker), ("cue", st.cue)):
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
