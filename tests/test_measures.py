"""Two measures of one thing that cannot both hold (claimdiff.measures)."""

from __future__ import annotations

import pytest

from claimdiff.measures import Measure, measure_conflict, measures

from .conftest import judge_as_neutral


@pytest.mark.parametrize("a, b, clash", [
    ("the post is being built just 300 metres from the border", "the distance is roughly 1.5 kilometres", True),
    ("the helicopter flew 3 km into Armenian airspace", "it flew no more than 500 m into Armenian airspace", True),
    ("about 140 hectares of forest burned", "the burned area did not exceed 90 hectares", True),
    ("the trucks carry 410 tonnes of flour", "the trucks carry no more than 190 tonnes of flour", True),
    # ranges that overlap, or the same figure in other units
    ("about 2 km from the border", "some 1,800 metres from the border", False),
    ("the post is 1.5 km from the border", "the post is 1,500 m from the border", False),
    # different kinds of measure, or different things measured
    ("300 metres from the border", "90 hectares", False),
    ("the drone fell 400 metres inside Armenian territory", "the post is 2 km from the border", False),
    ("40 tonnes of flour were delivered", "200 tonnes of fuel", False),
    ("some 25 hectares of wheat burned", "about four hectares of pasture burned", False),  # of what: other stuff
    # a distance "from" something is between it and the clause's subject, whichever is named first
    ("the field lies about 700 metres from the nearest enemy position",
     "the nearest enemy position is more than one and a half kilometres from the field", True),
    # no unit: counts are claimdiff.numbers' business; places apart are two scenes
    ("23 trucks waited", "17 trucks waited", False),
    # a figure that says neither what it measures nor which measure it is
    ("84,000 hectares of farmland were left without water", "farmers were short of water for some 9,000 hectares",
     False),
    ("a shell fell 300 m from a house in Goris", "a shell fell 2 km from a house in Kapan", False),
])
def test_measure_conflict(a, b, clash):
    assert measure_conflict(a, b) is clash
    assert measure_conflict(b, a) is clash


def test_measures_read_the_unit_the_bound_and_what_is_measured():
    assert measures("no more than 190 tonnes of goods") == (Measure("mass", 0.0, 190_000.0, frozenset({"good"}),
                                                                    stuff="good"),)
    assert measures("the distance is 2 km") == (Measure("length", 2000.0, 2000.0, frozenset(), named=True),)
    assert measures("300 men were wounded") == ()


def test_the_judge_flags_two_distances_that_nli_reads_as_neutral():
    verdict = judge_as_neutral("the post is 300 metres from the border", "the post is 2 km from the border")
    assert (verdict.label, verdict.reason, verdict.score) == ("contradiction", "measure", 0.9)
