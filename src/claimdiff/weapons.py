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

import functools
import re

from claimdiff.numbers import different_scenes
from claimdiff.pack import Pack

__all__ = ["weapon_conflict", "weapons_used"]

# Kind → the nouns that name it.
_KINDS: dict[str, str] = {
    "drone": r"drones?|UAVs?|Bayraktars?|unmanned\s+aerial\s+vehicles?",
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


def _patterns(kind_nouns: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    w = rf"(?:{kind_nouns})"
    used = re.compile(
        rf"\b{w}\s+(?:\w+\s+){{0,2}}?{_ATTACK_VERBS}\b"       # "a strike drone hit", "Azerbaijani drones struck"
        rf"|\b(?:by|with|from)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){{0,2}}?{w}\b",  # "killed by an Azerbaijani drone"
        re.IGNORECASE)
    denied = re.compile(
        rf"\bno\s+(?:[\w-]+\s+)?{w}\s+(?:had\s+been|has\s+been|have\s+been|was|were)\s+(?:\w+\s+)?used\b"
        rf"|\b{w}\s+{_NOT_USED}\b"
        rf"|\b(?:did\s+not|didn't|never|does\s+not|do\s+not)\s+(?:\w+\s+)?use\s+(?:any\s+)?(?:[\w-]+\s+)?{w}\b",
        re.IGNORECASE)
    return used, denied


_FRAMES = {kind: _patterns(nouns) for kind, nouns in _KINDS.items()}


@functools.lru_cache(maxsize=4096)  # pure; the judge asks about one content in many pairs
def weapons_used(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """(used, denied): the kinds of weapon ``text`` says were used, and the kinds it says were not."""
    used, denied = set(), set()
    for kind, (use, deny) in _FRAMES.items():
        if deny.search(text):
            denied.add(kind)
        elif use.search(text):
            used.add(kind)
    return frozenset(used), frozenset(denied)


def weapon_conflict(a_text: str, b_text: str, pack: Pack | None = None) -> str | None:
    """The kind of weapon one content says was used and the other says was not, or ``None``."""
    used_a, denied_a = weapons_used(a_text)
    used_b, denied_b = weapons_used(b_text)
    clash = (used_a & denied_b) | (used_b & denied_a)
    if not clash or different_scenes(a_text, b_text, pack):  # a drone over one village, none over another
        return None
    return sorted(clash)[0]
