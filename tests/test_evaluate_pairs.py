from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from claimdiff.evaluation.pairs import load_benchmark, match_statements, pair_errors, score_benchmark, score_flags
from claimdiff.records import CandidatePair, Span, Statement, Verdict

TEXT = ("Baku said Armenian units shelled Tovuz. Yerevan denied that its units shelled Tovuz. "
        "Yerevan said talks would resume.")


def _write(folder, articles, statements, pairs):
    folder.mkdir()
    for name, rows in (("articles", articles), ("statements", statements), ("pairs", pairs)):
        (folder / f"{name}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    return folder


def _gold(sid, start, end, side, polarity="asserts"):
    return {"id": sid, "doc_id": "d", "side": side, "polarity": polarity, "start": start, "end": end,
            "content": TEXT[start:end]}


@pytest.fixture()
def bench(tmp_path):
    statements = [_gold("g1", 10, 38, "azerbaijan"), _gold("g2", 61, 83, "armenia", "denies"),
                  _gold("g3", 98, 117, "armenia")]
    pairs = [{"a": "g1", "b": "g2", "label": "contradiction", "type": "denial"},
             {"a": "g1", "b": "g3", "label": "compatible", "type": "other"}]
    return load_benchmark(_write(tmp_path / "b", [{"id": "d", "story": "s", "text": TEXT}], statements, pairs))


def _st(sid, start, end, side, polarity="asserts"):
    return Statement(sid, "d", "indirect", Span.of(TEXT, start, end), polarity=polarity, side=side)


def _verdict(a, b, label):
    return Verdict(CandidatePair(a, b, 0.5), label, 0.9, "nli", 0, 0, 0, 0, 0, 0)


def test_gold_statements_match_the_predicted_statement_covering_them():
    predicted = [_st("p1", 10, 38, "azerbaijan"), _st("p2", 45, 83, "armenia", "denies"), _st("p3", 0, 5, None)]
    gold = [_gold("g1", 10, 38, "azerbaijan"), _gold("g2", 61, 83, "armenia"), _gold("g3", 98, 117, "armenia")]
    assert {g: s.id for g, s in match_statements(gold, predicted, {"d": TEXT}).items()} == {"g1": "p1", "g2": "p2"}


def test_a_denial_matches_gold_that_includes_what_it_names_before_the_denied_words():
    text = "Baku said Armenia shelled Goris. Yerevan described Baku's claims of shelling as lies."
    cue, content = text.index("described"), text.index("shelling as")
    denial = Statement("p1", "d", "indirect", Span.of(text, content, content + 8), polarity="denies",
                       side="armenia", cue=Span.of(text, cue, cue + 9))
    gold = [{"id": "g1", "doc_id": "d", "start": text.index("Baku's"), "end": content + 8}]
    assert match_statements(gold, [denial], {"d": text}) == {"g1": denial}
    asserted = dataclasses.replace(denial, polarity="asserts")  # only a denial's object counts
    assert match_statements(gold, [asserted], {"d": text}) == {}


def test_a_pointer_denial_matches_a_pointer_before_its_cue():
    text = "Baku said its troops took two villages, a claim rejected by Armenia's defence ministry."
    cue, speaker = text.index("rejected"), text.index("Armenia's")
    denial = Statement("p1", "d", "indirect", Span.of(text, 10, 38), polarity="denies", side="armenia",
                       cue=Span.of(text, cue, cue + 8), speaker=Span.of(text, speaker, len(text) - 1),
                       refers_to="d:s1")
    gold = [{"id": "g1", "doc_id": "d", "start": text.index("a claim"), "end": text.index("a claim") + 7}]
    assert match_statements(gold, [denial], {"d": text}) == {"g1": denial}


def test_a_pointer_denial_matches_its_own_words_before_the_speaker():
    text = 'Baku said Yerevan shelled Tovuz. "These accusations are a fabrication," the Armenian premier said.'
    quote, speaker = text.index("These"), text.index("the Armenian")
    denial = Statement("p1", "d", "indirect", Span.of(text, 10, 31), polarity="denies", side="armenia",
                       cue=Span.of(text, len(text) - 5, len(text) - 1), speaker=Span.of(text, speaker, len(text) - 6),
                       refers_to="d:s1")
    gold = [{"id": "g1", "doc_id": "d", "start": quote, "end": quote + len("These accusations")}]
    assert match_statements(gold, [denial], {"d": text}) == {}  # the cue and speaker are too far after it
    kept = dataclasses.replace(denial, pointer=Span.of(text, quote, text.index('," the')))
    assert match_statements(gold, [kept], {"d": text}) == {"g1": kept}


def test_recall_false_alarms_and_precision(bench):
    p1, p2, p3 = _st("p1", 10, 38, "azerbaijan"), _st("p2", 61, 83, "armenia", "denies"), _st("p3", 98, 117, "russia")
    report = SimpleNamespace(statements=(p1, p2, p3), counterclaims=(),
                             verdicts=(_verdict(p1, p2, "contradiction"), _verdict(p1, p3, "contradiction")))
    metrics = score_benchmark(bench, report)
    assert (metrics["recall"], metrics["false_alarm"], metrics["precision"]) == (1.0, 1.0, 0.5)
    assert metrics["recall/denial"] == 1.0 and metrics["statement_recall"] == 1.0
    assert metrics["side_accuracy"] == 0.6667  # russia is not the gold armenia
    quiet = SimpleNamespace(statements=(p1, p2, p3), counterclaims=(), verdicts=(_verdict(p1, p2, "unrelated"),))
    assert score_benchmark(bench, quiet)["recall"] == 0.0
    # Both gold pairs are within one article: counted there, none across.
    assert (metrics["contradiction_pairs/within"], metrics["contradiction_pairs_flagged/within"],
            metrics["compatible_pairs_flagged/within"], metrics["contradiction_pairs/across"]) == (1, 1, 1, 0)
    assert metrics["false_alarm/within"] == 1.0 and metrics["false_alarm/across"] is None
    # A run's tables give the same figures from the statements and the flagged pairs of their ids.
    assert score_flags(bench, [p1, p2, p3], {frozenset(("p1", "p2")), frozenset(("p1", "p3"))}) == metrics


def test_pair_errors_say_what_became_of_each_wrong_pair(bench):
    p1, p2, p3 = _st("p1", 10, 38, "azerbaijan"), _st("p2", 61, 83, "armenia", "denies"), _st("p3", 98, 117, "armenia")
    report = SimpleNamespace(statements=(p1, p2, p3), counterclaims=(),
                             verdicts=(_verdict(p1, p2, "unrelated"), _verdict(p1, p3, "contradiction")))
    rows = {(r["a"], r["b"]): r for r in pair_errors(bench, report)}
    assert rows[("g1", "g2")]["outcome"] == "unrelated/nli"  # a missed contradiction, judged unrelated
    assert rows[("g1", "g3")]["outcome"] == "contradiction/nli" and rows[("g1", "g3")]["label"] == "compatible"
    right = SimpleNamespace(statements=(p1, p2, p3), counterclaims=(), verdicts=(_verdict(p1, p2, "contradiction"),))
    assert pair_errors(bench, right) == []
    unfound = SimpleNamespace(statements=(p1,), counterclaims=(), verdicts=())
    assert [r["outcome"] for r in pair_errors(bench, unfound)] == ["statement_not_found"]


def test_a_gold_statement_that_does_not_slice_back_is_refused(tmp_path):
    bad = [_gold("g1", 10, 38, "azerbaijan") | {"content": "something else"}]
    folder = _write(tmp_path / "b", [{"id": "d", "story": "s", "text": TEXT}], bad, [])
    with pytest.raises(ValueError, match="does not slice back"):
        load_benchmark(folder)


def test_content_left_out_is_read_from_the_offsets(tmp_path):
    gold = {k: v for k, v in _gold("g1", 10, 38, "azerbaijan").items() if k != "content"}
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "d.txt").write_text(TEXT)
    folder = _write(tmp_path / "b", [{"id": "d", "story": "s", "source": "d.txt"}], [gold], [])
    with pytest.raises(FileNotFoundError, match="texts_root"):
        load_benchmark(folder)
    assert load_benchmark(folder, tmp_path / "texts").statements[0]["content"] == "Armenian units shelled Tovuz"


def test_the_shipped_benchmarks_load_and_meet_their_sizes():
    from claimdiff._paths import checkout_path

    written = load_benchmark(checkout_path("benchmarks", "contradictions", "written"))
    labels = [p["label"] for p in written.pairs]
    assert labels.count("contradiction") >= 80 and labels.count("compatible") >= 80


BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks" / "contradictions"
WRITTEN_PARTS = sorted(p.name for p in BENCHMARKS.glob("written*") if p.is_dir())


@pytest.mark.parametrize("part", WRITTEN_PARTS)
def test_every_written_part_passes_the_gold_checker(part, capsys):
    # The checker written with the first part, run on each part a helper wrote since: broken offsets or a pair of
    # one side's statements would skew every figure measured on it.
    import importlib.util

    spec = importlib.util.spec_from_file_location("check_gold", BENCHMARKS / "written" / "check_gold.py")
    checker = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(checker)
    assert checker.main(str(BENCHMARKS / part)) == 0
    assert capsys.readouterr().out.rstrip().endswith("OK")
