"""The HTML view of a :class:`~claimdiff.report.Report`: a standalone page (inline CSS, no script, no external
resources) with each document's statements highlighted by side, and the tables and lists of the report.

The style sheet is package data (``report.css``, read with :mod:`importlib.resources`); only the side colours are
made per report.
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

from claimdiff.records import Counterclaim, Document, Span, Statement

if TYPE_CHECKING:
    from claimdiff.report.container import Report

logger = logging.getLogger(__name__)

# Statement links in one cell of the positions table; the full lists are in to_pandas("positions").
_MAX_CELL_LINKS = 8


def page(report: Report, max_documents: int | None = None) -> str:
    """The whole page of :meth:`Report.to_html`."""
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<title>claimdiff report</title>\n</head>\n<body>\n" + body(report, max_documents, None)
            + "\n</body>\n</html>\n")


def body(report: Report, max_documents: int | None, max_rows: int | None) -> str:
    sides = sorted({_side_key(s.side) for s in report.statements})
    anchors = _Anchors()
    parts = ['<div class="claimdiff-report">', _css(sides)]
    parts.append(_header(report, sides))

    # Documents first, so their content spans own the st-… ids; unplaced statements get them in the table.
    parts.append("<h2>Documents</h2>")
    by_doc: dict[str, list[Statement]] = {}
    for st in report.statements:
        by_doc.setdefault(st.doc_id, []).append(st)
    shown = report.documents if max_documents is None else report.documents[:max_documents]
    if not report.documents:
        parts.append('<p class="none">No documents.</p>')
    for doc in shown:
        parts.append(_document(report, doc, by_doc.get(doc.id, []), anchors))
    if len(shown) < len(report.documents):
        parts.append(f'<p class="note">Showing {len(shown)} of {len(report.documents)} documents; '
                     f"call <code>to_html()</code> for all.</p>")

    parts.append(_statements(report, anchors, max_rows))
    parts.append(_contradictions(report, anchors))
    parts.append(_verdicts(report, max_rows))
    parts.append(_questions(report, anchors, max_rows))
    parts.append(_errors(report))
    parts.append("</div>")
    return "\n".join(parts)

def _header(report: Report, sides: list[str]) -> str:
    s = report.summary()
    # The pipeline's stats repeat some counts; show each key once, the pipeline's value winning.
    merged = {k: s[k] for k in ("documents", "statements", "verdicts", "contradictions", "errors")}
    merged.update(report.stats)
    rows = "".join(f"<tr><th>{_e(k)}</th><td>{_e(_fmt(v))}</td></tr>" for k, v in merged.items())
    legend = " ".join(f'<span class="c side-{_slug(side)}">{_e(side)}</span>' for side in sides)
    return ("<h1>claimdiff report</h1>\n"
            f'<table class="stats"><tbody>{rows}</tbody></table>\n'
            f'<p class="legend">Sides: {legend or "none"} &middot; <span class="spk">speaker</span> '
            '&middot; <span class="cue">cue</span> &middot; <span class="c denies">denies</span> '
            '&middot; <span class="c hedged">hedged</span></p>')

def _document(report: Report, doc: Document, statements: list[Statement], anchors: _Anchors) -> str:
    meta = " &middot; ".join(f"{_e(k)}: {_e(_fmt(v))}" for k, v in doc.meta.items())
    marked = _mark_up(doc.text, statements, anchors, report._actor_label)
    return (f'<section class="doc"><h3>{_e(doc.id)}</h3>'
            + (f'<p class="meta">{meta}</p>' if meta else "")
            + f'<div class="text">{marked}</div></section>')

def _statements(report: Report, anchors: _Anchors, max_rows: int | None) -> str:
    head = ("<tr><th>id</th><th>doc</th><th>actor / side</th><th>kind</th><th>polarity</th><th>hedged</th>"
            "<th>speaker</th><th>cue</th><th>content</th><th>confidence</th><th>refers to</th></tr>")
    rows = []
    statements = report.statements if max_rows is None else report.statements[:max_rows]
    for st in statements:
        anchor = anchors.of(st.id)
        # A statement not drawn in any text (missing document, bad offsets) gets its anchor here instead.
        row_id = f' id="{anchor}"' if anchors.claim(st.id) else ""
        rows.append(
            f"<tr{row_id}><td><a href=\"#{anchor}\">{_e(st.id)}</a></td><td>{_e(st.doc_id)}</td>"
            f'<td><span class="c side-{_slug(_side_key(st.side))}">{_e(report._actor_label(st.actor, st.side))}'
            f"</span></td><td>{_e(st.kind)}</td><td>{_e(st.polarity)}</td><td>{'yes' if st.hedged else ''}</td>"
            f"<td>{_e(st.speaker.text if st.speaker else '')}</td><td>{_e(st.cue.text if st.cue else '')}</td>"
            f"<td>{_e(st.content.text)}</td><td>{st.confidence:.2f}</td><td>{_e(st.refers_to or '')}</td></tr>")
    # Statements cut from the table may still be linked from contradictions: give them a target too.
    for st in report.statements[len(statements):]:
        if anchors.claim(st.id):
            rows.append(f'<tr id="{anchors.of(st.id)}" class="hidden"><td colspan="11"></td></tr>')
    more = (f'<p class="note">Showing {len(statements)} of {len(report.statements)} statements.</p>'
            if len(statements) < len(report.statements) else "")
    if not report.statements:
        return '<h2>Statements</h2>\n<p class="none">No statements.</p>'
    return (f"<h2>Statements</h2>\n<table class=\"rows statements\"><thead>{head}</thead><tbody>{''.join(rows)}"
            f"</tbody></table>{more}")

def _contradictions(report: Report, anchors: _Anchors) -> str:
    contradictions = report.contradictions
    if not contradictions:
        return '<h2>Contradictions</h2>\n<p class="none">No contradictions.</p>'
    items = []
    for v in contradictions:
        sides = []
        for tag, st in (("A", v.pair.a), ("B", v.pair.b)):
            sides.append(
                f'<div class="claim"><a href="#{anchors.of(st.id)}">{tag}: {_e(st.id)}</a> '
                f'<span class="c side-{_slug(_side_key(st.side))}">{_e(report._actor_label(st.actor, st.side))}'
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

def _verdicts(report: Report, max_rows: int | None) -> str:
    if not report.verdicts:
        return ""
    verdicts = report.verdicts if max_rows is None else report.verdicts[:max_rows]
    rows = "".join(
        f"<tr><td>{_e(v.pair.a.id)}</td><td>{_e(v.pair.b.id)}</td><td>{_e(v.label)}</td>"
        f"<td>{v.score:.3f}</td><td>{_e(v.reason)}</td><td>{v.p_contradiction_ab:.3f} / "
        f"{v.p_contradiction_ba:.3f}</td><td>{v.p_entailment_ab:.3f} / {v.p_entailment_ba:.3f}</td>"
        f"<td>{v.pair.pair_score:.3f}</td></tr>" for v in verdicts)
    more = (f"<p class=\"note\">Showing {len(verdicts)} of {len(report.verdicts)} pairs.</p>"
            if len(verdicts) < len(report.verdicts) else "")
    return (f"<details><summary>All judged pairs ({len(report.verdicts)})</summary>"
            "<table class=\"rows\"><thead><tr><th>a</th><th>b</th><th>label</th><th>score</th><th>reason</th>"
            "<th>p contra ab / ba</th><th>p entail ab / ba</th><th>pair score</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>{more}</details>")

def _questions(report: Report, anchors: _Anchors, max_rows: int | None) -> str:
    if not (report.questions or report.stances or report.counterclaims):
        return ""  # stances were not computed: say nothing rather than "none found"
    rows = report.rows("positions")
    if not rows and not report.counterclaims:
        return ('<h2>Questions</h2>\n<p class="none">No statement took a stance on the contested questions '
                f"({len(report.questions)} asked).</p>")
    # Questions and propositions in pack order, then any only the stances know of.
    props: dict[str, dict[str, str | None]] = {q.id: {p.id: p.text for p in q.propositions} for q in report.questions}
    titles = {q.id: q.text for q in report.questions}
    for r in rows:
        props.setdefault(r["question_id"], {}).setdefault(r["proposition_id"], r["proposition"])
    for c in report.counterclaims:
        props.setdefault(c.question_id, {}).setdefault(c.proposition_id, None)
    cells = {(r["proposition_id"], r["side"]): r for r in rows}
    speakers = {st.id: report._actor_label(st.actor, st.side) for st in report.statements}
    out = ['<h2>Questions</h2>\n<p class="note">Each side\'s stance on each proposition (a vote of its statements '
           "weighted by score; below 100% agree, some of its statements take the other stance), with the "
           "statements that carry it, then the counterclaims: statements of opposing sides on opposite "
           "stances.</p>"]
    for qid, plist in props.items():
        q_rows = [r for r in rows if r["question_id"] == qid]
        if not q_rows and not any(c.question_id == qid for c in report.counterclaims):
            continue  # nobody took a stance: keep the page short
        sides = list(dict.fromkeys(r["side"] for r in sorted(
            q_rows, key=lambda r: (r["side"] in ("narrator", "unknown"), r["side"]))))
        head = "".join(f'<th><span class="c side-{_slug(sd)}">{_e(sd)}</span></th>' for sd in sides)
        body = []
        for pid, text in plist.items():
            tds = "".join(_position(report, cells.get((pid, sd)), anchors, speakers) for sd in sides)
            body.append(f"<tr><th>{_e(text or pid)}<br><code>{_e(pid)}</code></th>{tds}</tr>")
        out.append(f'<section class="question"><h3>{_e(titles.get(qid, qid))} <code>{_e(qid)}</code></h3>'
                   f'<table class="rows positions"><thead><tr><th>proposition</th>{head}</tr></thead>'
                   f"<tbody>{''.join(body)}</tbody></table>"
                   + _counterclaims(report, [c for c in report.counterclaims if c.question_id == qid], plist,
                                              anchors, max_rows)
                   + "</section>")
    return "\n".join(out)

def _position(report: Report, row: dict[str, Any] | None, anchors: _Anchors, speakers: dict[str, str]) -> str:
    if row is None:
        return '<td class="none">&ndash;</td>'
    links = []
    for stance, ids in (("supports", row["supporting"]), ("opposes", row["opposing"])):
        shown = ids[:_MAX_CELL_LINKS]
        links += [f'<a class="stance-{stance}" href="#{anchors.of(i)}" '
                  f'title="{stance}: {_e(speakers.get(i, "?"))}">{_e(report._short_id(i))}</a>' for i in shown]
        if len(ids) > len(shown):
            links.append(f"+{len(ids) - len(shown)} more")
    consensus = f" &middot; {row['consensus']:.0%} agree" if row["consensus"] < 1 else ""
    return (f'<td><strong class="stance-{_e(row["stance"])}">{_e(row["stance"])}</strong> {row["score"]:.2f}'
            f"{consensus}<br>{' '.join(links)}</td>")

def _counterclaims(report: Report, claims: list[Counterclaim], texts: dict[str, str | None], anchors: _Anchors,
                        max_rows: int | None) -> str:
    if not claims:
        return '<p class="none">No counterclaims on this question.</p>'
    shown = claims if max_rows is None else claims[:max_rows]
    items = []
    for c in shown:
        sides = "".join(
            f'<div class="claim"><a href="#{anchors.of(st.id)}">{tag}: {_e(st.id)}</a> '
            f'<span class="c side-{_slug(_side_key(st.side))}">{_e(report._actor_label(st.actor, st.side))}</span> '
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

def _errors(report: Report) -> str:
    if not report.errors:
        return '<h2>Errors</h2>\n<p class="none">No errors.</p>'
    rows = "".join(f"<tr><td>{_e(e.doc_id or '')}</td><td>{_e('' if e.line is None else e.line)}</td>"
                   f"<td>{_e(e.error)}</td><td>{_e(e.message)}</td></tr>" for e in report.errors)
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


@cache
def _style_sheet() -> str:
    return files("claimdiff.report").joinpath("report.css").read_text(encoding="utf-8")


def _css(sides: Iterable[str]) -> str:
    side_rules = "\n".join(f".claimdiff-report .side-{_slug(s)} {{ background: {_side_colour(s)}; }}"
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
