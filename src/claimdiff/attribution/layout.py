"""Page layout for the attribution rules: where the article ends, paragraphs, site chrome, quotation marks
(paired, and masked while cues are searched), sentences and the units they join into, wire datelines, and the
small offset helpers the rules share.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass

from syntok.segmenter import analyze as _syntok_analyze

from claimdiff.attribution.cues import _CLOSE_Q, _FINAL_PUNCT, _TRIM_PUNCT
from claimdiff.attribution.patterns import (_BLANK_LINE_RE, _CHROME, _DATELINE_RE, _QUOTE_CHAR_RE, _RELATED_RE,
                                            _SINGLE_QUOTE_RE, _TITLE_ABBREV_RE, _WORD_RE)

logger = logging.getLogger(__name__)

# --------------------------------------------------------------------------------------------------------------
# The text as the rules read it
# --------------------------------------------------------------------------------------------------------------

Pos = tuple[int, int]
@dataclass
class _Doc:
    text: str
    masked: str                    # the text with quote interiors replaced by "x": cues inside quotes vanish
    quote_end: dict[int, int]      # opening quote offset -> offset after its closing quote
    quote_starts: list[int]        # the keys of quote_end, sorted
    turn_labels: frozenset[str] = frozenset()   # the speaker labels of a transcript, "WALLACE:" (see _turns)

# --------------------------------------------------------------------------------------------------------------
# Layout: article end, paragraphs, chrome, quotes, sentences
# --------------------------------------------------------------------------------------------------------------


def _article_end(text: str) -> int:
    """Offset of the first "related articles" marker line that follows some text, else ``len(text)``."""
    first = re.search(r"\S", text)
    for m in _RELATED_RE.finditer(text):
        if first is not None and m.start() > first.start():
            logger.debug("Related-articles marker %r at offset %d: the %d characters after it are not read.",
                         m.group().strip(), m.start(), len(text) - m.start())
            return m.start()
    return len(text)


def _paragraphs(text: str, end: int) -> Iterator[Pos]:
    """Blank-line separated blocks, trimmed of surrounding whitespace."""
    pos = 0
    for m in _BLANK_LINE_RE.finditer(text, 0, end):
        yield from _trimmed(text, pos, m.start())
        pos = m.end()
    yield from _trimmed(text, pos, end)


def _trimmed(text: str, start: int, end: int) -> Iterator[Pos]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        yield start, end


def _is_chrome(text: str, start: int, end: int) -> bool:
    """A one-line block that is navigation, not news: a known chrome line, or under three words and no
    final punctuation ("Share", "Photo: AP"). A headline (longer, unpunctuated) is kept as narrator."""
    block = text[start:end]
    if "\n" in block:
        return False
    words = len(block.split())
    lead_in = words == 2 and block[-1] == ":"      # "He said:" announces the quote below it
    if block.casefold() in _CHROME or (words < 3 and block[-1] not in _FINAL_PUNCT + _CLOSE_Q and not lead_in):
        logger.debug("Dropped site chrome %r at offset %d.", block, start)
        return True
    return False


def _quote_blocks(text: str, paragraphs: list[Pos], doc_id: str) -> tuple[list[Pos], dict[int, int]]:
    """Pair the quote marks of each paragraph: the blocks to read (paragraphs, some joined) and the quote spans
    as {open offset: offset after close}.

    A quotation may run over paragraphs, news style: each paragraph opens with a quote mark and only the last
    one closes ('"... the minister said. "Our forces are ready.' + blank line + '"It is on them."'). So a
    paragraph left with one quote open goes on into the next paragraph if, and only if, that paragraph starts
    with the same opening mark. The repeated mark is not paired, and the quote, with the paragraph break inside
    it, is read as one block, so a speaker anywhere in it attributes it. A chain that never closes is read as
    before: each of its paragraphs is unbalanced on its own too, so each warns and gets no quote.
    """
    blocks: list[Pos] = []
    quote_end: dict[int, int] = {}
    i = 0
    while i < len(paragraphs):
        stack: list[tuple[str, int]] = []
        spans: dict[int, int] = {}
        j = i
        ok = _pair_quotes(text, *paragraphs[i], stack, spans)
        while (ok and len(stack) == 1 and j + 1 < len(paragraphs)
               and text[paragraphs[j + 1][0]] == stack[0][0]):
            j += 1
            ok = _pair_quotes(text, paragraphs[j][0] + 1, paragraphs[j][1], stack, spans)
        if ok and not stack:
            blocks.append((paragraphs[i][0], paragraphs[j][1]))
            quote_end.update(spans)
            quote_end.update(_single_quotes(text, paragraphs[i][0], paragraphs[j][1], spans))
        else:
            for start, end in paragraphs[i:j + 1]:
                # Refuse to guess where an unclosed quote ends: the paragraph is read without the quote rule.
                logger.warning("Unbalanced quotation marks in the paragraph at offset %d of document %r; "
                               "quotes there are not treated as direct speech.", start, doc_id)
                blocks.append((start, end))
        i = j + 1
    return blocks, quote_end


def _single_quotes(text: str, start: int, end: int, double: dict[int, int]) -> dict[int, int]:
    """The quotations in single quotes in [start, end) that no double-quoted one holds or crosses, as {open offset:
    offset after close} (:data:`_SINGLE_QUOTE_RE`: only the shapes an apostrophe cannot take)."""
    found = {}
    for m in _SINGLE_QUOTE_RE.finditer(text, start, end):
        if not any(qs < m.end() and m.start() < qe for qs, qe in double.items()):
            found[m.start()] = m.end()
    return found


def _pair_quotes(text: str, start: int, end: int, stack: list[tuple[str, int]], spans: dict[int, int]) -> bool:
    """Pair the quote marks in [start, end), going on from ``stack`` (the quotes still open, as (mark, offset)),
    and add the outermost closed ones to ``spans``. False on a closing mark that closes nothing.

    Straight quotes alternate open/close; “…”, «…» and „…“ nest. Single quotes are left to
    :func:`_single_quotes`, which reads only the shapes an apostrophe cannot take (’ is also the apostrophe).
    """
    for m in _QUOTE_CHAR_RE.finditer(text, start, end):
        c, i = m.group(), m.start()
        top = stack[-1][0] if stack else ""
        if c == '"':
            closes = top == '"'
        elif c == "“":
            closes = top == "„"        # „…“ closes with the English opening mark
        elif c == "”":
            if top not in ("“", "„"):
                if stack or text[text.rfind("\n", 0, i) + 1:i].strip():
                    return False
                # Nothing is open and the mark opens its line: an opening mark typed (or autocorrected) wrong.
                c = "“"
            closes = c == "”"
        elif c == "»":
            if top != "«":
                return False
            closes = True
        else:                          # « and „ only open
            closes = False
        if closes:
            _, opened = stack.pop()
            if not stack:
                spans[opened] = i + 1
        else:
            stack.append((c, i))
    return True


def _mask(text: str, quote_end: dict[int, int]) -> str:
    """The text with every quote's interior replaced by "x", same length, so offsets carry over."""
    pieces: list[str] = []
    last = 0
    for start in sorted(quote_end):
        end = quote_end[start]
        pieces.append(text[last:start + 1])
        pieces.append("x" * (end - start - 2))
        last = end - 1
    pieces.append(text[last:])
    return "".join(pieces)


def _sentences(text: str, start: int, end: int) -> list[Pos]:
    """syntok sentences of one paragraph. Each runs to the next one's start, so no character is lost even
    where syntok normalises a token (it joins words hyphenated across a line break)."""
    try:
        starts = [start + sent[0].offset for para in _syntok_analyze(text[start:end]) for sent in para if sent]
    except Exception:  # a segmenter bug must not lose the paragraph
        logger.warning("syntok failed on the paragraph at offset %d; it is read as one sentence.", start,
                       exc_info=True)
        starts = []
    starts = sorted({s for s in starts if start < s < end and not _TITLE_ABBREV_RE.search(text, s - 12, s)}
                    | {start})
    bounds = starts[1:] + [end]
    out = []
    for s, e in zip(starts, bounds):
        out.extend(_trimmed(text, s, e))
    return out


def _units(sentences: list[Pos], quote_end: dict[int, int], quote_starts: list[int]) -> list[Pos]:
    """Sentences joined where a quote runs across a sentence break ('"We will fight. We will win," he said')."""
    units: list[Pos] = []
    start: int | None = None
    for s, e in sentences:
        if start is None:
            start = s
        # Quotes do not overlap, so only the last one opening before ``e`` can run across it.
        i = bisect.bisect_left(quote_starts, e) - 1
        if i >= 0 and quote_end[quote_starts[i]] > e:
            continue
        units.append((start, e))
        start = None
    if start is not None:
        units.append((start, sentences[-1][1]))
    return units

def _after_dateline(masked: str, start: int, end: int) -> int:
    """Where the unit's own words begin: after a wire dateline ("BAKU, Sept 13 (Reuters) - "), if any."""
    dateline = _DATELINE_RE.match(masked, start, end)
    if dateline:
        return dateline.end()
    # The dash of a dateline the sentence splitter cut off ("YEREVAN (news.am)" | "- Azerbaijani forces ...").
    dash = _DATELINE_DASH_RE.match(masked, start, end)
    return dash.end() if dash else start


_DATELINE_DASH_RE = re.compile(r"(?:--?|[–—―])[^\S\n]+(?=[A-Z\"“«])")


def _skip(s: str, p: int, end: int, chars: str) -> int:
    while p < end and s[p] in chars:
        p += 1
    return p


def _only_punct(text: str, start: int, end: int) -> bool:
    return all(c.isspace() or c in _TRIM_PUNCT for c in text[start:end])


def _trim(text: str, start: int, end: int) -> Pos:
    """Drop surrounding spaces, final punctuation, and a closing quote that follows final punctuation
    ('was "neutralizing firing points."' → '...firing points', as the seed's gold reading does)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start:
        c = text[end - 1]
        if c.isspace() or c in _TRIM_PUNCT:
            end -= 1
        elif c in _CLOSE_Q and end - 2 >= start and text[end - 2] in _TRIM_PUNCT:
            end -= 1
        else:
            break
    return start, end


def _interior(text: str, qs: int, qe: int) -> Pos:
    return _trim(text, qs + 1, qe - 1)


def _whole_quote(doc: _Doc, start: int, end: int) -> Pos | None:
    """The trimmed interior when [start, end) is one quote (plus punctuation), else None."""
    start = _skip(doc.text, start, end, " \t\r\n")
    qe = doc.quote_end.get(start)
    if qe is None or qe > end or not _only_punct(doc.text, qe, end):
        return None
    interior = _interior(doc.text, start, qe)
    return interior if _WORD_RE.search(doc.text, interior[0], interior[1]) else None
