"""What caused it: one side's "the discolouration was caused by a discharge from the tailing dams" against the
other's "the discolouration had been caused by a mudflow after heavy rain".

Disputes over an incident's cause (an explosion, a fire, a river's colour, a death) are disputes over blame, yet
the two accounts share their subject and an NLI model reads them as neutral. This module reads, with one word
frames (no model), the effect and the cause a content names ("X was caused by Y", "X was the result of Y", "X
was due to Y", "X failed because of Y", "X had started when Y", "Y set X on fire"), and :func:`cause_conflict` says when two contents give one effect (their effects share a content
word) causes that share none (reason ``cause`` in :func:`claimdiff.judge.judge`). A negated frame ("was not
caused by") is left to the NLI model. Two effects at different places or on different days are not compared, as
with figures in :mod:`claimdiff.numbers` (the effects' places and days: where each cause lies is the dispute).

Example:
    >>> cause_conflict("the fire at the depot was caused by a drone strike",
    ...                "the fire at the depot had been caused by careless storage of fuel")
    True
    >>> cause_conflict("the fire at the depot was caused by a drone strike",
    ...                "the fire was the result of an Armenian drone strike")
    False
"""

from __future__ import annotations

import re

from claimdiff._content_cache import content_cache
from claimdiff.numbers import different_scenes
from claimdiff.pack import Pack

__all__ = ["cause_conflict", "effect_and_cause"]

_CAUSED = re.compile(
    r"\s(?:was|were|is|are|had\s+been|has\s+been|have\s+been)\s+(?:\w+ly\s+)?"
    r"(?:caused\s+by|triggered\s+by|(?:the\s+|a\s+)?results?\s+of|due\s+to)\s+(?P<cause>[^.;]{3,200})",
    re.IGNORECASE)
# "the pipeline failed because of poor maintenance", "the fire had started when farmers burned stubble": an
# intransitive event and what brought it about (a time clause only after a verb of starting).
_BECAUSE = re.compile(
    r"\s(?:\w+ly\s+)?(?:had\s+|has\s+|have\s+)?(?:(?:fail|collaps|burst|explod|start|began|begun|broke\s+out|ignit"
    r"|caught\s+fire|happen|occur)\w*\s+(?:\w+ly\s+)?(?:because\s+of|due\s+to|as\s+a\s+result\s+of|owing\s+to)"
    r"|(?:start|began|begun|broke\s+out|ignit|caught\s+fire)\w*\s+(?:\w+ly\s+)?(?:when|after))\s+"
    r"(?P<cause>[^.;]{3,200})", re.IGNORECASE)
# "Tracer rounds set the dry wheat on fire", "shelling sparked a fire": the cause is the subject, and what it set
# on fire is a fire.
_SET_ALIGHT = re.compile(r"\s(?:set|sets|setting|sparked|sparks|started|starts|caused|causes|triggered|triggers)\s+"
                         r"(?P<effect>(?:the\s+|a\s+)?[^.;,]{0,60}?(?:\s+(?:on\s+fire|ablaze|alight|afire)|fires?\b))",
                         re.IGNORECASE)
_STOPWORDS = frozenset(
    "the a an of to in on at by for from with and or but that this these those its their his her had has have was "
    "were been being after before near into over than then there which who whose when while what from".split())


_STEM = re.compile(r"(?:ing|ed|es|s)$")


def content_words(text: str, stopwords: frozenset[str] = _STOPWORDS) -> set[str]:
    """The words of three letters or more that are not ``stopwords``, lower-cased and crudely stemmed ("dams" and
    "dam", "discharged" and "discharge" share one). The judge's denial rule reads words with it too."""
    return {_STEM.sub("", w) for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 2 and w not in stopwords}


@content_cache  # pure; the judge asks about one content in many pairs
def effect_and_cause(text: str) -> tuple[str, str] | None:
    """The effect and the cause ``text`` names ("the fire at the depot", "a drone strike"), or ``None``."""
    m = _CAUSED.search(text) or _BECAUSE.search(text)
    if m is None:
        m = _SET_ALIGHT.search(text)
        if m is None:
            return None
        cause = re.split(r"[.;:,]", text[:m.start()])[-1].strip()[-120:]
        effect = m.group("effect")
        return (f"{effect} fire", cause) if len(cause) >= 3 else None
    # The effect is the clause before the verb (found from the verb: a lazy match from every start is slow).
    effect = re.split(r"[.;:]", text[:m.start()])[-1].strip()[-120:]
    return (effect, m.group("cause")) if len(effect) >= 3 else None


def cause_conflict(a_text: str, b_text: str, pack: Pack | None = None) -> bool:
    """Whether two contents give one effect causes with no word in common (the effects at one place and day:
    where each cause lies is the dispute, so only the effects' places and days are compared)."""
    a, b = effect_and_cause(a_text), effect_and_cause(b_text)
    if a is None or b is None or not content_words(a[0]) & content_words(b[0]):
        return False
    a_cause, b_cause = content_words(a[1]), content_words(b[1])
    return bool(a_cause and b_cause and not a_cause & b_cause) and not different_scenes(a[0], b[0], pack)
