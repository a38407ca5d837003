"""Tests on the real shipped NLI model and the seed article: what `make run` must show a user."""

from __future__ import annotations

import json

import pytest

from .conftest import SEED_GOLD, SHIPPED_NLI

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def shipped_nli():
    from claimdiff.nli import NLIModel

    return NLIModel.from_pretrained(SHIPPED_NLI, device="cpu")


@pytest.fixture(scope="module")
def seed_report(shipped_nli, seed_text):
    from claimdiff import ClaimDiff, Document

    return ClaimDiff(shipped_nli).analyze(Document("000_c4e10aff8d545da5", seed_text))


def test_default_model_is_the_shipped_one():
    from claimdiff.nli import default_model_path

    assert default_model_path().resolve() == SHIPPED_NLI.resolve()
    assert (SHIPPED_NLI / "README.md").is_file() and (SHIPPED_NLI / "patch.safetensors").is_file()


@pytest.mark.parametrize("premise, hypothesis, label", [
    ("Azerbaijan shelled Goris.", "No shells fell on Goris.", "contradiction"),
    ("Azerbaijani troops shelled the town of Goris overnight.", "Goris was shelled.", "entailment"),
    ("A cease-fire was agreed from 8 a.m.", "The fighting continued all day without a cease-fire.", "contradiction"),
    ("The ministry said 49 soldiers were killed.", "The ministry gave a figure for the dead.", "entailment"),
    ("A man is playing a guitar on stage.", "A man is sleeping at home.", "contradiction"),
    ("A man is playing a guitar on stage.", "The man is a famous musician.", "neutral"),
])
def test_obvious_pairs(shipped_nli, premise, hypothesis, label):
    from claimdiff.nli import LABELS

    probs = shipped_nli.predict([(premise, hypothesis)])[0]
    assert LABELS[int(probs.argmax())] == label, dict(zip(LABELS, probs.round(3)))


def test_seed_report_has_the_key_statements(seed_report):
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))["statements"]
    by_content = {s.content.text: s for s in seed_report.statements}
    for g in gold:
        if g["kind"] == "narrator":
            continue
        match = [s for text, s in by_content.items() if g["content"]["text"][:40] in text]
        assert match, f"missing {g['id']}: {g['content']['text'][:60]}"
        assert match[0].polarity == g["polarity"]


def test_seed_report_is_consistent(seed_report):
    assert not seed_report.errors
    assert seed_report.stats["cross_side_pairs"] >= seed_report.stats["candidate_pairs"] > 0
    for v in seed_report.verdicts:
        assert v.label in ("contradiction", "agreement", "unrelated")
        assert {v.pair.a.side, v.pair.b.side} == {"armenia", "azerbaijan"}


def test_notebook_runs_top_to_bottom():
    import nbformat
    from nbclient import NotebookClient

    from .conftest import ROOT

    path = ROOT / "notebooks" / "seed_walkthrough.ipynb"
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]


def test_seed_time_difference_is_not_a_contradiction(seed_report):
    """8 a.m. local (7 a.m. Moscow) battles vs a cease-fire from 8 a.m. Moscow time: both can be true."""
    by_text = {s.content.text[:30]: s.id for s in seed_report.statements}
    battles = by_text["as of 8 a.m. local time (7 a.m"]
    ceasefire = by_text["Azerbaijan and Armenia had agr"]
    judged = [v for v in seed_report.verdicts if {v.pair.a.id, v.pair.b.id} == {battles, ceasefire}]
    assert len(judged) == 1  # the pair is judged (same story), so the label below is a real check
    assert judged[0].label != "contradiction", judged[0]


def test_seed_sides_take_opposite_stances_on_who_attacked_whom(seed_report):
    rows = [r for r in seed_report.rows("positions") if r["question_id"] == "who_attacked"]
    stance = {(r["proposition_id"], r["side"]): r["stance"] for r in rows}
    assert stance[("az_attacked_am", "armenia")] == "supports"
    assert stance[("az_attacked_am", "azerbaijan")] == "opposes"
    carriers = {c.a.actor for c in seed_report.counterclaims if c.question_id == "who_attacked"} | \
               {c.b.actor for c in seed_report.counterclaims if c.question_id == "who_attacked"}
    assert "AM.MOD" in carriers and carriers & {"AZ.GOV", "AZ.MOD"}
    # ... and Baku's denial carries the Azerbaijani side's opposition too.
    assert any(c.proposition_id == "az_attacked_am" and {c.a.actor, c.b.actor} == {"AM.MOD", "AZ.GOV"}
               for c in seed_report.counterclaims)


def test_the_8am_battles_and_the_moscow_time_ceasefire_do_not_counterclaim(seed_report):
    by_text = {s.content.text[:30]: s.id for s in seed_report.statements}
    battles, ceasefire = by_text["as of 8 a.m. local time (7 a.m"], by_text["Azerbaijan and Armenia had agr"]
    assert not any({c.a.id, c.b.id} == {battles, ceasefire} for c in seed_report.counterclaims)


def test_swapped_roles_are_not_entailed(shipped_nli):
    # Guards the shortcut "an attack premise entails any attack hypothesis" (stage 1 gave 0.94 here). The bound
    # stays where it was set (0.5). claimdiff-nli-minilm-l6 gave 0.51 (a strict xfail until 2026-12-06); the news
    # patch gives 0.49, but only because it is less sure of the right order too (see the next test).
    probs = shipped_nli.predict([("Azerbaijan had invaded Armenia.", "Armenia attacked Azerbaijan.")])
    assert probs[0, 0] < 0.5


@pytest.mark.xfail(strict=True, reason="known failure: the shipped MiniLM does not tell the roles apart on bare "
                   "sentences (entailment 0.49 for the swapped roles against 0.50 for the right order; see its card)")
def test_swapped_roles_read_far_below_the_right_order(shipped_nli):
    probs = shipped_nli.predict([("Azerbaijan had invaded Armenia.", "Armenia attacked Azerbaijan."),
                                 ("Azerbaijan had invaded Armenia.", "Azerbaijan attacked Armenia.")])
    assert probs[0, 0] < probs[1, 0] - 0.2


def _seed_case_accuracy(nli) -> float:
    from claimdiff.evaluation.nli import evaluate_nli

    return evaluate_nli(nli, sets=["seed_cases"])["seed_cases/accuracy"]


def test_shipped_model_does_not_take_the_attack_shortcut_on_the_seed_cases(shipped_nli):
    # Hand-labelled seed statements against the pack's propositions (seeds/nli_cases.jsonl). A run that learnt
    # "an attack premise entails any attack hypothesis" from generated templates scored 0.553 (see the card);
    # stage 2 0.868, stage 3 0.895 (trained on seed-derived rows, so flattered), stage 5 0.842.
    assert _seed_case_accuracy(shipped_nli) >= 0.80


@pytest.mark.xfail(strict=True, reason="known failure since stage 5 (2026-12-05): 32 of 38 seed cases (0.842) "
                   "against the 0.85 stage 3 was held to; it entails attack propositions from more attack reports "
                   "(see the card)")
def test_shipped_model_reads_the_seed_cases(shipped_nli):
    assert _seed_case_accuracy(shipped_nli) >= 0.85
