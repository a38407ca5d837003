"""Measured amounts: one side's "the post is 300 metres from the border" against the other's "the distance is
roughly 1.5 kilometres".

Besides casualty counts (:mod:`claimdiff.numbers`), conflict news disputes distances ("3 km into Armenian
airspace" / "no more than 500 metres from the border"), areas ("140 hectares of forest burned" / "the burned area
did not exceed 90 hectares") and weights ("410 tonnes of flour" / "no more than 190 tonnes"). An NLI model reads
such figures as neutral. This module reads a figure with a unit of length, area or mass (its range from
:func:`claimdiff.numbers.quantities`: "about" widens it, "no more than" bounds it), what it measures (the words
after it: "from the border", "of forest"), and :func:`measure_conflict` says when two contents give ranges that
cannot overlap for the same kind of measure of the same thing (reason ``measure`` in
:func:`claimdiff.judge.judge`). Two figures each with what they measure named must share a word of it ("metres
from the border" / "kilometres from the border line"); one named only by a measure noun ("the distance is 1.5
km") is taken to speak of the other's; one with neither is not compared. A distance "from" something is between
it and the clause's subject ("the field lies 700 m from the position" / "the position is 1.5 km from the field"),
and amounts of different stuff ("hectares of wheat" / "hectares of pasture") are not compared. Contents at different
places or on different days are not compared.

Example:
    >>> measure_conflict("the new post is being built just 300 metres from the border",
    ...                  "the distance is roughly 1.5 kilometres")
    True
    >>> measure_conflict("the drone fell 400 metres inside Armenian territory", "the post is 2 km from the border")
    False
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimdiff._content_cache import content_cache
from claimdiff.cause import content_words
from claimdiff.numbers import different_scenes, quantities
from claimdiff.pack import Pack

__all__ = ["Measure", "measure_conflict", "measures"]

# Units by kind, each with its size in the kind's base unit (metres, hectares, kilograms).
_UNITS: dict[str, dict[str, float]] = {
    "length": {r"m|metres?|meters?": 1.0, r"km|kilometres?|kilometers?": 1000.0},
    "area": {r"ha|hectares?": 1.0, r"(?:square\s+kilometres?|square\s+kilometers?|sq\.?\s*km|km2|km\u00b2)": 100.0},
    "mass": {r"tonnes?|tons?|metric\s+tons?": 1000.0, r"kg|kilogrammes?|kilograms?": 1.0},
}
_UNIT = re.compile(r"\s*(?:" + "|".join(
    f"(?P<{kind}{i}>{pattern})" for kind, units in _UNITS.items() for i, pattern in enumerate(units)) + r")\b",
    re.IGNORECASE)
_SIZE = {f"{kind}{i}": (kind, size) for kind, units in _UNITS.items() for i, size in enumerate(units.values())}
# What a figure measures: the words after its unit, to the end of the clause ("from the border", "of forest").
_WHAT = re.compile(r"\s+(?P<how>of|from|inside|into|within|away\s+from|deep\s+into|beyond|across)\s+([^,.;:()]{2,60})",
                   re.IGNORECASE)
# The stuff an area or a weight is of: "hectares of wheat", "tonnes of flour".
_STUFF = re.compile(r"\s+of\s+(?:the\s+|its\s+|their\s+)?([A-Za-z-]+)\b")
# A distance "from" something is between it and the clause's subject: "the field lies 700 metres from the nearest
# position" measures what "the nearest position is more than 1.5 km from the fields" does.
_SUBJECT = re.compile(r"[^,.;:()]{0,80}$")
# A measure named before its figure ("the distance is 1.5 km", "the burned area did not exceed 90 hectares"): said of
# the same thing as the other side's figure. A figure with neither this nor what it measures ("farmers were short
# of water for 9,000 hectares") is not compared.
_NAMED = re.compile(r"\b(?:distance|area|size|length|depth|weight|load|cargo)\b[^,.;:()]{0,60}$", re.IGNORECASE)
# Words that tell nothing about what is measured.
_NOT_WHAT = frozenset({"the", "its", "their", "side", "both", "sides", "territory", "about", "some", "total"})
# ... nor do the words of a figure's own bound ("more than", "no more than", "about"), as content_words leaves them
# ("than", "over", "was" are its stopwords and never reach this set; its crude stem makes "lies" "li", which stays).
_MEASURE_WORDS = frozenset({"more", "less", "least", "most", "nearly", "almost", "roughly", "around", "just", "only",
                            "under", "exceed", "lie"})


@dataclass(frozen=True)
class Measure:
    """A measured amount: its kind (``"length"``, ``"area"``, ``"mass"``), its range in the kind's base unit, the
    content words of what it measures (empty when not said), and whether a measure noun names it instead ("the
    distance is ...")."""

    kind: str
    low: float
    high: float
    what: frozenset[str]
    named: bool = False
    #: What the figure is an amount of, when said right after the unit ("25 hectares of wheat": "wheat").
    stuff: str | None = None

    def same_thing(self, other: Measure) -> bool:
        """Whether the two measure one thing: the same kind, and what each measures shares a word, or one (or
        both) is named by a measure noun alone."""
        if self.kind != other.kind:
            return False
        if self.stuff and other.stuff and self.stuff != other.stuff:
            return False  # "25 hectares of wheat" / "four hectares of pasture"
        if self.what and other.what:
            return bool(self.what & other.what)
        return (self.named or bool(self.what)) and (other.named or bool(other.what))


@content_cache  # pure; the judge asks about one content in many pairs
def measures(text: str) -> tuple[Measure, ...]:
    """Every figure with a unit of length, area or mass in ``text``."""
    out = []
    for q in quantities(text):
        unit = _UNIT.match(text, q.span.end)
        if unit is None or q.part:
            continue
        kind, size = _SIZE[unit.lastgroup]
        what = _WHAT.match(text, unit.end())
        words = frozenset(content_words(what.group(2)) - _NOT_WHAT) if what else frozenset()
        if what and what.group("how").lower().endswith("from"):
            subject = _SUBJECT.search(text, max(0, q.span.start - 80), q.span.start)
            words |= content_words(subject.group()) - _NOT_WHAT - _MEASURE_WORDS
        named = not words and _NAMED.search(text, max(0, q.span.start - 80), q.span.start) is not None
        stuff = _STUFF.match(text, unit.end())
        out.append(Measure(kind, q.low * size, q.high * size, words, named,
                           stuff and next(iter(content_words(stuff.group(1))), None)))
    return tuple(out)


def measure_conflict(a_text: str, b_text: str, pack: Pack | None = None) -> bool:
    """Whether two contents measure the same thing (same kind; what each measures, when both say, shares a word)
    with ranges that cannot overlap, at one place and time."""
    pairs = [(x, y) for x in measures(a_text) for y in measures(b_text) if x.same_thing(y)]
    if not pairs or any(x.low <= y.high and y.low <= x.high for x, y in pairs):
        return False
    return not different_scenes(a_text, b_text, pack)
