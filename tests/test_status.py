"""Who the people were (claimdiff.status): civilians to one side, combatants to the other."""

from __future__ import annotations

import pytest

from claimdiff.status import CIVILIAN, COMBATANT, status_conflict, statuses

from .conftest import judge_as_neutral


@pytest.mark.parametrize("text, said", [
    ("The driver, a 47-year-old local farmer, was a civilian and carried no weapons", {CIVILIAN}),
    ("three of them appeared to be elderly civilians rather than servicemen", {CIVILIAN}),
    ("three of the bodies were not those of servicemen", {CIVILIAN}),     # a denied combatant
    ("These were not soldiers. They were villagers", {CIVILIAN}),
    ("its operator was a member of the armed detachments", {COMBATANT}),
    ("all of the remains were of military personnel of the Armenian armed forces", {COMBATANT}),
    ("all those handed over had served in the Armenian army", {COMBATANT}),
    ("the dead were Azerbaijani soldiers", {COMBATANT}),
    # no predicate: nothing said of what anyone was
    ("An Armenian serviceman dressed in civilian clothes tried to cross the border", set()),
    ("A night watchman and a soldier were wounded", set()),
    ("Azerbaijani forces fired on Armenian servicemen", set()),
    ("the positions were held by troops", set()),
    ("the shelling was aimed at civilians", set()),
    # a civilian trade before "workers"
    ("the men who were hit were electricity workers", {"civilian"}),
    ("they were electricians", {"civilian"}),
    # "civilian" before a group noun; a group said to hold some
    ("the men at the site were a civilian repair crew", {CIVILIAN}),
    ("the group numbered about fifteen people, among them servicemen in uniform", {COMBATANT}),
])
def test_statuses(text, said):
    assert statuses(text) == frozenset(said)


@pytest.mark.parametrize("a, b, clash", [
    ("The driver, a local farmer, was a civilian", "the man at the controls was a fighter", True),
    ("These were not soldiers", "all of the remains were of military personnel", True),
    ("the man was a shepherd", "the man was a soldier trying to cross the border", True),
    # the same said, nothing said, or another place: no clash
    ("the man was a shepherd", "the victim was a civilian", False),
    ("the man was a shepherd", "shots were fired at the border", False),
    ("the man killed near Goris was a shepherd", "the man killed near Kapan was a soldier", False),
])
def test_status_conflict(a, b, clash):
    assert status_conflict(a, b) is clash
    assert status_conflict(b, a) is clash



def test_the_judge_flags_civilians_against_combatants_that_nli_reads_as_neutral():
    verdict = judge_as_neutral("the driver was a farmer", "the operator was a fighter")
    assert (verdict.label, verdict.reason, verdict.score) == ("contradiction", "status", 0.8)
