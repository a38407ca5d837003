"""Who the people were: one side's "the man was a shepherd" against the other's "he was a soldier".

Conflict news disputes the status of the dead, the wounded and the detained as often as the shots: "the driver, a
local farmer, was a civilian" / "its operator was a member of the armed detachments"; "three of them were elderly
civilians" / "all of the remains were of military personnel". An NLI model reads such pairs as neutral: they
share no predicate and negate nothing of each other's words. This module reads, by rule, what a content says the
people it speaks of *were* (a copula, "appeared to be", an appositive, "had served in the army", "rather than
servicemen"), and :func:`status_conflict` says when one content calls them civilians and the other combatants
(reason ``status`` in :func:`claimdiff.judge.judge`). Two contents that name different places or days are not
compared, as with figures in :mod:`claimdiff.numbers`. Only a predicate counts: "dressed in civilian clothes" or
"fired on Armenian servicemen" says nothing of what anyone was.

Example:
    >>> status_conflict("The driver, a local farmer, was a civilian", "its operator was a fighter")
    True
    >>> status_conflict("These were not soldiers", "all of the remains were of military personnel")
    True
    >>> status_conflict("a soldier was wounded", "the villagers were civilians")
    False
"""

from __future__ import annotations

import re

from claimdiff._content_cache import content_cache
from claimdiff.numbers import different_scenes
from claimdiff.pack import Pack

__all__ = ["CIVILIAN", "COMBATANT", "status_conflict", "statuses"]

CIVILIAN, COMBATANT = "civilian", "combatant"

# Nouns that say what someone was (general to armed conflict).
_NOUNS: dict[str, str] = {
    CIVILIAN: (r"civilians?|farmers?|shepherds?|herdsm[ae]n|herders?|villagers?|residents?|peasants?|pensioners?"
               r"|women|children|journalists?|doctors?|teachers?|students?|workers?|labou?rers?|non-combatants?"
               # "were electricity workers": a civilian trade before "workers"
               r"|(?:electricity|power|road|construction|farm|aid|relief|humanitarian|medical|repair|utility"
               r"|municipal|factory)\s+workers?|electricians?"
               # "were a civilian repair crew"
               r"|civilian\s+(?:[\w-]+\s+)?(?:crews?|teams?|groups?|personnel|population)"),
    COMBATANT: (r"soldiers?|servicem[ae]n|service\s+members?|military\s+personnel|troops|fighters?|militants?"
                r"|combatants?|saboteurs?|spy|spies|mercenar(?:y|ies)|terrorists?|(?:reconnaissance|sabotage)\s+group"
                r"|members?\s+of\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,3}?(?:detachments?|formations?|groups?|forces"
                r"|army|units?|militias?)"),
}
# Words between the copula and the noun: "was a 47-year-old local farmer", "were of military personnel".
_FILLER = (r"(?:(?:an?|the|all|only|simply|just|ordinary|local|unarmed|peaceful|innocent|elderly|young|old|retired"
           r"|active|regular|armed|trained|professional|contract|conscript|enemy|of|those\s+of|[\w-]+-year-old"
           r"|(?-i:[A-Z])[\w-]*)\s+){0,4}?")
_COPULA = (r"(?:was|were|is|are|had\s+been|has\s+been|have\s+been|appeared\s+to\s+be|seemed\s+to\s+be"
           r"|turned\s+out\s+to\s+be|proved\s+to\s+be)")


def _frames(nouns: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    n = rf"(?:{nouns})\b"
    said = re.compile(rf"\b{_COPULA}\s+{_FILLER}{n}"                                # "was a civilian"
                      rf"|^(?:the|a|an)\s+[\w-]+,\s+(?:an?\s+)?(?:[\w-]+\s+){{0,3}}?{n}"  # "The driver, a farmer,"
                      rf"|\b(?:among\s+(?:them|whom)|including)\s+{_FILLER}{n}",  # "fifteen people, among them soldiers"
                      re.IGNORECASE)
    denied = re.compile(rf"\b{_COPULA}\s+(?:not|never|no)\s+{_FILLER}{n}|\b(?:rather\s+than|not)\s+{_FILLER}{n}",
                        re.IGNORECASE)
    return said, denied


# "all those handed over had served in the Armenian army": a combatant without a noun.
_SERVED = re.compile(r"\b(?:had|have|has)\s+(?:\w+\s+)?served\s+in\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?"
                     r"(?:army|armed\s+forces|military|forces)\b", re.IGNORECASE)
_STATUS_FRAMES = {status: _frames(nouns) for status, nouns in _NOUNS.items()}
_OTHER = {CIVILIAN: COMBATANT, COMBATANT: CIVILIAN}


@content_cache  # pure; the judge asks about one content in many pairs
def statuses(text: str) -> frozenset[str]:
    """What ``text`` says the people it speaks of were: civilians, combatants, or (rarely) both. "They were not
    soldiers" and "rather than servicemen" say civilians."""
    found = set()
    for status, (said, denied) in _STATUS_FRAMES.items():
        if denied.search(text):
            found.add(_OTHER[status])
        elif said.search(text):
            found.add(status)
    if _SERVED.search(text):
        found.add(COMBATANT)
    return frozenset(found)


def status_conflict(a_text: str, b_text: str, pack: Pack | None = None) -> bool:
    """Whether one content calls the people it speaks of civilians and the other combatants."""
    a, b = statuses(a_text), statuses(b_text)
    if len(a) != 1 or len(b) != 1 or a == b:
        return False  # nothing said, both said, or the same said
    return not different_scenes(a_text, b_text, pack)  # a villager in one place, a soldier in another
