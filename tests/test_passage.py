"""Whether a road is open (claimdiff.passage): one side's "remained blocked" against the other's "remained open"."""

from __future__ import annotations

import pytest

from claimdiff.passage import passage_conflict, passage_states

from .conftest import judge_as_neutral


@pytest.mark.parametrize("text, states", [
    ("the passage of food and medicine remained blocked", {"closed"}),
    ("Azerbaijani police had blocked the section near the village to all traffic", {"closed"}),
    ("Baku had been shutting a stretch of the main road between the two towns", {"closed"}),
    ("around 120,000 people in the region were effectively cut off", {"closed"}),
    ("more than 60 vehicles were stranded on either side of the checkpoint", {"closed"}),
    ("the road remained open", {"open"}),
    ("There is no blockade of the road, and vehicles can move freely in both directions", {"open"}),
    ("Traffic moved throughout the day", {"open"}),
    # a convoy turned back, or let through and on its way
    ("border guards at the checkpoint turned back a Red Cross convoy carrying patients", {"closed"}),
    ("the Red Cross vehicles had been allowed through after routine checks", {"open"}),
    ("a convoy of four vehicles was processed within 40 minutes and continued on its way", {"open"}),
    ("the convoy was not allowed through", {"closed"}),
    # a negated frame says the opposite
    ("the road was not blocked", {"open"}),
    ("Baku had not blocked the road", {"open"}),
    # fire at a checkpoint, or a road merely named, says nothing of whether it is open
    ("Azerbaijani forces fired on a checkpoint", set()),
    ("the talks covered the road to Nakhchivan", set()),
])
def test_passage_states(text, states):
    assert passage_states(text) == frozenset(states)


@pytest.mark.parametrize("a, b, clash", [
    ("the passage of food and medicine remained blocked", "the road remained open", True),
    ("police had blocked the section to all traffic", "Traffic moved throughout the day", True),
    ("the road remained open", "vehicles moved freely", False),                     # the same said
    ("the road near Goris was closed", "the road near Lachin remained open", False),  # two places
    ("the road was closed", "the soldiers were detained", False),                  # nothing said by one
])
def test_passage_conflict(a, b, clash):
    assert passage_conflict(a, b) is clash
    assert passage_conflict(b, a) is clash


def test_the_judge_flags_a_road_called_blocked_and_open_that_nli_reads_as_neutral():
    verdict = judge_as_neutral("the corridor remained blocked", "the road remained open")
    assert (verdict.label, verdict.reason, verdict.score) == ("contradiction", "passage", 0.8)
