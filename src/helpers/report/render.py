"""Render an executed notebook as one self-contained, offline HTML report.

nbconvert's default templates load require.js and MathJax from a CDN; we
use its ``basic`` template for the cell bodies (code hidden) and wrap them
in our own page: inline CSS and JS, a table of contents, and a run record.
"""

from __future__ import annotations

import html
import posixpath
import re
from importlib import resources

from helpers.hashing import fingerprint

_HEADING = re.compile(r'<h([23]) id="([^"]+)">(.*?)<a class="anchor-link"', re.S)
_TAG = re.compile(r"<[^>]+>")
# Tables link to article pages relative to reports/ (helpers.report.tables). Only an <a> tag's href is
# rewritten: nbconvert re-serialises HTML outputs, so a cell's text may hold a bare '"' (href="articles/…
# as corpus text) but never a bare '<', and a quoted attribute value never ends early.
_ARTICLES_HREF = re.compile(r"""(<a\b(?:[^>"']|"[^"]*"|'[^']*')*?\shref=["'])(?=articles/)""", re.I)


def clean_notebook(nb):
    """Strip what varies from run to run: cell ids, timings, papermill metadata, stderr, stream chunking.

    papermill gives its injected cell a random id and stamps start and end
    times; the same inputs must give the same report bytes, so those go.
    """
    import nbformat  # slow to import; the index and no-change rebuilds never need it

    nb = nbformat.from_dict(nb)
    nb.metadata.pop("papermill", None)
    for index, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{index}"
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            cell.outputs = _merge_streams(
                [o for o in cell.outputs if not (o.output_type == "stream" and o.name == "stderr")]
            )
    return nb


def _merge_streams(outputs: list) -> list:
    r"""Join consecutive stdout chunks into one output.

    The kernel flushes stdout on a timer, so under load one ``print`` can
    arrive as two outputs ("text" then "\\n"); joined, the page is the same
    whatever the machine's load.
    """
    merged = []
    for out in outputs:
        if (
            merged
            and out.output_type == "stream"
            and merged[-1].output_type == "stream"
            and merged[-1].name == out.name
        ):
            merged[-1].text += out.text
        else:
            merged.append(out)
    return merged


def notebook_body(nb) -> str:
    """Return the cells' HTML with code hidden (nbconvert's ``basic`` template)."""
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    config = Config()
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_cell_tags = ("remove_cell",)
    config.TagRemovePreprocessor.remove_all_outputs_tags = ("parameters", "injected-parameters", "remove_output")
    exporter = HTMLExporter(
        template_name="basic", config=config, exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True
    )
    body, _ = exporter.from_notebook_node(nb)
    return body


def table_of_contents(body: str) -> str:
    """Build a table of contents from the body's h2 and h3 headings."""
    items = []
    for level, anchor, inner in _HEADING.findall(body):
        text = html.unescape(_TAG.sub("", inner)).strip()
        items.append(f'<li class="h{level}"><a href="#{html.escape(anchor)}">{html.escape(text)}</a></li>')
    return '<nav class="toc" aria-label="contents"><h2>Contents</h2><ol>' + "".join(items) + "</ol></nav>"


LISTED_RAW_FILES = 20  # up to this many raw files are listed one by one in a run record


def summarised_inputs(inputs: dict[str, str]) -> dict[str, str]:
    """Stand the raw files in for one fingerprint, so the record stays short however large the corpus.

    Up to :data:`LISTED_RAW_FILES` files are listed one by one.

    Each raw file's own sha256 is published in ``data/articles.csv``; the
    fingerprint is the hash of the whole list (file name and sha256 of every file).
    """
    raw = {k: v for k, v in inputs.items() if k.startswith("data/raw/")}
    rest = {k: v for k, v in inputs.items() if not k.startswith("data/raw/")}
    if len(raw) <= LISTED_RAW_FILES:
        return inputs
    key = f"data/raw/ ({len(raw)} file{'s' if len(raw) != 1 else ''}; each file's sha256 in data/articles.csv)"
    return {key: f"fingerprint {fingerprint(raw)}", **rest}


def run_record_html(record: dict) -> str:
    """Render the run record: parameters, sha256 of inputs, package versions."""
    esc = html.escape

    def rows(mapping: dict) -> str:
        return "".join(
            f"<tr><th>{esc(str(k))}</th><td><code>{esc(str(v))}</code></td></tr>" for k, v in mapping.items()
        )

    return (
        '<section class="run-record" id="run-record"><h2 id="Run-record">Run record<a class="anchor-link" href="#Run-record">¶</a></h2>'
        "<p>What this report was built from. The same inputs and packages give the same bytes.</p>"
        "<details><summary>Parameters, inputs (sha256) and package versions</summary>"
        f'<h3>Parameters</h3><table class="data">{rows(record["parameters"])}</table>'
        f'<h3>Inputs (sha256)</h3><table class="data">{rows(summarised_inputs(record["inputs"]))}</table>'
        f'<h3>Packages</h3><table class="data">{rows(record["packages"])}</table>'
        "</details></section>"
    )


def stylesheet() -> str:
    """Return the house stylesheet, inlined into every page."""
    return resources.files("helpers.report").joinpath("templates/report.css").read_text("utf-8")


def link_base(home: str) -> str:
    """Return the way from a report to ``reports/``, read from its link home: ``"../"`` for ``../index.html``."""
    folder = posixpath.dirname(home)
    return folder + "/" if folder else ""


def relink(body: str, base: str) -> str:
    """Return ``body`` with its links to article pages (``href="articles/…"``, relative to ``reports/``) under ``base``.

    Links already written for the page's own folder (``../articles/…``) are left as they are.
    """
    return _ARTICLES_HREF.sub(lambda m: m.group(1) + base, body) if base else body


def page(title: str, body: str, record: dict, home: str = "index.html") -> str:
    """Assemble the full HTML page around a notebook body.

    Parameters
    ----------
    title : str
        The page title.
    body : str
        The notebook body from :func:`notebook_body`.
    record : dict
        The run record (keys ``parameters``, ``inputs``, ``packages``).
    home : str
        Relative link to ``index.html``; a report one folder deeper
        (``../index.html``) has its links to ``articles/`` rewritten
        (:func:`relink`), and its ``<body data-link-base="../">`` tells the
        paged tables' script the same.
    """
    base = link_base(home)
    body = relink(body, base)
    css = stylesheet()
    js = resources.files("helpers.report").joinpath("templates/report.js").read_text("utf-8")
    record_html = run_record_html(record)
    toc = table_of_contents(body + record_html)
    esc = html.escape
    body_tag = f'<body data-link-base="{esc(base)}">' if base else "<body>"
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<style>\n{css}</style>\n</head>\n{body_tag}\n"
        f'<div class="layout">{toc}<main>\n'
        f'<header class="masthead"><div class="crumbs"><a href="{esc(home)}">济宁高新区 development narrative</a> › {esc(title)}</div></header>\n'
        f"{body}\n{record_html}\n</main></div>\n<script>\n{js}</script>\n</body>\n</html>\n"
    )
