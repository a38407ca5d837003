"""Which weapons were used: one side's "no drone was used" against the other's "a drone struck the tractor".

NLI models read such pairs as neutral far too often: "An Azerbaijani strike drone hit a tractor" and "no drone
had been used in the operation" share one noun and negate nothing of each other's words. This module reads, by
rule, the kinds of weapon a content says were used (a weapon noun as the subject of an attack verb, or after
"by"/"with"/"from") and the kinds it says were not ("no drone had been used", "artillery was not used", "did not
use drones"); :func:`weapon_conflict` says when one content denies a kind the other says was used (reason
``weapon`` in :func:`claimdiff.judge.judge`). Two contents that name different places or days are not compared,
as with figures in :mod:`claimdiff.numbers`.

Example:
    >>> weapon_conflict("An Azerbaijani strike drone hit a tractor near the village", "no drone had been used")
    'drone'
    >>> weapon_conflict("artillery shelled the village", "no drone had been used") is None
    True
"""

from __future__ import annotations

import re

from claimdiff._content_cache import content_cache
from claimdiff.numbers import different_scenes
from claimdiff.pack import Pack, pack_or_default

__all__ = ["weapon_conflict", "weapons_used"]

# Kind → the nouns that name it.
_KINDS: dict[str, str] = {
    "drone": r"drones?|UAVs?|Bayraktars?|quadcopters?|unmanned\s+aerial\s+vehicles?|unmanned\s+aircraft",
    "artillery": r"artillery|howitzers?|mortars?|shells",
    "aircraft": r"aircraft|warplanes?|jets?|fighter\s+jets?|helicopters?",
    "missile": r"missiles?|rockets?",
    "cluster": r"cluster\s+(?:munitions|bombs)",
    "phosphorus": r"(?:white\s+)?phosphorus(?:\s+munitions)?",
}
_ATTACK_VERBS = (r"(?:struck|strikes|hit|hits|attacked|attacks|fired|fires|bombed|shelled|targeted|destroyed|killed"
                 r"|was\s+used|were\s+used|had\s+been\s+used|has\s+been\s+used|have\s+been\s+used)")
_NOT_USED = (r"(?:had\s+not\s+been|has\s+not\s+been|have\s+not\s+been|was\s+not|were\s+not|wasn't|weren't)\s+"
             r"(?:\w+\s+)?used")


# What flies is used when it is in the air or brought down: "an Armenian drone crossed into Azerbaijani airspace",
# "its air defences downed an Armenian reconnaissance drone" / "not a single Armenian drone was flying", "none of
# the army's drones had been in the air".
_FLYING = frozenset({"drone", "aircraft"})
_IN_THE_AIR = r"(?:flying|in\s+the\s+air|airborne|aloft|launched|deployed)"
_BROUGHT_DOWN = r"(?:shot\s+down|downed|neutrali[sz]ed|intercepted)"


def _patterns(kind: str, kind_nouns: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    w = rf"(?:{kind_nouns})"
    used = (rf"\b{w}\s+(?:\w+\s+){{0,2}}?{_ATTACK_VERBS}\b"       # "a strike drone hit", "Azerbaijani drones struck"
            rf"|\b(?:by|with|from)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){{0,2}}?{w}\b")  # "killed by an Azerbaijani drone"
    denied = (rf"\bno\s+(?:[\w-]+\s+)?{w}\s+(?:had\s+been|has\s+been|have\s+been|was|were)\s+(?:\w+\s+)?used\b"
              rf"|\b{w}\s+{_NOT_USED}\b"
              rf"|\b(?:did\s+not|didn't|never|does\s+not|do\s+not)\s+(?:\w+\s+)?use\s+(?:any\s+)?(?:[\w-]+\s+)?{w}\b")
    if kind in _FLYING:
        used += (rf"|\b{w}\s+(?:\w+\s+){{0,2}}?(?:crossed|violated|flew|(?:was|were)\s+flying"
                 rf"|(?:was|were|had\s+been|has\s+been)\s+{_BROUGHT_DOWN})\b"
                 rf"|\b{_BROUGHT_DOWN}\s+(?:an?\s+|the\s+|two\s+|three\s+)?(?:[\w'’-]+\s+){{0,3}}?{w}\b")
        denied += (rf"|\b(?:not\s+a\s+single|no)\s+(?:[\w'’-]+\s+){{0,2}}?{w}\s+(?:was|were|had\s+been|has\s+been)\s+"
                   rf"{_IN_THE_AIR}"
                   rf"|\bnone\s+of\s+(?:the|its|their|our|[\w'’-]+(?:'s|’s))\s+(?:[\w'’-]+\s+){{0,2}}?{w}\s+"
                   rf"(?:had\s+been|has\s+been|have\s+been|was|were)\s+{_IN_THE_AIR}")
    return re.compile(used, re.IGNORECASE), re.compile(denied, re.IGNORECASE)


_FRAMES = {kind: _patterns(kind, nouns) for kind, nouns in _KINDS.items()}
_CAPITALISED = re.compile(r"\b([A-Z][a-z]+)(?:['’]s)?\b")
_OWNER_BEFORE = re.compile(r"\b[A-Z][a-z]+(?:['’]s)?\s+(?:[\w-]+\s+)?$")


@content_cache  # pure; the judge asks about one content in many pairs
def weapons_used(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """(used, denied): the kinds of weapon ``text`` says were used, and the kinds it says were not."""
    used, denied = set(), set()
    for kind, (use, deny) in _FRAMES.items():
        if deny.search(text):
            denied.add(kind)
        elif use.search(text):
            used.add(kind)
    return frozenset(used), frozenset(denied)


def _owners(text: str, kind: str, pack: Pack) -> set[str]:
    """The countries whose weapons of ``kind`` the frames in ``text`` name ("an Armenian drone" → armenia)."""
    countries = set(pack.demonyms.values())
    found = set()
    for frame in _FRAMES[kind]:
        for m in frame.finditer(text):
            # ... in the frame, or just before it when it opens on the noun ("two Azerbaijani | drones were downed")
            before = _OWNER_BEFORE.search(text, max(0, m.start() - 40), m.start())
            for word in _CAPITALISED.findall((before.group() if before else "") + m.group()):
                country = pack.demonyms.get(word.lower(), word.lower())
                if country in countries:
                    found.add(country)
    return found


def weapon_conflict(a_text: str, b_text: str, pack: Pack | None = None) -> str | None:
    """The kind of weapon one content says was used and the other says was not, or ``None``."""
    used_a, denied_a = weapons_used(a_text)
    used_b, denied_b = weapons_used(b_text)
    clash = (used_a & denied_b) | (used_b & denied_a)
    if not clash or different_scenes(a_text, b_text, pack):  # a drone over one village, none over another
        return None
    pack = pack_or_default(pack)
    for kind in sorted(clash):
        owners_a, owners_b = _owners(a_text, kind, pack), _owners(b_text, kind, pack)
        if not (owners_a and owners_b and not owners_a & owners_b):  # an Armenian drone downed, no Azerbaijani one
            return kind
    return None
