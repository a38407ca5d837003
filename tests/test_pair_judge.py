from __future__ import annotations

import numpy as np
import pytest

from claimdiff.judge import judge
from claimdiff.pairing import candidate_pairs, shared_signals
from claimdiff.records import CandidatePair, Span, Statement

SIDES_OPPOSED = {("armenia", "azerbaijan"), ("azerbaijan", "armenia")}


def opposes(a: str, b: str) -> bool:
    return (a, b) in SIDES_OPPOSED


def make(i: int, text: str, side: str | None, polarity: str = "asserts", doc: str = "d") -> Statement:
    return Statement(id=f"{doc}:s{i:03d}", doc_id=doc, kind="indirect", content=Span.of(text, 0, len(text)),
                     polarity=polarity, side=side, actor=None)


def keyword_embed(texts):
    """Bag-of-keywords embeddings: similar topics get cosine 1, different topics 0."""
    topics = ["shell", "ceasefire", "victims", "weather"]
    vecs = np.array([[float(t in text.lower()) for t in topics] + [0.01] for text in texts], dtype=np.float32)
    return vecs / np.linalg.norm(vecs, axis=1, keepdims=True)


def test_only_opposing_sides_are_paired():
    st = [make(1, "Azerbaijan shelled Goris.", "armenia"), make(2, "No shelling of Goris took place.", "azerbaijan"),
          make(3, "Goris was shelled.", "armenia"), make(4, "It shelled.", "narrator"), make(5, "shell", None),
          make(6, "Russia saw shelling.", "russia")]
    pairs, stats = candidate_pairs(st, opposes, keyword_embed, top_k=5, min_similarity=0.0)
    assert {(p.a.id, p.b.id) for p in pairs} == {("d:s001", "d:s002"), ("d:s002", "d:s003")}
    assert stats.cross_side_pairs == 2 and stats.pairs_pruned == 0


def test_pruning_keeps_topic_matches_and_counts_the_rest():
    am = [make(i, f"Azerbaijan shelled village {i}.", "armenia") for i in range(10)]
    am += [make(10 + i, f"The weather was fine on day {i}.", "armenia") for i in range(10)]
    az = [make(30, "Armenia is lying: there was no shelling.", "azerbaijan"),
          make(31, "The ceasefire holds since Tuesday.", "azerbaijan")]
    pairs, stats = candidate_pairs(am + az, opposes, keyword_embed, top_k=3, min_similarity=0.5, related_docs=None)
    assert stats.cross_side_pairs == 40
    assert stats.candidate_pairs == len(pairs) < stats.cross_side_pairs
    assert all("shell" in p.a.content.text.lower() and "shell" in p.b.content.text.lower() for p in pairs)
    assert all(p.signals[0] == "topic" for p in pairs)


def test_statements_of_one_story_are_paired_however_they_are_worded():
    # Two outlets on the shelling, one on the weather: claim and counterclaim share no keyword.
    st = [make(1, "Azerbaijan shelled Goris overnight.", "armenia", doc="a"),
          make(2, "The ceasefire holds since Tuesday.", "azerbaijan", doc="a"),
          make(1, "Shelling of Goris went on.", "armenia", doc="b"),
          make(2, "A ceasefire is in force.", "azerbaijan", doc="b"),
          make(1, "The weather was fine.", "armenia", doc="c"),
          make(2, "The weather was cold.", "azerbaijan", doc="c")]
    pairs, stats = candidate_pairs(st, opposes, keyword_embed, top_k=1, min_similarity=0.5, related_docs=1)
    story = {(p.a.id, p.b.id) for p in pairs if p.signals[0] == "story"}
    assert ("a:s001", "a:s002") in story and ("a:s001", "b:s002") in story and ("b:s001", "b:s002") in story
    assert ("c:s001", "c:s002") in story  # within a document, always
    assert not any({p.a.doc_id, p.b.doc_id} & {"c"} and p.a.doc_id != p.b.doc_id for p in pairs)
    alone, _ = candidate_pairs(st, opposes, keyword_embed, top_k=1, min_similarity=0.5, related_docs=None)
    assert all(p.signals[0] == "topic" for p in alone) and len(alone) < len(pairs)


def test_an_identical_text_on_the_other_side_does_not_take_a_top_k_place():
    st = [make(1, "Azerbaijan shelled Goris.", "armenia"), make(2, "Azerbaijan shelled Goris.", "azerbaijan"),
          make(3, "No shelling of Goris took place.", "azerbaijan")]
    pairs, _ = candidate_pairs(st, opposes, keyword_embed, top_k=1, min_similarity=0.0)
    assert {(p.a.id, p.b.id) for p in pairs} == {("d:s001", "d:s003")}


def test_pairs_form_across_documents():
    st = [make(1, "Azerbaijan shelled Goris.", "armenia", doc="a"),
          make(1, "Azerbaijan never shelled Goris.", "azerbaijan", doc="b")]
    pairs, _ = candidate_pairs(st, opposes, keyword_embed)
    assert [(p.a.doc_id, p.b.doc_id) for p in pairs] == [("a", "b")]


@pytest.mark.parametrize("a, b, expected", [
    ("49 victims as of 8 a.m. in Goris", "49 soldiers died near Goris at 8 a.m.", ("number", "time", "name")),
    ("no overlap here", "nothing at all", ()),
])
def test_shared_signals(a, b, expected):
    assert shared_signals(a, b) == expected


class FixedNLI:
    """Returns fixed probabilities per direction, to test the judging rules alone."""

    def __init__(self, ab, ba):
        self.ab, self.ba = np.array([ab], dtype=np.float32), np.array([ba], dtype=np.float32)

    def predict_both(self, pairs, batch_size=32, show_progress_bar=None):
        return np.repeat(self.ab, len(pairs), 0), np.repeat(self.ba, len(pairs), 0)


def pair_of(pol_a: str, pol_b: str) -> CandidatePair:
    return CandidatePair(make(1, "Azerbaijan invaded Armenia.", "armenia", pol_a),
                         make(2, "Azerbaijan invaded Armenia.", "azerbaijan", pol_b), 0.9)


@pytest.mark.parametrize("pol_b, ab, ba, label, reason", [
    ("asserts", [0.05, 0.05, 0.9], [0.1, 0.1, 0.8], "contradiction", "nli"),
    ("asserts", [0.9, 0.05, 0.05], [0.8, 0.1, 0.1], "agreement", "nli"),
    # A denies what the other asserts: entailing contents make a contradiction.
    ("denies", [0.9, 0.05, 0.05], [0.8, 0.1, 0.1], "contradiction", "denial"),
    # Only the asserted content entailing the denied one is a clash, not the reverse.
    ("denies", [0.1, 0.8, 0.1], [0.9, 0.05, 0.05], "unrelated", "below_threshold"),
    ("denies", [0.05, 0.05, 0.9], [0.1, 0.1, 0.8], "agreement", "polarity"),
    ("asserts", [0.2, 0.6, 0.2], [0.2, 0.6, 0.2], "unrelated", "below_threshold"),
    # one direction read surely is enough (ONE_WAY_CONTRADICTION); one direction read unsurely is not
    ("asserts", [0.05, 0.2, 0.75], [0.1, 0.8, 0.1], "contradiction", "nli"),
    ("asserts", [0.05, 0.3, 0.65], [0.1, 0.8, 0.1], "unrelated", "below_threshold"),
])
def test_polarity_is_applied_before_judging(pol_b, ab, ba, label, reason):
    (verdict,) = judge([pair_of("asserts", pol_b)], FixedNLI(ab, ba), threshold=0.5)
    assert (verdict.label, verdict.reason) == (label, reason)
    assert verdict.p_contradiction_ab == pytest.approx(ab[2]) and verdict.p_contradiction_ba == pytest.approx(ba[2])


def test_polarity_direction_follows_the_asserting_side():
    pair = CandidatePair(make(1, "Azerbaijan invaded Armenia.", "armenia", "denies"),
                         make(2, "Azerbaijan invaded Armenia.", "azerbaijan", "asserts"), 0.9)
    # b asserts, a denies: the b -> a direction (ba) decides.
    assert judge([pair], FixedNLI([0.1, 0.8, 0.1], [0.9, 0.05, 0.05]))[0].label == "contradiction"
    assert judge([pair], FixedNLI([0.9, 0.05, 0.05], [0.1, 0.8, 0.1]))[0].label == "unrelated"


def test_threshold_is_configurable():
    nli = FixedNLI([0.3, 0.1, 0.6], [0.3, 0.1, 0.6])
    assert judge([pair_of("asserts", "asserts")], nli, threshold=0.5)[0].label == "contradiction"
    assert judge([pair_of("asserts", "asserts")], nli, threshold=0.7)[0].label == "unrelated"
    with pytest.raises(ValueError, match="threshold"):
        judge([pair_of("asserts", "asserts")], nli, threshold=1.5)


def test_judge_runs_a_real_tiny_model(tiny_nli):
    verdicts = judge([pair_of("asserts", "denies"), pair_of("asserts", "asserts")], tiny_nli)
    assert len(verdicts) == 2
    for v in verdicts:
        assert v.label in ("contradiction", "agreement", "unrelated")
        assert 0.0 <= v.score <= 1.0 and isinstance(v.score, float)


# -- time and number rules -------------------------------------------------------------------------------

SEED_BATTLES = ("as of 8 a.m. local time (7 a.m. Moscow time), the situation on the Armenian-Azerbaijani border "
                "remained extremely tense, with positional battles ongoing")
SEED_CEASEFIRE = "Azerbaijan and Armenia had agreed to a cease-fire from 8:00 a.m. Moscow time"
CLASH = ([0.05, 0.05, 0.9], [0.1, 0.1, 0.8])
NEUTRAL = ([0.1, 0.8, 0.1], [0.1, 0.8, 0.1])
AGREE = ([0.9, 0.05, 0.05], [0.8, 0.1, 0.1])


def text_pair(a: str, b: str, pol_a: str = "asserts", pol_b: str = "asserts") -> CandidatePair:
    return CandidatePair(make(1, a, "armenia", pol_a), make(2, b, "azerbaijan", pol_b), 0.9)


def pack_offsets(statement: Statement) -> int | None:
    return {"armenia": 240, "azerbaijan": 240, "russia": 180}.get(statement.side or "")


@pytest.mark.parametrize("a, b, offsets", [
    # The seed: 8 a.m. local (= 7 a.m. Moscow) is an hour before the 8 a.m. Moscow cease-fire.
    (SEED_BATTLES, SEED_CEASEFIRE, None),
    (SEED_BATTLES, SEED_CEASEFIRE, pack_offsets),
    ("as of 8 a.m. local time, battles were ongoing", SEED_CEASEFIRE, pack_offsets),
    # parts of the day apart: one account's morning, the other's night
    ("a repair crew came under fire on Monday morning", "the border was quiet during the night", None),
])
def test_contradiction_at_different_times_is_not_flagged(a, b, offsets):
    (verdict,) = judge([text_pair(a, b)], FixedNLI(*CLASH), local_offset=offsets)
    assert (verdict.label, verdict.reason) == ("unrelated", "different_time")
    # The NLI reading is kept for whoever wants to look.
    assert verdict.p_contradiction_ab == pytest.approx(0.9) and verdict.score == pytest.approx(0.85)


@pytest.mark.parametrize("a, b, offsets, label, reason", [
    # Battles seen after the cease-fire began: a real clash.
    ("as of 9 a.m. Moscow time, battles ongoing", SEED_CEASEFIRE, None, "contradiction", "nli"),
    # "local time" with no offset known and no conversion written: cannot tell, NLI stands.
    ("as of 8 a.m. local time, battles ongoing", SEED_CEASEFIRE, None, "contradiction", "nli"),
    ("battles ongoing", "a cease-fire holds", pack_offsets, "contradiction", "nli"),
])
def test_same_or_unknown_times_keep_the_nli_verdict(a, b, offsets, label, reason):
    (verdict,) = judge([text_pair(a, b)], FixedNLI(*CLASH), local_offset=offsets)
    assert (verdict.label, verdict.reason) == (label, reason)


def test_the_time_rule_leaves_denials_and_agreements_alone():
    pair = text_pair("shelling at 8 a.m. Moscow time", "shelling at 10 a.m. Moscow time", "asserts", "denies")
    assert judge([pair], FixedNLI(*AGREE))[0].reason == "denial"
    pair = text_pair("calm at 8 a.m. Moscow time", "calm at 10 a.m. Moscow time")
    assert judge([pair], FixedNLI(*AGREE))[0].label == "agreement"


@pytest.mark.parametrize("nli", [NEUTRAL, AGREE, CLASH])
def test_casualty_figures_that_cannot_both_hold_contradict(nli):
    # (Owned by one side: unowned, each side's figure would count its own losses.)
    pair = text_pair("there were 49 Armenian victims as of this morning", "30 Armenians were killed")
    (verdict,) = judge([pair], FixedNLI(*nli))
    assert (verdict.label, verdict.reason) == ("contradiction", "numeric")
    assert verdict.score == pytest.approx(max(0.9, (nli[0][2] + nli[1][2]) / 2), abs=1e-4)
    assert verdict.p_neutral_ab == pytest.approx(nli[0][1])


@pytest.mark.parametrize("a, b, pol_b", [
    ("there were 49 victims", "forty-nine people died", "asserts"),      # the same figure
    ("there were 49 victims", "3 drones were shot down", "asserts"),     # not the same count
    ("there were 49 victims", "30 people were killed", "denies"),        # a denial is not a second figure
    ("49 victims as of 8 a.m. Moscow time", "30 killed as of 6 p.m. Moscow time", "asserts"),  # other times
])
def test_no_numeric_conflict_in_judge(a, b, pol_b):
    (verdict,) = judge([text_pair(a, b, "asserts", pol_b)], FixedNLI(*NEUTRAL))
    assert verdict.reason != "numeric"


def test_fragments_too_short_to_judge_are_not_paired():
    st = [make(1, "Azerbaijan shelled Goris overnight.", "armenia"), make(2, "No shelling took place.", "azerbaijan"),
          make(3, "shelling", "azerbaijan")]
    pairs, _ = candidate_pairs(st, opposes, keyword_embed, top_k=5, min_similarity=0.0, min_words=3)
    assert {(p.a.id, p.b.id) for p in pairs} == {("d:s001", "d:s002")}
    pairs, _ = candidate_pairs(st, opposes, keyword_embed, top_k=5, min_similarity=0.0)
    assert len(pairs) == 2


def test_the_sentence_encoder_runs_at_the_pipelines_precision(tiny_nli_path, tiny_encoder):
    import torch

    from claimdiff import ClaimDiff, NLIModel
    from claimdiff.pairing import SentenceEncoder

    texts = ["Azerbaijan shelled Goris overnight.", "The ministry said the talks would go on.", "No."]
    half = SentenceEncoder.from_pretrained(tiny_nli_path, device="cpu", precision="bf16")
    assert next(half.model.parameters()).dtype == torch.bfloat16
    full, low = tiny_encoder.encode(texts), half.encode(texts)
    # Pooled in fp32 either way: unit vectors, pointing where the fp32 ones point.
    assert low.dtype == np.float32 and np.allclose(np.linalg.norm(low, axis=1), 1.0, atol=1e-5)
    assert (full * low).sum(axis=1).min() > 0.99
    with pytest.raises(ValueError, match="precision"):
        SentenceEncoder.from_pretrained(tiny_nli_path, device="cpu", precision="int4")
    # A pipeline built without an encoder gives its own the NLI model's precision.
    cd = ClaimDiff(NLIModel.from_pretrained(tiny_nli_path, device="cpu", precision="bf16"))
    assert next(cd.encoder.model.parameters()).dtype == torch.bfloat16


def test_a_denial_of_one_sides_losses_does_not_clash_with_the_others_losses():
    # The NLI model reads "some Azerbaijani serviceman had been killed" as entailed by three Armenian dead.
    nli = FixedNLI([0.9, 0.05, 0.05], [0.9, 0.05, 0.05])
    denial = make(1, "any Azerbaijani serviceman had been killed", "azerbaijan", "denies")
    own_losses = CandidatePair(denial, make(2, "Three Armenian servicemen were killed", "armenia", "asserts"), 0.5)
    same_losses = CandidatePair(denial, make(3, "Two Azerbaijani servicemen were killed", "armenia", "asserts"), 0.5)
    (own, same) = judge([own_losses, same_losses], nli)
    assert (own.label, own.reason) == ("unrelated", "different_count")
    assert (same.label, same.reason) == ("contradiction", "denial")


@pytest.mark.parametrize("yerevan_says, baku_says, reason", [
    # Each side's own dead, with no owner written: two counts, no clash.
    ("two police officers had been killed and one wounded", "one of its soldiers had been killed and two wounded",
     "below_threshold"),
    # Bodies handed over and received are not the speaker's own losses: the counts clash.
    ("it had received 14 bodies", "it had handed over 18 bodies", "numeric"),
    # "the Azerbaijani Army had suffered no losses": none of its servicemen, so not "around 15" of them killed.
    ("around 15 Azerbaijani servicemen had been killed", "the Azerbaijani Army had suffered no losses", "numeric"),
])
def test_casualty_counts_clash_only_when_they_count_the_same_sides_losses(yerevan_says, baku_says, reason):
    from tests.conftest import judge_as_neutral

    assert judge_as_neutral(yerevan_says, baku_says).reason == reason
