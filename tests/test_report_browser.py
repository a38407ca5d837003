"""The HTML page in a real browser (Debian's Chromium driven by playwright): filters change the visible rows,
sorting orders them, links land on their statements, nothing logs an error or reaches the network, hostile text
stays text, and the page fits a desktop and a phone window. Screenshots go to each test's tmp_path.

The report comes from the rules-only extractor and the tiny random models of conftest.py, so these tests run in
seconds and offline."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from claimdiff.pipeline import ClaimDiff
from claimdiff.records import Document, Span, Statement

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[dev]')")

# Debian's Chromium: `playwright install` would download a browser, CI installs the distribution's (.ci/run).
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason="no Chromium at /usr/bin/chromium (apt-get install -y chromium)")

HOSTILE = ('Officials said that <script>window.pwned = 1</script> and <img src=x onerror="window.pwned = 2"> '
           'were found near the border, the Armenian Defense Ministry said.')


@pytest.fixture(scope="module")
def report(tiny_nli, tiny_encoder, seed_text):
    # The tiny model's probabilities sit near a third: under a low stance threshold it takes stances, and the
    # page gets counterclaims and positions to show.
    cd = ClaimDiff(tiny_nli, encoder=tiny_encoder, extractor="rules", min_similarity=-1.0, min_relevance=-1.0,
                   stance_threshold=0.3)
    report = cd.analyze([Document("seed", seed_text, {"outlet": "Meduza"}), Document("hostile", HOSTILE),
                         Document("empty", " ")])
    # A statement whose document is missing has its anchor in the statements table, not in a text; a
    # contradiction links it.
    orphan = Statement("lost:s000", "lost", "narrator", Span(0, 12, "orphan claim"), side="narrator")
    first = report.verdicts[0]
    against = dataclasses.replace(first, pair=dataclasses.replace(first.pair, a=orphan), label="contradiction",
                                  score=0.5)
    report = dataclasses.replace(report, statements=report.statements + (orphan,),
                                 verdicts=report.verdicts + (against,))
    assert report.contradictions and report.counterclaims and report.errors  # what the tests below look at
    return report


@pytest.fixture(scope="module")
def page_file(report, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("page") / "report.html"
    report.to_html(path)
    return path


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM)
        yield chromium
        chromium.close()


class _Page:
    """One tab on the page, with what it logged and what it asked for."""

    def __init__(self, browser, path: Path, width: int):
        self.context = browser.new_context(viewport={"width": width, "height": 900})
        self.context.set_default_timeout(5000)  # a missing element fails in seconds, not the default 30
        self.tab = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.tab.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.tab.on("pageerror", lambda e: self.errors.append(str(e)))
        self.tab.on("request", lambda r: self.requests.append(r.url))
        self.tab.goto(path.as_uri())

    def visible_rows(self, table: str) -> int:
        return self.tab.locator(f"#{table} tbody tr:visible").count()


@pytest.fixture()
def open_page(browser, page_file):
    opened: list[_Page] = []

    def _open(width: int = 1400) -> _Page:
        opened.append(_Page(browser, page_file, width))
        return opened[-1]

    yield _open
    for page in opened:
        page.context.close()


@pytest.mark.parametrize("width", [1400, 420])
def test_page_fits_the_window_and_logs_no_error(open_page, width, tmp_path):
    page = open_page(width)
    tab = page.tab
    tab.screenshot(path=tmp_path / f"report-{width}.png", full_page=True)
    # Closed sections too: opened, nothing in them may widen the page either.
    tab.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    assert tab.evaluate("document.documentElement.scrollWidth") <= tab.evaluate("window.innerWidth")
    assert tab.locator('meta[name="viewport"]').count() == 1
    # The script ran (its controls are shown, its sort buttons made) and nothing else did.
    assert tab.locator("#statements form.filters").is_visible()
    assert tab.locator("#statements-table th button.sort").count() == 3
    assert tab.evaluate("window.pwned") is None
    assert page.errors == []
    assert page.requests == [tab.url]  # the page itself, nothing fetched


def test_hostile_text_is_shown_as_text(open_page):
    tab = open_page().tab
    text = tab.locator("#doc-hostile .text").inner_text()
    assert "<script>window.pwned = 1</script>" in text and 'onerror="window.pwned = 2"' in text
    assert tab.locator("#doc-hostile script, #doc-hostile img").count() == 0


def _count(report, **where) -> int:
    def value(st, name):
        return {"side": st.side or "unknown", "actor": st.actor or "", "doc": st.doc_id, "polarity": st.polarity}[name]

    return sum(all(value(st, k) == v for k, v in where.items()) for st in report.statements)


def test_filters_change_the_visible_rows(open_page, report):
    page = open_page()
    tab = page.tab
    form = tab.locator("#statements form.filters")
    total = len(report.statements)
    assert page.visible_rows("statements-table") == total
    expected = {("side", "armenia"): _count(report, side="armenia"),
                ("polarity", "denies"): _count(report, polarity="denies"),
                ("doc", "hostile"): _count(report, doc="hostile"),
                ("actor", "AM.MOD"): _count(report, actor="AM.MOD")}
    for (name, value), n in expected.items():
        assert 0 < n < total, (name, value)
        form.locator(f'select[name="{name}"]').select_option(value)
        assert page.visible_rows("statements-table") == n, (name, value)
        assert form.locator("output").inner_text() == f"{n} of {total} statements"
        form.locator('select[name="%s"]' % name).select_option("")
    # Filters combine.
    form.locator('select[name="side"]').select_option("armenia")
    form.locator('select[name="doc"]').select_option("hostile")
    assert page.visible_rows("statements-table") == _count(report, side="armenia", doc="hostile")
    form.locator("button[type=reset]").click()
    assert page.visible_rows("statements-table") == total
    # A label is one of a row's labels: every statement of a counterclaim, and only those.
    in_counterclaims = {st.id for c in report.counterclaims for st in (c.a, c.b)}
    form.locator('select[name="label"]').select_option("counterclaim")
    shown = tab.locator("#statements-table tbody tr:visible td:first-child").all_inner_texts()
    assert set(shown) == in_counterclaims
    form.locator("button[type=reset]").click()
    # The search box matches the rows' text.
    form.locator('input[name="q"]').fill("pwned")
    assert 0 < page.visible_rows("statements-table") < total
    assert all("pwned" in t for t in tab.locator("#statements-table tbody tr:visible").all_inner_texts())
    # The judged pairs filter by label too.
    pairs = tab.locator("#pairs form.filters")
    pairs.locator('select[name="label"]').select_option("contradiction")
    assert page.visible_rows("pairs-table") == sum(v.label == "contradiction" for v in report.verdicts)
    assert page.errors == []


def test_sorting_by_score(open_page, report):
    page = open_page()
    tab = page.tab

    def scores() -> list[str]:
        return tab.locator("#statements-table tbody tr td:nth-child(8)").all_inner_texts()

    ids = tab.locator("#statements-table tbody tr td:first-child").all_inner_texts()
    assert ids == [st.id for st in report.statements]
    score_head = tab.locator("#statements-table th").nth(7)
    score_head.locator("button").click()
    assert score_head.get_attribute("aria-sort") == "descending"
    got = [s for s in scores() if s]
    assert got == sorted(got, key=float, reverse=True) and got
    assert scores()[len(got):] == [""] * (len(report.statements) - len(got))  # unjudged statements last
    score_head.locator("button").click()
    got = [s for s in scores() if s]
    assert got == sorted(got, key=float) and scores()[-1] == ""
    tab.locator("#statements-table").get_by_role("button", name="id", exact=True).click()
    assert tab.locator("#statements-table tbody tr td:first-child").all_inner_texts() == ids
    assert page.errors == []


def _lands(tab, link) -> str:
    """Clicks ``link`` and checks its target exists and is in view; returns the target's id."""
    target = link.get_attribute("href")[1:]
    link.click()
    assert tab.evaluate("location.hash") == f"#{target}"
    box = tab.evaluate("""id => {
        const el = document.getElementById(id);
        if (!el) return null;
        const r = el.getBoundingClientRect();
        return [r.top, r.bottom, window.innerHeight, el.offsetParent !== null];
    }""", target)
    assert box is not None, f"#{target} is not on the page"
    top, bottom, height, shown = box
    assert shown and bottom > 0 and top < height, f"#{target} is not in view: {box}"
    return target


def test_links_land_on_their_statements(open_page, report):
    page = open_page()
    tab = page.tab
    pairs = tab.locator("#contradictions li.pair, #counterclaims li.pair")
    assert pairs.count() == len(report.contradictions) + len(report.counterclaims)
    in_texts = 0
    for i in range(pairs.count()):
        for link in pairs.nth(i).locator(".claim > a").all():
            target = _lands(tab, link)
            in_texts += tab.locator(f"#{target}").evaluate("el => !!el.closest('.doc .text')")
    assert in_texts >= 2  # statements land in their article's text
    for link in tab.locator("#pairs-table a").all()[:6] + tab.locator("#positions a[href^='#st-']").all()[:4]:
        _lands(tab, link)
    for link in tab.locator("#positions a[href^='#cc-']").all():
        assert _lands(tab, link).startswith("cc-")
    assert page.errors == []


def test_a_link_into_a_filtered_row_clears_the_filter(open_page, report):
    page = open_page()
    tab = page.tab
    # The orphan statement has no text to be drawn in: its target is its row, which this filter hides.
    tab.locator('#statements select[name="side"]').select_option("armenia")
    row = tab.locator("#statements-table tr[id^='st-lost_s000']")
    assert row.count() == 1 and not row.is_visible()
    _lands(tab, tab.locator("#contradictions .claim > a", has_text="lost:s000"))
    assert row.is_visible() and page.visible_rows("statements-table") == len(report.statements)
    assert page.errors == []


def test_a_link_into_a_folded_list_opens_it(browser, report, tmp_path, monkeypatch):
    from claimdiff.report import html

    monkeypatch.setattr(html, "_OPEN_PAIRS", 1)  # every counterclaim after the first is folded away
    path = tmp_path / "folded.html"
    report.to_html(path)
    page = _Page(browser, path, 1400)
    try:
        tab = page.tab
        folded = tab.locator("#counterclaims details.more")
        assert folded.count() == 1 and not folded.evaluate("d => d.open")
        links = tab.locator("#positions a[href^='#cc-']:not([href='#cc-1'])")
        assert links.count() > 0
        _lands(tab, links.first)
        assert folded.evaluate("d => d.open")
        assert page.errors == []
    finally:
        page.context.close()
