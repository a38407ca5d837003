"""Tests for claimdiff.attribution.rules: the seed's gold reading, one case per pattern, and the offset invariants."""

from __future__ import annotations

import doctest
import json
import logging
from pathlib import Path

import pytest

import claimdiff
import claimdiff.attribution.rules as segment_module
from claimdiff.attribution.rules import segment as extract
from claimdiff.records import Statement

ROOT = Path(__file__).resolve().parents[1]
SEED_TEXT = ROOT / "seeds" / "000_c4e10aff8d545da5.txt"
SEED_GOLD = ROOT / "seeds" / "000_c4e10aff8d545da5.expected.json"


def _seed() -> str:
    return SEED_TEXT.read_text(encoding="utf-8")


def _assert_offsets(text: str, statements: list[Statement]) -> None:
    for s in statements:
        for span in (s.content, s.speaker, s.cue):
            if span is not None:
                assert 0 <= span.start <= span.end <= len(text)
                assert text[span.start:span.end] == span.text, (s.id, span)


def _overlap(gold: dict, span) -> float:
    shared = min(gold["end"], span.end) - max(gold["start"], span.start)
    return max(0, shared) / (gold["end"] - gold["start"])


def _find_match(gold: dict, statements: list[Statement]) -> Statement | None:
    """The extracted statement that reads like ``gold``: same kind, polarity and hedging, the same speaker
    text, and a content covering at least 80% of the gold content's characters."""
    for s in statements:
        if (s.kind, s.polarity, s.hedged) != (gold["kind"], gold["polarity"], gold["hedged"]):
            continue
        if (gold["speaker"] is None) != (s.speaker is None):
            continue
        if gold["speaker"] is not None and gold["speaker"]["text"].lower() != s.speaker.text.lower():
            continue
        if _overlap(gold["content"], s.content) >= 0.8:
            return s
    return None


# --------------------------------------------------------------------------------------------------------------
# The seed article
# --------------------------------------------------------------------------------------------------------------

GOLD = json.loads(SEED_GOLD.read_text(encoding="utf-8"))["statements"]


@pytest.fixture(scope="module")
def seed_statements() -> list[Statement]:
    return extract(_seed(), "seed")


@pytest.mark.parametrize("gold", GOLD, ids=[g["id"] for g in GOLD])
def test_seed_finds_every_gold_statement(gold, seed_statements):
    found = _find_match(gold, seed_statements)
    assert found is not None, f"no match for {gold['id']}: {gold['content']['text']!r}"
    # Today every gold statement is matched exactly; keep it that way.
    assert (found.content.start, found.content.end) == (gold["content"]["start"], gold["content"]["end"])
    if gold["speaker"] is not None:
        assert (found.speaker.start, found.speaker.end) == (gold["speaker"]["start"], gold["speaker"]["end"])
    if gold["cue"] is not None:
        assert (found.cue.start, found.cue.end) == (gold["cue"]["start"], gold["cue"]["end"])


def test_seed_has_few_extras_and_no_chrome(seed_statements):
    text = _seed()
    _assert_offsets(text, seed_statements)
    assert len(seed_statements) <= len(GOLD) + 2
    contents = [s.content.text for s in seed_statements]
    assert "Skip to main content" not in contents
    assert not any("Forgotten and festering" in c or "Читайте" in c for c in contents)
    assert [s.id for s in seed_statements] == [f"seed:s{n:03d}" for n in range(1, len(seed_statements) + 1)]
    assert all(s.actor is None for s in seed_statements)
    assert all((s.side == "narrator") == (s.kind == "narrator") for s in seed_statements)


def test_seed_headline_first_and_pronoun_is_weaker(seed_statements):
    assert seed_statements[0].kind == "narrator"
    assert seed_statements[0].content.text == "Armenia asks Russia for assistance after skirmishes with Azerbaijan"
    he = next(s for s in seed_statements if s.speaker is not None and s.speaker.text == "he")
    assert he.confidence < 1.0


def test_no_clause_is_both_narrator_and_attributed(seed_statements):
    narrator = [s.content for s in seed_statements if s.kind == "narrator"]
    attributed = [s.content for s in seed_statements if s.kind != "narrator"]
    for n in narrator:
        assert not any(a.start < n.end and n.start < a.end for a in attributed), n.text


# --------------------------------------------------------------------------------------------------------------
# One case per pattern: (kind, speaker, cue, content, polarity, hedged) of the statement expected
# --------------------------------------------------------------------------------------------------------------

PATTERNS = [
    # direct quotes
    ('The minister said: "We will not give up."',
     ("direct", "The minister", "said", "We will not give up", "asserts", False)),
    ("The minister said, “We will not give up.”",
     ("direct", "The minister", "said", "We will not give up", "asserts", False)),
    ("Pashinyan said: «Мы не сдадимся».",
     ("direct", "Pashinyan", "said", "Мы не сдадимся", "asserts", False)),
    ('"We fight. We win," the minister said.',   # sentences too short to stand alone stay together
     ("direct", "the minister", "said", "We fight. We win", "asserts", False)),
    ("“We will win,” said the Armenian Defense Ministry.",
     ("direct", "the Armenian Defense Ministry", "said", "We will win", "asserts", False)),
    ('Pashinyan: "We will not give up."',
     ("direct", "Pashinyan", None, "We will not give up", "asserts", False)),
    # reported speech, forward and inverted
    ("The Armenian Defense Ministry said that Azerbaijan shelled Goris.",
     ("indirect", "The Armenian Defense Ministry", "said", "Azerbaijan shelled Goris", "asserts", False)),
    ("Azerbaijan shelled Goris, the ministry said.",
     ("indirect", "the ministry", "said", "Azerbaijan shelled Goris", "asserts", False)),
    ("Azerbaijan shelled Goris, said the Armenian Defense Ministry.",
     ("indirect", "the Armenian Defense Ministry", "said", "Azerbaijan shelled Goris", "asserts", False)),
    ("Azerbaijan shelled Goris, the ministry said on Tuesday.",
     ("indirect", "the ministry", "said", "Azerbaijan shelled Goris", "asserts", False)),
    ("Armenpress reports that Azerbaijan shelled Goris.",
     ("indirect", "Armenpress", "reports", "Azerbaijan shelled Goris", "asserts", False)),
    ("Azerbaijan shelled Goris, Armenpress reports.",
     ("indirect", "Armenpress", "reports", "Azerbaijan shelled Goris", "asserts", False)),
    ("The ministry told reporters that the border was calm.",
     ("indirect", "The ministry", "told", "the border was calm", "asserts", False)),
    # whom it was told, without "that": not part of what was said
    ("The ministry told reporters the border was calm.",
     ("indirect", "The ministry", "told", "the border was calm", "asserts", False)),
    ("The minister told The Associated Press the border was calm.",
     ("indirect", "The minister", "told", "the border was calm", "asserts", False)),
    # a figure given as the object of "put"; "put the blame on" gives none
    ("Armenia put its losses at 105 soldiers.",
     ("indirect", "Armenia", "put", "its losses at 105 soldiers", "asserts", False)),
    # "quoted X as saying": who reports the words speaks here
    ("Armenian state media quoted local residents as saying that drones had struck homes.",
     ("indirect", "Armenian state media", "quoted local residents as saying", "drones had struck homes", "asserts",
      False)),
    ("Armenian website Panorama.am cited the head of the Karabakh water resources committee as saying that the "
     "gates were open.",
     ("indirect", "Armenian website Panorama.am", "cited the head of the Karabakh water resources committee as saying",
      "the gates were open", "asserts", False)),
    ("The minister was quoted by Armenpress as saying that the border was calm.",
     ("indirect", "The minister", "was quoted by Armenpress as saying", "the border was calm", "asserts", False)),
    # an audience named by what it is
    ('"The road is closed," the minister told a news conference in Yerevan.',
     ("direct", "the minister", "told", "The road is closed", "asserts", False)),
    ("The minister told parliament the road was closed.",
     ("indirect", "The minister", "told", "the road was closed", "asserts", False)),
    ("The minister told reporters Baku was preparing an escalation.",
     ("indirect", "The minister", "told", "Baku was preparing an escalation", "asserts", False)),
    ("The minister told her Armenian counterpart the border was calm.",
     ("indirect", "The minister", "told", "her Armenian counterpart the border was calm", "asserts", False)),
    ("The minister warned Baku would pay for the attack.",
     ("indirect", "The minister", "warned", "Baku would pay for the attack", "asserts", False)),
    # an adverb before the verb leaves the verb's addressee whom it is
    ("The spokesman later told the Turan news agency that troops had fired.",
     ("indirect", "The spokesman", "later told", "troops had fired", "asserts", False)),
    # a name in apposition after "according to" a title is the speaker's, after a name it opens the content
    ("According to Armenia's ombudsman, Anahit Manasyan, four houses were hit.",
     ("according_to", "Armenia's ombudsman, Anahit Manasyan", "According to", "four houses were hit", "asserts",
      False)),
    ("According to Baku, Armenian Armed Forces, which were deployed there, fired first.",
     ("according_to", "Baku", "According to", "Armenian Armed Forces, which were deployed there, fired first",
      "asserts", False)),
    # a participle that places a group belongs to the speaker
    ("Russian peacekeepers deployed in the region said they were investigating.",
     ("indirect", "Russian peacekeepers deployed in the region", "said", "they were investigating", "asserts",
      False)),
    # ... and one that places a person in an affair
    ("An Armenian official involved in the talks, who asked not to be named, told OC Media that Baku had agreed.",
     ("indirect", "An Armenian official involved in the talks, who asked not to be named", "told", "Baku had agreed",
      "asserts", True)),
    # a response and a participle: the subject says it
    ("Yerevan hit back on Monday, saying that Baku had fired first.",
     ("indirect", "Yerevan", "saying", "Baku had fired first", "asserts", False)),
    ("A senior official, who asked not to be named, went further, claiming that drones had dropped grenades.",
     ("indirect", "A senior official, who asked not to be named", "claiming", "drones had dropped grenades",
      "asserts", True)),
    ("Baku responded, denying that any shot had been fired.",
     ("indirect", "Baku", "denying", "any shot had been fired", "denies", False)),
    # the manner of telling after the addressee, and the outlet's formula after an attribution
    ('"A shell hit a school," the spokesman told Reuters by phone.',
     ("direct", "the spokesman", "told", "A shell hit a school", "asserts", False)),
    ("Two bodies were handed over, the commission said, AZERTAC reports.",
     ("indirect", "the commission", "said", "Two bodies were handed over", "asserts", False)),
    # a name holding a list, cut at its comma by the patterns, is whole again
    ("Two bodies were handed over, the State Commission on Prisoners of War, Hostages and Missing Persons said.",
     ("indirect", "the State Commission on Prisoners of War, Hostages and Missing Persons", "said",
      "Two bodies were handed over", "asserts", False)),
    # ... also after a possessive, cut at its "and", and a body named by a long lower-case name
    ("Azerbaijan's State Commission on Prisoners of War, Hostages and Missing Persons said two bodies were handed "
     "over.", ("indirect", "Azerbaijan's State Commission on Prisoners of War, Hostages and Missing Persons", "said",
               "two bodies were handed over", "asserts", False)),
    ("Two bodies were received, the government's commission on prisoners of war and missing persons said.",
     ("indirect", "the government's commission on prisoners of war and missing persons", "said",
      "Two bodies were received", "asserts", False)),
    # "there is no truth to the claim that P", "it is not true that P": a denial of P
    ('"There is no truth to the claim that a shell hit the school," the spokesman said.',
     ("direct", "the spokesman", "said", "a shell hit the school", "denies", False)),
    ('"There were no soldiers there," the aide told Reuters at the site, where a crater had split the road.',
     ("direct", "the aide", "told", "There were no soldiers there", "asserts", False)),
    ("The minister said it was not true that troops had crossed the border.",
     ("indirect", "The minister", "said", "troops had crossed the border", "denies", False)),
    ('The ombudsman wrote that claims that the guards had fired first were "a crude attempt to shift the blame for '
     'the killing".',
     ("indirect", "The ombudsman", "wrote", "the guards had fired first", "denies", False)),
    ('She called the Azerbaijani report of a downed drone "another fabrication of Baku\'s propaganda machine".',
     ("indirect", "She", "called", "a downed drone", "denies", False)),
    ("The ministry rejected as a lie the Armenian Defense Ministry's statement that its units had fired.",
     ("indirect", "The ministry", "rejected", "its units had fired", "denies", False)),
    # when it was said is not what was said
    ("Azerbaijan said on Thursday it had arrested an Armenian national.",
     ("indirect", "Azerbaijan", "said", "it had arrested an Armenian national", "asserts", False)),
    ("Baku said Thursday's attack was a provocation.",
     ("indirect", "Baku", "said", "Thursday's attack was a provocation", "asserts", False)),
    ("The agency, citing a military source, reported that the shot came from a height.",
     ("indirect", "The agency", "reported", "the shot came from a height", "asserts", True)),
    # unnamed sources: the speaker, or the wire's terms
    ("A military source said the post was hit.",
     ("indirect", "A military source", "said", "the post was hit", "asserts", True)),
    ("The official, speaking on condition of anonymity, said the post was hit.",
     ("indirect", "The official", "said", "the post was hit", "asserts", True)),
    ("Azerbaijani media, citing military sources, reported that two drones were downed.",
     ("indirect", "Azerbaijani media", "reported", "two drones were downed", "asserts", True)),
    ("The ministry said in a statement on Tuesday that the border was calm.",
     ("indirect", "The ministry", "said", "the border was calm", "asserts", False)),
    ("Shushan Stepanyan, the ministry's spokeswoman, said that two soldiers were killed.",
     ("indirect", "Shushan Stepanyan, the ministry's spokeswoman", "said", "two soldiers were killed", "asserts",
      False)),
    # A report said to be made, and a dismissal with its own qualifier, end the denied content.
    ("The ministry called the footage staged.",
     ("indirect", "The ministry", "called", "the footage", "denies", False)),
    ('The spokesman dismissed the video as "a cheap provocation staged by the Armenian special services".',
     ("indirect", "The spokesman", "dismissed", "the video", "denies", False)),
    ("The army dismissed as staged the photographs of missile fragments published in Baku.",
     ("indirect", "The army", "dismissed", "the photographs of missile fragments published in Baku", "denies", False)),
    ('It described the Armenian reports of a wounded driver as "a staged provocation".',
     ("indirect", "It", "described", "a wounded driver", "denies", False)),
    ("She called the reports that dozens of soldiers had deserted false and insulting.",
     ("indirect", "She", "called", "dozens of soldiers had deserted", "denies", False)),
    # When (or while doing what) the speaker spoke, with no comma after it, is no part of the speaker.
    ("Earlier in the day Azerbaijan's defence ministry said the road was open.",
     ("indirect", "Azerbaijan's defence ministry", "said", "the road was open", "asserts", False)),
    ("Late on Saturday he told reporters the troops had left.",
     ("indirect", "he", "told", "the troops had left", "asserts", False)),
    ("Speaking to reporters in Baku he said the claims were false.",
     ("indirect", "he", "said", "the claims were false", "denies", False)),
    ("On 12 October the Armenian ministry said two soldiers were wounded.",
     ("indirect", "the Armenian ministry", "said", "two soldiers were wounded", "asserts", False)),
    # The appositive belongs to the speaker in every word order (PolNeAR's source spans include it).
    ('"Two soldiers were killed," said Shushan Stepanyan, the ministry\'s spokeswoman.',
     ("direct", "Shushan Stepanyan, the ministry's spokeswoman", "said", "Two soldiers were killed", "asserts",
      False)),
    ('"Two soldiers were killed," Shushan Stepanyan, the ministry\'s spokeswoman, said.',
     ("direct", "Shushan Stepanyan, the ministry's spokeswoman", "said", "Two soldiers were killed", "asserts",
      False)),
    ("Two soldiers were killed, said Shushan Stepanyan, a spokeswoman who briefed reporters.",
     ("indirect", "Shushan Stepanyan, a spokeswoman who briefed reporters", "said", "Two soldiers were killed",
      "asserts", False)),
    # Between commas but not who the speaker is: left out of the speaker.
    ("Pashinyan, at a later press conference, said that the talks had failed.",
     ("indirect", "Pashinyan", "said", "the talks had failed", "asserts", False)),
    ('"The talks failed," said Pashinyan, at a later press conference.',
     ("direct", "Pashinyan", "said", "The talks failed", "asserts", False)),
    # An appositive after the name runs to the sentence end, prepositions and all.
    ('"We are fine," said Ronald Fieldstone, a Miami lawyer who has been involved in using EB-5 funding.',
     ("direct", "Ronald Fieldstone, a Miami lawyer who has been involved in using EB-5 funding", "said",
      "We are fine", "asserts", False)),
    # An appositive without an article, a party and state: still who the speaker is, and the sentence reads
    # forward (not as "Megan Hester ...", said "parents still want ...").
    ("Megan Hester, senior associate at the Annenberg Institute, said parents still want local schools.",
     ("indirect", "Megan Hester, senior associate at the Annenberg Institute", "said",
      "parents still want local schools", "asserts", False)),
    ("Senate Majority Leader Mitch McConnell, R-Ky., said the bill would pass.",
     ("indirect", "Senate Majority Leader Mitch McConnell, R-Ky", "said", "the bill would pass", "asserts", False)),
    ("Senator Dianne Feinstein, Democrat of California, said the bill would pass.",
     ("indirect", "Senator Dianne Feinstein, Democrat of California", "said", "the bill would pass", "asserts",
      False)),
    ("Conservative economist Aparna Mathur, who studies tax policy, said the statement was unclear.",
     ("indirect", "Conservative economist Aparna Mathur, who studies tax policy", "said", "the statement was unclear",
      "asserts", False)),
    ('"It is close," David Wasserman, House editor for the Cook Political Report, told me.',
     ("direct", "David Wasserman, House editor for the Cook Political Report", "told", "It is close", "asserts",
      False)),
    # ... but a clause before the comma is still the content of an inverted attribution.
    ("Prices rose sharply in March, the economy slowed, said the minister.",
     ("indirect", "the minister", "said", "Prices rose sharply in March, the economy slowed", "asserts", False)),
    # Auxiliaries and adverbs before the cue belong to it (PolNeAR's convention), a reflexive does not.
    ("The ministry itself has repeatedly denied that it shelled Goris.",
     ("indirect", "The ministry", "has repeatedly denied", "it shelled Goris", "denies", False)),
    ('"The border is calm," the ministry has also said.',
     ("direct", "the ministry", "has also said", "The border is calm", "asserts", False)),
    ("The report states that the border was calm.",
     ("indirect", "The report", "states", "the border was calm", "asserts", False)),
    # Two appositives, and a place after the cue that is no speaker; an addressee of several words.
    ('"It is an invasion," Scott Pruitt, the attorney general of Oklahoma, one of the states suing, said at an event.',
     ("direct", "Scott Pruitt, the attorney general of Oklahoma, one of the states suing", "said", "It is an invasion",
      "asserts", False)),
    ('"This narrative is wrong," Malkia Cyril, the executive director, told The Huffington Post.',
     ("direct", "Malkia Cyril, the executive director", "told", "This narrative is wrong", "asserts", False)),
    ("The Rev. Peter Wherry, of Mayfield Memorial Church, said the city was calm.",
     ("indirect", "The Rev. Peter Wherry, of Mayfield Memorial Church", "said", "the city was calm", "asserts",
      False)),
    ("Donna Rawlings, 59, of Ashton, Md., who watched the ceremony, said the event brought back memories.",
     ("indirect", "Donna Rawlings, 59, of Ashton, Md., who watched the ceremony", "said",
      "the event brought back memories", "asserts", False)),
    ('Said Ellis: "I do not think she is interested."',
     ("direct", "Ellis", "Said", "I do not think she is interested", "asserts", False)),
    # "then" and "repeatedly" alone are no speaker, and "then" is not part of the cue.
    ("The ministry then said that the border was calm.",
     ("indirect", "The ministry", "said", "the border was calm", "asserts", False)),
    ("The state's campaign chairman, Phil Lovas, said he cannot comment on the letter.",
     ("indirect", "The state's campaign chairman, Phil Lovas", "said", "he cannot comment on the letter", "asserts",
      False)),
    ('"There is some thought," said Representative Charles B. Rangel of New York.',
     ("direct", "Representative Charles B. Rangel of New York", "said", "There is some thought", "asserts", False)),
    ('"Their strategy is clear," Michael McFaul, a senior fellow, said of RT.',
     ("direct", "Michael McFaul, a senior fellow", "said", "Their strategy is clear", "asserts", False)),
    # Titles with a full stop do not end the sentence (syntok splits after "Rep." and "Del.").
    ('"This is bad," Rep. Gwen Moore (D-Wis.) said.',
     ("direct", "Rep. Gwen Moore (D-Wis.)", "said", "This is bad", "asserts", False)),
    ('"It was a sham," said Del. Stacey Plaskett.',
     ("direct", "Del. Stacey Plaskett", "said", "It was a sham", "asserts", False)),
    # A quoted programme name holds the adverbial's comma.
    ('On "Fox News Sunday," Gov. Mike Pence said his running mate was joking.',
     ("indirect", "Gov. Mike Pence", "said", "his running mate was joking", "asserts", False)),
    ("On the night of September 13, the Azerbaijani Defense Ministry said that Armenia attacked.",
     ("indirect", "the Azerbaijani Defense Ministry", "said", "Armenia attacked", "asserts", False)),
    ("Armenian media reports said that Goris was shelled.",
     ("indirect", "Armenian media reports", "said", "Goris was shelled", "asserts", False)),
    ("He said that the talks had failed.",
     ("indirect", "He", "said", "the talks had failed", "asserts", False)),
    ('The ministry said that Armenia staged a "large-scale provocation."',
     ("indirect", "The ministry", "said", 'Armenia staged a "large-scale provocation', "asserts", False)),
    # according to
    ("According to the Armenian Defense Ministry, Azerbaijan shelled Goris.",
     ("according_to", "the Armenian Defense Ministry", "According to", "Azerbaijan shelled Goris", "asserts",
      False)),
    ("According to a statement by the ministry, 49 soldiers were killed.",
     ("according_to", "the ministry", "According to a statement by", "49 soldiers were killed", "asserts",
      False)),
    ("Azerbaijan shelled Goris, according to the Armenian Defense Ministry.",
     ("according_to", "the Armenian Defense Ministry", "according to", "Azerbaijan shelled Goris", "asserts",
      False)),
    # hedging
    ("Azerbaijani media claimed, citing unnamed sources, that a cease-fire was agreed.",
     ("indirect", "Azerbaijani media", "claimed", "a cease-fire was agreed", "asserts", True)),
    ("Azerbaijani media claimed, citing sources, that a cease-fire was agreed.",
     ("indirect", "Azerbaijani media", "claimed", "a cease-fire was agreed", "asserts", True)),
    ("The ministry allegedly said that troops withdrew.",
     ("indirect", "The ministry", "said", "troops withdrew", "asserts", True)),
    ("Armenia reportedly agreed to a cease-fire.",
     ("narrator", None, None, "Armenia reportedly agreed to a cease-fire", "asserts", True)),
    # denials
    ("Baku denied that Azerbaijan had invaded Armenia.",
     ("indirect", "Baku", "denied", "Azerbaijan had invaded Armenia", "denies", False)),
    ("Baku rejected claims that Azerbaijan had invaded Armenia.",
     ("indirect", "Baku", "rejected", "Azerbaijan had invaded Armenia", "denies", False)),
    ("Baku dismissed reports that Azerbaijan had invaded Armenia.",
     ("indirect", "Baku", "dismissed", "Azerbaijan had invaded Armenia", "denies", False)),
    ("Baku refuted allegations that its troops shelled Goris.",
     ("indirect", "Baku", "refuted", "its troops shelled Goris", "denies", False)),
    ('Baku described as "absurd" the claims that Azerbaijan had invaded Armenia.',
     ("indirect", "Baku", 'described as "absurd"', "Azerbaijan had invaded Armenia", "denies", False)),
    # the verdict before the object, and an "account" or "version" as the object
    ("Baku rejected as propaganda reports that its troops shelled Goris.",
     ("indirect", "Baku", "rejected", "its troops shelled Goris", "denies", False)),
    ("Baku dismissed as baseless the assertion by Yerevan's ministry that its troops shelled Goris.",
     ("indirect", "Baku", "dismissed", "its troops shelled Goris", "denies", False)),
    ('Yerevan dismissed as "groundless" the reports that its units had shelled Tovuz.',
     ("indirect", "Yerevan", "dismissed", "its units had shelled Tovuz", "denies", False)),
    ("Yerevan rejected the Azerbaijani account of a soldier escaping across the border.",
     ("indirect", "Yerevan", "rejected", "a soldier escaping across the border", "denies", False)),
    # narrator
    ("The settlements were shelled overnight.",
     ("narrator", None, None, "The settlements were shelled overnight", "asserts", False)),
]


def _reading(s: Statement) -> tuple:
    return (s.kind, s.speaker.text if s.speaker else None, s.cue.text if s.cue else None, s.content.text,
            s.polarity, s.hedged)


@pytest.mark.parametrize("text, expected", PATTERNS)
def test_pattern(text, expected):
    statements = extract(text, "t")
    _assert_offsets(text, statements)
    assert [_reading(s) for s in statements] == [expected]


def test_the_dash_of_a_dateline_cut_off_by_the_sentence_splitter_is_not_content():
    # "news.am)" ends a sentence for the splitter, so the dash opens the next one.
    text = "YEREVAN (news.am) - Azerbaijani forces shelled Jermuk, the ministry said."
    said = [s for s in extract(text, "t") if s.kind != "narrator"]
    assert [s.content.text for s in said] == ["Azerbaijani forces shelled Jermuk"]


@pytest.mark.parametrize("text, narrated", [
    # A dateline the splitter cut off as a sentence of its own says nothing: no narrator statement, and a denial
    # after it has nothing to point back at (it keeps its own words).
    ("BAKU, October 21 (APA). Two shepherds were detained, the ministry said, rejecting claims made in Yerevan.",
     []),
    ("YEREVAN, MAY 3, ARMENPRESS. Two shepherds were detained, the ministry said.", []),
    # A headline in capitals is not a dateline.
    ("US, EU CONDEMN SHELLING. Two shepherds were detained, the ministry said.", ["US, EU CONDEMN SHELLING"]),
])
def test_a_dateline_alone_is_no_narrator_statement(text, narrated):
    statements = extract(text, "t")
    assert [s.content.text for s in statements if s.kind == "narrator"] == narrated
    assert all(s.refers_to is None for s in statements)


@pytest.mark.parametrize("text, narrated", [
    # The journalist's words begin after the dateline, in a unit of their own or before a speaker's clause.
    ("BAKU, Sept 13 (Reuters) - Fighting resumed near Tovuz overnight.", ["Fighting resumed near Tovuz overnight"]),
    ("YEREVAN -- Shelling went on for hours, and the ministry said two soldiers were wounded.",
     ["Shelling went on for hours"]),
    # Not a dateline: a sentence that opens with a word in capitals.
    ("NATO observers arrived in the region on Monday.", ["NATO observers arrived in the region on Monday"]),
])
def test_narrator_content_begins_after_a_wire_dateline(text, narrated):
    assert [s.content.text for s in extract(text, "t") if s.kind == "narrator"] == narrated


@pytest.mark.parametrize("text, expected", [
    ('"We will win," he said, "and nothing will stop us."',
     [("direct", "he", "said", "We will win", "asserts", False),
      ("direct", "he", "said", "and nothing will stop us", "asserts", False)]),
    ('"We will win," he said, adding that the army was ready.',
     [("direct", "he", "said", "We will win", "asserts", False),
      ("indirect", "he", "adding", "the army was ready", "asserts", False)]),
    ("According to a statement by the Prime Minister, there were 49 victims as of this morning, though he "
     "noted that this didn't reflect the final count.",
     [("according_to", "the Prime Minister", "According to a statement by",
       "there were 49 victims as of this morning", "asserts", False),
      ("indirect", "he", "noted", "this didn't reflect the final count", "asserts", False)]),
    ("The government appealed to Russia to invoke the treaty, Novosti-Armenia reports.",
     [("indirect", "The government", "appealed to", "Russia to invoke the treaty", "asserts", False),
      ("indirect", "Novosti-Armenia", "reports", "The government appealed to Russia to invoke the treaty",
       "asserts", False)]),
    ("Fighting resumed at dawn, and the ministry said that Goris was shelled.",
     [("narrator", None, None, "Fighting resumed at dawn", "asserts", False),
      ("indirect", "the ministry", "said", "Goris was shelled", "asserts", False)]),
    # One side's claim named by its noun, said to be false by the other: each says its own.
    ("Baku's claims that Armenia shelled Tartar are false, the Armenian ministry said.",
     [("indirect", "Baku's", "claims", "Armenia shelled Tartar", "asserts", False),
      ("indirect", "the Armenian ministry", "said", "Armenia shelled Tartar", "denies", False)]),
    ("Baku says the area where the soldiers were detained lies within Azerbaijan, a claim Yerevan rejects.",
     [("indirect", "Baku", "says", "the area where the soldiers were detained lies within Azerbaijan", "asserts", False),
      ("indirect", "Yerevan", "rejects", "the area where the soldiers were detained lies within Azerbaijan", "denies",
       False)]),
    # A dateline of two places does not hide the speaker after it.
    ("YEREVAN/BAKU, March 14 (Wire) - Armenia and Azerbaijan accused each other of starting the clash.",
     [("indirect", "Armenia and Azerbaijan", "accused", "each other of starting the clash", "asserts", False)]),
])
def test_several_statements_in_one_sentence(text, expected):
    statements = extract(text, "t")
    _assert_offsets(text, statements)
    assert [_reading(s) for s in statements] == expected


@pytest.mark.parametrize("text, denial", [
    ("The Armenian ministry said Azerbaijan shelled Goris. Azerbaijan's defence ministry rejected that claim.",
     ("indirect", "Azerbaijan's defence ministry", "rejected", "Azerbaijan shelled Goris", "denies", False)),
    ("Yerevan said Baku attacked first. Ankara dismissed this as lies.",
     ("indirect", "Ankara", "dismissed", "Baku attacked first", "denies", False)),
    ("Yerevan said Baku attacked first, but Baku denied the report.",
     ("indirect", "Baku", "denied", "Baku attacked first", "denies", False)),
    ("Yerevan said Baku had turned a lost conscript into a hostage. Baku rejected that description.",
     ("indirect", "Baku", "rejected", "Baku had turned a lost conscript into a hostage", "denies", False)),
    ("Baku said the bulletin showed the shots came from Armenian positions. Stepanakert rejected that reading.",
     ("indirect", "Stepanakert", "rejected", "the bulletin showed the shots came from Armenian positions", "denies",
      False)),
    # A content that only calls what was said false: the ministries' own wording in this news.
    ("Yerevan said Baku attacked first. Baku said the information does not correspond to reality.",
     ("indirect", "Baku", "said", "Baku attacked first", "denies", False)),
    ("Yerevan said Baku attacked first. Baku said the report was disinformation.",
     ("indirect", "Baku", "said", "Baku attacked first", "denies", False)),
    ('Yerevan said Baku attacked first. "This is another lie of the Armenian side," Baku said.',
     ("direct", "Baku", "said", "Baku attacked first", "denies", False)),
    ("Yerevan said Baku attacked first. The claims are not true, Baku said.",
     ("indirect", "Baku", "said", "Baku attacked first", "denies", False)),
    ("Yerevan said Baku attacked first. Baku said the information spread by the Armenian side was untrue.",
     ("indirect", "Baku", "said", "Baku attacked first", "denies", False)),
    ("Yerevan said Baku attacked first. Baku said no such incident had taken place.",
     ("indirect", "Baku", "said", "Baku attacked first", "denies", False)),
    ("Yerevan said Baku attacked first. Baku said this was not the case.",
     ("indirect", "Baku", "said", "Baku attacked first", "denies", False)),
    ("Yerevan said Baku attacked first. Baku rejected Yerevan's version of events.",
     ("indirect", "Baku", "rejected", "Baku attacked first", "denies", False)),
    ("Yerevan said Baku attacked first. Baku dismissed Yerevan's account.",
     ("indirect", "Baku", "dismissed", "Baku attacked first", "denies", False)),
    ("Yerevan said Baku attacked first. Baku denied any such attack.",
     ("indirect", "Baku", "denied", "Baku attacked first", "denies", False)),
    ("Yerevan said Baku attacked first. Baku dismissed that explanation.",
     ("indirect", "Baku", "dismissed", "Baku attacked first", "denies", False)),
    ("Yerevan said Baku attacked first. Baku rebuffed the accusation as baseless.",
     ("indirect", "Baku", "rebuffed", "Baku attacked first", "denies", False)),
    ("Yerevan said Baku attacked first. Baku said there was no truth to the claim.",
     ("indirect", "Baku", "said", "Baku attacked first", "denies", False)),
    ("Yerevan said Baku attacked first. Baku said there was no truth in Yerevan's story.",
     ("indirect", "Baku", "said", "Baku attacked first", "denies", False)),
    ("Yerevan said Baku attacked first. Baku said that was not true.",
     ("indirect", "Baku", "said", "Baku attacked first", "denies", False)),
    ("Yerevan said Baku attacked first. Baku said the footage was fake.",
     ("indirect", "Baku", "said", "Baku attacked first", "denies", False)),
    ("Yerevan said Baku attacked first. Baku said reports to the contrary were fake.",
     ("indirect", "Baku", "said", "Baku attacked first", "denies", False)),
    ("Yerevan said Baku attacked first. Baku called the report a lie of the Armenian side.",
     ("indirect", "Baku", "called", "Baku attacked first", "denies", False)),
    ("Yerevan said Baku attacked first. Officials in Baku called the accusations a smokescreen.",
     ("indirect", "Officials in Baku", "called", "Baku attacked first", "denies", False)),
    ("Yerevan said Baku attacked first. Baku said that figure was invented.",
     ("indirect", "Baku", "said", "Baku attacked first", "denies", False)),
    ("Yerevan said Baku attacked first. Baku said that the reports were a fabrication.",
     ("indirect", "Baku", "said", "Baku attacked first", "denies", False)),
    ('Yerevan said Baku attacked first. Baku called the report "another provocation".',
     ("indirect", "Baku", "called", "Baku attacked first", "denies", False)),
    ('Yerevan said Baku attacked first. "This story is a lie," the minister said.',
     ("direct", "the minister", "said", "Baku attacked first", "denies", False)),
    ('Yerevan said Baku attacked first. Baku called that version "an absurd pretext".',
     ("indirect", "Baku", "called", "Baku attacked first", "denies", False)),
    ("Yerevan said Baku attacked first. Baku called it disinformation aimed at justifying an offensive.",
     ("indirect", "Baku", "called", "Baku attacked first", "denies", False)),
    # A counter-accusation answers the claim before it.
    ("Yerevan said Baku attacked first. Baku said Yerevan was spreading disinformation again.",
     ("indirect", "Baku", "said", "Baku attacked first", "denies", False)),
    ("Yerevan said Baku attacked first. Baku said the Armenian side is once again spreading false information.",
     ("indirect", "Baku", "said", "Baku attacked first", "denies", False)),
    ("Yerevan said Baku attacked first. Baku said Yerevan was lying.",
     ("indirect", "Baku", "said", "Baku attacked first", "denies", False)),
    ("Yerevan said Baku attacked first. Baku accused Yerevan of spreading disinformation to cover up its own losses.",
     ("indirect", "Baku", "accused", "Baku attacked first", "denies", False)),
    ("Yerevan said Baku attacked first. Baku accused Yerevan of staging the whole story.",
     ("indirect", "Baku", "accused", "Baku attacked first", "denies", False)),
    # The claims named by whom they come from: still pointers.
    ("Yerevan said Baku attacked first. Baku rejected the accusations coming from Yerevan.",
     ("indirect", "Baku", "rejected", "Baku attacked first", "denies", False)),
    ("Yerevan said Baku attacked first. Baku dismissed the claims made by Yerevan as lies.",
     ("indirect", "Baku", "dismissed", "Baku attacked first", "denies", False)),
    # A denial with nothing after it, as in a headline.
    ("Yerevan says Baku attacked first; Baku denies", ("indirect", "Baku", "denies", "Baku attacked first", "denies", False)),
])
def test_denial_pointing_back_takes_the_earlier_content(text, denial):
    first, second = extract(text, "t")
    _assert_offsets(text, [first, second])
    assert _reading(second) == denial
    assert second.refers_to == first.id == "t:s001"
    assert second.content == first.content


def test_a_denial_of_reports_to_the_contrary_says_again_what_was_just_said():
    # Not a denial of the speaker's own words: the statement before it, asserted once more, pointing back at it.
    text = 'Baku said four tanks were lost. Hajiyev tweeted: "No tank has been lost. Reports to the contrary are fake."'
    claim, own, again = [s for s in extract(text, "t") if s.kind != "narrator"]
    _assert_offsets(text, [claim, own, again])
    assert (own.polarity, own.content.text) == ("asserts", "No tank has been lost")
    assert (again.polarity, again.content, again.refers_to) == ("asserts", own.content, own.id)
    assert again.pointer.text == "Reports to the contrary are fake"


@pytest.mark.parametrize("text, content", [
    ("The minister said Russia was lying about its losses in Ukraine.", "Russia was lying about its losses in Ukraine"),
    ("Yerevan said Baku is spreading disinformation about the shelling.", "Baku is spreading disinformation about the shelling"),
])
def test_a_counter_accusation_with_no_claim_before_it_is_an_accusation(text, content):
    (statement,) = extract(text, "t")
    assert (statement.polarity, statement.refers_to, statement.content.text) == ("asserts", None, content)


def test_a_counter_accusation_that_names_its_subject_answers_no_earlier_claim():
    text = "Yerevan said Baku attacked first. Baku said Yerevan was lying about its losses."
    first, second = extract(text, "t")
    assert (second.polarity, second.refers_to, second.content.text) == ("asserts", None, "Yerevan was lying about its losses")


def test_a_verdict_with_no_dismissal_at_the_end_of_its_clause_is_no_denial():
    # "a lie to the nation" goes on past the dismissal: no verdict on a claim (the narrator speaks).
    (statement,) = extract("The minister called the speech a lie to the nation.", "t")
    assert statement.kind == "narrator"


def test_a_verdict_on_the_claims_and_a_that_clause_after_it_are_two_statements():
    text = "Yerevan said Baku attacked first. Baku said the claims were false and that it had lost no tanks."
    claim, denial, own = extract(text, "t")
    _assert_offsets(text, [claim, denial, own])
    assert (denial.polarity, denial.refers_to, denial.content) == ("denies", claim.id, claim.content)
    assert (own.polarity, own.refers_to, own.content.text) == ("asserts", None, "it had lost no tanks")
    assert own.speaker == denial.speaker and own.cue == denial.cue


def test_a_quote_that_opens_with_a_verdict_on_the_claims_denies_them_and_asserts_the_rest():
    text = '"Claims that the men lost their way in the fog are absurd. They are saboteurs," the spokesman said.'
    denial, rest = [s for s in extract(text, "t") if s.kind != "narrator"]
    _assert_offsets(text, [denial, rest])
    assert (denial.polarity, denial.content.text) == ("denies", "the men lost their way in the fog")
    assert (rest.polarity, rest.content.text) == ("asserts", "They are saboteurs")
    # a quote of several sentences without a verdict is one assertion per sentence, each with the speaker
    said = [s for s in extract('"We will not retreat. Our positions hold," he said.', "t") if s.kind != "narrator"]
    assert [(s.polarity, s.speaker.text, s.content.text) for s in said] == [
        ("asserts", "he", "We will not retreat"), ("asserts", "he", "Our positions hold")]


def test_a_verdict_after_a_speaker_whose_name_holds_a_list_denies_the_other_speaker():
    text = ('Yerevan said 14 bodies were received. The State Commission on Prisoners of War, Hostages and Missing '
            'Persons said: "All 18 were handed over in full. The information spread by Armenian media is a lie."')
    claim, own, denial = extract(text, "t")
    assert own.speaker == denial.speaker and own.speaker.text.startswith("The State Commission on Prisoners")
    assert (denial.polarity, denial.refers_to, denial.content) == ("denies", claim.id, claim.content)
    assert denial.pointer.text == "The information spread by Armenian media is a lie"  # its own words
    assert claim.pointer is None and own.pointer is None


@pytest.mark.parametrize("text, said", [
    ("The ministry denied that its helicopters had been downed, a day after the separatist authorities said two had "
     "been shot down.", [("The ministry", "denies", "its helicopters had been downed"),
                         ("the separatist authorities", "asserts", "two had been shot down")]),
    ("Baku said its troops had withdrawn, hours after Armenian media reported that they had fled.",
     [("Baku", "asserts", "its troops had withdrawn"), ("Armenian media", "asserts", "they had fled")]),
    ("Baku said its troops had withdrawn, a day after the fighting began.",
     [("Baku", "asserts", "its troops had withdrawn, a day after the fighting began")]),
])
def test_a_claim_made_a_day_before_is_its_own_statement(text, said):
    statements = [s for s in extract(text, "t") if s.kind != "narrator"]
    _assert_offsets(text, statements)
    assert [(s.speaker.text, s.polarity, s.content.text) for s in statements] == said


def test_a_claim_called_absurd_is_denied_by_whoever_called_it_so():
    text = "Baku accused Armenian drivers of blocking the road, a claim Armenian officials called absurd."
    claim, denial = extract(text, "t")
    assert (denial.speaker.text, denial.polarity, denial.refers_to) == ("Armenian officials", "denies", claim.id)


def test_a_verdict_later_in_a_quote_denies_what_another_speaker_said():
    text = ('The Defense Army said it had shot down two helicopters. "All our helicopters have returned to their '
            'bases. The information spread by Armenian media is a lie," the spokesman said.')
    claim, own, denial = [s for s in extract(text, "t") if s.kind != "narrator"]
    _assert_offsets(text, [claim, own, denial])
    assert (own.polarity, own.content.text) == ("asserts", "All our helicopters have returned to their bases")
    assert (denial.polarity, denial.refers_to, denial.content) == ("denies", claim.id, claim.content)
    text = 'Yerevan said the troops left. "We hold the heights. The information that our units have left is false."'
    text += " Dargahli said."
    said = [s for s in extract(text.replace('." Dargahli said.', '," Dargahli said.'), "t") if s.kind != "narrator"]
    assert [(s.polarity, s.content.text) for s in said[1:]] == [
        ("asserts", "We hold the heights"), ("denies", "our units have left")]


@pytest.mark.parametrize("content", [
    "the information was published on Monday", "the report was released", "this is a difficult time",
    "the claims of shelling were investigated", "no such talks were planned", "this was the case in May",
])
def test_a_content_about_a_report_that_calls_nothing_false_asserts(content):
    first, second = extract(f"Yerevan said Baku attacked first. Baku said {content}.", "t")
    assert (second.polarity, second.refers_to, second.content.text) == ("asserts", None, content)


def test_point_back_prefers_attributed_over_narrator():
    text = "Goris was shelled. The ministry said Azerbaijan attacked. Fighting went on. Baku denied it."
    statements = extract(text, "t")
    denial = statements[-1]
    assert denial.polarity == "denies" and denial.refers_to == "t:s002"
    assert denial.content.text == "Azerbaijan attacked"


def test_confidence_is_lower_for_weak_patterns():
    (clear,) = extract("The ministry said that Goris was shelled.")
    (pronoun,) = extract("He said that Goris was shelled.")
    (inverted,) = extract("Goris was shelled, the ministry said.")
    (narrator,) = extract("Goris was shelled.")
    assert clear.confidence == narrator.confidence == 1.0
    assert pronoun.confidence < 1.0 and inverted.confidence < 1.0


def test_unattributed_quote_goes_to_the_previous_speaker_with_low_confidence():
    first, second = extract('The minister said that the army is ready. "We will not give up."')
    assert second.kind == "direct" and second.content.text == "We will not give up"
    assert second.speaker == first.speaker
    assert second.cue == first.cue and second.cue.text == "said"  # under the cue that gave the minister the floor
    assert second.confidence < 0.6
    (alone,) = extract('"We will not give up."')
    assert alone.speaker is None and alone.cue is None


@pytest.mark.parametrize("text", ['She got out and repeatedly says, "Do not do it."',
                                  "A reporter spotted Stein and her press secretary and reported it on Twitter."])
def test_no_speaker_is_an_adverb_or_ends_with_a_conjunction(text):
    speakers = [s.speaker.text for s in extract(text) if s.speaker is not None]
    assert not any(sp.split()[-1] in ("and", "or", "but") or sp == "repeatedly" for sp in speakers), speakers


@pytest.mark.parametrize("text, spoken", [
    # "claimed" as "killed": nobody speaks
    ("The six-week war claimed more than 6,500 lives.", False),
    ("The clashes claimed the lives of 17 soldiers.", False),
    ("The war claimed tens of thousands of lives.", False),
    # ... but a claim about lives is one
    ("Baku claimed that the lives of civilians were at risk.", True),
    ("Baku claimed 300 Armenian soldiers were killed.", True),
])
def test_claimed_lives_is_no_report(text, spoken):
    assert any(s.speaker is not None for s in extract(text)) == spoken


def test_two_apostrophes_are_read_as_a_quotation_mark():
    text = "''Their strategy is clear,'' Michael McFaul, a senior fellow, said of RT. ''It works.''"
    first, second = extract(text)
    assert [(s.kind, s.speaker.text, s.cue.text, s.content.text) for s in (first, second)] == [
        ("direct", "Michael McFaul, a senior fellow", "said", "Their strategy is clear"),
        ("direct", "Michael McFaul, a senior fellow", "said", "It works"),
    ]
    _assert_offsets(text, [first, second])             # spans slice the text as given, apostrophes and all


@pytest.mark.parametrize("text", [
    "'We did not open fire,' the ministry said. 'Armenia's claims are false and its soldiers' stories invented.'",
    "\u2018We did not open fire,\u2019 the ministry said. \u2018Armenia\u2019s claims are false and its soldiers\u2019"
    " stories invented.\u2019",
])
def test_single_quotes_are_a_quotation_where_no_apostrophe_could_be(text):
    first, second = extract(text)
    assert [(s.kind, s.speaker.text, s.content.text) for s in (first, second)] == [
        ("direct", "the ministry", "We did not open fire"),
        ("direct", "the ministry", text[text.index("Armenia"):-2]),  # apostrophes inside are the words'
    ]
    _assert_offsets(text, [first, second])


def test_single_quoted_words_without_final_punctuation_stay_in_the_sentence():
    # Scare quotes: no comma or full stop before the closing mark, so no quotation is read in them.
    (s,) = [x for x in extract("Pashinyan said the talks were 'constructive' and the 'Armenian side' would go on.")]
    assert (s.kind, s.speaker.text, s.content.text) == (
        "indirect", "Pashinyan", "the talks were 'constructive' and the 'Armenian side' would go on")


@pytest.mark.parametrize("mark", ['"', "'"])
def test_a_colon_before_a_single_quote_announces_the_quotation_as_before_a_double_one(mark):
    text = (f"Defence Minister Suren Papikyan told reporters: {mark}Our positions were not shelled.{mark} "
            f"Spokeswoman Shushan Stepanyan: {mark}We have lost no tanks.{mark} Note: 'tis the season.")
    first, second, *rest = extract(text)
    assert [(s.kind, s.speaker.text, s.content.text) for s in (first, second)] == [
        ("direct", "Defence Minister Suren Papikyan", "Our positions were not shelled"),
        ("direct", "Spokeswoman Shushan Stepanyan", "We have lost no tanks"),
    ]
    assert all(s.speaker is None for s in rest)       # an apostrophe after a colon opens no quotation
    _assert_offsets(text, [first, second])


def test_the_speaker_before_a_colon_stops_at_the_topic():
    text = ('Aliyev on Karabakh: "We will not give up an inch of our land."\n\n'
            'Zakharova about the talks: "Moscow is ready to host them."\n\nThe organisers: "Nothing was agreed."\n\n'
            'Armenian Defence Ministry on Azerbaijani claims: "Our positions were not shelled."\n\n'
            'The head of the commission on human rights says: "All is well."')
    statements = extract(text)
    assert [(s.speaker.text, s.cue and s.cue.text, s.content.text) for s in statements] == [
        ("Aliyev", None, "We will not give up an inch of our land"),
        ("Zakharova", None, "Moscow is ready to host them"),
        ("The organisers", None, "Nothing was agreed"),
        ("Armenian Defence Ministry", None, "Our positions were not shelled"),  # "claims": the topic, not a cue
        ("The head of the commission on human rights", "says", "All is well"),
    ]
    _assert_offsets(text, statements)
    sides = [s.side for s in claimdiff.extract(text)]
    assert sides[:2] == ["azerbaijan", "russia"] and sides[3] == "armenia"  # "Aliyev on Karabakh": none


def test_related_marker_ends_the_article_and_chrome_is_dropped():
    text = ("Skip to main content\n\nThe ministry said that Goris was shelled.\n\nRead more:\n\n"
            "Baku denied that Azerbaijan attacked.")
    statements = extract(text)
    assert [s.content.text for s in statements] == ["Goris was shelled"]


def test_doc_id_and_ids_in_text_order():
    statements = extract("Goris was shelled. Baku denied that it attacked. Yerevan said it was attacked.", "a1")
    assert [s.id for s in statements] == ["a1:s001", "a1:s002", "a1:s003"]
    assert all(s.doc_id == "a1" for s in statements)
    starts = [s.content.start for s in statements]
    assert starts == sorted(starts)


def test_module_docstring_example_runs():
    result = doctest.testmod(segment_module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0


# --------------------------------------------------------------------------------------------------------------
# Invariants and odd input
# --------------------------------------------------------------------------------------------------------------

ODD_TEXTS = [
    "The ministry said that Goris was shelled.\r\n\r\nBaku denied it.\r\n",
    "Пашинян заявил, что «граница спокойна». 🇦🇲🔥 The ministry said \"ok\" 😀.",
    "Հայաստանի ՊՆ-ն հայտնում է, որ իրավիճակը լարված է։\tThe ministry said that\tGoris was shelled.",
    'The ministry said "Azerbaijan attacked. Nobody else said anything.',
    "\t  The ministry\tsaid that Goris\r\nwas shelled.  \r\n",
    "👍 " * 50,
    '"," he said.',
    "\ud800 said that x",
    "\x00\x01\x02 said that",
    "“”«»„\"",
]


@pytest.mark.parametrize("text", ODD_TEXTS)
def test_offsets_slice_back_on_odd_input(text):
    _assert_offsets(text, extract(text))


def test_crlf_and_tabs_read_like_plain_newlines():
    text = "The ministry said that Goris was shelled.\r\n\r\nBaku\tdenied that it attacked."
    statements = extract(text)
    assert [_reading(s)[:4] for s in statements] == [
        ("indirect", "The ministry", "said", "Goris was shelled"),
        ("indirect", "Baku", "denied", "it attacked"),
    ]


@pytest.mark.parametrize("text", ["", " ", "\n\n\r\n\t ", "\u3000"])
def test_empty_text_gives_nothing(text):
    assert extract(text) == []


@pytest.mark.parametrize("bad", [b"The ministry said that x.", None, 42, ["text"]])
def test_non_str_raises_type_error_naming_the_type(bad):
    with pytest.raises(TypeError, match=type(bad).__name__):
        extract(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("text", [
    'The ministry said: "We will not give up. Baku said nothing.',
    "The ministry said: “We will not give up.",
    "«Мы не сдадимся, said Pashinyan.",
])
def test_unbalanced_quote_warns_and_invents_no_direct_quote(text, caplog):
    with caplog.at_level(logging.WARNING, logger="claimdiff.attribution"):
        statements = extract(text)
    assert any("nbalanced" in r.getMessage() for r in caplog.records)
    assert not any(s.kind == "direct" for s in statements)
    _assert_offsets(text, statements)


def test_balanced_quotes_do_not_warn(caplog):
    with caplog.at_level(logging.WARNING, logger="claimdiff.attribution"):
        extract(_seed())
    assert not caplog.records


def test_large_text_runs(seed_statements):
    # About 1 MB of repeated article paragraphs: no timing assertion, but a quadratic step would hang here.
    body = _seed().split("Читайте также")[0]
    text = (body + "\n\n") * (1_000_000 // (len(body) + 2) + 1)
    statements = extract(text, "big")
    repeats = text.count("Armenia asks Russia")
    assert len(statements) == repeats * len(seed_statements)
    last = statements[-1]
    assert text[last.content.start:last.content.end] == last.content.text


# --------------------------------------------------------------------------------------------------------------
# A quotation continued over paragraphs: each paragraph opens with a quote mark, only the last one closes
# --------------------------------------------------------------------------------------------------------------

CONTINUED = ('"We will not accept any ceasefire violation," the minister said. '
             '"Our forces will respond to every provocation.\n\n'
             '"The responsibility lies with the other side."\n\n'
             "WALLACE: Thank you, minister.")


def test_continued_quote_keeps_its_speaker_across_paragraphs_one_statement_per_sentence(caplog):
    with caplog.at_level(logging.WARNING, logger="claimdiff.attribution"):
        statements = extract(CONTINUED)
    assert not caplog.records
    _assert_offsets(CONTINUED, statements)
    assert [(s.kind, s.speaker and s.speaker.text, s.content.text) for s in statements] == [
        ("direct", "the minister", "We will not accept any ceasefire violation"),
        ("direct", "the minister", "Our forces will respond to every provocation"),
        ("direct", "the minister", '"The responsibility lies with the other side'),
        ("narrator", None, "WALLACE: Thank you, minister"),
    ]


@pytest.mark.parametrize("text, speaker", [
    ('"We will respond.\n\n"Our forces are ready," the minister said.', "the minister"),
    ("The minister said: “We will respond.\n  \n  “Our forces are ready.”", "The minister"),
    ("The minister said: “We will respond to them.\n  \n  “Our forces are ready now.”", "The minister"),
    ("Pashinyan said: «Мы ответим.\n\n«Силы готовы».", "Pashinyan"),
])
def test_continued_quote_takes_the_speaker_from_any_of_its_paragraphs(text, speaker, caplog):
    with caplog.at_level(logging.WARNING, logger="claimdiff.attribution"):
        statements = extract(text)
    assert not caplog.records
    _assert_offsets(text, statements)
    assert {(s.kind, s.speaker.text) for s in statements} == {("direct", speaker)}
    assert statements[0].content.start < statements[-1].content.end - 10


@pytest.mark.parametrize("text", [
    # the text ends before the quote closes
    '"We will respond," he said. "Our forces are ready.\n\n"It is on them.',
    # a paragraph that does not start with a quote breaks the chain
    '"We will respond," he said. "Our forces are ready.\n\nIt is on them."',
    '"We will respond," he said. "Our forces are ready.\n\n"It is on them.\n\nThe army said that it was ready.',
    # the next paragraph opens with a quote of another family
    "“We will respond,” he said. “Our forces are ready.\n\n«It is on them.»",
])
def test_continued_quote_that_never_closes_warns_and_invents_nothing(text, caplog):
    with caplog.at_level(logging.WARNING, logger="claimdiff.attribution"):
        statements = extract(text)
    assert any("nbalanced" in r.getMessage() for r in caplog.records)
    _assert_offsets(text, statements)
    assert not any("\n" in s.content.text for s in statements)
    assert not any("Our forces" in s.content.text for s in statements if s.kind == "direct")


def test_balanced_paragraphs_are_not_joined(caplog):
    text = '"We will respond," the minister said.\n\n"It is on them," Baku said.'
    with caplog.at_level(logging.WARNING, logger="claimdiff.attribution"):
        statements = extract(text)
    assert not caplog.records
    assert [_reading(s)[:4] for s in statements] == [
        ("direct", "the minister", "said", "We will respond"),
        ("direct", "Baku", "said", "It is on them"),
    ]


def test_quote_wall_lines_signed_with_a_dash_are_direct_quotes_of_the_signer(caplog):
    text = ("Readers wrote in.\n\n"
            "“He scares me.” ― Jane Doe\n"
            "”He cannot win, and he knows it.” ―\u00a0John Q. Public.\n"
            "“We will vote.” — Ana María López")
    with caplog.at_level(logging.WARNING, logger="claimdiff.attribution"):
        statements = extract(text)
    assert not caplog.records  # the line opened with ” is read as a mistyped opening mark
    signed = [(s.speaker.text, s.cue.text, s.content.text) for s in statements if s.kind == "direct"]
    assert signed == [("Jane Doe", "―", "He scares me"),
                      ("John Q. Public", "―", "He cannot win, and he knows it"),
                      ("Ana María López", "—", "We will vote")]
    _assert_offsets(text, statements)


@pytest.mark.parametrize("text", [
    "“He scares me.” ― and then the crowd left\n",     # no name after the dash
    "He said “it rains” — Jane Doe\n",                 # the quote does not open its line
    "“It rains,” she said — Jane Doe\n",
])
def test_a_dash_after_a_quote_is_no_signature_unless_a_name_closes_the_line(text):
    assert not [s for s in extract(text) if s.cue is not None and s.cue.text in "―—"]


def test_a_closing_mark_that_closes_an_open_quote_is_not_reread_as_an_opener(caplog):
    text = "“We will fight\n” he said.\n”Stray."
    with caplog.at_level(logging.WARNING, logger="claimdiff.attribution"):
        extract(text)
    assert any("nbalanced" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize("text, speaker", [
    ("BAKU, Sept 13 (Reuters) - The ministry said that Armenia attacked.", "The ministry"),
    ("BAKU: The ministry said that Armenia attacked.", "The ministry"),
    ("BAKU — The ministry said that Armenia attacked.", "The ministry"),
    ("BAKU ― Armenia attacked, the ministry said.", "the ministry"),
])
def test_a_wire_dateline_is_neither_speaker_nor_content(text, speaker):
    assert [(s.speaker.text, s.content.text) for s in extract(text)] == [(speaker, "Armenia attacked")]


def test_transcript_turns_are_direct_speech_of_the_labelled_speaker():
    text = ('Partial transcript:\n\n"WALLACE: Will she be there?\n\n"PENCE: Well, look, she will not.\n\n'
            '"(CROSSTALK.)\n\n"WALLACE: If I may, sir.\n\n"PENCE: No. She said that it was over."')
    turns = [(s.speaker.text, s.cue.text, s.content.text) for s in extract(text) if s.kind == "direct"]
    assert turns == [("WALLACE", ":", "Will she be there"), ("PENCE", ":", "Well, look, she will not"),
                     ("WALLACE", ":", "If I may, sir"), ("PENCE", ":", "No. She said that it was over")]


def test_a_label_that_does_not_take_turns_is_no_transcript():
    text = "CORRECTION: An earlier version misspelled a name.\n\nUPDATE: The ministry said that the border was calm."
    assert not [s for s in extract(text) if s.cue is not None and s.cue.text == ":"]


@pytest.mark.parametrize("lead_in, speaker", [
    ("The Azerbaijani Defense Ministry said in a statement:", "The Azerbaijani Defense Ministry"),
    ("He said:", "He"),
])
def test_a_lead_in_line_gives_the_quote_paragraph_below_it_its_speaker(lead_in, speaker):
    text = f"Fighting resumed.\n\n{lead_in}\n\n“Armenian units shelled our positions.”\n\nNothing else happened."
    statements = extract(text)
    assert [(s.kind, s.speaker and s.speaker.text, s.content.text) for s in statements] == [
        ("narrator", None, "Fighting resumed"),
        ("direct", speaker, "Armenian units shelled our positions"),
        ("narrator", None, "Nothing else happened")]
    _assert_offsets(text, statements)


def test_a_colon_line_without_a_speaker_leaves_the_quote_unattributed():
    statements = extract("Here is what we know:\n\n“Armenian units shelled our positions.”")
    assert [(s.kind, s.speaker) for s in statements] == [("narrator", None), ("direct", None)]


@pytest.mark.parametrize("text, second", [
    ("Armenia shelled the village, said Baku, adding that two civilians were wounded.",
     ("Baku", "adding", "asserts", "two civilians were wounded")),
    ("Armenian troops crossed the border, the ministry said, denying that its forces fired first.",
     ("the ministry", "denying", "denies", "its forces fired first")),
    ("A soldier was killed, the ministry said, and the enemy units withdrew after return fire.",
     ("the ministry", "said", "asserts", "the enemy units withdrew after return fire")),
])
def test_an_inverted_attribution_may_go_on_with_a_second_statement(text, second):
    statements = extract(text)
    assert len(statements) == 2
    assert statements[0].content.text in ("Armenia shelled the village", "Armenian troops crossed the border",
                                          "A soldier was killed")
    s = statements[1]
    assert (s.speaker.text, s.cue.text, s.polarity, s.content.text) == second
    _assert_offsets(text, statements)


# Cue shapes of two-sided conflict reporting (issue 14): coordinated statements split, verdict denials,
# blame, tweets. Written for these tests, not taken from any article.
@pytest.mark.parametrize("text, expected", [
    ("The ministry denied that its troops had opened fire and said Armenian units had shelled positions in Tovuz.",
     [("indirect", "The ministry", "denied", "its troops had opened fire", "denies", False),
      ("indirect", "The ministry", "said", "Armenian units had shelled positions in Tovuz", "asserts", False)]),
    ("Baku said Armenian units had shelled Tovuz but denied that any soldier was killed.",
     [("indirect", "Baku", "said", "Armenian units had shelled Tovuz", "asserts", False),
      ("indirect", "Baku", "denied", "any soldier was killed", "denies", False)]),
    ("The ministry said the border was calm, adding that talks would resume.",
     [("indirect", "The ministry", "said", "the border was calm", "asserts", False),
      ("indirect", "The ministry", "adding", "talks would resume", "asserts", False)]),
    ("The army denied that its units had attacked positions in Tovuz, calling the reports disinformation.",
     [("indirect", "The army", "denied", "its units had attacked positions in Tovuz", "denies", False)]),
    ('Baku dismissed the claims of Armenian officials that its soldiers had crossed the border as "a fabrication".',
     [("indirect", "Baku", "dismissed", "its soldiers had crossed the border", "denies", False)]),
    ("Yerevan described the allegations as groundless.",
     [("indirect", "Yerevan", "described", "the allegations", "denies", False)]),
    # The report named, who spread it, what it alleges, and a verdict on it: the statement denies what it alleges.
    ('The information spread by Armenian media and the so-called "defense army" about the death of a soldier from '
     "sniper fire does not reflect reality, the ministry said.",
     [("indirect", "the ministry", "said", "the death of a soldier from sniper fire", "denies", False)]),
    ("The statements spread by Armenia's security service alleging that its units fired mortars at a building site "
     "are absolutely false, the ministry said.",
     [("indirect", "the ministry", "said", "its units fired mortars at a building site", "denies", False)]),
    ("The reports of attacks on villages are false, the ministry said.",
     [("indirect", "the ministry", "said", "attacks on villages", "denies", False)]),
    ('"The claims from Yerevan are nothing but a smokescreen," he wrote.',
     [("direct", "he", "wrote", "The claims from Yerevan are nothing but a smokescreen", "denies", False)]),
    ("The ministry called the report a lie.",
     [("indirect", "The ministry", "called", "the report", "denies", False)]),
    ("Baku accused Yerevan of shelling villages in Tovuz.",
     [("indirect", "Baku", "accused", "Yerevan of shelling villages in Tovuz", "asserts", False)]),
    ('Hajiyev tweeted: "Armenia is lying again."',
     [("direct", "Hajiyev", "tweeted", "Armenia is lying again", "asserts", False)]),
    # A denial reported inside the claim: the claim ends at the comma; the denier gets its own statements.
    ("Baku said its units had taken a hill, a claim denied by the Armenian army, which said the hill was held.",
     [("indirect", "Baku", "said", "its units had taken a hill", "asserts", False),
      ("indirect", "the Armenian army", "denied", "its units had taken a hill", "denies", False),
      ("indirect", "the Armenian army", "said", "the hill was held", "asserts", False)]),
    ("Yerevan said a drone had been downed, a claim Baku dismissed as propaganda.",
     [("indirect", "Yerevan", "said", "a drone had been downed", "asserts", False),
      ("indirect", "Baku", "dismissed", "a drone had been downed", "denies", False)]),
    ('Baku said it had arrested a spy, a claim that the ministry\'s spokeswoman described as "absurd".',
     [("indirect", "Baku", "said", "it had arrested a spy", "asserts", False),
      ("indirect", "the ministry's spokeswoman", "described", "it had arrested a spy", "denies", False)]),
    ("Baku said Armenian forces had lost three servicemen, a figure Yerevan rejected.",
     [("indirect", "Baku", "said", "Armenian forces had lost three servicemen", "asserts", False),
      ("indirect", "Yerevan", "rejected", "Armenian forces had lost three servicemen", "denies", False)]),
    # an adverb between the denier and its cue is no part of the denier
    ("Baku said the six men were saboteurs, a claim Yerevan firmly rejects.",
     [("indirect", "Baku", "said", "the six men were saboteurs", "asserts", False),
      ("indirect", "Yerevan", "rejects", "the six men were saboteurs", "denies", False)]),
    # a dateline of city, date and outlet in capitals, closed by a full stop
    ("YEREVAN, JULY 12, NEWS.AM. Armenia's Ministry of Environment has rejected as groundless Baku's allegations "
     "that the river was polluted.",
     [("indirect", "Armenia's Ministry of Environment", "has rejected", "the river was polluted", "denies", False)]),
    ("Baku said Armenian forces had shelled Tovuz, which Yerevan denied.",
     [("indirect", "Baku", "said", "Armenian forces had shelled Tovuz", "asserts", False),
      ("indirect", "Yerevan", "denied", "Armenian forces had shelled Tovuz", "denies", False)]),
    ("Baku said Armenian forces had shelled Tovuz, which was denied by the Armenian army.",
     [("indirect", "Baku", "said", "Armenian forces had shelled Tovuz", "asserts", False),
      ("indirect", "the Armenian army", "denied", "Armenian forces had shelled Tovuz", "denies", False)]),
    # ... and after an attribution that ends the sentence: "P, X said, an accusation Y rejected".
    ("Azerbaijani troops fired on a television crew, Armenia's defence ministry said on Tuesday, "
     "an accusation Baku rejected.",
     [("indirect", "Armenia's defence ministry", "said", "Azerbaijani troops fired on a television crew", "asserts",
       False),
      ("indirect", "Baku", "rejected", "Azerbaijani troops fired on a television crew", "denies", False)]),
    ("Armenian forces shelled Tovuz overnight, the ministry said, a claim denied by Yerevan.",
     [("indirect", "the ministry", "said", "Armenian forces shelled Tovuz overnight", "asserts", False),
      ("indirect", "Yerevan", "denied", "Armenian forces shelled Tovuz overnight", "denies", False)]),
    # Coordinated that-clauses of one cue are two statements, as the benchmark's gold has them (kept together on
    # 2026-12-04 for the context NLI needs; split on 2026-12-05: written 0.748 / 0.118 -> 0.713 / 0.118, written_b
    # unchanged, written_d 0.444 / 0.178 -> 0.459 / 0.140, recall / false alarm).
    ("The ministry said its forces had repelled the attack, and that the situation was under control.",
     [("indirect", "The ministry", "said", "its forces had repelled the attack", "asserts", False),
      ("indirect", "The ministry", "said", "the situation was under control", "asserts", False)]),
    ("Baku denied that its troops had fired and that any village was hit.",
     [("indirect", "Baku", "denied", "its troops had fired", "denies", False),
      ("indirect", "Baku", "denied", "any village was hit", "denies", False)]),
    # A content that calls the other side's claim false denies what the claim says.
    ("The aide said the claims of the Armenian side about shelling of Goris are completely false.",
     [("indirect", "The aide", "said", "shelling of Goris", "denies", False)]),
    ('"Reports that our units left the hill are fake," the spokesman said.',
     [("direct", "the spokesman", "said", "our units left the hill", "denies", False)]),
    ("The minister said the report on the budget was published.",
     [("indirect", "The minister", "said", "the report on the budget was published", "asserts", False)]),
    # Dismissals beyond "lie" and "groundless", and a qualifier between "as" and the dismissal.
    ('The aide described the allegations of a crisis as "a political manipulation".',
     [("indirect", "The aide", "described", "a crisis", "denies", False)]),
    ('The spokeswoman called the claims of shelling "a crude attempt to shift responsibility".',
     [("indirect", "The spokeswoman", "called", "shelling", "denies", False)]),
    ("The ministry said claims that its troops had withdrawn were not true.",
     [("indirect", "The ministry", "said", "its troops had withdrawn", "denies", False)]),
    # A verdict with what the account was made for, or whom it misleads; whose account, by name.
    ("The spokesman called the Azerbaijani allegations a fabrication concocted ahead of the talks.",
     [("indirect", "The spokesman", "called", "the Azerbaijani allegations", "denies", False)]),
    ("The ministry described Baku's version as an attempt to mislead the international community.",
     [("indirect", "The ministry", "described", "Baku's version", "denies", False)]),
    ("The aide dismissed the statement of the Armenian Foreign Ministry as propaganda.",
     [("indirect", "The aide", "dismissed", "the statement of the Armenian Foreign Ministry", "denies", False)]),
    ("The ministry called Yerevan's talk of an offensive a gross exaggeration.",
     [("indirect", "The ministry", "called", "an offensive", "denies", False)]),
    # A verdict participle after a quote denies the account it names.
    ('"Nobody crossed the line," the governor said, calling the Armenian report "pure fiction".',
     [("direct", "the governor", "said", "Nobody crossed the line", "asserts", False),
      ("indirect", "the governor", "calling", "the Armenian report", "denies", False)]),
    # An attribution after a semicolon has only the clause after it.
    ("Baku maintains that the post lies two kilometres from the border; the distance is 600 metres, the Armenian "
     "ministry said.",
     [("indirect", "Baku", "maintains", "the post lies two kilometres from the border", "asserts", False),
      ("indirect", "the Armenian ministry", "said", "the distance is 600 metres", "asserts", False)]),
    # "read" reports only after a written text's noun.
    ('The ministry\'s statement read: "The border is calm."',
     [("direct", "The ministry's statement", "read", "The border is calm", "asserts", False)]),
    # An outlet's own finding, from sources or not ("has learned" reports only before "that" or a colon).
    ("News.am has learned from unnamed sources in the company that fresh tracks were found.",
     [("indirect", "News.am", "has learned", "fresh tracks were found", "asserts", True)]),
    ("Armenpress has learned that the talks had stalled.",
     [("indirect", "Armenpress", "has learned", "the talks had stalled", "asserts", False)]),
    # Why a speaker is unnamed is no part of the speaker (and hedges what it says).
    ("A resident who asked not to be named told OC Media that shooting could be heard.",
     [("indirect", "A resident", "told", "shooting could be heard", "asserts", True)]),
    # A speaker, an aside on how it was reached or its name, then the cue: the cue leads (not "P, said X").
    ("A resident of Paravakar, reached by telephone, said the shooting woke the village shortly before midnight.",
     [("indirect", "A resident of Paravakar", "said", "the shooting woke the village shortly before midnight",
       "asserts", False)]),
    ("The region's power company, Artsakhenergo, said soldiers kept its repairmen away for 31 hours.",
     [("indirect", "The region's power company, Artsakhenergo", "said", "soldiers kept its repairmen away for 31 hours",
       "asserts", False)]),
    ("Residents, however, said the shelling went on.",
     [("indirect", "Residents", "said", "the shelling went on", "asserts", False)]),
    # "by X's account", at the start or in mid-sentence, as "according to X".
    ("By Baku's account, the convoy carried only building materials.",
     [("according_to", "Baku", "account", "the convoy carried only building materials", "asserts", False)]),
    ("They clashed over a shooting in which, by Yerevan's account, a driver was wounded.",
     [("narrator", None, None, "They clashed over a shooting in which", "asserts", False),
      ("according_to", "Yerevan", "account", "a driver was wounded", "asserts", False)]),
])
def test_conflict_cue_shapes(text, expected):
    statements = extract(text, "t")
    _assert_offsets(text, statements)
    assert [_reading(s) for s in statements] == expected


@pytest.mark.parametrize("text", ["Pashinyan called for talks with Baku.", "The minister called the talks useful.",
                                  "Baku called the shelling a provocation.",  # said of an act, it blames
                                  "He called for an end to the speculation.",
                                  "The minister called the myth of a quick victory dangerous.",
                                  '"We are ready," the minister said, calling the talks "a step forward".'])
def test_a_verdict_verb_without_a_dismissal_is_no_denial(text):
    assert all(s.polarity == "asserts" for s in extract(text, "t"))


def test_put_is_no_cue_without_a_figure():
    assert [x.kind for x in extract("He put the blame on Baku and put the losses out of mind.", "t")] == ["narrator"]


def test_read_is_no_cue_without_a_written_text():
    assert [x.kind for x in extract("He read the report twice before the vote.", "t")] == ["narrator"]


def test_a_cue_word_after_a_hyphen_is_no_cue():
    (s,) = [x for x in extract("The so-called republic's ombudsman said the claims were false.", "t")
            if x.kind != "narrator"]
    assert (s.speaker.text, s.cue.text) == ("The so-called republic's ombudsman", "said")


def test_called_on_stays_an_appeal():
    (s,) = extract("In June, the senator called on fellow Republicans to unendorse him.", "t")
    assert (s.speaker.text, s.cue.text, s.polarity) == ("the senator", "called on", "asserts")


@pytest.mark.parametrize("text, speakers", [
    ("Neither claim could be independently verified.", []),          # a determiner makes "claim" the noun
    ("Each claim was denied by the other side.", []),
    ("Both claim that the other side fired first.", ["Both"]),       # ... but a plural subject's verb stays one
    ("Each claims that the other side fired first.", ["Each"]),
])
def test_a_noun_like_cue_after_a_determiner_is_the_noun(text, speakers):
    assert [s.speaker.text for s in extract(text, "t") if s.kind != "narrator"] == speakers


@pytest.mark.parametrize("text, speaker, content", [
    ("The cross was removed from the church, Monument Watch, a Yerevan-based research group, said on Tuesday.",
     "Monument Watch, a Yerevan-based research group", "The cross was removed from the church"),
    ("Armenia staged the attack, Hikmet Hajiyev, an aide to the president, said.",
     "Hikmet Hajiyev, an aide to the president", "Armenia staged the attack"),
    ("The talks failed, Hikmet Hajiyev, the presidential aide, told reporters in Baku.",
     "Hikmet Hajiyev, the presidential aide", "The talks failed"),
    # a list of places before an attribution without an appositive stays the content
    ("Shells hit Tovuz, Agdam, the ministry said.", "the ministry", "Shells hit Tovuz, Agdam"),
])
def test_a_name_and_its_appositive_before_a_closing_cue_speak(text, speaker, content):
    [st] = extract(text)
    assert (st.speaker.text, st.content.text) == (speaker, content)


@pytest.mark.parametrize("text, speaker, cue", [
    # The office before the name, each closed by a comma: both speak; "told Trend" is whom they told.
    ("So far 46 houses are damaged, its head, Anar Rzayev, told Trend.", "its head, Anar Rzayev", "told"),
    ("Two civilians were wounded, the district head, Anar Rzayev, told Reuters.", "the district head, Anar Rzayev",
     "told"),
    # "said X" inverts the cue over its speaker; the name-first order keeps working.
    ("Two civilians were wounded, said Anar Rzayev, the district head.", "Anar Rzayev, the district head", "said"),
    ("Two civilians were wounded, Anar Rzayev, the district head, told Reuters.", "Anar Rzayev, the district head",
     "told"),
    # An office without its article after the name; an outlet named by its domain.
    ("The plant will employ 300 people, Elchin Aliyev, head of the district administration, told APA.",
     "Elchin Aliyev, head of the district administration", "told"),
    ('"The cemetery was levelled," the group\'s head, archaeologist Armen Hovhannisyan, told news.am.',
     "the group's head, archaeologist Armen Hovhannisyan", "told"),
])
def test_an_addressee_after_told_is_never_the_speaker(text, speaker, cue):
    [s] = [s for s in extract(text, "d") if s.kind != "narrator"]
    assert (s.speaker.text, s.cue.text, s.content.text.split(",")[0]) == (speaker, cue, text.split(",")[0].strip('"'))
