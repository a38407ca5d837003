"""The actor registry: packs load and validate, aliases match (and unknown mentions do not), sides oppose."""

from __future__ import annotations

import json
import logging

import pytest

from claimdiff.actors import NARRATOR_ID, NARRATOR_SIDE, Actor, ActorRegistry, PackError, fold, normalize_mention

SEED_IDS = ("AM.MOD", "AM.GOV", "AZ.MOD", "AZ.GOV", "MEDIA.AM", "MEDIA.AZ", "NARRATOR")

TINY_PACK = """
name: Russia–Ukraine (test)
description: a tiny pack for tests
questions:            # read with the rest of the pack (claimdiff.stance scores them)
  - id: q1
    text: Who shelled the plant?
    propositions: [{id: ru_shelled, text: Russia shelled the plant.}]
sides:
  - {id: russia, name: Russia, opposes: [ukraine]}
  - {id: ukraine, name: Ukraine}
actors:
  - id: RU.MOD
    name: Russian Ministry of Defence
    side: russia
    kind: ministry
    aliases: [Russian Defence Ministry, Russia's defence ministry, Russian MoD]
    titles: [the ministry]
  - id: UA.GS
    name: General Staff of the Armed Forces of Ukraine
    side: ukraine
    kind: military
    aliases: [Ukraine's General Staff, General Staff of the Armed Forces of Ukraine, Ukrainian General Staff]
    titles: [the General Staff]
  - id: UA.GOV
    name: Government of Ukraine
    side: ukraine
    kind: government
    aliases: [Kyiv, Ukrainian government]
    titles: [the government]
  - id: UA.PRES
    name: President of Ukraine
    side: ukraine
    kind: leader
    person: true
    gender: male
    parent: UA.GOV
    aliases: [Volodymyr Zelensky, Zelensky, Ukrainian President]
    titles: [the President]
"""


@pytest.fixture(scope="module")
def reg() -> ActorRegistry:
    return ActorRegistry.default()


@pytest.fixture()
def tiny_pack(tmp_path):
    path = tmp_path / "russia_ukraine.yaml"
    path.write_text(TINY_PACK, encoding="utf-8")
    return path


# -- matching --------------------------------------------------------------------------------------


@pytest.mark.parametrize("mention, expected", [
    ("Baku", "AZ.GOV"),
    ("official Baku", "AZ.GOV"),
    ("Azerbaijan", "AZ.GOV"),
    ("Azerbaijani authorities", "AZ.GOV"),
    ("Yerevan", "AM.GOV"),
    ("The Armenian government", "AM.GOV"),
    ("Azerbaijan's defence ministry", "AZ.MOD"),
    ("Azerbaijan\u2019s Defense Ministry", "AZ.MOD"),
    ("The Armenian Defense Ministry", "AM.MOD"),
    ("the Armenian Defence Ministry", "AM.MOD"),
    ("Armenia's defence ministry", "AM.MOD"),
    ("Armenian MoD", "AM.MOD"),
    ("Ministry of Defence of Armenia", "AM.MOD"),
    ("the Azerbaijani Defense Ministry", "AZ.MOD"),
    ("the Kremlin", "RU.GOV"),
    ("Moscow", "RU.GOV"),
    ("Novosti-Armenia", "MEDIA.AM"),
    ("Novosti Armenia", "MEDIA.AM"),
    ("Armenian public television", "MEDIA.AM"),
    ("Azerbaijani media", "MEDIA.AZ"),
    ("AzerTac", "MEDIA.AZ"),
    ("Armenian Prime Minister Nikol Pashinyan", "AM.PM"),
    ("Pashinyan", "AM.PM"),
    ("President Aliyev", "AZ.PRES"),
    ("Shushan Stepanyan", "AM.MOD.SPOKES"),
    ("Artsakh", "NK.GOV"),
    ("Stepanakert", "NK.GOV"),
    ("Karabakh's defense army", "NK.MIL"),
    ("Russian peacekeepers", "RU.PEACEKEEPERS"),
    ("the UN Security Council", "UN.SC"),
    ("the OSCE Minsk Group", "OSCE.MG"),
    ("Mevlüt Çavuşoğlu", "TR.FM"),
    ("Mevlut Cavusoglu", "TR.FM"),
    ("the U.S.", "US.GOV"),
    ("US", "US.GOV"),
    ("the State Department", "US.STATE"),
    ("Trend", "MEDIA.AZ"),
    ("Reuters", "MEDIA.INTL"),            # wires and broadcasters from outside the region: no party's voice
    ("the AP", "MEDIA.INTL"),
    ("TASS", "MEDIA.RU"),                 # a third state's media: that state's side
    ("Sputnik Armenia", "MEDIA.AM"),      # ... but its Armenian service is Armenian media
    ("Anadolu Agency", "MEDIA.TR"),
    ("Human Rights Watch", "RIGHTS.INTL"),
    ("the European Council", "EU"),
    ("Tbilisi", "GE.GOV"),                # the neighbour: a third state of its own
    ("the Georgian Foreign Ministry", "GE.MFA"),
])
def test_alias_match(reg, mention, expected):
    found = reg.match(mention)
    assert found is not None, mention
    assert found[0].id == expected
    assert found[1] == 1.0


@pytest.mark.parametrize("mention, expected", [
    ("Mr. Pashinyan", "AM.PM"),                          # a courtesy title around an alias
    ("Mr. Aliyev", "AZ.PRES"),
    ("Dr. Pashinyan", "AM.PM"),
    ("Mrs. Pashinyan", None),                            # ... whose gender must fit: not the (male) Prime Minister
    ("Mr. Baku", None),                                  # ... and which only a person takes
    ("Pashinyan (Civil Contract)", "AM.PM"),             # a trailing aside in parentheses
    ("the Armenian Defense Ministry (MoD)", "AM.MOD"),
    ("(MoD)", None),
])
def test_courtesy_titles_and_parentheses(reg, mention, expected):
    found = reg.match(mention)
    assert (found[0].id if found else None) == expected


@pytest.mark.parametrize("mention", [
    "some blogger", "a local resident", "a blogger from Baku", "witnesses", "us", "trend", "the ministry",
    "he", "former Armenian President Robert Kocharyan",
    "Armen Stepanyan",  # not the pack's Shushan or Gegham Stepanyan: another given name before a shared surname
    "Karabakh ombudsman Tuesday", "Armenian and Azerbaijani defense ministries", "", "  ",
])
def test_unknown_mentions_are_none(reg, mention):
    assert reg.match(mention) is None


@pytest.mark.parametrize("mention, expected, score", [
    ("Shushan Stepanyan, the ministry's spokeswoman", "AM.MOD.SPOKES", 0.85),
    ("Armenian Defense Ministry spokeswoman Shushan Stepanyan", "AM.MOD.SPOKES", 0.85),
    ("the spokeswoman of the Armenian Defence Ministry", "AM.MOD.SPOKES", 0.8),
    ("the Armenian Defense Ministry's press service", "AM.MOD", 0.85),
    ("a spokesman for the Armenian Defense Ministry", "AM.MOD", 0.75),  # the pack's spokesperson is a woman
    ("Aliyev's aide Hikmet Hajiyev", "AZ.PRES.AIDE", 0.85),
    ("Hikmet Hajiyev, Aliyev's aide", "AZ.PRES.AIDE", 0.85),
    ("an aide to Pashinyan", "AM.GOV", 0.6),  # someone not in the pack, speaking for Pashinyan's government
    ("Putin's spokesman", "RU.GOV", 0.6),
    ("Trend's correspondent", "MEDIA.AZ", 0.6), ("an Armenpress reporter", "MEDIA.AM", 0.6),  # an outlet's people
    ("AFP journalists", "MEDIA.INTL", 0.6),
    ("a preliminary assessment by the Artsakh Human Rights Defender", "NK.HUMRIGHTS", 0.85),  # what it issues
    ("figures released by the Azerbaijani Defence Ministry", "AZ.MOD", 0.85),
    ("Karabakh ombudsman Arman Petrosyan", "NK.HUMRIGHTS", 0.75),  # an office held by one person, then its holder
])
def test_match_inside_longer_mentions(reg, mention, expected, score):
    actor, got = reg.match(mention)
    assert (actor.id, got) == (expected, score)


def test_longest_alias_wins(reg):
    found = [(m.text, m.actor) for m in reg.find_mentions("The Armenian Defense Ministry and Armenia's army.")]
    assert found == [("Armenian Defense Ministry", "AM.MOD"), ("Armenia's", "AM.GOV")]


def test_find_mentions_offsets_slice_back(reg):
    text = "Baku\u2019s claims were rejected by Yerevan \u2014 and by Novosti\u2011Armenia, citing the Kremlin."
    mentions = reg.find_mentions(text)
    assert [m.actor for m in mentions] == ["AZ.GOV", "AM.GOV", "MEDIA.AM", "RU.GOV"]
    for m in mentions:
        assert text[m.start:m.end] == m.text


def test_acronyms_match_only_in_capitals(reg):
    assert [m.actor for m in reg.find_mentions("The US said it told us nothing; the UN agreed.")] == ["US.GOV", "UN"]


@pytest.mark.parametrize("raw, key", [
    ("The Armenian Defence Ministry", "armenian defense ministry"),
    ("Armenia\u2019s defence-ministry", "armenia defense ministry"),
    ("  the  Kremlin, ", "kremlin"),
    ("Novosti\u2013Armenia", "novosti armenia"),
    # How the writer regards an entity does not change which one it is.
    ("the unrecognised Nagorno-Karabakh Republic", "nagorno karabakh republic"),
    ("The self-proclaimed Nagorno-Karabakh Republic", "nagorno karabakh republic"),
])
def test_normalize_mention(raw, key):
    assert normalize_mention(raw) == key


def test_fold_keeps_length():
    text = "Çavuşoğlu’s — Dargahlı"
    assert len(fold(text)) == len(text)
    assert fold(text) == "Cavusoglu's - Dargahli"


# -- the default pack --------------------------------------------------------------------------------


def test_default_pack_has_seed_ids(reg):
    for actor_id in SEED_IDS:
        assert actor_id in reg
    assert reg.get(NARRATOR_ID).side == NARRATOR_SIDE
    assert ActorRegistry.default() is reg  # loaded once


def test_every_alias_matches_its_own_actor(reg):
    for actor in reg:
        for alias in (*actor.aliases, *actor.cased_aliases):
            found = reg.match(alias)
            assert found is not None and found[0].id == actor.id, (alias, actor.id, found)
            hits = reg.find_mentions(f"Earlier, {alias} said so.")
            assert [m.actor for m in hits] == [actor.id], (alias, hits)


def test_default_roll_up(reg):
    assert reg.get("AM.PM").parent == "AM.GOV"
    assert reg.canonical("AM.PM") == "AM.GOV"
    assert reg.canonical("AM.MOD.SPOKES") == "AM.MOD"
    assert reg.canonical("AM.MOD") == "AM.MOD"  # ministries stay apart from their government
    assert reg.ancestors("US.SECSTATE") == ("US.STATE", "US.GOV")
    assert {a.id for a in reg.children("AM.MOD")} >= {"AM.MOD.SPOKES", "AM.DEFMIN"}


def test_nagorno_karabakh_sits_with_armenia(reg):
    nk = reg.get("NK.GOV")
    assert (nk.side, nk.kind) == ("armenia", "de_facto_authority")
    assert reg.opposes(nk.side, reg.get("AZ.GOV").side)


def test_pronouns(reg):
    assert reg.get("AM.MOD.SPOKES").pronouns == ("she",)
    assert reg.get("AM.PM").pronouns == ("he",)
    assert reg.get("AM.MOD").pronouns == ("it", "they")
    assert Actor("X", "X", "s", "leader", person=True).pronouns == ("he", "she")


def test_title_holders(reg):
    assert reg.title_holders("the Prime Minister") == {"AM.PM"}
    assert {"AM.MOD", "AZ.MOD", "AM.MFA"} <= reg.title_holders("The ministry")
    assert {"AZ.PRES", "RU.PRES", "FR.PRES"} <= reg.title_holders("the President")
    assert reg.title_holders("a local resident") == frozenset()


def test_get_unknown_suggests(reg):
    with pytest.raises(KeyError, match="AM.MOD"):
        reg.get("AM.MD")


# -- sides -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("a, b, expected", [
    ("armenia", "azerbaijan", True),
    ("azerbaijan", "armenia", True),
    ("armenia", "armenia", False),
    ("armenia", "russia", False),
    ("russia", "turkey", False),
    ("narrator", "armenia", False),
    ("azerbaijan", "narrator", False),
    (None, "armenia", False),
])
def test_opposes(reg, a, b, expected):
    assert reg.opposes(a, b) is expected


def test_opposes_unknown_side(reg):
    with pytest.raises(ValueError, match="known sides|sides of pack"):
        reg.opposes("armenai", "azerbaijan")


def test_third_parties_oppose_no_one(reg):
    for side in ("russia", "turkey", "csto", "un", "osce", "eu", "us", "france", "narrator"):
        assert reg.sides[side].opposes == frozenset()


# -- other packs and malformed packs ------------------------------------------------------------------


def test_load_another_conflict(tiny_pack):
    reg = ActorRegistry.from_file(tiny_pack)
    assert [q.id for q in reg.pack.questions] == ["q1"]  # the one pack holds its questions too
    assert reg.name == "Russia–Ukraine (test)"
    assert reg.opposes("ukraine", "russia")  # symmetric though declared once
    assert reg.match("Russia’s Defense Ministry")[0].id == "RU.MOD"
    assert reg.match("Kyiv")[0].id == "UA.GOV"
    assert reg.match("Baku") is None
    assert NARRATOR_ID in reg and NARRATOR_SIDE in reg.sides  # added for every pack


def test_load_json_pack(tmp_path):
    pack = {"name": "json", "sides": [{"id": "a", "opposes": ["b"]}, {"id": "b"}],
            "actors": [{"id": "A.GOV", "side": "a", "kind": "government", "aliases": ["Alphaland"]},
                       {"id": "B.GOV", "side": "b", "kind": "government", "aliases": ["Betaland"]}]}
    path = tmp_path / "pack.json"
    path.write_text(json.dumps(pack), encoding="utf-8")
    reg = ActorRegistry.from_file(path)
    assert reg.match("Betaland")[0].side == "b"
    assert reg.opposes("a", "b")


def _pack(actors, sides=None):
    return {"sides": sides if sides is not None else [{"id": "a", "opposes": ["b"]}, {"id": "b"}],
            "actors": actors}


@pytest.mark.parametrize("data, message", [
    (_pack([{"name": "No id", "side": "a", "kind": "government"}]), r"actors\[0\]: missing 'id'"),
    (_pack([{"id": "A", "side": "c", "kind": "government"}]), r"actors\[0\] \(id 'A'\): unknown side 'c'"),
    (_pack([{"id": "A", "side": "a", "kind": "government"}, {"id": "A", "side": "b", "kind": "government"}]),
     "duplicate actor id 'A'"),
    (_pack([{"id": "A", "side": "a", "kind": "government", "aliases": ["Alpha"]},
            {"id": "B", "side": "b", "kind": "government", "aliases": ["the alpha"]}]),
     "alias 'the alpha' is already an alias of 'A'"),
    (_pack([{"id": "A", "side": "a", "kind": "government", "aliases": ["Alpha"]},
            {"id": "B", "side": "b", "kind": "government", "titles": ["Alpha"]}]),
     "title 'Alpha' is an alias of 'A'"),
    (_pack([{"id": "A", "side": "a", "kind": "government", "alias": ["Alpha"]}]),
     "unknown field.*alias.*valid fields"),
    (_pack([{"id": "A", "side": "a"}]), "missing 'kind'"),
    (_pack([{"id": "A", "side": "a", "kind": "leader", "parent": "B"}]), "unknown parent 'B'"),
    (_pack([{"id": "A", "side": "a", "kind": "leader", "gender": "m"}]), "gender must be one of"),
    (_pack([{"id": "A", "side": "a", "kind": "leader", "aliases": ["he"]}]), "is a pronoun"),
    (_pack([{"id": "A", "side": "a", "kind": "leader", "aliases": "Alpha"}], [{"id": "a", "opposes": ["z"]}]),
     "opposes unknown side 'z'"),
    (_pack([], [{"id": "a"}, {"id": "a"}]), "duplicate side id 'a'"),
    (_pack([], [{"name": "nameless"}]), r"sides\[0\]: missing 'id'"),
    ({"actors": []}, "missing top-level 'sides'"),
    ([1, 2], "must be a mapping"),
])
def test_malformed_pack(tmp_path, data, message):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match=message) as info:
        ActorRegistry.from_file(path)
    assert isinstance(info.value, PackError)
    assert str(path) in str(info.value)  # the message names the file


def test_unparsable_and_unknown_format(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("sides: [unclosed", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.yaml: cannot parse"):
        ActorRegistry.from_file(bad)
    with pytest.raises(ValueError, match="use a .yaml, .yml or .json"):
        ActorRegistry.from_file(tmp_path / "pack.toml")
    with pytest.raises(FileNotFoundError):
        ActorRegistry.from_file(tmp_path / "missing.yaml")


def test_unknown_kind_warns(caplog):
    with caplog.at_level(logging.WARNING, logger="claimdiff.actors"):
        reg = ActorRegistry.from_dict(_pack([{"id": "A", "side": "a", "kind": "militia", "aliases": ["Alpha"]}]))
    assert "militia" in caplog.text
    assert reg.get("A").kind == "militia"


@pytest.mark.parametrize("mention, expected, score", [
    ("Ukrainian presidential candidate Volodymyr Zelensky", "UA.PRES", 0.85),  # a job title before the name
    ("Ukrainian General Staff spokesman Andriy Kovalenko", "UA.GS", 0.75),    # an official the pack lacks
    ("Russian Defence Ministry Major General Igor Konashenkov", "RU.MOD", 0.6),
])
def test_titles_before_a_name(tiny_pack, mention, expected, score):
    actor, got = ActorRegistry.from_file(tiny_pack).match(mention)
    assert (actor.id, got) == (expected, score)


@pytest.mark.parametrize("mention, expected", [
    ("Texas Sen. Ted Cruz", "R.CRUZ"),            # where the office is, then the title (here inside the alias)
    ("Former Florida Gov. Jeb Bush", "R.BUSH"),
    ("Vermont Sen. Ted Cruz", None),              # a place of the other side is no title of his
    ("Texas Ted Cruz", None),                     # a place that names no office
])
def test_a_title_may_name_where_the_office_is(mention, expected):
    reg = ActorRegistry.from_dict({
        "sides": [{"id": "d", "name": "Democrats", "opposes": ["r"]}, {"id": "r", "name": "Republicans"}],
        "places": {"d": ["Vermont"]},
        "actors": [{"id": "R.CRUZ", "name": "Ted Cruz", "side": "r", "kind": "leader", "person": True,
                    "aliases": ["Ted Cruz", "Sen. Ted Cruz"]},
                   {"id": "R.BUSH", "name": "Jeb Bush", "side": "r", "kind": "leader", "person": True,
                    "aliases": ["Jeb Bush"]}]})
    found = reg.match(mention)
    assert (found[0].id if found else None) == expected


@pytest.mark.parametrize("mention", [
    "former Ukrainian President Petro Poroshenko",  # a person's title, then another person: not guessed
    "Zelensky supporter Ivan Petrov",               # 'supporter' is no job title
    "a source close to Russia's defence ministry Ivan Petrov",
])
def test_titles_before_a_name_never_guess(tiny_pack, mention):
    assert ActorRegistry.from_file(tiny_pack).match(mention) is None


def test_a_side_colour_is_read_from_the_pack_and_checked():
    from claimdiff.actors import PackError

    pack = {"sides": [{"id": "a", "name": "Aland", "opposes": ["b"], "colour": "#112233"}, {"id": "b", "name": "Bland"}],
            "actors": [{"id": "A", "name": "A gov", "side": "a", "kind": "government", "aliases": ["Aland"]}]}
    reg = ActorRegistry.from_dict(pack)
    assert reg.sides["a"].colour == "#112233" and reg.sides["b"].colour is None
    pack["sides"][0]["colour"] = "red"
    with pytest.raises(PackError, match="colour must be written like"):
        ActorRegistry.from_dict(pack)


@pytest.mark.parametrize("side, kind, content, reading", [
    ("azerbaijan", "indirect", "its troops had crossed into Armenia", "Azerbaijan's troops had crossed into Armenia"),
    # A demonym owns nothing; "its" is still the speaker's side's.
    ("armenia", "indirect", "Azerbaijani soldiers had crossed its border", "Azerbaijani soldiers had crossed Armenia's border"),
    # A name before "its" may own it: left as written.
    ("armenia", "indirect", "Azerbaijan had moved its troops", "Azerbaijan had moved its troops"),
    ("armenia", "indirect", "Baku said its troops fired", "Baku said its troops fired"),
    # "our"/"we" only in a quote; the narrator and an unknown side are read as written.
    ("armenia", "direct", "Our positions were shelled and we responded", "Armenia's positions were shelled and Armenia responded"),
    ("armenia", "indirect", "our positions were shelled", "our positions were shelled"),
    # A content opening with "it" and a verb is the speaker's; a cleft or an expletive "it" is not.
    ("azerbaijan", "indirect", "it had lost 50 servicemen", "Azerbaijan had lost 50 servicemen"),
    ("armenia", "indirect", "it was Azerbaijani units that fired", "it was Azerbaijani units that fired"),
    ("narrator", "narrator", "its troops had crossed", "its troops had crossed"),
    (None, "indirect", "its troops had crossed", "its troops had crossed"),
])
def test_a_statement_is_read_as_its_speaker_means_it(side, kind, content, reading):
    from claimdiff.records import Span, Statement

    statement = Statement("d:s1", "d", kind, Span.of(content, 0, len(content)), side=side)
    assert ActorRegistry.default().reading(statement) == reading


def test_a_side_named_in_the_plural_owns_with_an_apostrophe_alone():
    from claimdiff.records import Span, Statement

    reg = ActorRegistry.from_dict({"sides": [{"id": "dem", "name": "Democrats", "opposes": ["rep"]},
                                             {"id": "rep", "name": "Republicans"}], "actors": []})
    quote = "We will keep our nation safe"
    statement = Statement("d:s1", "d", "direct", Span.of(quote, 0, len(quote)), side="dem")
    assert reg.reading(statement) == "Democrats will keep Democrats' nation safe"


@pytest.mark.parametrize("cue, content, reading", [
    ("accused", "Armenian forces of shelling villages", "Armenian forces had been shelling villages"),
    ("has accused", "Baku of deliberately targeting civilians", "Baku had been deliberately targeting civilians"),
    ("accused", "units of the Armenian army of having violated the truce", "units of the Armenian army had violated the truce"),
    ("accused", "Armenia of being behind the attack", "Armenia had been behind the attack"),
    ("accused", "Yerevan of provocations", "Yerevan committed provocations"),
    ("blamed", "Baku for the escalation", "Baku bore responsibility for the escalation"),
    # Any other cue, or a content that is no "who of/for what", is read as written.
    ("said", "Armenian forces of shelling villages", "Armenian forces of shelling villages"),
    ("accused", "the talks had failed", "the talks had failed"),
])
def test_what_an_accusing_cue_leaves_is_read_as_a_clause(cue, content, reading):
    from claimdiff.records import Span, Statement

    text = f"Someone {cue} {content}."
    statement = Statement("d:s1", "d", "indirect", Span.of(text, len(text) - len(content) - 1, len(text) - 1),
                          cue=Span.of(text, 8, 8 + len(cue)), side="armenia")
    assert ActorRegistry.default().reading(statement) == reading



@pytest.mark.parametrize("content, polarity, reading", [
    ("targeting civilians", "denies", "Azerbaijan had been targeting civilians"),
    ("deliberately shelling villages", "denies", "Azerbaijan had been deliberately shelling villages"),
    ("having moved its troops", "denies", "Azerbaijan had moved its troops"),
    ("any involvement in the blast", "denies", "Azerbaijan was involved in the blast"),
    ("responsibility for the attack", "denies", "Azerbaijan bore responsibility for the attack"),
    ("any role in the killing", "denies", "Azerbaijan played a role in the killing"),
    # Not an act with its doer left out: read as written.
    ("targeting civilians", "asserts", "targeting civilians"),
    ("during the night any shots were fired", "denies", "during the night some shots were fired"),
    ("any involvement", "denies", "some involvement"),
    # What a denial denies is read out of its negation: "any" alone reads as "none" to the NLI model.
    ("any of its helicopters had ever been shot down", "denies",
     "some of Azerbaijan's helicopters had been shot down"),
    ("anyone had been hurt at all", "denies", "someone had been hurt"),
    ("any of its helicopters had been shot down", "asserts", "any of Azerbaijan's helicopters had been shot down"),
    ("the villagers had not received any aid", "denies", "the villagers had not received any aid"),
])
def test_a_denied_act_without_its_doer_is_the_speakers(content, polarity, reading):
    # "Baku denied targeting civilians": who did not do it is the one who denies.
    from claimdiff.records import Span, Statement

    text = f"Baku denied {content}."
    statement = Statement("d:s1", "d", "indirect", Span.of(text, 12, len(text) - 1), cue=Span.of(text, 5, 11),
                          polarity=polarity, side="azerbaijan")
    assert ActorRegistry.default().reading(statement) == reading


@pytest.mark.parametrize("denied, said", [
    ("any Azerbaijani serviceman had been killed", "no Azerbaijani serviceman had been killed"),
    ("Anyone had ever crossed the border", "No one had ever crossed the border"),
    ("Armenian units had ever shelled Tovuz", "Armenian units had never shelled Tovuz"),
    ("the post had not fired on anyone", "the post had not fired on anyone"),
])
def test_a_denials_negative_words_read_as_what_it_says(denied, said):
    from claimdiff.actors import affirmative, negative

    assert negative(denied) == said
    assert "any" not in affirmative(denied).lower().split() or "not" in denied
