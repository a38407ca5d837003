from __future__ import annotations

import json
import subprocess
import sys

import pytest

from claimdiff.cli import main
from claimdiff.evaluation.data import resolve_data_dir

from .conftest import SEED_TEXT


def test_analyze_writes_every_format(tiny_nli_path, tmp_path, capsys):
    outs = [tmp_path / "r.html", tmp_path / "r.jsonl", tmp_path / "r.csv"]
    argv = ["analyze", str(SEED_TEXT), "--model", str(tiny_nli_path), "--device", "cpu", "-q"]
    assert main(argv + [a for o in outs for a in ("--out", str(o))]) == 0
    assert all(o.stat().st_size > 0 for o in outs)
    rows = [json.loads(line) for line in outs[1].read_text(encoding="utf-8").splitlines()]
    assert any(r["speaker"] == "Baku" and r["polarity"] == "denies" for r in rows)
    assert "<html" in outs[0].read_text(encoding="utf-8").lower()


def test_analyze_prints_a_table(tiny_nli_path, capsys):
    assert main(["analyze", str(SEED_TEXT), "--model", str(tiny_nli_path), "--device", "cpu"]) == 0
    assert "Baku" in capsys.readouterr().out


def test_broken_jsonl_line_is_reported_and_the_rest_processed(tiny_nli_path, tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": "a", "text": "The Armenian Defense Ministry said that battles were ongoing."}\n'
                      '{"id": "b", "text": \n', encoding="utf-8")
    out = tmp_path / "errors.jsonl"
    assert main(["analyze", str(corpus), "--model", str(tiny_nli_path), "-q", "--out", str(out),
                 "--what", "errors"]) == 0
    (row,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert row["line"] == 2 and row["error"] == "invalid_json"


def test_chunked_analyze_appends_every_chunk(tiny_nli_path, tmp_path, capsys):
    corpus = tmp_path / "c.jsonl"
    seed = SEED_TEXT.read_text(encoding="utf-8")
    corpus.write_text("".join(json.dumps({"id": f"d{i}", "text": seed}) + "\n" for i in range(3)) + "{oops\n",
                      encoding="utf-8")
    statements, errors = tmp_path / "s.jsonl", tmp_path / "e.csv"
    argv = ["analyze", str(corpus), "--model", str(tiny_nli_path), "--device", "cpu", "--chunk-size", "2"]
    assert main(argv + ["--out", str(statements)]) == 0
    rows = [json.loads(line) for line in statements.read_text(encoding="utf-8").splitlines()]
    assert {r["doc_id"] for r in rows} == {"d0", "d1", "d2"}
    assert len(rows) % 3 == 0
    assert "chunk 2:" in capsys.readouterr().err
    assert main(argv + ["--out", str(errors), "--what", "errors", "-q"]) == 0
    assert errors.read_text(encoding="utf-8").count("invalid_json") == 1
    assert main(argv + ["--out", str(tmp_path / "r.html")]) == 2
    assert "rows are appended per chunk, so --out takes files ending in .jsonl, .csv" in capsys.readouterr().err


def test_evaluate_resolution_prints_per_phenomenon(tmp_path, capsys):
    # An empty data folder: the PolNeAR cases are skipped, the seed cases are scored.
    assert main(["evaluate-resolution", "--data", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "seed" in out and "polnear-dev" not in out.split("skipped")[1]
    assert main(["evaluate-resolution", "--cases", str(tmp_path / "none.jsonl")]) == 2


@pytest.mark.parametrize("extra, message", [
    (["--model", "/nonexistent/model"], "does not exist"),
    (["--text-column", "body"], "columns found are"),
])
def test_clear_errors_exit_2(tiny_nli_path, tmp_path, capsys, extra, message):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": "a", "text": "Baku denied it."}\n', encoding="utf-8")
    argv = ["analyze", str(corpus), "-q", "--model", str(tiny_nli_path)] + extra
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_non_nli_model_is_refused(tiny_sentiment_path, capsys):
    assert main(["analyze", str(SEED_TEXT), "--model", str(tiny_sentiment_path)]) == 2
    assert "Not an NLI model" in capsys.readouterr().err


def test_extract_command_needs_no_model(capsys):
    assert main(["extract", str(SEED_TEXT)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert any(r["actor"] == "AZ.GOV" and r["polarity"] == "denies" for r in rows)


def test_evaluate_nli_prints_per_class_figures(tiny_nli_path, capsys):
    try:
        resolve_data_dir()
    except FileNotFoundError:
        pytest.skip("no shared data folder")
    assert main(["evaluate-nli", "--model", str(tiny_nli_path), "--sets", "snli", "--limit", "40"]) == 0
    out = capsys.readouterr().out
    assert "snli: accuracy" in out and "contradiction" in out


def test_python_dash_m_entry_point():
    done = subprocess.run([sys.executable, "-m", "claimdiff", "--help"], capture_output=True, text=True)
    assert done.returncode == 0 and "analyze" in done.stdout


def test_extract_survives_surrogates_duplicate_ids_and_binary(tmp_path, capsys):
    rows = [{"id": "s", "text": "Baku said the border was calm \ud800 today."},
            {"id": "s", "text": "Yerevan said the border was calm."},
            {"id": "bin", "text": "\ufffd\x01" * 300}]
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")  # \ud800 escaped by json
    assert main(["extract", str(corpus)]) == 0
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {r["doc_id"] for r in out if "doc_id" in r} == {"s", "s~2"}
    assert [r["error"]["error"] for r in out if "error" in r] == ["not_text"]


def test_analyze_fails_fast_before_loading_models(tmp_path, capsys):
    # A model path that does not exist would fail later: these must fail first, naming the problem.
    model = str(tmp_path / "no-model")
    assert main(["analyze", str(tmp_path / "nope.txt"), "--model", model]) == 2
    assert "no such input file" in capsys.readouterr().err
    assert main(["analyze", str(SEED_TEXT), "--model", model, "--out", str(tmp_path / "x.parquet")]) == 2
    assert "--out takes files ending in" in capsys.readouterr().err
    assert main(["analyze", str(SEED_TEXT), "--model", model, "--chunk-size", "0"]) == 2
    assert "--chunk-size must be at least 1" in capsys.readouterr().err
    assert main(["extract", str(tmp_path / "nope.txt")]) == 2
    assert "no such input file" in capsys.readouterr().err
    assert not (tmp_path / "x.parquet").exists()


def test_chunked_and_whole_csv_write_the_same_cells(tiny_nli_path, tmp_path):
    corpus = tmp_path / "c.jsonl"
    seed = SEED_TEXT.read_text(encoding="utf-8")
    corpus.write_text(json.dumps({"id": "d0", "text": seed}) + "\n", encoding="utf-8")
    base = ["analyze", str(corpus), "--model", str(tiny_nli_path), "--device", "cpu", "-q", "--what", "verdicts"]
    assert main(base + ["--out", str(tmp_path / "whole.csv")]) == 0
    assert main(base + ["--chunk-size", "5", "--out", str(tmp_path / "chunked.csv")]) == 0
    whole, chunked = ((tmp_path / f).read_text(encoding="utf-8") for f in ("whole.csv", "chunked.csv"))
    assert whole == chunked and '"[""story""' in whole  # signals as JSON lists, not Python reprs


def test_one_run_writes_several_tables(tiny_nli_path, tmp_path):
    argv = ["analyze", str(SEED_TEXT), "--model", str(tiny_nli_path), "--device", "cpu", "-q",
            "--out", f"statements={tmp_path / 's.jsonl'}", "--out", f"verdicts={tmp_path / 'v.csv'}",
            "--out", str(tmp_path / "r.html")]
    assert main(argv) == 0
    statements = [json.loads(line) for line in (tmp_path / "s.jsonl").read_text(encoding="utf-8").splitlines()]
    assert statements and all("kind" in r for r in statements)
    assert (tmp_path / "v.csv").read_text(encoding="utf-8").startswith("a,b,")
    assert (tmp_path / "r.html").stat().st_size > 0


def test_evaluate_pairs_passes_the_threshold_to_the_pipeline(monkeypatch, capsys):
    from claimdiff.pipeline import ClaimDiff

    seen = {}

    def load(*args, **kwargs):  # stands in for the model load, then stops the command
        seen.update(kwargs)
        raise ValueError("stop here")

    monkeypatch.setattr(ClaimDiff, "from_pretrained", load)
    assert main(["evaluate-pairs", "--data", "nowhere", "--threshold", "0.6"]) == 2
    assert seen["threshold"] == 0.6 and "stop here" in capsys.readouterr().err
    main(["evaluate-pairs", "--data", "nowhere"])
    assert seen["threshold"] == 0.5
