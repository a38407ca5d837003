"""Actor resolution measured on the hand-labelled seed cases (no shared data: PolNeAR cases are skipped)."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from claimdiff.evaluation.resolution import DEFAULT_CASES, PHENOMENA, evaluate_resolution, load_cases

# Measured on the seed cases (10 of them) when this test was written: all found, all correct.
SEED_FLOOR = 0.9


@pytest.fixture(scope="module")
def seed_result(tmp_path_factory) -> dict:
    empty = tmp_path_factory.mktemp("no-polnear")  # a data folder without PolNeAR
    return evaluate_resolution(data_dir=empty)


def test_cases_file_is_well_formed():
    cases = load_cases()
    assert len(cases) >= 60
    assert {c.source for c in cases} == {"seed", "polnear-dev"}
    assert {c.phenomenon for c in cases} == set(PHENOMENA)
    seed = [c for c in cases if c.source == "seed"]
    assert len(seed) == 10 and all(c.pack == "default" for c in seed)
    # no PolNeAR text beyond a short mention: long mentions are cut to a prefix
    assert all(len(c.speaker.split()) <= 6 for c in cases if c.source == "polnear-dev")


def test_seed_cases_found_and_resolved(seed_result, caplog):
    r = seed_result
    assert r["cases"] == 10 and r["skipped"] == len(load_cases()) - 10
    assert r["not_found"] == 0
    assert r["accuracy"] >= SEED_FLOOR
    assert r["by_source"].keys() == {"seed"}
    assert sum(p["cases"] for p in r["by_phenomenon"].values()) == r["cases"]
    assert sum(p["correct"] for p in r["by_phenomenon"].values()) == r["correct"]
    assert len(r["wrong"]) == r["cases"] - r["correct"]
    assert r["mean_confidence_correct"] is not None and 0.0 < r["mean_confidence_correct"] <= 1.0


def test_polnear_skipped_with_a_warning(tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="claimdiff.evaluation.resolution"):
        r = evaluate_resolution(data_dir=tmp_path)
    assert r["skipped"] > 0
    assert "PolNeAR case(s) skipped" in caplog.text
    assert evaluate_resolution(data_dir=tmp_path, sources=["polnear-dev"])["cases"] == 0


def _write(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_wrong_and_not_found_cases_are_counted(tmp_path):
    text = "The Armenian Defense Ministry said that X. Fighting went on. Somebody claimed that Y."
    (tmp_path / "doc.txt").write_text(text, encoding="utf-8")
    base = {"source": "seed", "doc": "doc", "pack": "default"}
    rows = [
        {**base, "speaker": "The Armenian Defense Ministry", "start": 0, "end": 29, "actor": "AM.MOD",
         "phenomenon": "named"},
        {**base, "speaker": "Armenian", "start": 4, "end": 12, "actor": "AM.GOV", "phenomenon": "named"},  # wrong
        {**base, "speaker": "Fighting", "start": 43, "end": 51, "actor": "AZ.MOD", "phenomenon": "named"},  # none
        {**base, "speaker": "Somebody", "start": 61, "end": 69, "actor": None, "phenomenon": "unresolvable"},
    ]
    r = evaluate_resolution(_write(tmp_path / "cases.jsonl", rows), data_dir=tmp_path)
    assert (r["cases"], r["correct"], r["not_found"]) == (4, 2, 1)
    assert r["accuracy"] == 0.5 and r["accuracy_found"] == pytest.approx(2 / 3)
    assert r["by_phenomenon"]["named"] == {"cases": 3, "correct": 1, "not_found": 1, "accuracy": pytest.approx(1 / 3),
                                           "accuracy_found": 0.5, "accuracy_canonical": pytest.approx(1 / 3)}
    assert [(w["expected"], w["predicted"], w["found"]) for w in r["wrong"]] == [("AM.GOV", "AM.MOD", True),
                                                                                 ("AZ.MOD", None, False)]
    assert r["mean_confidence_wrong"] == pytest.approx(0.95)


def test_bad_cases_are_refused(tmp_path):
    (tmp_path / "doc.txt").write_text("Baku said that X.", encoding="utf-8")
    case = {"source": "seed", "doc": "doc", "pack": "default", "speaker": "Yerevan", "start": 0, "end": 4,
            "actor": "AZ.GOV", "phenomenon": "metonym"}
    with pytest.raises(ValueError, match="reads 'Baku'"):
        evaluate_resolution(_write(tmp_path / "c.jsonl", [case]), data_dir=tmp_path)
    with pytest.raises(ValueError, match="phenomenon"):
        load_cases(_write(tmp_path / "d.jsonl", [{**case, "phenomenon": "guess"}]))
    with pytest.raises(ValueError, match="unresolvable"):
        load_cases(_write(tmp_path / "e.jsonl", [{**case, "actor": None}]))
    assert DEFAULT_CASES.is_file()
