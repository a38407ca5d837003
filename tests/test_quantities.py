"""Clock times, zones and counted numbers: parsing, the time relation and the numeric conflict rule."""

from __future__ import annotations

import doctest
import math

import pytest

from claimdiff import numbers, times
from claimdiff.actors import ActorRegistry, PackError
from claimdiff.numbers import numeric_conflict, quantities
from claimdiff.times import clock_times, day_relation, hours_relation, named_days, parse_utc_offset, time_relation

from .conftest import SEED_TEXT

# The two seed sentences whose times decide: the Armenian MoD's battle report and the Azerbaijani cease-fire.
SEED_BATTLES = ("as of 8 a.m. local time (7 a.m. Moscow time), the situation on the Armenian-Azerbaijani border "
                "remained extremely tense, with positional battles ongoing")
SEED_CEASEFIRE = "Azerbaijan and Armenia had agreed to a cease-fire from 8:00 a.m. Moscow time"


def test_the_seed_sentences_are_quoted_as_written():
    text = SEED_TEXT.read_text(encoding="utf-8")
    assert SEED_BATTLES in text and SEED_CEASEFIRE in text


# -- clock times ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, local, expected", [
    # (span, hour, minute, offset, kind, minutes UTC)
    (SEED_BATTLES, None, [("8 a.m. local time (7 a.m. Moscow time)", 8, 0, 240, "as_of", 240)]),
    (SEED_BATTLES, 180, [("8 a.m. local time (7 a.m. Moscow time)", 8, 0, 240, "as_of", 240)]),  # conversion wins
    (SEED_CEASEFIRE, None, [("8:00 a.m. Moscow time", 8, 0, 180, "from", 300)]),
    ("at 08:00 GMT", None, [("08:00 GMT", 8, 0, 0, "at", 480)]),
    ("since noon Moscow time", None, [("noon Moscow time", 12, 0, 180, "from", 540)]),
    ("shelling resumed at 8 p.m.", None, [("8 p.m.", 20, 0, None, "at", None)]),
    ("shelling resumed at 8 p.m.", 240, [("8 p.m.", 20, 0, 240, "at", 960)]),
    ("until 20:30 local time", 240, [("20:30 local time", 20, 30, 240, "until", 990)]),
    ("as of 8 a.m. local time", None, [("8 a.m. local time", 8, 0, None, "as_of", None)]),
    ("at 0400Z", None, [("0400Z", 4, 0, 0, "at", 240)]),
    ("at 0800 hrs (UTC+4)", None, [("0800 hrs (UTC+4)", 8, 0, 240, "at", 240)]),
    ("12 a.m. CET", None, [("12 a.m. CET", 0, 0, 60, "at", -60)]),
    ("at 12:30 p.m. Baku time", None, [("12:30 p.m. Baku time", 12, 30, 240, "at", 510)]),
    ("from 8 a.m. until 10 a.m. Yerevan time", None,
     [("8 a.m.", 8, 0, 240, "from", 240), ("10 a.m. Yerevan time", 10, 0, 240, "until", 360)]),
    # Not times: ratios, scores, years, plain numbers.
    ("a 1:2 ratio; 49 victims in 2020; 8 of them", None, []),
])
def test_clock_times(text, local, expected):
    got = [(t.span.text, t.hour, t.minute, t.utc_offset_minutes, t.kind, t.minutes_utc)
           for t in clock_times(text, local)]
    assert got == expected
    assert all(text[t.span.start:t.span.end] == t.span.text for t in clock_times(text, local))


@pytest.mark.parametrize("value, expected", [
    ("+04:00", 240), ("-05:30", -330), ("+4", 240), ("UTC+4", 240), ("GMT+03:00", 180), ("UTC", 0),
    ("Z", 0), ("Moscow time", 180), (4, 240), (-5.5, -330), (None, None),
])
def test_parse_utc_offset(value, expected):
    assert parse_utc_offset(value) == expected


@pytest.mark.parametrize("value", ["Asia/Yerevan", "+15:00", 240, "four", True])
def test_parse_utc_offset_refuses(value):
    with pytest.raises(ValueError, match="UTC offset|outside"):
        parse_utc_offset(value)


@pytest.mark.parametrize("a, b, a_off, b_off, expected", [
    # The seed: 8 a.m. local = 7 a.m. Moscow = 04:00 UTC; the cease-fire starts 05:00 UTC.
    (SEED_BATTLES, SEED_CEASEFIRE, None, None, "different"),
    (SEED_BATTLES, SEED_CEASEFIRE, 240, 240, "different"),
    ("as of 8 a.m. local time, battles ongoing", SEED_CEASEFIRE, 240, 240, "different"),
    # Battles seen after the cease-fire began do clash with it.
    ("as of 9 a.m. Moscow time, battles ongoing", SEED_CEASEFIRE, None, None, "same"),
    ("at 8 a.m. Moscow time", "at 8:00 a.m. Moscow time", None, None, "same"),
    ("at 8 a.m. local time", "at 7 a.m. Moscow time", 240, None, "same"),
    ("at 04:00 GMT", "at 8 a.m. Baku time", None, None, "same"),
    ("at 11 p.m. GMT", "at 3 a.m. Baku time", None, None, "same"),  # 23:00 and 23:00 UTC, a day apart or not
    ("a truce from 8 a.m. until 10 a.m. Baku time", "shelling at 9:30 Baku time", None, None, "same"),
    ("a truce from 8 a.m. until 10 a.m. Baku time", "shelling at 11:30 Baku time", None, None, "different"),
    ("a truce until 8 a.m. Moscow time", "shelling at 9 a.m. Moscow time", None, None, "different"),
    # Not decidable: no times, or a time whose zone is unknown.
    ("battles ongoing", "a cease-fire was agreed", None, None, "unknown"),
    ("battles as of this morning", SEED_CEASEFIRE, None, None, "unknown"),
    ("battles at 8 a.m.", SEED_CEASEFIRE, None, None, "unknown"),
])
def test_time_relation(a, b, a_off, b_off, expected):
    assert time_relation(a, b, a_off, b_off) == expected
    assert time_relation(b, a, b_off, a_off) == expected


# -- quantities -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    # (span, low, high, approx)
    ("49", [("49", 49, 49, False)]),
    ("forty-nine", [("forty-nine", 49, 49, False)]),
    ("Forty nine", [("Forty nine", 49, 49, False)]),
    ("one hundred and twenty", [("one hundred and twenty", 120, 120, False)]),
    ("1,200", [("1,200", 1200, 1200, False)]),
    ("2.5 thousand", [("2.5 thousand", 2500, 2500, False)]),
    ("dozens", [("dozens", 24, 99, True)]),
    ("a dozen", [("a dozen", 12, 12, True)]),
    ("hundreds", [("hundreds", 200, 999, True)]),
    ("at least 49", [("at least 49", 49, math.inf, False)]),
    ("more than forty-nine", [("more than forty-nine", 49, math.inf, False)]),
    ("49 or more", [("49 or more", 49, math.inf, False)]),
    ("up to 49", [("up to 49", 0, 49, False)]),
    ("about 100", [("about 100", 85, 115, True)]),
    ("nearly 100", [("nearly 100", 85, 100, True)]),
    ("between 40 and 50", [("between 40 and 50", 40, 50, False)]),
    ("40-50", [("40-50", 40, 50, False)]),
    ("the toll rose from 30 to 49", [("49", 49, 49, False)]),
    ("two and three", [("two", 2, 2, False), ("three", 3, 3, False)]),
    # Not quantities: times, dates, ordinals, percentages, model names, years.
    ("at 8 a.m. on September 13, the 13th day, 49%, T-72, in 2020", []),
])
def test_numbers(text, expected):
    got = [(q.span.text, q.low, q.high, q.approx) for q in quantities(text)]
    assert got == expected


@pytest.mark.parametrize("text, expected", [
    # (noun, category, group, owner) of each quantity
    ("there were 49 victims as of this morning", [("victim", "killed", None, None)]),
    ("49 people were killed", [("person", "killed", None, None)]),
    ("forty-nine dead", [("dead", "killed", None, None)]),
    ("three soldiers were killed", [("soldier", "killed", "military", None)]),
    ("three Armenian soldiers", [("soldier", "people", "military", "armenia")]),
    ("Azerbaijan lost 50 servicemen", [("soldier", "killed", "military", "azerbaijan")]),
    ("its losses were 12 servicemen", [("soldier", "killed", "military", "anaphor")]),
    ("shelling killed 12 civilians", [("civilian", "killed", "civilian", None)]),
    ("we lost 30 servicemen", [("soldier", "killed", "military", "self")]),
    ("49 killed and 30 wounded", [("dead", "killed", None, None), ("wounded", "wounded", None, None)]),
    ("dozens of casualties", [("casualty", "casualties", None, None)]),
    ("the death toll rose to 105", [(None, "killed", None, None)]),
    ("no one was hurt", [("person", "wounded", None, None)]),
    ("two drones", [("drone", "equipment", None, None)]),
    ("two drones were shot down", [("drone", "equipment_lost", None, None)]),
    ("Armenia lost 3 tanks", [("tank", "equipment_lost", None, "armenia")]),
    ("a 12-year-old boy", []),
    ("3 villages were shelled and 2 people killed", [(None, "other", None, None), ("person", "killed", None, None)]),
    ("7 prisoners", [("prisoner", "captured", None, None)]),
    ("49 settlements", [(None, "other", None, None)]),
    # The owner as the subject of "suffered" ("combat" deaths are soldiers'), a soldiers' toll, a verb after an "of"
    # phrase, "a single".
    ("the Azerbaijani side had still suffered no combat deaths", [("dead", "killed", "military", "azerbaijan")]),
    ("the number of Armenian soldiers killed had risen to 105", [("soldier", "killed", "military", "armenia")]),
    ("Six servicemen of the Azerbaijani army were captured", [("soldier", "captured", "military", "azerbaijan")]),
    ("a single drone was shot down", [("drone", "equipment_lost", None, None)]),
    # One person by the article; a verb after a short aside.
    ("An Armenian soldier was killed", [("soldier", "killed", "military", "armenia")]),
    ("seven Azerbaijani servicemen, including a colonel, had been killed",
     [("soldier", "killed", "military", "azerbaijan")]),
    ("seven Armenian men, including a colonel, had been killed", [("person", "killed", None, "armenia")]),
    # "no losses" alone counts a side's casualties; losses of something named are not counted here.
    ("The Armenian side has no losses", [("casualty", "casualties", None, None)]),
    ("we have no losses in equipment", []),
    # People still held, counted by nationality or as nationals; "held" with an object holds something.
    ("33 or more Armenians were still held in Azerbaijan", [("person", "captured", None, "armenia")]),
    ("19 Armenian nationals remain in custody", [("person", "captured", None, "armenia")]),
    ("12 Armenian soldiers held their positions", [("soldier", "people", "military", "armenia")]),
    ("talks were held with 12 Armenian officials", [(None, "other", None, "armenia")]),
    # After "of", only a country or its people name the owner; the de facto republic's name is its side's.
    ("two servicemen of the Defense Army were killed", [("soldier", "killed", "military", None)]),
    ("two servicemen of the Artsakh Defense Army were killed", [("soldier", "killed", "military", "armenia")]),
    # A figure's own verb decides, not the one of the figure before it; one right after "and" with no noun of its
    # own counts the same people.
    ("no Armenian soldiers had been killed and two had been lightly wounded",
     [("soldier", "killed", "military", "armenia"), (None, "wounded", "military", "armenia")]),
    ("two Armenian soldiers were killed and five others wounded",
     [("soldier", "killed", "military", "armenia"), ("wounded", "wounded", "military", "armenia")]),
    ("killed 12 and wounded 30", [(None, "killed", None, None), (None, "wounded", None, None)]),
    ("a drone hit the truck, killing two servicemen and wounding a third", [("soldier", "killed", "military", None)]),
    ("49 people were killed or wounded", [("person", "casualties", None, None)]),
    ("two Armenian soldiers were killed and three civilians wounded",
     [("soldier", "killed", "military", "armenia"), ("civilian", "wounded", "civilian", None)]),
    # A noun we do not count, or a unit of measure, makes no casualty figure.
    ("two cows had been killed", [(None, "other", None, None)]),
    ("they had died at least four days after the fighting", [(None, "other", None, None)]),
])
def test_counted_nouns(text, expected):
    got = [(q.noun, q.category, q.group, q.owner) for q in quantities(text)]
    assert got == expected


def test_no_losses_of_one_side_are_not_the_other_sides_dead():
    # Yerevan's "no losses" and Baku's two dead count different sides' losses: no contradiction between them.
    assert numbers.different_owners("two servicemen of the Azerbaijani Army were killed", "azerbaijan",
                                    "The Armenian side has no losses", "armenia")
    # ... nor "no losses of its own" (said by Baku) and Yerevan's one soldier lost.
    assert numbers.different_owners("it had lost one soldier", "armenia",
                                    "it had suffered no losses of its own", "azerbaijan")
    assert numbers.counted_owners("no losses in equipment", "azerbaijan") is None


def test_the_enemys_losses_are_the_opposing_sides():
    # Baku's "enemy servicemen" are Armenian: its count and Yerevan's count of Azerbaijani dead are two sides' losses.
    assert numbers.different_owners("up to seven enemy servicemen were killed", "azerbaijan",
                                    "at least three Azerbaijani servicemen were killed", "armenia")
    # ... and the same losses as Yerevan's own count of its dead, which may clash.
    assert not numbers.different_owners("up to seven enemy servicemen were killed", "azerbaijan",
                                        "two Armenian servicemen were killed", "armenia")
    # A speaker the pack sets against no one (a third state) names no one by "the enemy".
    assert numbers.counted_owners("up to seven enemy servicemen were killed", "turkey") is None
    assert [q.owner for q in quantities("the enemy lost up to 40 servicemen")] == ["enemy"]


def test_figures_owned_through_the_speaker_are_compared():
    # One side's "we lost 12" and the other's "the enemy lost 300" count the same dead.
    conflict = numbers.numeric_conflict("we lost 12 servicemen", "the enemy lost 300 servicemen",
                                        a_side="azerbaijan", b_side="armenia")
    assert conflict is not None and conflict.category == "killed"
    # Said by one side, the two figures count both sides' dead; without the sides they are not compared.
    assert numbers.numeric_conflict("we lost 12 servicemen", "the enemy lost 300 servicemen",
                                    a_side="azerbaijan", b_side="azerbaijan") is None
    assert numbers.numeric_conflict("we lost 12 servicemen", "the enemy lost 300 servicemen") is None
    # "the enemy's" 40 (Armenian, said by Baku) and Yerevan's "more than 60 Azerbaijani": two sides' losses.
    assert numbers.numeric_conflict("the enemy lost up to 40 servicemen", "the Azerbaijani side lost more than 60"
                                    " servicemen", a_side="azerbaijan", b_side="armenia") is None


def test_zero_and_bounds_from_context():
    (zero,) = quantities("no victims were reported")
    assert (zero.low, zero.high, zero.category) == (0, 0, "killed")
    (single,) = quantities("a single drone was shot down")
    assert (single.low, single.high) == (1, 1)
    for text in ("not a single Armenian tank was destroyed", "Armenia has not lost a single soldier"):
        (none,) = quantities(text)
        assert (none.low, none.high, none.owner) == (0, 0, "armenia"), text
    assert [q.span.text for q in quantities("no fewer than 49 victims")] == ["no fewer than 49"]
    # A count said to be incomplete is a lower bound; a part of a total is marked.
    (prelim,) = quantities("preliminary figures: 49 dead")
    assert (prelim.low, prelim.high) == (49, math.inf)
    total, part = quantities("49 victims, including 10 civilians killed")
    assert not total.part and part.part


# -- the numeric rule -----------------------------------------------------------------------------------


@pytest.mark.parametrize("a, b, expected", [
    ("there were 49 victims", "30 people were killed", "killed: 49 vs 30"),
    ("there were 49 victims as of this morning", "only 30 killed", "killed: 49 vs 30"),
    ("at least 49 people died", "30 dead", "killed: >=49 vs 30"),
    ("dozens of soldiers were killed", "three soldiers were killed", "killed: 24-99 vs 3"),
    ("Azerbaijan shot down 2 drones", "Armenia lost 10 drones", "equipment_lost: 2 vs 10"),
    ("the Azerbaijani army destroyed 3 Armenian tanks", "Armenia lost 1 tank", "equipment_lost: 3 vs 1"),
    ("49 servicemen were killed on September 13", "105 servicemen were killed on September 13", "killed: 49 vs 105"),
    ("30 servicemen were wounded", "100 soldiers were injured", "wounded: 30 vs 100"),
    ("the number of Armenian soldiers killed had risen to 105", "at least 200 Armenian servicemen were killed",
     "killed: 105 vs >=200"),
    ("Armenia has not lost a single tank", "Azerbaijan destroyed 3 Armenian tanks", "equipment_lost: 0 vs 3"),
    # The total is compared, not its part.
    ("49 victims, including 30 killed by drones", "30 dead", "killed: 49 vs 30"),
    # Casualties are the killed and the wounded together: none harmed leaves no room for two killed.
    ("two civilians were killed in the village", "no civilians were harmed", "casualties: 2 vs 0"),
    ("there were no civilian casualties", "three civilians were wounded", "casualties: 0 vs 3"),
    # "handed over" is a verb, not "more than"; the remains of people are the dead
    ("Azerbaijan had handed over 18 bodies", "Armenia had received 14 bodies", "killed: 18 vs 14"),
    # people still held, however they are counted
    ("33 or more Armenians were still held in Azerbaijan", "19 Armenian nationals remain in custody",
     "captured: >=33 vs 19"),
    ("the remains of 18 servicemen were returned", "14 servicemen were killed", "killed: 18 vs 14"),
    # "no losses among the personnel": none dead
    ("There are no losses among the personnel of the Azerbaijani Army", "two Azerbaijani soldiers were killed",
     "killed: 0 vs 2"),
    # "combat deaths" are soldiers' deaths
    ("about fifteen Armenian servicemen had been killed", "the Armenian side had suffered no combat deaths",
     "killed: 12-18 vs 0"),
])
def test_numeric_conflict(a, b, expected):
    conflict = numeric_conflict(a, b)
    assert conflict is not None and conflict.describe() == expected


@pytest.mark.parametrize("a, b", [
    ("there were 49 victims", "forty-nine dead"),            # the same figure
    ("there were 49 victims", "3 drones were shot down"),    # different things counted
    ("at least 49 people died", "60 dead"),                  # a lower bound the other meets
    ("about 50 dead", "49 victims"),                         # approximately the same
    ("dozens killed", "49 victims"),                         # a vague amount that allows 49
    ("49 victims", "30 soldiers killed"),                    # all victims vs soldiers only: a part may be smaller
    ("49 soldiers killed", "30 civilians killed"),           # different groups
    ("49 Armenian soldiers were killed", "30 Azerbaijani soldiers were killed"),  # different owners
    ("105 Armenian servicemen were killed", "Azerbaijan lost 50 servicemen"),      # different owners
    ("Azerbaijan lost 50 servicemen", "it said its losses were 12 servicemen"),   # "its": unknown owner
    ("An Armenian soldier was killed", "the Azerbaijani side had suffered no fatalities"),  # different owners
    ("in the past 24 hours, 5 soldiers were killed", "2 soldiers were killed on Tuesday"),  # different periods
    ("we lost 30 servicemen", "49 servicemen were killed"),  # "we": whose, depends on the speaker
    ("49 killed in Goris", "30 killed in Kapan"),            # different places
    ("49 victims as of 8 a.m. Moscow time", "30 killed as of 6 p.m. Moscow time"),  # different times
    ("of them, 10 were killed", "30 killed"),                 # a part of a total given elsewhere
    ("49 killed", "30 wounded"),                              # different categories
    ("no civilians were killed", "two civilians were wounded"),  # the killed are not all casualties
    ("no civilians were harmed", "two soldiers were killed"),     # different groups
    ("3 drones were used", "10 drones were shot down"),       # use is not loss
    ("49 victims", "the cease-fire holds"),                   # nothing to compare
])
def test_no_numeric_conflict(a, b):
    assert numeric_conflict(a, b) is None
    assert numeric_conflict(b, a) is None


# -- the pack's timezone --------------------------------------------------------------------------------


def test_default_pack_timezones():
    reg = ActorRegistry.default()
    assert reg.utc_offset == 240
    assert [reg.utc_offset_minutes(s) for s in ("armenia", "azerbaijan", "russia", "narrator", None)] == \
        [240, 240, 180, 240, 240]
    assert reg.utc_offset_minutes("us") is None  # declared unknown: several zones
    with pytest.raises(ValueError, match="known|sides of pack"):
        reg.utc_offset_minutes("atlantis")


def _pack(**top):
    return {"sides": [{"id": "a", "opposes": ["b"], **top.pop("side_a", {})}, {"id": "b"}],
            "actors": [{"id": "A", "side": "a", "kind": "government", "aliases": ["Alpha"]}], **top}


def test_pack_timezone_is_optional_and_checked():
    assert ActorRegistry.from_dict(_pack()).utc_offset_minutes("a") is None
    reg = ActorRegistry.from_dict(_pack(timezone="UTC+2", side_a={"timezone": "-05:00"}))
    assert (reg.utc_offset_minutes("a"), reg.utc_offset_minutes("b")) == (-300, 120)
    with pytest.raises(PackError, match=r"sides\[0\].*timezone.*'\+04:00'"):
        ActorRegistry.from_dict(_pack(side_a={"timezone": 240}))  # YAML's reading of an unquoted +4:00
    with pytest.raises(PackError, match="timezone"):
        ActorRegistry.from_dict(_pack(timezone="Asia/Yerevan"))


@pytest.mark.parametrize("module", [times, numbers])
def test_docstring_examples(module):
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0


@pytest.mark.parametrize("a, b, expected", [
    ("fired on Tuesday evening", "opened fire early on Wednesday", "different"),
    ("fired on Tuesday evening", "on Tuesday, shots were heard", "same"),
    ("on October 27 a soldier died", "on 28 Oct. two were wounded", "different"),
    # Weekdays are not compared with dates, and a stretch ("since Sunday") names no day.
    ("opened fire on Wednesday", "fired first, on October 27", "unknown"),
    ("four wounded since Sunday", "a soldier was killed on Tuesday", "unknown"),
    ("opened fire", "opened fire on Monday", "unknown"),
])
def test_day_relation(a, b, expected):
    assert day_relation(a, b) == expected


@pytest.mark.parametrize("a, b, expected", [
    ("came under fire on Monday morning", "no shots were fired during the night", "different"),
    ("the shooting began at around 23:40", "no shots were fired during the night", "same"),
    ("opened fire at 15:30", "fired at 20:10 on the same day", "different"),
    ("opened fire at 23:30", "fired at 00:10", "same"),  # the day is a circle
    ("opened fire at 05:40", "opened fire at 04:30", "same"),  # one exchange, told to within an hour
    ("opened fire on Monday", "no shots during the night", "unknown"),
])
def test_hours_relation(a, b, expected):
    assert hours_relation(a, b) == expected


def test_named_days_read_weekdays_and_dates():
    assert named_days("on 27 October and late Friday") == (frozenset({"friday"}), frozenset({"oct 27"}))


@pytest.mark.parametrize("text, low, high", [
    ("no more than 190 tonnes of goods", 0.0, 190.0),
    ("not more than 12 drones were launched", 0.0, 12.0),
    ("the burned area did not exceed 90 hectares", 0.0, 90.0),
    ("no less than 50 soldiers were killed", 50.0, math.inf),
    ("more than 100 servicemen", 100.0, math.inf),
    ("more than one and a half kilometres", 1.5, math.inf),  # "and a half" is part of the number
    ("2 and a half hours", 2.5, 2.5),
])
def test_the_longest_bound_before_a_number_counts(text, low, high):
    # "no more than" holds "more than": read as a lower bound it would make "190" and "410" agree.
    (q,) = quantities(text)
    assert (q.low, q.high) == (low, high)
