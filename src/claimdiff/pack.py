"""The pack: everything one conflict needs, read from one file and checked once.

A pack (YAML or JSON; ``docs/packs.md``) holds a conflict's sides and actors (indexed by
:class:`claimdiff.actors.ActorRegistry`), its contested questions (:mod:`claimdiff.stance`) and the words of its
news that the rules read: zone words ("Baku time", :mod:`claimdiff.times`), demonyms and names too broad to be
a place (:mod:`claimdiff.numbers`), names too common to mark a shared topic (:mod:`claimdiff.pairing`). Another
conflict is another file; no code changes. The stages take a ``pack`` argument; ``None`` is :meth:`Pack.default`.

Example:
    >>> pack = Pack.default()
    >>> pack.name, pack.zones["baku time"], pack.demonyms["azeri"], "Moscow" in pack.common_names
    ('Armenia–Azerbaijan', 240, 'azerbaijan', True)
"""

from __future__ import annotations

import difflib
import functools
import json
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from os import PathLike
from pathlib import Path
from typing import Any

import yaml

from claimdiff.records import Proposition, Question
from claimdiff.times import parse_utc_offset

logger = logging.getLogger(__name__)

__all__ = ["Actor", "DEFAULT_PACK", "INHERIT", "KINDS", "NARRATOR_ID", "NARRATOR_SIDE", "Pack", "PackError", "Side",
           "pack_or_default", "parse_questions"]

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

_FORMATS = (".yaml", ".yml", ".json")
_WORD_LISTS = ("not_places", "common_names")
_TOP_FIELDS = frozenset({"name", "description", "timezone", "sides", "actors", "questions", "zones", "demonyms",
                         "places", "surname_endings", "personal_names", "web_domains", "same_places",
                         *_WORD_LISTS})
_SIDE_FIELDS = frozenset({"id", "name", "opposes", "note", "timezone", "colour"})
_ACTOR_FIELDS = frozenset(
    {"id", "name", "side", "kind", "aliases", "cased_aliases", "titles", "person", "gender", "parent", "note"}
)
_QUESTION_FIELDS = ("id", "text", "propositions", "exclusive", "note")
_PROPOSITION_FIELDS = ("id", "text", "paraphrases", "note")


class PackError(ValueError):
    """A malformed actor pack. The message names the pack, the entry and the field at fault."""


#: A side's ``utc_offset`` when the pack gives none: the pack's top-level ``timezone`` applies.
INHERIT = "inherit"


@dataclass(frozen=True)
class Side:
    """One side of a conflict. ``opposes`` is as the pack wrote it; the registry makes it symmetric (if a opposes
    b, b opposes a), as does :meth:`Pack.opponents`.

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


@dataclass(frozen=True, eq=False)  # eq=False: hashed by identity, so the rules can cache what they build per pack
class Pack:
    """One conflict's data, as its pack file gives it: read with :meth:`from_file`, :meth:`from_dict` or
    :meth:`default`, all checked as they are read (the registry's index checks aliases and parents).

    Attributes:
        name, description: from the pack.
        source: the file (or ``"<dict>"``), named in error messages.
        utc_offset: the pack's ``timezone`` in minutes east of UTC; ``None`` when it gives none.
        sides, actors: as written (the registry makes opposition symmetric and adds the narrator).
        questions: the contested questions (:mod:`claimdiff.stance`).
        zones: the conflict's zone words, lower-cased ("baku time") → minutes east of UTC
            (:mod:`claimdiff.times`; "GMT", "CET" and the other abbreviations are known to every pack).
        demonyms: lower-cased words for a country's people → the country, lower-cased ("azeri" →
            "azerbaijan"): whose losses a figure counts (:mod:`claimdiff.numbers`).
        not_places: names too broad to tell two figures' places apart (the capitals and countries at war).
        common_names: capitalised names too frequent in this news to show that two statements share a topic
            (:mod:`claimdiff.pairing`).
        places: lower-cased names of places on one side's ground → that side ("syunik" → "armenia"): a speaker
            the pack does not know who is named by one ("the governor of Syunik") speaks for that side
            (:mod:`claimdiff.resolve`).
        surname_endings: lower-cased endings of family names found on one side only → that side ("yan" →
            "armenia"): a named person the pack does not know ("Grigoryan", "the village head, Hovik
            Abrahamyan") speaks for that side (:mod:`claimdiff.resolve`).
        personal_names: lower-cased given or family names that one side's people carry and others in the news
            rarely do → that side ("hovhannes", "elchin", "mammadova"): a person named by one ("the priest,
            Father Hovhannes", "Sevinj Mammadova, 43") speaks for that side (:mod:`claimdiff.resolve`).
        web_domains: lower-cased country-code domains of one side's websites → that side ("az" → "azerbaijan"):
            a site the pack does not know ("the website Haqqin.az") speaks for that side (:mod:`claimdiff.resolve`).
        same_places: names of one place, each group's first the one compared ("Stepanakert", "Khankendi"): the
            two sides' names and the usual spellings; see :meth:`one_name_per_place`.

    A pack is read-only: the default one is shared. (Its mappings are plain dicts, so that a registry or a
    pipeline holding a pack can still be pickled.)
    """

    name: str = ""
    description: str = ""
    source: str = "<memory>"
    utc_offset: int | None = None
    sides: tuple[Side, ...] = ()
    actors: tuple[Actor, ...] = ()
    questions: tuple[Question, ...] = ()
    zones: Mapping[str, int] = field(default_factory=dict)
    demonyms: Mapping[str, str] = field(default_factory=dict)
    not_places: frozenset[str] = frozenset()
    common_names: frozenset[str] = frozenset()
    places: Mapping[str, str] = field(default_factory=dict)
    surname_endings: Mapping[str, str] = field(default_factory=dict)
    personal_names: Mapping[str, str] = field(default_factory=dict)
    web_domains: Mapping[str, str] = field(default_factory=dict)
    same_places: tuple[tuple[str, ...], ...] = ()

    def opponents(self, side: str | None) -> frozenset[str]:
        """The sides that oppose ``side`` or that it opposes (a pack need write it only one way round).

        Example:
            >>> pack = Pack.from_dict({"sides": [{"id": "a", "opposes": ["b"]}, {"id": "b"}], "actors": []})
            >>> sorted(pack.opponents("b")), sorted(pack.opponents("a")), sorted(pack.opponents(None))
            (['a'], ['b'], [])
        """
        written = {s.id: s.opposes for s in self.sides}
        return frozenset(sid for sid, opposed in written.items() if side in opposed) | written.get(side, frozenset())

    def one_name_per_place(self, text: str) -> str:
        """``text`` with each place of :attr:`same_places` written by its group's first name, so that pairing, the
        NLI model and the scene rules see one town where the sides write two.

        Example:
            >>> pack = Pack.from_dict({"sides": [], "actors": [], "same_places": [["Stepanakert", "Khankendi"]]})
            >>> pack.one_name_per_place("Residential areas of Khankendi were shelled.")
            'Residential areas of Stepanakert were shelled.'
        """
        pattern, first = self._other_place_names
        return text if pattern is None else pattern.sub(lambda m: first[m.group(0)], text)

    @functools.cached_property
    def _other_place_names(self) -> tuple[re.Pattern[str] | None, dict[str, str]]:
        first = {other: names[0] for names in self.same_places for other in names[1:]}
        if not first:
            return None, first
        alternatives = "|".join(map(re.escape, sorted(first, key=len, reverse=True)))
        return re.compile(rf"\b(?:{alternatives})\b"), first

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], source: str = "<dict>") -> Pack:
        """A pack from its parsed structure (what a pack file holds).

        Raises:
            PackError: (a ``ValueError``) naming the entry and the field at fault.

        Example:
            >>> Pack.from_dict({"sides": [{"id": "a"}], "actors": [], "zones": {"Kyiv  Time": "+02:00"}}).zones
            {'kyiv time': 120}
        """
        if not isinstance(data, Mapping):
            raise PackError(f"{source}: a pack must be a mapping with 'sides' and 'actors', "
                            f"got {type(data).__name__}")
        for key in data:
            if key not in _TOP_FIELDS:
                logger.debug("%s: ignoring unknown top-level key %r", source, key)
        for key in ("sides", "actors"):
            if key not in data:
                raise PackError(f"{source}: missing top-level '{key}' (a list)")
            if not isinstance(data[key], list):
                raise PackError(f"{source}: '{key}' must be a list, got {type(data[key]).__name__}")
        # Zones first: a timezone may be written as one of the pack's zone words.
        zones = _parse_zones(data.get("zones"), source)
        lists = {key: frozenset(_as_str_tuple(data.get(key), key, "top level", source)) for key in _WORD_LISTS}
        sides = tuple(_parse_side(raw, i, source, zones) for i, raw in enumerate(data["sides"]))
        return cls(
            name=str(data.get("name") or ""), description=str(data.get("description") or ""), source=source,
            utc_offset=_parse_timezone(data.get("timezone"), "timezone", source, zones),
            sides=sides,
            actors=tuple(_parse_actor(raw, i, source) for i, raw in enumerate(data["actors"])),
            questions=parse_questions(data.get("questions"), source),
            zones=zones, demonyms=_parse_demonyms(data.get("demonyms"), source), **lists,
            places=_parse_places(data.get("places"), {side.id for side in sides}, source),
            surname_endings=_parse_places(data.get("surname_endings"), {side.id for side in sides}, source,
                                          "surname_endings", "armenia: [yan]"),
            personal_names=_parse_places(data.get("personal_names"), {side.id for side in sides}, source,
                                         "personal_names", "armenia: [Hovhannes]"),
            web_domains=_parse_places(data.get("web_domains"), {side.id for side in sides}, source, "web_domains",
                                      "armenia: [am]"),
            same_places=_parse_same_places(data.get("same_places"), source),
        )

    @classmethod
    def from_file(cls, path: str | PathLike[str]) -> Pack:
        """A pack from a ``.yaml``/``.yml`` or ``.json`` file, parsed once while the file is unchanged: the
        registry and the questions read from one file share one :class:`Pack`.

        Raises:
            FileNotFoundError: no such file.
            PackError: (a ``ValueError``) the file does not parse, or an entry is malformed.
        """
        path = Path(path)
        if path.suffix.lower() not in _FORMATS:
            raise PackError(f"{path}: unknown pack format {path.suffix.lower()!r}; use a .yaml, .yml or .json file")
        stat = path.stat()
        return _read(str(path), stat.st_mtime_ns, stat.st_size)

    @classmethod
    def default(cls) -> Pack:
        """The Armenia–Azerbaijan pack shipped with claimdiff (read once, then shared: it is read-only)."""
        return _default()


def pack_or_default(pack: Pack | None) -> Pack:
    """``pack``, or the default pack for ``None`` (the rules' default)."""
    return _default() if pack is None else pack


@functools.lru_cache(maxsize=16)
def _read(path: str, mtime_ns: int, size: int) -> Pack:
    # Keyed on the file's state too, so that an edited pack is read again.
    return _from_text(Path(path).read_text(encoding="utf-8"), Path(path).suffix.lower(), path)


@functools.lru_cache(maxsize=1)
def _default() -> Pack:
    ref = resources.files("claimdiff").joinpath("packs").joinpath(DEFAULT_PACK)
    return _from_text(ref.read_text(encoding="utf-8"), ".yaml", f"claimdiff/packs/{DEFAULT_PACK}")


def _from_text(text: str, suffix: str, source: str) -> Pack:
    try:
        data = json.loads(text) if suffix == ".json" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as err:
        raise PackError(f"{source}: cannot parse the pack: {err}") from err
    return Pack.from_dict(data, source=source)


# ------------------------------------------------------------------------------------ sides and actors


def _parse_same_places(raw: Any, source: str) -> tuple[tuple[str, ...], ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(group, list) and len(group) >= 2 for group in raw):
        raise PackError(f"{source}: 'same_places' must be a list of lists of two or more names, e.g. "
                        f"[[Stepanakert, Khankendi]]")
    return tuple(_as_str_tuple(group, "same_places", "top level", source) for group in raw)


def _as_str_tuple(value: Any, key: str, where: str, source: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise PackError(f"{source}: {where}: '{key}' must be a list of non-empty strings")
    return tuple(dict.fromkeys(v.strip() for v in value))


def _parse_side(raw: Any, i: int, source: str, zones: Mapping[str, int]) -> Side:
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
    offset = _parse_timezone(raw["timezone"], f"{where} (id {sid!r}): timezone", source, zones) \
        if "timezone" in raw else INHERIT
    colour = raw.get("colour")
    if colour is not None and not (isinstance(colour, str) and re.fullmatch(r"#[0-9a-fA-F]{6}", colour)):
        raise PackError(f"{source}: {where} (id {sid!r}): colour must be written like '#ffd2a8', got {colour!r}")
    return Side(sid, str(raw.get("name") or sid), frozenset(opposes), str(raw.get("note") or ""), offset, colour)


def _parse_timezone(value: Any, where: str, source: str, zones: Mapping[str, int]) -> int | None:
    try:
        return parse_utc_offset(value, zones)
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


# ------------------------------------------------------------------------------------ words of the news


def _words_mapping(raw: Any, key: str, example: str, source: str) -> dict[str, Any]:
    """``raw`` as {lower-cased words: value}, for the mappings of words a pack gives."""
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise PackError(f"{source}: '{key}' must be a mapping ({example}), got {type(raw).__name__}")
    for words in raw:
        if not isinstance(words, str) or not words.strip():
            raise PackError(f"{source}: {key}: {words!r} is not a word; write it like {example}")
    return {" ".join(words.lower().split()): value for words, value in raw.items()}


def _parse_zones(raw: Any, source: str) -> Mapping[str, int]:
    zones: dict[str, int] = {}
    for words, value in _words_mapping(raw, "zones", "Baku time: '+04:00'", source).items():
        # Offsets only: a zone word defined by another would depend on the order they are read in.
        offset = _parse_timezone(value, f"zones: {words!r}", source, {})
        if offset is None:
            raise PackError(f"{source}: zones: {words!r}: the offset is missing")
        zones[words] = offset
    return zones


def _parse_places(raw: Any, side_ids: set[str], source: str, key: str = "places",
                  example: str = "armenia: [Syunik]") -> Mapping[str, str]:
    """``places:`` ({side id: [place names]}) as {lower-cased place: side}; a place listed for two sides is
    refused. ``surname_endings:``, ``personal_names:`` and ``web_domains:`` have the same shape."""
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise PackError(f"{source}: '{key}' must map side ids to lists of names ({example}), "
                        f"got {type(raw).__name__}")
    places: dict[str, str] = {}
    for side, names in raw.items():
        if side not in side_ids:
            raise PackError(f"{source}: {key}: unknown side {side!r}; known sides: {sorted(side_ids)}")
        for name in _as_str_tuple(names, key, f"side {side!r}", source):
            word = " ".join(name.lower().split())
            if places.get(word, side) != side:
                raise PackError(f"{source}: {key}: {name!r} is listed for both {places[word]!r} and {side!r}")
            places[word] = side
    return places


def _parse_demonyms(raw: Any, source: str) -> Mapping[str, str]:
    found = _words_mapping(raw, "demonyms", "Azeri: Azerbaijan", source)
    for words, country in found.items():
        if not isinstance(country, str) or not country.strip():
            raise PackError(f"{source}: demonyms: {words!r} must name a country (a non-empty string)")
    return {words: country.strip().lower() for words, country in found.items()}


# ------------------------------------------------------------------------------------ questions


def parse_questions(raw: Any, source: str = "<dict>") -> tuple[Question, ...]:
    """Questions from the ``questions:`` value of a pack (``None`` gives none).

    Raises:
        PackError: (a ``ValueError``) naming the question, the proposition and the field at fault.

    Example:
        >>> parse_questions([{"id": "q", "text": "Who?", "propositions": [{"id": "p", "text": "A did."}]}])[0].id
        'q'
    """
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise PackError(f"{source}: 'questions' must be a list of {{id, text, propositions}}, "
                        f"got {type(raw).__name__}")
    questions: list[Question] = []
    seen_q: set[str] = set()
    seen_p: dict[str, str] = {}
    for i, q in enumerate(raw):
        where = f"{source}: questions[{i}]"
        _check_fields(q, _QUESTION_FIELDS, where)
        qid, text = _text_field(q, "id", where), _text_field(q, "text", where)
        where = f"{source}: questions[{i}] (id {qid!r})"
        if qid in seen_q:
            raise PackError(f"{where}: duplicate question id {qid!r}")
        seen_q.add(qid)
        props = q.get("propositions")
        if not isinstance(props, list) or not props:
            raise PackError(f"{where}: 'propositions' must be a non-empty list of {{id, text, paraphrases}}")
        parsed = []
        for j, p in enumerate(props):
            pwhere = f"{where}: propositions[{j}]"
            _check_fields(p, _PROPOSITION_FIELDS, pwhere)
            pid, ptext = _text_field(p, "id", pwhere), _text_field(p, "text", pwhere)
            if pid in seen_p:
                raise PackError(f"{pwhere}: proposition id {pid!r} is already used in question {seen_p[pid]!r}; "
                                "proposition ids must be unique across the pack")
            seen_p[pid] = qid
            paraphrases = p.get("paraphrases") or []
            if not isinstance(paraphrases, list) or not all(isinstance(x, str) and x.strip() for x in paraphrases):
                raise PackError(f"{pwhere} (id {pid!r}): 'paraphrases' must be a list of non-empty strings")
            parsed.append(Proposition(pid, ptext.strip(), tuple(x.strip() for x in paraphrases)))
        exclusive = q.get("exclusive", False)
        if not isinstance(exclusive, bool):
            raise PackError(f"{where}: 'exclusive' must be true or false, got {exclusive!r}")
        questions.append(Question(qid, text.strip(), tuple(parsed), exclusive))
    return tuple(questions)


def _check_fields(entry: Any, allowed: tuple[str, ...], where: str) -> None:
    if not isinstance(entry, Mapping):
        raise PackError(f"{where}: expected a mapping with {', '.join(allowed[:3])}, got {type(entry).__name__}")
    for key in entry:
        if key not in allowed:
            hint = difflib.get_close_matches(str(key), allowed, n=1)
            raise PackError(f"{where}: unknown field {key!r}" + (f" (did you mean {hint[0]!r}?)" if hint else "")
                            + f"; fields are {', '.join(allowed)}")


def _text_field(entry: Mapping, key: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise PackError(f"{where}: missing or empty {key!r} (a string)")
    return value
