"""The NLI cascade: the fast model judges every pair, the accurate one only those near a decision."""

from __future__ import annotations

import threading

import numpy as np
import pytest
import torch

from claimdiff import nli as nli_module
from claimdiff.nli import CascadeNLI, NLIModel, pipeline_precision, near_decision

PAIRS = [("Troops shelled the village.", "No shells fell on the village."),
         ("The ministry said two soldiers died.", "Two soldiers were killed."),
         ("Talks resumed in Moscow.", "The weather was cold.")]


class Engine:
    """An engine that returns set rows for set pairs and records what it was asked, so the routing shows."""

    def __init__(self, rows: dict[tuple[str, str], list[float]]):
        self.rows, self.asked, self.device, self.name = rows, [], "cpu", "engine"
        self.pairs_computed = 0

    def predict(self, pairs, batch_size=32, show_progress_bar=None):
        self.asked.extend(pairs)
        self.pairs_computed += len(pairs)
        return np.array([self.rows[p] for p in pairs], dtype=np.float32)

    def clear_cache(self):
        pass


@pytest.fixture
def engines():
    fast = Engine({PAIRS[0]: [0.05, 0.05, 0.90],   # sure: contradiction
                   PAIRS[1]: [0.45, 0.40, 0.15],   # near: entailment or neutral
                   PAIRS[2]: [0.30, 0.35, 0.35]})  # near: anything
    accurate = Engine({PAIRS[0]: [0.90, 0.05, 0.05],
                       PAIRS[1]: [0.80, 0.15, 0.05],   # entailment, as the fast model read it
                       PAIRS[2]: [0.05, 0.90, 0.05]})  # neutral, the fast model's first maximum
    return fast, accurate


def test_only_pairs_near_a_decision_go_to_the_accurate_model(engines):
    fast, accurate = engines
    cascade = CascadeNLI(fast, accurate, margin=0.2)
    probs = cascade.predict(PAIRS)
    assert accurate.asked == PAIRS[1:]
    np.testing.assert_allclose(probs[0], fast.rows[PAIRS[0]])  # the sure pair keeps the fast reading
    np.testing.assert_allclose(probs[1:], [accurate.rows[p] for p in PAIRS[1:]])
    assert cascade.rejudged == 2
    assert cascade.overruled == 0  # entailment stays entailment; neutral (fast's first maximum) stays neutral


def test_overruled_counts_changed_labels(engines):
    fast, accurate = engines
    accurate.rows[PAIRS[1]] = [0.1, 0.1, 0.8]
    cascade = CascadeNLI(fast, accurate, margin=0.2)
    cascade.predict(PAIRS)
    assert (cascade.rejudged, cascade.overruled) == (2, 1)


def test_margin_zero_is_the_fast_model_and_one_the_accurate(engines):
    fast, accurate = engines
    np.testing.assert_allclose(CascadeNLI(fast, accurate, margin=0.0).predict(PAIRS),
                               [fast.rows[p] for p in PAIRS])
    assert accurate.asked == []
    np.testing.assert_allclose(CascadeNLI(fast, accurate, margin=1.0).predict(PAIRS),
                               [accurate.rows[p] for p in PAIRS])


def test_margin_must_be_a_share():
    with pytest.raises(ValueError, match="margin"):
        CascadeNLI(None, None, margin=1.5)


def test_near_decision_reads_the_top_two_labels():
    probs = np.array([[0.6, 0.3, 0.1], [0.5, 0.1, 0.4], [0.34, 0.33, 0.33]])
    assert near_decision(probs, 0.2).tolist() == [False, True, True]


def test_empty_input(tiny_nli):
    cascade = CascadeNLI(tiny_nli, tiny_nli, margin=0.2)
    assert cascade.predict([]).shape == (0, 3) and cascade.rejudged == 0


def test_real_models_margin_ends(tiny_nli_path, second_tiny_nli_path):
    fast = NLIModel.from_pretrained(tiny_nli_path, device="cpu", temperature=0.01)
    accurate = NLIModel.from_pretrained(second_tiny_nli_path, device="cpu", temperature=0.01)
    np.testing.assert_allclose(CascadeNLI(fast, accurate, 0.0).predict(PAIRS), fast.predict(PAIRS))
    np.testing.assert_allclose(CascadeNLI(fast, accurate, 1.0).predict(PAIRS), accurate.predict(PAIRS))
    ab, ba = CascadeNLI(fast, accurate, 1.0).predict_both(PAIRS)
    np.testing.assert_allclose(ba, accurate.predict([(b, a) for a, b in PAIRS]))


def test_counts_per_thread(tiny_nli_path, second_tiny_nli_path):
    cascade = CascadeNLI(NLIModel.from_pretrained(tiny_nli_path, device="cpu", cache_size=0),
                         NLIModel.from_pretrained(second_tiny_nli_path, device="cpu", cache_size=0), margin=1.0)
    seen = []

    def work(n):
        cascade.predict([(f"pair {n} {i}", "a hypothesis") for i in range(n)])
        seen.append((n, cascade.rejudged_in_thread, cascade.pairs_computed_in_thread))

    threads = [threading.Thread(target=work, args=(n,)) for n in (2, 3, 5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(seen) == [(2, 2, 4), (3, 3, 6), (5, 5, 10)]
    assert cascade.rejudged == 10 and cascade.pairs_computed == 20


def test_pipeline_reports_the_cascade(tiny_nli_path, second_tiny_nli_path, tiny_encoder, seed_text):
    from claimdiff import ClaimDiff

    cd = ClaimDiff.from_pretrained(tiny_nli_path, accurate_model=second_tiny_nli_path, margin=1.0, device="cpu",
                                   extractor="rules", encoder=tiny_encoder)
    assert isinstance(cd.nli, CascadeNLI) and "->" in repr(cd)
    stats = cd.analyze([seed_text]).stats
    # margin 1 sends every judged pair to the accurate model too; stances are the fast model's alone (below)
    assert stats["nli_rejudged"] > 0 and stats["nli_pairs_computed"] > 2 * stats["nli_rejudged"]
    single = ClaimDiff.from_pretrained(tiny_nli_path, accurate_model=False, device="cpu", extractor="rules",
                                       encoder=tiny_encoder)
    assert isinstance(single.nli, NLIModel) and "nli_rejudged" not in single.analyze([seed_text]).stats


def test_pipeline_stances_are_the_fast_models(tiny_nli_path, second_tiny_nli_path, tiny_encoder, seed_text):
    # The accurate model never learnt the generated role sets, so it never reads a statement against a proposition.
    from claimdiff import ClaimDiff

    cd = ClaimDiff.from_pretrained(tiny_nli_path, accurate_model=second_tiny_nli_path, margin=1.0, device="cpu",
                                   extractor="rules", encoder=tiny_encoder)
    asked: list[tuple[str, str]] = []
    predict = cd.nli.accurate.predict
    cd.nli.accurate.predict = lambda pairs, *args, **kwargs: (asked.extend(pairs), predict(pairs, *args, **kwargs))[1]
    report = cd.analyze([seed_text])
    wordings = {h for q in report.questions for p in q.propositions for h in p.hypotheses}
    assert report.stats["stance_pairs_run"] > 0 and wordings
    assert asked and not {hypothesis for _, hypothesis in asked} & wordings


def test_pipeline_runs_bf16_only_where_the_cpu_has_it_and_no_precision_was_asked(monkeypatch):
    cpu, cuda = torch.device("cpu"), torch.device("cuda")
    monkeypatch.setattr(nli_module, "cpu_has_bf16", lambda: True)
    assert pipeline_precision(cpu, None) == "bf16"
    assert pipeline_precision(cpu, "fp32") == "fp32" and pipeline_precision(cuda, None) is None
    monkeypatch.setattr(nli_module, "cpu_has_bf16", lambda: False)
    assert pipeline_precision(cpu, None) is None


def test_pipeline_cascade_precisions(tiny_nli_path, second_tiny_nli_path, tiny_encoder, monkeypatch):
    from claimdiff import ClaimDiff

    monkeypatch.setattr(nli_module, "cpu_has_bf16", lambda: True)
    cd = ClaimDiff.from_pretrained(tiny_nli_path, accurate_model=second_tiny_nli_path, device="cpu",
                                   extractor="rules", encoder=tiny_encoder)
    assert (cd.nli.fast.precision, cd.nli.accurate.precision, cd.nli.precision) == ("bf16", "bf16", "bf16")
    cascade = CascadeNLI.from_pretrained(tiny_nli_path, second_tiny_nli_path, device="cpu", precision="fp32")
    assert cascade.precision == "fp32" and cascade.accurate.precision == "fp32"
    cascade.fast = NLIModel.from_pretrained(tiny_nli_path, device="cpu", precision="bf16")
    assert cascade.precision == "bf16+fp32"
    # NLIModel alone keeps the fp32 reference labels on CPU.
    assert NLIModel.from_pretrained(tiny_nli_path, device="cpu").precision == "fp32"


def test_default_pipeline_runs_alone_without_the_accurate_model(tmp_path, monkeypatch):
    from claimdiff.nli import accurate_model_path

    monkeypatch.setenv("CLAIMDIFF_MODELS", str(tmp_path))
    assert accurate_model_path() is None
    with pytest.raises(ValueError, match="ambiguous"):
        from claimdiff import ClaimDiff

        ClaimDiff.from_pretrained(accurate_model=True)


def test_the_accurate_model_counts_as_installed_only_with_the_model_it_patches(tmp_path, monkeypatch):
    import json

    from claimdiff.nli import ACCURATE_NLI_MODEL, accurate_model_path

    monkeypatch.setenv("CLAIMDIFF_MODELS", str(tmp_path))
    patch = tmp_path / ACCURATE_NLI_MODEL
    patch.mkdir()
    (patch / "config.json").write_text(json.dumps({"claimdiff_patch_of": "some-base"}))
    assert accurate_model_path() is None
    (tmp_path / "some-base").mkdir()
    (tmp_path / "some-base" / "config.json").write_text("{}")
    assert accurate_model_path() == patch


def test_cli_checks_the_margin_before_loading(tmp_path, capsys):
    from claimdiff.cli import main

    text = tmp_path / "a.txt"
    text.write_text("The ministry said troops advanced.", encoding="utf-8")
    assert main(["analyze", str(text), "--margin", "2", "--model", str(tmp_path / "no-model")]) == 2
    assert "--margin" in capsys.readouterr().err


def test_cli_runs_a_cascade(tiny_nli_path, second_tiny_nli_path, tmp_path):
    import json

    from claimdiff.cli import main

    out = tmp_path / "v.jsonl"
    text = tmp_path / "a.txt"
    text.write_text("Armenia's defence ministry said Azerbaijani forces shelled Goris. Azerbaijan's defence "
                    "ministry denied that its forces had shelled Goris.", encoding="utf-8")
    assert main(["analyze", str(text), "--model", str(tiny_nli_path), "--accurate-model", str(second_tiny_nli_path),
                 "--margin", "1", "--extractor", "rules", "--device", "cpu", "-q", "--out", str(out),
                 "--what", "verdicts"]) == 0
    assert out.exists() and all(json.loads(line) for line in out.read_text().splitlines())
