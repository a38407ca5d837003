"""Resolve who speaks: fill ``Statement.actor``, ``side`` and ``confidence`` from an :class:`ActorRegistry`.

(Just over 500 lines: the resolution steps below share one per-document state of mentions and speakers.)

A speaker mention is resolved, in this order, as:

1. the narrator, for ``kind == "narrator"`` statements → ``NARRATOR`` / ``"narrator"``;
2. an alias of one actor ("The Armenian Defense Ministry", "Baku"), or an alias inside the mention whose
   other words all describe that actor ("Shushan Stepanyan, the ministry's spokeswoman"), via
   :meth:`ActorRegistry.match`;
3. a pronoun ("he", "she", "it", "they") → a compatible actor in the same or the two previous sentences,
   preferring an earlier statement's speaker, then the sentence's first (subject) mention; a "he"/"she" that
   goes on with a speaker left unresolved (a named person outside the pack) stays unresolved;
4. a title ("the ministry", "the Prime Minister", "the ministry's spokeswoman") → the most recent actor in
   the document, mentioned anywhere before (as a speaker or by an alias in any sentence), that holds the
   title — or whose person-child (its spokesperson, its leader) or whose parent (a person's institution)
   holds it; a title with a qualifier the pack does not write ("the Republican *presidential* nominee")
   counts as the title; and "the campaign" after "the Clinton campaign" (the head noun of an institution's
   alias) names that institution when it is the only one so named in the same or the two previous sentences;
   a bare surname that is nobody's alias ("Clinton") names the pack's person of that name in the last
   sentence that names one: the one who spoke there, else the first named; a title no earlier mention holds
   is the one holder on the side of the last speaker (or of the dateline's place, "BAKU, May 3."), or the
   only holder in the pack ("the Defense Army");
   "the statement" is the last institution that spoke, "the ministry's statement" and "Report's
   correspondent" their owner; a member of an institution's staff named by its title ("a senior Foreign
   Ministry official", "a source in the defence ministry", "officials at the ministry") is that institution;
5. otherwise no actor; the side only when the mention begins with a side's demonym ("Armenian police", "an
   Azerbaijani lawmaker", "Armenia's border guards": ``actor=None``, ``side`` set), else ``side`` stays ``None``
   too. The speaker mention is kept. A wrong actor is worse than none.

Confidence (multiplied into the statement's incoming ``confidence``, which is 1.0 unless an earlier stage
set it): narrator 1.0; exact alias 0.95; alias inside a longer mention 0.81; title 0.8 (0.7 through a
relative, 0.15 less when another actor also fits nearby; 0.55 for a holder found by side or as the only one);
pronoun and "the statement" 0.7 (0.55 when ambiguous); a title's staff 0.1 less than the title; a side without an
actor 0.5.

Example:
    >>> from claimdiff.records import Span, Statement
    >>> text = "The Armenian Defense Ministry said that X. The ministry claimed that Y."
    >>> s1 = Statement("s1", "d", "indirect", Span.of(text, 40, 41), speaker=Span.of(text, 0, 29))
    >>> s2 = Statement("s2", "d", "indirect", Span.of(text, 69, 70), speaker=Span.of(text, 43, 55))
    >>> [(s.actor, s.side) for s in resolve([s1, s2], text)]
    [('AM.MOD', 'armenia'), ('AM.MOD', 'armenia')]
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

from claimdiff.actors import NARRATOR_ID, NARRATOR_SIDE, Actor, ActorRegistry, Mention, normalize_mention
from claimdiff.records import Statement

logger = logging.getLogger(__name__)

__all__ = ["resolve"]

# Where a mention's head noun ends: "an official | in the ministry", "the Ministry | of Ecology".
_HEAD_END = re.compile(r"\s+(?:of|on|in|at|for|from|within|with)\s+")

#: How many sentences back (besides the current one) a pronoun or an ambiguity check may look.
PRONOUN_WINDOW = 2
#: Confidence kept when someone speaks for an institution named in context ("a source in the General Staff").
SOURCE_SHARE = 0.75

CONF_ALIAS = 0.95
CONF_TITLE = 0.8
CONF_TITLE_RELATIVE = 0.7
CONF_PRONOUN = 0.7
#: A speaker outside the pack whose side is written ("Armenian police"): the side only, no actor.
CONF_SIDE_ONLY = 0.5
AMBIGUITY_PENALTY = 0.15

# ... and their object forms: "according to him".
_PERSON_PRONOUNS: dict[str, str] = {"he": "male", "she": "female", "him": "male", "her": "female"}
_THING_PRONOUNS = frozenset({"it", "they", "them"})
# Possessive determiners and the gender of their owner (None: an institution or a country).
_POSSESSIVES: dict[str, str | None] = {"his": "male", "her": "female", "its": None, "their": None}
_SPOKES = {"spokesman": "male", "spokesmen": "male", "spokeswoman": "female", "spokesperson": None,
           "press secretary": None}
# Last words of a speaker outside the pack that make it a person, or an institution.
_PERSON_NOUNS = frozenset({"official", "officials", "officer", "minister", "adviser", "advisor", "aide", "analyst",
                           "expert", "commander", "general", "diplomat", "lawmaker", "deputy", "mp", "governor",
                           "mayor", "head", "chief", "representative", "ambassador", "envoy", "secretary",
                           "ombudsman", "president", "leader", "source", "resident", "witness", "soldier", "guard",
                           # people of the story, not of an office: "Voskepar's village head", "an Armenian villager"
                           "elder", "villager", "farmer", "shepherd", "eyewitness", "driver", "teacher", "doctor",
                           "nurse", "man", "woman", "serviceman", "conscript", "journalist", "correspondent",
                           "reporter", "activist", "lawyer", "engineer", "worker", "mother", "father", "son",
                           "daughter", "brother", "sister", "wife", "husband", "priest", "firefighter", "rescuer",
                           "survivor", "medic", "paramedic", "deminer"})
_INSTITUTION_NOUNS = frozenset({"service", "ministry", "office", "agency", "committee", "council", "army", "forces",
                                "guard", "guards", "police", "government", "administration", "parliament",
                                "department", "directorate", "headquarters", "staff", "command", "embassy"})
_DETERMINERS = frozenset({"the", "a", "an", "this", "these", "those", "its", "their", "his", "her"})
# Qualifiers a title may carry beyond the pack's wording ("the Republican presidential nominee").
_QUALIFIERS = frozenset({"presidential", "former", "current", "new", "acting", "interim", "incoming", "outgoing"})
_FILLER = frozenset({"the", "a", "an", "its", "their", "s", "of", "for"})
_WORD_RE = re.compile(r"[^\W_]+")
# What parts a speaker names: "Armenia and Azerbaijan", "Armenian and Azerbaijani officials", "Baku, Yerevan".
CONJUNCTS = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
# "A source in the General Staff", "officials at the ministry": someone of an institution the story names.
_SOURCE_IN = re.compile(r"(?:(?:an?|one|two|several|some|unnamed|anonymous|senior|informed|military)\s+)*"
                        r"(?:sources?|officials?|representatives?)\s+(?:in|at|from|within|close\s+to)\s+"
                        r"(?P<body>the\s+.+)", re.IGNORECASE)
# What an institution speaks through: "the ministry's statement", "Report's correspondent", "the statement".
_OWNED_VOICE = re.compile(r"^(?:(?P<owner>.+?)(?:'s|\u2019s|s'|s\u2019)\s+|(?:the|a|an|its|their)\s+)"
                          r"(?:(?:latest|new|official|written|joint)\s+)?(?:statement|communiqu[eé]|press\s+release"
                          r"|release|correspondent|reporter|press\s+service|press\s+office|website|telegram\s+channel"
                          r"|(?:daily\s+)?bulletin|announcement)"
                          # "Trend's correspondent at the scene", "APA's reporter in the region"
                          r"(?:\s+(?:at|on|in|near)\s+the\s+(?:scene|spot|site|front|border|region|area))?$",
                          re.IGNORECASE)

# A mention that ends with a capitalised first name and family name: "Armenian Ombudsman Anahit Manasyan".
_NAMED_HOLDER = re.compile(r"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)?\s+[A-Z][a-z]+(?:-[A-Z][a-z]+)?$")

# Abbreviations whose period does not end a sentence ("6 p.m. Moscow time").
_ABBREVIATIONS = frozenset({"a.m", "p.m", "mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "sgt", "capt", "maj",
                            "u.s", "u.n", "u.k", "e.g", "i.e", "no", "vs", "jan", "feb", "mar", "apr", "aug", "sep",
                            "sept", "oct", "nov", "dec", "prof", "sen", "rep", "gov", "pres", "approx", "etc"})
# Whose claims a denial names: "claims by the Armenian side", "the Armenian allegations", "Yerevan's version".
_CLAIM_NOUNS = r"(?:claims?|allegations?|accusations?|reports?|statements?|version|assertions?|charges?|figures)"
_WHOSE_CLAIMS = re.compile(rf"\b{_CLAIM_NOUNS}\s+(?:made\s+|spread\s+|voiced\s+)?(?:by|from)\s+(?P<by>(?:the\s+)?"
                           r"[\w'\u2019-]+(?:\s+[\w'\u2019-]+){0,3})"
                           rf"|(?P<owner>\b[\w'\u2019-]+(?:\s+[\w'\u2019-]+)?)\s+{_CLAIM_NOUNS}\b", re.IGNORECASE)
# Only from the start of a run of stops: tried at each stop of "....", it backtracked over the whole run every
# time (quadratic; 32,000 dots took 24 s).
_BOUNDARY = re.compile(r"(?<![.!?])[.!?]+[\"'\u201d\u2019\u00bb)\]]*\s+|\n\s*\n")


@dataclass(frozen=True)
class _Event:
    """An actor mentioned at ``start``: by an alias in the text, or as a resolved speaker."""

    start: int
    end: int
    actor: str
    speaker: bool


def _sentence_starts(text: str) -> list[int]:
    starts = [0]
    for m in _BOUNDARY.finditer(text):
        if not re.search(r"\n\s*\n", m.group()):  # a blank line always ends a sentence
            i = m.start()
            while i > 0 and (text[i - 1].isalnum() or text[i - 1] == "."):
                i -= 1
            token = text[i:m.start()].lower().strip(".")
            nxt = text[m.end():m.end() + 1]
            if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()) or (nxt and nxt.islower()):
                continue
        starts.append(m.end())
    return starts


class _Resolver:
    """Per-document state: alias mentions, sentence starts and the speakers resolved so far."""

    def __init__(self, text: str, registry: ActorRegistry, outlet: str | None = None) -> None:
        self.text = text
        self.reg = registry
        self.mentions: list[Mention] = [m for m in registry.find_mentions(text) if m.actor != NARRATOR_ID]
        self.sentences = _sentence_starts(text)
        self.speakers: list[_Event] = []
        #: (start, end, mention) of the speakers left unresolved so far: people outside the pack.
        self.unresolved: list[tuple[int, int, str]] = []
        #: (start, mention, side) of the unresolved speakers whose side was found all the same.
        self.sided: list[tuple[int, str, str]] = []
        #: (start, end, actor) of the statements resolved so far, from speaker to content ("X rejected Y's claim
        #: that P", "P, X said").
        self.contents: list[tuple[int, int, str]] = []
        #: The unresolved speaker that the last pronoun resolved went on with ("Grigoryan ... he said"), if any.
        self.continued: str | None = None
        #: Where the statement being resolved begins, its quote included (see :meth:`resolve`).
        self.window_from = len(text)
        #: Sides the statement being resolved rejects the claims of ("Claims by the Armenian side that ... are
        #: groundless"): nobody of theirs is its speaker's antecedent.
        self.disowned: frozenset[str] = frozenset()
        #: A place in capitals opening the first line ("BAKU, May 3 (AZERTAC)."): where the story was filed.
        self.dateline = [_Event(m.start, m.end, m.actor, False) for m in self.mentions[:1] if self._in_dateline(m)]
        #: The side a story is told from: its dateline's ("BAKU, May 3."), or that of a national outlet named in
        #: its first sentence ("..., AZERTAC reports", "YEREVAN, JULY 12, NEWS.AM."); None for a story filed
        #: from both capitals or none.
        self.home_side = self._home_side() or self._side_of_outlet(outlet)

    def _in_dateline(self, m: Mention) -> bool:
        """A place in capitals on the first line, before any words of the story ("BAKU, May 3", "YEREVAN/BAKU")."""
        return m.start < 40 and "\n" not in self.text[:m.start] and m.text.isupper() and len(m.text) > 2

    def _home_side(self) -> str | None:
        first_sentence_end = self.sentences[1] if len(self.sentences) > 1 else len(self.text)
        opening = [m for m in self.mentions if m.start < max(first_sentence_end, 40)]
        datelined = {self.reg.get(m.actor).side for m in opening if self._in_dateline(m)}
        outlets = {self.reg.get(m.actor).side for m in opening if self.reg.get(m.actor).kind == "media"}
        # Only a party is a story's home: a wire agency's byline ("(Reuters) -") is no side's voice.
        sides = {side for side in datelined or outlets if _is_party(side, self.reg)}
        return next(iter(sides)) if len(sides) == 1 else None

    def _side_of_outlet(self, outlet: str | None) -> str | None:
        """The side of the outlet that published the story (the document's ``outlet`` field), when the pack
        knows it as one side's media ("Armenpress", "APA"); None for an international or unknown outlet."""
        found = self.reg.match(outlet.split("(")[0].strip()) if outlet else None
        side = found[0].side if found is not None and found[0].kind == "media" else None
        return side if _is_party(side, self.reg) else None

    def side_of_head_noun(self, mention: str, anchor: int) -> str | None:
        """ "the service" after "Azerbaijan's State Border Service" (a speaker the pack does not know, whose side
        its words named): the side of the latest such speaker before ``anchor`` with the same head noun."""
        # "A spokesman for the service, who spoke on condition of anonymity", "a source in the service": the
        # service's side.
        # "the border service" after "Azerbaijan's State Border Service": the words before the noun recur in it.
        m = re.fullmatch(r"(?:(?:an?|the)\s+[\w\s-]{0,30}?\s+(?:for|of|at|in|within|close\s+to)\s+)?"
                         r"(?:the|this|that)\s+"
                         r"((?:[a-z][\w-]*\s+){0,2})([a-z][\w-]*)", _head(mention), re.IGNORECASE)
        if m is None:
            return None
        modifiers, noun = m.group(1).lower().split(), m.group(2).lower()
        found_otherwise: set[str] = set()
        # Speakers the pack does not know, and those it does ("the official" after "An Armenian government official",
        # read as the government), latest first.
        earlier_speakers = sorted([*((start, mention, None) for start, _, mention in self.unresolved),
                                   *((e.start, self.text[e.start:e.end], e.actor) for e in self.speakers)],
                                  key=lambda x: -x[0])
        for start, earlier, actor in earlier_speakers:
            # The head is the noun before any "of", "in", ...: "the Ministry of Ecology of Azerbaijan" is a ministry,
            # "an official in the Armenian environment ministry" an official.
            # "the group" after "Monument Watch, a Yerevan-based research group": the appositive's head counts too.
            heads = [_HEAD_END.split(re.sub(r"['\u2019]s\b", "", part).lower())[0].split()
                     for part in earlier.split(",")[:2]]
            # "the community head" after "The head of the Tegh community": the modifiers may follow the head.
            said = set(re.findall(r"[a-z][\w-]*", earlier.lower())) - {noun}
            # "the shepherd" after "Shepherd Arsen Grigoryan": a title before a name is its head too.
            name = earlier.split(",")[0].split()
            titled = len(name) >= 2 and name[0].lower() == noun and all(w[:1].isupper() for w in name[1:])
            if start < anchor and (titled or any(len(w) >= 2 and w[-1] == noun for w in heads)) \
                    and set(modifiers) <= said:
                if actor is not None:
                    return self.reg.get(actor).side
                side = _side_named(earlier, self.reg)
                if side is not None:
                    return side
                found_otherwise.update(side for at, _, side in self.sided if at == start)
        # Else the side found for such speakers by their story or scene, when they all have the same one.
        return found_otherwise.pop() if len(found_otherwise) == 1 else None

    def side_of_voice(self, mention: str, anchor: int) -> str | None:
        """ "the statement", "According to the statement" after an institution the pack does not know but whose
        side was found: that side; "the commission's statement": the commission's."""
        owned = _OWNED_VOICE.match(mention.strip())
        if owned is None:
            return None
        owner = owned.group("owner")
        if owner is None or normalize_mention(owner) in ("", "the", "a", "an"):
            first = self.sentence_of(anchor) - PRONOUN_WINDOW
            return next((side for start, said, side in reversed(self.sided) if start < anchor
                         and self.sentence_of(start) >= first and not _names_a_person(said)), None)
        return _side_named(owner, self.reg) or self.side_of_head_noun(owner, anchor) or self.side_of_home(owner)

    def side_of_home(self, mention: str) -> str | None:
        """ "the commission", "The State Commission", "a deputy minister of environment", "a source at the Emergency
        Situations Ministry" (an institution, office or staff the pack does not know, its country not written) in a
        story filed from Baku or by an Azerbaijani outlet: that side's."""
        head = _head(mention)
        staff = _STAFF.fullmatch(head.lower())  # "a source at the Emergency Situations Ministry"
        nameless = (_NAMELESS_INSTITUTION.fullmatch(head) or _NAMELESS_OFFICIAL.fullmatch(head)
                    or staff and staff["after"] and _NAMELESS_INSTITUTION.fullmatch(staff["after"]))
        return self.home_side if nameless else None

    def side_of_namesake(self, mention: str, anchor: int) -> str | None:
        """ "Huseynov" (or "Mr Huseynov") after "Natig Huseynov, deputy head of the Gazakh district": a bare family
        name goes on with the side found for the last speaker outside the pack named in full with it."""
        bare = _BARE_SURNAME.fullmatch(mention.strip())
        if bare is None:
            return None
        full = re.compile(rf"\b[A-Z][\w'\u2019-]+\s+{re.escape(bare['name'])}\b")
        return next((side for start, said, side in reversed(self.sided) if start < anchor and full.search(said)),
                    None)

    def note_quoted(self, statement: Statement, side: str | None) -> None:
        """Whom a "quoted X as saying" cue quotes is who a later "he said" or "the brother said" may go on with: X
        is kept as a speaker, of the pack's (an actor) or not (a mention, with the side its words name, else the
        side the statement was given: "Armenian public television quoted the man's brother as saying")."""
        cue = statement.cue
        m = _QUOTED_PERSON.fullmatch(cue.text.strip()) if cue is not None else None
        if m is None:
            return
        start = cue.start + (len(cue.text) - len(cue.text.lstrip())) + m.start("who")
        who = m["who"]
        found = self.reg.match(who)
        if found is not None:
            self.speakers.append(_Event(start, start + len(who), found[0].id, True))
            return
        self.unresolved.append((start, start + len(who), who))
        side = _side_named(who, self.reg) or side
        if side is not None:
            self.sided.append((start, who, side))

    def side_in_context(self, mention: str, anchor: int) -> str | None:
        """The side of a speaker the pack does not know, from its words and the story before ``anchor``.
        People named together ("the farmer and local officials") speak for the one side that some of them have."""
        def side_of(words: str) -> str | None:
            return (self.side_of_head_noun(words, anchor) or self.side_of_possessive(words, anchor)
                    or self.side_of_scene(words, anchor) or self.side_of_voice(words, anchor)
                    or self.side_of_home(words) or self.side_of_locality(words, anchor)
                    or self.side_of_relative(words, anchor))

        side = side_of(mention)
        if side is None and " and " in mention:
            sides = {side_of(part.strip()) for part in CONJUNCTS.split(_head(mention)) if part.strip()} - {None}
            side = sides.pop() if len(sides) == 1 else None
        return side

    def side_of_locality(self, mention: str, anchor: int) -> str | None:
        """ "the provincial governor", "the community head", "villagers": a local office or people with its place
        unnamed speak for the side of the place the last sentence naming one names first (the pack's ``places``):
        "Khachik lies on the border with Nakhchivan. Villagers say ..." are Khachik's."""
        if not _LOCAL_OFFICE.fullmatch(_head(mention).strip()) or self.reg.find_places(mention):
            return None  # "Residents of Tovuz and Berd": the places it names decide (none when of two sides)
        before = [(self.sentence_of(start), side) for start, end, side in self._places if end <= anchor]
        if not before:
            return None
        last = before[-1][0]
        return next(side for sentence, side in before if sentence == last)

    def side_of_relative(self, mention: str, anchor: int) -> str | None:
        """ "according to local officials, who said ...": the relative pronoun speaks for the side found for the
        speaker the pack does not know right before it in its sentence."""
        if normalize_mention(mention) not in ("who", "which"):
            return None
        here = self.sentences[self.sentence_of(anchor)]
        return next((side for start, _, side in reversed(self.sided) if here <= start < anchor), None)

    @functools.cached_property
    def _places(self) -> list[tuple[int, int, str]]:
        # ... and places the pack need not know, of the side their demonym names: "an Armenian border village"
        marked = [(start, end, side) for start, end, side in self.reg.find_demonyms(self.text)
                  if _LOCALITY_AFTER.match(self.text, end)]
        return sorted([*self.reg.find_places(self.text), *marked])

    def side_of_scene(self, mention: str, anchor: int) -> str | None:
        """ "In Baku, officials said ...", "In Baku, the State Commission said ...": a nameless group or
        institution in a sentence that opens on one side's capital or ground speaks for that side."""
        head = _head(mention)
        nameless = _NAMELESS.fullmatch(mention.strip()) or _NAMELESS_INSTITUTION.fullmatch(head)
        return self.scene_side(anchor) if nameless else None

    def scene_side(self, anchor: int) -> str | None:
        """The side of the place the sentence holding ``anchor`` opens on ("In Baku, ..."), if it opens on one."""
        scene = _SCENE.match(self.text, self.sentences[self.sentence_of(anchor)], anchor)
        if scene is None:
            return None
        found = self.reg.match(scene.group("place"))
        return found[0].side if found else self.reg.side_of_place(scene.group("place"))

    def side_of_possessive(self, mention: str, anchor: int) -> str | None:
        """ "Its press office", "His spokeswoman" (no actor of the pack): the side of whom the possessive names, the
        last speaker with a side in this or the previous sentences (a person for "his"/"her", else not one)."""
        words = _head(mention).split()
        if len(words) < 2 or words[0].lower() not in _POSSESSIVES:
            return None
        person = _POSSESSIVES[words[0].lower()] is not None
        first = self.sentence_of(anchor) - PRONOUN_WINDOW
        said = [(e.start, self.reg.get(e.actor).side, self.reg.get(e.actor).person) for e in self.speakers]
        said += [(start, side, _names_a_person(earlier)) for start, earlier, side in self.sided]
        for start, side, is_person in sorted(said, reverse=True):
            if start < anchor and self.sentence_of(start) >= first and is_person == person:
                return side
        return None

    def sentence_of(self, offset: int) -> int:
        return bisect.bisect_right(self.sentences, offset) - 1

    def opens_sentence(self, e: _Event) -> bool:
        """Whether the mention is its sentence's subject: nothing but a quote mark or "the" before it."""
        before = self.text[self.sentences[self.sentence_of(e.start)]:e.start].strip(" \t\n\"'\u201c\u2018")
        return before.lower() in ("", "the")

    def history(self, statement: Statement, anchor: int) -> list[_Event]:
        """Actors mentioned before ``anchor``, oldest first, leaving out the statement's own content."""
        own = [(statement.content.start, statement.content.end)]
        if statement.kind == "direct":
            # '"The information spread by the Armenian ministry is false. ...," the ministry said': every word of
            # the quote before the speaker is the statement's own, from its opening mark (the content may be its
            # last sentence only, or the claim a denial points at).
            own.append((min(self.sentences[self.sentence_of(anchor)], self._quote_before(anchor)), anchor))
        taken = [(e.start, e.end) for e in self.speakers]
        events = [e for e in self.speakers if e.end <= anchor]
        for m in self.mentions:
            if m.end > anchor:
                break
            if any(start <= m.start and m.end <= end for start, end in own):
                continue  # '"Azerbaijan's ministry lies," the ministry said': not an antecedent of its speaker
            if any(s < m.end and m.start < e for s, e in taken):
                continue  # a resolved speaker already covers this span
            events.append(_Event(m.start, m.end, m.actor, False))
        events.sort(key=lambda e: (e.start, e.end))
        return [e for e in events if self.reg.get(e.actor).side not in self.disowned]

    def _quote_before(self, anchor: int) -> int:
        """Where the quote that closes right before ``anchor`` ('"A. B," the ministry said') opens; ``anchor`` when
        none does."""
        before = self.text[max(0, anchor - 800):anchor]
        closing = re.search(r"[\"\u201d\u00bb][\s,]*$", before)
        if closing is None:
            return anchor
        mark = {"\u201d": "\u201c", "\u00bb": "\u00ab"}.get(closing.group()[0], '"')
        opening = before.rfind(mark, 0, closing.start())
        return anchor - len(before) + opening if opening >= 0 else anchor

    def disowned_sides(self, statement: Statement) -> frozenset[str]:
        """The sides whose claims a denial names as what it denies: "Claims by the Armenian side that P are
        groundless", "rejected the Armenian allegations". No one denies their own side's claims so."""
        if statement.polarity != "denies":
            return frozenset()
        start = max(self.sentences[self.sentence_of(statement.content.start)], statement.content.start - 150)
        before = [self.text[start:statement.content.start]]
        if statement.pointer is not None:
            before.append(statement.pointer.text)
        sides = set()
        for text in before:
            for m in _WHOSE_CLAIMS.finditer(text):
                who = m.group("by") or m.group("owner")
                sides |= {self.reg.get(x.actor).side for x in self.reg.find_mentions(who)}
                sides |= {side for _, _, side in self.reg.find_demonyms(who)}
        return frozenset(sides) - {None, NARRATOR_SIDE}

    def resolve(self, statement: Statement) -> tuple[Actor | None, float, str]:
        """The actor, the resolution confidence and how it was found ("" when unresolved)."""
        speaker = statement.speaker
        assert speaker is not None
        self.continued = None
        # '"A. B. C," he said': a quote's sentences before its speaker do not push the pronoun's antecedent out of
        # reach; the window opens at the quote's first sentence.
        self.window_from = min(speaker.start, statement.content.start)
        found = self.reg.match(speaker.text)
        # "Clinton, the former secretary of State": an appositive the registry cannot read must not hide the name.
        mention = speaker.text.split(",")[0]
        if found is not None and mention != speaker.text and (named := self.reg.match(mention)) is not None \
                and named[1] > found[1]:
            # "Hikmet Hajiyev, Assistant to the President of Azerbaijan": the name says who speaks more surely than
            # the office he works for.
            found = named
        if found is None and mention != speaker.text:
            # "Jane Doe, Armenia's Human Rights Defender": a name the pack does not know, an appositive it does.
            found = self.reg.match(mention)
            if found is None and (found := self.reg.match(speaker.text[len(mention) + 1:].strip())) is not None:
                found = self._office_of_another(mention, *found)
        if found is not None:
            actor, score = found
            return actor, CONF_ALIAS * score, "alias"
        anchor = speaker.start
        events = self.history(statement, anchor)
        found_here = self._in_context(mention, events, anchor)
        if found_here[0] is None and mention != speaker.text:
            # "Brian Fallon, the campaign's press secretary": a name nobody knows, an appositive that says whom
            # he speaks for.
            found_here = self._in_context(speaker.text[len(mention) + 1:].strip(), events, anchor)
        return found_here

    def _office_of_another(self, name: str, actor: Actor, score: float) -> tuple[Actor, float]:
        """ "Ani Badalyan, spokeswoman for Armenia's foreign ministry" when the pack's spokeswoman is someone else:
        the name is not the pack's person's, so the office she speaks for is the speaker."""
        full_name = re.fullmatch(r"[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+)+", name.strip())
        if actor.person and actor.parent and full_name:
            return self.reg.get(actor.parent), score * 0.75
        return actor, score

    def _in_context(self, mention: str, events: list[_Event], anchor: int) -> tuple[Actor | None, float, str]:
        """Resolve a mention the registry cannot read alone: pronouns, titles, surnames, head nouns, roles."""
        key = normalize_mention(mention)
        if key in _PERSON_PRONOUNS or key in _THING_PRONOUNS:
            return self._pronoun(key, events, anchor)
        if key in ("which", "who"):
            # "according to the ministry, which said ...": the relative pronoun's antecedent is the last actor named
            # in its sentence (only right before ", who" lost polnear's side-known gain, 0.457 -> 0.448).
            here = [e for e in events if self.sentence_of(e.start) == self.sentence_of(anchor)]
            return (self.reg.get(here[-1].actor), CONF_PRONOUN, "relative") if here else (None, 0.0, "")
        if owned := _OWNED_VOICE.match(mention.strip()):
            # "the ministry's statement", "Report's correspondent": whoever owns it speaks; "the statement"
            # alone is the last institution that spoke.
            owner = owned.group("owner")
            if owner is None or normalize_mention(owner) in ("", "the", "a", "an"):
                return self._last_institution(events, anchor)
            return self._named(owner, events, anchor)
        if (source := _SOURCE_IN.fullmatch(mention.strip())) is not None:
            # the institution speaks through its people, a little less surely than itself
            actor, conf, how = self._named(source.group("body"), events, anchor)
            return (actor, conf * SOURCE_SHARE, how) if actor is not None else (None, 0.0, "")
        words = key.split()
        if len(words) > 1 and words[0] in _POSSESSIVES:
            return self._possessive(words[0], " ".join(words[1:]), events, anchor)
        if holders := self.reg.title_holders(key):
            return self._title(holders, events, anchor, key)
        if len(words) > 1 and (side := _nationality_sides(self.reg).get(words[0])) is not None:
            # "the Armenian ministry", "Azerbaijan's ministry": the title, among its holders on that side.
            holders = frozenset(h for h in self.reg.title_holders(" ".join(words[1:])) if self.reg.get(h).side == side)
            if holders:
                return self._title(holders, events, anchor, key)
        plain = " ".join(w for w in key.split() if w not in _QUALIFIERS)
        if plain != key and (holders := self.reg.title_holders(plain)):
            # "the Republican presidential nominee" holds the pack's title "the Republican nominee".
            return self._title(holders, events, anchor, plain)
        if holders := self.reg.surname_holders(mention):
            return self._surname(holders, events, anchor)
        found = self._head_noun(mention, key, events, anchor)
        if found[0] is not None:
            return found
        return self._title_with_role(key, events, anchor)

    def _named(self, words: str, events: list[_Event], anchor: int) -> tuple[Actor | None, float, str]:
        """Whom the words inside a speaker name ("the ministry" of "the ministry's statement"): the pack's alias
        alone, as sure as a title, else read in context."""
        found = self.reg.match(words)
        return (found[0], CONF_TITLE * found[1], "alias") if found else self._in_context(words, events, anchor)

    def _head_noun(self, mention: str, key: str, events: list[_Event], anchor: int
                   ) -> tuple[Actor | None, float, str]:
        # "the campaign" after "the Clinton campaign": a definite noun phrase that repeats the head noun of an
        # institution's alias names the last such institution mentioned.
        words = key.split()
        definite = mention.strip().lower().startswith("the ")
        if not (definite and 1 <= len(words) <= 2) or words[-1] in _SPOKES:
            return None, 0.0, ""
        # Only nearby, and only one: in a story about two campaigns, "the campaign" far from either is a guess.
        first = self.sentence_of(anchor) - PRONOUN_WINDOW
        # "the border service" after "the State Border Service", not "the security service".
        fits = {e.actor for e in events
                if self.sentence_of(e.start) >= first and self._head_nouns(e.actor) & {words[-1]}
                and any(set(words[:-1]) <= set(normalize_mention(a).split()) for a in self.reg.get(e.actor).aliases)}
        if len(fits) != 1:
            return None, 0.0, ""
        return self.reg.get(fits.pop()), CONF_TITLE_RELATIVE, "title"

    def _head_nouns(self, actor_id: str) -> set[str]:
        actor = self.reg.get(actor_id)
        if actor.person:
            return set()
        return {normalize_mention(a).split()[-1] for a in (*actor.aliases, actor.name) if len(a.split()) > 1}

    def _pronoun(self, word: str, events: list[_Event], anchor: int) -> tuple[Actor | None, float, str]:
        gender = _PERSON_PRONOUNS.get(word)

        def fits(e: _Event) -> bool:
            actor = self.reg.get(e.actor)
            if word in _THING_PRONOUNS:
                # "it"/"they" as a speaker: an institution that spoke before or that a sentence is about
                # ("X's ministry gave a different account. It said ..."), not a country named in passing.
                # A person's office is an institution: "The de facto leader's office in Stepanakert ... . It said".
                return ((not actor.person or _names_an_institution(self.text[e.start:e.end]))
                        and (e.speaker or self.opens_sentence(e)))
            if actor.person:
                return actor.gender in (None, gender)
            # "Armenian Ombudsman Anahit Manasyan said ... She said ...": an office whose holder is named as
            # the speaker is a person there.
            # "Ministry spokesman Anar Eyvazov" likewise, though the pack knows only the ministry.
            # So is an office or a spokesman named by title alone ("Armenia's Human Rights Defender said ...",
            # "an NSS spokesman told ... . He said ..."), not an institution ("the ministry said ... . He said").
            if not e.speaker:
                return False
            named = _NAMED_HOLDER.search(self.text, e.start, e.end)
            role = next((r for r in _SPOKES if r in self.text[e.start:e.end].lower()), None)
            if actor.kind not in ("official", "spokesperson") and role is None:
                return False
            if named is not None and not any(named.group().lower() in a.lower() for a in (actor.name, *actor.aliases)):
                return True
            return _SPOKES.get(role) in (None, gender)

        for sent in self._window(anchor):
            cands = [e for e in events if self.sentence_of(e.start) == sent and fits(e)]
            spoke = [e for e in cands if e.speaker]
            # "Rendell said ... . He added ... Trump ... . 'Q,' he said": the pronoun goes on with a speaker the
            # pack does not know, not with an actor named in passing.
            outsider = [(st, m) for st, en, m in self.unresolved
                        if en <= anchor and self.sentence_of(st) == sent and _may_be(word, m)]
            if word in _THING_PRONOUNS:
                # "The Ministry of Ecology of Azerbaijan said ... . It said ...": an institution the pack does not
                # know but whose side was found goes on too (one without a side leaves "it" to the pack's actors).
                outsider = [(st, m) for st, m, _ in self.sided
                            if st < anchor and self.sentence_of(st) == sent and not _names_a_person(m)]
            if outsider and (not spoke or outsider[-1][0] > spoke[-1].start):
                logger.debug("pronoun %r at %d: continues unresolved speaker at %d; left unresolved", word, anchor,
                             outsider[-1][0])
                self.continued = outsider[-1][1]
                return None, 0.0, ""
            if not cands:
                continue
            # Reporting prose keeps its subject: prefer whoever spoke last, else the sentence's first mention.
            chosen = spoke[-1] if spoke else cands[0]
            conf = CONF_PRONOUN if len({e.actor for e in cands}) == 1 else CONF_PRONOUN - AMBIGUITY_PENALTY
            return self.reg.get(chosen.actor), conf, "pronoun"
        logger.debug("pronoun %r at %d: no compatible actor in the last %d sentences", word, anchor,
                     PRONOUN_WINDOW + 1)
        return None, 0.0, ""

    def _window(self, anchor: int) -> range:
        """The sentences a pronoun or possessive at ``anchor`` may look back over, latest first: its own and the
        ``PRONOUN_WINDOW`` before, counted from the first sentence of the quote it closes ('"A. B. C," he said').
        A statement's sentences count as one: 'Trump said that "A. B. C." He added ...' looks back to Trump."""
        lowest, counted = self.sentence_of(min(anchor, self.window_from)), 0
        while lowest > 0 and counted < PRONOUN_WINDOW:
            lowest -= 1
            start = self.sentences[lowest]
            counted += not any(first < start < end for first, end, _ in self.contents)
        return range(self.sentence_of(anchor), lowest - 1, -1)

    def _possessive(self, word: str, title: str, events: list[_Event], anchor: int) -> tuple[Actor | None, float, str]:
        """ "his military", "its troops": the title's holder on the side of whom the possessive names (the last
        fitting actor in the same or the two previous sentences, preferring a speaker)."""
        gender = _POSSESSIVES[word]
        holders = self.reg.title_holders(title)
        if not holders:
            return None, 0.0, ""

        def fits(e: _Event) -> bool:
            actor = self.reg.get(e.actor)
            return actor.person and actor.gender in (None, gender) if gender else not actor.person

        for sent in self._window(anchor):
            cands = [e for e in events if self.sentence_of(e.start) == sent and fits(e)]
            if not cands:
                continue
            spoke = [e for e in cands if e.speaker]
            owner = self.reg.get((spoke or cands)[-1].actor)
            mine = sorted(h for h in holders if self.reg.get(h).side == owner.side)
            if len(mine) > 1:  # two armies on one side: the one under the owner's own institutions
                family = {owner.id, *self.reg.ancestors(owner.id)}
                mine = [h for h in mine if family & {h, *self.reg.ancestors(h)}]
            if len(mine) == 1:
                return self.reg.get(mine[0]), CONF_PRONOUN, "possessive"
            logger.debug("%s %s at %d: %d holders on side %s", word, title, anchor, len(mine), owner.side)
            return None, 0.0, ""
        return None, 0.0, ""

    def _relatives(self, event: _Event) -> list[tuple[str, bool]]:
        # (candidate, direct?): the actor itself; then, if it spoke, the people who speak for it (its leader,
        # its spokesperson); then, for a person, the institution they speak for. Only a speaker brings its
        # people along: "6 p.m. Moscow time" must not make "the President" Putin. Institution children are
        # left out too: "the ministry" is never a ministry's military unit.
        actor = self.reg.get(event.actor)
        out = [(actor.id, True)]
        if event.speaker:
            out += [(c.id, False) for c in self.reg.children(actor.id) if c.person]
        if actor.person and actor.parent:
            out.append((actor.parent, False))
        return out

    def _said_inside_by_a_holder(self, e: _Event, holders: frozenset[str]) -> bool:
        """Whether a mention stands inside what a holder of the title said: in "The ministry rejected the Armenian
        Defence Ministry's statement ... , the ministry said", the second "the ministry" goes on with the
        speaker, not with the ministry it spoke of."""
        return not e.speaker and any(
            start <= e.start < end and self._title_fits(_Event(start, start, actor, True), holders)[0] is not None
            for start, end, actor in self.contents)

    def _title_fits(self, e: _Event, holders: frozenset[str]) -> tuple[str | None, bool]:
        fits = [(a, direct) for a, direct in self._relatives(e) if a in holders]
        direct = [a for a, d in fits if d]
        if direct:
            return direct[0], True
        distinct = {a for a, _ in fits}
        if len(distinct) == 1:
            return distinct.pop(), False
        if distinct:
            # Two spokespeople of the ministry that just spoke: one of them speaks for it, so the ministry does.
            return e.actor, False
        return None, False

    def _title(self, holders: frozenset[str], events: list[_Event], anchor: int,
               title: str) -> tuple[Actor | None, float, str]:
        # "In Baku, the Defence Ministry said ...": the sentence's scene says whose ministry, whoever spoke before.
        if (side := self.scene_side(anchor)) is not None:
            on_side = [h for h in holders if self.reg.get(h).side == side]
            if len(on_side) == 1:
                return self.reg.get(on_side[0]), CONF_TITLE_RELATIVE, "title_scene"
        for i in range(len(events) - 1, -1, -1):
            chosen, direct = self._title_fits(events[i], holders)
            if chosen is None or self._said_inside_by_a_holder(events[i], holders):
                continue
            conf = CONF_TITLE if direct else CONF_TITLE_RELATIVE
            first = self.sentence_of(anchor) - PRONOUN_WINDOW
            rivals = {self._title_fits(e, holders)[0] for e in events if self.sentence_of(e.start) >= first}
            if rivals - {chosen, None}:
                conf -= AMBIGUITY_PENALTY
            return self.reg.get(chosen), conf, "title"
        # No earlier mention holds the title: "the Ministry of Defense" in a story datelined BAKU, or after an
        # Azerbaijani speaker, is the holder on that side when it has only one; a title only one actor of the
        # pack holds ("the Defense Army") is that actor. Both with a guess's confidence.
        # Only speakers and a dateline's place count: "6 p.m. Moscow time" does not make "the President" Putin.
        for e in [*reversed([e for e in events if e.speaker]), *self.dateline]:
            side = self.reg.get(e.actor).side
            on_side = [h for h in holders if self.reg.get(h).side == side]
            if len(on_side) == 1:
                return self.reg.get(on_side[0]), CONF_TITLE_RELATIVE - AMBIGUITY_PENALTY, "title_side"
            if on_side:
                break
        if len(holders) == 1 and not self._names_another(title, holders, events, anchor):
            return self.reg.get(next(iter(holders))), CONF_TITLE_RELATIVE - AMBIGUITY_PENALTY, "title_only"
        logger.debug("title at %d: no earlier mention of %s", anchor, sorted(holders))
        return None, 0.0, ""

    def _names_another(self, title: str, holders: frozenset[str], events: list[_Event], anchor: int) -> bool:
        """Whether the text before ``anchor`` names, outside the mentions of ``holders``, something by the title's
        head noun: after "the State Committee for Refugees said ...", "the committee" is that body, not the one
        committee the pack knows."""
        head = title.split()[-1]
        theirs = [(e.start, e.end) for e in events if e.actor in holders]
        return any(not any(start <= m.start() < end for start, end in theirs)
                   for m in re.compile(rf"\b{re.escape(head)}\b", re.IGNORECASE).finditer(self.text, 0, anchor))

    def _last_institution(self, events: list[_Event], anchor: int) -> tuple[Actor | None, float, str]:
        first = self.sentence_of(anchor) - PRONOUN_WINDOW
        for e in reversed(events):
            if self.sentence_of(e.start) < first:
                break
            if e.speaker and not self.reg.get(e.actor).person:
                return self.reg.get(e.actor), CONF_PRONOUN, "statement"
        return None, 0.0, ""

    def _surname(self, holders: frozenset[str], events: list[_Event], anchor: int) -> tuple[Actor | None, float, str]:
        # "Clinton" after "Former President Bill Clinton ... for his wife Hillary Clinton": take the last
        # sentence that names one of them and, as for pronouns, whoever of them spoke there, else its subject
        # (first mention) rather than the last name in it.
        fitting = [e for e in events if e.actor in holders]
        if not fitting:
            logger.debug("surname at %d: no earlier mention of %s", anchor, sorted(holders))
            return None, 0.0, ""
        last = self.sentence_of(fitting[-1].start)
        here = [e for e in fitting if self.sentence_of(e.start) == last]
        spoke = [e for e in here if e.speaker]
        chosen = spoke[-1] if spoke else here[0]
        conf = CONF_TITLE
        if {e.actor for e in fitting if self.sentence_of(e.start) >= self.sentence_of(anchor) - PRONOUN_WINDOW} - {chosen.actor}:
            conf -= AMBIGUITY_PENALTY
        return self.reg.get(chosen.actor), conf, "title"

    def _title_with_role(self, key: str, events: list[_Event], anchor: int) -> tuple[Actor | None, float, str]:
        # "the ministry's spokeswoman", "a defense ministry spokesman": resolve the title, then take its
        # spokesperson when the pack has exactly one that fits; else the institution itself.
        role = next((r for r in _SPOKES if re.search(rf"\b{r}\b", key)), None)
        if role is None:
            return self._title_with_staff(key, events, anchor)
        # "ministry spokesman Anar Eyvazov": the title comes before the role and a name after it; "a spokesman for
        # the defence ministry": the title after it.
        before, _, after = key.partition(role)
        rest = (" ".join(w for w in _WORD_RE.findall(before) if w not in _FILLER)
                or " ".join(w for w in _WORD_RE.findall(after) if w not in _FILLER))
        if not rest or not (holders := self.reg.title_holders(rest)):
            logger.debug("speaker %r at %d: role without a known title; left unresolved", key, anchor)
            return None, 0.0, ""
        base, conf, _ = self._title(holders, events, anchor, rest)
        if base is None:
            return None, 0.0, ""
        gender = _SPOKES[role]
        kids = [k for k in self.reg.children(base.id)
                if k.kind == "spokesperson" and (gender is None or k.gender in (None, gender))]
        # "ministry spokesman Anar Eyvazov" when the pack's spokesman has another name: the ministry speaks.
        named = " ".join(w for w in _WORD_RE.findall(after) if w not in _FILLER) if before.strip() else ""
        if len(kids) == 1 and (not named or named in {normalize_mention(a) for a in kids[0].aliases}):
            return kids[0], conf - 0.05, "title"
        return base, conf - 0.05, "title"

    def _title_with_staff(self, key: str, events: list[_Event], anchor: int) -> tuple[Actor | None, float, str]:
        # "a senior Foreign Ministry official", "a source in the defence ministry", "officials at the ministry": the
        # institution the title names speaks (the person is nobody the pack knows), a little less surely.
        m = _STAFF.fullmatch(key)
        title = m and " ".join(w for w in _WORD_RE.findall(m.group("before") or m.group("after") or "")
                               if w not in _FILLER and w not in _STAFF_QUALIFIERS)
        if not title or not (holders := self.reg.title_holders(title)) or any(self.reg.get(h).person for h in holders):
            logger.debug("speaker %r at %d: no alias, title or pronoun; left unresolved", key, anchor)
            return None, 0.0, ""
        home = [h for h in holders if self.reg.get(h).side == self.home_side]
        if key.startswith(("a ", "an ")) and len(home) == 1:
            # "A military source told APA": someone new, not the army named last; a story told from one side
            # (dateline, the side's own outlet) quotes its own side's sources.
            return self.reg.get(home[0]), CONF_TITLE_RELATIVE - AMBIGUITY_PENALTY - 0.1, "title_home"
        actor, conf, how = self._title(holders, events, anchor, title)
        return (actor, conf - 0.1, how) if actor is not None else (None, 0.0, "")


# A member of an institution's staff named by the institution's title: "a senior foreign ministry official",
# "a source in the defence ministry", "officials at the ministry" (normalised: lower case).
_STAFF = re.compile(r"(?:(?:an?|the|two|several|some)\s+)?(?P<before>[\w\s-]+?\s)?"
                    r"(?:officials?|sources?|representatives?|employees?|staff(?:er)?s?)"
                    r"(?:\s+(?:at|in|of|from|with|close\s+to)\s+(?P<after>[\w\s-]+))?")
_STAFF_QUALIFIERS = frozenset({"senior", "high", "ranking", "high-ranking", "top", "unnamed", "anonymous", "junior",
                               "mid-level", "other"})


@functools.lru_cache(maxsize=8)
def _nationality_sides(registry: ActorRegistry) -> dict[str, str]:
    """First words of the pack's two-word-or-longer aliases that belong to one side only and name it on their own
    ("armenian", "azerbaijan", "russian", "karabakh"): how the news qualifies a title with a country. Words that
    only begin a name ("Security Council", "Prime Minister", "Investigative Committee") do not count: "the security
    service" names no country. Once per pack, not per document."""
    found: dict[str, set[str]] = {}
    for actor in registry.actors:
        for alias in actor.aliases:
            words = normalize_mention(alias).split()
            if len(words) > 1 and alias[:1].isupper():
                found.setdefault(words[0], set()).add(actor.side)

    def names_a_side(word: str, side: str) -> bool:
        actors = [registry.lookup(spelling) for spelling in (word, word.capitalize(), word.upper())]
        return registry.side_of_demonym(word.capitalize()) == side or any(a is not None and a.side == side
                                                                         for a in actors)

    return {w: side for w, sides in found.items() if len(sides) == 1 and names_a_side(w, side := next(iter(sides)))}


# Speakers named by what they are, not who: "officials", "a senior source", "local residents".
_NAMELESS = re.compile(r"(?:(?:an?|the|some|several|two|three|senior|top|local|government|military|security)\s+)*"
                       r"(?:officials?|sources?|authorities|residents|lawmakers|diplomats?|spokes(?:man|woman|person))",
                       re.IGNORECASE)
# An institution named by what it is, not whose: "the commission", "The State Commission", "the border service".
_NAMELESS_INSTITUTION = re.compile(r"(?:the|this)\s+(?:[\w'’-]+\s+){0,3}?(?:commission|service|ministry|agency"
                                   r"|committee|council|office|department|directorate|inspectorate"
                                   r"|prosecutor's\s+office)"
                                   r"(?:\s+(?:on|for|of)\s+[^,]+)?", re.IGNORECASE)
# ... and an office named the same way: "a deputy minister of environment", "the official", "a senior official".
# "Gegharkunik's governor", "the governor of Syunik": the office's place may be named.
_NAMELESS_OFFICIAL = re.compile(r"(?:(?:[Aa]n?|[Tt]he)\s+|[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?['\u2019]s\s+)"
                                r"(?:[a-z][\w-]*\s+){0,3}?(?:minister|official|officer"
                                r"|spokes(?:man|woman|person)|adviser|advisor|aide|commander|prosecutor|governor|mayor)"
                                r"(?:\s+(?:of|for)\s+(?:the\s+)?[A-Za-z][\w\s-]*)?")
# A local office whose place is left unnamed: "the provincial governor", "the regional administration", "the
# community head", "the village's administrative head", "the head of the village administration"; its people
# ("villagers").
_LOCAL_UNIT = r"(?:community|village|district|town|settlement|municipality)"
# Where people are of, after them: "residents of Kolani", "a farmer from one of the villages".
_OF_PLACE = r"(?:\s+(?:from|in|at|of)\s+.+)?"
# Sources in such a body speak for it: "unnamed sources in the regional administration".
_LOCAL_OFFICE = re.compile(rf"(?:(?:(?:unnamed|anonymous)\s+)?(?:(?:a|an)\s+)?(?:sources?|officials?)"
                           rf"\s+(?:in|at|from)\s+)?"
                           rf"(?:(?:the|a|an)\s+)?(?:deputy\s+|regional\s+|provincial\s+|district\s+|local\s+)*"
                           rf"(?:governor|mayor|community\s+head|village\s+head|district\s+head|head\s+of\s+the\s+"
                           rf"{_LOCAL_UNIT}(?:['\u2019]s)?"
                           rf"(?:\s+(?:administration|council|executive\s+(?:authority|power)))?"
                           rf"|{_LOCAL_UNIT}['\u2019]s\s+(?:administrative\s+)?(?:head|chief|administrator|mayor)"
                           rf"|(?:local|regional|provincial)\s+(?:authorities|officials?|administration)"
                           # "officials there", "residents there": of the place the story has just named
                           rf"|(?:officials|authorities|residents|villagers)\s+there"
                           # the body or the people of the place: "the village administration", "villagers"
                           rf"|{_LOCAL_UNIT}\s+(?:administration|council|authorities)"
                           # "a source in the community", "officials in the village": the place itself
                           rf"|(?<=\s)(?:the\s+)?{_LOCAL_UNIT}"
                           rf"|(?:local\s+)?(?:residents|villagers|inhabitants|locals){_OF_PLACE}"
                           # one of them, or someone who lives or works there: "one resident", "a farmer from one of
                           # the villages", "a doctor at the medical centre", "relatives", "witnesses"
                           rf"|(?:one\s+)?(?:resident|villager|farmer|shepherd|teacher|doctor|nurse|witness(?:es)?"
                           rf"|relatives|woman|man){_OF_PLACE})",
                           re.IGNORECASE)
# A locality after a demonym: "an Armenian border village", "the Azerbaijani town of ...", "Azerbaijani villages".
_LOCALITY_AFTER = re.compile(r"\s+(?:(?:border|frontline|front-line|mountain|small|remote)\s+)*"
                             r"(?:village|town|city|settlement|community|district)s?\b")
# ... or by the body they belong to: "a member of the commission", "the head of the Khachik community".
_MEMBER_OF = re.compile(r"(?:[Aa]n?|[Tt]he)\s+(?:member|head|chief|director)\s+of\s+[^,]+")
# A sentence that opens on where it happens: "In Baku, ...", "Meanwhile in Yerevan, ...".
_SCENE = re.compile(r"\s*[\"“]?(?:Meanwhile,?\s+)?(?:[Ii]n|[Ff]rom)\s+"
                    r"(?P<place>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s*,")


# "Huseynov", "Mr. Huseynov": a family name alone, as a story names someone it has introduced in full.
_BARE_SURNAME = re.compile(r"(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?(?P<name>[A-Z][a-z][\w'\u2019-]*)")


def _head(mention: str) -> str:
    """A speaker mention without its appositive: "Ani Badalyan, the ministry's spokeswoman" → "Ani Badalyan"."""
    return mention.split(",")[0].strip()


# "It was reported that", "It should be noted that": a passive cue whose "it" names nobody.
_IMPERSONAL_CUE = re.compile(r"(?:(?:is|was|has\s+been|had\s+been|(?:should|must|can|may)\s+be|be)\s+)(?:also\s+)?"
                             r"(?:reported|said|stated|claimed|alleged|announced|noted|recalled|known|learned|learnt"
                             r"|understood|believed)", re.IGNORECASE)


# ... and "It was reported in Vardenis that": the tagger may read the place after the cue as its speaker.
_IMPERSONAL_CUE_WHERE = re.compile(rf"{_IMPERSONAL_CUE.pattern}\s+(?:in|from|at|on)", re.IGNORECASE)


def _impersonal(statement: Statement) -> bool:
    speaker, cue = statement.speaker, statement.cue
    if speaker is None or cue is None:
        return False
    if speaker.start >= cue.end:
        return _IMPERSONAL_CUE_WHERE.fullmatch(cue.text.strip()) is not None
    return speaker.text.strip().lower() == "it" and _IMPERSONAL_CUE.fullmatch(cue.text.strip()) is not None


_QUOTED_PERSON = re.compile(r"(?:quoted|cited)\s+(?P<who>.+?)\s+as\s+saying", re.IGNORECASE)


def _is_party(side: str | None, registry: ActorRegistry) -> bool:
    """Whether a side opposes someone: a party to the conflict, not a third state, wire or rights group."""
    return side is not None and bool(registry.sides[side].opposes)


def _side_of_quoted(cue: str, registry: ActorRegistry) -> str | None:
    """The side of whom a "quoted/cited X as saying" cue quotes, when the pack or its words name one."""
    m = _QUOTED_PERSON.fullmatch(cue.strip())
    if m is None:
        return None
    found = registry.match(m["who"])
    return found[0].side if found is not None else _side_named(m["who"], registry)


def _side_named(mention: str, registry: ActorRegistry) -> str | None:
    """The side a speaker outside the pack names by its first word ("Armenian police", "an Azerbaijani
    lawmaker", "Armenia's border guards"), by a place on one side's ground ("the governor of Syunik",
    "residents of Tovuz"; the pack's ``places``), by an actor it belongs to ("the defence ministry of the
    self-proclaimed Nagorno-Karabakh Republic") or by a name of one side's people ("Grigoryan", "Father
    Hovhannes"; the pack's ``surname_endings`` and ``personal_names``); ``None`` for a bare demonym or place, or
    another name ("Russell")."""
    if (site := registry.side_of_domain(mention)) is not None:
        return site  # "Pro-government website Haqqin.az"
    # "the Armenian-backed authorities": the side that backs them; "the Baku-based news agency": where it is.
    words = [re.sub(r"-(?:backed|based)$", "", w) for w in mention.split() if w.lower() not in ("the", "a", "an")]
    if len({registry.side_of_demonym(w.strip(",")) for w in words} - {None}) > 1:
        return None  # "Armenia and Azerbaijan", "Armenian and Azerbaijani officials": both sides speak
    if len(words) < 2:
        return registry.side_of_personal_name(mention)
    # "a senior Armenian official", "a top Azerbaijani diplomat": a country after a qualifier or two.
    by_country = next((side for w in words[:3] if (side := registry.side_of_demonym(w.strip(","))) is not None), None)
    # ... where it works from, in its first words or its appositive's ("Monument Watch, a Yerevan-based group").
    near = mention.split()[:3] + (mention.split(",", 1)[1].split()[:3] if "," in mention else [])
    based = next((m.group(1) for w in near if (m := re.fullmatch(r"([A-Z][\w'’-]*)-based,?", w))), None)
    if by_country is None and based is not None:
        # "the Baku-based news agency", "a Yerevan-based analyst": the side of the place it works from.
        found = registry.match(based)
        by_country = found[0].side if found is not None else registry.side_of_place(based)
    return (by_country or _side_of_modifiers(mention, registry) or _side_of_party_tag(mention, registry)
            or _side_of_polity(words[0], registry)
            or registry.side_of_place(mention) or _side_of_owner(mention, registry)
            or _side_of_employer(mention, registry) or registry.side_of_personal_name(mention))


# Where the words that describe a mention's head noun end: a preposition or a clause that says more about it.
_MODIFIERS_END = re.compile(r"\s(?:of|for|to|in|at|from|with|on|by|about|over|and|or|but|who|whose|which|that)\s",
                            re.IGNORECASE)


def _side_of_modifiers(mention: str, registry: ActorRegistry) -> str | None:
    """ "Jane Roe, a longtime Republican strategist", "one New Hampshire Democrat", "Representative Ann Tull,
    Republican of Ohio": one side's word (:meth:`ActorRegistry.side_of_demonym`) among the words before the head
    noun's end, in the mention or its appositive; not in what follows a preposition ("an expert on Armenian
    history")."""
    sides = set()
    for part in mention.split(",")[:2]:
        described = _MODIFIERS_END.split(f" {part.strip()} ", maxsplit=1)[0]
        sides |= {registry.side_of_demonym(w.strip("().;:")) for w in described.split()} - {None}
    return sides.pop() if len(sides) == 1 else None


# A party tag after a name, as US news writes it: "Sen. Jane Roe (D-Vt.)", "Tom Reyes (R)".
_PARTY_TAG = re.compile(r"\((?P<initial>[A-Z])(?:-[A-Z][\w. ]*)?\)")


def _side_of_party_tag(mention: str, registry: ActorRegistry) -> str | None:
    """The party side whose name begins with the tag's letter, when only one party's does ("D" Democrats; none
    in a conflict of Armenia and Azerbaijan)."""
    tag = _PARTY_TAG.search(mention)
    if tag is None:
        return None
    sides = [side.id for side in registry.sides.values()
             if _is_party(side.id, registry) and side.name.startswith(tag["initial"])]
    return sides[0] if len(sides) == 1 else None


# Who works for or backs someone: "a longtime adviser to Trump", "A Trump adviser", "Cruz spokesman Tom Reyes".
_WORKS_FOR = frozenset({"aide", "aides", "adviser", "advisers", "advisor", "advisors", "assistant", "assistants",
                        "spokesman", "spokeswoman", "spokesperson", "spokespeople", "spokesmen", "strategist",
                        "strategists", "pollster", "pollsters", "ally", "allies", "confidant", "confidante",
                        "loyalist", "loyalists", "surrogate", "surrogates", "supporter", "supporters", "backer",
                        "backers", "staffer", "staffers", "manager", "envoy", "emissary", "secretary", "delegate",
                        "delegates", "volunteer", "volunteers", "donor", "donors", "endorser", "endorsers",
                        # whose organisation: "The Obama administration", "the Sanders campaign", "Aliyev's team"
                        "campaign", "administration", "team", "camp"})
# Words that may stand between the alias and the role, or qualify the role: "a former top campaign adviser to".
_ROLE_QUALIFIERS = frozenset({"a", "an", "the", "one", "another", "former", "longtime", "long-time", "top", "senior",
                              "close", "chief", "veteran", "campaign", "press", "communications", "political",
                              "policy", "economic", "foreign", "deputy", "national", "and", "outside", "key",
                              "prominent", "leading", "early", "staunch", "loyal", "influential", "major"})


_NAME_TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "sen", "senator", "rep", "gov", "governor", "president",
                          "secretary", "speaker", "vice"})


def _side_of_employer(mention: str, registry: ActorRegistry) -> str | None:
    """The side of a person of the pack whom the mention works for or backs, when the pack has no office of theirs
    to speak for ("a longtime adviser to Trump", "A Trump adviser", "Cruz spokesman Tom Reyes", "Mrs. Clinton's
    advisers"): the role word right after the alias, or right before "to"/"for"/"of" and the alias. Every other
    word before the name that ends it must qualify the role. The mention's appositive may say it instead ("Jane
    Roe, a former adviser to Mrs. Clinton")."""
    return next((side for part in mention.split(",")[:2] if (side := _employer_side(part.strip(), registry))), None)


def _employer_side(head: str, registry: ActorRegistry) -> str | None:
    head = re.split(r"\s(?:who|whose|which|that)\s", head, maxsplit=1)[0]  # "... to Mr. Obama who is now a fellow"
    people = [(h.start, h.end, actor.side) for h in registry.find_mentions(head)
              if (actor := registry.get(h.actor)).person]
    # "Clinton ally Tom Reyes": a surname the pack's people share, all of one side, names that side.
    for m in re.finditer(r"\b[A-Z]\w*", head):
        holders = {registry.get(a).side for a in registry.surname_holders(m.group())}
        if len(holders) == 1:
            people.append((m.start(), m.end(), holders.pop()))
    for start, end, side in people:
        if not _is_party(side, registry):
            continue
        before = [w.lower().rstrip(".") for w in head[:start].split()]
        while before and before[-1] in _NAME_TITLES:  # "a surrogate for Mr. Sanders", "an adviser to Sen. Cruz"
            before.pop()
        after = head[end:].split()
        if after and after[0].lower() in ("'s", "\u2019s"):
            after = after[1:]
        # "a former adviser and pollster to Mr. Clinton": role words, then "to"/"for"/"of", then the alias ends it.
        if len(before) >= 2 and before[-1] in ("to", "for", "of") and not after \
                and before[-2] in _WORKS_FOR and set(before[:-2]) <= _ROLE_QUALIFIERS | _WORKS_FOR:
            return side
        # "A Trump adviser", "Cruz spokesman Tom Reyes": the alias opens the mention, role words follow, then at
        # most a name (capitalised words).
        lead = next((i for i, w in enumerate(after) if w[:1].isupper()), len(after))
        roles, name = [w.lower() for w in after[:lead]], after[lead:]
        if set(before) <= {"a", "an", "one", "another", "the"} and roles and roles[-1] in _WORKS_FOR \
                and set(roles) <= _ROLE_QUALIFIERS | _WORKS_FOR and len(name) <= 3 \
                and all(w[:1].isupper() for w in name):
            return side
    return None


def _side_of_polity(word: str, registry: ActorRegistry) -> str | None:
    """ "the Karabakh interior ministry", "Karabakh's police": a first word that the pack knows as a polity (its
    "Karabakh authorities" is an actor) makes any institution after it that polity's."""
    name = re.sub(r"['\u2019]s$", "", word.strip(","))
    if not name[:1].isupper():
        return None
    found = registry.match(f"{name} authorities")
    return found[0].side if found is not None and found[1] >= 1.0 else None


def _names_a_person(mention: str) -> bool:
    """Whether a speaker outside the pack is a person: a role ("a senior official", "the spokesman") or a name
    ("Grigoryan"), not an institution ("Armenia's National Security Service")."""
    head = _head(mention).split()
    last = head[-1].lower() if head else ""
    return last in _PERSON_NOUNS or last in _SPOKES or (
        bool(head) and head[-1][:1].isupper() and len(head) >= 2 and head[-2][:1].isupper()
        and last not in _INSTITUTION_NOUNS)


def _names_an_institution(mention: str) -> bool:
    """Whether a mention's head noun (before "of"/"in"/"at") is an institution's: "the president's office in
    Stepanakert", "the leader's press service"."""
    head = re.split(r"\s+(?:of|in|at)\s+", _head(mention), maxsplit=1)[0].split()
    return bool(head) and head[-1].lower() in _INSTITUTION_NOUNS


def _side_of_owner(mention: str, registry: ActorRegistry) -> str | None:
    """ "the defence ministry of the self-proclaimed Nagorno-Karabakh Republic", "a source in the Azerbaijani
    presidential administration", "the separatists' interior ministry", 'the separatist regime's "defense army"': the
    side of the actor after "of"/"in"/"at" or before a possessive, when the pack knows it, or of the country that
    opens it."""
    # Each "of" in turn: "the Ministry of Ecology and Natural Resources of Azerbaijan" is Azerbaijan's.
    head = _head(mention)
    # "The separatists' interior ministry": an owner the pack knows, before a possessive.
    owned = re.match(r"(?:the\s+)?(?P<owner>[\w\s-]+?)(?:'s|\u2019s|'|\u2019)\s+[\"\u201c]?\w", head, re.IGNORECASE)
    if owned and (found := registry.match(owned.group("owner"))) is not None:
        return found[0].side
    for m in re.finditer(r"\s(?:of|in|at|within)\s+(?=(?P<owner>[^,]+))", head):
        found = registry.match(m.group("owner"))
        if found is not None:
            return found[0].side
        if _names_an_institution(head) and (side := _side_of_polity(m.group("owner").split()[0], registry)):
            return side  # "The State Emergency Service of Nagorno-Karabakh": the polity's institution
        opening = re.match(r"(?:the\s+)?([A-Z][\w'\u2019]+)\s+\w", m.group("owner"))
        if opening and (side := registry.side_of_demonym(opening.group(1))) is not None:
            return side
    return None


def _may_be(pronoun: str, mention: str) -> bool:
    """Whether an unresolved speaker ``mention`` may be who ``pronoun`` ("he"/"she") refers to: the same
    pronoun, a proper name ("Rendell", "Mr. Schultz", "Sen. David Perdue (R-Ga.)") or an office ("a deputy
    minister", "a member of the commission"), not "the poll"."""
    if pronoun not in _PERSON_PRONOUNS:
        return False
    key = normalize_mention(mention)
    if key in _PERSON_PRONOUNS or key in _THING_PRONOUNS:
        return _PERSON_PRONOUNS.get(key) == _PERSON_PRONOUNS[pronoun]  # "he" ... "according to him"
    # "Hovik Grigoryan, a farmer": the name before an appositive; "The combine's owner, Samvel Avanesyan": after it.
    for part in re.sub(r"\s*\([^()]*\)\s*$", "", mention).split(",")[:2]:
        words = part.split()
        if words and words[0].lower() not in _DETERMINERS and words[-1][:1].isupper():
            return True
    # "A deputy minister of environment told news.am ... . '...,' he said": a person named by an office; "Voskepar's
    # village head", "an Armenian villager": by a noun for a person.
    head = _head(mention)
    # "A resident of Paravakar", "a farmer from Koti", "a doctor at the hospital": the noun before the place
    noun = _HEAD_END.split(head, maxsplit=1)[0]
    return (_NAMELESS_OFFICIAL.fullmatch(head) is not None or _MEMBER_OF.fullmatch(head) is not None
            or (noun.split() or [""])[-1].lower() in _PERSON_NOUNS)


def resolve(statements: Sequence[Statement], text: str, registry: ActorRegistry | None = None, *,
            roll_up: bool = False, keep_existing: bool = True, outlet: str | None = None) -> list[Statement]:
    """Fill ``actor``, ``side`` and ``confidence`` of one document's statements.

    Args:
        statements: statements of one document (any order); offsets index into ``text``.
        text: the document text the statements were extracted from.
        registry: the actor pack; ``None`` uses :meth:`ActorRegistry.default`.
        roll_up: report :meth:`ActorRegistry.canonical` ids (a leader's government, a spokesperson's
            ministry) instead of the most specific actor.
        keep_existing: keep an ``actor`` that is already set (and fill its ``side``); ``False`` re-resolves.
        outlet: the outlet that published the document (``Document.meta["outlet"]``): when the pack knows it as
            one side's media and neither a dateline nor an outlet in the first sentence says where the story is
            told from, institutions whose country is not written take its side.

    Returns:
        New statements (``dataclasses.replace``), same length and order. Unresolved speakers keep their
        mention with ``actor=None`` and ``side=None`` (or the side their first word names, at half the
        confidence), and their confidence unchanged.

    Raises:
        TypeError: ``text`` is not a string.
        ValueError: statements of several documents, a span that does not slice ``text``, or a kept actor
            that the registry does not know.

    Example:
        >>> from claimdiff.records import Span, Statement
        >>> text = "Baku described as absurd the claims."
        >>> s = Statement("s1", "d", "indirect", Span.of(text, 27, 35), speaker=Span.of(text, 0, 4))
        >>> resolve([s], text)[0].actor
        'AZ.GOV'
    """
    if not isinstance(text, str):
        raise TypeError(f"resolve() needs the document text as a str, got {type(text).__name__}")
    reg = registry if registry is not None else ActorRegistry.default()
    items = list(statements)
    _check(items, text, reg, keep_existing)
    resolver = _Resolver(text, reg, outlet)

    def anchor(i: int) -> tuple[int, int]:
        s = items[i]
        return (s.speaker.start if s.speaker is not None else s.content.start, i)

    out: list[Statement] = list(items)
    # A speaker whose denial names the claims it denies as one side's is not of that side, whatever was said last.
    disowned: dict[tuple[int, int], frozenset[str]] = {}
    for s in items:
        if s.speaker is not None and s.kind != "narrator":
            key = (s.speaker.start, s.speaker.end)
            disowned[key] = disowned.get(key, frozenset()) | resolver.disowned_sides(s)
    # '"...," the ministry said, adding that ...': one speaker mention, two statements, one reading (with the
    # unresolved speaker its pronoun went on with, if any).
    by_speaker: dict[tuple[int, int], tuple[Actor | None, float, str, str | None]] = {}
    for i in sorted(range(len(items)), key=anchor):
        s = items[i]
        if s.kind == "narrator":
            out[i] = dataclasses.replace(s, actor=NARRATOR_ID, side=NARRATOR_SIDE)
            continue
        if _impersonal(s):
            # "It was reported that ...": nobody is named, so the story's own voice speaks: a partisan outlet's (or
            # one filed from a side's capital) for its side, else the narrator's.
            home = resolver.home_side
            out[i] = dataclasses.replace(s, actor=None if home else NARRATOR_ID, side=home or NARRATOR_SIDE)
            continue
        continued: str | None = None
        seen = s.speaker is not None and (s.speaker.start, s.speaker.end) in by_speaker
        if keep_existing and s.actor is not None:
            actor: Actor | None = reg.get(s.actor)
            conf, how = 1.0, "kept"
        elif s.speaker is None:
            logger.debug("statement %s has no speaker; left unresolved", s.id)
            actor, conf, how = None, 0.0, ""
        elif seen:
            actor, conf, how, continued = by_speaker[(s.speaker.start, s.speaker.end)]
        else:
            resolver.disowned = disowned.get((s.speaker.start, s.speaker.end), frozenset())
            actor, conf, how = resolver.resolve(s)
            continued = resolver.continued
            by_speaker[(s.speaker.start, s.speaker.end)] = (actor, conf, how, continued)
        if actor is not None and actor.kind == "media" and not _is_party(actor.side, reg) and s.cue is not None \
                and _QUOTED_PERSON.fullmatch(s.cue.text.strip()):
            # "Reuters cited a senior Azerbaijani official as saying": a wire that quotes someone does not speak;
            # whom it quotes does (below: the side the quoted one's words name, if any).
            actor = None
        if actor is None:
            if s.speaker is not None and not seen:
                resolver.unresolved.append((s.speaker.start, s.speaker.end, s.speaker.text))
            side = _side_named(s.speaker.text, reg) if s.speaker is not None else None
            if side is None and s.speaker is not None:
                side = resolver.side_of_namesake(s.speaker.text, s.speaker.start)
            if side is None and continued is not None:
                # "Grigoryan said ... . He added ...": the pronoun speaks for whatever side the name did.
                side = next((side for _, m, side in reversed(resolver.sided) if m == continued), None) \
                    or _side_named(continued, reg)
            if side is None and s.cue is not None:
                # "Reuters cited a senior Azerbaijani official as saying": who is quoted speaks for a side.
                side = _side_of_quoted(s.cue.text, reg)
            if side is None and s.speaker is not None:
                side = resolver.side_in_context(s.speaker.text, s.speaker.start)
            if side is not None and s.speaker is not None and not seen:
                resolver.sided.append((s.speaker.start, s.speaker.text, side))
            # "Armenian police", "Azerbaijan's State Border Service": no actor of the pack, but the side is written.
            out[i] = dataclasses.replace(s, actor=None, side=side,
                                         confidence=round(s.confidence * CONF_SIDE_ONLY, 4) if side else s.confidence)
            if not seen:
                resolver.note_quoted(s, side)
            continue
        if s.speaker is not None:
            resolver.speakers.append(_Event(s.speaker.start, s.speaker.end, actor.id, True))
        spoken = [s.content, *([s.speaker] if s.speaker is not None else [])]
        resolver.contents.append((min(x.start for x in spoken), max(x.end for x in spoken), actor.id))
        logger.debug("statement %s: %r -> %s (%s, %.2f)", s.id, s.speaker.text if s.speaker else None,
                     actor.id, how, conf)
        final = reg.get(reg.canonical(actor.id)) if roll_up else actor
        out[i] = dataclasses.replace(s, actor=final.id, side=final.side, confidence=round(s.confidence * conf, 4))
        if not seen:
            resolver.note_quoted(s, final.side)
    return out


def _check(items: list[Statement], text: str, reg: ActorRegistry, keep_existing: bool) -> None:
    docs = {s.doc_id for s in items}
    if len(docs) > 1:
        raise ValueError(f"resolve() takes the statements of one document, got doc_ids {sorted(docs)}; "
                         "group them by doc_id and call it once per document")
    for s in items:
        if not isinstance(s, Statement):
            raise TypeError(f"resolve() needs Statement objects, got {type(s).__name__}")
        for name in ("speaker", "cue", "content"):
            span = getattr(s, name)
            if span is not None and text[span.start:span.end] != span.text:
                raise ValueError(f"statement {s.id!r} (doc {s.doc_id!r}): {name} span [{span.start}, {span.end}) "
                                 f"reads {text[span.start:span.end]!r} in the text, not {span.text!r}; "
                                 "pass the text the statements were extracted from")
        if keep_existing and s.actor is not None and s.kind != "narrator" and s.actor not in reg:
            raise ValueError(f"statement {s.id!r} has actor {s.actor!r}, which pack {reg.name or reg.source!r} "
                             "does not know; pass keep_existing=False to resolve it again with this pack")
