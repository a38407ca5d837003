"""Resumable runs into an out-dir (claimdiff.batch): a run killed mid-way and resumed writes what an uninterrupted
run writes, no document twice; an out-dir, settings or input that do not fit are refused; progress and timings."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from claimdiff import batch
from claimdiff.batch import DEFAULT_TABLES, RunError, read_manifest, read_run
from claimdiff.cli import main
from claimdiff.corpus import count_documents
from claimdiff.pipeline import TIMING_STATS, ClaimDiff
from claimdiff.batch import RUN_TIMING_STATS
from tests.conftest import FixedNLI

AM = "The Armenian Defense Ministry said that Azerbaijan shelled Goris and Kapan overnight."
AZ = "The Azerbaijani Defense Ministry denied that Azerbaijan shelled Goris and Kapan."
LINES = [json.dumps({"id": "a", "text": AM}), json.dumps({"id": "b", "text": AZ}),
         json.dumps({"id": "a", "text": AZ + " " + AM}),          # a repeated id: a~2, in every run
         '{"id": "broken", "text": ',                               # an error row: invalid_json
         "",                                                        # a blank line: no item
         json.dumps({"text": AM}),                                  # no id: named by its line
         json.dumps({"id": "e", "text": ""}),                       # empty_text
         json.dumps({"id": "f", "text": AZ})]
ITEMS = 7  # chunks of 2: 2, 2, 2, 1


@pytest.fixture(scope="module")
def pipeline(tiny_nli, tiny_encoder):
    return ClaimDiff(tiny_nli, encoder=tiny_encoder, top_k=3, min_similarity=-1.0, min_relevance=-1.0,
                     extractor="rules")


@pytest.fixture
def corpus(tmp_path):
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    return path


def _die_on_chunk(monkeypatch, target, name, chunk):
    """Make ``target.name`` raise on its ``chunk``-th call, as a kill at that point would stop the run."""
    real, calls = getattr(target, name), []

    def dying(*args, **kwargs):
        calls.append(1)
        if len(calls) == chunk:
            raise KeyboardInterrupt("killed")
        return real(*args, **kwargs)

    monkeypatch.setattr(target, name, dying)


def _without_timings(stats):
    return {k: v for k, v in stats.items() if k not in RUN_TIMING_STATS}


def _same_run(a, b, effort=()):
    """Two out-dirs hold the same rows in every table, and the same figures but for the stage timings (and the
    ``effort`` figures named)."""
    for table in ("documents", *DEFAULT_TABLES):
        assert read_run(a, table) == read_run(b, table), table
    figures = [{k: v for k, v in _without_timings(read_manifest(d)["stats"]).items() if k not in effort}
               for d in (a, b)]
    assert figures[0] == figures[1]


@pytest.mark.parametrize("kill, chunk", [("while analysing chunk", 1), ("while analysing chunk", 2),
                                         ("after the shards, before the manifest of chunk", 2)])
def test_killed_run_resumes_to_what_an_uninterrupted_run_writes(pipeline, corpus, tmp_path, monkeypatch, kill, chunk):
    pipeline.nli.clear_cache()
    whole = pipeline.run_files(corpus, tmp_path / "whole", chunk_size=2, show_progress_bar=False)
    assert (whole.chunks, whole.items, whole.resumed_after) == (4, ITEMS, 0)
    assert read_manifest(tmp_path / "whole")["complete"]

    out = tmp_path / "killed"
    pipeline.nli.clear_cache()  # the NLI cache as in the uninterrupted run, so that its counts compare too
    if kill.startswith("while"):
        _die_on_chunk(monkeypatch, ClaimDiff, "_analyze", chunk)
    else:  # writes: the first manifest, then per chunk the ledger, 5 tables and the manifest
        _die_on_chunk(monkeypatch, batch, "write_atomic", 1 + chunk * (1 + len(DEFAULT_TABLES) + 1))
    with pytest.raises(KeyboardInterrupt):
        pipeline.run_files(corpus, out, chunk_size=2, show_progress_bar=False)
    monkeypatch.undo()
    manifest = read_manifest(out)
    assert [c["part"] for c in manifest["chunks"]] == list(range(chunk - 1)) and not manifest["complete"]
    (out / "verdicts").mkdir(exist_ok=True)
    (out / "verdicts" / f"part-{chunk - 1:05d}.jsonl").write_text('{"half a ro', encoding="utf-8")  # a kill's leftover

    resumed = pipeline.run_files(corpus, out, chunk_size=2, resume=True, show_progress_bar=False)
    assert (resumed.chunks, resumed.items, resumed.resumed_after) == (4, ITEMS, 2 * (chunk - 1))
    assert read_manifest(out)["complete"]
    _same_run(out, tmp_path / "whole")
    ledger = read_run(out, "documents")
    assert len(ledger) == ITEMS == len({row["doc_id"] for row in ledger})  # every item once, none twice
    assert [row["doc_id"] for row in ledger[:3]] == ["a", "b", "a~2"]
    assert {row["status"] for row in ledger} == {"analysed", "invalid_json", "empty_text"}
    assert not list(out.rglob("*.tmp"))
    # A finished run resumed again checks its input and writes nothing.
    before = (out / "manifest.json").read_text(encoding="utf-8")
    assert pipeline.run_files(corpus, out, chunk_size=2, resume=True, show_progress_bar=False).resumed_after == ITEMS
    assert (out / "manifest.json").read_text(encoding="utf-8") == before


def test_refusals(pipeline, corpus, tmp_path):
    out = tmp_path / "run"
    pipeline.run_files(corpus, out, chunk_size=2, show_progress_bar=False)
    with pytest.raises(RunError, match="is not empty: resume the run"):
        pipeline.run_files(corpus, out, chunk_size=2, show_progress_bar=False)
    with pytest.raises(RunError, match=r"written with chunk_size=2; this one has chunk_size=3"):
        pipeline.run_files(corpus, out, chunk_size=3, resume=True, show_progress_bar=False)
    other = ClaimDiff(pipeline.nli, encoder=pipeline.encoder, top_k=3, min_similarity=-1.0, min_relevance=-1.0,
                      extractor="rules", threshold=0.7)
    with pytest.raises(RunError, match=r"threshold=0.5; this one has threshold=0.7"):
        other.run_files(corpus, out, chunk_size=2, resume=True, show_progress_bar=False)
    with pytest.raises(RunError, match="tables must be among"):
        pipeline.run_files(corpus, tmp_path / "new", tables=["statements", "positions"])

    before = (out / "manifest.json").read_text(encoding="utf-8")
    changed = tmp_path / "changed" / "corpus.jsonl"  # the same name: ids without an id column come from it
    changed.parent.mkdir()
    changed.write_text("\n".join(LINES).replace('"id": "f"', '"id": "g"') + "\n", encoding="utf-8")
    with pytest.raises(RunError, match=r"its item 7 \(chunk 3\) is 'g' where the run recorded 'f'"):
        pipeline.run_files(changed, out, chunk_size=2, resume=True, show_progress_bar=False)
    renamed = tmp_path / "renamed.jsonl"
    renamed.write_text(corpus.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(RunError, match=r"its item 4 \(chunk 1\) is 'renamed:4' where the run recorded 'corpus:4'"):
        pipeline.run_files(renamed, out, chunk_size=2, resume=True, show_progress_bar=False)
    longer = tmp_path / "longer" / "corpus.jsonl"
    longer.parent.mkdir()
    longer.write_text("\n".join(LINES + [json.dumps({"id": "h", "text": AM})]) + "\n", encoding="utf-8")
    with pytest.raises(RunError, match=r"its item 8 \(chunk 3\) is 'h' where the run recorded none"):
        pipeline.run_files(longer, out, chunk_size=2, resume=True, show_progress_bar=False)
    shorter = tmp_path / "shorter" / "corpus.jsonl"
    shorter.parent.mkdir()
    shorter.write_text("\n".join(LINES[:2]) + "\n", encoding="utf-8")
    with pytest.raises(RunError, match="fewer items than the run"):
        pipeline.run_files(shorter, out, chunk_size=2, resume=True, show_progress_bar=False)
    assert (out / "manifest.json").read_text(encoding="utf-8") == before  # nothing was written

    pipeline.run([AM, AZ], tmp_path / "two", chunk_size=1, show_progress_bar=False)
    with pytest.raises(RunError, match="more items than the finished run"):
        pipeline.run([AM, AZ, AM], tmp_path / "two", chunk_size=1, resume=True, show_progress_bar=False)

    stray = tmp_path / "stray"
    stray.mkdir()
    (stray / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(RunError, match="holds no manifest.json"):
        pipeline.run_files(corpus, stray, resume=True, show_progress_bar=False)
    with pytest.raises(RunError, match="is a file; pass a folder"):
        pipeline.run_files(corpus, corpus, show_progress_bar=False)
    fcntl = pytest.importorskip("fcntl")
    with open(out / ".lock", "w") as lock:  # as another process writing there holds it
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(RunError, match="another run is writing in"):
            pipeline.run_files(corpus, out, chunk_size=2, resume=True, show_progress_bar=False)
    # --resume on an empty or missing folder starts the run.
    assert pipeline.run([AM, AZ], tmp_path / "fresh", resume=True, show_progress_bar=False).items == 2


def test_cli_out_dir_resume(tiny_nli_path, corpus, tmp_path, monkeypatch, capsys):
    base = ["analyze", str(corpus), "--model", str(tiny_nli_path), "--device", "cpu", "--extractor", "rules"]
    assert main(base + ["--out-dir", str(tmp_path / "whole"), "--chunk-size", "2", "-q"]) == 0
    _die_on_chunk(monkeypatch, ClaimDiff, "_analyze", 3)
    with pytest.raises(KeyboardInterrupt):
        main(base + ["--out-dir", str(tmp_path / "run"), "--chunk-size", "2", "-q"])
    monkeypatch.undo()
    capsys.readouterr()
    # --resume takes the run's chunk size and tables when they are not given.
    assert main(base + ["--out-dir", str(tmp_path / "run"), "--resume"]) == 0
    assert f"wrote {ITEMS} documents in 4 chunks to {tmp_path / 'run'}, resumed after 4" in capsys.readouterr().err
    # Each command loads its models with an empty NLI cache, so the resumed run computes pairs that the
    # uninterrupted one took from its cache: the same rows, more pairs computed.
    _same_run(tmp_path / "run", tmp_path / "whole", effort=("nli_pairs_computed",))


@pytest.mark.parametrize("extra, message", [
    (["--out-dir", "{run}"], "is not empty: resume the run it holds (--resume, resume=True) or pass a new"),
    (["--out-dir", "{run}", "--resume", "--chunk-size", "5"], "written with chunk_size=2; this one has chunk_size=5"),
    (["--out-dir", "{run}", "--resume", "--extractor", "rules_first"], "extractor='rules'; this one has extractor="),
    (["--out-dir", "{run}", "--resume", "--tables", "statements"], "written with tables=["),
    (["--out-dir", "{stray}", "--resume"], "holds no manifest.json"),
    (["--resume"], "--resume needs --out-dir"),
    (["--tables", "verdicts"], "--tables needs --out-dir"),
    (["--across-chunks"], "--across-chunks needs --out-dir"),
    (["--out-dir", "{run}", "--resume", "--across-chunks"], "across_chunks=False; this one has across_chunks=True"),
    (["--out-dir", "{new}", "--tables", "verdicts,nope"], "tables must be among"),
    (["--out-dir", "{new}", "--out", "x.jsonl"], "drop --out"),
])
def test_cli_refuses_before_loading_models(corpus, tmp_path, capsys, extra, message):
    run, stray = tmp_path / "run", tmp_path / "stray"
    run.mkdir()
    settings = {"chunk_size": 2, "tables": list(DEFAULT_TABLES), "extractor": "rules", "text_column": "text",
                "id_column": "id", "threshold": 0.5, "max_chars": 1_000_000, "time_budget": None}
    (run / "manifest.json").write_text(json.dumps({"format": 1, "complete": True, "chunks": [], "stats": {},
                                                   "settings": settings}))
    stray.mkdir()
    (stray / "notes.txt").write_text("mine", encoding="utf-8")
    extra = [a.format(run=run, stray=stray, new=tmp_path / "new") for a in extra]
    # No such model: a refusal must come before it is looked for.
    argv = ["analyze", str(corpus), "--model", str(tmp_path / "no-model"), "--extractor", "rules", "-q", *extra]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "new").exists()


def test_progress_bar_counts_documents_and_stats_time_the_stages(pipeline, corpus, tmp_path, capsys):
    assert count_documents([corpus, corpus]) == 2 * ITEMS and count_documents(tmp_path / "x.txt") == 1
    done = pipeline.run_files(corpus, tmp_path / "run", chunk_size=3, show_progress_bar=True)
    err = capsys.readouterr().err
    assert f"{ITEMS}/{ITEMS}" in err and "documents" in err  # the total from the file: an ETA
    pipeline.run_files(corpus, tmp_path / "quiet", chunk_size=3, show_progress_bar=False)
    assert capsys.readouterr().err == ""
    report = pipeline.analyze([AM, AZ])
    for stats in (report.stats, done.stats):
        for key in TIMING_STATS:
            assert isinstance(stats[key], float) and math.isfinite(stats[key]) and stats[key] >= 0, key
    assert set(TIMING_STATS) == {"seconds_extraction", "seconds_pairing", "seconds_judging", "seconds_stance"}


def test_across_chunks_pairs_statements_of_earlier_chunks(pipeline, tmp_path, monkeypatch):
    # One statement a document, a document a chunk: only pairs across chunks can be found.
    rows = [{"id": "am1", "text": AM}, {"id": "az1", "text": AZ}, {"id": "none", "text": ""},  # nothing to index
            {"id": "am2", "text": "The Armenian Defense Ministry said that Azerbaijani drones struck Stepanakert."},
            {"id": "az2", "text": "The Azerbaijani Defense Ministry denied that its drones struck Stepanakert."}]
    pipeline.nli.clear_cache()
    done = pipeline.run(rows, tmp_path / "whole", chunk_size=1, across_chunks=True, show_progress_bar=False)
    assert not read_run(tmp_path / "whole", "verdicts")
    cross = read_run(tmp_path / "whole", "cross_verdicts")
    pairs = {(r["a"].split(":")[0], r["b"].split(":")[0]) for r in cross}
    assert pairs == {("am1", "az1"), ("az1", "am2"), ("am1", "az2"), ("am2", "az2")}
    assert done.stats["cross_chunk_pairs"] == len(cross) and done.stats["seconds_across_chunks"] >= 0
    # The same pairs judged in one report get the same verdicts.
    whole = {(v.pair.a.id, v.pair.b.id): v for v in pipeline.analyze(rows).verdicts}
    for r in cross:
        v = whole[(r["a"], r["b"])]
        assert (r["label"], r["reason"]) == (v.label, v.reason) and r["score"] == pytest.approx(v.score, abs=1e-4)

    # Killed after chunk 4's index part and cross verdicts, before its shards and manifest; then resumed.
    pipeline.nli.clear_cache()
    _die_on_chunk(monkeypatch, batch, "write_shards", 4)
    with pytest.raises(KeyboardInterrupt):
        pipeline.run(rows, tmp_path / "run", chunk_size=1, across_chunks=True, show_progress_bar=False)
    monkeypatch.undo()
    assert (tmp_path / "run" / "index" / "part-00003.npy").is_file()  # left behind, to be done again
    with pytest.raises(RunError, match="across_chunks=True; this one has across_chunks=False"):
        pipeline.run(rows, tmp_path / "run", chunk_size=1, resume=True, show_progress_bar=False)
    pipeline.run(rows, tmp_path / "run", chunk_size=1, resume=True, across_chunks=True, show_progress_bar=False)
    # What the killed chunk judged is in this process's NLI cache: its pairs are not computed again.
    _same_run(tmp_path / "run", tmp_path / "whole", effort=("nli_pairs_computed",))
    assert read_run(tmp_path / "run", "cross_verdicts") == cross
    for part in range(5):
        for suffix in (".npy", ".jsonl"):
            name = f"index/part-{part:05d}{suffix}"
            assert (tmp_path / "run" / name).read_bytes() == (tmp_path / "whole" / name).read_bytes(), name


def test_across_chunks_reads_blame_as_one_chunk_does(pipeline, tmp_path):
    # Two sides that each say the other opened fire: a contradiction by rule (reason "blame") whatever the tiny
    # model reads, in one report and, with each article its own chunk, across chunks.
    rows = [{"id": "am", "text": "The Armenian Defense Ministry said that Azerbaijani forces opened fire on "
                                 "Armenian positions near Sotk on Tuesday."},
            {"id": "az", "text": "The Azerbaijani Defense Ministry said that Armenian forces opened fire on "
                                 "Azerbaijani positions near Kalbajar on Tuesday."}]
    (whole,) = [v for v in pipeline.analyze(rows).verdicts if v.pair.a.doc_id != v.pair.b.doc_id]
    assert (whole.label, whole.reason) == ("contradiction", "blame")
    pipeline.run(rows, tmp_path / "run", chunk_size=1, across_chunks=True, show_progress_bar=False)
    (cross,) = read_run(tmp_path / "run", "cross_verdicts")
    assert (cross["a"], cross["b"], cross["label"], cross["reason"]) == (whole.pair.a.id, whole.pair.b.id,
                                                                         "contradiction", "blame")


class _KeywordNLI(FixedNLI):
    """Entailment from a premise that tells of shelling, contradiction from one that tells of calm, else neutral:
    two sides' statements then take opposite stances on who attacked."""

    name, device, precision = "keyword", "cpu", "fp32"

    def predict(self, pairs, batch_size=32, show_progress_bar=None):
        rows = [(0.9, 0.05, 0.05) if "shelled" in p else (0.05, 0.05, 0.9) if "calm" in p else (0.05, 0.9, 0.05)
                for p, _ in pairs]
        return np.array(rows, dtype=np.float32).reshape(len(pairs), 3)


def test_across_chunks_finds_the_counterclaims_one_chunk_finds(tiny_encoder, tmp_path):
    cd = ClaimDiff(_KeywordNLI(), encoder=tiny_encoder, top_k=3, min_similarity=-1.0, min_relevance=-1.0,
                   top_questions=None, extractor="rules")  # every question asked of every statement
    rows = [{"id": "am", "text": "The Armenian Defense Ministry said that Azerbaijani troops shelled Goris "
                                 "overnight."},
            {"id": "az", "text": "The Azerbaijani Defense Ministry said that the border near Goris was calm "
                                 "overnight."}]
    whole = {(c.a.id, c.b.id, c.proposition_id, c.stance_a, c.stance_b) for c in cd.analyze(rows).counterclaims}
    assert whole and all(a.startswith("am:") and b.startswith("az:") for a, b, *_ in whole)
    done = cd.run(rows, tmp_path / "run", chunk_size=1, across_chunks=True, show_progress_bar=False)
    cross = read_run(tmp_path / "run", "cross_counterclaims")
    assert {(r["a"], r["b"], r["proposition_id"], r["stance_a"], r["stance_b"]) for r in cross} == whole
    assert not read_run(tmp_path / "run", "counterclaims")  # each chunk alone has one side only
    assert done.stats["cross_chunk_counterclaims"] == len(cross)
    # The first chunk's stances were kept in the index beside its statements, for the chunks after it.
    assert (tmp_path / "run" / "index" / "part-00000.stances.jsonl").read_text().strip()


def test_each_chunk_starts_with_the_content_parsers_caches_empty(pipeline, corpus, tmp_path, monkeypatch):
    # The parsers' answers about one chunk's contents must not outlive it: they would keep its strings alive in
    # Python's object arenas while the next chunk fills new ones (the RSS steps of a long run).
    from claimdiff import _content_cache

    def cached() -> int:
        return sum(c.cache_info().currsize for c in _content_cache._CACHES)

    before, after = [], []
    analyze = pipeline._analyze

    def counting(*args, **kwargs):
        before.append(cached())
        report = analyze(*args, **kwargs)
        after.append(cached())
        return report

    monkeypatch.setattr(pipeline, "_analyze", counting)
    pipeline.run_files(corpus, tmp_path / "run", chunk_size=2)
    _content_cache.clear_content_caches()
    for _ in pipeline.stream([AM, AZ, AZ + " " + AM, AM], chunk_size=2):
        pass
    assert len(_content_cache._CACHES) == 8
    assert len(before) == 6 and max(after) > 0  # the judge asked them something
    assert before == [0] * 6
