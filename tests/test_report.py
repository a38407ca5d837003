"""Tests for claimdiff.report: rows, exports that agree, and an HTML view that stays well-formed."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import io
import json
import re
from importlib import resources
from html.parser import HTMLParser

import pytest

from claimdiff.records import (Claim, CandidatePair, Counterclaim, Document, DocumentError, Proposition, Question, Span,
                               Stance, Statement, Verdict)
from claimdiff.report import (CLAIM_COLUMNS, COUNTERCLAIM_COLUMNS, ERROR_COLUMNS, POSITION_COLUMNS, STANCE_COLUMNS,
                              STATEMENT_COLUMNS, VERDICT_COLUMNS, Report)

TEXT = ("The Armenian Defense Ministry said that Azerbaijan shelled <script>Tavush</script> & Noyemberyan. "
        "Baku described as 'absurd' the claims that Azerbaijan had shelled Tavush.")


def _find(text: str, needle: str, start: int = 0) -> tuple[int, int]:
    s = text.index(needle, start)
    return s, s + len(needle)


def _statements(text: str = TEXT) -> tuple[Statement, Statement]:
    am = Statement(
        id="d1:0", doc_id="d1", kind="indirect",
        content=Span.of(text, *_find(text, "Azerbaijan shelled <script>Tavush</script> & Noyemberyan")),
        speaker=Span.of(text, *_find(text, "The Armenian Defense Ministry")),
        cue=Span.of(text, *_find(text, "said")),
        actor="am_mod", side="armenia", confidence=0.9,
    )
    az = Statement(
        id="d1:1", doc_id="d1", kind="indirect",
        content=Span.of(text, *_find(text, "Azerbaijan had shelled Tavush")),
        speaker=Span.of(text, *_find(text, "Baku")),
        cue=Span.of(text, *_find(text, "described as 'absurd'")),
        polarity="denies", actor="az_gov", side="azerbaijan",
    )
    return am, az


def _verdict(a: Statement, b: Statement, label: str = "contradiction", score: float = 0.93) -> Verdict:
    return Verdict(
        pair=CandidatePair(a, b, pair_score=0.71, signals=("place", "embedding")),
        label=label, score=score, reason="polarity",
        p_contradiction_ab=0.1, p_contradiction_ba=0.2, p_entailment_ab=0.8, p_entailment_ba=0.7,
        p_neutral_ab=0.1, p_neutral_ba=0.1,
    )


QUESTION = Question("who_attacked", "Who attacked whom?", (
    Proposition("az_attacked_am", "Azerbaijan attacked Armenia.", ("Azerbaijan started the fighting.",)),
    Proposition("am_attacked_az", "Armenia attacked Azerbaijan."),
))


def _stances(am: Statement, az: Statement) -> tuple[Stance, Stance]:
    return (Stance(am.id, "who_attacked", "az_attacked_am", "supports", 0.81, 0.81, 0.04,
                   "Azerbaijan started the fighting.", "asserts", 0.62),
            Stance(az.id, "who_attacked", "az_attacked_am", "opposes", 0.77, 0.77, 0.02,
                   "Azerbaijan attacked Armenia.", "denies", 0.9))


@pytest.fixture()
def report() -> Report:
    am, az = _statements()
    return Report(
        documents=(Document("d1", TEXT, {"outlet": "Interfax", "url": "javascript:alert(1)"}),),
        statements=(am, az),
        verdicts=(_verdict(am, az, "unrelated", 0.4), _verdict(am, az)),
        errors=(DocumentError("d2", "EmptyText", "document <d2> has no text", line=3),),
        stats={"candidate_pairs": 1, "model": "tiny-nli", "threshold": 0.5},
        actor_names={"am_mod": "Armenian Defense Ministry", "az_gov": "Azerbaijani government"},
        stances=_stances(am, az),
        counterclaims=(Counterclaim("who_attacked", "az_attacked_am", am, az, "supports", "opposes", 0.81, 0.77,
                                    0.77),),
        questions=(QUESTION,),
        claims=(Claim("c0001", "am_mod", "armenia", "asserts", am.content.text, (am.id,), ("d1",), ("Interfax",)),),
    )


@pytest.fixture()
def empty() -> Report:
    return Report(documents=(), statements=(), verdicts=())


class _Balance(HTMLParser):
    """Checks every non-void tag closes in order, and collects ids and hrefs."""

    VOID = {"meta", "br", "hr", "img", "input", "link", "col", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.links: list[str] = []  # <link href>: the page's icon
        self.tags: set[str] = set()
        self.data: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if "href" in attrs:
            (self.links if tag == "link" else self.hrefs).append(attrs["href"])
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack, f"</{tag}> closes nothing"
        assert self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1]}>"
        self.stack.pop()

    def handle_data(self, data):
        self.data.append(data)


def _parse(markup: str) -> _Balance:
    parser = _Balance()
    parser.feed(markup)
    parser.close()
    assert parser.stack == [], f"unclosed tags: {parser.stack}"
    return parser


# ------------------------------------------------------------------------------------------ rows


def test_records_slice_back_to_text():
    for st in _statements():
        for span in (st.content, st.speaker, st.cue):
            assert TEXT[span.start:span.end] == span.text


def test_contradictions_sorted_by_score_once_per_claim_pair(report):
    am, az = _statements()
    other = dataclasses.replace(az, id="d1:s9", claim_id="c9")
    low, copy = _verdict(am, other, score=0.6), _verdict(am, az, score=0.5)
    r = Report(report.documents, report.statements, (low, copy, *report.verdicts))
    # The same two statements judged twice are one pair of claims: listed once, with the best score.
    assert [v.score for v in r.contradictions] == [0.93, 0.6]
    assert all(v.label == "contradiction" for v in r.contradictions)


# Each export kind with its columns and its row count in the `report` fixture; every export shares it.
EXPORTS = [
    ("statements", STATEMENT_COLUMNS, 2),
    ("verdicts", VERDICT_COLUMNS, 2),
    ("contradictions", VERDICT_COLUMNS, 1),
    ("errors", ERROR_COLUMNS, 1),
    ("stances", STANCE_COLUMNS, 2),
    ("counterclaims", COUNTERCLAIM_COLUMNS, 1),
    ("positions", POSITION_COLUMNS, 2),
    ("claims", CLAIM_COLUMNS, 1),
]


@pytest.mark.parametrize("what, columns, n", EXPORTS)
def test_to_pandas_columns_and_rows(report, empty, what, columns, n):
    frame = report.to_pandas(what)
    assert list(frame.columns) == list(columns)
    assert len(frame) == n
    empty_frame = empty.to_pandas(what)
    assert list(empty_frame.columns) == list(columns)
    assert len(empty_frame) == 0


def test_statement_rows_flatten_spans(report):
    frame = report.statements_frame()
    first = frame.iloc[0]
    assert first["speaker"] == "The Armenian Defense Ministry"
    assert first["cue"] == "said"
    assert TEXT[first["content_start"]:first["content_end"]] == first["content"]
    assert list(frame["polarity"]) == ["asserts", "denies"]


def test_verdict_rows_carry_texts_and_actors(report):
    row = report.rows("contradictions")[0]
    assert row["a"] == "d1:0" and row["b"] == "d1:1"
    assert row["a_text"].startswith("Azerbaijan shelled") and row["b_text"] == "Azerbaijan had shelled Tavush"
    assert (row["a_actor"], row["b_actor"]) == ("am_mod", "az_gov")
    assert row["signals"] == ["place", "embedding"]


def test_offsets_stay_nullable_ints():
    text = "Shelling continued overnight."
    st = Statement("n1", "d", "narrator", Span.of(text, 0, len(text)), side="narrator")
    frame = Report((Document("d", text),), (st,), ()).to_pandas()
    assert str(frame["speaker_start"].dtype) == "Int64"
    assert frame["speaker_start"].isna().all()


@pytest.mark.parametrize("method", ["to_pandas", "to_jsonl", "to_dataset", "to_csv", "rows"])
def test_bad_what_lists_valid_values(report, method):
    with pytest.raises(ValueError) as err:
        getattr(report, method)(what="claim")
    for valid in ("statements", "verdicts", "contradictions", "errors", "stances", "counterclaims", "positions",
                  "claims"):
        assert valid in str(err.value)


def test_stance_and_counterclaim_rows_carry_texts(report):
    am_row, az_row = report.rows("stances")
    assert (am_row["statement_id"], am_row["actor"], am_row["side"], am_row["doc_id"]) == ("d1:0", "am_mod",
                                                                                           "armenia", "d1")
    assert am_row["proposition"] == "Azerbaijan attacked Armenia."
    assert am_row["content"].startswith("Azerbaijan shelled")
    assert (az_row["stance"], az_row["polarity"]) == ("opposes", "denies")
    (claim,) = report.rows("counterclaims")
    assert (claim["a"], claim["b"], claim["stance_a"], claim["stance_b"]) == ("d1:0", "d1:1", "supports", "opposes")
    assert (claim["a_side"], claim["b_side"], claim["score"]) == ("armenia", "azerbaijan", 0.77)
    assert claim["proposition"] == "Azerbaijan attacked Armenia." and claim["b_text"] == "Azerbaijan had shelled Tavush"
    positions = report.to_pandas("positions")
    assert positions[["side", "stance"]].values.tolist() == [["armenia", "supports"], ["azerbaijan", "opposes"]]
    assert positions["n_supports"].dtype == "Int64" and positions["supporting"][0] == ["d1:0"]


def test_old_constructor_has_no_stances():
    am, az = _statements()
    r = Report((Document("d1", TEXT),), (am, az), (_verdict(am, az),))
    assert r.stances == () and r.counterclaims == () and r.rows("positions") == []
    assert "<h2>Questions</h2>" not in r.to_html()
    assert "Counterclaims (0)" in r.to_table()


# ---------------------------------------------------------------------------------------- exports


@pytest.mark.parametrize("what", ["statements", "verdicts", "contradictions", "errors", "stances", "counterclaims",
                                  "positions"])
def test_jsonl_round_trip(report, tmp_path, what):
    path = tmp_path / f"{what}.jsonl"
    assert report.to_jsonl(path, what=what) is None
    assert Report.read_jsonl(path) == report.rows(what)
    # The string form and a file object agree with the file.
    text = report.to_jsonl(what=what)
    assert text == path.read_text(encoding="utf-8")
    buffer = io.StringIO()
    report.to_jsonl(buffer, what=what)
    assert Report.read_jsonl(io.StringIO(buffer.getvalue())) == report.rows(what)


def test_jsonl_keeps_non_ascii():
    text = "Ереван заявил: «обстрел продолжается»."
    st = Statement("s", "d", "direct", Span.of(text, 16, 37), speaker=Span.of(text, 0, 6), side="armenia")
    out = Report((Document("d", text),), (st,), ()).to_jsonl()
    assert "Ереван" in out
    assert json.loads(out)["content"] == text[16:37]


def test_read_jsonl_names_bad_line():
    with pytest.raises(ValueError, match="Line 2"):
        Report.read_jsonl(io.StringIO('{"a": 1}\n{oops\n'))


def test_empty_jsonl(empty):
    assert empty.to_jsonl() == ""
    assert Report.read_jsonl(io.StringIO("")) == []


@pytest.mark.parametrize("what, columns, n", EXPORTS)
def test_to_dataset(report, empty, what, columns, n):
    ds = report.to_dataset(what)
    assert ds.num_rows == n
    assert ds.column_names == list(columns)
    assert ds.to_list() == report.rows(what)
    empty_ds = empty.to_dataset(what)
    assert empty_ds.num_rows == 0
    assert empty_ds.column_names == list(columns)


def test_to_dataset_all_none_columns():
    # Narrator statements have no speaker or cue: those columns are all None and still get a type.
    text = "Shelling continued overnight."
    st = Statement("n1", "d", "narrator", Span.of(text, 0, len(text)), side="narrator")
    ds = Report((Document("d", text),), (st,), ()).to_dataset()
    assert ds[0]["speaker"] is None and ds[0]["cue_start"] is None
    assert ds.features["speaker_start"].dtype == "int64"


def test_to_csv(report, tmp_path, empty):
    import pandas as pd

    path = tmp_path / "pairs.csv"
    report.to_csv(path, what="verdicts")
    frame = pd.read_csv(path)
    assert list(frame.columns) == list(VERDICT_COLUMNS)
    assert json.loads(frame["signals"][0]) == ["place", "embedding"]
    assert empty.to_csv(what="statements").strip() == ",".join(STATEMENT_COLUMNS)
    report.to_csv(path, what="positions")
    frame = pd.read_csv(path)
    assert list(frame.columns) == list(POSITION_COLUMNS)
    assert json.loads(frame["opposing"][1]) == ["d1:1"] and json.loads(frame["actors"][0]) == ["am_mod"]


# ------------------------------------------------------------------------------------------- html


def test_to_html_anchors_links_and_escaping(report, tmp_path):
    path = tmp_path / "report.html"
    page = report.to_html(path)
    assert path.read_text(encoding="utf-8") == page
    parsed = _parse(page)
    assert {"html", "head", "body", "style", "table", "section"} <= parsed.tags
    # The one script is the page's own (report.js, allowed by its hash); the text's <script> stays text.
    assert page.count("<script") == 1
    script = page.split("<script>", 1)[1].split("</script>", 1)[0]
    assert script == resources.files("claimdiff.report").joinpath("report.js").read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in page and "default-src 'none'" in page
    assert '<meta name="viewport"' in page
    assert "&lt;script&gt;Tavush&lt;/script&gt; &amp; Noyemberyan" in page
    # The raw text survives the round trip through the parser.
    assert "<script>Tavush</script> & Noyemberyan" in "".join(parsed.data)
    for anchor in ("st-d1_0-", "st-d1_1-"):
        ids = [i for i in parsed.ids if i.startswith(anchor)]
        assert len(ids) == 1
        assert f'href="#{ids[0]}"' in page
    assert len(parsed.ids) == len(set(parsed.ids)), "ids must be unique"
    # Every link points at an id on the page, and nothing points outside it.
    assert all(h.startswith("#") and h[1:] in parsed.ids for h in parsed.hrefs)
    assert parsed.links == ["data:,"]  # an empty inline icon: a browser asks no server for a favicon
    assert 'href="javascript' not in page
    assert "polarity" in page and "0.930" in page
    assert "EmptyText" in page and "document &lt;d2&gt; has no text" in page
    assert "Armenian Defense Ministry (armenia)" in page


def test_to_html_content_ids_sit_on_the_highlights(report):
    page = report.to_html()
    parsed = _parse(page)
    st_id = next(i for i in parsed.ids if i.startswith("st-d1_0-"))
    assert f'<span id="{st_id}" class="c side-armenia' in page
    assert 'class="spk"' in page and 'class="cue"' in page


def test_to_html_overlapping_spans():
    text = 'Baku said the ministry claimed "Yerevan lied about Tavush" on Monday.'
    outer = Statement("o", "d", "indirect", Span.of(text, 10, len(text) - 1),
                      speaker=Span.of(text, 0, 4), cue=Span.of(text, 5, 9), side="azerbaijan")
    inner = Statement("i", "d", "direct", Span.of(text, *_find(text, "Yerevan lied about Tavush")),
                      speaker=Span.of(text, *_find(text, "the ministry")), cue=Span.of(text, *_find(text, "claimed")),
                      side="armenia", polarity="denies")
    # Same start as another content, a zero-width content, and a statement whose document is missing.
    same = Statement("s", "d", "narrator", Span.of(text, 10, 22), side="observers")
    empty = Statement("e", "d", "narrator", Span.of(text, 3, 3), side=None)
    orphan = Statement("x", "missing", "narrator", Span(0, 3, "abc"))
    statements = (outer, inner, same, empty, orphan)
    r = Report((Document("d", text),), statements, (_verdict(outer, orphan),))
    page = r.to_html()
    parsed = _parse(page)
    ids = set(parsed.ids)
    assert len(parsed.ids) == len(ids)
    for st in statements:
        assert any(i.startswith(f"st-{st.id}-") or i == f"st-{st.id}" for i in ids), st.id
    assert all(h[1:] in ids for h in parsed.hrefs)
    # The document text comes back whole, in order, from the flat segments.
    doc_text = page.split('<div class="text">', 1)[1].split("</div>", 1)[0]
    segments = _parse(doc_text)
    assert "".join(segments.data) == text
    assert "overlap" in page and "side-armenia" in page
    # A side outside the palette still gets a colour rule.
    assert ".side-observers {" in page


def test_to_html_draws_a_pointing_denial_on_its_own_words():
    text = "Baku said Yerevan shelled Tovuz. Yerevan rejected the accusation."
    claim = Statement("c", "d", "indirect", Span.of(text, *_find(text, "Yerevan shelled Tovuz")),
                      speaker=Span.of(text, 0, 4), cue=Span.of(text, 5, 9), side="azerbaijan")
    denial = dataclasses.replace(claim, id="p", polarity="denies", side="armenia", refers_to="c",
                                 speaker=Span.of(text, *_find(text, "Yerevan", 30)),
                                 cue=Span.of(text, *_find(text, "rejected")),
                                 pointer=Span.of(text, *_find(text, "the accusation")))
    page = Report((Document("d", text),), (claim, denial), (_verdict(claim, denial),)).to_html()
    doc_text = page.split('<div class="text">', 1)[1].split("</div>", 1)[0]
    drawn = re.findall(r'class="c ([^"]*)"[^>]*>([^<]*)<', doc_text)
    assert ("side-armenia denies", "the accusation") in drawn
    assert ("side-azerbaijan", "Yerevan shelled Tovuz") in drawn  # the claim keeps its own colour


def test_html_and_table_show_what_the_models_read_where_it_differs_from_the_text():
    am, az = _statements()
    plain = Report((Document("d1", TEXT),), (am, az), (_verdict(am, az),)).to_html()
    assert 'class="reading"' not in plain
    read = dataclasses.replace(_verdict(am, az), b_reading="Azerbaijan's <troops> had shelled Tavush")
    page = Report((Document("d1", TEXT),), (am, az), (read,)).to_html()
    assert "&middot; B &ldquo;Azerbaijan&#x27;s &lt;troops&gt; had shelled Tavush&rdquo;</p>" in page
    # The terminal view says it under B only: A was read as written.
    table = Report((Document("d1", TEXT),), (am, az), (read,)).to_table(max_width=200).splitlines()
    assert [line.strip() for line in table if "read as:" in line] == [
        "read as: Azerbaijan's <troops> had shelled Tavush"]
    assert table[table.index(next(line for line in table if "read as:" in line)) - 1].lstrip().startswith("B ")


def test_to_html_bad_offsets_do_not_break_page(caplog):
    text = "Short text."
    bad = Statement("b", "d", "narrator", Span(5, 500, "text. and far beyond"))
    page = Report((Document("d", text),), (bad,), ()).to_html()
    _parse(page)
    assert "does not match" in caplog.text


def test_repr_html_and_empty(report, empty):
    body = report._repr_html_()
    assert body and body.startswith('<div class="claimdiff-report">')
    assert "<html" not in body
    _parse(body)
    _parse(empty.to_html())
    assert "No statements." in empty._repr_html_()


def test_repr_html_limits_documents():
    docs = tuple(Document(f"d{i}", f"Text {i}.") for i in range(30))
    body = Report(docs, (), ())._repr_html_()
    assert "Showing 20 of 30 documents" in body
    assert "Showing" not in Report(docs, (), ()).to_html()


# ------------------------------------------------------------------------------------------- text


def _section(page: str, name: str) -> str:
    """The top-level section ``name`` of a page (documents and questions nest without an id first)."""
    start = page.index(f'<section id="{name}">')
    end = page.find('<section id="', start + 1)
    return page[start:end if end >= 0 else len(page)]


def test_to_html_summary_contents_and_order(report):
    page = report.to_html()
    parsed = _parse(page)
    # Contradictions and counterclaims come first, the texts and the run's raw figures last.
    order = ["summary", "contradictions", "counterclaims", "positions", "statements", "documents", "pairs", "errors",
             "run"]
    at = [page.index(f'id="{name}"') for name in order]
    assert at == sorted(at)
    summary = page[at[0]:at[1]]
    cards = dict(re.findall(r'<a class="card" href="#([a-z]+)"><span class="n">([^<]+)</span>', summary))
    assert cards == {"documents": "1", "statements": "2", "contradictions": "1", "counterclaims": "1", "errors": "1"}
    assert '<span class="c side-armenia">armenia 1</span>' in summary
    assert "so a page may show 0 contradictions and some counterclaims" in " ".join(summary.split())
    assert "&ldquo;Azerbaijan attacked Armenia&rdquo;" in summary  # the example is the report's own proposition
    toc = summary[summary.index('<nav id="contents"'):]
    targets = re.findall(r'href="#([a-z]+)"', toc)
    assert targets == order[1:] and set(targets) <= set(parsed.ids)
    # The run's figures are still there, out of the way.
    assert "candidate_pairs" in _section(page, "run") and "candidate_pairs" not in summary


def test_to_html_judged_pair_ids_are_links(report):
    page = report.to_html()
    parsed = _parse(page)
    pairs = _section(page, "pairs")
    am, az = _statements()
    for st in (am, az):
        anchor = next(i for i in parsed.ids if i.startswith(f"st-{st.id.replace(':', '_')}-"))
        assert f'<a href="#{anchor}">{st.id}</a>' in pairs
    assert '<tr data-label="contradiction">' in pairs and '<tr data-label="unrelated">' in pairs


def test_to_html_statement_rows_carry_their_filters(report):
    page = report.to_html()
    section = _section(page, "statements")
    assert '<form class="filters" data-table="statements-table" data-noun="statements" hidden>' in section
    for name in ("side", "actor", "doc", "polarity", "label"):
        assert f'<select name="{name}"' in section
    assert '<select name="label" data-tokens>' in section
    assert '<option value="armenia">armenia (1)</option>' in section
    assert '<option value="az_gov">Azerbaijani government (1)</option>' in section
    assert ('data-side="azerbaijan" data-actor="az_gov" data-doc="d1" data-polarity="denies" '
            'data-label="contradiction counterclaim unrelated"') in section
    assert '<th data-sort="desc" title="The highest clash score of its judged pairs">score</th>' in section
    assert '<td data-value="0.93">0.930</td>' in section
    # Hostile values in the filters' attributes are escaped too.
    am, az = _statements()
    odd = dataclasses.replace(am, id='x"><b>', doc_id='d"1', actor='a"b')
    hostile = Report((), (odd,), ()).to_html()
    _parse(hostile)
    assert '<b>' not in hostile.split('<section id="statements">', 1)[1]


def test_to_html_mirrored_counterclaims_listed_once(report):
    am, az = _statements()
    mirror = Counterclaim("who_attacked", "am_attacked_az", am, az, "opposes", "supports", 0.7, 0.7, 0.7)
    r = dataclasses.replace(report, counterclaims=report.counterclaims + (mirror,))
    page = r.to_html()
    _parse(page)
    claims = _section(page, "counterclaims")
    assert "Counterclaims (1)" in claims and claims.count('<li class="pair"') == 1
    assert "the same pair, mirrored, on Armenia attacked Azerbaijan." in claims
    assert '<span class="n">1</span> counterclaim<' in page


def test_to_html_long_lists_fold_after_the_strongest(report, monkeypatch):
    from claimdiff.report import html

    monkeypatch.setattr(html, "_OPEN_PAIRS", 1)
    am, az = _statements()
    other = dataclasses.replace(az, id="d1:2")
    more = Counterclaim("who_attacked", "az_attacked_am", am, other, "supports", "opposes", 0.8, 0.6, 0.6)
    r = dataclasses.replace(report, counterclaims=report.counterclaims + (more,),
                            verdicts=report.verdicts + (_verdict(am, other, score=0.7),))
    page = r.to_html()
    _parse(page)
    for name in ("contradictions", "counterclaims"):
        section = _section(page, name)
        assert section.count('<li class="pair"') == 2
        assert '</ol><details class="more"><summary>1 more, weaker</summary><ol class="pairs" start="2">' in section
    assert 'id="cc-2"' in _section(page, "counterclaims").split("<details", 1)[1]


def test_to_html_positions_section(report):
    page = report.to_html()
    parsed = _parse(page)
    section = _section(page, "positions")
    assert "Positions by question" in section
    assert "Who attacked whom?" in section and "Azerbaijan attacked Armenia." in section
    # Propositions nobody took a stance on still get their row, with empty cells.
    assert "am_attacked_az" in section
    assert 'class="stance-supports"' in section and 'class="stance-opposes"' in section
    links = {h[1:] for h in parsed.hrefs if h.startswith("#st-")}
    section_links = {h for h in links if f'href="#{h}"' in section}
    assert len(section_links) == 2 and section_links <= set(parsed.ids)
    # The question's counterclaims are listed once, above, and linked from here.
    assert 'href="#cc-1"' in section and "cc-1" in parsed.ids
    claims = _section(page, "counterclaims")
    assert "Counterclaims (1)" in claims and {h for h in links if f'href="#{h}"' in claims} == section_links
    # A report whose questions got no stance says so instead of drawing empty tables.
    quiet = Report(report.documents, report.statements, (), questions=(QUESTION,))
    assert "No statement took a stance" in quiet.to_html()
    assert "Not computed" in Report(report.documents, report.statements, ()).to_html()


def test_to_table(report):
    table = report.to_table()
    assert "The Armenian Defense Ministry" in table
    assert "reason polarity" in table
    assert "EmptyText" in table
    assert "Counterclaims (1)" in table and "az_attacked_am" in table and "opposes 0.77 (denies)" in table
    assert all(len(line) <= 100 for line in table.splitlines())
    narrow = report.to_table(max_width=60)
    assert all(len(line) <= 60 for line in narrow.splitlines())


def test_to_table_empty(empty):
    table = empty.to_table()
    assert "Statements (0)" in table and "Contradictions (0)" in table and "Errors (0)" in table
    assert "Counterclaims (0)" in table


def test_summary_and_repr(report, empty):
    s = report.summary()
    assert (s["documents"], s["statements"], s["verdicts"], s["contradictions"], s["errors"]) == (1, 2, 2, 1, 1)
    assert s["statements_by_side"] == {"armenia": 1, "azerbaijan": 1}
    assert s["verdicts_by_label"] == {"unrelated": 1, "contradiction": 1}
    assert repr(report) == str(report) == "Report(documents=1, statements=2, verdicts=2, contradictions=1, errors=1)"
    assert empty.summary()["statements_by_side"] == {}


def test_lists_become_tuples():
    am, az = _statements()
    r = Report([Document("d1", TEXT)], [am, az], [])
    assert isinstance(r.statements, tuple) and isinstance(r.documents, tuple)
