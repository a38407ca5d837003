"""Speaker resolution: aliases, titles and pronouns to actors and sides; unknown speakers stay unknown."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from claimdiff.actors import ActorRegistry
from claimdiff.records import Span, Statement
from claimdiff.attribution.rules import segment as extract_rules
from claimdiff.resolve import CONF_TITLE, resolve

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_c4e10aff8d545da5"


def _said_by(speaker: str) -> Statement:
    """The one attributed statement of "<speaker> said that shells hit the village."."""
    from claimdiff import extract

    (s,) = [x for x in extract(f"{speaker} said that shells hit the village.") if x.kind != "narrator"]
    return s


@pytest.fixture(scope="module")
def reg() -> ActorRegistry:
    return ActorRegistry.default()


@pytest.fixture(scope="module")
def seed():
    text = SEED.with_suffix(".txt").read_text(encoding="utf-8")
    gold = json.loads(SEED.with_suffix(".expected.json").read_text(encoding="utf-8"))["statements"]
    return text, gold


def _span(text: str, d: dict | None) -> Span | None:
    return None if d is None else Span.of(text, d["start"], d["end"])


def _from_gold(text: str, gold: list[dict]) -> list[Statement]:
    """The gold statements with actor and side left empty, as the extractor hands them over."""
    out = []
    for g in gold:
        s = Statement(g["id"], SEED.name, g["kind"], _span(text, g["content"]), speaker=_span(text, g["speaker"]),
                      cue=_span(text, g["cue"]), polarity=g["polarity"], hedged=g["hedged"])
        assert s.content.text == g["content"]["text"]
        out.append(s)
    return out


def _stmt(text: str, sid: str, speaker: str | None, content: str, kind: str = "indirect",
          occurrence: int = 0) -> Statement:
    """A statement built by hand from substrings of ``text`` (the n-th occurrence of the speaker)."""
    cstart = text.index(content)
    sp = None
    if speaker is not None:
        found = list(re.finditer(rf"(?<!\w){re.escape(speaker)}(?!\w)", text))  # "he", not the "he" of "the"
        sp = Span.of(text, found[occurrence].start(), found[occurrence].end())
    return Statement(sid, "doc", kind, Span.of(text, cstart, cstart + len(content)), speaker=sp)


def _actors(statements: list[Statement]) -> list[str | None]:
    return [s.actor for s in statements]


# -- the seed article ----------------------------------------------------------------------------------


def test_seed_gold_actors(seed, reg):
    text, gold = seed
    resolved = resolve(_from_gold(text, gold), text, reg)
    # Leaders are their own actors (AM.PM); the gold codes them as their government: roll up by parent.
    got = [reg.canonical(s.actor) if s.actor else None for s in resolved]
    assert got == [g["actor"] for g in gold]
    assert [s.side for s in resolved] == [g["side"] for g in gold]
    by_id = {s.id: s for s in resolved}
    assert by_id["s008"].actor == "AM.PM"  # "the Prime Minister" after "Armenian Prime Minister Nikol Pashinyan"
    assert by_id["s009"].actor == "AM.PM"  # "he noted": the Prime Minister
    assert by_id["s007"].actor == "AM.MOD"  # "The ministry" after "The Armenian Defense Ministry"


def test_seed_roll_up_gives_gold_codes(seed, reg):
    text, gold = seed
    resolved = resolve(_from_gold(text, gold), text, reg, roll_up=True)
    assert _actors(resolved) == [g["actor"] for g in gold]


def test_seed_confidence_orders_evidence(seed, reg):
    text, gold = seed
    conf = {s.id: s.confidence for s in resolve(_from_gold(text, gold), text, reg)}
    assert conf["s001"] == 1.0  # narrator
    assert conf["s006"] == pytest.approx(0.95)  # exact alias
    assert conf["s011"] == pytest.approx(0.95)  # "Baku"
    assert conf["s007"] == pytest.approx(0.8)  # title
    assert conf["s009"] == pytest.approx(0.7)  # pronoun
    assert conf["s006"] > conf["s007"] > conf["s009"]


def test_seed_order_and_fields_preserved(seed, reg):
    text, gold = seed
    statements = _from_gold(text, gold)
    shuffled = statements[:]
    random.Random(0).shuffle(shuffled)
    resolved = resolve(shuffled, text, reg)
    assert [s.id for s in resolved] == [s.id for s in shuffled]  # same order as given
    expected = {s.id: s.actor for s in resolve(statements, text, reg)}
    assert {s.id: s.actor for s in resolved} == expected  # input order does not change the answer
    for before, after in zip(shuffled, resolved):
        assert (after.speaker, after.cue, after.content, after.polarity, after.hedged) == (
            before.speaker, before.cue, before.content, before.polarity, before.hedged)


# -- hand-built coreference cases ------------------------------------------------------------------------


def test_ministry_then_the_ministry(reg):
    text = ("The Armenian Defense Ministry said that the situation remained extremely tense. "
            "The ministry claimed that Azerbaijan was using artillery.")
    out = resolve([_stmt(text, "s1", "The Armenian Defense Ministry", "the situation remained extremely tense"),
                   _stmt(text, "s2", "The ministry", "Azerbaijan was using artillery")], text, reg)
    assert [(s.actor, s.side) for s in out] == [("AM.MOD", "armenia"), ("AM.MOD", "armenia")]


def test_narrator_mention_feeds_title_and_pronoun(reg):
    text = ("The decision was made after Armenian Prime Minister Nikol Pashinyan held a session of the "
            "country's Security Council. According to a statement by the Prime Minister, there were 49 victims "
            "as of this morning, though he noted that this didn't reflect the final count.")
    out = resolve([
        _stmt(text, "s1", None, "The decision was made after Armenian Prime Minister Nikol Pashinyan held a session "
              "of the country's Security Council", kind="narrator"),
        _stmt(text, "s2", "the Prime Minister", "there were 49 victims as of this morning", kind="according_to"),
        _stmt(text, "s3", "he", "this didn't reflect the final count"),
    ], text, reg)
    assert [(s.actor, s.side) for s in out] == [("NARRATOR", "narrator"), ("AM.PM", "armenia"), ("AM.PM", "armenia")]
    assert [reg.canonical(s.actor) for s in out[1:]] == ["AM.GOV", "AM.GOV"]


def test_metonym(reg):
    text = 'Baku described as "absurd" the claims that Azerbaijan had invaded Armenia.'
    out = resolve([_stmt(text, "s1", "Baku", "Azerbaijan had invaded Armenia")], text, reg)
    assert (out[0].actor, out[0].side) == ("AZ.GOV", "azerbaijan")


@pytest.mark.parametrize("speaker", ["a local resident", "Witnesses", "one blogger"])
def test_unknown_speaker_stays_unknown(reg, speaker):
    text = f"{speaker} said that shells hit the village."
    stmt = _stmt(text, "s1", speaker, "shells hit the village")
    out = resolve([stmt], text, reg)[0]
    assert (out.actor, out.side) == (None, None)
    assert out.speaker == stmt.speaker  # the mention is kept
    assert out.confidence == stmt.confidence


def test_title_without_antecedent_is_not_guessed(reg):
    text = "The ministry said that the border was calm. The President said that talks would resume."
    out = resolve([_stmt(text, "s1", "The ministry", "the border was calm"),
                   _stmt(text, "s2", "The President", "talks would resume")], text, reg)
    assert _actors(out) == [None, None]


def test_pronoun_without_antecedent_is_not_guessed(reg):
    text = "He said that the border was calm. It added that nobody was hurt."
    out = resolve([_stmt(text, "s1", "He", "the border was calm"),
                   _stmt(text, "s2", "It", "nobody was hurt")], text, reg)
    assert _actors(out) == [None, None]


def test_appositive_names_the_spokesperson(reg):
    text = ("The Armenian Defense Ministry reported shelling overnight. Shushan Stepanyan, the ministry's "
            "spokeswoman, said that two soldiers were wounded. She added that the shelling had stopped.")
    out = resolve([_stmt(text, "s1", "Shushan Stepanyan, the ministry's spokeswoman", "two soldiers were wounded"),
                   _stmt(text, "s2", "She", "the shelling had stopped")], text, reg)
    assert _actors(out) == ["AM.MOD.SPOKES", "AM.MOD.SPOKES"]
    assert reg.canonical(out[0].actor) == "AM.MOD"


def test_an_appositive_the_registry_cannot_read_leaves_the_name_to_resolve(reg):
    text = "Nikol Pashinyan, who spoke after a long night of talks, said that the border was calm."
    out = resolve([_stmt(text, "s1", "Nikol Pashinyan, who spoke after a long night of talks", "the border was calm")],
                  text, reg)
    assert _actors(out) == ["AM.PM"]


def test_a_role_before_an_unknown_name_takes_the_title_before_it(reg):
    # The name after the role is no part of the title: "Ministry spokesman Anar Eyvazov" is the ministry's. The
    # pack's spokesman is Vagif Dargahli, so another name speaks for the ministry, not as him.
    text = ("The Azerbaijani Defense Ministry said that Armenian units opened fire. "
            "Ministry spokesman Anar Eyvazov said that positions were hit. "
            "Ministry spokesman Vagif Dargahli said that the fire had stopped.")
    out = resolve([_stmt(text, "s1", "The Azerbaijani Defense Ministry", "Armenian units opened fire"),
                   _stmt(text, "s2", "Ministry spokesman Anar Eyvazov", "positions were hit"),
                   _stmt(text, "s3", "Ministry spokesman Vagif Dargahli", "the fire had stopped")], text, reg)
    assert _actors(out) == ["AZ.MOD", "AZ.MOD", "AZ.MOD.SPOKES"]


def _speakers(text: str) -> list[tuple[str, str | None, str | None]]:
    from claimdiff import extract

    return [(s.speaker.text, s.actor, s.side) for s in extract(text) if s.kind != "narrator"]


@pytest.mark.parametrize("text, expected", [
    # A name before an appositive says who speaks more surely than the office he works for.
    ("Hikmet Hajiyev, Assistant to the President of Azerbaijan, said the road was open. Blocks were put across "
     "it, he said.", [("Hikmet Hajiyev, Assistant to the President of Azerbaijan", "AZ.PRES.AIDE", "azerbaijan"),
                      ("he", "AZ.PRES.AIDE", "azerbaijan")]),
    # "according to him"
    ("Foreign Ministry spokesman Aykhan Hajizada said Baku holds no prisoners. According to him, 19 men are held.",
     [("Foreign Ministry spokesman Aykhan Hajizada", "AZ.MFA.SPOKES2", "azerbaijan"),
      ("him", "AZ.MFA.SPOKES2", "azerbaijan")]),
    # "the official" goes on with the last speaker so named, known to the pack or not; "he" with a governor.
    ('An Armenian government official denied that maps were traded. "Nothing was traded," the official said.',
     [("An Armenian government official", "AM.GOV", "armenia"), ("the official", None, "armenia")]),
    ("Gegharkunik's governor said two electricians were hurt. \"They wore overalls,\" he said.",
     [("Gegharkunik's governor", None, "armenia"), ("he", None, "armenia")]),
    # A word that only begins a name ("Security Council") names no country: "the security service" is not
    # Armenia's; nor is it the border service named before.
    ("Azerbaijan's State Border Service said two men were held. The security service said they carried maps.",
     [("Azerbaijan's State Border Service", "AZ.SBS", "azerbaijan"), ("The security service", None, None)]),
    # State agencies of the pack, and their titles.
    ("ANAMA said the mine was new. The agency said 37 mines were found. A source at the National Security Service "
     "said a soldier had asked to stay.",
     [("ANAMA", "AZ.ANAMA", "azerbaijan"), ("The agency", "AZ.ANAMA", "azerbaijan"),
      ("A source at the National Security Service", "AM.NSS", "armenia")]),
    # A quote of three sentences before its speaker: the pronoun's antecedent is counted from the quote's start.
    ('Defense Ministry spokesman Vagif Dargahli rejected the claims. "The army does not target civilians. Nobody was '
     'hurt. The people there wore uniforms," he said.',
     [("Defense Ministry spokesman Vagif Dargahli", "AZ.MOD.SPOKES", "azerbaijan"),
      *[("he", "AZ.MOD.SPOKES", "azerbaijan")] * 3]),
    # A qualifier that names a side but no actor of the pack: the side, no actor.
    ("The Karabakh foreign ministry said the road was closed.", [("The Karabakh foreign ministry", None, "armenia")]),
])
def test_speakers_named_by_office_appositive_or_object_pronoun(text, expected):
    assert _speakers(text) == expected


@pytest.mark.parametrize("staff", ["a senior Foreign Ministry official", "A foreign ministry source",
                                   "officials at the foreign ministry", "a source in the Foreign Ministry"])
def test_a_member_of_a_named_institution_speaks_for_the_last_one_so_named(reg, staff):
    text = ("The Armenian Foreign Ministry said that prisoners were still held. The Azerbaijani Defense Ministry said "
            f"that the border was calm. {staff} said that no other maps exist.")
    out = resolve([_stmt(text, "s1", "The Armenian Foreign Ministry", "prisoners were still held"),
                   _stmt(text, "s2", "The Azerbaijani Defense Ministry", "the border was calm"),
                   _stmt(text, "s3", staff, "no other maps exist")], text, reg)
    assert _actors(out) == ["AM.MFA", "AZ.MOD", "AM.MFA"]
    assert out[2].confidence < out[0].confidence


@pytest.mark.parametrize("staff", ["a senior official", "a Foreign Ministry official", "a Western official"])
def test_staff_without_an_institution_named_before_is_not_guessed(reg, staff):
    text = f"Shells hit the village, residents said. {staff} said that no other maps exist."
    out = resolve([_stmt(text, "s1", "residents", "Shells hit the village"),
                   _stmt(text, "s2", staff, "no other maps exist")], text, reg)
    assert _actors(out) == [None, None]


@pytest.mark.parametrize("first, pronoun, expected", [
    # An office whose holder is named is a person that a pronoun can go on with.
    ("Armenian Ombudsman Anahit Manasyan", "She", "AM.HUMRIGHTS"),
    ("Azerbaijani Defense Ministry spokesman Anar Eyvazov", "He", "AZ.MOD"),
    # So is an office or a spokesman named by title alone ...
    ("Armenia's Human Rights Defender", "She", "AM.HUMRIGHTS"),
    ("An Armenian National Security Service spokesman", "He", "AM.NSS"),
    # ... unless the title says another gender, and an institution is none.
    ("An Armenian National Security Service spokeswoman", "He", None),
    ("The Azerbaijani Defense Ministry", "He", None),
])
def test_a_pronoun_goes_on_with_a_named_office_holder(reg, first, pronoun, expected):
    text = f"{first} said that the men were civilians. {pronoun} said that they had lost their way."
    out = resolve([_stmt(text, "s1", first, "the men were civilians"),
                   _stmt(text, "s2", pronoun, "they had lost their way")], text, reg)
    assert out[1].actor == expected


def test_an_unknown_name_speaks_for_whom_its_appositive_says(reg):
    text = ("The Azerbaijani Defense Ministry said that Armenian units opened fire. "
            "Anar Eyvazov, the ministry's spokesman, said that positions were hit.")
    out = resolve([_stmt(text, "s1", "The Azerbaijani Defense Ministry", "Armenian units opened fire"),
                   _stmt(text, "s2", "Anar Eyvazov, the ministry's spokesman", "positions were hit")], text, reg)
    assert _actors(out) == ["AZ.MOD", "AZ.MOD.SPOKES"]


def test_possessive_title_with_role(reg):
    text = ("The Azerbaijani Defense Ministry said that Armenian units opened fire. "
            "The ministry's spokesman said that positions were hit.")
    out = resolve([_stmt(text, "s1", "The Azerbaijani Defense Ministry", "Armenian units opened fire"),
                   _stmt(text, "s2", "The ministry's spokesman", "positions were hit")], text, reg)
    assert _actors(out) == ["AZ.MOD", "AZ.MOD.SPOKES"]


def test_it_refers_to_an_institution_speaker(reg):
    text = ("The Azerbaijani Foreign Ministry said that the talks had failed. It said that Yerevan was to blame.")
    out = resolve([_stmt(text, "s1", "The Azerbaijani Foreign Ministry", "the talks had failed"),
                   _stmt(text, "s2", "It", "Yerevan was to blame")], text, reg)
    assert _actors(out) == ["AZ.MFA", "AZ.MFA"]


def test_it_refers_to_a_persons_office(reg):
    # The pack's actor is a person (the de facto leader), but his office is an institution: "It" goes on with it.
    text = ("The de facto leader's office in Stepanakert denied that the road had been blocked. "
            "It called the account a fabrication.")
    out = resolve([_stmt(text, "s1", "The de facto leader's office in Stepanakert", "the road had been blocked"),
                   _stmt(text, "s2", "It", "the account")], text, reg)
    assert _actors(out) == ["NK.PRES", "NK.PRES"]


def test_it_refers_to_the_subject_of_the_sentence_before(reg):
    # The other side's ministry opens the sentence before "It": that is whom "It" continues, not the earlier speaker.
    text = ("Armenia's Defence Ministry said that villages were shelled overnight. "
            "Azerbaijan's Defence Ministry gave a different account. It said that Armenian units fired first.")
    out = resolve([_stmt(text, "s1", "Armenia's Defence Ministry", "villages were shelled overnight"),
                   _stmt(text, "s2", "It", "Armenian units fired first")], text, reg)
    assert _actors(out) == ["AM.MOD", "AZ.MOD"]


def test_a_country_named_in_passing_is_not_it(reg):
    text = ("The Azerbaijani Foreign Ministry said that the talks had failed. Officials met in Armenia on Monday. "
            "It said that Yerevan was to blame.")
    out = resolve([_stmt(text, "s1", "The Azerbaijani Foreign Ministry", "the talks had failed"),
                   _stmt(text, "s2", "It", "Yerevan was to blame")], text, reg)
    assert _actors(out) == ["AZ.MFA", "AZ.MFA"]


def test_an_unknown_name_with_an_appositive_the_pack_knows(reg):
    text = "Anna Petrosyan, Armenia's Human Rights Defender, said that two civilians were hurt."
    out = resolve([_stmt(text, "s1", "Anna Petrosyan, Armenia's Human Rights Defender", "two civilians were hurt")],
                  text, reg)
    assert _actors(out) == ["AM.HUMRIGHTS"]


def test_she_skips_men(reg):
    text = ("Anna Naghdalyan met Jeyhun Bayramov's deputy on Monday. "
            "She said that the meeting had been useful.")
    out = resolve([_stmt(text, "s1", "She", "the meeting had been useful")], text, reg)
    assert _actors(out) == ["AM.MFA.SPOKES"]


def test_pronoun_continues_a_speaker_outside_the_pack(reg):
    # The pronoun goes on with Sargsyan, whom the pack does not know, not with Pashinyan, named in passing.
    text = ("Tigran Sargsyan said that the talks had stalled. He added that Pashinyan would travel to Moscow. "
            "He said that nothing had been signed.")
    out = resolve([_stmt(text, "s1", "Tigran Sargsyan", "the talks had stalled"),
                   _stmt(text, "s2", "He", "Pashinyan would travel to Moscow"),
                   _stmt(text, "s3", "He", "nothing had been signed", occurrence=1)], text, reg)
    assert _actors(out) == [None, None, None]
    # A speaker the pack knows, speaking after the outsider, is still followed.
    text = "Tigran Sargsyan said that X. Pashinyan said that Y. He added that Z."
    out = resolve([_stmt(text, "s1", "Tigran Sargsyan", "X"), _stmt(text, "s2", "Pashinyan", "Y"),
                   _stmt(text, "s3", "He", "Z")], text, reg)
    assert _actors(out) == [None, "AM.PM", "AM.PM"]


def test_a_long_quote_counts_as_one_sentence_for_a_pronoun(reg):
    text = ('Pashinyan said that "the talks were hard. We did not agree. We will meet again. Nothing is signed." '
            'He added that the border would stay open.')
    out = resolve([_stmt(text, "s1", "Pashinyan", "the talks were hard. We did not agree. We will meet again. "
                                                  "Nothing is signed."),
                   _stmt(text, "s2", "He", "the border would stay open")], text, reg)
    assert _actors(out) == ["AM.PM", "AM.PM"]


def test_own_content_is_not_an_antecedent(reg):
    text = ('The Armenian Defense Ministry reported shelling. "The Azerbaijani Defense Ministry is spreading '
            'lies," the ministry said.')
    out = resolve([_stmt(text, "s1", "the ministry", "The Azerbaijani Defense Ministry is spreading lies")], text, reg)
    assert _actors(out) == ["AM.MOD"]


def test_most_recent_compatible_title_wins(reg):
    text = ("Ilham Aliyev spoke with Emmanuel Macron by phone. The President said that a deal was close.")
    out = resolve([_stmt(text, "s1", "The President", "a deal was close")], text, reg)[0]
    assert out.actor == "FR.PRES"
    assert out.confidence < 0.8  # another president was mentioned just before: less sure


def test_the_ministry_after_a_place_name(reg):
    # "Moscow time" mentions Russia; that must not make "the ministry" a Russian ministry.
    text = ("The Armenian Defense Ministry said that, as of 8 a.m. local time (7 a.m. Moscow time), battles went "
            "on. The ministry claimed that Azerbaijan was using drones.")
    out = resolve([_stmt(text, "s1", "The ministry", "Azerbaijan was using drones")], text, reg)
    assert _actors(out) == ["AM.MOD"]


def test_place_name_does_not_bring_its_leader(reg):
    # "Moscow time" is a mention of Russia, but not one that makes "the President" Putin.
    text = "Fighting resumed at 7 a.m. Moscow time. The President said that the army would respond."
    out = resolve([_stmt(text, "s1", "The President", "the army would respond")], text, reg)
    assert _actors(out) == [None]


def test_government_speaker_brings_its_leader(reg):
    text = ("The Armenian government appealed to Russia for help. The Prime Minister said that 49 soldiers died.")
    out = resolve([_stmt(text, "s1", "The Armenian government", "Russia for help"),
                   _stmt(text, "s2", "The Prime Minister", "49 soldiers died")], text, reg)
    assert _actors(out) == ["AM.GOV", "AM.PM"]
    assert out[1].confidence == pytest.approx(0.7)  # through a relative: less sure than a direct mention


def test_two_spokespeople_fall_back_to_their_ministry(reg):
    # The Azerbaijani Foreign Ministry has two spokespeople in the pack: which one spoke is not known.
    text = ("The Azerbaijani Foreign Ministry said that the talks had failed. "
            "The spokesperson added that Baku remained open to talks.")
    out = resolve([_stmt(text, "s1", "The Azerbaijani Foreign Ministry", "the talks had failed"),
                   _stmt(text, "s2", "The spokesperson", "Baku remained open to talks")], text, reg)
    assert _actors(out) == ["AZ.MFA", "AZ.MFA"]


# -- contract ----------------------------------------------------------------------------------------------


def test_incoming_confidence_is_multiplied(reg):
    text = "Baku said that nothing happened."
    stmt = _stmt(text, "s1", "Baku", "nothing happened")
    low = Statement(**{**stmt.__dict__, "confidence": 0.5})
    assert resolve([low], text, reg)[0].confidence == pytest.approx(0.475)


def test_existing_actor_kept_or_replaced(reg):
    text = "Baku said that nothing happened."
    stmt = Statement(**{**_stmt(text, "s1", "Baku", "nothing happened").__dict__, "actor": "AZ.MFA"})
    assert resolve([stmt], text, reg)[0].actor == "AZ.MFA"
    assert resolve([stmt], text, reg, keep_existing=False)[0].actor == "AZ.GOV"
    alien = Statement(**{**stmt.__dict__, "actor": "UA.GS"})
    with pytest.raises(ValueError, match="keep_existing=False"):
        resolve([alien], text, reg)


def test_bad_input(reg):
    text = "Baku said that nothing happened."
    stmt = _stmt(text, "s1", "Baku", "nothing happened")
    with pytest.raises(ValueError, match="pass the text the statements were extracted from"):
        resolve([stmt], "Something else entirely, longer than the other text.", reg)
    other = Statement(**{**stmt.__dict__, "doc_id": "other"})
    with pytest.raises(ValueError, match="one document"):
        resolve([stmt, other], text, reg)
    with pytest.raises(TypeError):
        resolve([stmt], None, reg)  # type: ignore[arg-type]
    assert resolve([], text, reg) == []


def test_default_registry_used_when_none():
    text = "Yerevan said that nothing happened."
    assert resolve([_stmt(text, "s1", "Yerevan", "nothing happened")], text)[0].actor == "AM.GOV"


# -- another conflict's pack --------------------------------------------------------------------------------


def test_resolve_with_another_pack(tmp_path):
    from tests.test_actors import TINY_PACK

    path = tmp_path / "russia_ukraine.yaml"
    path.write_text(TINY_PACK, encoding="utf-8")
    reg = ActorRegistry.from_file(path)
    text = ("Ukraine's General Staff said that Russian forces shelled the plant. The Russian Defence Ministry "
            "claimed that Ukrainian troops fired first. The ministry added that the plant was safe. "
            "President Volodymyr Zelensky said that the shelling was deliberate, and he called for sanctions. "
            "The Armenian Defense Ministry said nothing.")
    out = resolve([
        _stmt(text, "s1", "Ukraine's General Staff", "Russian forces shelled the plant"),
        _stmt(text, "s2", "The Russian Defence Ministry", "Ukrainian troops fired first"),
        _stmt(text, "s3", "The ministry", "the plant was safe"),
        _stmt(text, "s4", "President Volodymyr Zelensky", "the shelling was deliberate"),
        _stmt(text, "s5", "he", "called for sanctions"),
        _stmt(text, "s6", "The Armenian Defense Ministry", "nothing"),  # not in this pack
    ], text, reg)
    assert _actors(out) == ["UA.GS", "RU.MOD", "RU.MOD", "UA.PRES", "UA.PRES", None]
    assert [s.side for s in out] == ["ukraine", "russia", "russia", "ukraine", "ukraine", None]
    assert reg.opposes(out[0].side, out[1].side)


def test_title_with_a_qualifier_the_pack_does_not_write():
    pack = ActorRegistry.from_dict({
        "sides": [{"id": "dem", "name": "Democrats", "opposes": ["rep"]}, {"id": "rep", "name": "Republicans"}],
        "actors": [
            {"id": "REP.TRUMP", "name": "Donald Trump", "side": "rep", "kind": "leader", "person": True,
             "gender": "male", "aliases": ["Donald Trump", "Trump"], "titles": ["the Republican nominee"]},
            {"id": "DEM.CAMPAIGN", "name": "Clinton campaign", "side": "dem", "kind": "other",
             "aliases": ["the Clinton campaign"]},
        ]})
    text = ("Donald Trump spoke in Ohio. The Republican presidential nominee said that taxes would fall. "
            "The Clinton campaign replied at once. The campaign said that the plan was a fraud.")
    out = resolve([_stmt(text, "s1", "The Republican presidential nominee", "taxes would fall"),
                   _stmt(text, "s2", "The campaign", "the plan was a fraud")], text, pack)
    assert _actors(out) == ["REP.TRUMP", "DEM.CAMPAIGN"]


def test_head_noun_without_antecedent_is_not_guessed(reg):
    text = "The campaign said that the plan was a fraud."
    assert _actors(resolve([_stmt(text, "s1", "The campaign", "the plan was a fraud")], text, reg)) == [None]


def _clintons() -> ActorRegistry:
    return ActorRegistry.from_dict({
        "sides": [{"id": "dem", "name": "Democrats", "opposes": ["rep"]}, {"id": "rep", "name": "Republicans"}],
        "actors": [
            {"id": "H", "name": "Hillary Clinton", "side": "dem", "kind": "leader", "person": True,
             "gender": "female", "aliases": ["Hillary Clinton"]},
            {"id": "B", "name": "Bill Clinton", "side": "dem", "kind": "leader", "person": True,
             "gender": "male", "aliases": ["Bill Clinton"]},
        ],
    })


def test_a_shared_surname_names_the_subject_of_the_last_sentence_naming_one():
    reg = _clintons()
    assert reg.surname_holders("Clinton") == {"H", "B"} and reg.surname_holders("Hillary Clinton") == frozenset()
    text = ("Former President Bill Clinton spoke in Flint for his wife Hillary Clinton. "
            '"It makes no sense," Clinton said.')
    (st,) = resolve([_stmt(text, "s1", "Clinton", "It makes no sense", kind="direct", occurrence=2)], text, reg)
    assert st.actor == "B" and st.confidence < CONF_TITLE  # both Clintons are near: the ambiguity penalty


def test_a_surname_without_an_earlier_mention_is_not_guessed():
    text = 'Clinton said that "it makes no sense".'
    (st,) = resolve([_stmt(text, "s1", "Clinton", "it makes no sense")], text, _clintons())
    assert st.actor is None


@pytest.mark.parametrize("text, expected", [
    ("Ilham Aliyev said the talks had failed. His military said it had lost no helicopters.",
     [("AZ.PRES", "azerbaijan"), ("AZ.MIL", "azerbaijan")]),
    ("Azerbaijan said the border was calm. Its troops said they had repelled an attack.",
     [("AZ.GOV", "azerbaijan"), ("AZ.MIL", "azerbaijan")]),
    ("Nikol Pashinyan said talks would go on. His military said two soldiers were wounded.",
     [("AM.PM", "armenia"), ("AM.MIL", "armenia")]),
    # Nobody before it: the possessive names no one, and no actor is guessed.
    ("His military said two soldiers were wounded.", [(None, None)]),
])
def test_possessive_speakers_take_the_owners_side(text, expected):
    from claimdiff import extract

    assert [(s.actor, s.side) for s in extract(text)] == expected


@pytest.mark.parametrize("text, expected", [
    # A title nobody before holds: the holder on the side last named (here the dateline's city).
    ("BAKU, May 3. Armenian units fired on the border posts, the Ministry of Defense said.",
     [("AZ.MOD", "azerbaijan")]),
    ("Armenia is calm, officials in Yerevan said. The Defense Ministry said no soldier was hurt.",
     [("AM.GOV", "armenia"), ("AM.MOD", "armenia")]),
    # A title only one actor of the pack holds.
    ("The Defense Army said its units held their positions.", [("NK.MIL", "armenia")]),
    ("The committee said it had opened a criminal case.", [("AM.IC", "armenia")]),
    # ... unless a body the pack does not know was named by the title's noun before: the title is that body.
    ("The State Committee for Refugees said 20 families had returned. The committee said the houses were new.",
     [(None, None), (None, None)]),
    # Whoever owns the statement or the correspondent speaks; "the statement" is the institution that spoke.
    ("The Armenian Foreign Ministry said talks had stalled. The ministry's statement said Baku was to blame.",
     [("AM.MFA", "armenia"), ("AM.MFA", "armenia")]),
    ("Report's correspondent said the village was quiet.", [("MEDIA.AZ", "azerbaijan")]),
    ("Trend's correspondent at the scene said the village was quiet.", [("MEDIA.AZ", "azerbaijan")]),
    ('The Azerbaijani Defence Ministry said two soldiers were wounded. "The enemy fled," the statement said.',
     [("AZ.MOD", "azerbaijan"), ("AZ.MOD", "azerbaijan")]),
    # "the statement" with no institution speaking before it names no one.
    ('"The enemy fled," the statement said.', [(None, None)]),
])
def test_titles_and_statements_without_a_holder_before_them(text, expected):
    from claimdiff import extract

    assert [(s.actor, s.side) for s in extract(text) if s.kind != "narrator"] == expected



@pytest.mark.parametrize("speaker, side", [
    ("Armenian police", "armenia"), ("An Azerbaijani lawmaker", "azerbaijan"), ("Armenia's border guards", "armenia"),
    ("Armenians in the village", "armenia"),
    # A place on one side's ground (the pack's places), written capitalised.
    ("The governor of Syunik province", "armenia"), ("The head of the Kalbajar district", "azerbaijan"),
    ("Residents of Tovuz", "azerbaijan"), ("Officials in Lori province", "armenia"),
    # A bare demonym, a name that only looks like one, no demonym, places of both sides or a lower-cased word
    # that spells a place: no side.
    ("Russell", None), ("Francis Mays", None), ("A local resident", None), ("Lori Mays", None),
    ("Residents of Tovuz and Berd", None), ("Villagers from syunik", None),
    # A family name of one side (the pack's surname_endings), alone or after a role; a short name that only
    # ends so has none.
    ("Grigoryan", "armenia"), ("Village head Hovik Abrahamyan", "armenia"), ("Elvin Hajizada", "azerbaijan"),
    ("Ryan", None), ("Tom Bryan", None),
    # ... or a given or family name of one side's people (the pack's personal_names), not one shared with others
    ("Father Hovhannes", "armenia"), ("Resident Sevinj Mammadova", "azerbaijan"), ("Imam Elchin Guliyev", "azerbaijan"),
    ("Rustam Muradov", None), ("Karen Smith", None),
    # An office of an actor the pack knows, named after it.
    ("The defence ministry of the self-proclaimed Nagorno-Karabakh Republic", "armenia"),
    ("The defense ministry of the unrecognized Nagorno-Karabakh Republic", "armenia"),
])
def test_a_speaker_outside_the_pack_keeps_the_side_it_names(speaker, side):
    s = _said_by(speaker)
    assert (s.actor, s.side) == (None, side)
    assert s.confidence <= (0.5 if side else 1.0)


def test_a_pronoun_goes_on_with_the_side_of_a_name_outside_the_pack():
    from claimdiff import extract

    text = "Shells hit two houses, said Hovik Grigoryan, a farmer. He said the roof of the school was also hit."
    assert [s.side for s in extract(text) if s.kind != "narrator"] == ["armenia", "armenia"]
    text = "The talks failed, said Tom Bryan, a lawyer. He said nothing more."
    assert [s.side for s in extract(text) if s.kind != "narrator"] == [None, None]


@pytest.mark.parametrize("first", [
    "A teacher from Berdavan said the school had been hit.",  # the person noun before the place
    "The bakery's owner, Arman Hovsepyan, said the school had been hit.",  # the name after the appositive
])
def test_a_pronoun_goes_on_with_a_person_the_pack_does_not_know(first):
    from claimdiff import extract

    text = first + ' "Nobody was hurt," he said.'
    assert [s.side for s in extract(text) if s.kind != "narrator"] == ["armenia", "armenia"]


@pytest.mark.parametrize("place, side", [("an Armenian border village", "armenia"),
                                         ("the Azerbaijani town of Yenikend", "azerbaijan")])
def test_local_officials_of_a_place_the_pack_does_not_know_but_whose_people_are_named(place, side):
    from claimdiff import extract

    text = f"Shells hit {place} overnight. Local officials said two barns had burned."
    assert [s.side for s in extract(text) if s.kind != "narrator"] == [side]


def test_a_source_in_an_institution_the_story_names_speaks_for_it():
    from claimdiff import extract

    text = ("Azerbaijani units shelled Jermuk, the Armenian Defence Ministry said. "
            "A source in the General Staff said mortars had been brought up.")
    last = [s for s in extract(text) if s.kind != "narrator"][-1]
    assert (last.actor, last.side) == ("AM.MIL", "armenia")
    assert last.confidence < 0.5  # less sure than the institution speaking itself


def test_people_named_together_speak_for_the_side_one_of_them_has():
    from claimdiff import extract

    text = "Shells fell near Berdavan overnight. A shepherd and local officials said two barns had burned."
    assert [s.side for s in extract(text) if s.kind != "narrator"] == ["armenia"]


def test_a_quote_that_denies_does_not_lend_its_words_to_its_speaker():
    from claimdiff import extract

    text = ("Armenia's Defence Ministry said Azerbaijani forces opened fire. Azerbaijan's Defence Ministry said "
            "one soldier was killed. \"The information spread by the Armenian Defence Ministry does not correspond "
            "to reality,\" the ministry said, adding that Armenian claims of civilian casualties were a fabrication.")
    statements = [s for s in extract(text) if s.kind != "narrator"]
    assert [(s.actor, s.polarity) for s in statements] == [
        ("AM.MOD", "asserts"), ("AZ.MOD", "asserts"), ("AZ.MOD", "denies"), ("AZ.MOD", "denies")]


@pytest.mark.parametrize("speaker, actors", [
    ("Armenia and Azerbaijan", ["AM.GOV", "AZ.GOV"]), ("Baku and Yerevan", ["AZ.GOV", "AM.GOV"]),
    ("Armenian and Azerbaijani officials", ["AM.GOV", "AZ.GOV"]), ("Both sides", [None, None]),
    ("The two governments", [None, None]), ("The European Union and Russia", ["EU", "RU.GOV"])])
def test_a_speaker_naming_two_sides_is_one_statement_of_each(reg, speaker, actors):
    from claimdiff import extract
    from claimdiff.resolve import split_joint

    text = f"{speaker} said that shells hit the village."
    # resolution leaves it without a side (its speaker names two) ...
    (alone,) = [x for x in resolve([x for x in extract_rules(text, "doc0") if x.kind != "narrator"], text, reg)]
    assert (alone.actor, alone.side) == (None, None)
    # ... and each side's part is a statement of its own, same spans, half the confidence
    parts = [x for x in extract(text) if x.kind != "narrator"]
    assert parts == split_joint([alone], reg)
    assert [p.actor for p in parts] == actors and [p.id for p in parts] == [f"{alone.id}.1", f"{alone.id}.2"]
    assert len({p.side for p in parts}) == 2 and all(p.confidence == 0.5 for p in parts)
    assert {(p.speaker, p.content) for p in parts} == {(alone.speaker, alone.content)}


@pytest.mark.parametrize("speaker", ["Neither side", "Armenian officials and residents", "Armenia and its allies"])
def test_a_speaker_that_names_fewer_than_two_sides_is_not_split(speaker):
    from claimdiff import extract

    assert len([x for x in extract(f"{speaker} said that shells hit the village.") if x.kind != "narrator"]) == 1


def test_each_sides_part_reads_each_other_as_its_opponent(reg):
    from claimdiff import extract

    text = "Armenia and Azerbaijan accused each other of starting the clash. Yerevan rejected the accusation."
    first, second, denial = extract(text)
    assert [reg.reading(s) for s in (first, second)] == ["Azerbaijan had been starting the clash",
                                                         "Armenia had been starting the clash"]
    # the denial points back at the opponent's part, not at a statement that is gone
    assert (denial.side, denial.polarity, denial.refers_to) == ("armenia", "denies", second.id)


@pytest.mark.parametrize("first, later, side", [
    ("Azerbaijan's State Border Service", "the service", "azerbaijan"),
    ("Armenian police", "The police", "armenia"),
    ("Local police", "the police", None),          # the earlier speaker's words named no side
    ("Armenian police", "the service", None),      # another head noun
    ("Azerbaijan's State Border Service", "the border service", "azerbaijan"),  # its words recur
    ("Azerbaijan's State Border Service", "the security service", None),
    ("The head of the Berd community", "the community head", "armenia"),  # the modifier after the head noun
])
def test_the_head_noun_of_a_speaker_outside_the_pack_keeps_its_side(first, later, side):
    from claimdiff import extract

    text = f"{first} said two men were detained. {later[0].upper() + later[1:]} said that the men carried maps."
    statements = [s for s in extract(text) if s.kind != "narrator"]
    assert [s.speaker.text.lower() for s in statements] == [first.lower(), later.lower()]
    assert statements[1].side == side


@pytest.mark.parametrize("speaker, side", [
    ("A senior Armenian official, who declined to be named,", "armenia"),  # a country after a qualifier
    ("A spokesman for Azerbaijan's border service", "azerbaijan"),
    ("Analyst Agil Rustamzade", "azerbaijan"),  # "-zade" as "-zada"
    ("A senior source in the Azerbaijani presidential administration", "azerbaijan"),  # whose office
    ("The Armenian-backed authorities", "armenia"),
    ("A member of the ruling Civil Contract party", "armenia"),  # the pack knows each side's ruling party
    # a polity the pack knows by its authorities ("Karabakh authorities") owns any institution named after it
    ("The Karabakh interior ministry", "armenia"),
    ("The head of the Khachik community", "armenia"),  # a border village facing Nakhchivan
    ("The Baku-based news agency", "azerbaijan"),       # where it works from
    ("A Yerevan-based analyst", "armenia"),
    ("A London-based analyst", None),
    ("Karabakh's police", "armenia"),
])
def test_a_speaker_outside_the_pack_names_its_side_after_a_qualifier(speaker, side):
    s = _said_by(speaker)
    assert s.side == side


@pytest.mark.parametrize("first, later, side", [
    # whose press office: the institution that spoke last, though the pack does not know it
    ("Azerbaijan's State Security Service", "Its press office", "azerbaijan"),
    ("Armenia's National Security Service", "A spokesman for the service, who asked not to be named,", "armenia"),
    ("Armenia's National Security Service", "A source in the service", "armenia"),
    # "his": a person; the last speaker was an institution, so nobody
    ("Azerbaijan's State Security Service", "His spokesman", None),
    ("Armenian Prime Minister Nikol Pashinyan", "His spokeswoman", "armenia"),
    ("A senior Azerbaijani official", "His aide", "azerbaijan"),
])
def test_a_possessive_or_a_spokesman_for_names_the_side_of_a_speaker_before_it(first, later, side):
    from claimdiff import extract

    text = f"{first} said two men were detained. {later} said that the men carried maps."
    statements = [s for s in extract(text) if s.kind != "narrator"]
    assert len(statements) == 2 and statements[1].side == side


def test_a_possessive_with_nobody_before_it_names_no_side():
    from claimdiff import extract

    (s,) = [x for x in extract("Its press office said that the men carried maps.") if x.kind != "narrator"]
    assert s.side is None


@pytest.mark.parametrize("speaker, actor", [
    ("Anna Naghdalyan, spokeswoman for Armenia's foreign ministry,", "AM.MFA.SPOKES"),  # the pack's spokeswoman
    ("Ani Badalyan, spokeswoman for Armenia's foreign ministry,", "AM.MFA"),  # another: the office speaks
])
def test_a_name_before_an_appositive_that_names_someone_else_speaks_for_the_office(speaker, actor):
    s = _said_by(speaker)
    assert s.actor == actor


@pytest.mark.parametrize("speaker, actor, side", [
    # a diplomat speaks for the country that sends them, not the one they are posted to
    ("Azerbaijan's envoy to the United Nations", "AZ.GOV", "azerbaijan"),
    ("Armenia's ambassador to the United States", "AM.GOV", "armenia"),
    ("The U.S. ambassador to Armenia", "US.GOV", "us"),
    ("The Armenian ambassador in Moscow", None, "armenia"),
])
def test_a_diplomat_speaks_for_the_country_that_sends_them(speaker, actor, side):
    s = _said_by(speaker)
    assert (s.actor, s.side) == (actor, side)


@pytest.mark.parametrize("text, sides", [
    # an institution the pack does not know, its country not written: the side the story is filed from
    ("BAKU, May 3. Two bodies were handed over, the State Commission said. The commission said more would follow.",
     ["azerbaijan", "azerbaijan"]),
    ("Two bodies were handed over, the commission said, AZERTAC reports.", ["azerbaijan"]),
    ("YEREVAN, May 3, NEWS.AM. The commission said two bodies were received.", ["armenia"]),
    ("YEREVAN/BAKU, May 3 (Reuters) - The commission said two bodies were received.", [None]),  # both capitals
    ("Two bodies were handed over, the commission said.", [None]),                           # filed from nowhere
    ("YEREVAN, May 3, NEWS.AM. A deputy minister of environment said the river was clean.", ["armenia"]),
    # ... but a sentence's own scene comes first
    ("YEREVAN, May 3, NEWS.AM. In Baku, the State Commission said two bodies were handed over.", ["azerbaijan"]),
    # an owner after any "of", and the head noun before it
    ("Water was polluted, the Ministry of Ecology and Natural Resources of Azerbaijan said. According to the "
     "ministry, samples were taken.", ["azerbaijan", "azerbaijan"]),
])
def test_an_institution_without_a_country_takes_the_side_of_its_story(text, sides):
    from claimdiff import extract

    assert [s.side for s in extract(text) if s.kind != "narrator"] == sides


@pytest.mark.parametrize("outlet, side", [("Armenpress", "armenia"), ("Azatutyun (RFE/RL)", "armenia"),
                                          ("APA", "azerbaijan"), ("Reuters", None), (None, None)])
def test_the_outlet_of_a_story_without_a_dateline_gives_its_side(outlet, side):
    from claimdiff.attribution.rules import segment

    text = ("Two bodies were received, the government's commission on prisoners of war and missing persons said. "
            "A member of the commission, who asked not to be named, said one was a woman.")
    statements = [s for s in resolve(segment(text, "d"), text, outlet=outlet) if s.kind != "narrator"]
    assert [s.side for s in statements] == [side, side]


def test_a_title_after_sided_speakers_of_both_sides_takes_none_of_theirs():
    from claimdiff import extract

    text = ("YEREVAN, May 3, NEWS.AM. The commission said two bodies were received. In Baku, the State Commission "
            "said all were soldiers. Search groups were turned back, according to the commission.")
    assert [s.side for s in extract(text) if s.kind != "narrator"] == ["armenia", "azerbaijan", "armenia"]


@pytest.mark.parametrize("first, second, side", [
    ("An official in the Armenian environment ministry said the levels were normal.", "The official said", "armenia"),
    ("News.am denied that the video was old.", "The outlet said", "armenia"),
])
def test_the_official_and_the_outlet_go_on_with_the_speaker_so_named(first, second, side):
    from claimdiff import extract

    text = f"{first} {second} it had been filmed on Monday."
    assert [s.side for s in extract(text) if s.kind != "narrator"][-1] == side


@pytest.mark.parametrize("second, side", [
    ("It said the discolouration had been caused by a discharge.", "azerbaijan"),
    ('"No discharge was recorded," the statement read.', "azerbaijan"),
    ("According to the statement, a discharge was recorded.", "azerbaijan"),
    ('"No discharge was recorded," the ministry\'s statement read.', "azerbaijan"),
    ("No discharge was recorded, the daily bulletin said.", "azerbaijan"),
])
def test_it_and_its_statement_go_on_with_an_institution_outside_the_pack_whose_side_is_known(second, side):
    from claimdiff import extract

    text = f"Water was polluted, the Ministry of Ecology and Natural Resources of Azerbaijan said. {second}"
    said = [s for s in extract(text) if s.kind != "narrator"]
    assert [s.side for s in said] == ["azerbaijan", side] and said[1].actor is None


@pytest.mark.parametrize("first, side", [
    ("The head of the Khachik community", "armenia"),
    ("A senior official", None),  # whom "he" goes on with has no side: nor has he (not Pashinyan's)
])
def test_he_goes_on_with_an_office_outside_the_pack(first, side):
    from claimdiff import extract

    text = f'Pashinyan said the talks had failed. {first} said the victim grazed cattle. "He was unarmed," he said.'
    said = [s for s in extract(text) if s.kind != "narrator"]
    assert [(s.actor, s.side) for s in said[1:]] == [(None, side), (None, side)]


def test_a_title_goes_on_with_the_speaker_not_with_a_holder_named_in_what_it_said():
    from claimdiff import extract

    text = ("The Azerbaijani Defense Ministry said Armenian units had fired. The ministry rejected as a lie the "
            "Armenian Defense Ministry's statement that its units had fired first. \"We did not fire,\" the ministry "
            "said. Baku said Armenian units fired. The claim was rejected by Armenia's Defence Ministry. \"We did "
            "not fire,\" the ministry said.")
    said = [s.actor for s in extract(text) if s.kind != "narrator"]
    # the last "the ministry" follows a narrator's mention, which counts
    assert said == ["AZ.MOD", "AZ.MOD", "AZ.MOD", "AZ.GOV", "AM.MOD"]


def test_a_sentence_that_opens_on_a_capital_says_whose_ministry_a_title_is():
    from claimdiff import extract

    text = ("Russia's foreign ministry called for calm. In Baku, the Defence Ministry said Armenian units had opened "
            "fire. In Yerevan, the Defence Ministry said that no shot had been fired.")
    said = [(s.actor, s.side) for s in extract(text) if s.kind != "narrator"]
    assert said == [("AZ.MOD", "azerbaijan"), ("AM.MOD", "armenia")]


@pytest.mark.parametrize("speaker, side", [("Iran's foreign ministry", "iran"), ("The ICRC", "icrc")])
def test_the_pack_knows_iran_and_the_red_cross_as_third_parties(speaker, side):
    s = _said_by(speaker)
    assert s.side == side


@pytest.mark.parametrize("text, side", [
    ("In Baku, officials said the border was calm.", "azerbaijan"),
    ("In Yerevan, a senior source said the border was calm.", "armenia"),
    ("Officials said the border was calm.", None),                 # no scene
    ("In Baku, John Smith said the border was calm.", None),       # a name is somebody, wherever he speaks
])
def test_a_nameless_group_speaks_for_the_side_of_the_scene(text, side):
    from claimdiff import extract

    (s,) = [x for x in extract(text) if x.kind != "narrator"]
    assert s.side == side


@pytest.mark.parametrize("text, side", [
    ("Reuters cited a senior Azerbaijani official as saying the truce would hold.", "azerbaijan"),
    ("AFP quoted Hikmet Hajiyev as saying that the strike hit only military targets.", "azerbaijan"),
    ("Reuters quoted a witness as saying the truce would hold.", None),  # whom it quotes names no side
])
def test_an_outlet_outside_the_pack_speaks_for_whom_it_quotes(text, side):
    from claimdiff import extract

    (s,) = [x for x in extract(text) if x.kind != "narrator"]
    assert resolve([s], text)[0].side == side


@pytest.mark.parametrize("text, actor, side", [
    ("Reuters reported that the road to the border had been closed.", "MEDIA.INTL", "press"),
    ("Human Rights Watch said the video showed captives being beaten.", "RIGHTS.INTL", "rights_groups"),
    ("TASS reported that the peacekeepers had set up a new post.", "MEDIA.RU", "russia"),
])
def test_wires_and_rights_groups_from_outside_speak_for_no_party(reg, text, actor, side):
    from claimdiff import extract

    (s,) = [x for x in extract(text) if x.kind != "narrator"]
    (out,) = resolve([s], text, reg)
    assert (out.actor, out.side) == (actor, side)
    assert not reg.opposes(side, "armenia") and not reg.opposes(side, "azerbaijan")


def test_the_agency_is_the_agency_last_named(reg):
    from claimdiff import extract

    text = "APA reported that a deminer was killed near Zar. The agency said the mine was new."
    assert [s.actor for s in resolve(extract(text), text, reg) if s.kind != "narrator"] == ["MEDIA.AZ", "MEDIA.AZ"]
    # Named by nothing before it, "the agency" is not the only agency of the pack that is no outlet.
    (s,) = [x for x in extract("The agency said the mine was new.") if x.kind != "narrator"]
    assert resolve([s], "The agency said the mine was new.", reg)[0].actor is None


@pytest.mark.parametrize("text", [
    'Voskepar\'s village head said the flames came close. "We have lived with shooting for years," he said.',
    'An Armenian villager said the flames came close. "Now they are burning our forest," he said.',
])
def test_he_goes_on_with_a_person_the_pack_does_not_know_and_speaks_for_the_same_side(reg, text):
    from claimdiff import extract

    out = resolve([s for s in extract(text) if s.kind != "narrator"], text, reg, outlet="Azatutyun")
    assert [(s.actor, s.side) for s in out] == [(None, "armenia"), (None, "armenia")]


@pytest.mark.parametrize("later, side", [
    ("Guliyev said the school stood 800 metres from the border.", "azerbaijan"),
    ("Mr. Guliyev said the school stood 800 metres from the border.", "azerbaijan"),
    # Someone else's family name is nobody introduced before.
    ("Karimov said the school stood 800 metres from the border.", None),
])
def test_a_family_name_alone_goes_on_with_whom_the_story_named_in_full(reg, later, side):
    from claimdiff import extract

    text = ("Natig Guliyev, deputy head of the Gazakh district administration, said no pupil had been hurt. "
            f"{later} Lessons will go online, he said.")
    out = resolve([s for s in extract(text) if s.kind != "narrator"], text, reg)
    assert [s.side for s in out] == ["azerbaijan", side, side]


def test_staff_of_a_nameless_institution_speak_for_the_storys_home_side(reg):
    from claimdiff import extract

    text = "A source at the Emergency Situations Ministry said a helicopter stayed on the ground."
    (s,) = [x for x in extract(text) if x.kind != "narrator"]
    assert resolve([s], text, reg, outlet="Azatutyun")[0].side == "armenia"
    assert resolve([s], text, reg)[0].side is None  # told from nowhere in particular


def test_an_owner_the_pack_knows_before_a_possessive_names_the_side(reg):
    from claimdiff import extract

    # Filed from Baku: without its owner read, the nameless ministry would take the dateline's side.
    text = "BAKU, June 15 (AFP) - The separatists' interior ministry said the officers carried only pistols."
    (s,) = [x for x in extract(text) if x.kind != "narrator"]
    assert resolve([s], text, reg)[0].side == "armenia"
    # ... also before a name the writer puts in quotes.
    text = 'The separatist regime\'s "defense army" said the soldier was killed at 16:20.'
    s = _stmt(text, "s1", 'The separatist regime\'s "defense army"', "the soldier was killed at 16:20")
    assert resolve([s], text, reg)[0].side == "armenia"


def test_a_speaker_who_calls_one_sides_claims_false_is_not_of_that_side(reg):
    from claimdiff import extract

    # "the ministry" last named is Armenia's, but what it says rejects the Armenian side's claims.
    text = ("Azerbaijan's defence ministry said the convoy was not fired on. Armenia's defence ministry had earlier "
            "said the convoy was hit. \"Claims by the Armenian side that the convoy was hit are false,\" the ministry "
            "said.")
    out = resolve([s for s in extract(text) if s.kind != "narrator"], text, reg)
    assert [s.side for s in out if s.speaker.text == "the ministry"] == ["azerbaijan"]


def test_an_indefinite_source_in_a_story_told_from_one_side_is_of_that_side(reg):
    from claimdiff import extract

    text = ("BAKU, May 3. Azerbaijani officials said units of the Armenian army fired on a patrol. A military source "
            "said the patrol returned to base.")
    out = resolve([s for s in extract(text) if s.kind != "narrator"], text, reg)
    assert [(s.speaker.text, s.side) for s in out][-1] == ("A military source", "azerbaijan")


def test_a_relative_pronoun_speaks_for_the_speaker_named_just_before_it(reg):
    text = ("Azerbaijani forces shelled the village, according to Armenia's defence ministry, which said that two "
            "houses were damaged.")
    first = _stmt(text, "s1", "Armenia's defence ministry", "Azerbaijani forces shelled the village")
    second = _stmt(text, "s2", "which", "two houses were damaged")
    assert [(s.actor, s.side) for s in resolve([first, second], text, reg)][1] == ("AM.MOD", "armenia")


def test_a_local_office_with_its_place_unnamed_speaks_for_the_side_of_the_place_named_before_it(reg):
    from claimdiff import extract

    text = ("A wildfire broke out near Voskepar on Tuesday, the provincial governor said. A source in the Karabakh "
            "administration said the fire had spread.")
    out = resolve([s for s in extract(text) if s.kind != "narrator"], text, reg)
    assert [(s.speaker.text, s.actor, s.side) for s in out] == [
        ("the provincial governor", None, "armenia"), ("A source in the Karabakh administration", "NK.GOV", "armenia")]
    # ... also when the office is the village's or its administration's
    for office in ("The village's administrative head", "The head of the village administration"):
        text = f"Azerbaijani troops fired at shepherds near Tegh, the ministry said. {office} said no one was hurt."
        out = resolve([s for s in extract(text) if s.kind != "narrator"], text, reg)
        assert [(s.speaker.text, s.side) for s in out][1] == (office, "armenia")
    # ... and so do the body and the people of the place
    for who in ("The village administration", "Villagers", "Local residents", "The regional administration",
                "A regional official", "Unnamed sources in the regional administration",
                "The head of the district's executive authority",
                # ... and one who lives or works there
                "One resident", "A farmer from one of the villages", "Relatives of the shepherds",
                "A doctor at the clinic", "A source in the community", "Officials in the village",
                "Residents of Mets Ishkhan", "Villagers from the area"):
        text = f"Azerbaijani troops fired at shepherds near Tegh, the ministry said. {who} said no one was hurt."
        out = resolve([s for s in extract(text) if s.kind != "narrator"], text, reg)
        assert [(s.speaker.text, s.side) for s in out][1] == (who, "armenia")
    # ... but people of places of both sides the pack knows speak for neither
    text = "Azerbaijani troops fired at shepherds near Tegh, the ministry said. Residents of Tovuz and Berd said so."
    assert [s.side for s in resolve([s for s in extract(text) if s.kind != "narrator"], text, reg)][-1] is None
    # the place the last sentence naming one names first: the village, not the border it lies on
    text = ("Azerbaijani troops fired at Khachik, the ministry said. Khachik lies on the border with Nakhchivan. "
            "Villagers say the school can be seen from the hills.")
    assert [s.side for s in resolve([s for s in extract(text) if s.kind != "narrator"], text, reg)][-1] == "armenia"
    # "who" after a speaker the pack does not know speaks for the side found for it
    text = ("Shells hit the school in Khachik. No one was injured, according to local officials, who said 58 "
            "children had been in class.")

    def span(words: str) -> Span:
        return Span.of(text, text.index(words), text.index(words) + len(words))

    officials = Statement("s1", "d", "according_to", span("No one was injured"), speaker=span("local officials"),
                          cue=span("according to"))
    who = Statement("s2", "d", "indirect", span("58 children had been in class"), speaker=span("who"),
                    cue=span("said"))
    assert [s.side for s in resolve([officials, who], text, reg)] == ["armenia", "armenia"]
    # "officials there": of the place just named
    text = "Shells hit houses in Chinari. Officials there said a woman had been wounded."
    there = Statement("s1", "d", "indirect", span("a woman had been wounded"), speaker=span("Officials there"),
                      cue=span("said"))
    assert [s.side for s in resolve([there], text, reg)] == ["armenia"]
    # no place named before it: no side
    text = "The governor said a wildfire broke out."
    assert [s.side for s in resolve([s for s in extract(text) if s.kind != "narrator"], text, reg)] == [None]


@pytest.mark.parametrize("text, side", [
    # the quoted person's side from the statement that quotes them, then "he" and "the brother" go on with them
    ("Armenian public television quoted the man's brother as saying that soldiers led the shepherd away. "
     "\"He went after the cows,\" the brother said.", "armenia"),
    ("Panorama.am quoted the head of the Karabakh water committee as saying that water was released. He said the "
     "reservoir was low.", "armenia"),
    ("Azerbaijani media quoted an Azerbaijani border guard as saying that the herd crossed the border. He said no "
     "shots were fired.", "azerbaijan"),
])
def test_who_a_quoted_as_saying_cue_quotes_is_who_he_goes_on_with(reg, text, side):
    from claimdiff import extract

    out = resolve([s for s in extract(text) if s.kind != "narrator"], text, reg)
    assert [s.side for s in out] == [side, side]


@pytest.mark.parametrize("text, sides", [
    # an institution "of" a polity the pack knows: its side, and "the service" and "it" go on with it
    ("The State Emergency Service of Nagorno-Karabakh said its teams had found the remains of 27 servicemen. The "
     "service said two civilians were also found. It added that peacekeepers could not pass.",
     ["armenia", "armenia", "armenia"]),
    # a name and an indefinite appositive that says where it works from; "the group" is its appositive's head
    ("The cross was removed from the roof of the church, Monument Watch, a Yerevan-based research group, said on "
     "Tuesday. The group said scaffolding had been put up.", ["armenia", "armenia"]),
    # a website named by its address
    ("Pro-government website Haqqin.az claimed the group had included saboteurs.", ["azerbaijan"]),
    ("The Armenian site Hetq.am said the convoy was stopped.", ["armenia"]),
    # a title before a name is the head a later "the shepherd" repeats, and "he" goes on with it
    ("Shepherd Arsen Grigoryan, 54, said the animals wandered off. The shepherd said soldiers had fired into the "
     "air. He said he did not cross the border.", ["armenia", "armenia", "armenia"]),
    # people of a border village, and a state utility and "the company" after it
    ("Residents of Koti said the shooting lasted an hour.", ["armenia"]),
    # a district named as only one side names it, and a district behind the front line
    ("The head of the Karvachar regional administration said families were leaving.", ["armenia"]),
    ("Anar Rzayev, head of the Beylagan district executive authority, said two houses were hit.", ["azerbaijan"]),
    ("Azerenerji said the line was repaired. The company said supply had resumed.", ["azerbaijan", "azerbaijan"]),
    ("A separatist official said two armoured vehicles had moved closer.", ["armenia"]),
])
def test_sides_of_speakers_the_pack_does_not_know_by_what_their_words_name(reg, text, sides):
    from claimdiff import extract

    out = resolve([s for s in extract(text) if s.kind != "narrator"], text, reg)
    assert [s.side for s in out] == sides


def test_a_quote_s_own_words_are_no_antecedent_of_its_speaker(reg):
    from claimdiff import extract

    # the Armenian ministry is named inside the quote, in a sentence before the one that is the content
    text = ("Armenian units fired on Azerbaijani positions, the Azerbaijani Defense Ministry said. \"The information "
            "spread by the Armenian Defense Ministry is false. The Azerbaijan Army never targets civilians,\" the "
            "ministry said.")
    out = resolve([s for s in extract(text) if s.kind != "narrator"], text, reg)
    assert {s.side for s in out} == {"azerbaijan"} and len(out) >= 2


def test_a_place_after_a_passive_cue_is_no_speaker(reg):
    # "It was reported in Vardenis that ...": a tagger may read "Vardenis" as the speaker of "was reported in"
    text = "It was reported in Vardenis that Azerbaijani soldiers had set up a new post."
    where, cue = text.index("Vardenis"), text.index("was reported in")
    st = Statement("s1", "d", "indirect", Span.of(text, text.index("Azerbaijani"), len(text) - 1),
                   speaker=Span.of(text, where, where + len("Vardenis")),
                   cue=Span.of(text, cue, cue + len("was reported in")))
    [out] = resolve([st], text, reg)
    assert (out.actor, out.side) == ("NARRATOR", "narrator")


@pytest.mark.parametrize("text, side", [
    # a partisan outlet's impersonal report is its side's; a wire's is the narrator's
    ("BAKU, December 9 (APA) - It was reported that Azerbaijani units control the situation.", "azerbaijan"),
    ("It was reported that the road was closed.", "narrator"),
])
def test_it_was_reported_names_nobody_so_the_story_speaks(reg, text, side):
    start = text.index("It was")
    cue = text.index("was reported")
    content = text.index("that") + 5
    st = Statement("s1", "d", "indirect", Span.of(text, content, len(text) - 1),
                   speaker=Span.of(text, start, start + 2), cue=Span.of(text, cue, cue + len("was reported")))
    [out] = resolve([st], text, reg)
    assert out.side == side and out.actor in (None, "NARRATOR") and (out.actor is None) == (side != "narrator")


def _camps(demonyms: dict | None = None) -> ActorRegistry:
    """Two camps, each with a candidate who has no office in the pack; ``demonyms`` as a pack writes them."""
    return ActorRegistry.from_dict({
        "sides": [{"id": "dem", "name": "Democrats", "opposes": ["rep"]}, {"id": "rep", "name": "Republicans"}],
        **({"demonyms": demonyms} if demonyms else {}),
        "actors": [
            {"id": "REP.CAND", "name": "Walter Grisham", "side": "rep", "kind": "leader", "person": True,
             "gender": "male", "aliases": ["Walter Grisham", "Grisham"]},
            {"id": "DEM.CAND", "name": "Ellen Marsh", "side": "dem", "kind": "leader", "person": True,
             "gender": "female", "aliases": ["Ellen Marsh", "Mrs. Marsh"]},
        ]})


def _sides_said(speakers: list[str], reg: ActorRegistry) -> list[tuple[str | None, str | None]]:
    from claimdiff import extract

    out = []
    for speaker in speakers:
        (s,) = [x for x in extract(f"{speaker} said the turnout would be low.", registry=reg) if x.kind != "narrator"]
        out.append((s.actor, s.side))
    return out


@pytest.mark.parametrize("speaker, side", [
    # A side's word before the head noun of the appositive, after qualifiers the old first-three-words rule missed.
    ("Ben Ostrow, a longtime Republican strategist,", "rep"),
    ("One Vermont Republican", "rep"),
    ("Representative Ann Tull, Republican of Ohio,", "rep"),
    # ... not after a preposition: the expert is no Republican for studying them.
    ("Ben Ostrow, an expert on Republican history,", None),
    # Working for a candidate with no office in the pack: the candidate's side.
    ("A Grisham adviser", "rep"),
    ("Grisham spokesman Tom Reyes", "rep"),
    ("Ben Ostrow, a former adviser and pollster to Mrs. Marsh,", "dem"),
    ("Ben Ostrow, a prominent surrogate for Mrs. Marsh who joined her in May,", "dem"),
    ("Mrs. Marsh's campaign", "dem"),
    # A critic does not work for the one criticised; a namesake is someone else.
    ("Ben Ostrow, a Grisham critic,", None),
    # A party tag after the name, as US news writes it; an outlet in parentheses is no tag.
    ("Sen. Ann Tull (D-Vt.)", "dem"),
    ("Tom Reyes (R)", "rep"),
    ("Tom Reyes (Reuters)", None),
])
def test_sides_written_in_a_speakers_description(speaker, side):
    assert _sides_said([speaker], _camps()) == [(None, side)]


def test_a_packs_demonyms_name_its_sides():
    # "Democratic" is not spelled like a demonym of "Democrats": the pack says it is one.
    speakers = ["Democratic strategist Tom Reyes", "Ben Ostrow, a Democratic pollster,"]
    assert _sides_said(speakers, _camps()) == [(None, None), (None, None)]
    assert _sides_said(speakers, _camps({"Democratic": "Democrats"})) == [(None, "dem"), (None, "dem")]
    assert ActorRegistry.default().side_of_demonym("Artsakh") == "armenia"  # the shipped pack's own demonym


def test_an_aide_written_before_a_person_of_the_pack(reg):
    # "An Aliyev adviser": "An" is no given name, and the adviser speaks for the president's side.
    assert _sides_said(["An Aliyev adviser"], reg) == [(None, "azerbaijan")]


def test_an_ally_of_a_surname_the_packs_people_share():
    # "Clinton" is no alias (two Clintons), but both are of one side: their ally speaks for it; their critic not.
    assert _sides_said(["Clinton ally Tom Reyes", "Ben Ostrow, a Clinton supporter,", "Ben Ostrow, a Clinton critic,"],
                       _clintons()) == [(None, "dem"), (None, "dem"), (None, None)]
