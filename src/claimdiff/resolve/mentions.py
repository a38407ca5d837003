"""Speaker mention → actor, without context: which actor of the pack a mention such as "Shushan Stepanyan,
the ministry's spokeswoman" or "an aide to Aliyev" names, and how sure that is (:func:`match`).

The registry (:class:`claimdiff.actors.ActorRegistry`) holds the pack and finds alias occurrences; deciding whom
a whole mention names is resolution work, so it lives here, beside :mod:`claimdiff.resolve.resolution` (titles,
pronouns and earlier sentences). ``ActorRegistry.match`` calls :func:`match`.

Example:
    >>> from claimdiff.actors import ActorRegistry
    >>> actor, score = match(ActorRegistry.default(), "Azerbaijan's defence ministry")
    >>> actor.id, score
    ('AZ.MOD', 1.0)
"""

from __future__ import annotations

import logging
import re

from claimdiff.actors import _WORD_RE, Actor, ActorRegistry, Mention, fold, normalize_mention
from claimdiff.times import MONTHS, WEEKDAYS

__all__ = ["match"]

logger = logging.getLogger(__name__)

# Words that may surround an alias inside a speaker mention without changing who speaks:
# "the Armenian Defense Ministry's press service" is still the ministry.
_STOPWORDS = frozenset({"the", "a", "an", "of", "for", "in", "at", "by", "and", "its", "his", "her", "their",
                        "to", "on", "from", "with", "s"})
_ROLE_WORDS = frozenset({"press", "service", "office", "secretary", "official", "officials", "representative",
                         "representatives", "source", "sources", "statement", "statements", "head", "chief",
                         "leadership", "communique", "communiqué", "department", "website", "channel",
                         "telegram", "account", "briefing",
                         # what the actor issues speaks for it: "a preliminary assessment by the ombudsman",
                         # "figures released by the ministry", "a video posted by the ministry"
                         "report", "reports", "assessment", "preliminary", "figures", "data", "estimate", "estimates",
                         "tally", "update", "bulletin", "message", "letter", "video", "footage", "map", "maps",
                         "issued", "released", "published", "posted", "shared"})
# A spokes-word asks for the actor's spokesperson; its gender narrows the choice.
_SPOKES_WORDS: dict[str, str | None] = {"spokesman": "male", "spokesmen": "male", "spokeswoman": "female",
                                        "spokesperson": None, "spokespeople": None, "spokespersons": None}
# Someone who works *for* the actor: the actor's institution speaks, not the person named as employer.
_AFFILIATE_WORDS = frozenset({"aide", "aides", "adviser", "advisers", "advisor", "advisors", "assistant",
                              "deputy", "envoy", "ambassador", "emissary", "staff", "staffer", "employee",
                              # a news outlet's people: "Trend's correspondent", "an Armenpress reporter"
                              "correspondent", "correspondents", "reporter", "reporters", "journalist",
                              "journalists"})
# Offices one person holds: their alias can stand before the holder's name as a title.
_ONE_HOLDER_KINDS = frozenset({"official", "leader", "spokesperson"})
_CALENDAR_WORDS = frozenset((*WEEKDAYS, *MONTHS))
_PREPOSITIONS = frozenset({"to", "of", "for", "at", "in", "from", "with"})
# Courtesy titles before a name ("Mr. Obama"): allowed around an alias, but their gender must fit the actor
# ("Mrs. Obama" is not Barack Obama).
_HONORIFICS: dict[str, str | None] = {"mr": "male", "mrs": "female", "ms": "female", "miss": "female",
                                      "sir": "male", "dr": None}
# Job titles and their qualifiers, as written before a name ("Republican presidential candidate Donald Trump",
# "campaign manager Robby Mook", "Research Director Raj Shah"): they describe the named person, who speaks.
_TITLE_WORDS = frozenset({
    "candidate", "nominee", "presidential", "vice", "president", "former", "governor", "gov", "senator", "sen",
    "rep", "congressman", "congresswoman", "minister", "prime", "foreign", "defense", "defence", "state",
    "director", "manager", "campaign", "chairman", "chairwoman", "chair", "leader", "speaker", "majority",
    "minority", "house", "senate", "democratic", "republican", "communications", "communication", "national",
    "general", "commander", "mayor", "research", "policy", "senior", "adviser", "advisor", "strategist",
    "running", "mate", "party", "elect", "acting", "interim", "u", "s", "us", "the", "major", "lieutenant",
    "colonel", "col", "gen", "lt", "brigadier", "admiral", "captain", "sergeant", "officer",
})
# Words that say what someone is, not who: never a given name ("Spokeswoman Stepanyan").
_ROLE_OR_TITLE = _TITLE_WORDS | _ROLE_WORDS | _AFFILIATE_WORDS | frozenset(_SPOKES_WORDS)
# A trailing aside in parentheses ("Mike Pence (R-IN)", "the Defense Ministry (MoD)") does not change who speaks.
_TRAILING_PAREN = re.compile(r"\s*\([^()]*\)\s*$")


def match(registry: ActorRegistry, mention: str) -> tuple[Actor, float] | None:
    """The actor of ``registry`` that a speaker mention names, with a score in (0, 1]; ``None`` when unsure.

    Scores: 1.0 an exact alias; 0.85 an alias inside the mention whose other words all describe the same actor
    ("Shushan Stepanyan, the ministry's spokeswoman"); 0.8 the actor's spokesperson asked for by a spokes-word;
    0.7 several aliases of one institution; 0.6 someone who works for the actor ("an aide to Aliyev" → his
    government). A courtesy title ("Mr. Pashinyan") is allowed when its gender fits the person; a trailing aside in
    parentheses is ignored. A mention with any other word ("a blogger from Baku") gives ``None``: never a wrong
    guess.
    """
    exact = registry.lookup(mention)
    if exact is not None:
        return exact, 1.0
    bare = _TRAILING_PAREN.sub("", mention)
    if bare != mention and bare.strip():
        return match(registry, bare)
    posted = _POSTED_TO.search(mention)
    if posted and registry.find_mentions(mention[:posted.start("to")]):
        return match(registry, mention[:posted.start("to")])
    found = registry.find_mentions(mention)
    hits = [h for h in found if not _namesake(registry, mention, h, found)]
    if not hits:
        return None
    return _match_contained(registry, mention, hits)


# "Azerbaijan's envoy to the United Nations", "the Armenian ambassador in Moscow": whom a diplomat is posted to
# is not whom the diplomat speaks for.
_POSTED_TO = re.compile(r"\b(?:envoy|envoys|ambassador|ambassadors|representative|representatives|delegate|delegates"
                        r"|delegation|mission|embassy|consul|consulate|emissary)(?P<to>\s+(?:to|at|in)\s+\S.*)$",
                        re.IGNORECASE | re.DOTALL)


def _namesake(registry: ActorRegistry, mention: str, hit: Mention, hits: list[Mention]) -> bool:
    """ "Gegham Stepanyan" when the pack knows a Shushan Stepanyan: a one-word surname alias right after a given
    name that is not the person's own names someone else of that name."""
    actor = registry.get(hit.actor)
    if not actor.person or len(hit.text.split()) != 1:
        return False
    before = mention[:hit.start].split()
    adjacent = mention[hit.start - 1:hit.start] == " "
    if not (before and adjacent and before[-1][:1].isupper() and before[-1].isalpha()):
        return False
    if any(h.start < hit.start and h.end > hit.start - 2 for h in hits if h is not hit):
        return False  # the word before is part of another alias
    given = normalize_mention(before[-1])
    return given not in _ROLE_OR_TITLE and given not in _HONORIFICS and given not in registry._vocabulary(hit.actor)


def _match_contained(registry: ActorRegistry, mention: str, hits: list[Mention]) -> tuple[Actor, float] | None:
    # An ancestor next to its descendant only qualifies it: "Armenian Defense Ministry spokeswoman Shushan
    # Stepanyan" is Stepanyan. A possessive alias modifies the head noun: "Aliyev's aide Hikmet Hajiyev".
    ids = list(dict.fromkeys(h.actor for h in hits))
    heads = [h for h in hits if not any(h.actor in registry.ancestors(o) for o in ids if o != h.actor)]
    named = [h for h in heads if not h.possessive]
    owned = not named
    heads = named or heads
    folded = fold(mention)
    pieces, last = [], 0
    for h in hits:
        pieces.append(folded[last:h.start])
        last = h.end
    pieces.append(folded[last:])
    words = _WORD_RE.findall(normalize_mention(" ".join(pieces)))
    head_ids = list(dict.fromkeys(h.actor for h in heads))
    vocab = frozenset().union(*(registry._vocabulary(a) for a in ids))
    allowed = _STOPWORDS | _ROLE_WORDS | _AFFILIATE_WORDS | set(_SPOKES_WORDS) | set(_HONORIFICS) | vocab
    unknown = [w for w in words if w not in allowed]
    if unknown and _titled_name(registry, mention, hits[-1], unknown):
        # "Republican presidential candidate Donald Trump": a job title before the name that ends the mention.
        unknown = []
    if unknown:
        official = _official_of(registry, mention, hits[-1])
        if official is not None:
            return official
        logger.debug("mention %r: words %s do not describe %s; not guessing", mention, unknown, head_ids)
        return None
    titled = {_HONORIFICS[w] for w in words if w in _HONORIFICS}
    if titled and not all(_courtesy_fits(titled, registry.get(a)) for a in head_ids):
        logger.debug("mention %r: a courtesy title does not fit %s; not guessing", mention, head_ids)
        return None
    return _match_known(registry, mention, words, heads, head_ids, owned, folded)


def _titled_name(registry: ActorRegistry, mention: str, last: Mention, unknown: list[str]) -> bool:
    """Whether the mention is job-title words followed by a person's alias, which ends it. The title may name
    where the office is ("Texas Sen. Ted Cruz", "Former Florida Gov. Jeb Bush"), unless that place or people is
    another side's ("Armenian Foreign Minister" before an Azerbaijani name)."""
    actor = registry.get(last.actor)
    if not actor.person or mention[last.end:].strip(" ,."):
        return False
    before, alias = mention[:last.start].split(), mention[last.start:].split()
    # a capitalised word right before a title word (the alias may open with one: "Sen. Ted Cruz")
    where = {normalize_mention(w): w.strip(".,") for w, after in zip(before, [*before[1:], *alias[:1]])
             if w[:1].isupper() and normalize_mention(after).strip(".") in _TITLE_WORDS}

    def of_this_side(word: str) -> bool:
        return (registry.side_of_demonym(word) or registry.side_of_place(word)) in (None, actor.side)

    return all(w in _TITLE_WORDS or (w in where and of_this_side(where[w])) for w in unknown)


def _official_of(registry: ActorRegistry, mention: str, last: Mention) -> tuple[Actor, float] | None:
    """"Trump campaign spokesman Jason Miller": an institution's alias, role words, then a name the pack does
    not know: the institution speaks through its official (0.75 with a spokes-word, else 0.6). An office held
    by one person needs no role word: "Karabakh ombudsman Jane Doe" is that office (0.75)."""
    actor = registry.get(last.actor)
    before = set(_WORD_RE.findall(normalize_mention(mention[:last.start])))
    if actor.person or last.possessive or before - _STOPWORDS:
        return None
    tail = mention[last.end:].split()
    name = [w for w in tail if w[:1].isupper() and normalize_mention(w) not in _TITLE_WORDS | _ROLE_WORDS]
    roles = [normalize_mention(w) for w in tail[: len(tail) - len(name)]]
    if not (1 <= len(name) <= 3 and tail[len(tail) - len(name):] == name):
        return None
    if not roles:
        one_holder = actor.kind in _ONE_HOLDER_KINDS
        dated = any(normalize_mention(w) in _CALENDAR_WORDS for w in name)  # "the ministry Tuesday said"
        return (actor, 0.75) if one_holder and not dated else None
    if not all(r in _ROLE_OR_TITLE for r in roles):
        return None
    return actor, 0.75 if any(r in _SPOKES_WORDS for r in roles) else 0.6


def _courtesy_fits(genders: set[str | None], actor: Actor) -> bool:
    genders = genders - {None}
    return actor.person and len(genders) <= 1 and (actor.gender is None or not genders or actor.gender in genders)


def _match_known(registry: ActorRegistry, mention: str, words: list[str], heads: list[Mention], head_ids: list[str], owned: bool,
                 folded: str) -> tuple[Actor, float] | None:
    # Every word of the mention describes the actors it names: pick the speaker among them.
    if len(head_ids) == 1:
        actor, score = registry.get(head_ids[0]), 0.85
        if not owned:
            # "an aide to Pashinyan": the named person is the object of a preposition, not the speaker.
            before = _WORD_RE.findall(folded[:heads[0].start].lower())
            owned = bool(before) and before[-1] in _PREPOSITIONS
    else:
        roots = {registry.canonical(a) for a in head_ids}
        if len(roots) != 1:
            logger.debug("mention %r names several actors %s; not guessing", mention, head_ids)
            return None
        actor, score = registry.get(roots.pop()), 0.7
    spokes = [w for w in words if w in _SPOKES_WORDS]
    if spokes and actor.kind != "spokesperson":
        gender = _SPOKES_WORDS[spokes[0]]
        kids = [k for k in registry.children(actor.id)
                if k.kind == "spokesperson" and (gender is None or k.gender in (None, gender))]
        if len(kids) == 1:
            return kids[0], 0.8
    works_for = any(w in _AFFILIATE_WORDS for w in words) or (spokes and actor.kind != "spokesperson")
    if not works_for:
        return actor, score
    if not actor.person:
        # "a spokesman for the ministry", "an aide at the ministry": the institution speaks through them.
        return actor, 0.75 if spokes and not any(w in _AFFILIATE_WORDS for w in words) else 0.6
    if not owned:
        # "aide Hikmet Hajiyev": the role word describes the named person, who is the speaker.
        return actor, score
    # "Aliyev's aide", "an aide to Pashinyan": someone not in the pack, speaking for the person's office.
    if actor.parent is None:
        logger.debug("mention %r: someone working for %s, who has no parent; not guessing", mention, actor.id)
        return None
    return registry.get(actor.parent), 0.6
