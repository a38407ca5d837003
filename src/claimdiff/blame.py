"""Who started it: the side a statement holds responsible for the fighting, and pairs that blame each other.

Conflict news is made of mutual blame: "Azerbaijani forces opened fire on Armenian positions", says Yerevan;
"Armenian units violated the ceasefire, and our troops responded", says Baku. The two sentences share few
words and a small NLI model reads them as neutral, yet they cannot both be the whole story. This stage reads,
by rule, which side each asserted statement names as the one who *started* (opened fire, launched an
offensive, violated the truce, provoked, tried to cross or seize; or, said of the speaker's own side,
"responded", "retaliated"), and marks a candidate pair whose two sides each blame the other with the signal
``"blame"``; :func:`claimdiff.judge.judge` then calls it a contradiction (reason ``blame``).

Only acts that start or escalate fighting count. Shelling a village or wounding a civilian is reported by both
sides on the same day without either being false, so "Armenian artillery hit the village" blames no one here.
The agent of an act is the first side mentioned in its clause that is not the object of a preposition
("Units of the Armenian armed forces violated ...", "Baku [accused] of breaking ..."), or the side after "by"
in a passive; "the enemy" is whoever the speaker opposes, "our"/"its" troops the speaker's own side. A negated
act ("had not violated") blames no one, but clears the side of that kind of act ("did not open fire *first*" of
starting it too); "returned fire" blames the other side for firing as well as for starting. A side said to keep a
truce ("strictly observed the ceasefire") is cleared of firing, and firing and breaking a truce answer each other.
The tables below are general to armed conflict; the cue shapes were chosen reading the written part of
``benchmarks/contradictions`` (its figures flatter them), none for one article's wording.

Example:
    >>> from claimdiff.actors import ActorRegistry
    >>> blamed_sides("Azerbaijani forces opened fire on Armenian positions", "armenia", ActorRegistry.default())
    frozenset({'azerbaijan'})
    >>> blamed_sides("its troops had responded with fire", "azerbaijan", ActorRegistry.default())
    frozenset({'enemy'})
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Sequence

from claimdiff.actors import ActorRegistry
from claimdiff.records import CandidatePair
from claimdiff.times import day_relation, hours_relation

logger = logging.getLogger(__name__)

__all__ = ["ENEMY", "blamed_sides", "mark_mutual_blame", "read_blame"]

#: The side a statement blames when it says its own side only answered ("retaliatory measures were taken").
ENEMY = "enemy"

_W = r"(?:[\w'\u2019-]+,?\s+)"  # one word (and a list's comma) and the space after it
# Fire told with no doer at all: "the shooting began at 23:40", "the shooting continued" (see _UNNAMED_FIRE).
_NO_DOER_FIRE = r"(?:shooting|firing|gunfire)\s+(?:began|started|resumed|continued|lasted|intensified)"
# Acts that start or escalate fighting, by kind; the side doing them is blamed. A statement that its own side
# did *not* do one ("our units had not fired a single shot") clears it of that kind of act (not of "start":
# "did not start the war" and "resumed shelling" can both hold).
_ACTS: dict[str, list[str]] = {
    # Breaking a truce: a statement that its own side did not ("we did not break the ceasefire") answers one
    # that blames it for it.
    "truce": [
        rf"violat\w*\s+{_W}{{0,3}}(?:cease-?fire|truce|armistice|agreement|statement|border|regime|accords?)",
        rf"br(?:oke|oken|eak|eaks|eaking)\s+{_W}{{0,3}}(?:cease-?fire|truce|armistice|agreement)",
    ],
    "start": [
        rf"(?:launch|start|begin|began|begun|initiat|instigat|unleash|resum)\w*\s+{_W}{{0,6}}"
        r"(?:offensive|attacks?|assault|strikes?|operations?|hostilities|fighting|escalation|war|clash(?:es)?|shelling)",
        # "had started the shooting" (right after the verb: "begun by Azerbaijani units firing at ..." is a fire act)
        r"(?:start|begin|began|begun|initiat|instigat|provok)\w*\s+(?:the\s+|a\s+)?"
        r"(?:shooting|firing|gunfire|firefight|skirmish(?:es)?|exchange\s+of\s+fire)\b",
        r"provo(?:k|c)\w*", r"escalat(?:ed|ing|es)\b",
        rf"(?:bear|bears|bore|borne)\s+{_W}{{0,1}}responsibility", r"(?:is|are|was|were)\s+to\s+blame",
        r"(?:fully\s+|solely\s+|entirely\s+|directly\s+)?responsible\s+for", r"stag(?:e|ed|es|ing)\s+(?:the|a|an|this)\b",
        r"aggression", r"invad\w*|invasion", r"deliberately\s+(?:damag|destroy|cut)\w*",
        # force as a means: "using military pressure to extract concessions", "a campaign of terror"
        r"(?:extract|win|wring|force)\w*\s+concessions", r"put\w*\s+(?:military\s+)?pressure\s+on\b",
        r"campaign\s+of\s+terror|terror\s+campaign|ethnic\s+cleansing",
        # "made up this story to cover its own attack": an act the subject's own
        r"(?:its|their)\s+own\s+(?:attacks?|assault|offensive|strikes?|shelling|incursions?)",
    ],
    # Where fire came from: "killed by fire from the Azerbaijani side", "the shot was fired from an Azerbaijani
    # position". It answers a side that says it did not fire, but says nothing of who started: two sides each
    # reporting fire from the other are not blaming each other for the same thing.
    "fire_from": [
        r"(?:(?:been|were|was|are|is)\s+fired|fire|shots?|shelling)\s+from\b",
        # "the shooting came from Azerbaijani positions"
        r"(?:shooting|gunfire|fire|shots|shelling)\s+(?:came|had\s+come|was\s+coming|were\s+coming|comes)\s+from\b",
        r"shots?\s+(?:was|were|had\s+been|have\s+been)\s+fired\s+from\b",
        r"fire\s+(?:was\s+|had\s+been\s+)?opened\s+from\b",
        # "was killed by Azerbaijani sniper fire": whose fire, as "by" names in a passive
        r"(?:killed|wounded|injured|hit)(?=\s+by\s+(?:the\s+)?(?:[\w'\u2019-]+\s+){1,3}?fire\b)",
        # "the shooting began at 23:40": fire with no doer named (see _UNNAMED_FIRE)
        rf"(?<=\bthe\s){_NO_DOER_FIRE}\b",
    ],
    "fire": [
        # "opened fire", "opened small-arms fire", "opened artillery and mortar fire"
        r"open\w*\s+(?:[\w-]+\s+){0,3}?fire\b", r"(?:been|were|was|are|is)\s+fired\s+(?:on|at|upon)\b",
        r"fir(?:e|ed|ing)\s+(?:first|on\s+its|on\s+their|on\s+our)",
        rf"fir(?:e|ed|ing)\s+(?:on|at|upon)\s+{_W}{{0,5}}(?:positions|(?:out)?posts?)\b",
        rf"subject\w*\s+{_W}{{0,20}}to\s+{_W}{{0,4}}fire",
        rf"(?:attack|shell|strik|struck|target)\w*\s+{_W}{{0,3}}(?:combat\s+|military\s+|frontline\s+)?"
        r"(?:positions|(?:out)?posts?|servicem[ae]n|soldiers)\b",
        r"fir(?:e|ed|ing)\s+(?:a\s+|any\s+|one\s+)?(?:single\s+)?shots?\b",
        r"shots?\s+(?:was|were|had\s+been|have\s+been)\s+fired",
        # "fired about 40 rounds", "fired two mortar shells"
        r"fir(?:e|ed|ing)\s+(?:[\w-]+\s+){0,3}?(?:rounds|shells|bullets|rockets|missiles|grenades|volleys|bursts)\b",
        # fire at an aircraft is one incident's act, not the daily shelling both sides report
        rf"fir(?:e|ed|ing)\s+(?:on|at|upon)\s+{_W}{{0,3}}(?:helicopters?|aircraft|planes?|jets?|drones?|UAVs?)\b",
        r"fire\s+(?:was\s+|had\s+been\s+)?opened\b",
        r"(?:c[oa]me|comes|coming)\s+under\s+(?:\w+\s+)?fire(?:\s+from)?\b",
    ],
    "cross": [
        r"(?:attempt|tr(?:y|ie|ying))\w*\s+to\s+(?:cross|seize|capture|take|advance|infiltrate|break|storm|occupy)",
        r"cross\w*\s+(?:the\s+)?(?:state\s+)?border", rf"(?:seiz|storm)\w*\s+{_W}{{0,3}}positions",
    ],
    # Closing a road or a crossing: a blockade is blamed on one side as often as the first shot is.
    "block": [
        rf"(?:block|shut|clos|seal)\w*\s+(?:off\s+)?{_W}{{0,5}}(?:road|roads|corridor|highway|crossing|checkpoint|route"
        r"|pass|border|section|stretch)\b",
    ],
    "mines": [
        rf"(?:laid|lay|lays|laying|plant\w*)\s+{_W}{{0,1}}mines",
        r"mines\s+(?:had\s+been|have\s+been|were|was)\s+(?:laid|planted)",
    ],
}
# Acts of answering: said of the speaker's own side (or of no one), they blame the side it opposes.
_ANSWERING_ACTS = [
    # (not answering words: "responded to questions", "... to the accusations")
    r"respond\w*\s+(?:to|with|by)\b(?!\s+(?:a\s+|the\s+|these\s+|those\s+)?(?:questions?|reporters|journalists"
    r"|requests?|criticism|calls?|accusations?|allegations?|claims?|statements?|remarks|comments|letters?)\b)",
    r"in\s+response", r"retaliat\w*", r"counter-?offensive", r"counter-?attack\w*",
    r"return\w*\s+(?:the\s+)?fire", r"fir(?:e|ed|ing)\s+back", r"str(?:uck|ike|ikes|iking)\s+back",
    r"(?:fitting|adequate|proportionate|appropriate)\s+response", r"self-defen[cs]e",
    # "the strike was a response to ...", "our units responded only after the shelling began"
    # (clauses end at "after", "when": "responded only" / "responded" closing its clause)
    r"(?:a|its|their|our)\s+response\s+to\b", r"respond\w*(?:\s+only\b|\s*$)",
]
# A side said to keep a truce ("strictly observed the ceasefire", "continues to adhere to the truce") did not fire;
# not an appeal ("called on Baku to observe the ceasefire"): only a finite verb, or "continue(s) to".
_KEPT_TRUCE = re.compile(
    r"(?<!\bto\s)\b(?:continu\w+\s+to\s+)?(?:strictly\s+|fully\s+)?(?:observ|adher|compl|respect|abid|kept|keep)"
    r"(?:ed|es|ing|ies|s)?\s+(?:to\s+|with\s+|by\s+)?(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:cease-?fire|truce)\b",
    re.IGNORECASE)
# Answers that say the other side fired: "returned fire", "fired back" blame it for the fire too.
_ANSWERING_FIRE = re.compile(r"return\w*\s+(?:the\s+)?fire|fir(?:e|ed|ing)\s+back", re.IGNORECASE)
# "did not open fire first": a denied act done *first* is a denied start.
_FIRST = re.compile(r"\s+(?:\w+\s+){0,3}?first\b", re.IGNORECASE)
_STARTING = re.compile(r"\b(?:" + "|".join(f"(?P<{kind}>{'|'.join(acts)})" for kind, acts in _ACTS.items()) + ")",
                       re.IGNORECASE)
# "responsibility for the incident lies with the leadership of Armenia": the side named after it is blamed.
_RESPONSIBILITY_WITH = re.compile(r"\bresponsibility\b[^.;]{0,80}?\b(?:lies|lay|rests|rested|remains)\s+"
                                  r"(?:\w+\s+){0,2}?with\b", re.IGNORECASE)
_ANSWERING = re.compile(r"\b(?:" + "|".join(_ANSWERING_ACTS) + r")", re.IGNORECASE)
# "of lying", "of spreading disinformation": an accusation about words, not about who started the fighting.
_ACCUSED = re.compile(r"(?:'s|\u2019s)?(?:\s+(?:armed\s+forces|units?|forces|troops|army|military|side|servicemen"
                      r"|soldiers))?\s+(?:of|for)\s+(?:\w+ly\s+)?(?!lying|spreading|distorting|misleading"
                      r"|disseminating|falsifying)\w+ing\b", re.IGNORECASE)
_NEGATED = re.compile(r"\b(?:not|n't|never|no|nor|neither|without)\s+(?:\w+\s+){0,3}$", re.IGNORECASE)
# "had been fired on by Armenian units", "came under fire from Azerbaijani positions", "this provocation was ordered
# in Yerevan": the side after it did the act.
_PASSIVE_BY = re.compile(r"^\s*(?:\w+\s+){0,6}?(?:by|(?:ordered|planned|organi[sz]ed|orchestrated|prepared"
                         r"|masterminded|directed)\s+(?:in|from))\s+(?:the\s+)?$", re.IGNORECASE)
# Fire done to the sentence's subject: "our positions were fired upon", "its soldiers came under fire".
_PASSIVE_FIRE = re.compile(r"(?:been|were|was|are|is)\s+fired|(?:c[oa]me|comes|coming)\s+under\b", re.IGNORECASE)
# An act whose doer is left unnamed but is plain from who says it: "an unprovoked attack", "the strike violated
# the ceasefire" (no side calls its own act either). Said by one side, they blame whoever it opposes.
_UNPROVOKED = re.compile(r"\bunprovoked\s+(?:\w+\s+){0,2}?(?:attacks?|aggression|strikes?|shelling|assaults?"
                         r"|offensive|incursions?|fire|provocations?)\b", re.IGNORECASE)
# ... as is fire told with no doer at all: a side does not report its own fire as "the shooting began" (where fire
# came from, not who started: it answers "no shots were fired", not the other side's own report of fire).
_UNNAMED_FIRE = re.compile(_NO_DOER_FIRE, re.IGNORECASE)
_EVENT_SUBJECT = re.compile(r"\b(?:the|this|that|these|such)\s+(?:\w+\s+)?(?:attacks?|strikes?|shelling|assaults?"
                            r"|incursions?|offensive|provocations?|aggression)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_CLAUSES = re.compile(r";|\b(?:and|but)\s+that\b|\bbut\b|\bwhile\b|\bwhereas\b|\bafter\b|\bwhen\b|\bdespite\b",
                      re.IGNORECASE)
_SAME_SUBJECT = frozenset({"while", "when", "after"})
# A side mention right after one of these is what the act is done to or where, not who does it.
_PREPOSITIONS = frozenset("on at against into toward towards near in from to with across over along inside "
                          "onto about for upon within behind".split())
_FORCE_NOUNS = frozenset("units unit forces troops groups group detachments members army soldiers servicemen "
                         "formations".split())
# "Armenian units' provocation" names who did it; "Armenian positions' shelling" does not: force nouns and positions
# between an owner and a start act keep the owner from being its doer.
_NOT_AN_OWNERS_ACT = _FORCE_NOUNS | {"positions"}
_OWN = re.compile(r"\b(?:our|we|its|their)\s+(?:\w+\s+){0,2}?(?:forces|troops|units|army|soldiers|servicemen"
                  r"|side|military|positions)\b|\bwe\b", re.IGNORECASE)
_ENEMY_WORDS = re.compile(r"\b(?:the\s+)?(?:enemy|adversary|opponent)\b", re.IGNORECASE)
# "violated the ceasefire 14 times since Monday": a tally of the other side's violations. Two sides' tallies count
# different acts, as two sides' losses do (claimdiff.numbers), and do not dispute who broke the truce.
_TALLY = re.compile(r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|\w+ty"
                    r"|several|dozens\s+of|many)\s+times\b|\btwice\b", re.IGNORECASE)


def _side_mentions(text: str, speaker_side: str, registry: ActorRegistry) -> list[tuple[int, int, str]]:
    """(start, end, side) of every side named in ``text``, in order; "the enemy" and "our troops" included."""
    found = [(m.start, m.end, registry.get(m.actor).side) for m in registry.find_mentions(text)]
    found += [(start, end, side) for start, end, side in registry.find_demonyms(text)
              if not any(s <= start < e for s, e, _ in found)]
    found += [(m.start(), m.end(), ENEMY) for m in _ENEMY_WORDS.finditer(text)]
    found += [(m.start(), m.end(), speaker_side) for m in _OWN.finditer(text)]
    found.sort()
    return found


def _is_object(text: str, start: int) -> bool:
    """Whether the mention at ``start`` follows a preposition ("fire on Armenian positions")."""
    words = re.findall(r"[\w'\u2019-]+", text[:start].lower())
    while words and words[-1] in ("the", "a", "an"):
        words.pop()
    if not words:
        return False
    if words[-1] == "of":  # "Units of the Armenian armed forces" names who; "positions of the army", whom
        return not (len(words) > 1 and words[-2] in _FORCE_NOUNS)
    return words[-1] in _PREPOSITIONS


def blamed_sides(content: str, speaker_side: str | None, registry: ActorRegistry) -> frozenset[str]:
    """The sides ``content`` holds responsible for starting the fighting, said by someone of ``speaker_side``.

    :data:`ENEMY` stands for "whoever the speaker opposes" (the speaker's own side only answered, or "the
    enemy" started it). Sides the statement names as doing a starting act are returned as they are, the
    speaker's own included.
    """
    return frozenset(side for side, _ in read_blame(content, speaker_side, registry)[0])


def read_blame(content: str, speaker_side: str | None, registry: ActorRegistry, denied: bool = False
               ) -> tuple[frozenset[tuple[str, str]], frozenset[tuple[str, str]]]:
    """(blamed, cleared): (side, kind of act) pairs that ``content`` says did a starting act, and that it says
    did *not* do one ("Armenian units had not fired a single shot": ``("armenia", "fire")``; with no side
    named, the speaker's own). Kinds are the keys of ``_ACTS``; answering blames ``(ENEMY, "start")``.
    ``denied``: the speaker denies the content ("denied that Armenian units had opened fire first"), so its acts
    are cleared and nothing is blamed."""
    if not speaker_side or speaker_side == "narrator":
        return frozenset(), frozenset()
    blamed: set[tuple[str, str]] = set()
    cleared: set[tuple[str, str]] = set()
    mentions = _side_mentions(content, speaker_side, registry)
    if not denied and mentions and mentions[0][0] <= 4 and _ACCUSED.match(content, mentions[0][1]):
        # What an "accused"/"blamed" cue leaves: "Yerevan of shelling a tractor", whatever the act.
        blamed.add((mentions[0][2], "start"))
    splits = list(_CLAUSES.finditer(content))
    bounds = [0, *(m.start() for m in splits), len(content)]
    subject = None
    for k, (lo, hi) in enumerate(zip(bounds, bounds[1:])):
        clause = [(s, e, side) for s, e, side in mentions if lo <= s < hi]
        # "... had been detained while trying to lay mines": such a clause has the main clause's subject.
        inherited = (subject if k and splits[k - 1].group().lower() in _SAME_SUBJECT
                     and re.match(r"\s+\w+ing\b", content[splits[k - 1].end():]) else None)
        subject = next((side for s, _, side in clause if not _is_object(content, s)), inherited)
        for act in _STARTING.finditer(content, lo, hi):
            agent = _agent(content, act, clause, speaker_side) or inherited
            if denied != _negated_before(content, act, lo):
                if act.lastgroup != "start":
                    cleared.add((agent or speaker_side, _CLEARED_AS.get(act.lastgroup, act.lastgroup)))
                    # "did not open fire first", "denied that its units had fired first": no start either
                    if _FIRST.match(content, act.end(), hi) or act.group().lower().endswith("first"):
                        cleared.add((agent or speaker_side, "start"))
            elif agent is not None:
                blamed.add((agent, act.lastgroup))
            elif _EVENT_SUBJECT.search(content, lo, act.start()) or _UNNAMED_FIRE.fullmatch(act.group()):
                blamed.add((ENEMY, act.lastgroup))
        for act in _KEPT_TRUCE.finditer(content, lo, hi):
            agent = _agent(content, act, clause, speaker_side) or inherited
            if denied == _negated_before(content, act, lo):
                cleared.add((agent or speaker_side, _CLEARED_AS["truce"]))
            elif agent is not None:
                blamed.add((agent, "truce"))  # "Azerbaijan had not observed the truce"
        if denied:
            continue  # a denied "unprovoked attack" or "in response" clears no side of a kind of act
        for act in _UNPROVOKED.finditer(content, lo, hi):
            if not _negated_before(content, act, lo):
                blamed.add((_agent(content, act, clause) or inherited or ENEMY, "start"))
        for act in _RESPONSIBILITY_WITH.finditer(content, lo, hi):
            after = next((side for s, _, side in clause if s >= act.end()), None)
            if after is not None and not _negated_before(content, act, lo):
                blamed.add((after, "start"))
        for act in _ANSWERING.finditer(content, lo, hi):
            if _negated_before(content, act, lo):
                if _ANSWERING_FIRE.match(content, act.start()):
                    # "our units did not return fire": they did not fire at all
                    cleared.add((_agent(content, act, clause) or inherited or speaker_side, "fire"))
                continue
            # Said of no one, of the speaker's own side, or of the enemy as its target ("the enemy's firing points were
            # silenced with return fire").
            if (_agent(content, act, clause) or inherited) in (None, speaker_side, ENEMY):
                blamed.add((ENEMY, "start"))
                if _ANSWERING_FIRE.match(content, act.start()):
                    blamed.add((ENEMY, "fire"))
    return frozenset(blamed), frozenset(cleared)


def _negated_before(content: str, act: re.Match[str], clause_start: int) -> bool:
    """Whether a negation stands in the few words before ``act`` within its clause ("had not violated")."""
    return _NEGATED.search(content[max(clause_start, act.start() - 40):act.start()]) is not None


def _agent(content: str, act: re.Match[str], clause: list[tuple[int, int, str]],
           speaker_side: str | None = None) -> str | None:
    after = [(s, side) for s, _, side in clause if s >= act.end()]
    between = content[act.end():after[0][0]] if after else ""
    if after and (_PASSIVE_BY.match(between)
                  or act.group().lower().endswith("from") and re.fullmatch(r"\s*(?:the\s+|an?\s+)?", between)):
        return after[0][1]  # "had been fired on by Armenian units", "came under fire from Azerbaijani positions"
    subject = next((side for start, _, side in clause if start < act.start() and not _is_object(content, start)), None)
    owner = [(end, side) for _, end, side in clause if end <= act.start()]
    if owner and act.lastgroup == "start" and (m := re.fullmatch(r"(?:'s|\u2019s|')\s+(?P<how>\w+\s+)?",
                                                                 content[owner[-1][0]:act.start()])) \
            and (m["how"] or "").strip().lower() not in _NOT_AN_OWNERS_ACT:
        return owner[-1][1]  # "the enemy's provocation", "Armenia's armed provocation": the owner did it
    if subject is None and act.lastgroup == "fire" and speaker_side is not None and any(
            act.start() < start < act.end() and side == speaker_side for start, _, side in clause):
        return ENEMY  # "the strike followed a mortar attack on Armenian positions", said by Yerevan: the enemy's
    if _PASSIVE_FIRE.match(act.group()):
        # "our positions were fired upon", "its soldiers came under fire": the subject is whom it was done to; said
        # of the speaker's own side, the enemy did it.
        return ENEMY if subject is not None and subject == speaker_side else None
    return subject


# Kinds of act that answer each other: fire said to come from a side is answered by that side's saying it did not
# fire, and a side that says it kept the truce says it did not fire (and one that did not fire kept it).
_CLEARED_AS = {"fire_from": "fire", "truce": "fire"}
# Kinds that tell whose fire it was but not who started: never blame on both sides.
_NOT_MUTUAL = frozenset({"fire_from"})


def _names(side: str, speaker: str, other: str, registry: ActorRegistry) -> bool:
    """Whether ``side``, as said by someone of ``speaker``, is ``other`` (ENEMY: whoever the speaker opposes)."""
    return side == other or (side == ENEMY and registry.opposes(speaker, other))


def _clash(a: tuple, a_side: str, b: tuple, b_side: str, registry: ActorRegistry) -> bool:
    """Each side blames the other, or one blames the other for a kind of act that the other says it did not do."""
    blamed_a, cleared_a = a
    blamed_b, cleared_b = b
    if (any(_names(s, a_side, b_side, registry) for s, kind in blamed_a if kind not in _NOT_MUTUAL)
            and any(_names(s, b_side, a_side, registry) for s, kind in blamed_b if kind not in _NOT_MUTUAL)):
        return True
    return (any(_names(s, a_side, b_side, registry) and (b_side, _CLEARED_AS.get(kind, kind)) in cleared_b
                for s, kind in blamed_a)
            or any(_names(s, b_side, a_side, registry) and (a_side, _CLEARED_AS.get(kind, kind)) in cleared_a
                   for s, kind in blamed_b))


def _tally(text: str, blame: tuple) -> bool:
    """Whether a statement blames only for breaking a truce, and counts how often ("nine times")."""
    return {kind for _, kind in blame[0]} == {"truce"} and _TALLY.search(text) is not None


def mark_mutual_blame(pairs: Sequence[CandidatePair], registry: ActorRegistry) -> list[CandidatePair]:
    """Add the signal ``"blame"`` to each pair whose sides blame each other, or where one side blames the other
    for a kind of act ("opened fire") that the other says it did not do ("not a single shot", or denied: "denied
    that its units had opened fire"), unless the two name different days or hours of the day
    (:func:`claimdiff.times.day_relation`, :func:`claimdiff.times.hours_relation`) or both only tally the other's
    truce violations ("violated the ceasefire 14 times" / "nine times").

    Returns new pairs, same length and order.
    """
    cache: dict[str, tuple] = {}

    def read(statement) -> tuple:
        if statement.id not in cache:
            cache[statement.id] = read_blame(statement.content.text, statement.side, registry,
                                             denied=statement.polarity == "denies")
        return cache[statement.id]

    out = []
    for pair in pairs:
        a, b = pair.a, pair.b
        if ("asserts" in (a.polarity, b.polarity) and a.side and b.side
                and _clash(read(a), a.side, read(b), b.side, registry)
                and not (_tally(a.content.text, read(a)) and _tally(b.content.text, read(b)))
                # Fire on Tuesday in one place and on Wednesday in another, or in the morning and at night: two
                # incidents, each side's own.
                and day_relation(a.content.text, b.content.text) != "different"
                and hours_relation(a.content.text, b.content.text) != "different"):
            logger.debug("%s / %s: the sides blame each other", a.id, b.id)
            pair = dataclasses.replace(pair, signals=(*pair.signals, "blame"))
        out.append(pair)
    return out
