import re

import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from helpers.hashing import fingerprint
from helpers.report.render import (
    LISTED_RAW_FILES,
    clean_notebook,
    link_base,
    notebook_body,
    page,
    relink,
    summarised_inputs,
    table_of_contents,
)
from helpers.report.tables import html_table

RECORD = {
    "parameters": {"year": "2021"},
    "inputs": {"data/raw/a.txt": "ab12", "data/lexicon/themes.yml": "cd34"},
    "packages": {"pandas": "3.1.1"},
}


def notebook():
    nb = new_notebook(
        cells=[
            new_markdown_cell("# Title\n\n## Load the raw data\n\ntext"),
            new_code_cell(
                "secret_code = 1",
                outputs=[
                    new_output("stream", name="stdout", text="shown\n"),
                    new_output("stream", name="stderr", text="a warning\n"),
                ],
            ),
            new_markdown_cell("### A detail"),
        ]
    )
    nb.cells[1].metadata["papermill"] = {"start_time": "2026-11-21T12:00:00"}
    nb.metadata["papermill"] = {"start_time": "2026-11-21T12:00:00"}
    return nb


def test_clean_notebook_drops_what_varies_between_runs():
    nb = clean_notebook(notebook())
    assert [c["id"] for c in nb.cells] == ["cell-0", "cell-1", "cell-2"]
    assert "papermill" not in nb.metadata and "papermill" not in nb.cells[1].metadata
    assert [o["name"] for o in nb.cells[1].outputs] == ["stdout"]


def test_code_is_hidden_and_outputs_shown():
    body = notebook_body(clean_notebook(notebook()))
    assert "secret_code" not in body and "shown" in body


def test_page_is_self_contained_with_contents_and_run_record():
    html = page("Report", notebook_body(clean_notebook(notebook())), RECORD)
    assert not re.search(r'(src|href)="(https?:)?//', html), "no external resources"
    assert "require.js" not in html and "mathjax" not in html.lower()
    toc = re.search(r'<nav class="toc".*?</nav>', html, re.S).group(0)
    assert 'href="#Load-the-raw-data"' in toc and "A detail" in toc and 'href="#Run-record"' in toc
    assert "<code>cd34</code>" in html and "<code>3.1.1</code>" in html
    assert "<th>data/raw/a.txt</th>" in html  # a few raw files are listed one by one


def test_many_raw_files_stand_in_for_one_fingerprint():
    many = {f"data/raw/{n:03}.txt": f"{n:064x}" for n in range(LISTED_RAW_FILES + 1)}
    shown = summarised_inputs({**many, "data/lexicon/themes.yml": "ab"})
    assert list(shown) == [
        f"data/raw/ ({LISTED_RAW_FILES + 1} files; each file's sha256 in data/articles.csv)",
        "data/lexicon/themes.yml",
    ]
    assert summarised_inputs(dict(list(many.items())[:LISTED_RAW_FILES])) == dict(list(many.items())[:LISTED_RAW_FILES])


def test_table_of_contents_escapes_heading_text():
    toc = table_of_contents('<h2 id="x">a &lt;b&gt;<a class="anchor-link" href="#x">¶</a></h2>')
    assert "a &lt;b&gt;" in toc


def test_stdout_split_into_chunks_renders_as_one_block():
    nb = new_notebook(
        cells=[
            new_code_cell(
                "print('145 figures')",
                outputs=[
                    new_output("stream", name="stdout", text="145 figures from 6 articles"),
                    new_output("stream", name="stdout", text="\n"),
                ],
            )
        ]
    )
    whole = new_notebook(
        cells=[
            new_code_cell(
                "print('145 figures')",
                outputs=[new_output("stream", name="stdout", text="145 figures from 6 articles\n")],
            )
        ]
    )
    assert notebook_body(clean_notebook(nb)) == notebook_body(clean_notebook(whole))


def test_raw_files_stand_in_the_record_as_one_fingerprint_however_many():
    inputs = {f"data/raw/{n:04d}.txt": f"{n:064x}" for n in range(1500)} | {"data/corpus.csv": "ef56"}
    shown = summarised_inputs(inputs)
    assert len(shown) == 2 and shown["data/corpus.csv"] == "ef56"
    (raw_key,) = [k for k in shown if k.startswith("data/raw/")]
    assert (
        "1500 files" in raw_key
        and shown[raw_key]
        == f"fingerprint {fingerprint({k: v for k, v in inputs.items() if k.startswith('data/raw/')})}"
    )


# --- links to the article pages, from reports/ and from reports/years/ ------------------------------


@pytest.mark.parametrize(
    "home, base",
    [("index.html", ""), ("../index.html", "../"), ("../../index.html", "../../")],
)
def test_the_link_base_is_the_way_back_to_reports(home, base):
    assert link_base(home) == base


def linked_body() -> str:
    """A notebook body holding a linked table, a link already written for years/, a CSV link and hostile text."""
    table = html_table(
        pd.DataFrame(
            {
                "value": ["第一"],
                "article_id": ["b804821d-0"],
                "indicator_id": ["b804821d-0:45"],
                "sentence": ['<a href="articles/evil.html">href="articles/x</a>'],
            }
        )
    )
    brief = '<p class="brief"><a href="../articles/b804821d-0.html#b804821d-0:45">ranked first</a></p>'
    cell = new_code_cell("show_table(x)", outputs=[new_output("display_data", data={"text/html": table + brief})])
    return notebook_body(new_notebook(cells=[cell]))


def test_a_report_in_reports_keeps_its_links_as_the_tables_wrote_them():
    html = page("2019", linked_body(), RECORD)
    assert "<body>\n" in html and "<body data-link-base=" not in html
    assert 'href="articles/b804821d-0.html#b804821d-0:45"' in html


def test_a_year_review_reaches_the_article_pages_one_folder_up():
    html = page("2019 in review", linked_body(), RECORD, home="../index.html")
    assert '<body data-link-base="../">' in html, "the paged tables' script builds its links from here"
    assert 'href="../articles/b804821d-0.html#b804821d-0:45">第一</a>' in html
    assert 'href="../articles/b804821d-0.html">b804821d-0</a>' in html
    assert not re.search(r'<a [^>]*href="articles/', html)
    assert 'href="../articles/b804821d-0.html#b804821d-0:45">ranked first' in html, "a link written for years/ stays"
    assert "../../articles" not in html
    # nbconvert writes the cell's quotes back bare: text that reads like a link stays text, unchanged
    assert '&lt;a href="articles/evil.html"&gt;href="articles/x&lt;/a&gt;' in html
    assert '<a href="../index.html">' in html


def test_relinking_touches_only_links_to_articles():
    body = (
        '<a href="articles/a-0.html">a</a> <a href="data/x.csv">x</a> <a href="#articles/">#</a> <p>href="articles/</p>'
    )
    assert relink(body, "../") == (
        '<a href="../articles/a-0.html">a</a> <a href="data/x.csv">x</a> <a href="#articles/">#</a> <p>href="articles/</p>'
    )
    assert relink(body, "") == body
