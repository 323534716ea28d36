"""The published reports as a reader sees them, in headless Chromium (Debian's package).

Skipped, with the reason, where Chromium is not installed; `.ci/run` installs it.
"""

import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest

from helpers import paths
from helpers.build.pipeline import build

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (apt-get install chromium); .ci/run installs it"
)
PAGES = sorted(p.relative_to(paths.REPORTS).as_posix() for p in paths.REPORTS.rglob("*.html"))


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
    page, errors, requests = visit(browser, paths.REPORTS / name)
    assert not errors, errors
    outside = [u for u in requests if urlparse(u).scheme not in ("file", "data")]
    assert not outside, f"requests outside file://: {outside}"
    assert "高新区" in page.inner_text("body")
    images = page.eval_on_selector_all("img", "els => els.map(e => e.complete && e.naturalWidth > 0)")
    assert all(images), "every figure must load"
    for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))"):
        target, _, anchor = href.partition("#")
        if target:
            assert (paths.REPORTS / name).parent.joinpath(target).resolve().exists(), f"{name} links to missing {href}"
        elif anchor:
            assert page.evaluate("id => document.getElementById(id) !== null", anchor), (
                f"{name} links to missing anchor #{anchor}"
            )
    page.close()


def test_the_index_links_every_report(browser):
    page, _, _ = visit(browser, paths.REPORTS / "index.html")
    links = set(page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))"))
    assert set(PAGES) - {"index.html"} <= links
    page.close()


def test_the_ledger_search_and_filters_work(browser):
    page, _, _ = visit(browser, paths.REPORTS / "03_indicators.html")
    total = page.locator("#ledger tbody tr").count()
    page.fill("#ledger-tools input[type=search]", "高新技术企业")
    shown = page.locator("#ledger tbody tr:not([hidden])").count()
    assert 0 < shown < total
    assert page.inner_text("#ledger-tools .count") == f"{shown} / {total}"
    page.fill("#ledger-tools input[type=search]", "")
    page.select_option("#ledger-tools select[data-column='1']", "target")
    kinds = set(
        page.eval_on_selector_all(
            "#ledger tbody tr:not([hidden]) td:nth-child(2)", "els => els.map(e => e.textContent)"
        )
    )
    assert kinds == {"target"}
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
