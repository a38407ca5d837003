"""Weapons used and not used (claimdiff.weapons): one side's "no drone was used" against the other's "a drone hit"."""

from __future__ import annotations

import pytest

from claimdiff.weapons import weapon_conflict, weapons_used

from .conftest import judge_as_neutral


@pytest.mark.parametrize("text, used, denied", [
    ("An Azerbaijani strike drone hit a tractor in a wheat field", {"drone"}, set()),
    ("the farmer was killed by an Azerbaijani drone", {"drone"}, set()),
    ("positions came under fire from mortars", {"artillery"}, set()),
    ("no drone had been used in the operation", set(), {"drone"}),
    ("artillery was not used", set(), {"artillery"}),
    ("its army did not use cluster munitions", set(), {"cluster"}),
    ("the drone footage was published", set(), set()),          # no attack verb, no "by"/"with"
    ("drones were spotted over the village", set(), set()),
    # what flies is used when it is in the air or brought down
    ("its air defences had downed an Armenian reconnaissance drone", {"drone"}, set()),
    ("an Armenian drone crossed into Azerbaijani airspace", {"drone"}, set()),
    ("not a single Armenian drone was flying in that area", set(), {"drone"}),
    ("none of the army's drones had been in the air", set(), {"drone"}),
])
def test_weapons_used(text, used, denied):
    assert weapons_used(text) == (frozenset(used), frozenset(denied))


@pytest.mark.parametrize("a, b, kind", [
    ("An Azerbaijani strike drone hit a tractor", "no drone had been used in the operation", "drone"),
    ("the village was shelled with artillery", "artillery was not used", "artillery"),
    # another weapon, another place or another day: no clash
    ("artillery shelled the village", "no drone had been used", None),
    ("a drone struck a car near Goris", "no drone had been used near Kapan", None),
    ("a drone struck a car on Tuesday", "no drone had been used on Monday", None),
    ("its air defences downed an Armenian drone", "not a single Armenian drone was flying", "drone"),
    # another side's drone: no clash
    ("two Azerbaijani drones were shot down", "not a single Armenian drone was flying", None),
])
def test_weapon_conflict(a, b, kind):
    assert weapon_conflict(a, b) == kind
    assert weapon_conflict(b, a) == kind



def test_the_judge_flags_a_weapon_used_and_denied_that_nli_reads_as_neutral():
    verdict = judge_as_neutral("a drone hit the tractor", "no drone had been used")
    assert (verdict.label, verdict.reason, verdict.score) == ("contradiction", "weapon", 0.8)
