from __future__ import annotations

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


def test_cache_serves_repeated_pairs_without_running_the_model(tiny_nli_path):
    nli = NLIModel.from_pretrained(tiny_nli_path, device="cpu", cache_size=4)
    first = nli.predict(PAIRS)
    assert nli.pairs_computed == 4  # one duplicate inside the call
    np.testing.assert_array_equal(nli.predict(PAIRS[2:4]), first[2:4])
    assert nli.pairs_computed == 4
    nli.predict([("new", "pair")])  # evicts the least recently used entry: the cache holds at most 4
    assert len(nli._cache) == 4 and nli.pairs_computed == 5
    nli.predict(PAIRS)
    assert nli.pairs_computed == 5 + 1  # only the evicted pair ran again


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


def test_non_nli_model_is_refused(tiny_sentiment_path):
    with pytest.raises(ModelLoadError, match=r"Not an NLI model.*negative.*positive"):
        NLIModel.from_pretrained(tiny_sentiment_path)


def test_missing_default_model_says_how_to_get_one(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMDIFF_MODELS", str(tmp_path))
    with pytest.raises(ModelLoadError, match="train_nli.py"):
        NLIModel.from_pretrained()
