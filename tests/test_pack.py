"""The pack: one file holds a conflict's data, read once, and its words drive the time, number and pairing rules."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

import claimdiff.actors
import claimdiff.pack
import claimdiff.stance
from claimdiff.actors import ActorRegistry
from claimdiff.judge import judge
from claimdiff.numbers import numeric_conflict, quantities
from claimdiff.pack import Pack, PackError
from claimdiff.pairing import shared_signals
from claimdiff.records import CandidatePair, Span, Statement
from claimdiff.stance import load_questions
from claimdiff.times import clock_times, time_relation
from tests.conftest import FixedNLI

# A second conflict, written from scratch: its own zone words, demonyms and names.
TIGRAY_PACK = """
name: Ethiopia–Tigray (test)
timezone: East Africa time       # one of the pack's own zone words
zones: {East Africa time: "+03:00", Addis Ababa time: "+03:00"}
demonyms: {Tigrayan: Tigray, Ethiopian: Ethiopia}
not_places: [Tigray, Mekelle]
common_names: [Addis]
sides:
  - {id: ethiopia, name: Ethiopia, opposes: [tigray]}
  - {id: tigray, name: Tigray}
actors:
  - {id: ET.GOV, name: Government of Ethiopia, side: ethiopia, kind: government, aliases: [Addis Ababa]}
  - {id: TG.TPLF, name: TPLF, side: tigray, kind: armed_group, aliases: [TPLF]}
questions:
  - id: who_attacked
    text: Who attacked whom?
    propositions: [{id: tplf_attacked, text: The TPLF attacked first.}]
"""


@pytest.fixture()
def tigray(tmp_path) -> Pack:
    path = tmp_path / "tigray.yaml"
    path.write_text(TIGRAY_PACK, encoding="utf-8")
    return Pack.from_file(path)


def test_the_default_pack_holds_the_conflict_words():
    pack = Pack.default()
    assert ActorRegistry.default().pack is pack and load_questions() is pack.questions
    assert pack.zones["moscow time"] == 180 and pack.zones["baku time"] == 240
    assert pack.demonyms["azeri"] == "azerbaijan" and pack.demonyms["turkish"] == "turkey"
    assert {"Baku", "Yerevan", "Moscow"} <= pack.not_places and "Moscow" in pack.common_names
    # Generic English stays in code: months and days are no conflict's words.
    assert not {"September", "Monday", "The"} & (pack.not_places | pack.common_names)


def test_a_pack_file_is_parsed_once(tmp_path, monkeypatch):
    parsed = []
    real = claimdiff.pack.yaml.safe_load
    monkeypatch.setattr(claimdiff.pack.yaml, "safe_load", lambda text: parsed.append(1) or real(text))
    path = tmp_path / "tigray.yaml"
    path.write_text(TIGRAY_PACK, encoding="utf-8")
    registry = ActorRegistry.from_file(path)
    assert load_questions(path) is registry.pack.questions and Pack.from_file(path) is registry.pack
    assert len(parsed) == 1
    path.write_text(TIGRAY_PACK.replace("(test)", "(edited)"), encoding="utf-8")  # an edited file is read again
    assert Pack.from_file(path).name == "Ethiopia–Tigray (edited)" and len(parsed) == 2
    # Only the pack module reads pack files.
    assert not hasattr(claimdiff.actors, "yaml") and not hasattr(claimdiff.stance, "yaml")


def test_another_conflicts_words_drive_the_rules(tigray):
    default = Pack.default()
    assert tigray.utc_offset == 180 and ActorRegistry.from_pack(tigray).utc_offset_minutes("tigray") == 180
    # Zones: "Addis Ababa time" is this pack's; the default pack does not know it.
    (t,) = clock_times("from 8 a.m. Addis Ababa time", pack=tigray)
    assert (t.zone, t.utc_offset_minutes) == ("Addis Ababa time", 180)
    assert clock_times("from 8 a.m. Addis Ababa time", pack=default)[0].utc_offset_minutes is None
    a, b = "battles as of 8 a.m. East Africa time", "a truce from 9 a.m. East Africa time"
    assert time_relation(a, b, pack=tigray) == "different" and time_relation(a, b, pack=default) == "unknown"
    assert clock_times("at 8 a.m. Baku time", pack=tigray)[0].utc_offset_minutes is None  # not this conflict's
    # Demonyms: "Tigrayan fighters" are Tigray's.
    assert quantities("12 Tigrayan fighters were killed", tigray)[0].owner == "tigray"
    assert quantities("12 Tigrayan fighters were killed", default)[0].owner == "tigrayan"
    # Names that are no place: "in Mekelle" is the whole region here, so the figures are compared.
    a, b = "49 people were killed in Mekelle", "30 people were killed in Adigrat"
    assert numeric_conflict(a, b, pack=tigray) is not None and numeric_conflict(a, b, pack=default) is None
    # Common names: "Addis" in both says nothing about a shared topic in this conflict's news.
    a, b = "troops massed near Addis overnight", "Addis said the roads were open"
    assert "name" not in shared_signals(a, b, tigray) and "name" in shared_signals(a, b, default)


def _statement(i: int, text: str, side: str) -> Statement:
    return Statement(f"d:s{i}", "d", "indirect", Span.of(text, 0, len(text)), side=side)


class _Clash(FixedNLI):
    """An NLI stand-in that reads every pair as a contradiction."""

    row = (0.05, 0.05, 0.9)


def test_the_judge_reads_times_with_the_pack_it_is_given(tigray):
    pair = CandidatePair(_statement(1, "battles as of 8 a.m. East Africa time", "tigray"),
                         _statement(2, "a truce from 9 a.m. East Africa time", "ethiopia"), 0.9)
    assert judge([pair], _Clash(), pack=tigray)[0].reason == "different_time"
    assert judge([pair], _Clash())[0].reason == "nli"  # the default pack knows no East Africa time


def test_a_registry_and_its_pack_can_be_pickled(tigray):
    registry = pickle.loads(pickle.dumps(ActorRegistry.from_pack(tigray)))
    assert registry.pack.zones == tigray.zones and registry.match("TPLF")[0].id == "TG.TPLF"


def test_a_registry_built_from_actors_has_a_pack_without_words():
    registry = ActorRegistry([], [claimdiff.pack.Side("a", "A")], name="bare")
    assert registry.pack.name == "bare" and registry.pack.sides[0].id == "a"
    assert not registry.pack.zones and not registry.pack.demonyms and registry.pack.questions == ()


@pytest.mark.parametrize("extra, message", [
    ({"zones": {"Kyiv time": "+25:00"}}, r"zones: 'kyiv time': .*outside"),
    ({"zones": {"Kyiv time": None}}, r"zones: 'kyiv time': the offset is missing"),
    ({"zones": ["Kyiv time"]}, r"'zones' must be a mapping"),
    ({"demonyms": {"Ukrainian": ["Ukraine"]}}, r"demonyms: 'ukrainian' must name a country"),
    ({"not_places": "Kyiv, Odesa"}, None),  # one string is one name, as for aliases
    ({"common_names": [""]}, r"'common_names' must be a list of non-empty strings"),
    ({"timezone": "Kyiv time"}, r"timezone: not a UTC offset"),  # not one of this pack's zone words
])
def test_malformed_words_are_refused(extra, message):
    data = {"sides": [{"id": "a"}], "actors": [], **extra}
    if message is None:
        assert Pack.from_dict(data).not_places == frozenset({"Kyiv, Odesa"})
        return
    with pytest.raises(PackError, match=message):
        Pack.from_dict(data, "my_pack.yaml")


def test_places_map_each_place_to_one_known_side():
    sides = [{"id": "a"}, {"id": "b"}]
    pack = Pack.from_dict({"sides": sides, "actors": [], "places": {"a": ["North  Vale", "Kor"], "b": "Sud"}})
    assert pack.places == {"north vale": "a", "kor": "a", "sud": "b"}
    reg = ActorRegistry.from_pack(pack)
    assert reg.side_of_place("the mayor of North Vale") == "a" and reg.side_of_place("people of Sud") == "b"
    assert reg.side_of_place("the mayor of North") is None and reg.side_of_place("people of Kor and Sud") is None
    with pytest.raises(PackError, match="unknown side 'c'"):
        Pack.from_dict({"sides": sides, "actors": [], "places": {"c": ["Kor"]}})
    with pytest.raises(PackError, match="both 'a' and 'b'"):
        Pack.from_dict({"sides": sides, "actors": [], "places": {"a": ["Kor"], "b": ["kor"]}})
    with pytest.raises(PackError, match="'places' must map side ids"):
        Pack.from_dict({"sides": sides, "actors": [], "places": ["Kor"]})
    assert ActorRegistry.from_pack(Pack.from_dict({"sides": sides, "actors": []})).side_of_place("Kor x") is None


def test_web_domains_map_each_domain_to_one_known_side():
    sides = [{"id": "a", "opposes": ["b"]}, {"id": "b", "opposes": ["a"]}]
    pack = Pack.from_dict({"sides": sides, "actors": [], "web_domains": {"a": ["AM"], "b": ["az"]}})
    assert pack.web_domains == {"am": "a", "az": "b"}
    with pytest.raises(PackError, match="web_domains: unknown side 'c'"):
        Pack.from_dict({"sides": sides, "actors": [], "web_domains": {"c": ["am"]}})


def test_family_name_endings_and_personal_names_map_each_to_one_known_side():
    sides = [{"id": "a"}, {"id": "b"}]
    pack = Pack.from_dict({"sides": sides, "actors": [], "surname_endings": {"a": ["YAN"], "b": ["zada"]},
                           "personal_names": {"a": ["Hovhannes"], "b": ["Elchin", "MAMMADOVA"]}})
    assert pack.surname_endings == {"yan": "a", "zada": "b"}
    assert pack.personal_names == {"hovhannes": "a", "elchin": "b", "mammadova": "b"}
    reg = ActorRegistry.from_pack(pack)
    assert reg.side_of_personal_name("Hovik Abrahamyan") == "a"
    assert reg.side_of_personal_name("Elvin Hajizada's aide") == "b"
    assert reg.side_of_personal_name("Father Hovhannes, the priest") == "a"
    assert reg.side_of_personal_name("Sevinj Mammadova's neighbour") == "b"
    # too short to be more than the ending, not a whole capitalised name, or names of both sides
    assert reg.side_of_personal_name("Ryan") is None and reg.side_of_personal_name("abrahamyan") is None
    assert reg.side_of_personal_name("Elchinov") is None and reg.side_of_personal_name("elchin") is None
    assert reg.side_of_personal_name("Abrahamyan and Hajizada") is None
    assert reg.side_of_personal_name("Elchin Grigoryan") is None
    for key in ("surname_endings", "personal_names"):
        with pytest.raises(PackError, match=f"{key}: unknown side 'c'"):
            Pack.from_dict({"sides": sides, "actors": [], key: {"c": ["yan"]}})
        with pytest.raises(PackError, match=f"'{key}' must map side ids"):
            Pack.from_dict({"sides": sides, "actors": [], key: ["yan"]})
    with pytest.raises(PackError, match="personal_names: 'Elchin' is listed for both"):
        Pack.from_dict({"sides": sides, "actors": [], "personal_names": {"a": ["elchin"], "b": ["Elchin"]}})


def test_one_place_is_compared_by_one_name_whichever_side_writes_it():
    from claimdiff.numbers import different_scenes
    from claimdiff.pairing import candidate_pairs

    pack = Pack.from_dict({"sides": [{"id": "a", "opposes": ["b"]}, {"id": "b"}], "actors": [],
                           "same_places": [["Stepanakert", "Khankendi", "Xankendi"]]})
    assert pack.one_name_per_place("Xankendi and Khankendi, not Khankendis") == \
        "Stepanakert and Stepanakert, not Khankendis"
    assert not different_scenes("Homes in Stepanakert were shelled.", "No shells fell in Khankendi.", pack)
    assert different_scenes("Homes in Stepanakert were shelled.", "No shells fell in Goris.", pack)
    # The pairing embeds one name per place: the two statements read alike and share a name.
    a, b = (Statement(id=f"d:s00{i}", doc_id="d", kind="indirect", content=Span.of(text, 0, len(text)),
                      polarity=polarity, side=side, actor=None)
            for i, (text, polarity, side) in enumerate([("Homes in Stepanakert were shelled", "asserts", "a"),
                                                        ("Homes in Khankendi were shelled", "denies", "b")]))
    seen: list[str] = []

    def embed(texts):
        seen.extend(texts)
        return np.ones((len(texts), 1), dtype=np.float32)

    pairs, _ = candidate_pairs([a, b], lambda x, y: {x, y} == {"a", "b"}, embed, pack=pack)
    assert seen == ["Homes in Stepanakert were shelled"] * 2 and "name" in pairs[0].signals
    registry = ActorRegistry.from_pack(pack)
    assert registry.reading(b) == "Homes in Stepanakert were shelled"
    with pytest.raises(PackError, match="'same_places' must be a list of lists"):
        Pack.from_dict({"sides": [], "actors": [], "same_places": ["Stepanakert", "Khankendi"]})


def test_the_default_pack_knows_both_sides_names_of_karabakh_towns():
    pack = Pack.default()
    assert pack.one_name_per_place("Shushi and Khankendi") == "Shusha and Stepanakert"
