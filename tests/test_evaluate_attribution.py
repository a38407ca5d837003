"""PolNeAR loading and attribution scoring, on a tiny brat folder built per test (no shared data needed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimdiff.evaluation.attribution import annotator_agreement, evaluate_attribution, score_articles
from claimdiff.evaluation.polnear import GoldArticle, GoldRelation, load_polnear, parse_ann, polnear_dir
from claimdiff.records import Span, Statement

# The second content runs over a line break, annotated as two fragments (listed out of order, as in PolNeAR).
A1 = 'Bob said the sky is green. "It is late\nand dark," Ann told reporters.\n'
B2 = "No attributions here, only the narrator.\n"


def _off(text: str, part: str) -> str:
    start = text.index(part)
    return f"{start} {start + len(part)}"


def _a1_x1() -> str:
    t = A1
    return "\n".join([
        f"T1\tSource {_off(t, 'Bob')}\tBob",
        f"T2\tCue {_off(t, 'said')}\tsaid",
        f"T3\tContent {_off(t, 'the sky is green')}\tthe sky is green",
        f"T4\tAttribution {_off(t, 'said')}\tsaid",
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        f"T5\tSource {_off(t, 'Ann')}\tAnn",
        f"T6\tCue {_off(t, 'told')}\ttold",
        f"T7\tContent {_off(t, 'and dark,')};{_off(t, 'It is late')}\tIt is late",  # wraps onto the next line
        "and dark,",
        f"T8\tAttribution {_off(t, 'told')}\ttold",
        "E2\tAttribution:T8 Cue:T6 Source:T5 Content:T7",
        f"T9\tDiscuss {_off(t, 'reporters')}\treporters",
        f"T10\tAttribution-no-source {_off(t, 'green')}\tgreen",
        "E3\tAttribution-no-source:T10 ",  # no cue, no content: skipped
        "#1\tAnnotatorNotes T9\tnot an attribution",
    ]) + "\n"


def _a1_x2() -> str:  # a second annotator who found only Bob's statement, without its source
    t = A1
    return (f"T1\tCue {_off(t, 'said')}\tsaid\nT2\tContent {_off(t, 'the sky is green')}\tthe sky is green\n"
            f"T3\tAttribution-no-source {_off(t, 'said')}\tsaid\nE1\tAttribution-no-source:T3 Cue:T1 Content:T2\n")


@pytest.fixture()
def data_dir(tmp_path: Path) -> Path:
    base = tmp_path / "attribution" / "PolNeAR" / "data" / "dev"
    (base / "text").mkdir(parents=True)
    (base / "attributions").mkdir()
    (base / "text" / "a1.txt").write_text(A1, encoding="utf-8")
    (base / "text" / "b2.txt").write_text(B2, encoding="utf-8")
    (base / "attributions" / "a1_x1.ann").write_text(_a1_x1(), encoding="utf-8")
    (base / "attributions" / "a1_x2.ann").write_text(_a1_x2(), encoding="utf-8")
    (base / "attributions" / "b2_x1.ann").write_text("", encoding="utf-8")
    return tmp_path


def _statements(article: GoldArticle, shift: int = 0) -> list[Statement]:
    """One statement per gold relation, each span the gold's covering span moved by ``shift`` characters."""
    def span(frags):
        if frags is None:
            return None
        return Span.of(article.text, frags[0][0] + shift, frags[-1][1] + shift)

    out = [Statement(f"{article.id}:s{i}", article.id, "indirect", span(r.content), span(r.source), span(r.cue))
           for i, r in enumerate(article.relations)]
    # narrator statements are not attributions and must not count
    out.append(Statement(f"{article.id}:n", article.id, "narrator", Span.of(article.text, 0, 3)))
    return out


def _extractor(data_dir: Path, shift: int = 0):
    gold = {a.id: a for a in load_polnear("dev", data_dir)}
    return lambda text, doc_id: _statements(gold[doc_id], shift)


def test_loader_first_annotator(data_dir: Path) -> None:
    arts = load_polnear("dev", data_dir)
    assert [(a.id, a.annotator, len(a.relations)) for a in arts] == [("a1", "x1", 2), ("b2", "x1", 0)]
    bob, ann = arts[0].relations
    text = arts[0].text
    assert [text[s:e] for s, e in bob.source + bob.cue + bob.content] == ["Bob", "said", "the sky is green"]
    assert [text[s:e] for s, e in ann.content] == ["It is late", "and dark,"]  # fragments sorted by start


def test_loader_all_annotators_and_data_dir_forms(data_dir: Path) -> None:
    arts = load_polnear("dev", data_dir, annotators="all")
    assert [(a.id, a.annotator) for a in arts] == [("a1", "x1"), ("a1", "x2"), ("b2", "x1")]
    assert arts[1].relations[0].source is None
    assert load_polnear("dev", polnear_dir(data_dir)) == load_polnear("dev", data_dir)


@pytest.mark.parametrize("kwargs, error", [({"split": "test"}, ValueError), ({"annotators": "last"}, ValueError)])
def test_loader_refuses_unknown_choices(data_dir: Path, kwargs: dict, error: type) -> None:
    with pytest.raises(error, match="choose from"):
        load_polnear(data_dir=data_dir, **kwargs)


def test_missing_polnear_folder(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="--data"):
        load_polnear("dev", tmp_path)


def test_parse_ann_merges_numbered_roles() -> None:
    ann = "T1\tCue 0 4\tsaid\nT2\tContent 5 9\tthis\nT3\tContent 20 24\tthat\nE1\tCue:T1 Content:T2 Content2:T3\n"
    assert parse_ann(ann) == (GoldRelation(None, ((0, 4),), ((5, 9), (20, 24))),)


def test_perfect_extractor_scores_one(data_dir: Path) -> None:
    metrics = evaluate_attribution(_extractor(data_dir), "dev", data_dir)
    scores = {k: v for k, v in metrics.items() if k.startswith("attribution/")}
    assert scores and all(v == 1.0 for v in scores.values()), scores
    assert (metrics["articles"], metrics["gold_relations"], metrics["predicted"]) == (2, 2, 2)


def test_shifted_extractor_scores_zero_exact_but_some_overlap(data_dir: Path) -> None:
    metrics = evaluate_attribution(_extractor(data_dir, shift=1), "dev", data_dir)
    for part in ("source", "cue", "content"):
        assert metrics[f"attribution/{part}/exact/f1"] == 0.0
        assert metrics[f"attribution/{part}/overlap/precision"] > 0.0
        assert metrics[f"attribution/{part}/overlap/recall"] > 0.0
    assert metrics["attribution/relation/exact/f1"] == 0.0
    assert metrics["attribution/relation/f1"] == 1.0  # every shifted span still shares a token with its gold


def test_overlap_counts_tokens() -> None:
    text = "Bob said the sky is green today."
    gold = GoldArticle("a", text, (GoldRelation(None, ((4, 8),), ((9, 25),)),), "x")
    # predicted content "the sky" (2 of the 4 gold tokens) plus "today" (outside): P = 2/3, R = 2/4
    pred = Statement("a:s1", "a", "indirect", Span.of(text, 9, 16), None, Span.of(text, 4, 8))
    other = Statement("a:s2", "a", "indirect", Span.of(text, 26, 31), None, Span.of(text, 4, 8))
    m = score_articles([gold], [[pred, other]])
    assert m["attribution/content/overlap/precision"] == pytest.approx(2 / 3)
    assert m["attribution/content/overlap/recall"] == pytest.approx(2 / 4)
    assert m["attribution/cue/exact/f1"] == 1.0  # one distinct cue span on each side
    assert (m["attribution/relation/precision"], m["attribution/relation/recall"]) == (0.5, 1.0)
    with pytest.raises(ValueError, match="one per article"):
        score_articles([gold], [])


def test_cli_table_and_json(data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch) -> None:
    from claimdiff import cli

    from claimdiff.attribution import extractors

    monkeypatch.setattr(extractors, "segment", _extractor(data_dir))
    args = cli.build_parser().parse_args(["evaluate-attribution", "--data", str(data_dir), "--annotators", "all"])
    assert args.func(args) == 0
    out = capsys.readouterr().out
    assert "3 articles" in out
    assert [line.split()[0] for line in out.splitlines()[-4:]] == ["source", "cue", "content", "relation"]
    args = cli.build_parser().parse_args(["evaluate-attribution", "--data", str(data_dir), "--json", "--limit", "1"])
    assert args.func(args) == 0
    assert json.loads(capsys.readouterr().out)["articles"] == 1


def _bob(text: str, doc_id: str) -> list[Statement]:
    at = lambda part: (text.index(part), text.index(part) + len(part))  # noqa: E731
    return [Statement(f"{doc_id}:s1", doc_id, "indirect", Span.of(text, *at("the sky is green")),
                      Span.of(text, *at("Bob")), Span.of(text, *at("said")))]


def test_annotator_agreement_pairs_each_annotation_with_the_others(data_dir: Path) -> None:
    m = annotator_agreement(_bob, data_dir=data_dir)
    # a1 has two annotations (x1: Bob's and Ann's statements; x2: Bob's without a source); b2 has one
    assert (m["articles"], m["annotations"], m["annotator_pairs"]) == (1, 2, 2)
    # cue tokens: x1 {said, told}, x2 {said}; both directions pooled, so precision equals recall
    assert m["annotators/attribution/cue/overlap/precision"] == pytest.approx(2 / 3)
    assert m["annotators/attribution/cue/overlap/recall"] == pytest.approx(2 / 3)
    assert m["annotators/attribution/relation/f1"] == pytest.approx(2 / 3)
    # content tokens: Bob's 4 in both, Ann's 3 + 3 (two fragments) in x1 only: 8 of 14 predicted tokens agree
    assert m["annotators/attribution/content/overlap/precision"] == pytest.approx(8 / 14)
    # the extractor finds only Bob's statement: all its cues are right, it misses "told" against x1
    assert m["extractor/attribution/cue/overlap/precision"] == 1.0
    assert m["extractor/attribution/cue/overlap/recall"] == pytest.approx(2 / 3)
    assert m["extractor"].endswith("_bob")


def test_annotator_agreement_needs_a_shared_article(tmp_path: Path) -> None:
    base = tmp_path / "attribution" / "PolNeAR" / "data" / "dev"
    (base / "text").mkdir(parents=True)
    (base / "attributions").mkdir()
    (base / "text" / "a1.txt").write_text(A1, encoding="utf-8")
    (base / "attributions" / "a1_x1.ann").write_text(_a1_x1(), encoding="utf-8")
    with pytest.raises(ValueError, match="more than one annotation"):
        annotator_agreement(data_dir=tmp_path)


def test_cli_agreement_table(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from claimdiff import cli

    args = cli.build_parser().parse_args(["evaluate-attribution", "--data", str(data_dir), "--agreement"])
    assert args.func(args) == 0
    out = capsys.readouterr().out
    assert "1 articles annotated more than once, 2 annotations, 2 annotator pairs" in out
    cue = next(line for line in out.splitlines() if line.split()[:1] == ["cue"])
    assert cue.split()[2] == "0.6667"  # annotators' cue overlap F1


def test_real_dev_split() -> None:
    try:
        polnear_dir()
    except FileNotFoundError:
        pytest.skip("PolNeAR not found (pass the data folder with $CLAIMDIFF_DATA)")
    metrics = evaluate_attribution(limit=5)
    assert metrics["articles"] == 5 and metrics["extractor"] == "claimdiff.attribution.rules.segment"
    scores = {k: v for k, v in metrics.items() if k.startswith("attribution/")}
    assert len(scores) == 3 * 2 * 3 + 2 * 3
    assert all(0.0 <= v <= 1.0 for v in scores.values())


def test_real_dev_agreement() -> None:
    try:
        polnear_dir()
    except FileNotFoundError:
        pytest.skip("PolNeAR not found (pass the data folder with $CLAIMDIFF_DATA)")
    m = annotator_agreement()
    assert (m["articles"], m["annotations"], m["annotator_pairs"]) == (2, 12, 60)  # two dev articles, six each
    # the annotators agree well but not perfectly on cues: the ceiling the targets are read against
    assert 0.7 < m["annotators/attribution/cue/overlap/f1"] < 0.9
    assert m["annotators/attribution/cue/overlap/precision"] == pytest.approx(
        m["annotators/attribution/cue/overlap/recall"])                 # every pair both ways: symmetric
    assert "extractor" not in m
