"""Two causes given for one incident (claimdiff.cause)."""

from __future__ import annotations

import pytest

from claimdiff.cause import cause_conflict, effect_and_cause

from .conftest import judge_as_neutral


@pytest.mark.parametrize("a, b, clash", [
    ("the discolouration of the river was caused by a discharge from the tailing dams",
     "the discolouration of the river had been caused by a mudflow after heavy rain", True),
    ("the explosion at the depot was the result of careless storage of shells",
     "the explosion at the depot was caused by an Armenian drone strike", True),
    ("the blackout was due to a technical fault", "the blackout in the city was due to sabotage", True),
    # the same cause told twice, or one effect's cause not given by the other
    ("the fire was caused by shelling", "the fire had been caused by heavy shelling overnight", False),
    ("the fire was caused by shelling", "the depot burned down", False),
    # different effects, or the effects at different places
    ("the fire was caused by shelling", "the flood was caused by rain", False),
    ("the fire in Goris was caused by shelling", "the fire in Kapan was caused by a fault", False),
    # an event and what brought it about; a subject that set something on fire
    ("the transformer failed because of years of neglect", "the transformer was hit by shrapnel and failed "
     "due to the shelling", True),
    ("incendiary rounds set the barley field on fire", "the fire had started when shepherds burned dry grass", True),
    ("incendiary rounds set the barley field on fire", "the fire was caused by incendiary rounds", False),
    ("He set the record straight", "the fire was caused by a fault", False),
    # a negated cause is left to the NLI model
    ("the fire was not caused by shelling", "the fire was caused by a fault", False),
])
def test_cause_conflict(a, b, clash):
    assert cause_conflict(a, b) is clash
    assert cause_conflict(b, a) is clash


def test_effect_and_cause():
    assert effect_and_cause("He said the fire was caused by a drone") == ("He said the fire", "a drone")
    assert effect_and_cause("The fire spread quickly") is None
    assert effect_and_cause("shelling sparked a fire at the depot") == ("a fire fire", "shelling")
    assert effect_and_cause("the roof collapsed due to heavy snow") == ("the roof", "heavy snow")


def test_the_judge_flags_two_causes_that_nli_reads_as_neutral():
    verdict = judge_as_neutral("the fire was caused by a fault in the wiring", "the fire was caused by sabotage")
    assert (verdict.label, verdict.reason, verdict.score) == ("contradiction", "cause", 0.8)
