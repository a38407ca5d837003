"""Attribution: find who says what in a news text, with character offsets.

(Over 500 lines: each reporting frame's reader and the splitting of coordinated statements share the span
bookkeeping; the cue tables are data in ``cues.py``, the patterns in ``patterns.py``.)

:func:`segment` turns a text into :class:`~claimdiff.records.Statement` records: direct quotes, reported
speech ("X said that Y", "Y, X reports"), "according to X, Y", hedged claims ("citing unnamed sources"),
denials ("X denied that Y", "X rejected that claim") and the journalist's own unattributed sentences
(kind ``"narrator"``). Actors are not resolved here (``actor`` stays ``None``); a later stage maps the
speaker mention to an actor and a side. Only narrator statements get ``side="narrator"``.

The rules are a few regular expressions (:mod:`~claimdiff.attribution.patterns`) over sentences found by syntok
(:mod:`~claimdiff.attribution.layout`), driven by the small cue tables in :mod:`~claimdiff.attribution.cues`
(``SAY_CUES``, ``DENY_CUES``, ...). Quoted text is masked while cues are searched, so a "said" inside a
quote never makes a speaker. A speaker keeps its appositive ("Shushan Stepanyan, the ministry's
spokeswoman"). A few layouts are read beyond the sentence: a quote paragraph announced by "X said in a
statement:", quote walls signed with a dash ('"Q" ― Jane Doe'), transcript turns ('PENCE: ...'); wire
datelines ("BAKU, Sept 13 (Reuters) - ") are skipped. Everything is linear in the length of the text.

Example:
    >>> from claimdiff.attribution.rules import segment
    >>> text = ('The ministry said that the border was calm. "We will respond," Baku said. '
    ...         'Yerevan rejected that claim.')
    >>> for s in segment(text, doc_id="d1"):
    ...     print(s.id, s.kind, s.speaker.text, s.polarity, "|", s.content.text, "|", s.refers_to)
    d1:s001 indirect The ministry asserts | the border was calm | None
    d1:s002 direct Baku asserts | We will respond | None
    d1:s003 indirect Yerevan denies | We will respond | d1:s002
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass

from claimdiff.attribution.cues import (CONF_CLEAR, CONF_GUESS, CONF_WEAK, OBJECT_CUES, _CLOSE_Q, _GAP_WORDS,
                                        VERDICT_TAILS, _NOUN_LIKE_CUES)
from claimdiff.attribution.layout import (Pos, _Doc, _after_dateline, _article_end, _interior, _is_chrome, _mask,
                                          _only_punct, _paragraphs, _quote_blocks, _sentences, _skip, _trim, _units,
                                          _whole_quote)
from claimdiff.attribution.patterns import (_ACCORDING_RE, _ADVERBIAL_RE, _AFTER_QUOTE_RE, _ANOTHER_CUE_RE,
                                            _AS_DISMISSAL_RE, _BLANK_LINE_RE, _BY_ACCOUNT_RE, _CLAIMS_RE, _CLAUSE_RE,
                                            _COLON_RE, _CONTINUATION_RE, _CUE_RE, _GAP_THAT_RE, _HEDGE_RE, _INVERTED_RE,
                                            _LEAD_IN_TAIL_RE, _LEARNED_CUE_RE, _LEARNED_THAT_RE, _NAME_APPOSITIVE_RE,
                                            _NAMED_APPOSITIVE_CUE_RE, _PAREN_RE, _POINT_BACK_RE, _QUOTE_SEP_RE,
                                            _SAID_FIRST_RE, _SIGNED_RE, _SPEAKER_RE, _STATES_CUE_RE, _THAT_RE, _TURN_RE,
                                            _TWO_APOSTROPHES_RE, _WORD_RE, _COORDINATED_CUE_RE, _DENIAL_END_RE,
                                            _VERDICT_OBJECT_RE, _DENIED_CLAIM_RE, _ADDRESSEE_RE, _JUDGED_RE,
                                            _DISMISSED_CONTENT_RE, _DISMISSED_POINTER_RE,
                                            _COUNTER_ACCUSATION_RE, _NO_TRUTH_THAT_RE, _RESPONSE_RE, _UNNAMED_RE,
                                            _APPOSITIVE_NAMED_CUE_RE, _TELL_CUES, _CLAIMED_LIVES_RE, _TOPIC_RE,
                                            _COLON_AFTER_RE, _DATELINE_ALONE_RE)
from claimdiff.attribution.speakers import (_np_ok, _speaker_confidence, _speaker_pos, _speaker_with_appositive,
                                            _speaker_with_aside, _whole_name, _with_appositive)
from claimdiff.records import Span, Statement
from claimdiff.times import WEEKDAYS

__all__ = ["segment"]

@dataclass
class _Raw:
    """A statement before ids are given; positions are absolute offsets into the text."""

    kind: str
    content: Pos
    speaker: Pos | None = None
    cue: Pos | None = None
    polarity: str = "asserts"
    confidence: float = CONF_CLEAR
    region: Pos | None = None      # the stretch whose words decide `hedged`
    point_back: bool = False       # content only points back; replaced by an earlier statement's content
    answers_only: bool = False     # a point-back that asserts its own words when nothing came before it
    unit_start: int = 0

    def order(self) -> tuple[int, int, int]:
        own = [p for p in (self.speaker, self.cue, self.content) if p is not None]
        return (self.unit_start, min(p[0] for p in own), max(p[1] for p in own))


@dataclass
class _Hit:
    """A speaker + cue found at a clause start; its content is cut once the next hit is known."""

    boundary: int                  # where the clause begins (ends the previous statement's content)
    kind: str
    speaker: Pos | None
    cue: Pos | None
    cue_type: str                  # say | deny | describe | appeal | according | continuation | colon
    after: int                     # first position after the cue
    confidence: float



# --------------------------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------------------------


def segment(text: str, doc_id: str = "doc") -> list[Statement]:
    """Find the attributed statements and the narrator's own sentences in ``text``.

    Args:
        text: the document text, any Unicode, any newline convention.
        doc_id: used for ``Statement.doc_id`` and the ids ``f"{doc_id}:s{n:03d}"`` (text order).

    Returns:
        Statements in text order, with ``actor=None``; ``side="narrator"`` for narrator statements only.
        Every span satisfies ``text[span.start:span.end] == span.text``.

    Raises:
        TypeError: when ``text`` is not a ``str`` (decode bytes first).
    """
    if not isinstance(text, str):
        raise TypeError(f"segment() takes the document text as str, got {type(text).__name__}; "
                        "decode bytes first, e.g. data.decode('utf-8').")
    if not text.strip():
        return []
    original, text = text, _TWO_APOSTROPHES_RE.sub('" ', text)  # same length: offsets hold for both
    paragraphs = [p for p in _paragraphs(text, _article_end(text)) if not _is_chrome(text, *p)]
    blocks, quote_end = _quote_blocks(text, paragraphs, doc_id)
    doc = _Doc(text, _mask(text, quote_end), quote_end, sorted(quote_end), _transcript_labels(text))
    raws: list[_Raw] = []
    lead_in: tuple[_Hit, int] | None = None
    for start, end in blocks:
        whole = _whole_quote(doc, start, end) if lead_in is not None else None
        if lead_in is None or whole is None:
            found = _paragraph(doc, start, end)
        else:
            # 'The ministry said in a statement:' + blank line + a paragraph that is one quote: the quote is
            # the ministry's, and the lead-in line is no narrator sentence.
            hit, lead_start = lead_in
            found = [_Raw("direct", whole, hit.speaker, hit.cue, confidence=hit.confidence, region=(start, end),
                          unit_start=start)]
            # What the lead-in line was read as on its own: a narrator sentence, or "in a statement" as content.
            raws = [r for r in raws if not (r.unit_start == lead_start
                                            and (r.kind == "narrator" or r.content[0] >= hit.after))]
        lead_in = _lead_in(doc, start, end)
        raws.extend(found)
    for raw in list(raws):
        raws.extend(_dismissed_content(doc, raw))
    return _finish(original, doc_id, raws)



# --------------------------------------------------------------------------------------------------------------
# Statements of a paragraph and of a unit (a sentence, or sentences joined by a quote)
# --------------------------------------------------------------------------------------------------------------


def _paragraph(doc: _Doc, start: int, end: int) -> list[_Raw]:
    raws: list[_Raw] = []
    last_said: _Raw | None = None
    pos = start
    whole_lines = sorted([*_signed_quotes(doc, start, end), *_turns(doc, start, end)], key=lambda x: x[0].unit_start)
    for found, line_end in whole_lines:
        if found.unit_start < pos:
            continue
        last_said = _read_units(doc, pos, found.unit_start, last_said, raws)
        raws.append(found)
        last_said, pos = found, line_end
    _read_units(doc, pos, end, last_said, raws)
    return raws


def _lead_in(doc: _Doc, start: int, end: int) -> tuple[_Hit, int] | None:
    """A paragraph that ends by announcing a quote, '... the ministry said in a statement:': the speaker and
    cue of that last unit, and where the unit starts; None otherwise."""
    if doc.text[end - 1] != ":":
        return None
    us, ue = _units(_sentences(doc.text, start, end), doc.quote_end, doc.quote_starts)[-1]
    hits = _clause_hits(doc, us, ue, unit_start=True, speaker=None)
    if not hits or hits[-1].cue_type != "say" or not _LEAD_IN_TAIL_RE.fullmatch(doc.masked, hits[-1].after, ue):
        return None
    return hits[-1], us


def _read_units(doc: _Doc, start: int, end: int, last_said: _Raw | None, raws: list[_Raw]) -> _Raw | None:
    """Add the statements of the units in [start, end) to ``raws``; returns the last statement with a speaker."""
    for us, ue in _units(_sentences(doc.text, start, end), doc.quote_end, doc.quote_starts):
        found = _unit(doc, us, ue, last_said)
        for r in found:
            r.unit_start = us
            if r.speaker is not None:
                last_said = r
        raws.extend(found)
    return last_said


def _transcript_labels(text: str) -> frozenset[str]:
    """The speaker labels of a transcript in ``text``: paragraphs opened by "WALLACE:" / "PENCE:".

    A capitalised word and a colon also open datelines ("BAKU: ...") and rubrics ("CORRECTION:", "UPDATE:"),
    so labels count only when they take turns: at least two labels (by last word, "JAKE TAPPER" is "TAPPER")
    that each open two paragraphs or more.
    """
    counts: dict[str, int] = {}
    for m in _TURN_RE.finditer(text):
        last = m.group("np").split()[-1]
        counts[last] = counts.get(last, 0) + 1
    taking_turns = {label for label, n in counts.items() if n >= 2}
    return frozenset(taking_turns) if len(taking_turns) >= 2 else frozenset()


def _turns(doc: _Doc, start: int, end: int) -> Iterator[tuple[_Raw, int]]:
    """Transcript turns in [start, end): each paragraph opened by a transcript label is the labelled
    speaker's direct speech; the colon is the cue. Yields each statement and where its paragraph ends."""
    if not doc.turn_labels:
        return
    for m in _TURN_RE.finditer(doc.text, start, end):
        if m.group("np").split()[-1] not in doc.turn_labels:
            continue
        blank = _BLANK_LINE_RE.search(doc.text, m.end(), end)
        para_end = blank.start() if blank else end
        content = _trim(doc.text, m.end(), para_end)
        if content[1] > content[0] and doc.text[content[1] - 1] in _CLOSE_Q:
            content = _trim(doc.text, content[0], content[1] - 1)
        if _WORD_RE.search(doc.text, *content):
            yield (_Raw("direct", content, m.span("np"), m.span("colon"), region=(m.start(), para_end),
                        unit_start=m.start()), para_end)


def _signed_quotes(doc: _Doc, start: int, end: int) -> Iterator[tuple[_Raw, int]]:
    """Lines that are a quote signed with a dash, '“Q” ― Jane Doe' (quote walls, epigraphs, reader voices):
    the dash is the cue and the name the speaker. Yields each statement and where its line ends.

    A single newline does not end a sentence, so without this the lines of a quote wall run together into one
    unit that no other rule reads.
    """
    first = bisect.bisect_left(doc.quote_starts, start)
    for qs in doc.quote_starts[first:]:
        if qs >= end:
            break
        line_start = doc.text.rfind("\n", start, qs) + 1 or start
        if doc.text[line_start:qs].strip():
            continue                   # the quote must open its line
        m = _SIGNED_RE.match(doc.masked, doc.quote_end[qs], end)
        if m is None:
            continue
        speaker = _speaker_pos(m, "np", max_words=6)
        content = _interior(doc.text, qs, doc.quote_end[qs])
        if speaker is None or not doc.text[speaker[0]].isupper() or not _WORD_RE.search(doc.text, *content):
            continue
        yield _Raw("direct", content, speaker, m.span("dash"), region=(qs, m.end()), unit_start=qs), m.end()


def _unit(doc: _Doc, us: int, ue: int, last_said: _Raw | None) -> list[_Raw]:
    raws: list[_Raw] = []
    clause_from = us
    speaker: Pos | None = None
    inverted_at = ue

    leading = _leading_quote(doc, us, ue)
    if leading is not None:
        raws, clause_from, speaker = leading
    else:
        found = _inverted(doc, us, ue)
        if found is not None:
            raws.extend(found[0])
            inverted_at = found[1]

    hits = _clause_hits(doc, clause_from, inverted_at, unit_start=(leading is None), speaker=speaker)
    statements = _hit_statements(doc, hits, inverted_at)
    raws.extend(statements)

    if not raws:
        whole = _whole_quote(doc, us, ue)
        if whole is not None:
            # A quote with no attribution in its sentence: most often the last speaker goes on talking, under
            # the cue that gave them the floor (PolNeAR marks one cue for a quote running over sentences).
            if last_said is None:
                return [_Raw("direct", whole, confidence=CONF_GUESS, region=(us, ue))]
            return [_Raw("direct", whole, last_said.speaker, last_said.cue, confidence=CONF_GUESS, region=(us, ue))]
        content = _trim(doc.text, _narration_start(doc, us, ue), ue)
        if _WORD_RE.search(doc.text, content[0], content[1]) and not _DATELINE_ALONE_RE.fullmatch(doc.text, us, ue):
            return [_Raw("narrator", content, region=(us, ue))]
        return []
    if leading is None and inverted_at == ue and statements and hits and hits[0].boundary > us:
        # "Fighting resumed at dawn, and the ministry said ...": the part before the first clause is the
        # journalist's own.
        first = hits[0]
        boundary = min(first.boundary, _whole_name(doc.text, first.speaker)[0]) if first.speaker else first.boundary
        prefix = _trim(doc.text, _narration_start(doc, us, boundary), boundary)
        if len(doc.text[prefix[0]:prefix[1]].split()) >= 2:
            raws.append(_Raw("narrator", prefix, region=prefix))
    return raws


def _narration_start(doc: _Doc, us: int, ue: int) -> int:
    """Where the journalist's own words begin: after a wire dateline ("BAKU, Sept 13 (Reuters) - "), but not after
    a paragraph's label in capitals and a colon ("WALLACE: Thank you"), which may name who speaks."""
    if _TURN_RE.match(doc.masked, us, ue):
        return us
    return _after_dateline(doc.masked, us, ue)


def _leading_quote(doc: _Doc, us: int, ue: int) -> tuple[list[_Raw], int, Pos] | None:
    """'"Q1," X said.' / '"Q1," said X, "Q2."' / '"Q1," X said, adding that ...' at the start of a unit."""
    qe = doc.quote_end.get(us)
    if qe is None:
        return None
    m = _AFTER_QUOTE_RE.match(doc.masked, qe, ue)
    if m is None:
        return None
    np_name, cue_name = ("np", "cue") if m.group("np") else ("np2", "cue2")
    speaker = _with_appositive(m, _speaker_pos(m, np_name), "appos1" if np_name == "np" else "appos")
    if speaker is None:
        return None
    first = _interior(doc.text, us, qe)
    if not _WORD_RE.search(doc.text, first[0], first[1]):
        return None
    cue = m.span(cue_name)
    confidence = _speaker_confidence(doc.text, speaker)
    raws = [_Raw("direct", first, speaker, cue, confidence=confidence, region=(us, m.end()))]
    after = m.end()
    second = _QUOTE_SEP_RE.match(doc.masked, after, ue)
    if second is not None:
        q2 = second.end()
        q2e = doc.quote_end.get(q2)
        if q2e is not None and _only_punct(doc.text, q2e, ue) and _whole_quote(doc, q2, ue) is not None:
            raws.append(_Raw("direct", _interior(doc.text, q2, q2e), speaker, cue, confidence=confidence,
                             region=(q2, ue)))
            after = ue
    return raws, after, speaker


def _inverted(doc: _Doc, us: int, ue: int) -> tuple[list[_Raw], int] | None:
    """'Y, X said.' / 'Y, said X.' / 'Y, according to X.' ending the unit; content Y from the unit start.
    'Y, said X, adding that Z.' adds X's second statement Z.

    Returns the statements and where the attribution begins (forward clauses are only sought before it).
    """
    pos = max(us, ue - 500)            # the attribution is short: look only at the unit's end
    content_from = _after_dateline(doc.masked, us, ue)
    # "P, Monument Watch, a Yerevan-based research group, said" / "P, its head, Anar Rzayev, told Trend": the name
    # and its appositive, in either order, speak.
    for pattern in (_NAMED_APPOSITIVE_CUE_RE, _APPOSITIVE_NAMED_CUE_RE):
        named = pattern.search(doc.masked, pos, ue)
        if named is not None and _np_ok(named["appos"], 12):
            content = _trim(doc.text, content_from, named.start())
            if _WORD_RE.search(doc.text, *content):
                speaker = (min(named.start("name"), named.start("appos")), max(named.end("name"), named.end("appos")))
                return [_Raw("indirect", content, speaker, named.span("cue"), confidence=CONF_WEAK,
                             region=(us, ue))], named.start()
    while pos < ue:
        m = _INVERTED_RE.search(doc.masked, pos, ue)
        if m is None:
            return None
        pos = m.start() + 1
        name = "np" if m.group("np") else "np2" if m.group("np2") else "np3"
        speaker = _speaker_pos(m, name, max_words=9 if name != "np3" else 12)
        if name == "np2":
            lead = _NAME_APPOSITIVE_RE.fullmatch(doc.masked, content_from, m.start())
            if lead is not None and (_speaker_with_appositive(doc.masked, lead) or _speaker_with_aside(lead)):
                continue
            speaker = _with_appositive(m, speaker, "appos")
        # "X maintains that P; Q, the Armenian ministry said": the attribution at the end has only Q.
        semicolon = doc.masked.rfind(";", content_from, m.start())
        clause_from = content_from if semicolon < 0 else semicolon + 1
        content = _trim(doc.text, clause_from, m.start())
        if speaker is None or not _WORD_RE.search(doc.text, content[0], content[1]):
            continue
        cue = m.span("cue" if m.group("cue") else "cue2" if m.group("cue2") else "acc")
        kind = "according_to" if m.group("acc") else "indirect"
        end = m.start("cont") if m.group("cont") else ue
        whole = _whole_quote(doc, us, m.start())
        if whole is not None and kind == "indirect":
            first = _Raw("direct", whole, speaker, cue, confidence=_speaker_confidence(doc.text, speaker),
                         region=(m.start(), end))
        else:
            first = _Raw(kind, content, speaker, cue, confidence=CONF_WEAK, region=(us, end))
        return [first, *_continued(doc, m, speaker, ue)], m.start() if semicolon < 0 else semicolon
    return None


# Continuation cues that deny what follows: ", denying that ...", "hit back, rejecting ...".
_DENYING_PARTICIPLES = frozenset({"denying", "rejecting", "dismissing"})


def _continuation_type(doc: _Doc, cue: Pos) -> str:
    """The cue type of a participle going on with a speaker: it denies (", rejecting ..."), gives a verdict on an
    account (", calling the Azerbaijani claim nonsense") or says more."""
    word = doc.text[cue[0]:cue[1]].split()[0].lower()
    if word in VERDICT_TAILS and _VERDICT_OBJECT_RE.match(doc.text, cue[1]):
        return "verdict"
    return "deny" if word in _DENYING_PARTICIPLES else "continuation"


def _continued(doc: _Doc, m: re.Match[str], speaker: Pos, ue: int) -> list[_Raw]:
    """The statement of ', adding that Z' (or ', and Z') after an inverted attribution, by the same speaker, or the
    other side's denial of it (', a claim Baku rejected')."""
    if not m.group("cont"):
        return []
    if m.group("denied") is not None:
        # "..., the ministry said, an accusation Baku rejected": Baku denies it, pointing back at it.
        denial = _DENIED_CLAIM_RE.match(doc.masked, m.start("cont"), ue)
        return [] if denial is None else _denial_of_claim(doc, denial, ue, CONF_WEAK)
    if m.group("and"):
        # "A soldier was killed, the ministry said, and enemy units withdrew": the clause goes on with the report.
        content = _trim(doc.text, m.end("and"), ue)
        if not _WORD_RE.search(doc.text, content[0], content[1]):
            return []
        cue = m.span("cue" if m.group("cue") else "cue2" if m.group("cue2") else "acc")
        return [_Raw("according_to" if m.group("acc") else "indirect", content, speaker, cue,
                     confidence=CONF_WEAK, region=(m.start("cont"), ue))]
    hit = _Hit(m.start("cont"), "indirect", speaker, m.span("ccue"), _continuation_type(doc, m.span("ccue")),
               m.end("ccue"), CONF_WEAK)
    return _hit_statements(doc, [hit], ue)


def _clause_hits(doc: _Doc, start: int, limit: int, *, unit_start: bool, speaker: Pos | None) -> list[_Hit]:
    """Speaker + cue at each place a clause may begin, in text order."""
    m = doc.masked
    places: list[tuple[int, int, Pos | None]] = []     # (boundary, clause start, continuation cue)
    if unit_start:
        pos = _after_dateline(m, start, limit)
        adverbial = _ADVERBIAL_RE.match(m, pos, limit)
        places.append((start, adverbial.end() if adverbial else pos, None))
    for c in _CLAUSE_RE.finditer(m, start, limit):
        places.append((c.start(), c.end(), None))
    for c in _BY_ACCOUNT_RE.finditer(m, start, limit):  # "in which, by Yerevan's account, P"
        places.append((c.start(), c.start(), None))
    for c in _CONTINUATION_RE.finditer(m, start, limit):
        places.append((c.start(), c.end(), c.span("cue")))
    places.sort(key=lambda place: place[:2])

    hits: list[_Hit] = []
    for boundary, pos, continuation in places:
        if hits and (pos < hits[-1].after or (continuation is not None and continuation == hits[-1].cue)):
            continue               # inside the last hit's own speaker ("Armenia and Azerbaijan said") or its cue
        if continuation is not None:
            # ", adding that Y" goes on with the speaker of the clause before it.
            current = hits[-1].speaker if hits else speaker
            cue_type = _continuation_type(doc, continuation)
            if cue_type == "verdict" and hits and hits[-1].cue_type in ("deny", "verdict"):
                continue           # "denied that P, calling the reports lies": the verdict ends that denial
            if current is not None:
                hits.append(_Hit(boundary, "indirect", current, continuation, cue_type, pos, CONF_WEAK))
            continue
        hit = _hit_at(doc, boundary, pos, limit)
        if hit is None and (hits or speaker is not None) and boundary > start:
            hit = _coordinated(doc, boundary, pos, hits[-1].speaker if hits else speaker, hits[-1] if hits else None)
        if hit is not None:
            hits.append(hit)
    return hits


_SECOND_THAT_RE = re.compile(r"that\b")


def _coordinated(doc: _Doc, boundary: int, pos: int, current: Pos | None, previous: _Hit | None) -> _Hit | None:
    """'denied X and said Y', 'said X but denied Y': a cue opening a clause goes on with the current speaker;
    'said X and that Y', 'denied X but that Y': a second "that" is a second content of the same cue."""
    coordinated = _COORDINATED_CUE_RE.match(doc.masked, pos)
    if coordinated is None and previous is not None and previous.kind == "indirect" \
            and previous.cue_type in ("say", "deny", "continuation") and _SECOND_THAT_RE.match(doc.masked, pos):
        return _Hit(boundary, "indirect", previous.speaker, previous.cue, previous.cue_type, pos, previous.confidence)
    if coordinated is None or current is None:
        return None
    cue_type = "deny" if coordinated.group("deny") else "continuation"
    return _Hit(boundary, "indirect", current, coordinated.span("cue"), cue_type, coordinated.end("cue"), CONF_WEAK)


# A determiner right before a noun-like cue makes it the noun: "Neither claim", "Both reports", "No claim" (but
# "Both claim that ...", "Each claims that ...": a verb after a subject).
_SINGULAR_DETERMINER_RE = re.compile(r"\b(?:neither|either|each|every|this|that|no|any|such|the)\s+$", re.IGNORECASE)
_PLURAL_DETERMINER_RE = re.compile(r"\b(?:both|these|those|such|no|any|the|all|many|several|some|two|three)\s+$",
                                   re.IGNORECASE)


def _quantified(m: str, cue: re.Match[str], pos: int) -> bool:
    before = _SINGULAR_DETERMINER_RE if cue.group() == "claim" else _PLURAL_DETERMINER_RE
    return before.search(m, max(pos, cue.start() - 12), cue.start()) is not None


def _hit_at(doc: _Doc, boundary: int, pos: int, limit: int) -> _Hit | None:
    m = doc.masked
    acc = _ACCORDING_RE.match(m, pos, limit)
    if acc is not None:
        speaker, start = _speaker_pos(acc, "np", max_words=12), acc.end()
        if speaker is not None and acc.group("name"):
            # A name after a title ("Armenia's ombudsman, Anahit Manasyan,") is the speaker's; after a name
            # ("According to Baku, Armenian Armed Forces, which ...") it begins the content.
            if acc.group("np").split()[-1][:1].islower():
                speaker = (speaker[0], acc.end("name"))
            else:
                start = acc.start("name")
        if speaker is not None:
            return _Hit(boundary, "according_to", speaker, acc.span("cue"), "according", start, CONF_CLEAR)
    account = _BY_ACCOUNT_RE.match(m, pos, limit)
    if account is not None and (speaker := _speaker_pos(account, "np", max_words=8)) is not None:
        return _Hit(boundary, "according_to", speaker, account.span("cue"), "according", account.end(), CONF_CLEAR)
    response = _RESPONSE_RE.match(m, pos, limit)
    if response is not None:
        speaker = _with_appositive(response, _speaker_pos(response, "np"), "appos")
        if speaker is not None:
            return _Hit(boundary, "indirect", speaker, response.span("cue"),
                        _continuation_type(doc, response.span("cue")), response.end("cue"),
                        _speaker_confidence(doc.text, speaker))
    window = min(limit, pos + 200)
    cue = _CUE_RE.search(m, pos, window)
    # "Armenian media reports said ...": the first cue word is part of the speaker.
    # "Twenty-seven states led by West Virginia are suing": "states" is a cue only before "that" or a colon.
    # "called for talks": a verdict verb is a cue only when a dismissal follows ("called the reports lies").
    # "The war claimed 6,500 lives": no one speaks.
    while cue is not None and ((cue.group() in _NOUN_LIKE_CUES and (
            _ANOTHER_CUE_RE.match(m, cue.end(), limit)
            or _quantified(m, cue, pos)  # "Neither claim could be verified", "Both reports were false"
            or (cue.group() == "states" and not _STATES_CUE_RE.match(m, cue.end(), limit))))
            or (cue.group("verdict") and not _VERDICT_OBJECT_RE.match(doc.text, cue.end(), limit))
            or (_LEARNED_CUE_RE.fullmatch(cue.group()) and not _LEARNED_THAT_RE.match(m, cue.end(), limit))
            or (cue.group().lower() == "claimed" and _CLAIMED_LIVES_RE.match(m, cue.end(), limit))):
        cue = _CUE_RE.search(m, cue.end(), window)
    if cue is not None:
        sp = _SPEAKER_RE.fullmatch(m, pos, cue.start())
        if sp is not None:
            speaker = _with_appositive(sp, _speaker_pos(sp, "np"), "appos")
            topic = speaker and cue.group().lower() in ("claims", "reports") and _TOPIC_RE.search(m, *speaker)
            colon = topic and _COLON_AFTER_RE.match(m, cue.end(), limit)
            if colon:
                # 'Armenian MoD on Azerbaijani claims: "Q"': a topic, not a cue; the speaker is who comes before it.
                return _Hit(boundary, "direct", (speaker[0], topic.start()), None, "colon", colon.end(), CONF_WEAK)
            if speaker is not None:
                cue_type = next(k for k in ("describe", "deny", "verdict", "appeal", "say") if cue.group(k))
                cue_span = (sp.start("adv") if sp.group("adv") else cue.start(), cue.end())
                return _Hit(boundary, "indirect", speaker, cue_span, cue_type, cue.end(),
                            _speaker_confidence(doc.text, speaker))
    colon = _COLON_RE.match(m, pos, limit)
    if colon is not None:
        speaker = _speaker_pos(colon, "np")
        # 'Aliyev on Karabakh: "Q"' (a headline, a lead-in): the speaker is who comes before the topic.
        topic = speaker and _TOPIC_RE.search(m, *speaker)
        if topic:
            speaker = (speaker[0], topic.start())
        if speaker is not None:
            # 'Said Ellis: "Q"': the verb opening the line is the cue.
            said = _SAID_FIRST_RE.match(m, *speaker)
            if said is not None:
                return _Hit(boundary, "direct", (said.end(), speaker[1]), said.span("cue"), "colon", colon.end(),
                            CONF_CLEAR)
            return _Hit(boundary, "direct", speaker, None, "colon", colon.end(), CONF_WEAK)
    return None


def _hit_statements(doc: _Doc, hits: list[_Hit], limit: int) -> list[_Raw]:
    # A hit whose content turns out empty must not cut its predecessor's content, so filter first.
    valid = [h for h in hits if _content(doc, h, limit) is not None]
    raws = []
    for i, hit in enumerate(valid):
        end = valid[i + 1].boundary if i + 1 < len(valid) else limit
        parsed = _content(doc, hit, end)
        if parsed is None:
            continue
        kind, content, polarity, point_back = parsed
        own = [p[0] for p in (hit.speaker, hit.cue) if p is not None]
        region = (min([hit.boundary, *own]), max(end, content[1]))
        raws.append(_Raw(kind, content, hit.speaker, hit.cue, polarity, hit.confidence, region, point_back))
        if kind != "direct" and polarity == "asserts" and not point_back:
            raws.extend(_denied_claim(doc, raws[-1], hit.confidence))
    return raws


def _dismissed_claim(text: str, start: int, end: int) -> re.Match[str] | None:
    """A content that calls the claim it names false ("the claims of shelling Jermuk are false", "There is no truth
    to the claim that P"); its group "claim" is what it denies."""
    return _DISMISSED_CONTENT_RE.fullmatch(text, start, end) or _NO_TRUTH_THAT_RE.fullmatch(text, start, end)


def _dismissed_content(doc: _Doc, statement: _Raw) -> list[_Raw]:
    """'X said the claims of shelling Jermuk are false': X denies "shelling Jermuk"; 'X said the report was
    disinformation': X denies what was said before. Changes ``statement`` in place; 'X said the claims were false
    and that it had lost no tanks' also gives the statement of what follows "and that", returned."""
    if statement.kind == "narrator" or statement.polarity != "asserts" or statement.point_back:
        return []
    start, end = statement.content
    m = _dismissed_claim(doc.text, start, end)
    if m is not None:
        statement.polarity, statement.content = "denies", m.span("claim")
        return []
    if _DISMISSED_POINTER_RE.fullmatch(doc.text, start, end):
        # "the information does not correspond to reality": a denial of what was said before (see _finish).
        statement.polarity, statement.point_back = "denies", True
        return []
    if _COUNTER_ACCUSATION_RE.fullmatch(doc.text, start, end):
        # "Baku was spreading disinformation again": a denial of the claim before it (see _finish).
        statement.polarity, statement.point_back, statement.answers_only = "denies", True, True
        return []
    for joint in _AND_THAT_RE.finditer(doc.text, start, end):
        if _DISMISSED_POINTER_RE.fullmatch(doc.text, start, joint.start()):
            rest = _trim(doc.text, joint.end(), end)
            statement.polarity, statement.point_back = "denies", True
            statement.content = _trim(doc.text, start, joint.start())
            return [dataclasses.replace(statement, content=rest, polarity="asserts", point_back=False)]
    if statement.kind == "direct":
        # A quote of several sentences says several things, each with its own polarity: '"Claims that the men
        # lost their way are absurd. They are saboteurs," he said' denies the one and asserts the other.
        stops, begun = [], start
        for stop in _SENTENCE_END_RE.finditer(doc.text, start, end):
            # "No. She said it was over": a sentence of a word or two is no statement of its own.
            if _words(doc.text, begun, stop.start()) >= 3 and _words(doc.text, stop.end(), end) >= 3:
                stops.append(stop)
                begun = stop.end()
        if stops:
            pieces = [_trim(doc.text, a, b) for a, b in zip([start, *(stop.end() for stop in stops)],
                                                             [*(stop.start() + 1 for stop in stops), end])]
            template = dataclasses.replace(statement)
            statement.content = pieces[0]
            found = _dismissed_content(doc, statement)
            for piece in pieces[1:]:
                sentence = dataclasses.replace(template, content=piece)
                found += [sentence, *_dismissed_content(doc, sentence)]
            return found
    return []


def _words(text: str, start: int, end: int) -> int:
    return len(text[start:end].split())


_SENTENCE_END_RE = re.compile(r"(?<=[a-z0-9][.!?])\s+(?=[A-Z\"“])")


_AND_THAT_RE = re.compile(r",?\s+and\s+that\s+")


def _denied_claim(doc: _Doc, claim: _Raw, confidence: float) -> list[_Raw]:
    """'X said Y, a claim rejected by Z, which said W': Y ends at the comma; Z denies Y (pointing back at
    it) and, when "which said" follows, asserts W. Shortens ``claim`` in place."""
    m = _DENIED_CLAIM_RE.search(doc.masked, claim.content[0], claim.content[1])
    if m is None:
        return []
    claim_end = claim.content[1]
    claim.content = _trim(doc.text, claim.content[0], m.start())
    if claim.region is not None:
        claim.region = (claim.region[0], m.start())
    return _denial_of_claim(doc, m, claim_end, confidence, claim.unit_start)


def _denial_of_claim(doc: _Doc, m: re.Match[str], end: int, confidence: float, unit_start: int = 0) -> list[_Raw]:
    """The statements of a ``_DENIED_CLAIM_RE`` match that runs up to ``end``: the denier's pointing-back denial,
    and what "which said" gives it to say."""
    by = m.group("np_by") is not None
    speaker, cue = (m.span("np_by"), m.span("cue_by")) if by else (m.span("np"), m.span("cue"))
    found = [_Raw("indirect", (min(speaker[0], cue[0]), max(speaker[1], cue[1])), speaker, cue, "denies",
                  confidence, (m.start(), m.end()), point_back=True, unit_start=unit_start)]
    if m.group("say") and _WORD_RE.search(doc.text, m.end(), end):
        found.append(_Raw("indirect", _trim(doc.text, m.end(), end), speaker, m.span("say"), "asserts",
                          confidence, (m.start("say"), end), unit_start=unit_start))
    return found


_WHEN_SAID_RE = re.compile(r"\s+(?:(?:late|early|earlier|later)\s+)?(?:on\s+)?"
                           rf"(?:{'|'.join(day.capitalize() for day in WEEKDAYS)})"
                           r"(?:\s+(?:morning|afternoon|evening|night))?(?!['’\w])")


def _content(doc: _Doc, hit: _Hit, end: int) -> tuple[str, Pos, str, bool] | None:
    """(kind, content, polarity, point_back) of a hit whose content runs up to ``end``; None if empty."""
    m, text = doc.masked, doc.text
    p = hit.after
    denies = hit.cue_type in ("deny", "describe", "verdict")
    polarity = "denies" if denies else "asserts"
    if denies:
        # The denied content ends where the speaker's verdict on it begins: ", calling them lies".
        verdict = _DENIAL_END_RE.search(text, p, end)  # the verdict is often quoted: read the text, not the mask
        if verdict is not None and _WORD_RE.search(text, p, verdict.start()):
            end = verdict.start()
    elif (hit.cue is not None and hit.speaker is not None
          and text[hit.cue[0]:hit.cue[1]] in ("claims", "claim", "reports", "allegations")
          and text[hit.speaker[0]:hit.speaker[1]].endswith(("'s", "’s", "s'", "s’"))):
        # "Baku's claims that Armenia shelled Tartar are false, the ministry said": the claim ends at the verdict on it
        judged = _JUDGED_RE.search(text, p, end)
        if judged is not None and _WORD_RE.search(text, p, judged.start()):
            end = judged.start()
    if hit.cue_type == "colon":
        whole = _whole_quote(doc, _skip(m, p, end, " \t\r\n"), end)
        return None if whole is None else ("direct", whole, polarity, False)
    if denies:
        back = _POINT_BACK_RE.fullmatch(m, p, end)
        if back is not None:
            return "indirect", _trim(text, p, end), polarity, True
    paren = _PAREN_RE.match(m, p, end)
    # The verb of the cue, without the adverbs before it ("later told", "again told").
    verb = text[hit.cue[0]:hit.cue[1]].split()[-1] if hit.cue is not None else ""
    if paren is not None:
        p = paren.end()
    else:
        gap = _GAP_THAT_RE.match(m, p, end)
        if gap is not None and (verb in OBJECT_CUES or gap.group("gap").split()[0].lower() in _GAP_WORDS):
            p = gap.end()
        elif verb in OBJECT_CUES:
            # "told reporters the talks had failed", "told Reuters the talks had failed": whom, not what.
            whom = _ADDRESSEE_RE.match(text, p, end)
            if whom is not None and (not whom.group("named") or verb in _TELL_CUES):
                p = whom.end()
    # "said on Thursday it had arrested ...": when it was said, not what.
    when = _WHEN_SAID_RE.match(m, p, end)
    if when is not None:
        p = when.end()
    that = _THAT_RE.match(m, p, end)
    if that is not None:
        p = that.end()
    if denies:
        claims = _CLAIMS_RE.match(m, p, end)
        if claims is not None:
            p = claims.end()
        elif hit.cue_type in ("deny", "verdict") and (verdict := _AS_DISMISSAL_RE.match(m, p, end)) is not None:
            p = verdict.end()      # "dismissed as staged the photographs of ...": the verdict before what it judges
        elif hit.cue_type == "describe":
            return None            # "described as 'heroic' the soldiers": not a denial of anything
    p = _skip(m, p, end, " \t\r\n,:")
    if that is None and hit.cue_type in ("say", "continuation"):
        whole = _whole_quote(doc, p, end)
        if whole is not None:
            return "direct", whole, polarity, False
    content = _trim(text, p, end)
    if not _WORD_RE.search(text, content[0], content[1]):
        if hit.cue_type == "deny" and hit.cue is not None and _only_punct(text, p, end):
            # "Baku says Armenian sniper killed soldier; Armenia denies": a denial of what was just said.
            return "indirect", hit.cue, polarity, True
        return None
    return hit.kind, content, polarity, False


_TO_THE_CONTRARY = re.compile(r"\bto\s+the\s+contrary\b", re.IGNORECASE)


def _finish(text: str, doc_id: str, raws: list[_Raw]) -> list[Statement]:
    """Order, number, resolve pointers back, and build the frozen records."""
    raws = sorted(raws, key=_Raw.order)
    out: list[Statement] = []
    last_narrator: Statement | None = None
    for n, r in enumerate(raws, start=1):
        sid = f"{doc_id}:s{n:03d}"
        content, refers_to, polarity, pointer = r.content, None, r.polarity, None
        speaker = _whole_name(text, r.speaker) if r.speaker else None
        before = None
        if r.point_back and _TO_THE_CONTRARY.search(text, *r.content):  # rare: the scan below stays off the hot path
            said = [st for st in out if st.kind != "narrator" and st.content.end <= r.content[0]]
            before = max(said, key=lambda st: st.content.end) if said else None
        if before is not None and before.speaker is not None and speaker is not None \
                and (before.speaker.start, before.speaker.end) == speaker:
            # '"Not a single tank was lost. Reports to the contrary are fake"': a denial of the contrary of what the
            # speaker just said is that said again.
            content, refers_to, polarity = (before.content.start, before.content.end), before.id, before.polarity
        elif r.point_back:
            # What another speaker said last: '"Our helicopters are back. The reports are a lie," he said' does
            # not deny its own first sentence.
            target = next((st for st in reversed(out) if st.kind != "narrator" and (
                speaker is None or st.speaker is None or (st.speaker.start, st.speaker.end) != speaker)),
                None) or last_narrator
            if target is not None:
                content, refers_to = (target.content.start, target.content.end), target.id
            elif r.answers_only:
                polarity = "asserts"  # "Russia is lying about its losses", first in its story: an accusation
        if refers_to is not None:
            pointer = Span.of(text, *_trim(text, *r.content))  # its own words; its content is what it points at
        region = r.region or r.content
        if speaker is not None and r.speaker is not None and speaker[0] < r.speaker[0] \
                and content[0] < speaker[0] < content[1]:
            content = _trim(text, content[0], speaker[0])  # "P, the Commission on A, B and C said": P only
        st = Statement(
            id=sid,
            doc_id=doc_id,
            kind=r.kind,  # type: ignore[arg-type]
            content=Span.of(text, *content),
            speaker=Span.of(text, *speaker) if speaker else None,
            cue=Span.of(text, *r.cue) if r.cue else None,
            polarity=polarity,  # type: ignore[arg-type]
            hedged=(_HEDGE_RE.search(text, region[0], region[1]) is not None
                    or (r.speaker is not None and _UNNAMED_RE.search(text, *r.speaker) is not None)),
            side="narrator" if r.kind == "narrator" else None,
            confidence=r.confidence,
            refers_to=refers_to,
            pointer=pointer,
        )
        out.append(st)
        if r.kind == "narrator":
            last_narrator = st
    return out
