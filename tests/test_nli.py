from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from claimdiff.nli import LABELS, ModelLoadError, NLIModel, label_columns

PAIRS = [
    ("Azerbaijan shelled Goris overnight.", "No shells fell on Goris."),
    ("The ministry said battles were ongoing.", "Fighting continued."),
    ("A", "B"),
    ("Azerbaijan shelled Goris overnight.", "No shells fell on Goris."),  # duplicate on purpose
    ("A long premise " * 40, "short"),
]


def test_labels_are_found_by_name_not_position(tiny_nli):
    # The tiny model orders its labels CONTRADICTION, entailment, neutral.
    assert tiny_nli.columns == [1, 2, 0]


@pytest.mark.parametrize("id2label, expected", [
    ({0: "entailment", 1: "neutral", 2: "contradiction"}, [0, 1, 2]),
    ({0: "CONTRADICTION", 1: "ENTAILMENT", 2: "NEUTRAL"}, [1, 2, 0]),
    ({"0": "entailment", "1": "not_entailment", "2": "contradiction"}, [0, None, 2]),
])
def test_label_columns(id2label, expected):
    assert label_columns(id2label) == expected


def test_predict_shape_and_probabilities(tiny_nli):
    probs = tiny_nli.predict(PAIRS, batch_size=2)
    assert probs.shape == (len(PAIRS), len(LABELS))
    np.testing.assert_allclose(probs.sum(axis=1), 1.0, rtol=1e-5)
    np.testing.assert_array_equal(probs[0], probs[3])


def test_results_do_not_depend_on_batch_size(tiny_nli):
    tiny_nli.clear_cache()  # else the second call is served from the cache and batching goes untested
    one = tiny_nli.predict(PAIRS, batch_size=1)
    tiny_nli.clear_cache()
    np.testing.assert_allclose(one, tiny_nli.predict(PAIRS, batch_size=64), atol=1e-5)


def _tiny_model(kind: str):
    import torch
    from transformers import BertConfig, BertForSequenceClassification, DistilBertConfig, DistilBertForSequenceClassification

    torch.manual_seed(0)
    labels = {0: "entailment", 1: "neutral", 2: "contradiction"}
    if kind == "bert":  # three layers, so the [CLS]-only last layer runs after full ones
        config = BertConfig(hidden_size=16, num_hidden_layers=3, num_attention_heads=2, intermediate_size=32,
                            id2label=labels, label2id={v: k for k, v in labels.items()})
        return BertForSequenceClassification(config).eval()
    config = DistilBertConfig(dim=16, n_layers=1, n_heads=2, hidden_dim=32, id2label=labels,
                              label2id={v: k for k, v in labels.items()})
    return DistilBertForSequenceClassification(config).eval()


def test_cls_only_last_layer_gives_the_model_s_own_logits(tiny_nli):
    import torch

    from claimdiff.nli import _bert_logits_cls_only

    model = _tiny_model("bert")
    batch = tiny_nli.tokenizer([p for p, _ in PAIRS], [h for _, h in PAIRS], padding=True, return_tensors="pt")
    assert batch["attention_mask"].min() == 0  # the pairs differ in length, so the mask is exercised
    with torch.inference_mode():
        np.testing.assert_allclose(_bert_logits_cls_only(model, batch), model(**batch).logits, atol=1e-5)


def test_other_architectures_run_the_full_forward(tiny_nli):
    import torch

    model = _tiny_model("distilbert")
    nli = NLIModel(model, tiny_nli.tokenizer, torch.device("cpu"), name="tiny-distilbert")
    assert tiny_nli.cls_only_last_layer and not nli.cls_only_last_layer
    pairs = [(p, h) for p, h in PAIRS if "long" not in p]
    batch = tiny_nli.tokenizer([p for p, _ in pairs], [h for _, h in pairs], padding=True, return_tensors="pt")
    with torch.inference_mode():
        expected = torch.softmax(model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).logits, -1)
    np.testing.assert_allclose(nli.predict(pairs), expected.numpy(), atol=1e-5)


def test_cache_serves_repeated_pairs_without_running_the_model(tiny_nli_path):
    nli = NLIModel.from_pretrained(tiny_nli_path, device="cpu", cache_size=4)
    first = nli.predict(PAIRS)
    assert nli.pairs_computed == 4  # one duplicate inside the call
    np.testing.assert_array_equal(nli.predict(PAIRS[2:4]), first[2:4])
    assert nli.pairs_computed == 4
    others = [(f"Premise number {i}.", "A hypothesis.") for i in range(8)]
    scores = nli.predict(others[:4])
    assert nli.pairs_computed == 8 and len(nli._cache) == 8  # at most twice cache_size
    np.testing.assert_array_equal(nli.predict(others[:4]), scores)  # the last four distinct pairs are kept
    assert nli.pairs_computed == 8
    nli.predict(others[4:])
    assert nli.pairs_computed == 12 and len(nli._cache) == 8
    np.testing.assert_array_equal(nli.predict(PAIRS), first)  # eight newer pairs pushed them out: run again
    assert nli.pairs_computed == 16


def test_cache_keys_tell_premise_and_hypothesis_apart():
    from claimdiff.nli import _RecentResults

    assert _RecentResults.key(("a b", "c")) != _RecentResults.key(("a", "b c"))
    assert _RecentResults.key(("x", "y")) == _RecentResults.key(("x", "y"))
    assert len(_RecentResults.key(("\ud800 lone surrogate", ""))) == 16


def test_bf16_precision_keeps_the_probabilities_close(tiny_nli_path):
    fp32 = NLIModel.from_pretrained(tiny_nli_path, device="cpu")
    bf16 = NLIModel.from_pretrained(tiny_nli_path, device="cpu", precision="bf16")
    assert (fp32.precision, bf16.precision) == ("fp32", "bf16")
    got = bf16.predict(PAIRS)
    assert got.dtype == np.float32
    np.testing.assert_allclose(got, fp32.predict(PAIRS), atol=0.05)
    with pytest.raises(ValueError, match="precision must be one of"):
        NLIModel.from_pretrained(tiny_nli_path, device="cpu", precision="int4")


def test_predict_both_swaps_directions(tiny_nli):
    ab, ba = tiny_nli.predict_both(PAIRS[:2])
    np.testing.assert_allclose(ba[0], tiny_nli.predict([(PAIRS[0][1], PAIRS[0][0])])[0], atol=1e-6)
    assert ab.shape == ba.shape == (2, 3)


def test_empty_input(tiny_nli):
    assert tiny_nli.predict([]).shape == (0, 3)


@pytest.mark.parametrize("bad", ["premise", [("only one",)], [(1, 2)], None])
def test_bad_pairs_raise_type_error(tiny_nli, bad):
    with pytest.raises(TypeError, match="pair"):
        tiny_nli.predict(bad)


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(ModelLoadError, match="does not exist"):
        NLIModel.from_pretrained(tmp_path / "nowhere")


def test_folder_without_model_is_a_clear_error(tmp_path):
    with pytest.raises(ModelLoadError, match="no config.json"):
        NLIModel.from_pretrained(tmp_path)


def test_a_file_or_a_config_without_weights_is_a_clear_error(tmp_path, tiny_nli_path):
    (tmp_path / "model.txt").write_text("not a model")
    with pytest.raises(ModelLoadError, match="is a file"):
        NLIModel.from_pretrained(tmp_path / "model.txt")
    weightless = tmp_path / "weightless"
    weightless.mkdir()
    (weightless / "config.json").write_bytes((Path(tiny_nli_path) / "config.json").read_bytes())
    with pytest.raises(ModelLoadError, match="weights or tokenizer"):
        NLIModel.from_pretrained(weightless)


def test_pairs_computed_are_counted_per_thread(tiny_nli):
    from concurrent.futures import ThreadPoolExecutor

    def run(k):
        before = tiny_nli.pairs_computed_in_thread
        tiny_nli.predict([(f"premise {k} {i}", "hypothesis") for i in range(5)])
        return tiny_nli.pairs_computed_in_thread - before

    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(run, range(100, 108))) == [5] * 8


def test_non_nli_model_is_refused(tiny_sentiment_path):
    with pytest.raises(ModelLoadError, match=r"Not an NLI model.*negative.*positive"):
        NLIModel.from_pretrained(tiny_sentiment_path)


def test_missing_default_model_says_how_to_get_one(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMDIFF_MODELS", str(tmp_path))
    with pytest.raises(ModelLoadError, match="train_nli.py"):
        NLIModel.from_pretrained()


def test_calibration_error():
    from claimdiff.evaluation.nli import calibration_error

    confident_and_right = np.array([[0.9, 0.05, 0.05], [0.05, 0.05, 0.9]])
    assert calibration_error(["entailment", "contradiction"], confident_and_right) == pytest.approx(0.1)
    # Sure of the wrong label: the error is the whole confidence.
    assert calibration_error(["neutral"], np.array([[1.0, 0.0, 0.0]])) == pytest.approx(1.0)
    assert calibration_error([], np.zeros((0, 3))) == 0.0


def test_fit_temperature_recovers_an_overconfident_model():
    from claimdiff.evaluation.nli import calibration_error, fit_temperature, rescale

    rng = np.random.default_rng(0)
    logits = rng.normal(0, 1.5, size=(4000, 3))
    truth = np.exp(logits) / np.exp(logits).sum(1, keepdims=True)
    gold = [LABELS[rng.choice(3, p=p)] for p in truth]            # labels drawn from the true probabilities
    overconfident = rescale(logits, 0.5)                            # the model's logits are twice too large
    t = fit_temperature(gold, overconfident)
    assert t == pytest.approx(2.0, abs=0.15)
    assert calibration_error(gold, rescale(np.log(overconfident), t)) < calibration_error(gold, overconfident) / 2
    with pytest.raises(ValueError, match="No rows"):
        fit_temperature([], np.zeros((0, 3)))


def test_temperature_softens_probabilities_and_keeps_labels(tiny_nli_path, tmp_path):
    import json
    import shutil

    plain = NLIModel.from_pretrained(tiny_nli_path, device="cpu").predict(PAIRS)
    warm = NLIModel.from_pretrained(tiny_nli_path, device="cpu", temperature=2.0).predict(PAIRS)
    assert (plain.argmax(1) == warm.argmax(1)).all()
    assert (warm.max(1) <= plain.max(1) + 1e-6).all() and (warm.max(1) < plain.max(1) - 1e-4).any()
    # The temperature a model folder carries in its config is used by default.
    folder = tmp_path / "calibrated"
    shutil.copytree(tiny_nli_path, folder)
    config = json.loads((folder / "config.json").read_text())
    (folder / "config.json").write_text(json.dumps({**config, "claimdiff_temperature": 2.0}))
    carried = NLIModel.from_pretrained(folder, device="cpu")
    assert carried.temperature == 2.0
    assert np.allclose(carried.predict(PAIRS), warm, atol=1e-5)
    with pytest.raises(ValueError, match="positive"):
        NLIModel.from_pretrained(tiny_nli_path, device="cpu", temperature=0.0)
