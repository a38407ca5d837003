"""The actor registry: who speaks in conflict news, which side they stand on, and how the news names them.

(Just over 500 lines: the alias index, its checks that name the entry at fault, and the lookups on it are one
piece. The pack is read in :mod:`claimdiff.pack`, names spelt in :mod:`claimdiff.aliases`, and whom a whole
mention names is in :mod:`claimdiff.resolve.mentions`.)

The registry is data, not code. A *pack* (YAML or JSON; :class:`~claimdiff.pack.Pack`) lists the sides of a
conflict and its actors, each with the aliases news writes for it ("Armenian Defense Ministry", "Baku" as a
metonym for the Azerbaijani government) and the generic titles that can point back to it once it has been
mentioned ("the ministry", "the spokeswoman"). The default pack covers the Armenia–Azerbaijan conflict;
``docs/packs.md`` explains how to write and load another one.

Example:
    >>> from claimdiff.actors import ActorRegistry
    >>> reg = ActorRegistry.default()
    >>> actor, score = reg.match("Azerbaijan's defence ministry")
    >>> actor.id, actor.side, score
    ('AZ.MOD', 'azerbaijan', 1.0)
    >>> reg.opposes("armenia", "azerbaijan"), reg.opposes("armenia", "russia")
    (True, False)
    >>> reg.match("some blogger") is None
    True
"""

from __future__ import annotations

import dataclasses
import difflib
import logging
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from os import PathLike
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from claimdiff.records import Statement

# The pack's records live with the pack reader, spelling with the alias keys; both are importable from here too.
from claimdiff.aliases import alias_pattern, fold, is_acronym, normalize_mention
from claimdiff.pack import (DEFAULT_PACK, GENDERS, INHERIT, KINDS, NARRATOR_ID, NARRATOR_SIDE, Actor,  # noqa: F401
                            Pack, PackError, Side)

logger = logging.getLogger(__name__)

__all__ = [
    "Actor",
    "ActorRegistry",
    "INHERIT",
    "KINDS",
    "Mention",
    "NARRATOR_ID",
    "NARRATOR_SIDE",
    "PackError",
    "Side",
    "fold",
    "normalize_mention",
]

PRONOUNS: frozenset[str] = frozenset({"he", "she", "it", "they", "him", "her", "them", "we", "i", "you"})

_WORD_RE = re.compile(r"[^\W_]+")
# A website's address: "Haqqin.az", "news.am" (its country-code domain is the group).
_DOMAIN_RE = re.compile(r"\b[^\W_][\w-]*\.([a-z]{2})\b(?!\.\w)", re.IGNORECASE)


@dataclass(frozen=True)
class Mention:
    """An alias of an actor found in a text: ``text[start:end]`` names ``actor``."""

    start: int
    end: int
    text: str
    actor: str

    @property
    def possessive(self) -> bool:
        """Whether the mention ends in a possessive ("Aliyev's"): then it modifies a noun, it is not the head."""
        return self.text.endswith(("'s", "\u2019s", "s'", "s\u2019"))


_NARRATOR = Actor(NARRATOR_ID, "Narrator", NARRATOR_SIDE, "narrator",
                  note="The journalist's own voice; never an opponent of anyone.")
_NARRATOR_SIDE_OBJ = Side(NARRATOR_SIDE, "Narrator")


class ActorRegistry:
    """Actors and sides of one conflict, with alias matching and side opposition.

    Build one with :meth:`from_file` (a pack), :meth:`default` (the Armenia–Azerbaijan pack shipped with
    claimdiff), :meth:`from_dict` or :meth:`from_pack`. The narrator side and the ``NARRATOR`` actor are always
    present. ``pack`` is the :class:`~claimdiff.pack.Pack` it was built from, whose words the rules read; a
    registry built from actors and sides alone gets a pack of those, with no questions and no words.

    Example:
        >>> reg = ActorRegistry.default()
        >>> reg.match("Baku")[0].id, reg.get("AM.PM").parent, reg.canonical("AM.PM")
        ('AZ.GOV', 'AM.GOV', 'AM.GOV')
    """

    def __init__(self, actors: Iterable[Actor], sides: Iterable[Side], *, name: str = "", description: str = "",
                 source: str = "<memory>", utc_offset: int | None = None, pack: Pack | None = None) -> None:
        actors, sides = tuple(actors), tuple(sides)
        self.name = name
        self.description = description
        self.source = source
        #: The pack's default local time (minutes east of UTC), ``None`` when the pack gives no ``timezone``.
        self.utc_offset = utc_offset
        self.pack = pack if pack is not None else Pack(name, description, source, utc_offset, sides, actors)
        self._sides = self._build_sides(list(sides))
        self._actors = self._build_actors(list(actors))
        self._children: dict[str, list[str]] = {}
        for actor in self._actors.values():
            if actor.parent:
                self._children.setdefault(actor.parent, []).append(actor.id)
        self._ci: dict[str, str] = {}  # case-insensitive alias key -> actor id
        self._cs: dict[str, str] = {}  # cased alias key -> actor id
        self._titles: dict[str, set[str]] = {}
        self._patterns: dict[str, bool] = {}  # alias regex -> case-sensitive?
        self._vocab: dict[str, frozenset[str]] = {}
        self._build_index()

    # -- construction -------------------------------------------------------------------------------

    def _fail(self, where: str, problem: str) -> PackError:
        return PackError(f"{self.source}: {where}: {problem}")

    def _build_sides(self, sides: list[Side]) -> dict[str, Side]:
        found: dict[str, Side] = {}
        for i, side in enumerate(sides):
            if side.id in found:
                raise self._fail(f"sides[{i}]", f"duplicate side id {side.id!r}")
            found[side.id] = side
        if NARRATOR_SIDE in found and found[NARRATOR_SIDE].opposes:
            raise self._fail(f"side {NARRATOR_SIDE!r}", "the narrator side cannot oppose anything")
        found.setdefault(NARRATOR_SIDE, _NARRATOR_SIDE_OBJ)
        opposed: dict[str, set[str]] = {sid: set() for sid in found}
        for side in found.values():
            for other in side.opposes:
                if other not in found:
                    raise self._fail(f"side {side.id!r}", f"opposes unknown side {other!r}; known sides: "
                                     f"{', '.join(sorted(found))}")
                if other == side.id:
                    raise self._fail(f"side {side.id!r}", "a side cannot oppose itself")
                if NARRATOR_SIDE in (other, side.id):
                    raise self._fail(f"side {side.id!r}", "the narrator side cannot be opposed")
                # Opposition is symmetric: a pack that says "a opposes b" need not repeat it under b.
                opposed[side.id].add(other)
                opposed[other].add(side.id)
        return {sid: dataclasses.replace(s, opposes=frozenset(opposed[sid])) for sid, s in found.items()}

    def _build_actors(self, actors: list[Actor]) -> dict[str, Actor]:
        found: dict[str, Actor] = {}
        for i, actor in enumerate(actors):
            where = f"actors[{i}] (id {actor.id!r})"
            if not actor.id or not isinstance(actor.id, str):
                raise self._fail(f"actors[{i}]", "missing or empty 'id'")
            if actor.id in found:
                raise self._fail(where, f"duplicate actor id {actor.id!r}")
            if actor.side not in self._sides:
                hint = difflib.get_close_matches(str(actor.side), list(self._sides), n=1)
                raise self._fail(where, f"unknown side {actor.side!r}"
                                 + (f" (did you mean {hint[0]!r}?)" if hint else "")
                                 + f"; known sides: {', '.join(sorted(self._sides))}")
            if actor.gender is not None and actor.gender not in GENDERS:
                raise self._fail(where, f"gender must be one of {GENDERS} or absent, not {actor.gender!r}")
            if actor.gender is not None and not actor.person:
                raise self._fail(where, "'gender' is set but 'person' is false")
            if actor.kind not in KINDS:
                logger.warning("%s: %s: kind %r is not one of the known kinds %s", self.source, where,
                               actor.kind, ", ".join(KINDS))
            found[actor.id] = actor
        if NARRATOR_ID in found:
            if found[NARRATOR_ID].side != NARRATOR_SIDE:
                raise self._fail(f"actor {NARRATOR_ID!r}", f"must be on side {NARRATOR_SIDE!r}")
        else:
            found[NARRATOR_ID] = _NARRATOR
        for actor in found.values():
            if actor.parent is None:
                continue
            if actor.parent not in found:
                raise self._fail(f"actor {actor.id!r}", f"unknown parent {actor.parent!r}")
            seen = {actor.id}
            up: str | None = actor.parent
            while up is not None:
                if up in seen:
                    raise self._fail(f"actor {actor.id!r}", "parent links form a cycle")
                seen.add(up)
                up = found[up].parent
        return found

    def _build_index(self) -> None:
        owner_of_ci: dict[str, tuple[str, str]] = {}  # key -> (actor id, alias as written)

        def claim(table: dict[str, str], key: str, actor: Actor, alias: str) -> None:
            if not key:
                raise self._fail(f"actor {actor.id!r}", f"alias {alias!r} is empty once normalised")
            if key in PRONOUNS:
                raise self._fail(f"actor {actor.id!r}", f"alias {alias!r} is a pronoun; pronouns are resolved "
                                 "from context, never listed")
            other = table.get(key)
            if other is not None and other != actor.id:
                raise self._fail(f"actor {actor.id!r}", f"alias {alias!r} is already an alias of {other!r} "
                                 "(aliases must name one actor; use 'titles' for generic mentions)")
            table[key] = actor.id

        for actor in self._actors.values():
            for alias in actor.aliases:
                cased = is_acronym(alias)
                key = normalize_mention(alias, cased=cased)
                claim(self._cs if cased else self._ci, key, actor, alias)
                owner_of_ci.setdefault(key.lower(), (actor.id, alias))
                self._patterns[alias_pattern(alias)] = cased
            for alias in actor.cased_aliases:
                claim(self._cs, normalize_mention(alias, cased=True), actor, alias)
                owner_of_ci.setdefault(normalize_mention(alias), (actor.id, alias))
                self._patterns[alias_pattern(alias)] = True
        for key, actor_id in self._cs.items():
            other = self._ci.get(key.lower())
            if other is not None and other != actor_id:
                raise self._fail(f"actor {actor_id!r}", f"alias {key!r} is already an alias of {other!r}")
        for actor in self._actors.values():
            for title in actor.titles:
                key = normalize_mention(title)
                if not key or key in PRONOUNS:
                    raise self._fail(f"actor {actor.id!r}", f"title {title!r} is empty or a pronoun")
                owner = owner_of_ci.get(key)
                if owner is not None and owner[0] != actor.id:
                    # An alias always wins over a title, so the title could never be resolved by context.
                    raise self._fail(f"actor {actor.id!r}", f"title {title!r} is an alias of {owner[0]!r}; "
                                     "a mention must be either an alias (one actor) or a title (context)")
                self._titles.setdefault(key, set()).add(actor.id)

    @classmethod
    def from_pack(cls, pack: Pack) -> ActorRegistry:
        """The registry of a :class:`~claimdiff.pack.Pack`: its index is checked here (alias clashes, parents).

        Raises:
            PackError: (a ``ValueError``) naming the entry and the field at fault.
        """
        return cls(pack.actors, pack.sides, name=pack.name, description=pack.description, source=pack.source,
                   utc_offset=pack.utc_offset, pack=pack)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], source: str = "<dict>") -> ActorRegistry:
        """Build a registry from a parsed pack (the structure of a pack file; see :meth:`Pack.from_dict`).

        Args:
            data: a mapping with ``sides`` and ``actors`` (and optionally ``name``, ``description``, ...).
            source: what to call the pack in error messages (a file name).

        Raises:
            PackError: (a ``ValueError``) naming the entry and the field at fault.

        Example:
            >>> reg = ActorRegistry.from_dict({"sides": [{"id": "a", "opposes": ["b"]}, {"id": "b"}],
            ...     "actors": [{"id": "A", "side": "a", "kind": "government", "aliases": ["Alpha"]}]})
            >>> reg.match("alpha")[0].id, reg.opposes("b", "a")
            ('A', True)
        """
        return cls.from_pack(Pack.from_dict(data, source))

    @classmethod
    def from_file(cls, path: str | PathLike[str]) -> ActorRegistry:
        """Load a pack from a ``.yaml``/``.yml`` or ``.json`` file (:meth:`Pack.from_file`).

        Raises:
            FileNotFoundError: no such file.
            PackError: (a ``ValueError``) the file does not parse, or an entry is malformed.

        Example:
            >>> reg = ActorRegistry.from_file("my_conflict.yaml")  # doctest: +SKIP
        """
        return cls.from_pack(Pack.from_file(path))

    @classmethod
    def default(cls) -> ActorRegistry:
        """The Armenia–Azerbaijan pack shipped with claimdiff (loaded once, then shared: it is read-only).

        Example:
            >>> ActorRegistry.default().name
            'Armenia–Azerbaijan'
        """
        global _DEFAULT
        if _DEFAULT is None:
            _DEFAULT = cls.from_pack(Pack.default())
        return _DEFAULT

    # -- lookups -----------------------------------------------------------------------------------

    @property
    def actors(self) -> tuple[Actor, ...]:
        """All actors, in pack order (``NARRATOR`` last unless the pack lists it)."""
        return tuple(self._actors.values())

    @property
    def sides(self) -> Mapping[str, Side]:
        """Side id → :class:`Side` (read-only)."""
        return MappingProxyType(self._sides)

    def __len__(self) -> int:
        return len(self._actors)

    def __iter__(self) -> Iterator[Actor]:
        return iter(self._actors.values())

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self._actors

    def __repr__(self) -> str:
        return f"ActorRegistry(name={self.name!r}, actors={len(self._actors)}, sides={len(self._sides)})"

    def get(self, actor_id: str) -> Actor:
        """The actor with this id.

        Raises:
            KeyError: unknown id (the message suggests close ids).
        """
        try:
            return self._actors[actor_id]
        except KeyError:
            hint = difflib.get_close_matches(str(actor_id), list(self._actors), n=3)
            raise KeyError(f"no actor {actor_id!r} in pack {self.name or self.source!r}"
                           + (f"; did you mean {', '.join(hint)}?" if hint else "")) from None

    def children(self, actor_id: str) -> tuple[Actor, ...]:
        """Actors whose ``parent`` is ``actor_id`` (a ministry's spokesperson, a government's leader)."""
        return tuple(self._actors[c] for c in self._children.get(actor_id, ()))

    def ancestors(self, actor_id: str) -> tuple[str, ...]:
        """Parent, grandparent, ... of ``actor_id`` (nearest first)."""
        out = []
        up = self.get(actor_id).parent
        while up is not None:
            out.append(up)
            up = self._actors[up].parent
        return tuple(out)

    def voice_of(self, actor_id: str) -> str:
        """Whom an actor speaks for as a source: a spokesperson speaks for the institution above, anyone else
        for themselves (a president is not the government's ministry).

        Example:
            >>> reg = ActorRegistry.default()
            >>> reg.voice_of("AM.MOD.SPOKES"), reg.voice_of("AZ.PRES")
            ('AM.MOD', 'AZ.PRES')
        """
        actor = self._actors[actor_id]
        return actor.parent if actor.kind == "spokesperson" and actor.parent else actor_id

    def canonical(self, actor_id: str) -> str:
        """The root of ``actor_id``'s parent chain: the institution the actor speaks for.

        Leaders roll up to their government and spokespeople to their ministry; institutions are roots.

        Example:
            >>> ActorRegistry.default().canonical("AM.MOD.SPOKES")
            'AM.MOD'
        """
        chain = self.ancestors(actor_id)
        return chain[-1] if chain else actor_id

    def opposes(self, side_a: str | None, side_b: str | None) -> bool:
        """Whether two sides oppose each other (symmetric). ``None`` (unresolved) opposes nothing.

        Raises:
            ValueError: an unknown side id (the message lists the known ones).
        """
        if side_a is None or side_b is None:
            return False
        for sid in (side_a, side_b):
            if sid not in self._sides:
                raise ValueError(f"unknown side {sid!r}; sides of pack {self.name or self.source!r}: "
                                 f"{', '.join(sorted(self._sides))}")
        return side_b in self._sides[side_a].opposes

    def utc_offset_minutes(self, side: str | None) -> int | None:
        """The local time of a side, in minutes east of UTC; ``None`` when the pack does not say.

        A side's own ``timezone`` wins over the pack's top-level ``timezone``; ``None`` (an unresolved
        speaker) and sides without their own get the pack's. Used to read "local time" in claims
        (:func:`claimdiff.times.time_relation`).

        Raises:
            ValueError: an unknown side id (the message lists the known ones).

        Example:
            >>> reg = ActorRegistry.default()
            >>> reg.utc_offset_minutes("armenia"), reg.utc_offset_minutes("russia"), reg.utc_offset_minutes(None)
            (240, 180, 240)
        """
        if side is None:
            return self.utc_offset
        if side not in self._sides:
            raise ValueError(f"unknown side {side!r}; sides of pack {self.name or self.source!r}: "
                             f"{', '.join(sorted(self._sides))}")
        own = self._sides[side].utc_offset
        return self.utc_offset if own == INHERIT else own  # type: ignore[return-value]

    def title_holders(self, mention: str) -> frozenset[str]:
        """Ids of the actors that list ``mention`` (normalised) among their titles.

        Example:
            >>> sorted(ActorRegistry.default().title_holders("the Prime Minister"))
            ['AM.PM']
        """
        return frozenset(self._titles.get(normalize_mention(mention), ()))

    def surname_holders(self, mention: str) -> frozenset[str]:
        """Ids of the people in the pack whose name ends with ``mention`` when that surname is nobody's alias:
        "Clinton" for Hillary and Bill Clinton. News name a person by surname once introduced, so such a
        mention is resolved from context like a title.

        Example:
            >>> sorted(ActorRegistry.default().surname_holders("Pashinyan"))
            []
        """
        key = normalize_mention(mention)
        if not key or " " in key or self.lookup(mention) is not None:
            return frozenset()
        return self._surnames.get(key, frozenset())

    @cached_property
    def _surnames(self) -> dict[str, frozenset[str]]:
        table: dict[str, set[str]] = {}
        for actor in self._actors.values():
            words = actor.name.split()
            if actor.person and len(words) > 1:
                table.setdefault(normalize_mention(words[-1]), set()).add(actor.id)
        return {k: frozenset(v) for k, v in table.items()}

    def side_of_place(self, mention: str) -> str | None:
        """The side whose ground the capitalised place names in ``mention`` lie on (the pack's ``places``):
        "the governor of Syunik province" → "armenia"; ``None`` when it names none, or places of two sides."""
        if self._place_regex is None:
            return None
        sides = {self.pack.places[" ".join(m.group().lower().split())] for m in self._place_regex.finditer(mention)
                 if m.group()[0].isupper()}  # a place name is written capitalised; "berd" is not Berd
        return sides.pop() if len(sides) == 1 else None

    def find_places(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, side) of each capitalised place name of the pack's ``places`` in ``text``, in order."""
        if self._place_regex is None:
            return []
        return [(m.start(), m.end(), self.pack.places[" ".join(m.group().lower().split())])
                for m in self._place_regex.finditer(text) if m.group()[0].isupper()]

    def side_of_domain(self, mention: str) -> str | None:
        """The side of a website named by its address in ``mention`` ("Pro-government website Haqqin.az"), by its
        country-code domain (the pack's ``web_domains``); ``None`` when none is the pack's, or two sides'."""
        sides = {self.pack.web_domains.get(m.group(1).lower()) for m in _DOMAIN_RE.finditer(mention)} - {None}
        return sides.pop() if len(sides) == 1 else None

    def side_of_personal_name(self, mention: str) -> str | None:
        """The side whose people carry a capitalised name in ``mention``: a family name ending as the pack's
        ``surname_endings`` do ("Hovik Abrahamyan" → "armenia") or one of its ``personal_names`` ("Father
        Hovhannes", "Sevinj Mammadova"); ``None`` when none does, or names of two sides. A name must be at least
        three letters longer than its ending ("Yan" and "Ryan" are no family names of a side)."""
        endings, names = self.pack.surname_endings, self.pack.personal_names
        if not endings and not names:
            return None
        sides = set()
        for word in re.findall(r"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b", re.sub(r"['\u2019]s\b", "", mention)):
            low = word.lower()
            sides |= {side for end, side in endings.items() if low.endswith(end) and len(low) >= len(end) + 3}
            if low in names:
                sides.add(names[low])
        return sides.pop() if len(sides) == 1 else None

    @cached_property
    def _place_regex(self) -> re.Pattern[str] | None:
        if not self.pack.places:
            return None
        # Longest first, so that a two-word place wins over a one-word place inside it.
        names = sorted(self.pack.places, key=len, reverse=True)
        return re.compile(r"\b(?:" + "|".join(r"\s+".join(map(re.escape, n.split())) for n in names) + r")\b",
                          re.IGNORECASE)

    def reading(self, statement: Statement) -> str:
        """A statement's content as its speaker means it, for the NLI model and the number and time rules: "its
        troops" in what Baku says is "Azerbaijan's troops", "it had lost 50 servicemen" is "Azerbaijan had lost 50
        servicemen", "our positions" in a quote of Armenia's ministry "Armenia's positions".

        "its" is read as the speaker's side's only when nothing before it in the content could own it (a name
        other than a demonym: "Baku said Armenia had moved its troops" keeps "its"); "our"/"we" only in a quote.
        What an "accused"/"blamed" cue leaves is read as a clause: "Yerevan of shelling Tovuz" as "Yerevan had
        been shelling Tovuz", "Baku for the escalation" as "Baku bore responsibility for the escalation"; a denied
        act without its doer as the speaker's side's ("Baku denied targeting civilians": "Azerbaijan had been
        targeting civilians").
        Otherwise the content is returned as written for the narrator and for a speaker without a side. Either way
        a place the sides name differently is written one way (:meth:`Pack.one_name_per_place`).
        """
        text = self._speaker_reading(statement)
        if statement.polarity == "denies":
            text = affirmative(text)
        return self.pack.one_name_per_place(text)

    def _speaker_reading(self, statement: Statement) -> str:
        side = self._sides.get(statement.side) if statement.side else None
        text = _accusation(statement)
        if side is None or not side.name or statement.side == NARRATOR_SIDE:
            return text
        owner = possessive(side.name)
        if (statement.refers_to is None and len(side.opposes) == 1
                and (other := self._sides.get(next(iter(side.opposes)))) is not None):
            # One side's part of "Armenia and Azerbaijan accused each other of ..." (claimdiff.resolve.joint): "each
            # other" and "the other side" are its opponent (not in a denial's copy of that content).
            text = _RECIPROCAL.sub(lambda m: possessive(other.name) if m["owner"] else other.name, text)
        if statement.polarity == "denies" and (m := _DENIED_ACT.match(text)):
            # "Baku denied targeting civilians": the speaker's side is who did not do it.
            verb = "had" if m["having"] else "had been"
            text = f"{side.name} {verb} {m['how'] or ''}{m['act']}{text[m.end():]}"
        elif statement.polarity == "denies" and (m := _DENIED_PART.match(text)):
            # "denied any involvement in the blast": "Azerbaijan was involved in the blast".
            text = f"{side.name} {_PART_CLAUSES[m['part'].lower()]} {text[m.end():]}"
        if statement.kind == "direct":
            text = re.sub(r"\b[Oo]ur\b", owner, text)
            return re.sub(r"\b[Ww]e\b", side.name, text)
        # "Azerbaijan said it had lost 50 servicemen": a content opening with "it" and a verb is the speaker's
        # (not "it was ... that", "it is unclear").
        text = re.sub(r"^[Ii]t(?=\s+(?:had|has|have|would|will|could|can|did|does|lost|suffered|killed|destroyed"
                      r"|shot|downed|repelled|captured|took|seized|denied|rejected)\b)", side.name, text)
        m = re.search(r"\b[Ii]ts\b", text)
        if m is None:
            return text
        before = re.findall(r"\b[A-Z][\w'’-]*", text[:m.start()])
        names = [w for i, w in enumerate(before) if not (i == 0 and text.startswith(w) and w.lower() in _OPENERS)
                 and not _is_adjective(w, self)]
        return text if names else re.sub(r"\b[Ii]ts\b", owner, text)

    def side_of_demonym(self, word: str) -> str | None:
        """The side a capitalised word names by its country: "Armenian", "Armenia's", "Azerbaijani", "Azeri"
        (see :attr:`demonym_patterns`); ``None`` for any other word."""
        word = re.sub(r"['\u2019]s$", "", word)
        if not (word[:1].isupper() and word.isalpha()):
            return None
        return next((side for pattern, side in self.demonym_patterns if pattern.fullmatch(word)), None)

    @cached_property
    def demonym_patterns(self) -> tuple[tuple[re.Pattern[str], str], ...]:
        """(pattern, side) for each side with a one-word name: the name itself, or a word that begins with its
        first four letters, is at most three letters longer and ends like a demonym ("Armenian", "Azeri",
        "Turkish"; not "Russell" or "Francis"); and each of the pack's ``demonyms`` whose country is a side, as
        written capitalised or in capitals ("Artsakh", "Democratic", "GOP": words no rule of spelling gives)."""
        found = []
        for side in self._sides.values():
            name = side.name.strip()
            if " " in name or len(name) < 4 or side.id == NARRATOR_SIDE:
                continue
            stem, extra = re.escape(name[:4]), len(name) - 1
            found.append((re.compile(rf"{re.escape(name)}|{stem}[a-z]{{0,{extra - 2}}}(?:ans?|i|ish|ese)"), side.id))
        by_country = {key: side.id for side in self._sides.values() if side.id != NARRATOR_SIDE
                      for key in (side.id.lower(), side.name.strip().lower())}
        for word, country in self.pack.demonyms.items():
            if country in by_country and " " not in word:
                found.append((re.compile(f"{re.escape(word.capitalize())}|{re.escape(word.upper())}"),
                              by_country[country]))
        return tuple(found)

    def find_demonyms(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, side) of each word in ``text`` that names a side by its country (:attr:`demonym_patterns`)."""
        if self._demonym_regex is None:
            return []
        sides = [side for _, side in self.demonym_patterns]
        return [(m.start(), m.end(), sides[int(m.lastgroup[1:])]) for m in self._demonym_regex.finditer(text)]

    @cached_property
    def _demonym_regex(self) -> re.Pattern[str] | None:
        parts = [rf"(?P<s{i}>\b(?:{p.pattern})\b)" for i, (p, _) in enumerate(self.demonym_patterns)]
        return re.compile("|".join(parts)) if parts else None

    def lookup(self, mention: str) -> Actor | None:
        """The actor whose alias is exactly ``mention`` (after normalisation), else ``None``."""
        if not mention or not mention.strip():
            return None
        actor_id = self._cs.get(normalize_mention(mention, cased=True)) or self._ci.get(normalize_mention(mention))
        return self._actors[actor_id] if actor_id else None

    @cached_property
    def _regex(self) -> re.Pattern[str] | None:
        # One alternation for all aliases, longest first so that "Armenian Defense Ministry" beats "Armenia".
        # Compiled on first use, once per registry.
        if not self._patterns:
            return None
        ordered = sorted(self._patterns.items(), key=lambda kv: (-len(kv[0]), kv[0]))
        alts = [pat if cased else f"(?i:{pat})" for pat, cased in ordered]
        return re.compile(r"(?<!\w)(?:" + "|".join(alts) + r")(?!\w)")

    def find_mentions(self, text: str) -> list[Mention]:
        """Every alias occurrence in ``text`` (leftmost, then longest; non-overlapping), with offsets.

        Example:
            >>> [(m.text, m.actor) for m in ActorRegistry.default().find_mentions("Baku and Yerevan's envoys")]
            [('Baku', 'AZ.GOV'), ("Yerevan's", 'AM.GOV')]
        """
        regex = self._regex
        if regex is None or not text:
            return []
        out = []
        for m in regex.finditer(fold(text)):
            raw = text[m.start():m.end()]
            actor = self.lookup(raw)
            if actor is None:  # a spelling the pattern allows but no key covers: skip, never guess
                logger.debug("alias-like %r at %d has no key", raw, m.start())
                continue
            out.append(Mention(m.start(), m.end(), raw, actor.id))
        return out

    def _vocabulary(self, actor_id: str) -> frozenset[str]:
        # Words that describe this actor or the ones it speaks for: they may surround its alias in a mention.
        cached = self._vocab.get(actor_id)
        if cached is not None:
            return cached
        words: set[str] = set()
        for aid in (actor_id, *self.ancestors(actor_id)):
            actor = self._actors[aid]
            for phrase in (*actor.aliases, *actor.cased_aliases, *actor.titles):
                words.update(_WORD_RE.findall(normalize_mention(phrase)))
        self._vocab[actor_id] = frozenset(words)
        return self._vocab[actor_id]

    def match(self, mention: str) -> tuple[Actor, float] | None:
        """The actor a speaker mention names, with a score in (0, 1]; ``None`` when unsure.

        See :func:`claimdiff.resolve.mentions.match`. Context-free: titles ("the ministry") and pronouns need the
        document and are left to :func:`claimdiff.resolve.resolve`. Scores: 1.0 an exact alias; 0.85 an alias inside the mention
        whose other words all describe the same actor ("Shushan Stepanyan, the ministry's spokeswoman");
        0.8 the actor's spokesperson asked for by a spokes-word; 0.7 several aliases of one institution;
        0.6 someone who works for the actor ("an aide to Aliyev" → his government). A courtesy title ("Mr.
        Pashinyan") is allowed when its gender fits the person; a trailing aside in parentheses is ignored. A
        mention with any other word ("a blogger from Baku") gives ``None``: never a wrong guess.

        Example:
            >>> reg = ActorRegistry.default()
            >>> [reg.match(m)[0].id for m in ("the Kremlin", "Novosti-Armenia", "Armenia’s defence ministry")]
            ['RU.GOV', 'MEDIA.AM', 'AM.MOD']
            >>> reg.match("a blogger from Baku") is None
            True
        """
        from claimdiff.resolve.mentions import match  # resolution work; the registry only holds the pack

        return match(self, mention)


_DEFAULT: ActorRegistry | None = None


# Capitalised words that open a content without naming anyone: "The", "Its", ...
_OPENERS = frozenset({"the", "a", "an", "its", "all", "no", "some", "two", "three", "several", "one", "both"})


def possessive(name: str) -> str:
    """A side's name as owner: "Armenia's", but "Democrats'" (a name ending in s takes the apostrophe alone)."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _is_adjective(word: str, registry: ActorRegistry) -> bool:
    """A demonym used as an adjective ("Azerbaijani soldiers"), which owns nothing; not a country's name."""
    plain = re.sub(r"['\u2019]s$", "", word)
    return (plain == word and registry.side_of_demonym(word) is not None
            and plain.lower() not in {s.name.lower() for s in registry.sides.values()})


# A content opening on the other party of a statement of both: "each other of starting", "the other side's forces".
_RECIPROCAL = re.compile(r"^(?:each\s+other|one\s+another|the\s+other\s+side)(?P<owner>['\u2019]s)?\b|^the\s+other$",
                         re.IGNORECASE)
_ACCUSING_CUE = re.compile(r"\b(?:accus|blam)\w*", re.IGNORECASE)
# "<who> of [deliberately] shelling ..." (at most six words of who); "of having shelled", "of being behind".
_ACCUSED_OF_ACT = re.compile(r"^(?P<who>(?:[\w'\u2019-]+\s+){0,5}?[\w'\u2019-]+)\s+(?:of|for)\s+"
                             r"(?P<how>\w+ly\s+)?(?:(?P<having>having\s+)|(?P<being>being\s+))?"
                             r"(?P<act>(?!(?:no|any|some|every)thing\b)\w+ing\b|(?(having)\w+|(?(being)\w+|(?!))))")
# A denied content that opens with the act and no doer ("targeting civilians", "having moved its troops"); words
# in -ing that are no act do not count.
_DENIED_ACT = re.compile(r"(?P<how>\w+ly\s+)?(?P<having>having\s+)?(?P<act>(?!(?:no|any|some|every)thing\b|during\b"
                         r"|according\b|including\b|regarding\b|concerning\b|following\b|morning\b|evening\b)"
                         r"[a-z]\w*ing\b|(?(having)\w+|(?!)))")
# A denied part in a deed ("any involvement in the blast", "responsibility for the attack") and the clause it stands
# for, with the speaker's side as its subject.
_PART_CLAUSES = {"involvement": "was involved in", "role": "played a role in", "part": "took part in",
                 "hand": "had a hand in", "responsibility": "bore responsibility for"}
_DENIED_PART = re.compile(r"(?:any\s+|all\s+|its\s+|their\s+)?(?P<part>involvement|role|part|hand|responsibility)"
                          r"\s+(?:in|for)\s+", re.IGNORECASE)
# "<who> of / for <a deed>": "Armenia of a provocation", "Baku for the escalation" (at most four words of who).
_ACCUSED_OF_DEED = re.compile(r"^(?P<who>(?:[\w'\u2019-]+\s+){0,3}?[\w'\u2019-]+)\s+(?P<prep>of|for)\s+")


# Words that only stand in a negated clause, and what they are in the affirmative clause a denial denies and in
# the negative one it says.
_NEGATIVE_POLARITY = {"any": ("some", "no"), "anyone": ("someone", "no one"), "anybody": ("somebody", "nobody"),
                      "anything": ("something", "nothing"), "anywhere": ("somewhere", "nowhere"),
                      "ever": ("", "never"), "at all": ("", "")}
_NEGATIVE_POLARITY_WORD = re.compile(r"\b(?:any(?:one|body|thing|where)?|ever|at\s+all)\b", re.IGNORECASE)
_NEGATION = re.compile(r"\b(?:not|no|never|nor|without|none|nothing)\b|n['\u2019]t\b", re.IGNORECASE)


def affirmative(denied: str) -> str:
    """What a denial denies, as the claim it answers would say it: "any of its helicopters had been shot down" is
    "some of its helicopters had been shot down". Out of its negated clause "any" reads as "none" to the NLI model
    (0.85 contradiction for "Armenia had handed over maps ..." / "any maps had been part of the arrangement", 0.85
    entailment with "some maps"). Words after a negation of the content's own ("had not received any aid") stay.

    >>> affirmative("any Karabakh unit had ever fired at all")
    'some Karabakh unit had fired'
    >>> affirmative("the villagers had not received any aid")
    'the villagers had not received any aid'
    """
    return _polarity_words(denied, 0)


def negative(denied: str) -> str:
    """What a denial says, for the number rules: "any Azerbaijani serviceman had been killed" is "no Azerbaijani
    serviceman had been killed" (a count of none, of Azerbaijan's losses).

    >>> negative("any Azerbaijani serviceman had been killed")
    'no Azerbaijani serviceman had been killed'
    """
    return _polarity_words(denied, 1)


def counted(statement: Statement, read: Callable[[Statement], str]) -> tuple[str, str | None]:
    """What the casualty rules count in a statement, and whose losses its unowned figures are: its reading and its
    side; for a denial, what it says (:func:`negative`) and no one's (what it denies is the other side's claim,
    which may count either side's losses)."""
    if statement.polarity == "denies":
        return negative(statement.content.text), None
    return read(statement), statement.side


def _polarity_words(denied: str, column: int) -> str:
    negated = _NEGATION.search(denied)
    end = negated.start() if negated else len(denied)

    def swap(m: re.Match[str]) -> str:
        word = _NEGATIVE_POLARITY[" ".join(m[0].lower().split())][column]
        return word.capitalize() if word and m[0][0].isupper() else word

    # The negative clause needs one negation; the words after it stay as they were ("no unit had ever fired").
    text = _NEGATIVE_POLARITY_WORD.sub(swap, denied[:end], count=1 if column else 0) + denied[end:]
    return re.sub(r"\s{2,}", " ", text).strip()


def _accusation(statement: Statement) -> str:
    """The content as a clause when an accusing cue left only its object and charge (see :meth:`reading`)."""
    text = statement.content.text
    if statement.cue is None or not _ACCUSING_CUE.search(statement.cue.text):
        return text
    m = _ACCUSED_OF_ACT.match(text)
    if m:
        how = m["how"] or ""
        verb = "had" if m["having"] else "had been"
        return f"{m['who']} {verb} {how}{m['act']}{text[m.end():]}"
    m = _ACCUSED_OF_DEED.match(text)
    if m:
        verb = "committed" if m["prep"] == "of" else "bore responsibility for"
        return f"{m['who']} {verb} {text[m.end():]}"
    return text
