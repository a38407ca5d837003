"""Tests for claimdiff.stance: questions as data, stances with polarity, pruning, counterclaims, positions."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from claimdiff.actors import PackError
from claimdiff.records import Proposition, Question, Span, Stance, Statement
from claimdiff.stance import (MIN_CONFIDENCE, counterclaims, load_questions, parse_questions, positions, questions_from,
                              score_stances)

SIDES_OPPOSED = {("armenia", "azerbaijan"), ("azerbaijan", "armenia")}
TOPICS = ("attack", "ceasefire", "civilian", "weather")


def opposes(a: str, b: str) -> bool:
    return (a, b) in SIDES_OPPOSED


def make(i: int, text: str, side: str | None, polarity: str = "asserts", actor: str | None = None) -> Statement:
    return Statement(id=f"d:s{i:03d}", doc_id="d", kind="indirect", content=Span.of(text, 0, len(text)),
                     polarity=polarity, side=side, actor=actor)


def keyword_embed(texts):
    """Bag-of-keywords embeddings: texts on one topic get cosine 1, on different topics 0."""
    vecs = np.array([[float(t in text.lower()) for t in TOPICS] + [0.01] for text in texts], dtype=np.float32)
    return vecs / np.linalg.norm(vecs, axis=1, keepdims=True)


class RuleNLI:
    """A fake NLI model: ``rules[(premise, hypothesis)]`` gives (entailment, contradiction); else neutral.

    It records every call, to count the pairs the stance stage asks for.
    """

    def __init__(self, rules: dict[tuple[str, str], tuple[float, float]] | None = None):
        self.rules = rules or {}
        self.calls: list[list[tuple[str, str]]] = []

    def predict(self, pairs, batch_size=32, show_progress_bar=None):
        self.calls.append(list(pairs))
        out = np.zeros((len(pairs), 3), dtype=np.float32)
        for i, pair in enumerate(pairs):
            ent, con = self.rules.get(pair, (0.05, 0.05))
            out[i] = (ent, 1.0 - ent - con, con)
        return out


ATTACK = Question("who_attacked", "Who attacked whom?", (
    Proposition("az_attacked_am", "Azerbaijan attacked Armenia.", ("Azerbaijan started the attack.",)),
    Proposition("am_attacked_az", "Armenia attacked Azerbaijan."),
))
CEASEFIRE = Question("ceasefire", "Is a cease-fire in force?",
                     (Proposition("ceasefire_in_force", "A ceasefire holds."),))


# ------------------------------------------------------------------------------------------ stances


@pytest.mark.parametrize("polarity, probs, expected", [
    ("asserts", (0.9, 0.05), "supports"),
    ("denies", (0.9, 0.05), "opposes"),       # denying what entails P opposes P
    ("asserts", (0.05, 0.8), "opposes"),
    ("denies", (0.05, 0.8), "supports"),      # a denial flips both ways
    ("asserts", (0.45, 0.40), None),          # below the threshold: neutral, left out
    ("denies", (0.45, 0.40), None),
])
def test_polarity_flips_the_stance(polarity, probs, expected):
    content = "Azerbaijan had invaded Armenia in an attack"
    nli = RuleNLI({(content, "Azerbaijan attacked Armenia."): probs})
    found = score_stances([make(1, content, "azerbaijan", polarity)], [ATTACK], nli, keyword_embed)
    by_prop = {s.proposition_id: s for s in found}
    if expected is None:
        assert "az_attacked_am" not in by_prop
        return
    stance = by_prop["az_attacked_am"]
    assert (stance.stance, stance.polarity) == (expected, polarity)
    assert stance.score == pytest.approx(max(probs))
    # The raw probabilities are before polarity: they read the content, not the speaker.
    assert (stance.p_entailment, stance.p_contradiction) == pytest.approx(probs)


def test_keep_neutral_returns_every_scored_pair():
    st = [make(1, "An attack on Goris", "armenia")]
    found = score_stances(st, [ATTACK], RuleNLI(), keyword_embed, keep_neutral=True)
    assert [(s.proposition_id, s.stance) for s in found] == [("az_attacked_am", "neutral"),
                                                            ("am_attacked_az", "neutral")]


def test_the_most_decisive_wording_decides():
    content = "Azerbaijani forces began the attack"
    nli = RuleNLI({(content, "Azerbaijan attacked Armenia."): (0.55, 0.1),
                   (content, "Azerbaijan started the attack."): (0.92, 0.02)})
    (stance,) = score_stances([make(1, content, "armenia")], [ATTACK], nli, keyword_embed)
    assert (stance.stance, stance.score, stance.hypothesis) == ("supports", pytest.approx(0.92),
                                                                "Azerbaijan started the attack.")


EXCLUSIVE_ATTACK = Question(ATTACK.id, ATTACK.text, ATTACK.propositions, exclusive=True)


@pytest.mark.parametrize("az, am, expected", [
    # A clear answer to an exclusive question opposes the alternative, with the answer's score.
    ((0.05, 0.05), (0.96, 0.01), {"am_attacked_az": ("supports", None), "az_attacked_am": ("opposes", "am_attacked_az")}),
    ((0.56, 0.05), (0.96, 0.01), {"am_attacked_az": ("supports", None), "az_attacked_am": ("opposes", "am_attacked_az")}),
    # Supports within 0.1 of each other: the statement does not say which; neither counts.
    ((0.80, 0.05), (0.79, 0.05), {}),
    # Opposing both alternatives (a denial read as entailing both) stays as it is.
    ((0.05, 0.9), (0.05, 0.8), {"az_attacked_am": ("opposes", None), "am_attacked_az": ("opposes", None)}),
])
def test_an_exclusive_question_takes_one_answer(az, am, expected):
    content = "Armenia committed a large-scale provocation, an attack"  # "attack": relevant (keyword_embed)
    nli = RuleNLI({(content, "Azerbaijan attacked Armenia."): az, (content, "Armenia attacked Azerbaijan."): am})
    found = score_stances([make(1, content, "azerbaijan")], [EXCLUSIVE_ATTACK], nli, keyword_embed)
    assert {x.proposition_id: (x.stance, x.implied_by) for x in found} == expected
    implied = [x for x in found if x.implied_by]
    assert all(x.score == pytest.approx(am[0]) for x in implied)
    # The same scores on a question that is not exclusive keep both supports.
    plain = score_stances([make(1, content, "azerbaijan")], [ATTACK], nli, keyword_embed)
    assert not any(x.implied_by for x in plain)


def test_exclusive_must_be_a_boolean():
    raw = [{"id": "q", "text": "Q?", "exclusive": "yes", "propositions": [{"id": "p", "text": "P."}]}]
    with pytest.raises(PackError, match="'exclusive' must be true or false"):
        parse_questions(raw)
    assert parse_questions([{**raw[0], "exclusive": True}])[0].exclusive
    assert load_questions()[0].exclusive and questions_from(["A.", "B."], exclusive=True)[0].exclusive


def test_all_pairs_go_to_the_model_in_one_batch():
    st = [make(i, f"Attack number {i}", "armenia") for i in range(5)]
    nli = RuleNLI()
    score_stances(st, [ATTACK, CEASEFIRE], nli, keyword_embed, top_questions=None, min_relevance=-1.0)
    assert len(nli.calls) == 1
    assert len(nli.calls[0]) == 5 * 4  # every statement x every wording of every proposition


def test_relevance_pruning_bounds_the_cost():
    # A pack of many questions on other topics: each statement is scored on its most relevant one only.
    others = [Question(f"q{i}", f"Weather {i}?", (Proposition(f"w{i}a", f"The weather was fine {i}."),
                                                 Proposition(f"w{i}b", f"The weather was bad {i}.")))
              for i in range(20)]
    st = [make(i, f"Attack number {i}", "armenia") for i in range(6)]
    nli = RuleNLI()
    score_stances(st, [*others, ATTACK], nli, keyword_embed, top_questions=1)
    (pairs,) = nli.calls
    assert len(pairs) == 6 * 3  # 6 statements x the 3 wordings of who_attacked, not x 43 wordings
    assert {h for _, h in pairs} == set(ATTACK.propositions[0].hypotheses + ATTACK.propositions[1].hypotheses)


def test_min_relevance_drops_unrelated_statements():
    st = [make(1, "The weather was fine", "armenia"), make(2, "An attack at dawn", "armenia")]
    nli = RuleNLI()
    score_stances(st, [ATTACK], nli, keyword_embed, min_relevance=0.5)
    assert {p for p, _ in nli.calls[0]} == {"An attack at dawn"}


def test_no_statements_or_questions_cost_nothing():
    nli = RuleNLI()
    assert score_stances([], [ATTACK], nli, keyword_embed) == []
    assert score_stances([make(1, "An attack", "armenia")], [], nli, keyword_embed) == []
    assert nli.calls == []


@pytest.mark.parametrize("kwargs, match", [({"top_questions": 0}, "top_questions"), ({"threshold": 0}, "threshold")])
def test_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        score_stances([make(1, "An attack", "armenia")], [ATTACK], RuleNLI(), keyword_embed, **kwargs)


def test_real_tiny_model(tiny_nli, tiny_encoder):
    st = [make(1, "Azerbaijan was striking civilian infrastructure near Goris.", "armenia", actor="AM.MOD"),
          make(2, "Azerbaijan had invaded Armenia", "azerbaijan", "denies", actor="AZ.GOV"),
          make(3, "Armenia committed a large-scale provocation.", "azerbaijan", actor="AZ.MOD")]
    qs = load_questions()
    small = score_stances(st, qs, tiny_nli, tiny_encoder.encode, batch_size=1, min_relevance=-1.0, keep_neutral=True)
    large = score_stances(st, qs, tiny_nli, tiny_encoder.encode, batch_size=64, min_relevance=-1.0,
                          keep_neutral=True)
    assert [(s.statement_id, s.proposition_id, s.stance) for s in small] == \
           [(s.statement_id, s.proposition_id, s.stance) for s in large]
    questions_per_statement = {}
    for s in small:
        assert 0.0 <= s.p_entailment <= 1.0 and 0.0 <= s.p_contradiction <= 1.0
        assert isinstance(s.score, float) and s.stance in ("supports", "opposes", "neutral")
        questions_per_statement.setdefault(s.statement_id, set()).add(s.question_id)
    assert all(len(q) <= 3 for q in questions_per_statement.values())  # the default top_questions


# ------------------------------------------------------------------------------------ counterclaims


def _stance(statement: Statement, stance: str, score: float, prop: str = "az_attacked_am") -> Stance:
    return Stance(statement.id, "who_attacked", prop, stance, score, score, 0.0, "h", statement.polarity)


def test_counterclaims_only_across_opposing_sides():
    am = make(1, "Azerbaijan shelled Goris", "armenia", actor="AM.MOD")
    az = make(2, "Azerbaijan had invaded Armenia", "azerbaijan", "denies", actor="AZ.GOV")
    am2 = make(3, "Azerbaijan is not attacking", "armenia")
    ru = make(4, "Nobody attacked", "russia")
    narrator = make(5, "Nobody attacked", "narrator")
    unknown = make(6, "Nobody attacked", None)
    stances = [_stance(am, "supports", 0.9), _stance(az, "opposes", 0.7), _stance(am2, "opposes", 0.8),
               _stance(ru, "opposes", 0.95), _stance(narrator, "opposes", 0.95), _stance(unknown, "opposes", 0.95)]
    (claim,) = counterclaims(stances, [am, az, am2, ru, narrator, unknown], opposes)
    assert (claim.a.id, claim.b.id) == (am.id, az.id)
    assert (claim.stance_a, claim.stance_b, claim.score_a, claim.score_b) == ("supports", "opposes", 0.9, 0.7)
    assert claim.score == 0.7 and claim.proposition_id == "az_attacked_am"
    row = claim.to_dict()
    assert (row["a"], row["b"], row["question_id"]) == (am.id, az.id, "who_attacked")


def test_counterclaims_about_different_times_are_not_formed():
    # 8 a.m. local time in Armenia (UTC+4) is 7 a.m. in Moscow: battles then and a truce from 8:00 Moscow time.
    am = make(1, "As of 8 a.m. local time, battles were ongoing", "armenia", actor="AM.MOD")
    az = make(2, "A ceasefire holds from 8:00 a.m. Moscow time", "azerbaijan", actor="MEDIA.AZ")
    stances = [_stance(am, "opposes", 0.8), _stance(az, "supports", 0.8)]
    offset = {"armenia": 240, "azerbaijan": 240}
    assert counterclaims(stances, [am, az], opposes, local_offset=lambda st: offset[st.side]) == []
    # Without knowing the local offset the times cannot be compared, and the pair stands.
    assert len(counterclaims(stances, [am, az], opposes)) == 1


def test_counterclaims_about_different_sides_losses_are_not_formed():
    am = make(1, "no Armenian soldier was killed", "armenia")
    az = make(2, "two Azerbaijani servicemen were killed", "azerbaijan")
    stances = [_stance(am, "opposes", 0.8, "casualties"), _stance(az, "supports", 0.8, "casualties")]
    assert counterclaims(stances, [am, az], opposes) == []
    # The same side's losses: a counterclaim, with the weaker stance's score x agreement as its confidence.
    am = make(1, "no Azerbaijani serviceman was killed", "azerbaijan")
    az = make(2, "two Azerbaijani servicemen were killed", "armenia")
    stances = [dataclasses.replace(_stance(am, "opposes", 0.8, "casualties"), agreement=0.5),
               _stance(az, "supports", 0.9, "casualties")]
    (claim,) = counterclaims(stances, [am, az], opposes)
    assert (claim.score, claim.confidence) == (0.8, 0.4)


def test_counterclaims_below_the_least_confidence_are_left_out():
    # One wording of four read decisively (agreement 0.25) at 0.7: confidence 0.175, under MIN_CONFIDENCE.
    am = make(1, "Azerbaijan shelled Goris", "armenia", actor="AM.MOD")
    az = make(2, "Azerbaijan had invaded Armenia", "azerbaijan", "denies", actor="AZ.GOV")
    stances = [_stance(am, "supports", 0.9), dataclasses.replace(_stance(az, "opposes", 0.7), agreement=0.25)]
    assert MIN_CONFIDENCE == 0.2 and counterclaims(stances, [am, az], opposes) == []
    (claim,) = counterclaims(stances, [am, az], opposes, min_confidence=0.0)
    assert claim.confidence == 0.175


def test_counterclaims_read_whose_losses_as_the_judge_does():
    # What the rules read of a statement (registry.reading in the pipeline) decides whose losses it counts.
    am = make(1, "three tanks were destroyed", "armenia", actor="AM.MOD")
    az = make(2, "no Azerbaijani tank was destroyed", "azerbaijan", actor="AZ.MOD")
    stances = [_stance(am, "supports", 0.8, "casualties"), _stance(az, "opposes", 0.8, "casualties")]
    assert len(counterclaims(stances, [am, az], opposes)) == 1
    read = {am.id: "three Armenian tanks were destroyed", az.id: az.content.text}
    assert counterclaims(stances, [am, az], opposes, text_of=lambda st: read[st.id]) == []


def test_a_denial_does_not_count_unowned_losses_as_its_speakers():
    # Baku denying "a civilian was killed" denies Yerevan's claim: the civilian is not Azerbaijan's loss, so the
    # pair with Yerevan's own report of a killed civilian stands.
    az = make(1, "a civilian had been killed", "azerbaijan", "denies", actor="AZ.MOD")
    am = make(2, "one civilian was killed", "armenia", actor="AM.MOD")
    stances = [_stance(az, "opposes", 0.8, "casualties"), _stance(am, "supports", 0.8, "casualties")]
    assert len(counterclaims(stances, [az, am], opposes)) == 1


def test_a_stance_needs_the_share_of_wordings_asked_for():
    from claimdiff.records import Proposition, Question
    from claimdiff.stance import score_stances

    wordings = Proposition("az", "Azerbaijan attacked.", ("Baku attacked.", "Azerbaijani forces attacked."))
    question = (Question("who", "Who attacked?", (wordings,)),)
    statement = make(1, "Azerbaijan shelled Goris", "armenia")

    class OneWording:  # entails the first wording only
        def predict(self, pairs, batch_size=32, show_progress_bar=None):
            return np.array([[0.9, 0.05, 0.05] if i == 0 else [0.1, 0.8, 0.1] for i in range(len(pairs))])

    def embed(texts):
        return np.ones((len(texts), 2)) / np.sqrt(2)

    (loose,) = score_stances([statement], question, OneWording(), embed)
    (strict,) = score_stances([statement], question, OneWording(), embed, min_agreement=0.5, keep_neutral=True)
    assert (loose.stance, loose.agreement, strict.stance) == ("supports", round(1 / 3, 4), "neutral")


def test_counterclaims_need_opposite_stances_on_the_same_proposition():
    am = make(1, "x", "armenia")
    az = make(2, "y", "azerbaijan")
    same = [_stance(am, "supports", 0.9), _stance(az, "supports", 0.9)]
    other_prop = [_stance(am, "supports", 0.9), _stance(az, "opposes", 0.9, prop="am_attacked_az")]
    neutral = [_stance(am, "supports", 0.9), _stance(az, "neutral", 0.9)]
    for stances in (same, other_prop, neutral):
        assert counterclaims(stances, [am, az], opposes) == []


def test_counterclaims_keep_the_strongest_and_order_by_input():
    am = [make(i, f"am {i}", "armenia") for i in range(5)]
    az = [make(10 + i, f"az {i}", "azerbaijan") for i in range(5)]
    # Azerbaijani statements come first in input order here: ``a`` must still be the earlier statement.
    statements = az + am
    stances = [_stance(s, "opposes", 0.5 + i / 10) for i, s in enumerate(am)]
    stances += [_stance(s, "supports", 0.55 + i / 10) for i, s in enumerate(az)]
    claims = counterclaims(stances, statements, opposes, max_per_proposition=3)
    assert len(claims) == 3
    assert [c.score for c in claims] == sorted((c.score for c in claims), reverse=True)
    assert claims[0].score == pytest.approx(0.9)
    assert all(c.a.side == "azerbaijan" and c.stance_a == "supports" for c in claims)
    assert len(counterclaims(stances, statements, opposes, max_per_proposition=None)) == 25


# ---------------------------------------------------------------------------------------- positions


def test_positions_weighted_vote_per_side():
    am1, am2 = make(1, "a", "armenia", actor="AM.MOD"), make(2, "b", "armenia", actor="MEDIA.AM")
    az = make(3, "c", "azerbaijan", "denies", actor="AZ.GOV")
    nar = make(4, "d", "narrator", actor="NARRATOR")
    stances = [_stance(nar, "supports", 0.6), _stance(am1, "supports", 0.9), _stance(am2, "opposes", 0.6),
               _stance(az, "opposes", 0.8), _stance(am1, "neutral", 0.4, prop="am_attacked_az")]
    rows = positions(stances, [am1, am2, az, nar], [ATTACK])
    assert [(r["side"], r["stance"]) for r in rows] == [("armenia", "supports"), ("azerbaijan", "opposes"),
                                                        ("narrator", "supports")]
    am_row = rows[0]
    assert am_row["supporting"] == [am1.id] and am_row["opposing"] == [am2.id]
    assert am_row["consensus"] == pytest.approx(0.6) and am_row["score"] == 0.9
    assert am_row["question"] == "Who attacked whom?" and am_row["proposition"] == "Azerbaijan attacked Armenia."
    assert am_row["actors"] == ["AM.MOD", "MEDIA.AM"]
    tie = positions([_stance(am1, "supports", 0.7), _stance(am2, "opposes", 0.7)], [am1, am2])
    assert tie[0]["stance"] == "mixed" and tie[0]["question"] is None


# ---------------------------------------------------------------------------------------- questions


def test_pack_questions_load():
    qs = load_questions()
    by_id = {q.id: q for q in qs}
    assert 3 <= len(qs) <= 8
    props = {p.id: p for q in qs for p in q.propositions}
    assert {"az_attacked_am", "am_attacked_az"} <= {p.id for p in by_id["who_attacked"].propositions}
    assert {"ceasefire_in_force", "civilian_infrastructure_hit", "az_troops_in_armenia"} <= set(props)
    assert props["am_attacked_az"].hypotheses[0] == "Armenia attacked Azerbaijan."
    assert all(p.text.endswith(".") for p in props.values())


def test_load_questions_from_a_file(tmp_path):
    path = tmp_path / "pack.yaml"
    path.write_text("sides: []\nactors: []\nquestions:\n  - id: q\n    text: Who?\n    propositions:\n"
                    "      - {id: p, text: A did it., paraphrases: [A was it.]}\n", encoding="utf-8")
    (q,) = load_questions(path)
    assert q.propositions == (Proposition("p", "A did it.", ("A was it.",)),)
    bare = tmp_path / "bare.json"
    bare.write_text('{"sides": [], "actors": []}', encoding="utf-8")
    assert load_questions(bare) == ()


@pytest.mark.parametrize("raw, match", [
    ({"id": "q"}, r"questions\[0\]: missing or empty 'text'"),
    ({"id": "q", "text": "Who?"}, "'propositions' must be a non-empty list"),
    ({"id": "q", "text": "Who?", "propositions": [{"id": "p"}]}, r"propositions\[0\]: missing or empty 'text'"),
    ({"id": "q", "text": "Who?", "propositions": [{"id": "p", "text": "A.", "paraphrase": ["B."]}]},
     "unknown field 'paraphrase' \\(did you mean 'paraphrases'\\?\\)"),
    ({"id": "q", "text": "Who?", "propositions": [{"id": "p", "text": "A.", "paraphrases": "B."}]},
     "'paraphrases' must be a list"),
    ({"id": "q", "text": "Who?", "propositions": ["A."]}, "expected a mapping"),
])
def test_malformed_questions_are_refused(raw, match):
    with pytest.raises(PackError, match=match):
        parse_questions([raw], "pack.yaml")


def test_duplicate_ids_are_refused():
    q = {"id": "q", "text": "Who?", "propositions": [{"id": "p", "text": "A."}]}
    with pytest.raises(ValueError, match="duplicate question id 'q'"):
        parse_questions([q, q])
    with pytest.raises(ValueError, match="proposition id 'p' is already used"):
        parse_questions([q, {**q, "id": "q2"}])
    with pytest.raises(ValueError, match="must be a list"):
        parse_questions({"q": q})


def test_malformed_pack_file(tmp_path):
    path = tmp_path / "pack.yaml"
    path.write_text("questions:\n  - id: q\n    text: [\n", encoding="utf-8")
    with pytest.raises(PackError, match="cannot parse"):
        load_questions(path)
    with pytest.raises(PackError, match="unknown pack format"):
        load_questions(tmp_path / "pack.txt")


def test_questions_from_strings_dicts_templates_and_mixes():
    (q,) = questions_from(["Azerbaijan attacked Armenia.", "A cease-fire holds."])
    assert q.id == "user" and [p.id for p in q.propositions] == ["azerbaijan_attacked_armenia", "a_cease_fire_holds"]
    (q,) = questions_from({"Azerbaijan attacked Armenia.": ["Azerbaijan started it."], "Armenia attacked.": None})
    assert q.propositions[0].paraphrases == ("Azerbaijan started it.",) and q.propositions[1].paraphrases == ()
    (q,) = questions_from(["Armenia", "Azerbaijan"], template="{} fired first.", question="Who fired first?",
                          question_id="fired_first")
    assert (q.id, q.text) == ("fired_first", "Who fired first?")
    assert [p.text for p in q.propositions] == ["Armenia fired first.", "Azerbaijan fired first."]
    mixed = questions_from([*load_questions(), "A truce was signed."])
    assert mixed[:-1] == load_questions() and mixed[-1].propositions[0].text == "A truce was signed."
    assert questions_from(ATTACK) == (ATTACK,)
    (q,) = questions_from(["Same.", "Same!"])
    assert [p.id for p in q.propositions] == ["same", "same_2"]


@pytest.mark.parametrize("spec, kwargs, error, match", [
    (["x"], {"template": "no slot"}, ValueError, "exactly one"),
    ([1], {}, TypeError, "item 0 is a int"),
    ([""], {}, TypeError, "non-empty strings"),
    ([ATTACK, ATTACK], {}, ValueError, "question id 'who_attacked' occurs twice"),
])
def test_questions_from_errors(spec, kwargs, error, match):
    with pytest.raises(error, match=match):
        questions_from(spec, **kwargs)
