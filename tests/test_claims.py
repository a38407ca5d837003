from __future__ import annotations

import dataclasses

import numpy as np

from claimdiff.claims import denied_claims, group_claims, link_denials, one_per_claim_pair
from claimdiff.judge import judge
from claimdiff.pairing import candidate_pairs
from claimdiff.records import CandidatePair, Document, Span, Statement, Verdict
from claimdiff.report.rows import verdict_row
from tests.conftest import FixedNLI

OPPOSED = {("armenia", "azerbaijan"), ("azerbaijan", "armenia")}


def opposes(a: str, b: str) -> bool:
    return (a, b) in OPPOSED


def st(sid: str, text: str, start: int, end: int, side: str | None, actor: str | None = None, doc: str = "d",
       polarity: str = "asserts", refers_to: str | None = None, cue: tuple[int, int] | None = None) -> Statement:
    return Statement(sid, doc, "indirect", Span.of(text, start, end), cue=Span.of(text, *cue) if cue else None,
                     polarity=polarity, actor=actor, side=side, refers_to=refers_to)


def word_embed(texts):
    vocab = sorted({w for t in texts for w in t.lower().split()})
    vecs = np.array([[float(w in t.lower().split()) for w in vocab] + [1e-3] for t in texts], dtype=np.float32)
    return vecs / np.linalg.norm(vecs, axis=1, keepdims=True)


class AgreeingNLI(FixedNLI):
    """Says entailment for every pair: what a model says of a claim and its own copied words."""

    name = "agreeing"
    row = (0.9, 0.05, 0.05)


class NeutralNLI(AgreeingNLI):
    row = (0.1, 0.8, 0.1)


TEXT = ("Baku said Armenian units mined the roads near Kalbajar. Yerevan said it was ready for talks. "
        "Pashinyan rejected the accusation.")


def _three():
    claim = st("d:s1", TEXT, 10, 54, "azerbaijan", "AZ.GOV")
    talks = st("d:s2", TEXT, 69, 93, "armenia", "AM.GOV")
    # Segmentation points a denial at the statement just before it: here Yerevan's own.
    denial = st("d:s3", TEXT, 69, 93, "armenia", "AM.PM", polarity="denies", refers_to="d:s2", cue=(106, 114))
    return claim, talks, denial


def test_a_denial_points_at_the_opposing_claim_before_it():
    claim, talks, denial = _three()
    linked = link_denials([claim, talks, denial], opposes)
    assert linked[2].refers_to == "d:s1"
    assert linked[2].content == claim.content and linked[2].polarity == "denies"
    assert linked[:2] == [claim, talks]


def test_a_denial_without_an_opposing_claim_is_left_alone():
    _, talks, denial = _three()
    assert link_denials([talks, denial], opposes)[1] == denial


def test_a_denial_before_the_only_opposing_claim_of_its_document_points_at_that_claim():
    # A partisan story gives its own side's answer first, the claim it answers after.
    text = ("Yerevan said it was ready for talks. Pashinyan rejected the accusation. Baku said Armenian units mined "
            "the roads near Kalbajar.")
    talks = st("d:s1", text, 13, 35, "armenia", "AM.GOV")
    denial = st("d:s2", text, 13, 35, "armenia", "AM.PM", polarity="denies", refers_to="d:s1", cue=(47, 55))
    claim = st("d:s3", text, 82, 126, "azerbaijan", "AZ.GOV")
    linked = link_denials([talks, denial, claim], opposes)
    assert (linked[1].refers_to, linked[1].content) == ("d:s3", claim.content)


def test_a_linked_denial_is_paired_and_judged_a_contradiction_whatever_nli_says():
    claim, talks, denial = link_denials(list(_three()), opposes)
    pairs, _ = candidate_pairs([claim, talks, denial], opposes, word_embed, top_k=1, min_similarity=0.99,
                               related_docs=None)
    (pair,) = [p for p in pairs if {p.a.id, p.b.id} == {"d:s1", "d:s3"}]
    assert pair.signals[-1] == "denial"
    (verdict,) = [v for v in judge(pairs, NeutralNLI()) if v.pair is pair]
    assert (verdict.label, verdict.reason) == ("contradiction", "denial")
    assert verdict.score >= 0.9


HELICOPTERS = "Baku said its helicopters were not shot down. Dargahli said the reports were a lie."
DOWNED = "Yerevan said its units shot down two helicopters. Yerevan said talks were held."


def test_a_denial_with_nothing_to_answer_in_its_document_answers_the_claim_elsewhere():
    # A one-sided article: the pointer is left at its own side's denial, so it answers the other side's most
    # similar claim in another document, and only one that is similar enough.
    own = st("a:s1", HELICOPTERS, 10, 44, "azerbaijan", "AZ.MOD", doc="a", polarity="denies")
    pointer = st("a:s2", HELICOPTERS, 10, 44, "azerbaijan", "AZ.MOD", doc="a", polarity="denies",
                 refers_to="a:s1", cue=(55, 59))
    downed = st("b:s1", DOWNED, 13, 48, "armenia", "AM.MOD", doc="b")
    talks = st("b:s2", DOWNED, 63, 78, "armenia", "AM.MOD", doc="b")
    statements = link_denials([own, pointer, downed, talks], opposes)
    assert statements[1] == pointer  # nothing of the other side before it in its own document
    pairs, _ = candidate_pairs(statements, opposes, word_embed, top_k=1, min_similarity=0.99, related_docs=None)
    denial_pairs = {frozenset((p.a.id, p.b.id)) for p in pairs if "denial" in p.signals}
    assert denial_pairs == {frozenset(("a:s2", "b:s1"))}
    verdicts = judge(pairs, NeutralNLI())
    assert [(v.pair.b.id, v.reason) for v in verdicts if v.label == "contradiction"] == [("b:s1", "denial")]
    # The same denial with nothing alike on the other side answers nothing.
    pairs, _ = candidate_pairs([own, pointer, talks], opposes, word_embed, top_k=1, min_similarity=0.99,
                               related_docs=None)
    assert not [p for p in pairs if "denial" in p.signals]


ACCOUNT = ("Baku said its guards detained two saboteurs. The men carried explosives, it said. A third man fled, "
           "the service said. Yerevan dismissed the report.")


def test_a_denial_of_the_report_answers_the_claims_of_the_account_before_it():
    detained = st("d:s1", ACCOUNT, 10, 43, "azerbaijan", "AZ.GOV")
    carried = st("d:s2", ACCOUNT, 45, 71, "azerbaijan", "AZ.GOV")
    unknown = st("d:s3", ACCOUNT, 82, 98, None)                     # nobody knows who: it is skipped
    fled = st("d:s4", ACCOUNT, 82, 98, "azerbaijan")
    denial = st("d:s5", ACCOUNT, 82, 98, "armenia", "AM.GOV", polarity="denies", refers_to="d:s4",
                cue=(126, 135))
    statements = [detained, carried, unknown, fled, denial]
    assert denied_claims(statements, opposes) == {"d:s5": ("d:s4", "d:s2", "d:s1")}
    assert denied_claims(statements, opposes, max_run=2) == {"d:s5": ("d:s4", "d:s2")}
    pairs, _ = candidate_pairs(statements, opposes, word_embed, top_k=1, min_similarity=0.99, related_docs=None,
                               denied=denied_claims(statements, opposes))
    verdicts = judge(pairs, NeutralNLI())
    assert {frozenset((v.pair.a.id, v.pair.b.id)) for v in verdicts if v.reason == "denial"} == {
        frozenset(("d:s5", x)) for x in ("d:s1", "d:s2", "d:s4")}
    # A statement of the denier's own side ends the account: what came before it is not what is denied.
    own = st("d:s2", ACCOUNT, 45, 71, "armenia", "AM.GOV")
    assert denied_claims([detained, own, fled, denial], opposes) == {"d:s5": ("d:s4",)}
    # So does another actor of the denied side: "the report" is one source's account.
    other = st("d:s2", ACCOUNT, 45, 71, "azerbaijan", "AZ.MOD")
    target = st("d:s4", ACCOUNT, 82, 98, "azerbaijan", "AZ.GOV")
    assert denied_claims([detained, other, target, denial], opposes) == {"d:s5": ("d:s4",)}


def test_same_words_are_skipped_only_with_the_same_polarity():
    text = "Armenian forces shelled Tovuz."
    a = st("a:s1", text, 0, len(text), "azerbaijan", doc="a")
    b = st("b:s1", text, 0, len(text), "armenia", doc="b")
    pairs, _ = candidate_pairs([a, b], opposes, word_embed, related_docs=0)
    assert pairs == []
    denied = dataclasses.replace(b, polarity="denies")
    pairs, _ = candidate_pairs([a, denied], opposes, word_embed, related_docs=0)
    assert len(pairs) == 1
    (verdict,) = judge(pairs, AgreeingNLI())
    assert (verdict.label, verdict.reason) == ("contradiction", "denial")


def test_wire_copies_of_one_actor_are_one_claim_with_their_sources():
    t1 = "The ministry said Armenian units shelled Tovuz on Tuesday."
    t2 = "The ministry said Armenian units shelled Tovuz Tuesday."
    t3 = "The ministry said talks were planned."
    s1 = st("a:s1", t1, 18, 58, "azerbaijan", "AZ.MOD", doc="a")
    s2 = st("b:s1", t2, 18, 55, "azerbaijan", "AZ.MOD", doc="b")
    s3 = st("b:s2", t3, 18, 37, "azerbaijan", "AZ.MOD", doc="b")
    s4 = st("c:s1", t1, 18, 58, "armenia", "AM.MOD", doc="c")  # another actor: never the same claim
    docs = {"a": Document("a", t1, {"outlet": "APA", "date": "2020-07-14"}),
            "b": Document("b", t2, {"outlet": "Reuters", "date": "2020-07-13"})}
    out, claims = group_claims([s1, s2, s3, s4], word_embed, docs, min_similarity=0.85)
    assert [s.claim_id for s in out] == ["c0001", "c0001", "c0002", "c0003"]
    first = claims[0]
    assert first.statements == ("a:s1", "b:s1") and first.documents == ("a", "b")
    assert first.sources == ("APA", "Reuters") and first.first_seen == "2020-07-13"
    assert [s.id for s in out] == ["a:s1", "b:s1", "b:s2", "c:s1"]


def test_contradictions_are_listed_once_per_claim_pair():
    text = "x y z"
    a1 = dataclasses.replace(st("a:s1", text, 0, 1, "azerbaijan"), claim_id="c1")
    a2 = dataclasses.replace(st("b:s1", text, 0, 1, "azerbaijan", doc="b"), claim_id="c1")
    b = dataclasses.replace(st("c:s1", text, 2, 3, "armenia", doc="c"), claim_id="c2")

    def verdict(x, y, score, label="contradiction"):
        return Verdict(CandidatePair(x, y, 0.5), label, score, "nli", 0, 0, 0, 0, 0, 0)

    kept = one_per_claim_pair([verdict(a1, b, 0.7), verdict(a2, b, 0.8), verdict(a1, a2, 0.9, "agreement")])
    assert [(v.pair.a.id, v.score) for v in kept] == [("b:s1", 0.8)]


def test_a_denial_of_nearly_the_same_words_is_a_contradiction_only_when_similar_enough():
    text = "any of its helicopters had been shot down||its units had shot down two helicopters"
    denied = st("a:s1", text, 0, 40, "azerbaijan", polarity="denies", doc="a")
    claim = st("b:s1", text, 42, len(text), "armenia", doc="b")
    close = CandidatePair(denied, claim, 0.75, ("story",), similarity=0.75)
    far = CandidatePair(denied, claim, 0.5, ("story",), similarity=0.5)
    near, distant = judge([close, far], NeutralNLI())
    assert (near.label, near.reason, near.score) == ("contradiction", "denial", 0.75)
    assert distant.label == "unrelated"


class ContradictingNLI(AgreeingNLI):
    row = (0.05, 0.05, 0.9)


def test_figures_of_different_sides_losses_are_not_a_contradiction():
    text = "two Azerbaijani servicemen were killed and five wounded||49 Armenian servicemen had been killed"
    own = st("a:s1", text, 0, 54, "azerbaijan", doc="a")
    other = st("b:s1", text, 56, len(text), "armenia", doc="b")
    same = st("c:s1", "12 Azerbaijani servicemen were killed", 0, 37, "armenia", doc="c")
    (v1,) = judge([CandidatePair(own, other, 0.6, ("story",))], ContradictingNLI())
    assert (v1.label, v1.reason) == ("unrelated", "different_count")
    (v2,) = judge([CandidatePair(own, same, 0.6, ("story",))], ContradictingNLI())
    assert v2.label == "contradiction"


def test_a_fairly_similar_denial_needs_shared_words():
    text = "any of its helicopters had been shot down||its units had shot down two helicopters||talks resumed"
    denied = st("a:s1", text, 0, 40, "azerbaijan", polarity="denies", doc="a")
    shot = st("b:s1", text, 42, 81, "armenia", doc="b")
    talks = st("c:s1", text, 83, len(text), "armenia", doc="c")
    words, none = judge([CandidatePair(denied, shot, 0.65, ("story",), similarity=0.65),
                         CandidatePair(denied, talks, 0.65, ("story",), similarity=0.65)], NeutralNLI())
    assert (words.label, words.reason) == ("contradiction", "denial")
    assert none.label == "unrelated"
    # The sides' names are no shared words: they say which sides, not which event.
    text = ("Azerbaijani helicopters were downed by Armenian forces||"
            "an Azerbaijani soldier was killed near an Armenian village")
    denied = st("a:s1", text, 0, 54, "azerbaijan", polarity="denies", doc="a")
    killed = st("b:s1", text, 56, len(text), "armenia", doc="b")
    (names_only,) = judge([CandidatePair(denied, killed, 0.65, ("story",), similarity=0.65)], NeutralNLI())
    assert names_only.label == "unrelated"


def test_a_short_denial_is_paired_where_a_short_assertion_is_not():
    from claimdiff.pairing import pairable

    text = "shelling Tovuz"
    denial = st("d:s1", text, 0, 14, "armenia", polarity="denies")
    claim = st("d:s2", text, 0, 14, "armenia")
    assert pairable(denial, min_words=3) and not pairable(claim, min_words=3)
    assert not pairable(st("d:s3", "Tovuz", 0, 5, "armenia", polarity="denies"), min_words=3)


def test_figures_of_the_speakers_own_losses_read_through_it_are_no_numeric_conflict():
    from claimdiff.actors import ActorRegistry

    text = "49 Armenian soldiers had been killed. it had lost 50 servicemen"
    ours = st("d:s1", text, 0, text.index("."), "armenia", "AM.PM")
    theirs = st("d:s2", text, text.index("it"), len(text), "azerbaijan", "AZ.GOV")
    pair = CandidatePair(ours, theirs, 0.9, ("story",), 0.9)
    (as_written,) = judge([pair], NeutralNLI())
    (as_meant,) = judge([pair], NeutralNLI(), text_of=ActorRegistry.default().reading)
    # Azerbaijan's losses against Armenia's: "it had lost" counts the speaker's own, as written or as meant.
    assert as_written.label == as_meant.label == "unrelated"
    assert as_meant.reason == "below_threshold"
    # The verdict keeps what the models read, for whoever asks why: "it" is Azerbaijan in what Baku says.
    assert as_written.b_reading == "it had lost 50 servicemen"
    assert as_meant.b_reading == "Azerbaijan had lost 50 servicemen"
    assert as_meant.a_reading == "49 Armenian soldiers had been killed"
    assert verdict_row(as_meant)["b_reading"] == as_meant.b_reading


def test_a_spokesman_of_the_ministry_continues_its_account():
    from claimdiff.actors import ActorRegistry

    ministry = st("d:s1", ACCOUNT, 10, 43, "azerbaijan", "AZ.MOD")
    spokesman = st("d:s2", ACCOUNT, 45, 71, "azerbaijan", "AZ.MOD.SPOKES")
    denial = st("d:s5", ACCOUNT, 82, 98, "armenia", "AM.MOD", polarity="denies", refers_to="d:s2", cue=(126, 135))
    statements = [ministry, spokesman, denial]
    assert denied_claims(statements, opposes) == {"d:s5": ("d:s2",)}  # each actor its own source
    source = ActorRegistry.default().voice_of
    assert denied_claims(statements, opposes, source=source) == {"d:s5": ("d:s2", "d:s1")}
    # ... but a president is not his government's envoy: "the accusation" is the envoy's account.
    president = st("d:s1", ACCOUNT, 10, 43, "azerbaijan", "AZ.PRES")
    envoy = st("d:s2", ACCOUNT, 45, 71, "azerbaijan", "AZ.GOV")
    denial = st("d:s5", ACCOUNT, 82, 98, "armenia", "AM.GOV", polarity="denies", refers_to="d:s2", cue=(126, 135))
    assert denied_claims([president, envoy, denial], opposes, source=source) == {"d:s5": ("d:s2",)}
