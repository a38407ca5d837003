"""Counted quantities in claim contents ("at least forty-nine people were killed"), and whether two contents
give figures for the same count that cannot both hold.

(Over 500 lines: reading a figure, what it counts and whose, and the rules comparing figures share one set of
word tables. The conflict's own words, demonyms and names that are no place, come from its pack.)

NLI models read "49 victims" against "30 killed" as merely neutral, though the two figures cannot both be the
death toll. This module reads figures, what they count and whose they are with small regular expressions (no
model) and decides :func:`numeric_conflict` for :func:`claimdiff.judge.judge`. Figures of different times
(:func:`claimdiff.times.time_relation`), periods or places are not compared.

Example:
    >>> [(q.low, q.high, q.category) for q in quantities("at least forty-nine people were killed")]
    [(49.0, inf, 'killed')]
    >>> numeric_conflict("there were 49 victims", "30 killed").describe()
    'killed: 49 vs 30'
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

from claimdiff._content_cache import content_cache
from claimdiff.pack import Pack, pack_or_default
from claimdiff.records import Span
from claimdiff.times import MONTHS, WEEKDAYS, clock_times, time_relation

__all__ = ["COUNTED", "NumericConflict", "Quantity", "counted_owners", "different_owners", "different_scenes",
           "numeric_conflict", "periods", "place_names", "quantities"]

logger = logging.getLogger(__name__)


_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen".split())}
_TENS = {w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000}
_NUMWORD = "|".join(sorted((*_UNITS, *_TENS), key=len, reverse=True))
_SCALEWORD = "|".join(_SCALES)

# Vague amounts (pattern, low, high, approx): conservative (wide) ranges, since a conflict needs ranges that
# cannot overlap. The last two entries, "a single" and zero, must stay last: quantities() finds them by index.
_VAGUE: list[tuple[str, float, float, bool]] = [
    (r"tens\s+of\s+thousands", 20_000, 99_999, True),
    (r"hundreds\s+of\s+thousands", 200_000, 999_999, True),
    (r"(?:several|a\s+few)\s+dozen|dozens", 24, 99, True),
    (r"(?:several|a\s+few)\s+hundred|hundreds", 200, 999, True),
    (r"(?:several|a\s+few)\s+thousand|thousands", 2_000, 99_999, True),
    (r"scores", 40, 199, True),
    (r"a\s+dozen|one\s+dozen", 12, 12, True),  # a round figure, not a count
    (r"a\s+couple(?:\s+of)?", 2, 3, True),
    (r"a\s+handful(?:\s+of)?|a\s+few|several", 2, 15, True),
    # "An Armenian soldier was killed": one person, when the article stands before a person noun.
    (r"an?(?!\s+single\b)(?=\s+(?:[A-Z][a-z]+\s+)?(?:soldier|serviceman|servicewoman|civilian|resident"
     r"|villager|child|woman|man|officer|conscript|reservist|person)\b)", 1, 1, False),
    (r"a\s+single|one\s+single", 1, 1, False),  # zero after a negation: "not a single tank", "has not lost a single"
    (r"no\s+one|nobody|none|no(?!\s+(?:fewer|less|more|longer|later|sooner|earlier)\b)", 0, 0, False),
]
_NUMBER = re.compile(
    r"(?<![A-Za-z]-)(?<![\w.,])(?:"
    + "|".join(f"(?P<v{i}>{entry[0]})" for i, entry in enumerate(_VAGUE))
    # "and" only after a scale word ("one hundred and twenty"): "two and three" are two numbers.
    + rf"|(?P<words>(?:a\s+(?:{_SCALEWORD})|(?:{_NUMWORD}))"
    + rf"(?:[\s-]+(?:{_NUMWORD}|{_SCALEWORD})|(?<=hundred)\s+and\s+(?:{_NUMWORD})"
    + rf"|(?<=thousand)\s+and\s+(?:{_NUMWORD}))*)"
    + rf"|(?P<digits>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)(?:\s+(?P<dscale>{_SCALEWORD}))?"
    + r")(?P<half>\s+and\s+a\s+half)?(?![\w%])(?!-[A-Za-z])",
    re.IGNORECASE,
)
# "over 18" is a bound, but "handed over 18 bodies" is a verb's particle.
_LOWER = re.compile(r"\b(?:at\s+least|more\s+than|(?<!handed\s)(?<!turned\s)(?<!taken\s)(?<!took\s)(?<!hands\s)"
                    r"(?<!handing\s)(?<!passed\s)(?<!given\s)(?<!gave\s)over|no\s+(?:fewer|less)\s+than"
                    r"|upwards\s+of|in\s+excess\s+of"
                    r"|exceed(?:ed|ing|s)?|surpass(?:ed|ing)?|a\s+minimum\s+of|not\s+less\s+than)\s*$", re.IGNORECASE)
_UPPER = re.compile(r"\b(?:at\s+most|up\s+to|fewer\s+than|less\s+than|under|no\s+more\s+than|not\s+more\s+than"
                    r"|below|a\s+maximum\s+of|(?:not|never)\s+exceed(?:ed|ing|s)?)\s*$", re.IGNORECASE)
_NEARLY = re.compile(r"\b(?:nearly|almost|close\s+to|just\s+under)\s*$", re.IGNORECASE)
_ABOUT = re.compile(r"\b(?:about|around|some|approximately|roughly|an\s+estimated|estimated|circa|approx\.?)\s*$",
                    re.IGNORECASE)
_PLUS_AFTER = re.compile(r"\+|\s+(?:or|and)\s+more\b|\s+plus\b", re.IGNORECASE)
_RANGE_MID = re.compile(r"\s*(?:-|\u2013|\u2014|to)\s*", re.IGNORECASE)
_BETWEEN = re.compile(r"\bbetween\s*$", re.IGNORECASE)
_CHANGE = re.compile(r"\b(?:rose|risen|rising|increased|climbed|grew|jumped|went\s+up|up)\s+from\s*$", re.IGNORECASE)
_PART = re.compile(r"\b(?:including|includ(?:es|ed)|among\s+(?:them|whom|which)|of\s+(?:them|whom|which))\b"
                   r"[^.;]{0,12}$", re.IGNORECASE)
_STILL_COUNTING = re.compile(r"\b(?:so\s+far|preliminary|to\s+date|and\s+counting|not\s+(?:yet\s+)?(?:the\s+)?final"
                             r"|(?:is|was)\s+expected\s+to\s+rise)\b", re.IGNORECASE)
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
          r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DATE_BEFORE = re.compile(_MONTH + r"\s*$")
_DATE_AFTER = re.compile(r"\s*(?:of\s+)?" + _MONTH + r"\b")
# "the death toll rose to 49", "bringing its toll to four", "the number of Armenian soldiers killed had risen to
# 105" (the owner, when written, is the group "owner").
_DEATH_TOLL = re.compile(r"\b(?:(?i:death\s+toll|(?:its|their|the)\s+toll)|(?i:number\s+of\s+(?:the\s+)?)"
                         r"(?:(?P<owner>[A-Z][a-z]+)\s+)?(?i:(?:dead|victims|deaths|fatalities)\b"
                         r"|(?P<people>soldiers|servicemen|troops|people|civilians)\s+(?:killed|dead)\b))[^.;]{0,25}$")
_CASUALTY_TOLL = re.compile(r"\b(?:casualt(?:y|ies)\s+(?:toll|count|figure))\b[^.;]{0,25}$", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[,;:!?()\[\]\"\u201c\u201d]|\.(?:\s|$)")
# A short aside between commas after a counted noun: ", including a colonel,", ", most of them conscripts,".
_ASIDE = re.compile(r"\s*,\s*(?:including|among\s+them|most\s+of\s+them|mostly|all\s+of\s+them)\b[^,.;]{0,40},",
                    re.IGNORECASE)
_AFTER_STOP = re.compile(_CLAUSE_END.pattern + r"|\d")  # the next number counts its own noun
_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019]*(?:-[A-Za-z]+)*")

# Head nouns. Casualty words carry their category; people and equipment need a cue ("were killed", "lost").
_CASUALTY_NOUNS: dict[str, tuple[str, str]] = {  # word → (category, normalised noun)
    **dict.fromkeys(("victim", "victims"), ("killed", "victim")),
    **dict.fromkeys(("dead", "deaths", "death", "fatalities", "fatality", "killed", "bodies", "lives"),
                    ("killed", "dead")),
    **dict.fromkeys(("wounded", "injured", "injuries", "hurt"), ("wounded", "wounded")),
    **dict.fromkeys(("casualties", "casualty"), ("casualties", "casualty")),
    **dict.fromkeys(("prisoners", "prisoner", "pows", "pow", "captives", "hostages", "captured"),
                    ("captured", "prisoner")),
}
_PEOPLE: dict[str, tuple[str, str | None]] = {  # word → (normalised noun, group)
    **{w: ("soldier", "military") for w in ("soldier", "soldiers", "serviceman", "servicemen", "servicemembers",
                                            "troops", "personnel", "fighters", "militants", "conscripts",
                                            "officers", "military", "reservists")},
    **{w: ("civilian", "civilian") for w in ("civilian", "civilians", "residents", "villagers", "children",
                                             "women")},
    **{w: ("person", None) for w in ("people", "persons", "person", "individuals", "men", "nationals", "citizens")},
}
_EQUIPMENT: dict[str, str] = {
    **dict.fromkeys(("drone", "drones", "uav", "uavs", "bayraktar", "bayraktars"), "drone"),
    **dict.fromkeys(("tank", "tanks"), "tank"),
    **dict.fromkeys(("helicopter", "helicopters"), "helicopter"),
    **dict.fromkeys(("aircraft", "plane", "planes", "jet", "jets", "warplanes", "warplane"), "aircraft"),
    **dict.fromkeys(("vehicle", "vehicles", "apcs", "apc", "ifvs", "ifv", "trucks"), "vehicle"),
    **dict.fromkeys(("howitzer", "howitzers", "artillery", "guns", "cannons", "mortars"), "artillery"),
    **dict.fromkeys(("launcher", "launchers", "mlrs"), "launcher"),
    **dict.fromkeys(("systems", "system"), "system"),
    "equipment": "equipment",
}
# Losing people in fighting means they died; "shot", "hit", "destroyed" only count as a loss of equipment.
_PEOPLE_LOSS_CUES = frozenset({"lost", "losing", "lose", "loses", "losses", "loss"})
_KILL_CUES = frozenset({"killed", "died", "dead", "perished", "kia", "killing", "kill", "kills", "eliminated",
                        "eliminating", "neutralized", "neutralised", "neutralizing", "neutralising", "slain"})
_WOUND_CUES = frozenset({"wounded", "injured", "hurt", "wounding", "injuring"})
_CAPTURE_CUES = frozenset({"captured", "capturing", "detained", "abducted"})
# ... and, after the counted people only, still held: "33 Armenians were still held", "19 nationals remain in
# custody" (not "talks were held with 12 officials").
_HELD_CUES = frozenset({"held", "custody", "imprisoned", "jailed", "detention"})
# ... "held" only with no object after it: "held in Azerbaijan", "held captive", not "held their positions".
_HELD_AFTER = frozenset({"in", "by", "at", "since", "for", "captive", "hostage", "prisoner", "prisoners", "without",
                         "incommunicado", "there", "on"})
# "no civilians were harmed", "no civilian casualties": killed and wounded together.
_HARM_CUES = frozenset({"harmed", "casualties", "casualty"})
_LOSS_CUES = frozenset({"lost", "losing", "lose", "loses", "destroyed", "destroying", "downed", "downing", "shot",
                        "hit", "burned", "burnt", "eliminated", "neutralized", "neutralised", "neutralizing",
                        "neutralising", "disabled"})
_FIRST_PERSON = frozenset({"our", "we", "us", "own"})
_ENEMY = frozenset({"enemy", "enemy's", "adversary", "adversary's", "opponent", "opponent's"})
_NOT_OWNERS = frozenset({"The", "A", "An", "Of", "And"})
_ANAPHORS = frozenset({"its", "their", "his", "her"})
# Words that end the noun phrase after a number: the head noun must come before them.
_HEAD_STOP = frozenset({"were", "was", "are", "is", "have", "has", "had", "been", "and", "or", "in", "on", "at",
                        "by", "from", "to", "who", "which", "that", "as"})
# "Azerbaijan lost 50 servicemen", "Armenia's losses were 12", "the enemy lost 40": whoever lost them owns them.
_LOSER = re.compile(r"\b([A-Z][a-z]+|(?<=\bthe\s)(?:enemy|adversary|opponent))(?:'s|\u2019s)?"
                    r"(?:\s+(?i:side|(army|forces|troops|armed\s+forces)))?"
                    r"\s+(?:(?:has|had|have)\s+)?(?:(?:still|already|also|not|never|reportedly)\s+)?"
                    r"(?:lost|losses|suffered)\b[^.;,]{0,30}$")
# A figure right after "and" in the clause of an earlier one, with no noun of its own but what became of them
# ("... were killed and five others wounded"), counts the same people.
_COORDINATED = re.compile(r"[^.;:!?\d]{0,80}\band\s+")
_NO_NOUN_OF_ITS_OWN = frozenset({None, *(noun for _, noun in _CASUALTY_NOUNS.values())})  # "dead", "wounded", ...
# Units after a figure that make it a measure, not a count of people or things.
_UNITS_OF_MEASURE = frozenset({"second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week",
                               "weeks", "month", "months", "year", "years", "km", "kilometres", "kilometers",
                               "kilometre", "kilometer", "metres", "meters", "metre", "meter", "miles", "mile",
                               "percent", "per", "times", "hectares", "mm", "millimetre", "calibre"})
# A figure with no noun followed by these has its verb a few words on ("two had been lightly wounded").
_AUXILIARIES = frozenset({"were", "was", "are", "is", "have", "has", "had", "been"})
# Words that open the next coordinated clause after a figure's verb ("12 were killed and three wounded").
_NEXT_CLAUSE = frozenset({"and", "or", "but", "while", "whereas", "as"})
# A verb that says what became of counted people, after the figure: it, not a verb before, gives the category.
_CASUALTY_VERBS = _KILL_CUES | _WOUND_CUES | _CAPTURE_CUES | _LOSS_CUES | _PEOPLE_LOSS_CUES | {"harmed"}
# "not a single", "has not lost a single", "never ... a single": the single is none.
_NEGATED = re.compile(r"\b(?:not|never|n't|without)\b[^.;,:]{0,20}$", re.IGNORECASE)

#: Categories whose figures are compared by :func:`numeric_conflict`.
COUNTED: frozenset[str] = frozenset({"killed", "wounded", "casualties", "captured", "equipment_lost"})


@dataclass(frozen=True)
class Quantity:
    """A number and what it counts.

    Attributes:
        span: the number as written, with its modifier ("at least 49", "dozens", "forty-nine").
        low, high: the range the number allows; equal for an exact figure, ``high`` is ``inf`` for "at least".
        approx: "about", "nearly", a vague amount ("dozens"): the range was widened or is a convention.
        noun: the counted head noun, normalised ("victim", "dead", "soldier", "drone"), ``None`` if none found.
        category: ``"killed"`` (victims, dead, deaths, killed), ``"wounded"``, ``"casualties"`` (the word:
            killed and wounded together), ``"captured"``, ``"equipment_lost"`` (destroyed, shot down, lost),
            ``"equipment"`` (no loss said), ``"people"`` (people with no casualty cue), ``"other"``.
        group: for people: ``"military"``, ``"civilian"`` or ``None`` (anyone: "victims", "people").
        owner: whose they are, from a name next to the number ("Armenian soldiers", "Armenia lost ..." →
            ``"armenia"``), ``"self"`` ("our soldiers"), ``"enemy"``, ``"anaphor"`` ("its losses"), or ``None``.
        part: a part of a total given nearby ("including 10 civilians"): never compared.
    """

    span: Span
    low: float
    high: float
    approx: bool = False
    noun: str | None = None
    category: str = "other"
    group: str | None = None
    owner: str | None = None
    part: bool = False

    @property
    def value(self) -> float | None:
        """The exact figure, ``None`` for a range or bound."""
        return self.low if self.low == self.high and not self.approx else None

    @property
    def key(self) -> tuple[str, str | None, str | None]:
        """What must match for two figures to count the same thing."""
        return self.category, self.group, self.noun if self.category == "equipment_lost" else None

    def describe(self) -> str:
        if self.low == self.high:
            return f"{'~' if self.approx else ''}{self.low:g}"
        if self.high == math.inf:
            return f">={self.low:g}"
        return f"{self.low:g}-{self.high:g}"


def _word_value(words: str) -> float:
    total, current = 0, 0
    for w in re.split(r"[\s-]+", words.lower()):
        if w in ("and", ""):
            continue
        if w == "a":
            current = max(current, 1)
        elif w in _UNITS:
            current += _UNITS[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w == "hundred":
            current = max(current, 1) * 100
        else:  # thousand, million
            total += max(current, 1) * _SCALES[w]
            current = 0
    return float(total + current)


def _raw_value(m: re.Match[str]) -> tuple[float, float, bool]:
    for i, (_, low, high, approx) in enumerate(_VAGUE):
        if m.group(f"v{i}"):
            return float(low), float(high), approx
    half = 0.5 if m.group("half") else 0.0  # "one and a half kilometres"
    if m.group("words"):
        v = _word_value(m.group("words")) + half
        return v, v, False
    v = float(m.group("digits").replace(",", "")) + half
    if m.group("dscale"):
        v *= _SCALES[m.group("dscale").lower()]
    return v, v, False


def _after_words(text: str, end: int, limit: int = 8) -> list[str]:
    stop = _AFTER_STOP.search(text, end, end + 100)
    return _WORD.findall(text, end, stop.start() if stop else min(len(text), end + 100))[:limit]


def _before_words(text: str, start: int, limit: int = 3) -> list[str]:
    window = text[max(0, start - 60):start]
    stops = list(_AFTER_STOP.finditer(window))  # "killed 12 and wounded 30": the verb before 12 is not 30's
    if stops:
        window = window[stops[-1].end():]
    return [w.lower() for w in _WORD.findall(window)][-limit:]


def _still_held(cues: list[str]) -> bool:
    """Whether the words after counted people say they are held: "were still held in Azerbaijan", "remain in
    custody"; not "held their positions" (an object after "held")."""
    words = [c.lower() for c in cues]
    for i, w in enumerate(words):
        if w in _HELD_CUES and (w != "held" or i + 1 == len(words) or words[i + 1] in _HELD_AFTER):
            return True
    return False



def _own_verbs(cues: list[str]) -> set[str]:
    """The words after a figure up to the next coordinated clause ("were killed and three wounded": were, killed),
    going on through "and"/"or" between two verbs of what became of them ("were killed or wounded")."""
    words = [c.lower() for c in cues]
    out: set[str] = set()
    for i, w in enumerate(words):
        if w in _NEXT_CLAUSE:
            if out & _CASUALTY_VERBS and words[i + 1 : i + 2] and words[i + 1] in _CASUALTY_VERBS:
                continue
            break
        out.add(w)
    return out


def _owner_key(word: str, demonyms: Mapping[str, str]) -> str:
    """A comparable owner: "Armenian", "Armenia's" and "Armenia" all give ``"armenia"`` (the pack's demonyms)."""
    w = re.sub(r"['\u2019]s$", "", word.lower()).split("-")[0]
    return demonyms.get(w, w)


def _classify(text: str, start: int, end: int, is_zero_pronoun: bool,
              demonyms: Mapping[str, str]) -> tuple[str | None, str, str | None, str | None]:
    """(noun, category, group, owner) of the number at ``text[start:end]``."""
    after = _after_words(text, end)
    if after and after[0].lower() in _UNITS_OF_MEASURE:
        return None, "other", None, None  # "died at least four days after the fighting": a span, not a count
    before = set(_before_words(text, start))
    noun: str | None = None
    category: str | None = None
    group: str | None = None
    owner: str | None = None
    head_kind: str | None = None  # "casualty" | "people" | "equipment"
    head = -1
    losses_of = False  # "no losses among the personnel": the losses are the dead
    combat = False     # "no combat deaths", "12 combat losses": of the military
    for i, word in enumerate(after[:5]):
        w = word.lower()
        if w in _UNITS or w in _TENS or w in _HEAD_STOP:
            break  # the next number's words, or the verb: no head noun
        if w in _CASUALTY_NOUNS or w in _PEOPLE or w in _EQUIPMENT:
            head = i
            break
        if word[0].isupper() and w.endswith("s") and w[:-1] in demonyms:
            head, owner = i, demonyms[w[:-1]]  # "33 Armenians": people, and whose
            break
        if w in ("losses", "loss") and i + 1 < len(after) and after[i + 1].lower() in ("among", "of"):
            losses_of = True
        combat = combat or w == "combat"
        if w in _FIRST_PERSON:
            owner = "self"
        elif w in _ENEMY:
            owner = "enemy"
        elif w in _ANAPHORS:
            owner = "anaphor"
        elif word[0].isupper() and word not in _NOT_OWNERS and owner is None:
            owner = _owner_key(word, demonyms)  # "Armenian soldiers", "Azerbaijani-made drones"
    if is_zero_pronoun:  # "no one", "nobody": people, whatever follows
        noun, head_kind, cues = "person", "people", after[:5]
    elif head >= 0:
        w = after[head].lower()
        # "Six servicemen of the Armenian army were captured": an "of" phrase pushes the verb further.
        reach = 9 if after[head + 1 : head + 2] == ["of"] else 6
        cues = after[head + 1 : head + reach]
        if head == len(after) - 1 and (stop := _AFTER_STOP.search(text, end, end + 100)) \
                and (aside := _ASIDE.match(text, stop.start())):
            # "seven servicemen, including a colonel, had been killed": the verb after the aside that ended them.
            cues = _after_words(text, aside.end(), 4)
        if w in _CASUALTY_NOUNS:
            category, noun = _CASUALTY_NOUNS[w]
            head_kind = "casualty"
        elif w in _PEOPLE:
            (noun, group), head_kind = _PEOPLE[w], "people"
        elif w in _EQUIPMENT:
            noun, head_kind = _EQUIPMENT[w], "equipment"
        else:
            noun, head_kind = "person", "people"  # a demonym's plural
        # "49 soldiers of the Armenian army": an owner after the noun.
        tail = after[head + 1 : head + 5]
        if owner is None and len(tail) >= 2 and tail[0].lower() == "of":
            # Only a country or its people name the owner there: "a serviceman of the Defense Army" says no side.
            countries = set(demonyms.values())
            caps = [key for t in tail[1:] if t[0].isupper() and t not in _NOT_OWNERS
                    and (key := _owner_key(t, demonyms)) in countries]
            if caps:
                owner = caps[0]
    else:
        # "49 were killed", "two had been lightly wounded"; "two cows had been killed": a noun we do not count.
        cues = after[:4] if after and after[0].lower() in _AUXILIARIES else after[:2]
        own = [w.lower() for w in after[1:4]] in (["of", "its", "own"], ["of", "their", "own"], ["of", "our", "own"])
        if after[:1] and after[0].lower() in ("losses", "loss") \
                and (own or after[1:2] not in (["in"], ["of"], ["among"])):
            # "The Armenian side has no losses", "suffered no losses of its own": a side's casualties ("no losses in
            # equipment" is not counted).
            noun, category = "casualty", "casualties"
    cues_set = {c.lower() for c in cues}
    # "no soldiers were killed and two were wounded": the two have a verb of their own, so the killing before them is
    # another figure's; "killing two servicemen and wounding a third": the verb after "and" is the third's.
    own = _own_verbs(cues)
    if own & _CASUALTY_VERBS:
        verbs = own
    elif before & _CASUALTY_VERBS:
        verbs = before | own
    else:
        verbs = cues_set | before
    if owner is None:
        if before & _FIRST_PERSON:
            owner = "self"  # "we lost 30 servicemen"
        elif before & _ANAPHORS:
            owner = "anaphor"  # "its losses were 12": whose depends on what "its" points to
        else:
            loser = _LOSER.search(text, max(0, start - 80), start)
            if loser:
                owner = "enemy" if loser.group(1).lower() in _ENEMY else _owner_key(loser.group(1), demonyms)
                if loser.group(2) and group is None:
                    group = "military"  # "the Azerbaijani Army had suffered no losses": its servicemen
    if category is not None:
        return noun, category, "military" if combat and group is None else group, owner
    # "the remains of 18 servicemen", "the bodies of 14 people": the dead.
    kill = bool(verbs & _KILL_CUES) or "lives" in cues_set or losses_of or (
        head_kind == "people" and bool(before & {"remains", "bodies", "corpses"}))
    wound = bool(verbs & _WOUND_CUES)
    capture = bool(verbs & _CAPTURE_CUES) or "prisoner" in cues_set or _still_held(cues)
    loss = bool(verbs & (_LOSS_CUES | _PEOPLE_LOSS_CUES))
    people_loss = bool(verbs & _PEOPLE_LOSS_CUES)
    if head_kind == "equipment":
        category = "equipment_lost" if loss or kill else "equipment"
    elif (kill and wound) or (head_kind == "people" and cues_set & _HARM_CUES):
        category = "casualties"
    elif kill or (people_loss and head_kind == "people"):
        category = "killed"  # "lost 30 servicemen": people lost in fighting are dead
    elif wound:
        category = "wounded"
    elif capture:
        category = "captured"
    elif toll := _DEATH_TOLL.search(text, max(0, start - 80), start):
        category = "killed"
        if owner is None and toll.group("owner"):
            owner = _owner_key(toll.group("owner"), demonyms)
        if group is None and (counted := toll.group("people")):
            noun, group = _PEOPLE[counted.lower()]  # "the number of Armenian soldiers killed": soldiers
    elif _CASUALTY_TOLL.search(text, max(0, start - 60), start):
        category = "casualties"
    else:
        category = "people" if head_kind == "people" else "other"
    return noun, category, group, owner


def quantities(text: str, pack: Pack | None = None) -> list[Quantity]:
    """Every counted number in ``text``, with its range and what it counts.

    Reads digits ("49", "1,200", "2.5 thousand"), number words ("forty-nine", "one hundred and twenty"),
    vague amounts ("a dozen" = 12, "dozens" = 24–99, "hundreds" = 200–999, "several" = 2–15), zero ("no
    one", "no victims"), ranges ("40-50", "between 40 and 50"), and modifiers: "at least"/"more than"/"over"
    (a lower bound), "up to"/"fewer than" (an upper bound), "about"/"around" (±15 %), "nearly"/"almost"
    (up to 15 % below). "so far", "preliminary" or "not the final count" anywhere in the text turn casualty
    figures into lower bounds. Clock times, dates ("September 13"), ordinals and model names ("T-72") are
    not quantities. Owners are read with the demonyms of ``pack`` (``None``: the default pack).

    Example:
        >>> [(q.span.text, q.low, q.high, q.noun, q.category) for q in quantities("49 victims and dozens of wounded")]
        [('49', 49.0, 49.0, 'victim', 'killed'), ('dozens', 24.0, 99.0, 'wounded', 'wounded')]
        >>> [(q.low, q.category, q.group) for q in quantities("three Armenian soldiers were killed, two drones downed")]
        [(3.0, 'killed', 'military'), (2.0, 'equipment_lost', None)]
    """
    pack = pack_or_default(pack)
    times = [(t.span.start, t.span.end) for t in clock_times(text, pack=pack)]
    still_counting = bool(_STILL_COUNTING.search(text))
    matches = [m for m in _NUMBER.finditer(text) if not any(s <= m.start() < e for s, e in times)
               and not (m.group("digits") and (_DATE_BEFORE.search(text, max(0, m.start() - 12), m.start())
                                               or _DATE_AFTER.match(text, m.end())))]
    zero, single = f"v{len(_VAGUE) - 1}", f"v{len(_VAGUE) - 2}"
    out: list[Quantity] = []
    i = 0
    while i < len(matches):
        m = matches[i]
        start, end = m.start(), m.end()
        low, high, approx = _raw_value(m)
        is_no = m.group(zero) is not None
        if m.group(single) is not None and _NEGATED.search(text, max(0, start - 40), start):
            low = high = 0.0
            is_no = True
        is_pronoun = is_no and " ".join(m.group(0).lower().split()) in ("no one", "nobody", "none")
        # A range: "40-50", "40 to 50", "between 40 and 50"; "rose from 30 to 49" is a change, worth 49.
        nxt = matches[i + 1] if i + 1 < len(matches) else None
        if nxt is not None and not is_no:
            mid = text[end:nxt.start()]
            between = _BETWEEN.search(text, max(0, start - 10), start)
            if (_RANGE_MID.fullmatch(mid) and not between) or (between and re.fullmatch(r"\s+and\s+", mid)):
                n_low, n_high, n_approx = _raw_value(nxt)
                if _CHANGE.search(text, max(0, start - 30), start):
                    low, high, approx, start = n_low, n_high, n_approx, nxt.start()
                else:
                    low, high, approx = min(low, n_low), max(high, n_high), approx or n_approx
                    if between:
                        start = between.start()
                end = nxt.end()
                i += 1
        i += 1
        # Modifiers before and after the number.
        window_start = max(0, start - 30)
        # The longest modifier counts: "no more than 190" is an upper bound, though "more than 190" is a lower one.
        mods = [(found.start(), name) for pattern, name in
                ((_LOWER, "lower"), (_UPPER, "upper"), (_NEARLY, "nearly"), (_ABOUT, "about"))
                if (found := pattern.search(text, window_start, start))]
        mod = None
        if mods:
            start, mod = min(mods)
        plus = _PLUS_AFTER.match(text, end)
        if mod == "lower" or plus:
            high = math.inf
            end = plus.end() if plus else end
        elif mod == "upper":
            low = 0.0
        elif mod == "nearly":
            low, approx = math.floor(low * 0.85), True
        elif mod == "about":
            low, high, approx = math.floor(low * 0.85), math.ceil(high * 1.15), True
        noun, category, group, owner = _classify(text, start, end, is_pronoun, pack.demonyms)
        if is_no and not is_pronoun and noun is None:
            continue  # a "no" that counts nothing we know: "no sign", "no fewer"
        if m.group("digits") and category == "other" and re.fullmatch(r"(?:19|20)\d\d", m.group("digits")):
            continue  # a year
        if still_counting and category in ("killed", "wounded", "casualties"):
            high = math.inf
        part = bool(_PART.search(text, max(0, start - 40), start))
        if owner is None and group is None and noun in _NO_NOUN_OF_ITS_OWN and out and out[-1].owner is not None \
                and _COORDINATED.fullmatch(text, out[-1].span.end, start):
            # "two Armenian soldiers were killed and five (others) wounded": the same people's.
            owner, group = out[-1].owner, out[-1].group
        out.append(Quantity(Span.of(text, start, end), float(low), float(high), approx, noun, category, group,
                            owner, part))
    return out


# -- the numeric rule ---------------------------------------------------------------------------------------

_PLACE = re.compile(r"\b(?:in|near|at|around|outside|of)\s+(?:the\s+)?(?:(?:village|town|city|settlement|region"
                    r"|district|area)\s+of\s+)?([A-Z][a-z]+(?:-[A-Z][a-z]+)?)")
# Capitalised words after a place preposition that are no place; a conflict's too broad names are its pack's.
_NOT_PLACES = frozenset({*(name.capitalize() for name in (*MONTHS, *WEEKDAYS)),
                         "The", "This", "That", "Least", "Most", "Them", "Whom", "Which"})


# Days and periods a figure may be counted over; figures over different ones are not compared.
_PERIOD = re.compile(
    r"\b(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"|yesterday|today|tonight|overnight|last\s+night|this\s+(?:morning|afternoon|evening|week|month|year)"
    r"|(?:the\s+)?(?:past|last)\s+(?:\d+|\w+)\s+(?:hours|days|weeks|months)"
    r"|(?:the\s+)?(?:past|last)\s+(?:day|week|month)"
    r"|since\s+the\s+(?:start|beginning|outbreak)|in\s+(?:19|20)\d\d"
    r"|" + _MONTH + r"\s+\d{1,2}\b|\b\d{1,2}\s+" + _MONTH + r")", re.IGNORECASE)


@dataclass(frozen=True)
class NumericConflict:
    """Two figures for the same count that cannot both hold.

    Example:
        >>> c = numeric_conflict("at least 49 people were killed", "30 dead")
        >>> c.category, c.a.span.text, c.b.span.text, c.describe()
        ('killed', 'at least 49', '30', 'killed: >=49 vs 30')
    """

    category: str
    a: Quantity
    b: Quantity

    def describe(self) -> str:
        return f"{self.category}: {self.a.describe()} vs {self.b.describe()}"


def periods(text: str) -> set[str]:
    """The days and periods a content names ("on Tuesday", "in the past 24 hours"), normalised."""
    return {" ".join(m.group(0).lower().split()) for m in _PERIOD.finditer(text)}


def place_names(text: str, pack: Pack) -> set[str]:
    """The places a content names ("killed in Goris"), without the pack's too broad names ("in Armenia")."""
    # Capitalised names after a place preposition, minus capitals and countries: "killed in Goris" vs "in Kapan"
    # are two places; "in Armenia" covers every Armenian place, so it never separates two figures.
    # One name per place: "in Khankendi" and "in Stepanakert" are one town.
    return {pack.one_name_per_place(m.group(1)) for m in _PLACE.finditer(text)} - _NOT_PLACES - pack.not_places


def different_scenes(a_text: str, b_text: str, pack: Pack | None = None) -> bool:
    """Whether two contents name different places ("in Tovuz" / "near Goris") or different days or periods: two
    incidents, each side's own, not one told two ways. The number, ground, weapon and status rules compare neither.

    Example:
        >>> different_scenes("49 killed in Goris", "30 killed in Kapan"), different_scenes("49 killed", "30 killed")
        (True, False)
    """
    pack = pack_or_default(pack)
    pa, pb = place_names(a_text, pack), place_names(b_text, pack)
    if pa and pb and not pa & pb:
        return True
    da, db = periods(a_text), periods(b_text)
    return bool(da and db and not da & db)


def _whose(q: Quantity, speaker_side: str | None, pack: Pack | None) -> str | None:
    """The owner of a figure, with "our"/"its" read as the speaker's side and "the enemy's" as the side the pack
    sets against it; kept as written when the speaker's side does not tell."""
    if speaker_side is None:
        return q.owner
    if q.owner in ("self", "anaphor"):
        return speaker_side
    if q.owner == "enemy":
        return _the_enemy(speaker_side, pack) or q.owner
    return q.owner


def _same_owner(x: str | None, y: str | None) -> bool:
    if {x, y} & {"self", "enemy", "anaphor"}:
        return False  # whose losses "our", "the enemy's" or "its" mean depends on the speaker: not compared
    return x is None or y is None or x == y


def numeric_conflict(a_text: str, b_text: str, a_offset: int | None = None,
                     b_offset: int | None = None, pack: Pack | None = None,
                     a_side: str | None = None, b_side: str | None = None) -> NumericConflict | None:
    """Figures in two contents that count the same thing and cannot both hold, or ``None``.

    Conservative: only casualty and loss figures (:data:`COUNTED`) are compared, and only when they count the
    same thing — same category, same group of people ("soldiers" vs "victims" are not compared), same kind of
    equipment, no different owners ("Armenian" vs "Azerbaijani"), not a part of a total ("including 10
    civilians"), no different place names, no different days or periods ("on Tuesday", "in the past 24 hours"),
    and clock times that are not :func:`time_relation` ``"different"``.
    Within a category, the figures conflict only when no figure of one overlaps any figure of the other.

    Args:
        a_text, b_text: the two contents (read as asserted by their speakers).
        a_offset, b_offset: the speakers' local offsets, passed on to :func:`time_relation`.
        pack: the conflict's words (zones, demonyms, names that are no place); ``None``: the default pack.
        a_side, b_side: the speakers' sides, to read whose "our", "its" and "the enemy's" losses are
            ("we lost 12" said by one side and "the enemy lost 300" said by the other count the same losses);
            ``None``: such figures are not compared.

    Example:
        >>> numeric_conflict("49 victims", "forty-nine dead") is None
        True
        >>> numeric_conflict("49 victims", "3 drones were shot down") is None
        True
        >>> numeric_conflict("we lost 12 servicemen", "the enemy lost 300 servicemen",
        ...                  a_side="azerbaijan", b_side="armenia").category
        'killed'
    """
    pack = pack_or_default(pack)
    qa = [q for q in quantities(a_text, pack) if q.category in COUNTED and not q.part]
    qb = [q for q in quantities(b_text, pack) if q.category in COUNTED and not q.part]
    if not qa or not qb:
        return None
    if time_relation(a_text, b_text, a_offset, b_offset, pack) == "different":
        return None
    if different_scenes(a_text, b_text, pack):
        logger.debug("figures at different places or over different periods are not compared")
        return None
    owner_a = {id(q): _whose(q, a_side, pack) for q in qa}
    owner_b = {id(q): _whose(q, b_side, pack) for q in qb}
    for key in dict.fromkeys(q.key for q in qa):
        xs, ys = [q for q in qa if q.key == key], [q for q in qb if q.key == key]
        pairs = [(x, y) for x in xs for y in ys if _same_owner(owner_a[id(x)], owner_b[id(y)])]
        if pairs and not any(x.low <= y.high and y.low <= x.high for x, y in pairs):
            return NumericConflict(key[0], *pairs[0])
    # Casualties are the killed and the wounded together: "no civilians were harmed" cannot hold beside "two
    # civilians were killed", nor "ten casualties" beside "49 dead" (of the same people, owner, place and time).
    for x, y in ((x, y) for x in qa for y in qb):
        total, part = (x, y) if x.category == "casualties" else (y, x)
        if (total.category == "casualties" and part.category in ("killed", "wounded")
                and total.key[1:] == part.key[1:] and _same_owner(owner_a[id(x)], owner_b[id(y)])
                and total.high < part.low):
            return NumericConflict("casualties", x, y)
    return None


#: Casualty counts a side reports without saying whose: taken as its own (the enemy's losses are named as such;
#: destroyed equipment without an owner is usually the enemy's). Used only to tell an NLI "contradiction"
#: between two sides' counts apart from one about the same losses, never to find a numeric conflict.
_OWN_BY_DEFAULT = frozenset({"killed", "wounded", "casualties"})


_NOT_OWN_LOSSES = _ENEMY | {"enemies", "bodies", "body", "remains"}


@content_cache  # pure; the judge and counterclaims ask it about one content many times
def counted_owners(text: str, speaker_side: str | None, pack: Pack | None = None) -> frozenset[str] | None:
    """Whose losses the casualty and loss figures of a content count, or ``None`` when that is not said.

    "our" and "its" losses are the speaker's side; figures without an owner go with the owned ones beside them
    ("two Azerbaijani soldiers were killed and five wounded"), and when none is owned, the killed and wounded
    are the speaker's own; "the enemy's" are those of the one side the pack sets against the speaker's, and
    unknown when the pack sets none or several against it.

    Example:
        >>> sorted(counted_owners("71 of its servicemen had been killed", "azerbaijan"))
        ['azerbaijan']
        >>> sorted(counted_owners("two servicemen were wounded", "armenia"))
        ['armenia']
        >>> counted_owners("three tanks were destroyed", "armenia") is None
        True
        >>> sorted(counted_owners("up to seven enemy servicemen were killed", "armenia"))
        ['azerbaijan']
        >>> counted_owners("up to seven enemy servicemen were killed", "russia") is None
        True
        >>> sorted(counted_owners("the enemy had lost three servicemen", "armenia"))
        ['azerbaijan']
        >>> counted_owners("the enemy shelled the post and three servicemen were killed", "armenia") is None
        True
    """
    owners, unowned = set(), False
    for q in quantities(text, pack):
        if q.category not in COUNTED or q.part:
            continue
        owner = _whose(q, speaker_side, pack)
        if owner == "enemy":
            return None  # the pack sets no one side against the speaker's
        if owner in ("self", "anaphor"):
            owner = None  # the speaker's side is not known
        if owner is not None:  # "two Azerbaijani soldiers were killed and five wounded": the five go with them
            owners.add(owner)
        elif q.category in _OWN_BY_DEFAULT:
            unowned = True
    words = re.findall(r"[\w'’]+", text.lower())
    if not owners and unowned and speaker_side is not None and _NOT_OWN_LOSSES.isdisjoint(words):
        # "Two servicemen were lightly wounded", said by one side: its own casualties, as sides report them (not
        # "the enemy had lost three servicemen", nor "it had handed over 18 bodies").
        owners.add(speaker_side)
    return frozenset(owners) or None


def _the_enemy(speaker_side: str | None, pack: Pack | None) -> str | None:
    """The one side the pack sets against ``speaker_side``, else None."""
    against = pack_or_default(pack).opponents(speaker_side)
    return next(iter(against)) if len(against) == 1 else None


def different_owners(a: str, a_side: str | None, b: str, b_side: str | None, pack: Pack | None = None) -> bool:
    """Whether the casualty and loss figures of two contents count different sides' losses ("two Azerbaijani
    servicemen were killed" / "no Armenian soldier was killed"): then they cannot contradict each other.
    Used by the judge (reason ``different_count``) and by counterclaims.

    Example:
        >>> different_owners("two Azerbaijani servicemen were killed", "azerbaijan",
        ...                  "no Armenian soldier was killed", "armenia")
        True
    """
    owners_a, owners_b = counted_owners(a, a_side, pack), counted_owners(b, b_side, pack)
    return bool(owners_a and owners_b and not owners_a & owners_b)
