"""The published reports as a reader sees them, in headless Chromium (Debian's package).

Skipped, with the reason, where Chromium is not installed; `.ci/run` installs it.
REPORTS_UNDER_TEST=<folder> reads a build elsewhere (``python -m helpers build --out-dir <folder>``)
instead of ``reports/``.
"""

import json
import os
import shutil
from pathlib import Path
from urllib.parse import unquote, urlparse

import pandas as pd
import pytest

from helpers import paths
from helpers.build.pipeline import build
from helpers.report import render
from helpers.report.tables import html_table, sort_rows

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        CHROMIUM is None, reason="chromium is not installed (apt-get install chromium); .ci/run installs it"
    ),
]
REPORTS = Path(os.environ.get("REPORTS_UNDER_TEST") or paths.REPORTS)
PAGES = sorted(p.relative_to(REPORTS).as_posix() for p in REPORTS.rglob("*.html"))


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
            ],
        )
        yield chromium
        chromium.close()


def visit(browser, path: Path):
    """Open a page; return it with the console errors and the requests it made."""
    page = browser.new_page()
    errors, requests = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.resolve().as_uri())
    page.wait_for_load_state("load")
    return page, errors, requests


@pytest.mark.parametrize("name", PAGES)
def test_each_page_works_offline_with_its_figures_and_links(browser, name):
    page, errors, requests = visit(browser, REPORTS / name)
    assert not errors, errors
    outside = [u for u in requests if urlparse(u).scheme not in ("file", "data")]
    assert not outside, f"requests outside file://: {outside}"
    assert "高新区" in page.inner_text("body")
    images = page.eval_on_selector_all("img", "els => els.map(e => e.complete && e.naturalWidth > 0)")
    assert all(images), "every figure must load"
    for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))"):
        target, _, anchor = href.partition("#")
        if target:
            assert (REPORTS / name).parent.joinpath(target).resolve().exists(), f"{name} links to missing {href}"
        elif anchor:
            assert page.evaluate("id => document.getElementById(id) !== null", anchor), (
                f"{name} links to missing anchor #{anchor}"
            )
    page.close()


def test_the_index_links_every_report(browser):
    page, _, _ = visit(browser, REPORTS / "index.html")
    links = set(page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))"))
    # Article pages are reached from the figures that cite them, not from the index.
    assert {p for p in PAGES if not p.startswith("articles/")} - {"index.html"} <= links
    page.close()


def test_the_published_ledger_is_paged_searchable_and_filterable(browser):
    page, errors, _ = visit(browser, REPORTS / "03_indicators.html")
    if not page.locator("#ledger-data").count():
        page.close()
        pytest.skip("reports/03_indicators.html predates paged tables: rebuild the reports (make report)")
    assert not errors, errors
    total = len(json.loads(page.inner_text("#ledger-data"))["rows"])
    assert page.locator("#ledger tbody tr:not(.line)").count() == min(total, 50)
    assert page.inner_text("#ledger-tools .count") == f"rows 1–{min(total, 50)} of {total:,}"
    page.fill("#ledger-tools input[type=search]", "高新技术企业")
    page.wait_for_function("() => document.querySelector('#ledger-tools .count').textContent.includes('filtered')")
    assert 0 < int(page.inner_text("#ledger-tools .count").split(" of ")[1].split(" ")[0].replace(",", "")) < total
    page.fill("#ledger-tools input[type=search]", "")
    page.wait_for_function("() => !document.querySelector('#ledger-tools .count').textContent.includes('filtered')")
    page.select_option("#ledger-tools select[data-column='1']", "target")
    kinds = set(
        page.eval_on_selector_all("#ledger tbody tr:not(.line) td:nth-child(2)", "els => els.map(e => e.textContent)")
    )
    assert kinds == {"target"}
    page.close()


# --- every figure one click from its sentence: links to the article pages -------------------------------

REPORT_PAGES = [p for p in PAGES if not p.startswith("articles/")]
ALL_LINKS = """box => {
  const links = new Set();
  const take = () => box.querySelectorAll('a[href*="articles/"]').forEach(a => links.add(a.getAttribute('href')));
  take();
  const tables = Array.from(box.querySelectorAll('div.paged-table'));
  for (const t of tables) {  // every page of a paged table, as a reader pages through it
    const next = t.querySelector('.table-tools button[data-page=next]');
    let guard = 10000;
    while (next && !next.disabled && guard--) { next.click(); take(); }
  }
  return Array.from(links).sort();
}"""


def article_links(page) -> list[str]:
    """Every link to an article page in a report, the rows of every page of its paged tables included."""
    return page.evaluate(ALL_LINKS, page.locator("body").element_handle())


@pytest.fixture(scope="module")
def article_ids(browser) -> dict[str, set[str]]:
    """The ids on each published article page, as the browser reads them: ``{"articles/x.html": {...}}``."""
    found = {}
    for name in PAGES:
        if name.startswith("articles/"):
            page, _, _ = visit(browser, REPORTS / name)
            found[name] = set(page.eval_on_selector_all("[id]", "els => els.map(e => e.id)"))
            page.close()
    return found


def test_the_reports_link_figures_to_their_sentences(browser):
    page, errors, _ = visit(browser, REPORTS / "03_indicators.html")
    linked = page.locator("table.data td a[href*='articles/'][href*='#']")
    if not linked.count():
        page.close()
        pytest.skip(
            f"{REPORTS}/03_indicators.html predates tables that link figures: rebuild the reports (make report)"
        )
    assert not errors, errors
    href = linked.first.get_attribute("href")
    linked.first.click()
    page.wait_for_load_state("load")
    url = urlparse(page.url)
    assert url.path.endswith("/" + href.split("#")[0]) and unquote(url.fragment) == unquote(href.split("#")[1])
    assert page.evaluate("() => document.querySelector(':target').tagName") == "MARK", "the figure is highlighted"
    page.close()


@pytest.mark.parametrize("name", REPORT_PAGES)
def test_every_link_to_an_article_lands_on_a_page_and_an_anchor_that_exist(browser, article_ids, name):
    if not article_ids:
        pytest.skip(f"{REPORTS} has no article pages yet: rebuild the reports (make report)")
    page, errors, _ = visit(browser, REPORTS / name)
    links = article_links(page)
    assert not errors, errors
    page.close()
    folder = (REPORTS / name).parent
    for href in links:
        target, _, anchor = href.partition("#")
        path = folder.joinpath(target).resolve()
        assert path.exists(), f"{name} links to a missing page: {href}"
        key = path.relative_to(REPORTS.resolve()).as_posix()
        assert not anchor or unquote(anchor) in article_ids[key], f"{name} links to a missing anchor: {href}"


# --- paged tables, on a fixture page ----------------------------------------------------------------

N_ROWS = 237


def fixture_frame(n: int = N_ROWS) -> pd.DataFrame:
    """A ledger-like table: shuffled dates (some blank), values whose text and numeric orders differ, hostile text."""
    frame = pd.DataFrame(
        {
            "date": [
                f"{2014 + (i * 7) % 12}-{1 + (i * 5) % 12:02d}-{1 + i % 28:02d}" if i % 17 else "" for i in range(n)
            ],
            "kind": [["achieved", "target", "plan"][i % 3] for i in range(n)],
            "indicator": [f"指标{i % 13}" for i in range(n)],
            "value": [float((i * 37) % 1000) / (1 if i % 4 else 10) for i in range(n)],
            "unit": ["亿元"] * n,
            "period": [str(2014 + i % 12) for i in range(n)],
            "article_id": [f"{i:08x}-0" for i in range(n)],
            "sentence": [f"第{i}句：高新区新增企业{i % 50}家，投资{i}亿元。" + "说明" * 15 for i in range(n)],
        }
    )
    if n <= 201:
        return frame
    frame.loc[200, "sentence"] = "</script><script>window.__pwned=1</script><img src=x onerror=window.__pwned=2> 危险"
    frame.loc[201, "sentence"] = "<!-- & \"quotes\" 'single' 注释"
    return frame


def report_page(path: Path, html: str, home: str = "index.html") -> Path:
    """Write ``html`` as a notebook's output rendered the way a report is (nbconvert, then the page template)."""
    import nbformat

    notebook = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("show_table(frame)")
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": html})]
    notebook.cells.append(cell)
    body = render.notebook_body(notebook)
    path.write_text(
        render.page("高新区 fixture", body, {"parameters": {}, "inputs": {}, "packages": {}}, home), "utf-8"
    )
    return path


@pytest.fixture(scope="module")
def table_page(tmp_path_factory):
    """A report page holding a long paged table and a short one."""
    html = html_table(
        fixture_frame(),
        caption="Fixture ledger",
        table_id="fx",
        csv="data/fixture.csv",
        search=True,
        filters=("kind", "period"),
    ) + html_table(fixture_frame(12)[["kind", "value"]], caption="Short table")
    return report_page(tmp_path_factory.mktemp("paged") / "fixture.html", html)


def shown(page, column: int) -> list[str]:
    """The texts of one column (0-based, among the columns on the row's first line) on the current page."""
    return page.eval_on_selector_all(
        f"#fx tbody tr:not(.line) td:nth-child({column + 1})", "els => els.map(e => e.textContent)"
    )


def count(page) -> str:
    return page.inner_text("#fx-tools .count")


def search(page, text: str) -> None:
    """Type a search and wait until its rows are shown (the table is busy until then)."""
    page.fill("#fx-tools input[type=search]", text)
    page.wait_for_function("() => !document.getElementById('fx').hasAttribute('aria-busy')")


def test_a_paged_table_shows_one_page_sorted_by_date_and_pages_through(browser, table_page):
    page, errors, requests = visit(browser, table_page)
    assert not errors, errors
    assert not [u for u in requests if urlparse(u).scheme not in ("file", "data")]
    assert page.locator("#fx tbody tr:not(.line)").count() == 50
    assert page.locator("#fx tbody tr.line").count() == 50, "the sentence on a line of its own under each row"
    assert count(page) == "rows 1–50 of 237"
    dates = sorted(d for d in fixture_frame()["date"] if d)
    assert shown(page, 0) == dates[:50]
    assert page.is_disabled("#fx-tools button[data-page=prev]")
    page.click("#fx-tools button[data-page=next]")
    assert count(page) == "rows 51–100 of 237" and shown(page, 0) == dates[50:100]
    for _ in range(3):
        page.click(".paged-table[data-table=fx] .table-pager-bottom button[data-page=next]")
    assert count(page) == "rows 201–237 of 237"
    assert shown(page, 0)[-1] == "", "undated rows last"
    assert page.is_disabled("#fx-tools button[data-page=next]")
    page.click("#fx-tools button[data-page=prev]")
    assert count(page) == "rows 151–200 of 237"
    assert page.locator(".table-nojs").count() == 0, "the no-script note goes when the script runs"
    page.close()


def test_a_paged_table_searches_every_row_and_shows_hostile_text_as_text(browser, table_page):
    page, errors, _ = visit(browser, table_page)
    frame = fixture_frame()
    search(page, "新增企业7家")
    expected = frame[frame["sentence"].str.contains("新增企业7家")]
    assert count(page) == f"rows 1–{len(expected)} of {len(expected)} (filtered from 237)"
    search(page, "新增企业7家 target")  # every word must match, each in any column
    expected = expected[expected["kind"] == "target"]
    assert count(page) == f"rows 1–{len(expected)} of {len(expected)} (filtered from 237)"
    assert set(shown(page, 1)) == {"target"}
    search(page, "危险")
    assert count(page) == "rows 1–1 of 1 (filtered from 237)"
    assert page.inner_text("#fx tbody tr.line td") == frame.loc[200, "sentence"]
    search(page, "注释")
    assert page.inner_text("#fx tbody tr.line td") == frame.loc[201, "sentence"]
    assert page.evaluate("window.__pwned") is None
    search(page, "no such words")
    assert count(page) == "no rows match (of 237)"
    assert not errors, errors
    page.close()


def test_a_paged_table_filters_and_sorts_numbers_as_numbers(browser, table_page):
    page, _, _ = visit(browser, table_page)
    frame = fixture_frame()
    page.select_option("#fx-tools select[data-column='1']", "plan")
    plans = int((frame["kind"] == "plan").sum())
    assert count(page) == f"rows 1–50 of {plans} (filtered from 237)"
    page.select_option("#fx-tools select[data-column='1']", "all")
    page.click("#fx th[data-column='3'] button.sort")
    values = sorted(frame["value"])
    assert [float(v.replace(",", "")) for v in shown(page, 3)] == values[:50]
    assert page.get_attribute("#fx th[data-column='3']", "aria-sort") == "ascending"
    assert page.get_attribute("#fx th[data-column='0']", "aria-sort") is None
    page.click("#fx th[data-column='3'] button.sort")
    assert [float(v.replace(",", "")) for v in shown(page, 3)] == values[::-1][:50]
    assert page.get_attribute("#fx th[data-column='3']", "aria-sort") == "descending"
    page.click("#fx th[data-column='7'] button.sort")  # the sentence, sorted from its own header line
    first = page.inner_text("#fx tbody tr.line td")
    assert first == min(frame["sentence"])
    page.close()


def test_a_paged_table_fits_the_page_with_its_sentences_wrapping(browser, table_page):
    page, _, _ = visit(browser, table_page)
    wrap = page.evaluate(
        "() => { const w = document.querySelector('#fx').parentElement; return [w.scrollWidth, w.clientWidth]; }"
    )
    assert wrap[0] <= wrap[1], "no sideways scrolling at 1280 pixels"
    height = page.evaluate("() => document.querySelector('#fx tbody tr.line td').getBoundingClientRect().height")
    assert height > 25, "a long sentence wraps onto several lines"
    page.close()


def test_without_javascript_the_first_page_and_the_csv_note_show(browser, table_page):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(table_page.resolve().as_uri())
    assert page.locator("#fx tbody tr:not(.line)").count() == 50
    assert not page.is_visible("#fx-tools")
    note = page.inner_text(".table-nojs")
    assert note == "The first 50 of 237 rows are shown; the whole table is in fixture.csv."
    assert page.locator(".table-nojs a[href='data/fixture.csv']").count() == 1
    context.close()


def test_a_short_table_stays_a_plain_table(browser, table_page):
    page, _, _ = visit(browser, table_page)
    short = page.locator("table.data", has=page.locator("caption", has_text="Short table"))
    assert short.locator("tbody tr").count() == 12 and short.get_attribute("data-paged") is None
    page.close()


def test_search_is_fast_on_ten_thousand_rows(browser, tmp_path):
    html = html_table(fixture_frame(10_000), caption="Big", table_id="fx", search=True, filters=("kind",))
    page, errors, _ = visit(browser, report_page(tmp_path / "big.html", html))
    assert not errors, errors
    timing = page.evaluate(
        """async () => {
          const input = document.querySelector('#fx-tools input[type=search]');
          const count = document.querySelector('#fx-tools .count');
          const times = [];
          for (const q of ['高新区', '新增企业7家', 'target 投资9', '']) {
            const before = count.textContent, t = performance.now();
            input.value = q;
            input.dispatchEvent(new Event('input'));
            while (count.textContent === before && performance.now() - t < 5000) await new Promise(r => setTimeout(r, 0));
            times.push(performance.now() - t - 150);  // less the debounce
          }
          const sort = performance.now();
          document.querySelector('#fx th[data-column="3"] button').click();
          times.push(performance.now() - sort);
          return times;
        }"""
    )
    assert count(page).endswith("of 10,000")
    assert max(timing) < 500, f"search and sort on 10,000 rows took {timing} ms"
    page.close()


@pytest.mark.slow
def test_html_in_corpus_text_is_shown_as_text_never_run(browser, tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    # The headline (shown in the report's tables) carries both attacks.
    # (short enough, 60 characters, to be read as a headline).
    hostile = (
        "高新区<script>__pwned=1</script><img src=x onerror=__pwned=2>测试\n\n"
        "本报济宁讯 高新区发布消息，2023年高新区新增企业5家。\n"
    )
    (raw / "hostile.txt").write_text(hostile, encoding="utf-8")
    out = tmp_path / "reports"
    with pytest.warns(UserWarning, match="hostile.txt has no row"):
        build(
            names=["01_corpus"], raw_dir=raw, manifest=tmp_path / "corpus.csv", out_dir=out, work_dir=tmp_path / "work"
        )
    page, errors, requests = visit(browser, out / "01_corpus.html")
    assert page.evaluate("window.__pwned") is None
    body = page.inner_text("body")
    assert "<script>__pwned=1</script><img src=x onerror=__pwned=2>" in body
    assert not [u for u in requests if urlparse(u).scheme not in ("file", "data")]
    page.close()


# --- links in paged tables, on fixture pages in reports/ and in reports/years/ ---------------------------------


def linked_frame(n: int = 120) -> pd.DataFrame:
    """Figures of three articles, one of whose values is hostile text."""
    frame = pd.DataFrame(
        {
            "year": [2017 + i % 5 for i in range(n)],
            "value": [str(i) for i in range(n)],
            "article_id": [f"0f694cbe-{i % 3}" for i in range(n)],
            "indicator_id": [f"0f694cbe-{i % 3}:{i}" for i in range(n)],
        }
    )
    frame.loc[7, "value"] = '</script><img src=x onerror=window.__pwned=1>"7'
    return frame


@pytest.fixture(scope="module")
def linked_site(tmp_path_factory):
    """A reports/ folder: article pages with every figure's anchor, and the same table at the top and in years/."""
    root = tmp_path_factory.mktemp("site")
    (root / "articles").mkdir()
    (root / "years").mkdir()
    frame = linked_frame()
    for aid, rows in frame.groupby("article_id"):
        marks = "".join(f'<p><mark id="{i}">{i}</mark></p>' for i in rows["indicator_id"])
        (root / "articles" / f"{aid}.html").write_text(
            f"<!DOCTYPE html><html><body>高新区{marks}</body></html>", "utf-8"
        )
    table = html_table(frame, caption="Linked", table_id="fx", search=True)
    report_page(root / "top.html", table)
    report_page(root / "years" / "2019.html", table, home="../index.html")
    return root


def value_links(page) -> list[tuple[str, str]]:
    return page.eval_on_selector_all(
        "#fx tbody td:nth-child(2) a", "els => els.map(a => [a.textContent, a.getAttribute('href')])"
    )


@pytest.mark.parametrize("name, base", [("top.html", ""), ("years/2019.html", "../")])
def test_a_paged_table_links_every_row_on_every_page_from_any_folder(browser, linked_site, name, base):
    page, errors, _ = visit(browser, linked_site / name)
    assert not errors, errors
    expected = sort_rows(linked_frame(), "year")
    want = [
        [v, f"{base}articles/{a}.html#{i}"]
        for v, a, i in zip(expected["value"], expected["article_id"], expected["indicator_id"])
    ]
    seen = value_links(page)
    page.click("#fx-tools button[data-page=next]")
    seen += value_links(page)
    page.click("#fx-tools button[data-page=next]")
    seen += value_links(page)
    assert seen == want, "each value links to its own figure, built by the script from the page and the anchor"
    search(page, "onerror")
    ((text, href),) = value_links(page)
    assert text == linked_frame().loc[7, "value"] and page.evaluate("window.__pwned") is None, "text stays text"
    page.click("#fx tbody td:nth-child(2) a")
    page.wait_for_load_state("load")
    assert page.url == (linked_site / "articles" / "0f694cbe-1.html").resolve().as_uri() + "#0f694cbe-1:7"
    assert page.evaluate("() => document.querySelector(':target').id") == "0f694cbe-1:7"
    page.close()


def test_without_javascript_a_year_reviews_first_page_links_one_folder_up(browser, linked_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((linked_site / "years" / "2019.html").resolve().as_uri())
    first = value_links(page)
    assert len(first) == 50 and all(href.startswith("../articles/0f694cbe-") for _, href in first)
    page.click("#fx tbody td:nth-child(2) a")
    page.wait_for_load_state("load")
    assert page.evaluate("() => document.querySelector(':target') !== null")
    context.close()
