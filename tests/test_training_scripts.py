"""The training and calibration scripts run end to end on tiny models built here: a few steps, a checkpoint, a
resume that lands on the same weights as a run that never stopped, a final folder claimdiff loads, and a
temperature written into a model's config."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
import torch
from safetensors.torch import load_file
from transformers import (AutoTokenizer, BertConfig, BertForSequenceClassification,
                          BertForTokenClassification)

from claimdiff.nli import NLIModel
from claimdiff.evaluation.nli_data import LABELS as NLI_LABELS
from claimdiff.attribution.tagger import LABELS as TAGGER_LABELS
from claimdiff.attribution.tagger import AttributionTagger

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"


@pytest.fixture()
def scripts(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.syspath_prepend(str(SCRIPTS))
    import train_nli
    import train_tagger
    import training

    return train_nli, train_tagger, training


def _tiny(folder: Path, model_cls, labels: tuple[str, ...] | list[str], base: Path) -> Path:
    tokenizer = AutoTokenizer.from_pretrained(base)
    # No dropout, so that a resumed run can be compared weight for weight with one that never stopped.
    config = BertConfig(vocab_size=tokenizer.vocab_size, hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                        intermediate_size=64, max_position_embeddings=512, hidden_dropout_prob=0.0,
                        attention_probs_dropout_prob=0.0, num_labels=len(labels),
                        id2label=dict(enumerate(labels)), label2id={lab: i for i, lab in enumerate(labels)})
    torch.manual_seed(0)
    model_cls(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def _run(module, argv: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "argv", [f"{module.__name__}.py", *argv])
    module.main()


def test_length_grouped_batches_cover_every_row_once(scripts) -> None:
    import random

    *_, training = scripts
    lengths = [5, 1, 9, 3, 7, 2, 8] * 30
    batches = training.length_grouped_batches(lengths, 4, random.Random(1))
    assert sorted(i for b in batches for i in b) == list(range(len(lengths)))
    assert all(len(b) <= 4 for b in batches)
    assert batches == training.length_grouped_batches(lengths, 4, random.Random(1))  # the seed alone decides


def test_train_nli_resumes_to_the_same_weights(scripts, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    train_nli, _, training = scripts
    tiny = _tiny(tmp_path / "tiny", BertForSequenceClassification, NLI_LABELS, training.base_model_path())
    common = ["--data", str(tmp_path), "--init", str(tiny), "--sets", "conflict_roles:40", "--epochs", "1",
              "--batch-size", "8", "--lr", "1e-3", "--eval-every", "100", "--seed", "5", "--threads", "1"]
    _run(train_nli, [*common, "--out", str(tmp_path / "whole")], monkeypatch)
    _run(train_nli, [*common, "--out", str(tmp_path / "split"), "--max-steps", "2"], monkeypatch)
    assert not (tmp_path / "split" / "final").exists()          # stopped: only a checkpoint
    assert torch.load(tmp_path / "split" / "checkpoint.pt", weights_only=True)["step"] == 2
    _run(train_nli, [*common, "--out", str(tmp_path / "split"), "--resume"], monkeypatch)

    whole = load_file(tmp_path / "whole" / "final" / "model.safetensors")
    split = load_file(tmp_path / "split" / "final" / "model.safetensors")
    assert whole.keys() == split.keys()
    assert all(torch.equal(whole[k], split[k]) for k in whole)
    assert not torch.equal(whole["classifier.weight"].float(),
                           load_file(tiny / "model.safetensors")["classifier.weight"])  # it did train
    meta = json.loads((tmp_path / "whole" / "final" / "training_args.json").read_text())
    assert meta["steps"] == 5 and meta["mix"] == {"conflict_roles": 40}
    assert set(meta["validation"]) == {"conflict_roles", "seed_cases"}  # the sets trained on, and the seed
    probs = NLIModel.from_pretrained(tmp_path / "whole" / "final").predict([("A shelled B.", "B was not shelled.")])
    assert probs.shape == (1, 3)


def test_train_top_writes_a_patch_that_loads_over_the_model_it_started_from(
        scripts, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from safetensors.torch import save_file

    from claimdiff.nli import ModelLoadError

    train_nli, _, training = scripts
    models = tmp_path / "models"
    tiny = _tiny(models / "tiny-base", BertForSequenceClassification, NLI_LABELS, training.base_model_path())
    out = tmp_path / "top"
    _run(train_nli, ["--data", str(tmp_path), "--init", str(tiny), "--sets", "conflict_roles:40", "--epochs", "1",
                     "--batch-size", "8", "--lr", "1e-3", "--eval-every", "100", "--seed", "5", "--threads", "1",
                     "--train-top", "1", "--out", str(out)], monkeypatch)
    patch = load_file(out / "final" / "patch.safetensors")
    assert patch and all(k.startswith(("bert.encoder.layer.1.", "classifier.")) for k in patch)
    assert not (out / "final" / "model.safetensors").exists()
    trained = torch.load(out / "checkpoint.pt", weights_only=True)["model"]
    start = load_file(tiny / "model.safetensors")
    frozen = "bert.encoder.layer.0.output.dense.weight"
    assert torch.equal(trained[frozen], start[frozen])
    assert not torch.equal(trained["classifier.weight"], start["classifier.weight"])

    # Loaded over its base (found by name under $CLAIMDIFF_MODELS), it reads as the trained model does.
    monkeypatch.setenv("CLAIMDIFF_MODELS", str(models))
    pairs = [("A shelled B.", "B was not shelled."), ("Troops crossed the border.", "Nobody moved.")]
    full = BertForSequenceClassification.from_pretrained(tiny)
    full.load_state_dict(trained)
    full.save_pretrained(tmp_path / "full")
    AutoTokenizer.from_pretrained(tiny).save_pretrained(tmp_path / "full")
    expected = NLIModel.from_pretrained(tmp_path / "full").predict(pairs)
    assert torch.allclose(torch.from_numpy(NLIModel.from_pretrained(out / "final").predict(pairs)),
                          torch.from_numpy(expected), atol=1e-3)

    save_file({**patch, "bert.no_such_layer.weight": torch.zeros(2)}, str(out / "final" / "patch.safetensors"))
    with pytest.raises(ModelLoadError, match="does not have: bert.no_such_layer.weight"):
        NLIModel.from_pretrained(out / "final")
    monkeypatch.setenv("CLAIMDIFF_MODELS", str(tmp_path / "empty"))
    with pytest.raises(ModelLoadError, match="'tiny-base' that this NLI model is a patch of is missing"):
        NLIModel.from_pretrained(out / "final")


def _export_teacher_mix(scripts, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                        *extra: str) -> tuple[Path, Path, list[dict]]:
    """A tiny teacher, the mix exported with its probabilities (24 conflict_roles rows and ``extra`` options), and
    the mix's rows."""
    import gzip

    train_nli, _, training = scripts
    teacher = _tiny(tmp_path / "teacher", BertForSequenceClassification, NLI_LABELS, training.base_model_path())
    mix = tmp_path / "mix.jsonl.gz"
    _run(train_nli, ["--data", str(tmp_path), "--sets", "conflict_roles:24", "--teacher", str(teacher), *extra,
                     "--export-mix", str(mix), "--threads", "1"], monkeypatch)
    return teacher, mix, [json.loads(line) for line in gzip.open(mix, "rt")]


def test_train_nli_distils_a_teacher_through_an_exported_mix(scripts, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    train_nli, *_ = scripts
    teacher, mix, rows = _export_teacher_mix(scripts, tmp_path, monkeypatch)
    train = [r for r in rows if r["split"] == "train"]
    assert len(train) == 24 and all(len(r["teacher"]) == 3 for r in train)
    assert all("teacher" not in r for r in rows if r["split"] == "validation")
    expected = NLIModel.from_pretrained(teacher).predict([(r["premise"], r["hypothesis"]) for r in train[:4]])
    # Row by row the teacher's reading (bf16 where the CPU has it, so not to the last digit).
    assert torch.allclose(torch.tensor([r["teacher"] for r in train[:4]]), torch.from_numpy(expected), atol=0.005)

    # The teacher's probabilities change what the student learns: a pure distillation run ends elsewhere.
    common = ["--mix", str(mix), "--init", str(teacher), "--epochs", "1", "--batch-size", "8", "--lr", "1e-3",
              "--seed", "5", "--threads", "1", "--eval-every", "100"]
    _run(train_nli, [*common, "--out", str(tmp_path / "gold"), "--distil-weight", "0"], monkeypatch)
    _run(train_nli, [*common, "--out", str(tmp_path / "distil"), "--distil-weight", "1"], monkeypatch)
    gold = load_file(tmp_path / "gold" / "final" / "model.safetensors")
    distil = load_file(tmp_path / "distil" / "final" / "model.safetensors")
    assert not torch.equal(gold["classifier.weight"], distil["classifier.weight"])


def test_extra_sets_join_a_distillation_mix_with_their_gold_as_teacher(scripts, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    train_nli, *_ = scripts
    _, _, rows = _export_teacher_mix(scripts, tmp_path, monkeypatch, "--extra-sets", "conflict_calm:2")
    calm = [r for r in rows if r["split"] == "train" and r["set"] == "conflict_calm"]
    assert len(calm) == 2 * len(train_nli.load_nli_set("conflict_calm", None, "train"))
    assert all(r["teacher"] == [float(r["label"] == label) for label in NLI_LABELS] for r in calm)
    assert sum(r["split"] == "train" and r["set"] == "conflict_roles" for r in rows) == 24  # the teacher's rows
    assert any(r["split"] == "validation" and r["set"] == "conflict_calm" for r in rows)


def test_distillation_loss_with_a_certain_teacher_is_the_gold_loss(scripts) -> None:
    train_nli, *_ = scripts
    logits, gold = torch.tensor([[2.0, 0.5, -1.0], [0.1, 0.2, 0.3]]), torch.tensor([0, 2])
    plain = torch.nn.functional.cross_entropy(logits, gold)
    certain = torch.nn.functional.one_hot(gold, 3).float()
    assert torch.allclose(train_nli.batch_loss(logits, gold, certain, 0.7), plain)
    unsure = torch.full((2, 3), 1 / 3)
    assert train_nli.batch_loss(logits, gold, unsure, 0.7) > plain  # a flat teacher pulls away from gold
    assert torch.equal(train_nli.batch_loss(logits, gold, None, 0.7), plain)


def _polnear_train(root: Path) -> Path:
    base = root / "attribution" / "PolNeAR" / "data" / "train"
    (base / "text").mkdir(parents=True)
    (base / "attributions").mkdir()
    for i in range(4):
        text = f"Bob{i} said the sky is green. The ministry told reporters that rain fell on day {i}.\n"
        spans = [("Source", f"Bob{i}"), ("Cue", "said"), ("Content", "the sky is green"),
                 ("Source", "The ministry"), ("Cue", "told"), ("Content", f"rain fell on day {i}")]
        lines = []
        for n, (kind, part) in enumerate(spans, 1):
            start = text.index(part)
            lines.append(f"T{n}\t{kind} {start} {start + len(part)}\t{part}")
        lines += ["E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3", "E2\tAttribution:T5 Source:T4 Cue:T5 Content:T6"]
        (base / "text" / f"a{i}.txt").write_text(text, encoding="utf-8")
        (base / "attributions" / f"a{i}_x.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def test_train_tagger_resumes_and_writes_a_loadable_tagger(scripts, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    _, train_tagger, training = scripts
    data = _polnear_train(tmp_path / "data")
    tiny = _tiny(tmp_path / "tiny", BertForTokenClassification, TAGGER_LABELS, training.base_model_path())
    common = ["--data", str(data), "--init", str(tiny), "--epochs", "2", "--batch-size", "1", "--lr", "1e-3",
              "--max-length", "16", "--stride", "4", "--holdout", "0.25", "--seed", "2", "--threads", "1"]
    _run(train_tagger, [*common, "--out", str(tmp_path / "whole")], monkeypatch)
    _run(train_tagger, [*common, "--out", str(tmp_path / "split"), "--max-steps", "3"], monkeypatch)
    _run(train_tagger, [*common, "--out", str(tmp_path / "split"), "--resume"], monkeypatch)

    whole = load_file(tmp_path / "whole" / "final" / "model.safetensors")
    split = load_file(tmp_path / "split" / "final" / "model.safetensors")
    assert all(torch.equal(whole[k], split[k]) for k in whole)
    held = json.loads((tmp_path / "whole" / "holdout.json").read_text())
    assert len(held) == 1                                           # 4 articles, 25% held out
    history = [json.loads(line) for line in (tmp_path / "whole" / "history.jsonl").read_text().splitlines()]
    assert [h["epoch"] for h in history] == [1.0, 2.0]               # the held-out articles scored per epoch
    assert {"source/overlap", "cue/overlap", "content/overlap", "relation"} <= set(history[0])
    tagger = AttributionTagger.from_pretrained(tmp_path / "whole" / "final")
    assert isinstance(tagger.extract("Bob said it rains.", "d"), list)


def test_calibrate_nli_writes_a_temperature_the_model_then_uses(scripts, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    *_, training = scripts
    monkeypatch.syspath_prepend(str(SCRIPTS))
    import calibrate_nli

    tiny = _tiny(tmp_path / "tiny", BertForSequenceClassification, NLI_LABELS, training.base_model_path())
    _run(calibrate_nli, ["--data", str(tmp_path), "--model", str(tiny), "--fit-sets", "conflict_roles",
                         "--report-sets", "seed_cases", "--write"], monkeypatch)
    written = json.loads((tiny / "config.json").read_text())["claimdiff_temperature"]
    assert 0.25 <= written <= 4.0
    assert NLIModel.from_pretrained(tiny).temperature == written


def test_news_rows_ask_what_the_judge_asks_with_the_gold_answer(tiny_nli, tiny_encoder, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A gold contradiction between an assertion and a denial asks whether the assertion entails the denied
    content (yes); a compatible pair of two assertions asks, both ways, for "neutral"."""
    from claimdiff import ClaimDiff

    monkeypatch.syspath_prepend(str(SCRIPTS))
    import news_nli_rows

    text = ("Baku said Armenian units shelled Tovuz. Yerevan denied that Armenian units shelled Tovuz. "
            "Yerevan said talks would resume.")
    gold = [("g1", "Armenian units shelled Tovuz", "azerbaijan", "asserts"),
            ("g2", "Armenian units shelled Tovuz", "armenia", "denies"),
            ("g3", "talks would resume", "armenia", "asserts")]
    starts = [text.index(c, 10 if sid == "g1" else 50) for sid, c, *_ in gold]
    folder = tmp_path / "part"
    folder.mkdir()
    rows = {"articles": [{"id": "d", "story": "s", "text": text}],
            "statements": [{"id": sid, "doc_id": "d", "side": side, "polarity": pol, "start": s, "end": s + len(c)}
                           for (sid, c, side, pol), s in zip(gold, starts)],
            "pairs": [{"a": "g1", "b": "g2", "label": "contradiction"}, {"a": "g1", "b": "g3", "label": "compatible"}]}
    for name, part in rows.items():
        (folder / f"{name}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in part))
    cd = ClaimDiff(tiny_nli, encoder=tiny_encoder, extractor="rules", min_similarity=-1.0, min_relevance=-1.0)
    out = news_nli_rows.part_rows(cd, folder)
    asked = {(r["premise"], r["hypothesis"]): r["label"] for r in out}
    assert asked[("Armenian units shelled Tovuz", "Armenian units shelled Tovuz")] == "entailment"
    compatible = {k: v for k, v in asked.items() if "talks would resume" in k}
    # the tiny model is random: it may read the two assertions as entailment, and then they are left out
    assert set(compatible.values()) <= {"neutral"} and len(compatible) in (0, 2)
    assert all(r["set"] == "news_part" for r in out)
