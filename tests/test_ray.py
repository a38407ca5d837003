"""The Ray Data engine (claimdiff.ray_engine) on a local 2-CPU Ray: the rows of a local batch run with the same
chunk size, an error row for every item that fails (and no crashed job), and clear refusals."""

from __future__ import annotations

import functools
import json
import sys

import pytest

from claimdiff import ray_engine
from claimdiff.batch import DEFAULT_TABLES, RunError, read_manifest, read_run
from claimdiff.cli import main
from claimdiff.pipeline import ClaimDiff

from .test_batch import AM, AZ, ITEMS, LINES

ray = pytest.importorskip("ray")

# The pipeline of tests/test_batch.py, loaded the way a worker loads it (the sentence encoder is the shipped one).
OPTIONS = dict(device="cpu", accurate_model=False, extractor="rules", top_k=3, min_similarity=-1.0,
               min_relevance=-1.0)


@pytest.fixture(scope="module", autouse=True)
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


@pytest.fixture
def corpus(tmp_path):
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    return path


def _rows(out, table):
    """A table's rows as sorted JSON texts: order-insensitive, but every row and every value counted."""
    return sorted(json.dumps(row, sort_keys=True) for row in read_run(out, table))


# 0: each worker extracts and compares its chunks; 1: an extraction actor hands the statements to a comparing one.
@pytest.mark.parametrize("extract_workers", [0, 1])
def test_rows_equal_a_local_batch_run_with_the_same_chunk_size(tiny_nli_path, corpus, tmp_path, extract_workers):
    cd = ClaimDiff.from_pretrained(tiny_nli_path, **OPTIONS)
    cd.run_files(corpus, tmp_path / "local", chunk_size=2, show_progress_bar=False)
    done = ray_engine.analyze_with_ray(corpus, tmp_path / "ray", chunk_size=2, num_workers=2 - extract_workers,
                                       extract_workers=extract_workers, show_progress_bar=False,
                                       model=str(tiny_nli_path), **OPTIONS)
    assert (done.chunks, done.items, done.resumed_after) == (4, ITEMS, 0)
    manifest = read_manifest(tmp_path / "ray")
    assert manifest["complete"] and manifest["engine"] == "ray"
    assert [c["part"] for c in manifest["chunks"]] == [0, 1, 2, 3]
    for table in ("documents", *DEFAULT_TABLES):
        assert _rows(tmp_path / "ray", table) == _rows(tmp_path / "local", table), table
    assert len(read_run(tmp_path / "ray", "statements")) > 0 and len(read_run(tmp_path / "ray", "verdicts")) > 0
    ledger = {row["doc_id"]: row["status"] for row in read_run(tmp_path / "ray", "documents")}
    assert len(ledger) == ITEMS and {ledger["a~2"], ledger["corpus:4"], ledger["e"]} == \
        {"analysed", "invalid_json", "empty_text"}
    # The chunks' ids and settings as a local run records them: the local engine could resume this run.
    local = read_manifest(tmp_path / "local")
    assert manifest["chunks"] == local["chunks"]
    assert {k: v for k, v in manifest["settings"].items() if k != "encoder"} == \
        {k: v for k, v in local["settings"].items() if k != "encoder"}
    # A plain reader reads the shards too.
    pd = pytest.importorskip("pandas")
    frame = pd.concat(pd.read_json(p, lines=True) for p in sorted((tmp_path / "ray" / "verdicts").glob("*.jsonl"))
                      if p.stat().st_size)
    assert len(frame) == len(read_run(tmp_path / "ray", "verdicts"))
    with pytest.raises(RunError, match="is not empty"):
        ray_engine.analyze_with_ray(corpus, tmp_path / "ray", chunk_size=2, model=str(tiny_nli_path), **OPTIONS)


def _as_if_stopped(out, keep: int, gap: int) -> None:
    """Leave ``out`` as a job stopped by a kill leaves it: the manifest lists the first ``keep`` chunks, chunk
    ``gap`` was being written (its shards gone), and the chunks after it had finished out of order."""
    manifest = read_manifest(out)
    manifest.update(chunks=manifest["chunks"][:keep], complete=False)
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    for shard in out.glob(f"*/part-{gap:05d}.jsonl"):
        shard.unlink()


def test_a_stopped_job_resumes_to_the_rows_of_one_that_never_stopped(tiny_nli_path, corpus, tmp_path):
    whole, stopped = tmp_path / "whole", tmp_path / "stopped"
    options = dict(chunk_size=2, num_workers=2, show_progress_bar=False, model=str(tiny_nli_path), **OPTIONS)
    ray_engine.analyze_with_ray(corpus, whole, **options)
    ray_engine.analyze_with_ray(corpus, stopped, **options)
    _as_if_stopped(stopped, keep=1, gap=1)
    with pytest.raises(RunError, match="is not empty"):  # no resume asked: nothing is overwritten
        ray_engine.analyze_with_ray(corpus, stopped, **options)
    done = ray_engine.analyze_with_ray(corpus, stopped, resume=True, **options)
    assert (done.chunks, done.items, done.resumed_after) == (4, ITEMS, 2)
    assert read_manifest(stopped)["complete"]
    for table in ("documents", *DEFAULT_TABLES):
        assert _rows(stopped, table) == _rows(whole, table), table
    # Another input is refused before any chunk is redone.
    other = tmp_path / "other.jsonl"
    other.write_text("\n".join(reversed(LINES)) + "\n", encoding="utf-8")
    _as_if_stopped(stopped, keep=2, gap=2)
    with pytest.raises(RunError, match="is not the input of the run"):
        ray_engine.analyze_with_ray(other, stopped, resume=True, **options)


def test_across_chunks_gives_the_rows_of_a_local_run_and_resumes(tiny_nli_path, corpus, tmp_path):
    # Chunks of one: only the cross-chunk step can pair the Armenian claims with the Azerbaijani denials.
    cd = ClaimDiff.from_pretrained(tiny_nli_path, **OPTIONS)
    cd.run_files(corpus, tmp_path / "local", chunk_size=1, across_chunks=True, show_progress_bar=False)
    options = dict(chunk_size=1, num_workers=2, show_progress_bar=False, across_chunks=True,
                   model=str(tiny_nli_path), **OPTIONS)
    done = ray_engine.analyze_with_ray(corpus, tmp_path / "ray", **options)
    assert done.chunks == ITEMS and done.stats["cross_chunk_pairs"] > 0
    manifest = read_manifest(tmp_path / "ray")
    assert manifest["settings"]["across_chunks"] is True and manifest["complete"]
    for table in ("documents", "cross_verdicts", "cross_counterclaims", *DEFAULT_TABLES):
        assert _rows(tmp_path / "ray", table) == _rows(tmp_path / "local", table), table
    cross = read_run(tmp_path / "ray", "cross_verdicts")
    assert {r["reason"] for r in cross if r["label"] == "contradiction"} >= {"denial"}
    # Stopped after two chunks, one more finished out of order: resumed, the same rows and the same index.
    stopped = tmp_path / "stopped"
    ray_engine.analyze_with_ray(corpus, stopped, **options)
    _as_if_stopped(stopped, keep=2, gap=2)
    for path in (stopped / "index").glob("part-0000[2-9].*"):
        path.unlink()  # a killed run had not indexed the chunk it was writing
    ray_engine.analyze_with_ray(corpus, stopped, resume=True, **options)
    for table in ("documents", "cross_verdicts", "cross_counterclaims", *DEFAULT_TABLES):
        assert _rows(stopped, table) == _rows(tmp_path / "local", table), table
    with pytest.raises(RunError, match="across_chunks"):
        ray_engine.analyze_with_ray(corpus, tmp_path / "ray", resume=True,
                                    **{**options, "across_chunks": False})


def _faulty_pipeline(model: str) -> ClaimDiff:
    """A pipeline whose extractor raises on a text with EXPLODE (one document fails), whose extraction stage
    raises on CRASH (its whole chunk fails, on an extraction worker where there is one) and whose encoder raises
    on SINK (the pairing of that document's whole chunk fails)."""
    cd = ClaimDiff.from_pretrained(model, **OPTIONS)
    extract, extract_chunk, encode = cd.extract, cd._extract, cd.encoder.encode

    def exploding(text, doc_id):
        if "EXPLODE" in text:
            raise RuntimeError("boom")
        return extract(text, doc_id)

    def sinking(texts, *args, **kwargs):
        if any("SINK" in t for t in texts):
            raise RuntimeError("sunk")
        return encode(texts, *args, **kwargs)

    def crashing(docs, *args, **kwargs):
        if any("CRASH" in d.text for d in docs):
            raise ValueError("crashed")
        return extract_chunk(docs, *args, **kwargs)

    cd.extract, cd._extract, cd.encoder.encode = exploding, crashing, sinking
    return cd


@pytest.mark.parametrize("extract_workers", [0, 1])
def test_failures_are_error_rows_not_a_crashed_job(tiny_nli_path, tmp_path, extract_workers):
    rows = [{"id": "am", "text": AM}, {"id": "bad", "text": AM + " EXPLODE"},
            {"id": "az", "text": AZ}, {"id": "sunk", "text": "The Armenian Defense Ministry said that SINK happened."},
            {"id": "none", "text": ""}, {"id": "az2", "text": AZ}, {"id": "crash", "text": AZ + " CRASH"}]
    ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])  # workers need not import the tests
    load = functools.partial(_faulty_pipeline, str(tiny_nli_path))
    done = ray_engine.analyze_with_ray(ray.data.from_items(rows), tmp_path / "run", chunk_size=2,
                                       num_workers=2 - extract_workers, extract_workers=extract_workers, load=load,
                                       show_progress_bar=False)
    assert done.items == len(rows)
    ledger = {row["doc_id"]: row["status"] for row in read_run(tmp_path / "run", "documents")}
    assert ledger == {"am": "analysed", "bad": "extraction_failed", "az": "chunk_failed", "sunk": "chunk_failed",
                      "none": "empty_text", "az2": "analysed", "crash": "chunk_failed"}
    errors = {row["doc_id"]: row["message"] for row in read_run(tmp_path / "run", "errors")}
    assert "RuntimeError: boom" in errors["bad"] and "RuntimeError: sunk" in errors["sunk"]
    # The extraction worker's error reaches the row as it was raised, not wrapped in another.
    assert errors["crash"] == "The chunk's analysis raised ValueError: crashed"
    assert {row["doc_id"] for row in read_run(tmp_path / "run", "statements")} == {"am", "az2"}


def test_clear_refusals(tiny_nli_path, corpus, tmp_path, monkeypatch):
    with pytest.raises(ValueError, match=r"no line has a 'body' column; the columns found are \['id', 'text'\]"):
        ray_engine.analyze_with_ray(corpus, tmp_path / "a", text_column="body", model=str(tiny_nli_path))
    data = ray.data.from_items([{"id": "a", "text": AM}])
    with pytest.raises(ValueError, match=r"No column 'body' in the Ray dataset; its columns are \['id', 'text'\]"):
        ray_engine.analyze_with_ray(data, tmp_path / "b", text_column="body", model=str(tiny_nli_path))
    with pytest.raises(TypeError, match="takes .txt/.jsonl paths or a ray.data.Dataset"):
        ray_engine.analyze_with_ray([{"text": AM}], tmp_path / "c")
    assert not any((tmp_path / name).exists() for name in "abc")
    monkeypatch.setitem(sys.modules, "ray", None)  # as where Ray is not installed
    with pytest.raises(ImportError, match=r"pip install 'claimdiff\[ray\]'"):
        ray_engine.analyze_with_ray(corpus, tmp_path / "d")


def test_cli_engine_ray(tiny_nli_path, corpus, tmp_path, capsys):
    base = ["analyze", str(corpus), "--model", str(tiny_nli_path), "--device", "cpu", "--extractor", "rules",
            "--chunk-size", "3"]
    assert main(base + ["--out-dir", str(tmp_path / "local"), "-q"]) == 0
    assert main(base + ["--out-dir", str(tmp_path / "ray"), "--engine", "ray", "--workers", "2"]) == 0
    assert f"wrote {ITEMS} documents in 3 chunks to {tmp_path / 'ray'}" in capsys.readouterr().err
    for table in ("documents", "statements", "verdicts"):
        assert _rows(tmp_path / "ray", table) == _rows(tmp_path / "local", table), table
    # The two stages on their own actors give the same rows.
    split = base + ["--out-dir", str(tmp_path / "split"), "--engine", "ray", "--workers", "1", "--extract-workers", "1"]
    assert main(split + ["-q"]) == 0
    for table in ("documents", "statements", "verdicts"):
        assert _rows(tmp_path / "split", table) == _rows(tmp_path / "local", table), table
    # Stopped and resumed from the command line (it takes the run's chunk size), then resumed with nothing left.
    _as_if_stopped(tmp_path / "ray", keep=1, gap=1)
    resume = base[:-2] + ["--out-dir", str(tmp_path / "ray"), "--engine", "ray", "--resume"]
    assert main(resume) == 0
    assert f"wrote {ITEMS} documents in 3 chunks to {tmp_path / 'ray'}" in capsys.readouterr().err
    for table in ("documents", "statements", "verdicts"):
        assert _rows(tmp_path / "ray", table) == _rows(tmp_path / "local", table), table
    assert main(resume + ["-q"]) == 0
    # Other settings than the run's are refused, naming them.
    _as_if_stopped(tmp_path / "ray", keep=1, gap=1)
    assert main(resume + ["--threshold", "0.9"]) == 2
    assert "threshold" in capsys.readouterr().err


def test_a_worker_that_cannot_load_the_models_stops_the_job_with_its_own_error(corpus, tmp_path, capsys):
    missing = tmp_path / "no-such-model"
    with pytest.raises(ray_engine.RayWorkerError, match="NLI model folder .*no-such-model.* does not exist"):
        ray_engine.analyze_with_ray(corpus, tmp_path / "ray", chunk_size=3, num_workers=1, show_progress_bar=False,
                                    model=str(missing), **OPTIONS)
    assert main(["analyze", str(corpus), "--model", str(missing), "--out-dir", str(tmp_path / "cli"),
                 "--engine", "ray", "--workers", "1", "-q"]) == 2
    err = capsys.readouterr().err
    assert "A Ray worker stopped" in err and "does not exist" in err


@pytest.mark.parametrize("extra, message", [
    (["--engine", "ray"], "--engine ray needs --out-dir"),
    (["--engine", "ray", "--out-dir", "{new}", "--workers", "0"], "--workers must be at least 1"),
    (["--out-dir", "{new}", "--workers", "2"], "--workers needs --engine ray"),
    (["--out-dir", "{new}", "--extract-workers", "1"], "--extract-workers needs --engine ray"),
    (["--engine", "ray", "--out-dir", "{new}", "--extract-workers", "-1"], "--extract-workers must be at least 0"),
])
def test_cli_engine_ray_refusals(corpus, tmp_path, capsys, extra, message):
    extra = [a.format(new=tmp_path / "new") for a in extra]
    assert main(["analyze", str(corpus), "--model", str(tmp_path / "no-model"), "-q", *extra]) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "new").exists()
