"""Negated assertions read as denials: what a negated main clause denies, and the judge's use of it."""

from __future__ import annotations

import doctest

import pytest

import claimdiff.negation
from claimdiff.judge import judge
from claimdiff.negation import negated_claim
from claimdiff.records import CandidatePair, Span, Statement
from tests.conftest import FixedNLI


def test_the_module_examples_hold():
    assert doctest.testmod(claimdiff.negation).failed == 0


@pytest.mark.parametrize("said, denied", [
    ("Azerbaijani units had not opened fire at any point during the night",
     "Azerbaijani units had opened fire at some point during the night"),
    ("Our units didn't cross the border", "Our units did cross the border"),
    ("Armenia had never received any proposal for joint monitoring",
     "Armenia had received some proposal for joint monitoring"),
    ("Not a single Armenian soldier has gone beyond the positions",
     "At least one Armenian soldier has gone beyond the positions"),
    ("None of the villages was hit", "Some of the villages was hit"),
    ("they had nothing to do with the explosions", "they had something to do with the explosions"),
    ("The drone cannot have come from Azerbaijan", "The drone can have come from Azerbaijan"),
    # An opening phrase before the main clause is kept.
    ("Contrary to the claims, the army did not open fire", "Contrary to the claims, the army did open fire"),
])
def test_a_negated_main_clause_gives_what_it_denies(said, denied):
    assert negated_claim(said) == denied


@pytest.mark.parametrize("said", [
    "Armenian forces shelled the village overnight",
    # Negated inside a clause of the content, not in what the speaker says.
    "the unit that had not withdrawn opened fire",
    "the convoy turned back because no permit had been issued",
    # Comparisons, restrictions and hedges deny nothing.
    "the population was no more than 50,000",
    "the car carried nothing but two service pistols",
    "a provocation cannot be ruled out",
    "They were carrying bread and water, not mines",
    # Too far into a long content to be its main clause's.
    "the strike on the depot in the north of the district on Monday morning at dawn after the talks had ended with "
    "no result",
])
def test_contents_that_deny_nothing(said):
    assert negated_claim(said) is None


def _pair(yerevan_says: str, baku_says: str, similarity: float) -> CandidatePair:
    a = Statement("d:s1", "d", "indirect", Span.of(yerevan_says, 0, len(yerevan_says)), side="armenia")
    b = Statement("d:s2", "d", "indirect", Span.of(baku_says, 0, len(baku_says)), side="azerbaijan")
    return CandidatePair(a, b, similarity, ("story",), similarity)


class _Entails(FixedNLI):
    """Neutral for every pair except one premise and hypothesis, read as entailment."""

    def __init__(self, premise: str, hypothesis: str):
        self.premise, self.hypothesis = premise, hypothesis

    def predict(self, pairs, batch_size=32, show_progress_bar=None):
        probs = super().predict(pairs)
        for i, pair in enumerate(pairs):
            if pair == (self.premise, self.hypothesis):
                probs[i] = (0.8, 0.15, 0.05)
        return probs


def test_a_claim_that_entails_what_an_assertion_denies_contradicts_it():
    claim, said_not = "Azerbaijani units had fired incendiary rounds at the hillside", "the army did not open fire"
    pair = _pair(claim, said_not, 0.4)
    [verdict] = judge([pair], _Entails(claim, "the army did open fire"))
    assert (verdict.label, verdict.reason, verdict.score) == ("contradiction", "denial", 0.8)
    # The same claim and an assertion that denies nothing: the model reads them as neutral, and so does the judge.
    [verdict] = judge([_pair(claim, "the army opened fire", 0.4)], _Entails(claim, "the army did open fire"))
    assert verdict.label == "unrelated"


def test_a_negated_assertion_much_like_the_claim_is_left_to_the_model():
    # Alike as an explicit denial must be to be one, but the (here neutral) model does not find the claim entails
    # what is denied: on the development parts that similarity rule flagged compatible pairs too often.
    pair = _pair("Armenian units shelled the Tovuz border villages on Sunday",
                 "Armenian units did not shell the Tovuz border villages", 0.72)
    assert judge([pair], FixedNLI())[0].label == "unrelated"


def test_two_negated_assertions_are_not_read_as_denials_of_each_other():
    a_says, b_says = "Armenian units did not shell the village", "Azerbaijani units did not shell the village"
    nli = _Entails(b_says, "Armenian units did shell the village")
    assert judge([_pair(a_says, b_says, 0.8)], nli)[0].label == "unrelated"
