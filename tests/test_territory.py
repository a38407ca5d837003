"""Whose ground it happened on (claimdiff.territory): people placed on one side's ground by one side, on the other's
by the other."""

from __future__ import annotations

import pytest

from claimdiff.territory import territories, territory_conflict

from .conftest import judge_as_neutral


@pytest.mark.parametrize("text, countries", [
    ("they were seized by Azerbaijani troops on the Armenian side of the border", {"armenia"}),
    ("the soldiers had been caught planting mines on Azerbaijani territory", {"azerbaijan"}),
    ("Our servicemen were on the sovereign territory of the Republic of Armenia", {"armenia"}),
    ("the area where the soldiers were detained lies within Azerbaijan", {"azerbaijan"}),
    ("he was seized on Azerbaijan's soil", {"azerbaijan"}),
    # "inside" a country, a district of it, or a place of the pack's where people were held
    ("the six had been seized inside Armenia in November", {"armenia"}),
    ("the men had been caught laying mines in Azerbaijan's Kalbajar district", {"azerbaijan"}),
    ("six members of a sabotage group detained in the Kalbajar district", {"azerbaijan"}),
    ("captured on the territory of Armenia near Verin Shorzha in November", {"armenia"}),  # not "in November"
    ("two men were detained in Moscow", set()),
    ("talks were held inside Armenia's parliament", set()),
    # fire crosses borders, and where someone was found is not where it happened
    ("shells landed on Armenian territory", set()),
    ("he had been found by villagers in a field on the Armenian side", set()),
    ("Azerbaijan has occupied ten square kilometres of Armenian territory", set()),
    ("the talks were held in Brussels", set()),
    # where an aircraft was
    ("a military helicopter violated the airspace of Armenia near Jermuk", {"armenia"}),
    ("the plane flew some 3 km into Azerbaijani airspace", {"azerbaijan"}),
    ("the aircraft flew only over the territory of Armenia", {"armenia"}),
    ("the helicopter had not left Azerbaijani airspace", {"azerbaijan"}),
])
def test_territories(text, countries):
    assert territories(text) == frozenset(countries)


@pytest.mark.parametrize("a, b, clash", [
    ("they were seized on Armenian soil", "the men were detained inside Azerbaijani territory", True),
    ("they were seized on Armenian soil", "the men were on the Armenian side of the border", False),
    ("they were seized on Armenian soil", "the men were detained at night", False),
    ("shells landed on Armenian territory", "Armenian units fired on Azerbaijani territory", False),
])
def test_territory_conflict(a, b, clash):
    assert territory_conflict(a, b) is clash
    assert territory_conflict(b, a) is clash



def test_the_judge_flags_people_placed_on_both_sides_ground_that_nli_reads_as_neutral():
    verdict = judge_as_neutral("they were seized on Armenian soil", "they were detained inside Azerbaijani territory")
    assert (verdict.label, verdict.reason, verdict.score) == ("contradiction", "territory", 0.8)
