"""Accounts of the ground (claimdiff.control): which side's forces a content says gained or failed."""

from __future__ import annotations

import pytest

from claimdiff.control import control_conflict, ground_claims
from claimdiff.judge import judge
from claimdiff.records import CandidatePair, Span, Statement

from .conftest import NeutralNLI

AZ, AM = "azerbaijan", "armenia"


@pytest.mark.parametrize(("text", "speaker", "told"), [
    ("Azerbaijani troops captured three villages in the south", AZ, {AZ: 1}),
    ("Azerbaijan's forces have taken control of the pass", AZ, {AZ: 1}),
    ("the hill is now under the control of the Armenian army", AM, {AM: 1}),
    ("Armenian units tried to break through near the river but were forced to retreat", AZ, {AM: -2}),
    ("Azerbaijani troops had withdrawn from two posts", AM, {AZ: -2}),  # fell back, not only failed
    ("repeated Armenian attacks were repulsed", AZ, {AM: -1}),
    ("its units were repelling Azerbaijani assaults", AM, {AZ: -1}),
    ("The enemy was pushed back", AZ, {AM: -2}),        # the enemy: the other side
    ("the assault had been repelled", AM, {AZ: -1}),    # no owner: the speaker fought off the other side
    ("all positions remain under control", AZ, {AZ: 2, AM: -1}),  # the speaker held; the other side gained nothing
    ("Armenian troops had not crossed into Azerbaijan", AM, {AM: -1}),
    ("Armenian forces shelled the village overnight", AZ, {}),  # no ground taken or lost
    ("Kirants was captured on Monday", AZ, {}),         # a place is not a side
    ("the offensive had been stopped", AM, {}),         # stopped after taking ground, maybe
    ("Azerbaijani units took one height but were pushed back from another", AM, {}),  # told both ways
])
def test_ground_claims(text, speaker, told):
    assert ground_claims(text, speaker, AZ if speaker == AM else AM) == told


def test_opposite_accounts_of_one_side_conflict():
    assert control_conflict("Azerbaijani units took control of several heights", AZ,
                            "all positions were held and Azerbaijani attacks were repelled", AM) == \
        "azerbaijan: gained vs failed"
    # holding the ground one is said to have left; holding and gaining do not clash
    assert control_conflict("Azerbaijani units continue to hold the heights", AZ,
                            "Azerbaijani units had withdrawn from the heights overnight", AM) == \
        "azerbaijan: held vs fell back"
    assert control_conflict("Azerbaijani units continue to hold the heights", AZ,
                            "Azerbaijani units had taken the heights", AM) is None
    # an attack repelled leaves the attacker's own positions held
    assert control_conflict("Azerbaijani units continue to hold all their positions", AZ,
                            "Azerbaijani attacks were repelled", AM) is None
    # both sides fought off the other: each may be right somewhere
    assert control_conflict("Armenian attacks were repelled", AZ, "Azerbaijani attacks were repelled", AM) is None
    # different places or days are not compared
    assert control_conflict("Azerbaijani troops took a village near Tovuz", AZ,
                            "Azerbaijani attacks near Goris were repelled", AM) is None
    assert control_conflict("Azerbaijani troops took a village on Monday", AZ,
                            "Azerbaijani attacks were repelled on Tuesday", AM) is None



def test_the_judge_flags_opposite_accounts_of_the_ground_that_nli_reads_as_neutral():
    text = "Baku said its forces had seized two heights. Yerevan said all positions were held."
    a = Statement("d:s1", "d", "indirect", Span.of(text, 10, 43), actor="AZ.GOV", side=AZ)
    b = Statement("d:s2", "d", "indirect", Span.of(text, 58, 83), actor="AM.GOV", side=AM)
    [verdict] = judge([CandidatePair(a, b, 0.5)], NeutralNLI(), text_of=lambda s: s.content.text.replace(
        "its forces", "Azerbaijan's forces"))
    assert (verdict.label, verdict.reason, verdict.score) == ("contradiction", "control", 0.8)
