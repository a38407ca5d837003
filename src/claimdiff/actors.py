"""The actor registry: who speaks in conflict news, which side they stand on, and how the news names them.

(Over 500 lines: the pack schema, its validation with errors that name the field, and the alias index are one
piece. Whom a whole mention names is in :mod:`claimdiff.resolve.mentions`.)

The registry is data, not code. A *pack* (YAML or JSON) lists the sides of a conflict and its actors, each
with the aliases news writes for it ("Armenian Defense Ministry", "Baku" as a metonym for the Azerbaijani
government) and the generic titles that can point back to it once it has been mentioned ("the ministry",
"the spokeswoman"). The default pack covers the Armenia–Azerbaijan conflict; ``docs/packs.md`` explains how
to write and load another one.

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
import json
import logging
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from os import PathLike
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from claimdiff.times import parse_utc_offset

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

NARRATOR_ID = "NARRATOR"
NARRATOR_SIDE = "narrator"
DEFAULT_PACK = "armenia_azerbaijan.yaml"

#: Actor kinds the library knows. Other kinds load (with a warning): a pack may need "militia" or "police".
KINDS: tuple[str, ...] = (
    "government", "ministry", "military", "leader", "official", "spokesperson", "media",
    "de_facto_authority", "third_state", "international_org", "armed_group", "legislature", "ngo",
    "narrator", "other",
)
GENDERS: tuple[str, ...] = ("male", "female")
PRONOUNS: frozenset[str] = frozenset({"he", "she", "it", "they", "him", "her", "them", "we", "i", "you"})

_TOP_FIELDS = frozenset({"name", "description", "timezone", "sides", "actors"})
_RESERVED_TOP = frozenset({"questions", "version"})  # read by later stages; the registry itself ignores them
_SIDE_FIELDS = frozenset({"id", "name", "opposes", "note", "timezone", "colour"})
_ACTOR_FIELDS = frozenset(
    {"id", "name", "side", "kind", "aliases", "cased_aliases", "titles", "person", "gender", "parent", "note"}
)

# Length-preserving folding, so that offsets found in folded text are offsets into the original.
_FOLD_TABLE = {
    **dict.fromkeys(map(ord, "\u2019\u2018\u02bc`\u00b4\u2032"), "'"),
    **dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-"),
    ord("\u0131"): "i",  # dotless i (Turkish, Azerbaijani): "Dargahlı"
    ord("\u0259"): "a", ord("\u018f"): "A",  # schwa: "Əliyev" is written "Aliyev" in English
    ord("\u0142"): "l", ord("\u0141"): "L", ord("\u00f8"): "o", ord("\u00d8"): "O", ord("\u0111"): "d",
}
_STRIP_CHARS = " \t\r\n\"'.,;:!?()[]{}\u00ab\u00bb\u201c\u201d\u201e-"
_WORD_RE = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """Fold typographic variants without changing the length: curly apostrophes, dashes, diacritics.

    Example:
        >>> fold("Çavuşoğlu’s")
        "Cavusoglu's"
    """
    if text.isascii():
        return text
    out = []
    for ch in text.translate(_FOLD_TABLE):
        if not ch.isascii():
            base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
            if len(base) == 1:
                ch = base
        out.append(ch)
    return "".join(out)


def normalize_mention(text: str, cased: bool = False) -> str:
    """The lookup key of a mention: folded, lower-cased (unless ``cased``), spelling and possessives unified.

    "Defence"/"Defense", hyphens and spaces, a possessive "'s" and a leading "the" all give the same key.

    Example:
        >>> normalize_mention("The Armenian Defence Ministry")
        'armenian defense ministry'
        >>> normalize_mention("Armenia’s defence-ministry")
        'armenia defense ministry'
    """
    s = fold(text)
    if not cased:
        s = s.lower()
    s = s.replace("-", " ")
    s = re.sub(r"'s\b", "", s, flags=re.IGNORECASE)
    s = re.sub(r"(?<=s)'(?=\s|$)", "", s)
    s = re.sub(r"(?i)(defen)c(e)", r"\1s\2", s)
    s = re.sub(r"(?i)(organi)s(ation)", r"\1z\2", s)
    s = " ".join(s.split()).strip(_STRIP_CHARS)
    s = re.sub(r"(?i)^the\s+", "", s)
    return " ".join(s.split()).strip(_STRIP_CHARS)


def _is_acronym(alias: str) -> bool:
    # "US", "UN", "APA": written in capitals, so matched only in capitals ("told us" is not the US).
    letters = [c for c in alias if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _alias_pattern(alias: str) -> str:
    """A regex (over folded text) for every spelling of ``alias`` that normalises to the same key."""
    tokens = [t for t in re.split(r"[\s\-]+", fold(alias).strip(_STRIP_CHARS)) if t]
    if len(tokens) > 1 and tokens[0].lower() == "the":
        tokens = tokens[1:]
    parts = []
    for tok in tokens:
        core = re.sub(r"'s$|(?<=s)'$", "", tok)
        pat = re.escape(core)
        pat = re.sub(r"(?i)(defen)[cs](e)", r"\1[cs]\2", pat)
        pat = re.sub(r"(?i)(organi)[sz](ation)", r"\1[sz]\2", pat)
        parts.append(pat + r"(?:'s|(?<=s)')?")
    return r"[\s\-]+".join(parts)


class PackError(ValueError):
    """A malformed actor pack. The message names the pack, the entry and the field at fault."""


#: A side's ``utc_offset`` when the pack gives none: the pack's top-level ``timezone`` applies.
INHERIT = "inherit"


@dataclass(frozen=True)
class Side:
    """One side of a conflict. ``opposes`` is symmetric once loaded: if a opposes b, b opposes a.

    ``utc_offset`` is the side's local time in minutes east of UTC (read from the pack's ``timezone``),
    ``None`` when unknown (a side spread over several zones), or :data:`INHERIT` for the pack's default.
    """

    id: str
    name: str
    opposes: frozenset[str] = frozenset()
    note: str = ""
    utc_offset: int | str | None = INHERIT
    colour: str | None = None  # the HTML report's background for this side ("#ffd2a8"); None: one is derived


@dataclass(frozen=True)
class Actor:
    """Someone or something that speaks in the news.

    Attributes:
        id: stable id, e.g. ``"AM.MOD"``.
        name: display name.
        side: a side id of the registry.
        kind: government, ministry, military, leader, spokesperson, media, ... (see :data:`KINDS`).
        aliases: how news writes this actor; matched case-insensitively, except all-capital acronyms.
        titles: generic mentions that may point back to this actor once it was mentioned
            ("the ministry", "the Prime Minister"); never matched without context.
        person: a person (referred to as "he"/"she"), not an institution ("it"/"they").
        gender: ``"male"``, ``"female"`` or ``None`` (unknown: both "he" and "she" may refer to it).
        parent: the actor this one speaks for (a spokesperson's ministry, a leader's government);
            :meth:`ActorRegistry.canonical` follows it.
        cased_aliases: aliases matched only with the capitalisation written (names that are also words:
            "Trend", "Report").
        note: free text for pack authors.

    Example:
        >>> Actor("AM.MOD", "Armenian Ministry of Defense", "armenia", "ministry").pronouns
        ('it', 'they')
    """

    id: str
    name: str
    side: str
    kind: str
    aliases: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    person: bool = False
    gender: str | None = None
    parent: str | None = None
    cased_aliases: tuple[str, ...] = ()
    note: str = ""

    @property
    def pronouns(self) -> tuple[str, ...]:
        """The subject pronouns that can refer to this actor."""
        if not self.person:
            return ("it", "they")
        return {"male": ("he",), "female": ("she",)}.get(self.gender or "", ("he", "she"))


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
    claimdiff) or :meth:`from_dict`. The narrator side and the ``NARRATOR`` actor are always present.

    Example:
        >>> reg = ActorRegistry.default()
        >>> reg.match("Baku")[0].id, reg.get("AM.PM").parent, reg.canonical("AM.PM")
        ('AZ.GOV', 'AM.GOV', 'AM.GOV')
    """

    def __init__(self, actors: Iterable[Actor], sides: Iterable[Side], *, name: str = "", description: str = "",
                 source: str = "<memory>", utc_offset: int | None = None) -> None:
        self.name = name
        self.description = description
        self.source = source
        #: The pack's default local time (minutes east of UTC), ``None`` when the pack gives no ``timezone``.
        self.utc_offset = utc_offset
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
                cased = _is_acronym(alias)
                key = normalize_mention(alias, cased=cased)
                claim(self._cs if cased else self._ci, key, actor, alias)
                owner_of_ci.setdefault(key.lower(), (actor.id, alias))
                self._patterns[_alias_pattern(alias)] = cased
            for alias in actor.cased_aliases:
                claim(self._cs, normalize_mention(alias, cased=True), actor, alias)
                owner_of_ci.setdefault(normalize_mention(alias), (actor.id, alias))
                self._patterns[_alias_pattern(alias)] = True
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
    def from_dict(cls, data: Mapping[str, Any], source: str = "<dict>") -> ActorRegistry:
        """Build a registry from a parsed pack (the structure of a pack file).

        Args:
            data: a mapping with ``sides`` and ``actors`` (and optionally ``name``, ``description``).
            source: what to call the pack in error messages (a file name).

        Raises:
            PackError: (a ``ValueError``) naming the entry and the field at fault.

        Example:
            >>> reg = ActorRegistry.from_dict({"sides": [{"id": "a", "opposes": ["b"]}, {"id": "b"}],
            ...     "actors": [{"id": "A", "side": "a", "kind": "government", "aliases": ["Alpha"]}]})
            >>> reg.match("alpha")[0].id, reg.opposes("b", "a")
            ('A', True)
        """
        if not isinstance(data, Mapping):
            raise PackError(f"{source}: a pack must be a mapping with 'sides' and 'actors', "
                            f"got {type(data).__name__}")
        for key in data:
            if key in _RESERVED_TOP:
                logger.debug("%s: top-level key %r is not used by the actor registry", source, key)
            elif key not in _TOP_FIELDS:
                logger.debug("%s: ignoring unknown top-level key %r", source, key)
        for key in ("sides", "actors"):
            if key not in data:
                raise PackError(f"{source}: missing top-level '{key}' (a list)")
            if not isinstance(data[key], list):
                raise PackError(f"{source}: '{key}' must be a list, got {type(data[key]).__name__}")
        sides = [_parse_side(raw, i, source) for i, raw in enumerate(data["sides"])]
        actors = [_parse_actor(raw, i, source) for i, raw in enumerate(data["actors"])]
        return cls(actors, sides, name=str(data.get("name") or ""), description=str(data.get("description") or ""),
                   source=source, utc_offset=_parse_timezone(data.get("timezone"), "timezone", source))

    @classmethod
    def from_file(cls, path: str | PathLike[str]) -> ActorRegistry:
        """Load a pack from a ``.yaml``/``.yml`` or ``.json`` file.

        Raises:
            FileNotFoundError: no such file.
            PackError: (a ``ValueError``) the file does not parse, or an entry is malformed.

        Example:
            >>> reg = ActorRegistry.from_file("my_conflict.yaml")  # doctest: +SKIP
        """
        path = Path(path)
        suffix = path.suffix.lower()
        if suffix not in (".yaml", ".yml", ".json"):
            raise PackError(f"{path}: unknown pack format {suffix!r}; use a .yaml, .yml or .json file")
        text = path.read_text(encoding="utf-8")
        return cls._from_text(text, suffix, str(path))

    @classmethod
    def _from_text(cls, text: str, suffix: str, source: str) -> ActorRegistry:
        try:
            data = json.loads(text) if suffix == ".json" else yaml.safe_load(text)
        except (json.JSONDecodeError, yaml.YAMLError) as err:
            raise PackError(f"{source}: cannot parse the pack: {err}") from err
        return cls.from_dict(data, source=source)

    @classmethod
    def default(cls) -> ActorRegistry:
        """The Armenia–Azerbaijan pack shipped with claimdiff (loaded once, then shared: it is read-only).

        Example:
            >>> ActorRegistry.default().name
            'Armenia–Azerbaijan'
        """
        global _DEFAULT
        if _DEFAULT is None:
            ref = resources.files("claimdiff").joinpath("packs").joinpath(DEFAULT_PACK)
            _DEFAULT = cls._from_text(ref.read_text(encoding="utf-8"), ".yaml", f"claimdiff/packs/{DEFAULT_PACK}")
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
        "Turkish"; not "Russell" or "Francis")."""
        found = []
        for side in self._sides.values():
            name = side.name.strip()
            if " " in name or len(name) < 4 or side.id == NARRATOR_SIDE:
                continue
            stem, extra = re.escape(name[:4]), len(name) - 1
            found.append((re.compile(rf"{re.escape(name)}|{stem}[a-z]{{0,{extra - 2}}}(?:ans?|i|ish|ese)"), side.id))
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


def _as_str_tuple(value: Any, field: str, where: str, source: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise PackError(f"{source}: {where}: '{field}' must be a list of non-empty strings")
    return tuple(dict.fromkeys(v.strip() for v in value))


def _parse_side(raw: Any, i: int, source: str) -> Side:
    where = f"sides[{i}]"
    if not isinstance(raw, Mapping):
        raise PackError(f"{source}: {where}: a side must be a mapping with 'id', got {type(raw).__name__}")
    unknown = set(raw) - _SIDE_FIELDS
    if unknown:
        raise PackError(f"{source}: {where}: unknown field(s) {', '.join(sorted(map(str, unknown)))}; "
                        f"valid fields: {', '.join(sorted(_SIDE_FIELDS))}")
    sid = raw.get("id")
    if not isinstance(sid, str) or not sid.strip():
        raise PackError(f"{source}: {where}: missing 'id' (a non-empty string)")
    opposes = _as_str_tuple(raw.get("opposes"), "opposes", f"{where} (id {sid!r})", source)
    # An absent key inherits the pack's timezone; an explicit null says "unknown" (a side over several zones).
    offset = _parse_timezone(raw["timezone"], f"{where} (id {sid!r}): timezone", source) if "timezone" in raw \
        else INHERIT
    colour = raw.get("colour")
    if colour is not None and not (isinstance(colour, str) and re.fullmatch(r"#[0-9a-fA-F]{6}", colour)):
        raise PackError(f"{source}: {where} (id {sid!r}): colour must be written like '#ffd2a8', got {colour!r}")
    return Side(sid, str(raw.get("name") or sid), frozenset(opposes), str(raw.get("note") or ""), offset, colour)


def _parse_timezone(value: Any, where: str, source: str) -> int | None:
    try:
        return parse_utc_offset(value)
    except ValueError as err:
        raise PackError(f"{source}: {where}: {err}") from None


def _parse_actor(raw: Any, i: int, source: str) -> Actor:
    where = f"actors[{i}]"
    if not isinstance(raw, Mapping):
        raise PackError(f"{source}: {where}: an actor must be a mapping, got {type(raw).__name__}")
    aid = raw.get("id")
    if not isinstance(aid, str) or not aid.strip():
        raise PackError(f"{source}: {where}: missing 'id' (a non-empty string)")
    where = f"{where} (id {aid!r})"
    unknown = set(raw) - _ACTOR_FIELDS
    if unknown:
        raise PackError(f"{source}: {where}: unknown field(s) {', '.join(sorted(map(str, unknown)))}; "
                        f"valid fields: {', '.join(sorted(_ACTOR_FIELDS))}")
    for key in ("side", "kind"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise PackError(f"{source}: {where}: missing '{key}' (a non-empty string)")
    person = raw.get("person")
    gender = raw.get("gender")
    if person is None:
        person = gender is not None
    if not isinstance(person, bool):
        raise PackError(f"{source}: {where}: 'person' must be true or false, got {person!r}")
    parent = raw.get("parent")
    if parent is not None and not isinstance(parent, str):
        raise PackError(f"{source}: {where}: 'parent' must be an actor id (a string)")
    return Actor(
        id=aid.strip(),
        name=str(raw.get("name") or aid),
        side=raw["side"].strip(),
        kind=raw["kind"].strip(),
        aliases=_as_str_tuple(raw.get("aliases"), "aliases", where, source),
        titles=_as_str_tuple(raw.get("titles"), "titles", where, source),
        person=person,
        gender=gender,
        parent=parent,
        cased_aliases=_as_str_tuple(raw.get("cased_aliases"), "cased_aliases", where, source),
        note=str(raw.get("note") or ""),
    )
