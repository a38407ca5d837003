from __future__ import annotations

import json
import random

import pytest

import claimdiff
from claimdiff.pipeline import ClaimDiff, check_document, to_documents
from claimdiff.records import Document


@pytest.fixture(scope="module")
def pipeline(tiny_nli, tiny_encoder):
    return ClaimDiff(tiny_nli, encoder=tiny_encoder, top_k=3, min_similarity=-1.0, min_relevance=-1.0)


def test_seed_end_to_end_with_tiny_models(pipeline, seed_text):
    report = pipeline.analyze(Document("seed", seed_text, {"outlet": "Meduza"}))
    assert not report.errors
    assert len(report.statements) >= 10
    for s in report.statements:
        for span in (s.content, s.speaker, s.cue):
            if span is not None:
                assert seed_text[span.start:span.end] == span.text
    stats = report.stats
    assert stats["candidate_pairs"] == len(report.verdicts) > 0
    assert stats["cross_side_pairs"] == stats["candidate_pairs"] + stats["pairs_pruned"]
    sides = {(v.pair.a.side, v.pair.b.side) for v in report.verdicts}
    assert sides <= {("armenia", "azerbaijan"), ("azerbaijan", "armenia")}
    # Stances on the pack's questions: counted, neutral ones left out, counterclaims across sides only.
    assert [q.id for q in report.questions][0] == "who_attacked"
    assert stats["stances"] == len(report.stances) and stats["counterclaims"] == len(report.counterclaims)
    assert 0 < stats["stance_pairs_run"] < len(report.statements) * sum(
        len(p.hypotheses) for q in report.questions for p in q.propositions)
    assert all(s.stance != "neutral" for s in report.stances)
    assert all({c.a.side, c.b.side} == {"armenia", "azerbaijan"} for c in report.counterclaims)


def test_results_do_not_change_with_batch_size(tiny_nli, tiny_encoder, seed_text):
    tiny_nli.clear_cache()
    small = ClaimDiff(tiny_nli, encoder=tiny_encoder, batch_size=1, min_similarity=-1.0).analyze(seed_text)
    tiny_nli.clear_cache()  # the second run must go through the model, not the cache
    large = ClaimDiff(tiny_nli, encoder=tiny_encoder, batch_size=64, min_similarity=-1.0).analyze(seed_text)
    assert [(v.pair.a.id, v.pair.b.id, v.label) for v in small.verdicts] == \
           [(v.pair.a.id, v.pair.b.id, v.label) for v in large.verdicts]
    for x, y in zip(small.verdicts, large.verdicts):
        assert x.score == pytest.approx(y.score, abs=1e-4)


def test_pairs_are_formed_across_documents(pipeline):
    am = "The Armenian Defense Ministry said that Azerbaijan shelled Goris and Kapan overnight."
    az = "The Azerbaijani Defense Ministry denied that Azerbaijan shelled Goris and Kapan."
    report = pipeline.analyze([Document("a", am), Document("b", az)])
    assert any(v.pair.a.doc_id == "a" and v.pair.b.doc_id == "b" for v in report.verdicts)


def test_every_input_yields_a_result_or_an_error(pipeline, seed_text):
    inputs = [seed_text, "", "   ", "Армения и Азербайджан обменялись обвинениями в обстрелах границы.",
              {"id": "x", "body": "wrong column"}, 42, "x" * 2_000_001]
    report = pipeline.analyze(inputs)
    analysed = {s.doc_id for s in report.statements}
    failed = {e.doc_id: e.error for e in report.errors}
    assert analysed == {"doc0"}
    assert failed == {"doc1": "empty_text", "doc2": "empty_text", "doc3": "unsupported_language",
                      "x": "missing_text", "doc5": "bad_input", "doc6": "text_too_long"}
    assert "1,000,000" in next(e.message for e in report.errors if e.error == "text_too_long")
    assert "['body', 'id']" in next(e.message for e in report.errors if e.error == "missing_text")
    assert report.stats["documents"] == len(inputs)


@pytest.mark.parametrize("bad", [b"bytes", 3.5, None])
def test_unsupported_input_type_raises(pipeline, bad):
    with pytest.raises(TypeError, match="analyze"):
        pipeline.analyze(bad)


def test_duplicate_ids_are_made_unique_with_a_warning(caplog):
    docs, _ = to_documents([Document("a", "x"), Document("a", "y"), {"id": "a", "text": "z"}, {"id": None, "text": "w"}])
    assert [d.id for d in docs] == ["a", "a~2", "a~3", "doc3"]  # a null id is a missing one
    assert "'a' occurs more than once" in caplog.text


def test_duplicate_ids_stay_unique_across_stream_chunks(pipeline):
    rows = [{"id": "same", "text": "Baku said the border was calm."}] * 3
    reports = list(pipeline.stream(rows, chunk_size=1, show_progress_bar=False))
    ids = [s.doc_id for r in reports for s in r.statements]
    assert sorted(set(ids)) == ["same", "same~2", "same~3"]


def test_duplicate_file_stems_in_two_folders_are_made_unique(pipeline, tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text("Baku said the border was calm.", encoding="utf-8")
    report = pipeline.analyze_files([tmp_path / "a" / "story.txt", tmp_path / "b" / "story.txt"],
                                    show_progress_bar=False)
    assert [d.id for d in report.documents] == ["story", "story~2"]


def test_a_lone_surrogate_is_replaced_and_offsets_hold(pipeline, caplog):
    text = "Baku said the border was calm \ud800 today."
    report = pipeline.analyze({"id": "s", "text": text}, show_progress_bar=False)
    assert report.errors == () and report.statements
    clean = report.documents[0].text
    assert len(clean) == len(text) and "\ufffd" in clean
    for st in report.statements:
        assert clean[st.content.start:st.content.end] == st.content.text
    assert "surrogate" in caplog.text and report.stats["replacement_characters"] == 1
    report.to_html()  # writes, whatever the text held
    claimdiff.extract(text)  # the rules alone too


def test_binary_input_is_not_analysed(pipeline):
    noise = bytes(random.Random(0).randrange(256) for _ in range(4096)).decode("utf-8", errors="replace")
    report = pipeline.analyze([{"id": "bin", "text": noise}, {"id": "ok", "text": "Baku said the border was calm."}],
                              show_progress_bar=False)
    assert [(e.doc_id, e.error) for e in report.errors] == [("bin", "not_text")]
    assert {s.doc_id for s in report.statements} == {"ok"}


def test_dataset_input_and_wrong_column(pipeline):
    from datasets import Dataset

    ds = Dataset.from_list([{"id": "a", "text": "The Armenian Defense Ministry said that battles were ongoing."}])
    assert pipeline.analyze(ds).statements[0].doc_id == "a"
    with pytest.raises(ValueError, match=r"columns are \['id', 'text'\]"):
        pipeline.analyze(ds, text_column="body")


def test_check_document_accepts_english():
    assert check_document(Document("a", "Baku denied that Azerbaijan had invaded Armenia.")) is None


def test_the_extraction_stage_alone_finds_what_the_pipeline_finds(pipeline, seed_text):
    # The Ray engine's extraction actors load it alone: the same statements and error rows, and no NLI model.
    from claimdiff.pipeline import Extraction

    docs = [Document("seed", seed_text), Document("empty", "   ")]
    alone = Extraction.from_pretrained(model="ignored: a later stage's", threshold=0.9)(docs, [])
    whole = pipeline._extract(docs, [], show_progress_bar=False)
    assert [s.to_dict() for s in alone.statements] == [s.to_dict() for s in whole.statements]
    assert len(alone.statements) > 5 and [e.doc_id for e in alone.errors] == ["empty"]
    assert not any(hasattr(alone, name) for name in ("nli", "encoder"))


def test_extract_needs_no_model():
    (s,) = claimdiff.extract('Baku described as "absurd" the claims that Azerbaijan had invaded Armenia.')
    assert (s.actor, s.side, s.polarity, s.content.text) == ("AZ.GOV", "azerbaijan", "denies",
                                                           "Azerbaijan had invaded Armenia")


def test_analyze_files_reports_broken_jsonl_lines(pipeline, tmp_path):
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join([
        json.dumps({"id": "a", "text": "The Armenian Defense Ministry said that Azerbaijan shelled Goris.",
                    "outlet": "x"}),
        '{"id": "b", "text": "unterminated',
        json.dumps({"id": "c", "text": "Baku denied that Azerbaijan shelled Goris."}),
    ]) + "\n", encoding="utf-8")
    report = pipeline.analyze_files(path)
    assert {s.doc_id for s in report.statements} == {"a", "c"}
    (error,) = report.errors
    assert (error.error, error.line) == ("invalid_json", 2)
    with pytest.raises(ValueError, match=r"columns found are \['id', 'outlet', 'text'\]"):
        pipeline.analyze_files(path, text_column="body")


def test_stream_yields_one_report_per_chunk_and_loses_nothing(pipeline, seed_text):
    pulled = []

    def articles():  # a generator: stream must not read it all up front
        for i, text in enumerate([seed_text, "", seed_text, {"body": "wrong column"}, seed_text]):
            pulled.append(i)
            yield text

    pipeline.nli.clear_cache()
    reports = pipeline.stream(articles(), chunk_size=2)
    first = next(reports)
    assert pulled == [0, 1]
    assert {s.doc_id for s in first.statements} == {"doc0"} and [e.doc_id for e in first.errors] == ["doc1"]
    rest = list(reports)
    assert len(rest) == 2
    assert {s.doc_id for s in rest[0].statements} == {"doc2"} and rest[0].errors[0].error == "missing_text"
    assert {s.doc_id for s in rest[1].statements} == {"doc4"}
    # Pairs stay inside a chunk; the same article gets the same statements in every chunk.
    assert all(v.pair.a.doc_id == v.pair.b.doc_id for r in (first, *rest) for v in r.verdicts)
    assert len(first.statements) == len(rest[1].statements) > 0
    # The second copy of the seed is served from the NLI cache.
    assert rest[1].stats["nli_pairs_computed"] == 0 < first.stats["nli_pairs_computed"]
    with pytest.raises(ValueError, match="chunk_size"):
        next(pipeline.stream([seed_text], chunk_size=0))


def test_stream_files_reads_jsonl_lazily_with_error_rows(pipeline, tmp_path):
    path = tmp_path / "corpus.jsonl"
    lines = [json.dumps({"id": f"a{i}", "text": "The Armenian Defense Ministry said that Azerbaijan shelled Goris."})
             for i in range(5)]
    lines.insert(2, '{"id": "broken", "text": ')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    reports = list(pipeline.stream_files(path, chunk_size=4))
    assert [len(r.documents) for r in reports] == [3, 2]
    assert [(e.error, e.line) for r in reports for e in r.errors] == [("invalid_json", 3)]
    assert sorted(s.doc_id for r in reports for s in r.statements) == [f"a{i}" for i in range(5)]
    with pytest.raises(ValueError, match="columns found"):
        list(pipeline.stream_files(path, text_column="body"))


def test_own_propositions_in_one_call(pipeline):
    text = "The Armenian Defense Ministry said that Azerbaijan shelled Goris and Kapan overnight."
    report = pipeline.analyze(text, propositions=["Azerbaijan shelled Goris.", "A cease-fire holds."])
    assert [q.id for q in report.questions] == ["user"]
    assert report.stats["questions"] == 1
    # One statement, scored on both propositions (one wording each).
    assert report.stats["stance_pairs_run"] == 2
    assert {s.question_id for s in report.stances} <= {"user"}
    # The pack's questions are back for the next call.
    assert pipeline.analyze(text).questions == pipeline.questions


def test_questions_follow_the_pack(tiny_nli, tiny_encoder, tmp_path):
    from claimdiff.actors import ActorRegistry

    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "sides: [{id: a, opposes: [b]}, {id: b}]\n"
        "actors: [{id: A, side: a, kind: government, aliases: [Alpha]}]\n"
        "questions:\n  - id: q\n    text: Who?\n    propositions: [{id: p, text: Alpha won.}]\n", encoding="utf-8")
    cd = ClaimDiff(tiny_nli, ActorRegistry.from_file(pack), encoder=tiny_encoder)
    assert [q.id for q in cd.questions] == ["q"]
    assert ClaimDiff(tiny_nli, encoder=tiny_encoder).questions[0].id == "who_attacked"
    none = ClaimDiff(tiny_nli, encoder=tiny_encoder, questions=())
    report = none.analyze("Alpha said that it won.")
    assert none.questions == () and report.stats["stance_pairs_run"] == 0 and report.stances == ()


def test_extractor_can_be_any_callable_and_a_wrong_name_is_refused(tiny_nli, tiny_encoder, seed_text):
    from claimdiff.attribution.rules import segment

    calls = []

    def only_quotes(text, doc_id):
        calls.append(doc_id)
        return [s for s in segment(text, doc_id) if s.kind != "narrator"]

    report = ClaimDiff(tiny_nli, encoder=tiny_encoder, extractor=only_quotes).analyze(seed_text)
    assert calls == ["doc0"] and report.statements
    assert all(s.kind != "narrator" for s in report.statements)
    with pytest.raises(ValueError, match="extractor must be one of"):
        ClaimDiff(tiny_nli, encoder=tiny_encoder, extractor="magic")


def test_a_document_over_the_time_budget_is_an_error_row(tiny_nli, tiny_encoder):
    import time as clock

    def slow_on_stall(text, doc_id):
        if "stall" in text:
            clock.sleep(3)
        return claimdiff.attribution.segment(text, doc_id)

    cd = ClaimDiff(tiny_nli, encoder=tiny_encoder, extractor=slow_on_stall, time_budget=0.5)
    start = clock.perf_counter()
    report = cd.analyze([{"id": "slow", "text": "Baku said it would stall."},
                         {"id": "ok", "text": "Baku said the border was calm."}], show_progress_bar=False)
    assert clock.perf_counter() - start < 2.5  # interrupted, not waited out
    assert [(e.doc_id, e.error) for e in report.errors] == [("slow", "time_budget")]
    assert {s.doc_id for s in report.statements} == {"ok"}
    with pytest.raises(ValueError, match="time_budget"):
        ClaimDiff(tiny_nli, encoder=tiny_encoder, time_budget=0)


def test_a_dataframe_is_read_by_rows(pipeline):
    import pandas as pd

    frame = pd.DataFrame({"id": ["a", "b"], "text": ["Baku said the border was calm.", "Yerevan said it was not."],
                          "outlet": ["APA", "Armenpress"]})
    report = pipeline.analyze(frame, show_progress_bar=False)
    assert [d.id for d in report.documents] == ["a", "b"] and report.documents[0].meta["outlet"] == "APA"
    streamed = [d for r in pipeline.stream(frame.rename(columns={"outlet": "news outlet"}), chunk_size=1,
                                           show_progress_bar=False) for d in r.documents]
    assert [d.id for d in streamed] == ["a", "b"]
    assert streamed[0].meta == {"news outlet": "APA"}  # column names kept as written, as in analyze
    with pytest.raises(ValueError, match="'body'.*'id', 'text', 'outlet'"):
        pipeline.analyze(frame, text_column="body")


def test_cuda_on_a_machine_without_it_is_a_clear_error():
    import torch

    from claimdiff.nli import pick_device

    if torch.cuda.is_available():
        pytest.skip("this machine has CUDA")
    with pytest.raises(ValueError, match="device='cuda'"):
        pick_device("cuda")
    with pytest.raises(ValueError, match="Unknown device"):
        pick_device("tpu9")


def test_reprs_are_short_and_batch_size_is_a_call_option(pipeline, seed_text):
    assert repr(pipeline).startswith("ClaimDiff(model=") and len(repr(pipeline)) < 300
    assert "extractor='rules_first'" in repr(pipeline)
    report = pipeline.analyze(seed_text, batch_size=4, show_progress_bar=False)
    assert report.verdicts and all(len(repr(v)) < 200 for v in report.verdicts)
    assert repr(report.verdicts[0]).startswith("Verdict('doc0:s")
    assert all(len(repr(s)) < 160 for s in report.statements)
    assert pipeline.batch_size != 4  # the call's batch size does not stick
    with pytest.raises(ValueError, match="batch_size"):
        pipeline.analyze(seed_text, batch_size=0)


def test_a_progress_bar_over_documents_when_asked(pipeline, capsys):
    pipeline.analyze(["Baku said the border was calm."] * 3, show_progress_bar=True)
    assert "documents" in capsys.readouterr().err
    pipeline.analyze(["Baku said the border was calm."] * 3, show_progress_bar=False)
    assert "documents" not in capsys.readouterr().err


def test_a_series_of_texts_is_read_with_its_index_as_ids(pipeline):
    import pandas as pd

    texts = pd.Series(["Baku said the border was calm.", "Yerevan said it was not."], index=["x", "y"])
    assert [d.id for d in pipeline.analyze(texts, show_progress_bar=False).documents] == ["x", "y"]
