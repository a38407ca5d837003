"""Whose ground it happened on: "they were seized on Armenian soil" against "detained inside Azerbaijani territory".

Border incidents are disputed as much by where they happened as by what happened: a detained soldier, a wounded
shepherd, a patrol that "crossed the border" are on one side's ground in one account and on the other's in the
other. An NLI model reads such pairs as neutral (different words, no negation). This module reads, by rule,
whose territory a content places people on ("on Armenian soil", "inside Azerbaijani territory", "on the sovereign
territory of the Republic of Armenia", "on the Armenian side of the border", "lies within Azerbaijan", "seized
inside Armenia", "in Azerbaijan's Kalbajar district", "detained in the Kalbajar district" for a place the pack puts
on one side's ground; an aircraft's "violated the airspace of Armenia", "flew only over Azerbaijani territory"), and
:func:`territory_conflict` says when two contents place them on different sides' ground (reason ``territory`` in
:func:`claimdiff.judge.judge`). Fire is left out: "shells landed on Armenian territory" and "Armenian forces
fired on Azerbaijani territory" are an exchange, both true.

Example:
    >>> territory_conflict("they were seized on Armenian soil", "the men were detained inside Azerbaijani territory")
    True
    >>> territory_conflict("shells landed on Armenian territory", "Armenian units fired on Azerbaijani territory")
    False
"""

from __future__ import annotations

import re

from claimdiff._content_cache import content_cache
from claimdiff.pack import Pack, pack_or_default

__all__ = ["territories", "territory_conflict"]

def _country(group: str) -> str:
    return rf"(?P<{group}>[A-Z][a-z]+(?:['’]s)?)"


_WHERE = re.compile(
    # "on Armenian soil", "inside Azerbaijani territory", "on Azerbaijan's sovereign territory"
    # ... and where an aircraft was: "over Armenian territory", "entered Armenian airspace", "had not left Azerbaijani
    # airspace"
    rf"\b(?:on|in|inside|within|into|onto|deep\s+in|over|above|entered|violated|left)\s+(?:the\s+)?(?:sovereign\s+)?"
    rf"{_country('on')}\s+(?:sovereign\s+)?(?:territory|soil|land|ground|airspace)\b"
    # "the sovereign territory of the Republic of Armenia", "violated the airspace of Armenia"
    rf"|\b(?:territory|soil|airspace)\s+of\s+(?:the\s+)?(?:Republic\s+of\s+)?{_country('of')}"
    # "on the Armenian side of the border", "lies within Azerbaijan"
    rf"|\bon\s+the\s+{_country('side')}\s+side\b"
    rf"|\b(?:lies|lay|is|was|were)\s+(?:well\s+|deep\s+)?(?:within|inside)\s+{_country('within')}\b"
    # "seized inside Armenia", "caught in Azerbaijan's Kalbajar district"
    r"|\b(?:deep\s+)?inside\s+(?P<inside>[A-Z][a-z]+)(?![\w'’])"
    rf"|\bin\s+{_country('district')}\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?\s+(?:district|region|province)\b"
)
# "detained in the Kalbajar district": a place of the pack's (or a country), on one side's ground.
_HELD_IN = re.compile(r"\b(?:detained|captured|seized|caught|arrested|apprehended)\b[^.;]{0,60}?\b(?:in|inside)\s+"
                      r"(?:the\s+)?(?P<place>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)")
# Fire crosses borders: where shells fell says nothing of where the other side's people were; nor does where
# someone was found ("found by villagers on the Armenian side" after being wounded across the line).
_FIRE = re.compile(r"\b(?:shell\w*|fir(?:e|ed|es|ing)|strikes?|struck|hit|landed|bomb\w*|drones?|mortars?|artillery"
                   r"|missiles?|rockets?|targeted|found)\b", re.IGNORECASE)


@content_cache  # pure; the judge asks about one content in many pairs
def territories(text: str, pack: Pack | None = None) -> frozenset[str]:
    """The countries (as the pack's demonyms name them, lower-cased) on whose ground ``text`` places people; empty
    when it says nothing of it, or speaks of fire or of where someone was found."""
    if _FIRE.search(text):
        return frozenset()
    pack = pack_or_default(pack)
    countries = set(pack.demonyms.values())

    def country_of(word: str) -> str | None:  # "Armenian", "Armenia's", "Armenia" -> "armenia"
        word = re.sub(r"['’]s$", "", word).lower()
        country = pack.demonyms.get(word, word)
        return country if country in countries else None

    found = set()
    for m in _HELD_IN.finditer(text):
        place = m.group("place").lower()
        # a place on one side's ground, or the country itself
        side = pack.places.get(place) or pack.places.get(place.split()[0]) or country_of(place.split()[0])
        if side is not None:
            found.add(side)
    for m in _WHERE.finditer(text):
        if (country := country_of(next(g for g in m.groups() if g is not None))) is not None:
            found.add(country)
    return frozenset(found)


def territory_conflict(a_text: str, b_text: str, pack: Pack | None = None) -> bool:
    """Whether two contents place people on different countries' ground."""
    a, b = territories(a_text, pack), territories(b_text, pack)
    return len(a) == 1 and len(b) == 1 and a != b
