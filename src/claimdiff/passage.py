"""Whether a road is open: one side's "the corridor remained blocked" against the other's "the road remained open".

Blockades are disputed as often as shots: "the passage of food and medicine remained blocked" / "there is no
blockade of the road, vehicles can move freely"; "police blocked the section to all traffic" / "traffic moved
throughout the day". An NLI model reads such pairs as neutral when they name the road differently. This module
reads, with a few word frames (no model), whether a content says a road, crossing or corridor is *closed*
(blocked, closed, shut, sealed, cut off, a blockade of it, traffic stranded or turned back, a convoy turned back)
or *open* (open, reopened, no blockade, traffic or vehicles moving or passing freely, let through, continuing on
their way), and :func:`passage_conflict` says when two
contents say opposite things (reason ``passage`` in :func:`claimdiff.judge.judge`). A negated frame ("was not
blocked") says the opposite. Two contents that name different places or days are not compared, as with figures
in :mod:`claimdiff.numbers`.

Example:
    >>> passage_conflict("the passage of food and medicine remained blocked", "the road remained open")
    True
    >>> passage_states("Azerbaijani police had blocked the section near the village to all traffic")
    frozenset({'closed'})
    >>> passage_conflict("the road was closed", "the road was closed for repairs")
    False
"""

from __future__ import annotations

import re

from claimdiff._content_cache import content_cache
from claimdiff.numbers import different_scenes
from claimdiff.pack import Pack

__all__ = ["CLOSED", "OPEN", "passage_conflict", "passage_states"]

CLOSED, OPEN = "closed", "open"

_ROUTE = (r"(?:road|roads|corridor|highway|route|crossing|checkpoint|passage|pass|traffic|section|stretch|bridge"
          r"|border\s+crossing|supply\s+line)")
_BE = r"(?:was|were|is|are|remained|remains|remain|stayed|stays|had\s+been|has\s+been|have\s+been|been|being)"
_SHUT = r"(?:blocked|closed|shut|sealed|blockaded|cut\s+off|impassable)"
_NOT = r"(?:not|never|no\s+longer|n't)"
_FRAMES: dict[str, list[str]] = {
    CLOSED: [
        rf"\b{_ROUTE}\b[^.;]{{0,60}}?\b{_BE}\s+(?:(?:{_NOT}|\w+ly|still|again|completely|fully)\s+)*{_SHUT}\b",
        rf"\b(?:block(?:s|ed|ing)?|clos(?:e|es|ed|ing)|shut(?:s|ting)?|seal(?:s|ed|ing)?|blockad(?:es|ed|ing))\s+"
        rf"(?:off\s+)?(?:\w+\s+){{0,4}}?{_ROUTE}\b",
        r"(?<!\bno\s)\bblockade\s+of\b",
        rf"\b(?:people|residents|population|villages?|region|town|city)\b[^.;]{{0,40}}?\b{_BE}\s+"
        r"(?:\w+ly\s+)?cut\s+off",
        rf"\b(?:vehicles|trucks|cars|convoys?|traffic)\b[^.;]{{0,40}}?\b{_BE}\s+(?:\w+\s+)?"
        r"(?:stranded|turned\s+back|stopped|halted)\b",
        # "border guards turned back a Red Cross convoy"
        r"\bturn(?:s|ed|ing)?\s+back\s+(?:\w+\s+){0,4}?(?:convoys?|vehicles|trucks|cars|buses|ambulances)\b",
    ],
    OPEN: [
        rf"\b{_ROUTE}\b[^.;]{{0,60}}?\b{_BE}\s+(?:(?:{_NOT}|\w+ly|still|again|fully)\s+)*(?:open|reopened|passable)\b",
        r"\bno\s+(?:\w+\s+)?blockade\b",
        r"\b(?:traffic|vehicles|trucks|cars|convoys?)\b[^.;]{0,40}?\b(?:mov\w*|pass\w*|flow\w*|continu\w*)\s+"
        r"(?:\w+\s+){0,2}?(?:freely|normally|unhindered|without\s+(?:hindrance|obstruction|restriction)"
        r"|throughout|as\s+usual)\b",
        # "the Red Cross vehicles had been allowed through", "the convoy ... continued on its way"
        rf"\b(?:vehicles|trucks|cars|convoys?|buses|ambulances)\b[^.;]{{0,80}}?\b(?:{_BE}\s+)?"
        r"(?:allowed|let|waved)\s+through\b",
        r"\b(?:vehicles|trucks|cars|convoys?|buses|ambulances)\b[^.;]{0,100}?\bcontinued\s+on\s+(?:its|their)\s+way\b",
    ],
}
_PATTERNS = {state: re.compile("|".join(f"(?:{frame})" for frame in frames), re.IGNORECASE)
             for state, frames in _FRAMES.items()}
_NEGATION = re.compile(rf"\b{_NOT}\b|\bno\s+(?!longer)", re.IGNORECASE)
_NEGATED_BEFORE = re.compile(rf"\b(?:{_NOT}|did\s+not|had\s+not|has\s+not)\s+(?:\w+\s+)?$", re.IGNORECASE)
_OTHER = {CLOSED: OPEN, OPEN: CLOSED}


@content_cache  # pure; the judge asks about one content in many pairs
def passage_states(text: str) -> frozenset[str]:
    """What ``text`` says of a road, crossing or corridor: closed, open, or (rarely) both."""
    found = set()
    for state, pattern in _PATTERNS.items():
        for m in pattern.finditer(text):
            words = m.group(0)
            # "was not blocked" says open; "no blockade" is an open frame of its own.
            negated = (_NEGATION.search(words) is not None and not words.lower().startswith("no")) \
                or _NEGATED_BEFORE.search(text, max(0, m.start() - 25), m.start()) is not None
            found.add(_OTHER[state] if negated else state)
    return frozenset(found)


def passage_conflict(a_text: str, b_text: str, pack: Pack | None = None) -> bool:
    """Whether one content says a road is closed and the other that it is open."""
    a, b = passage_states(a_text), passage_states(b_text)
    if len(a) != 1 or len(b) != 1 or a == b:
        return False
    return not different_scenes(a_text, b_text, pack)
