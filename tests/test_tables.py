import json
import re

import pandas as pd
import pytest

from helpers.report.tables import PAGE_ROWS, date_column, html_table, id_article, slug, sort_rows, table_links

HOSTILE = [
    "</script><script>alert(1)</script>",
    '<img src=x onerror="alert(2)">',
    "<!-- <script>",
    'A & B\'s "quote" </SCRIPT >',
    "line\u2028separator\u2029",
]


def data_of(out: str) -> dict:
    """The JSON a paged table carries, as the browser's JSON.parse reads it."""
    found = re.findall(r'<script type="application/json" id="([^"]+)-data">(.*?)</script>', out, re.S)
    assert len(found) == 1, "one data block per paged table"
    return json.loads(found[0][1])


def ledger(n: int) -> pd.DataFrame:
    """A ledger-like table of n rows, newest first, so the default sort has something to do."""
    return pd.DataFrame(
        {
            "year": [2025 - i % 12 for i in range(n)],
            "kind": ["achieved", "target", "plan"] * (n // 3) + ["achieved"] * (n % 3),
            "value": [float(i % 7) * 10.5 for i in range(n)],
            "sentence": [f"高新区第{i}句，新增企业{i}家。" + "文字" * 20 for i in range(n)],
        }
    )


# --- escaping --------------------------------------------------------------------------------


def test_corpus_text_is_escaped_never_markup():
    frame = pd.DataFrame({"sentence": ["<script>alert(1)</script>", '<img src=x onerror="alert(2)">'], "hits": [1, 2]})
    out = html_table(frame, caption="<b>caption</b>", table_id="t", search=True, filters=("sentence",))
    assert "<script>alert" not in out and "<img src=x" not in out and "<b>caption" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert 'option value="&lt;img src=x onerror=&quot;alert(2)&quot;&gt;"' in out


@pytest.mark.parametrize("text", HOSTILE)
def test_the_json_of_a_paged_table_cannot_leave_its_script_element(text):
    frame = pd.DataFrame({"sentence": [text] + [f"row {i}" for i in range(PAGE_ROWS + 5)]})
    out = html_table(frame, caption="hostile", csv="data/x.csv")
    block = re.search(r'<script type="application/json"[^>]*>(.*?)</script>', out, re.S).group(1)
    assert "<" not in block and ">" not in block and "&" not in block, "no markup character inside the script"
    assert "\u2028" not in block and "\u2029" not in block
    assert data_of(out)["strings"][0] == text, "the browser reads back exactly the corpus text"
    assert out.count("<script") == 1 and out.count("</script>") == 1


def test_hostile_text_in_the_first_page_is_escaped_html():
    frame = pd.DataFrame({"sentence": HOSTILE * 20})
    out = html_table(frame)
    first = out.split("<tbody>")[1].split("</tbody>")[0]
    assert "<script" not in first and "<img" not in first and "<!--" not in first
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in first


# --- plain and paged ---------------------------------------------------------------------------


def test_a_short_table_stays_plain_html():
    out = html_table(ledger(PAGE_ROWS), caption="short")
    assert "<script" not in out and "paged-table" not in out
    assert out.count("<tr>") == PAGE_ROWS + 1  # header and rows


def test_a_long_table_is_paged_the_first_page_as_html_and_every_row_as_json():
    frame = ledger(137)
    out = html_table(frame, caption="Every figure", table_id="ledger", csv="data/indicators.csv")
    body = out.split("<tbody>")[1].split("</tbody>")[0]
    assert body.count("<tr>") == PAGE_ROWS, "the first page, rendered for readers without JavaScript"
    data = data_of(out)
    assert data["columns"] == ["year", "kind", "value", "sentence"]
    assert data["classes"] == ["num", "", "num", "long"]
    cells = [[data["strings"][k] for k in row] for row in data["rows"]]
    expected = sort_rows(frame, "year")
    assert len(cells) == 137
    assert [r[0] for r in cells] == [str(y) for y in expected["year"]]
    assert [r[3] for r in cells] == list(expected["sentence"])
    assert len(data["strings"]) == len({s for r in cells for s in r}), "each distinct text written once"
    assert 'id="ledger-tools" hidden' in out and 'data-paged="50"' in out
    assert '<span class="count" aria-live="polite">rows 1–50 of 137</span>' in out
    assert (
        '<p class="table-nojs">The first 50 of 137 rows are shown; the whole table is in '
        '<a href="data/indicators.csv">indicators.csv</a>.</p>'
    ) in out


def test_a_long_table_without_a_csv_says_how_to_see_every_row():
    out = html_table(ledger(60))
    assert "The first 50 of 60 rows are shown; open this report in a browser with JavaScript on" in out


def test_a_short_table_with_search_is_paged_without_the_no_script_note():
    out = html_table(ledger(5), table_id="small", search=True)
    assert data_of(out)["rows"] and "table-nojs" not in out and "table-pager-bottom" not in out


def test_a_long_table_gets_an_id_from_its_content():
    one, two = html_table(ledger(60), caption="a"), html_table(ledger(61), caption="a")
    ids = [re.search(r'data-table="([^"]+)"', o).group(1) for o in (one, two)]
    assert ids[0] != ids[1] and all(re.fullmatch(r"table-[0-9a-f]{12}", i) for i in ids)


@pytest.mark.parametrize("n", [3, 60, 1000])
def test_the_same_table_gives_the_same_bytes(n):
    frame = ledger(n)
    assert html_table(frame, caption="c", csv="data/x.csv", filters=("kind",)) == html_table(
        frame.copy(), caption="c", csv="data/x.csv", filters=("kind",)
    )


def test_the_json_is_compact_with_keys_in_a_fixed_order():
    out = html_table(ledger(60))
    block = re.search(r'<script type="application/json"[^>]*>(.*?)</script>', out, re.S).group(1)
    assert block.startswith('{"columns":["year","kind","value","sentence"],"classes":')
    assert list(data_of(out)) == ["columns", "classes", "lines", "sort", "strings", "rows"]
    assert ", " not in block.split('"strings"')[0] and ": " not in block.split('"strings"')[0]


# --- sorting ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "columns, expected",
    [
        (["article_id", "date", "title"], "date"),
        (["status", "target_date", "outcome_date"], "target_date"),
        (["year", "kind", "sentence"], "year"),
        (["date", "year"], "date"),
        (["theme", "hits"], None),
    ],
)
def test_the_date_column_sorts_by_default(columns, expected):
    assert date_column(pd.DataFrame(columns=columns)) == expected


def test_rows_sort_by_date_oldest_first_blanks_last_ties_in_order():
    frame = pd.DataFrame(
        {"date": ["2021-11-05", "", "2017", "2019-12-03", "2017-10-23", "2017"], "n": [1, 2, 3, 4, 5, 6]}
    )
    out = html_table(frame, caption="dates")
    dates = re.findall(r'<td class="nowrap">([^<]*)</td>', out)
    assert dates == ["2017", "2017", "2017-10-23", "2019-12-03", "2021-11-05", ""]
    assert re.findall(r'<td class="num">(\d)</td>', out) == ["3", "6", "5", "4", "1", "2"]
    assert '<th class="nowrap" data-column="0" aria-sort="ascending">date</th>' in out


def test_sort_none_keeps_the_frames_order():
    frame = pd.DataFrame({"year": [2021, 2017, 2019]})
    assert re.findall(r">(\d{4})<", html_table(frame, sort=None)) == ["2021", "2017", "2019"]
    assert re.findall(r">(\d{4})<", html_table(frame)) == ["2017", "2019", "2021"]


def test_numbers_sort_by_value_with_missing_last():
    frame = pd.DataFrame({"value": [10.0, None, 9.0, 100.0]})
    assert re.findall(r'<td class="num">([^<]*)</td>', html_table(frame, sort="value")) == ["9", "10", "100", ""]


# --- cells, filters, layout ---------------------------------------------------------------------


def test_numbers_are_right_aligned_and_formatted():
    out = html_table(pd.DataFrame({"year": [2019], "value": [61.7], "big": [3101000000.0]}))
    assert '<td class="num">2019</td>' in out
    assert '<td class="num">61.7</td>' in out and '<td class="num">3,101,000,000</td>' in out


def test_filters_list_each_distinct_value_once_and_name_the_column():
    out = html_table(pd.DataFrame({"kind": ["target", "achieved", "target"]}), table_id="ledger", filters=("kind",))
    assert out.count('<option value="target">') == 1 and 'data-column="0"' in out
    assert 'id="ledger-tools"' in out and 'data-table="ledger"' in out


def test_filter_options_sort_numbers_by_value_and_name_blanks():
    frame = pd.DataFrame({"year": [2019, 9, 2019, 10], "period": ["", "2019", "", "2020"]})
    out = html_table(frame, table_id="t", filters=("year", "period"))
    assert re.findall(r'<option value="(\d+)">', out.split('data-column="1"')[0]) == ["9", "10", "2019"]
    assert '<option value="">(blank)</option>' in out


def test_long_texts_of_a_wide_table_go_on_a_line_of_their_own():
    frame = pd.DataFrame({c: ["x"] for c in "abcdefg"} | {"sentence": ["高新区" * 20]})
    out = html_table(frame)
    assert '<table class="data wide">' in out
    assert '<tr class="line"><th class="long" colspan="7" data-column="7">sentence</th></tr>' in out
    assert f'<tr class="line"><td class="long" colspan="7">{"高新区" * 20}</td></tr>' in out
    narrow = html_table(frame[["a", "sentence"]])
    assert "wide" not in narrow and '<td class="long">' in narrow


def test_column_names_may_break_after_an_underscore():
    assert "<th>unit_<wbr>family</th>" in html_table(pd.DataFrame({"unit_family": ["money"]})).replace(
        ' data-column="0"', ""
    )


def test_csv_link():
    assert '<a href="data/articles.csv">articles.csv</a>' in html_table(
        pd.DataFrame({"a": [1]}), csv="data/articles.csv"
    )


# --- links to the article pages -------------------------------------------------------------------

# Real ids of the corpus: the 2019 ranking (第一), a figure shared by a list (its third measure), a formula, an entity.
FIGURES = pd.DataFrame(
    {
        "year": [2019, 2021],
        "indicator": ["全市开发区主导产业发展专题推进会议综合评比名次", "四大产业营业收入占全市比重"],
        "value": ["第一", "57.9"],
        "article_id": ["b804821d-0", "0f694cbe-0"],
        "indicator_id": ["b804821d-0:45", "0f694cbe-0:535:2"],
    }
)


def hrefs(out: str) -> list[tuple[str, str]]:
    """The links of a table's HTML: (href, text), in order."""
    return re.findall(r'<a href="([^"]*)">([^<]*)</a>', out)


@pytest.mark.parametrize(
    "figure_id, article",
    [
        ("b804821d-0:199", "b804821d-0"),
        ("0f694cbe-0:535:2", "0f694cbe-0"),  # a figure shared by several measures
        ("19188e80-0:12:3", "19188e80-0"),
        ("b804821d-0", ""),  # an article id is no figure id
        ("b804821d-0:x", ""),
        ("a:1:2:3", ""),
        ("", ""),
        (None, ""),
    ],
)
def test_a_figures_article_is_its_id_before_the_offset(figure_id, article):
    assert id_article(figure_id) == article


def test_a_figure_links_its_value_to_its_anchor_and_the_article_id_to_its_page():
    assert hrefs(html_table(FIGURES)) == [
        ("articles/b804821d-0.html#b804821d-0:45", "第一"),
        ("articles/b804821d-0.html", "b804821d-0"),
        ("articles/0f694cbe-0.html#0f694cbe-0:535:2", "57.9"),
        ("articles/0f694cbe-0.html", "0f694cbe-0"),
    ]


def test_without_a_value_column_the_id_itself_links_and_without_article_id_the_id_names_the_page():
    out = html_table(FIGURES[["year", "indicator", "indicator_id"]])
    assert hrefs(out) == [
        ("articles/b804821d-0.html#b804821d-0:45", "b804821d-0:45"),
        ("articles/0f694cbe-0.html#0f694cbe-0:535:2", "0f694cbe-0:535:2"),
    ]
    assert '<td class="nowrap"><a href=' in out, "figure ids do not wrap"


def test_a_repeat_links_to_the_figure_it_repeats():
    frame = FIGURES.assign(restates=["", "b804821d-0:351"])
    assert ("articles/b804821d-0.html#b804821d-0:351", "b804821d-0:351") in hrefs(html_table(frame))
    assert len(hrefs(html_table(frame))) == 5, "a blank restates has no link"


def test_targets_and_outcomes_link_each_value_to_its_own_figure():
    promises = pd.DataFrame(
        {
            "status": ["met", "no later report"],
            "indicator": ["高新技术企业数量", "山推销售收入"],
            "target_id": ["19188e80-0:700", "b804821d-0:923"],
            "target_value": ["175", "倍增"],
            "outcome_id": ["0f694cbe-0:88:2", ""],
            "outcome_value": ["180", ""],
        }
    )
    assert hrefs(html_table(promises, sort=None)) == [
        ("articles/19188e80-0.html#19188e80-0:700", "175"),
        ("articles/0f694cbe-0.html#0f694cbe-0:88:2", "180"),
        ("articles/b804821d-0.html#b804821d-0:923", "倍增"),
    ]
    explicit = promises.assign(target_article_id=["abff64df-0", "b804821d-0"], outcome_article_id=["8d9cce48-0", ""])
    links = table_links(explicit)
    assert links["target_value"][0] == ("articles/abff64df-0.html", "19188e80-0:700"), "an explicit article wins"
    assert links["outcome_value"] == [("articles/8d9cce48-0.html", "0f694cbe-0:88:2"), None]
    assert links["target_article_id"][0] == ("articles/abff64df-0.html", "")
    ids_only = promises.drop(columns=["target_value", "outcome_value"])
    assert table_links(ids_only)["target_id"][1] == ("articles/b804821d-0.html", "b804821d-0:923")


@pytest.mark.parametrize(
    "frame, column, anchors",
    [
        (  # formula mentions: formula and canonical columns say what they are
            pd.DataFrame({"formula": ["三廊七大片区"], "canonical": ["三廊七大片区"], "kind": ["formula"]}),
            "formula",
            ["f-62"],
        ),
        (  # a formula of another kind (n_in_a_row) is still a formula: its table has a canonical column
            pd.DataFrame({"formula": ["两连冠"], "canonical": ["两连冠"], "kind": ["n_in_a_row"]}),
            "formula",
            ["f-62"],
        ),
        (  # a formula's lifespan, with its first mention: the canonical name links
            pd.DataFrame({"canonical": ["一区十园"], "kind": ["n_areas"], "first_date": ["2017"]}),
            "canonical",
            ["f-62"],
        ),
        (  # entity mentions: the entity column; their type is park, company…
            pd.DataFrame({"entity": ["国家检测检验示范区"], "type": ["park"]}),
            "entity",
            ["e-62"],
        ),
        (  # a mixed table says per row
            pd.DataFrame({"what": ["一区十园", "山推"], "kind": ["formula", "entity"]}),
            "what",
            ["f-62", "e-62"],
        ),
        (  # a theme sentence has a start but no anchor of its own: the page
            pd.DataFrame({"sentence": ["坚持以新发展理念引领新常态"], "theme_zh": ["创新"]}),
            "sentence",
            [""],
        ),
    ],
)
def test_a_mention_links_its_text_to_its_place(frame, column, anchors):
    frame = frame.assign(article_id="19188e80-0", start=62)
    assert table_links(frame)[column] == [("articles/19188e80-0.html", a) for a in anchors]


def test_an_offset_is_an_integer_however_the_frame_types_it_and_a_blank_one_gives_the_page():
    frame = pd.DataFrame(
        {
            "formula": ["a", "b", "c"],
            "canonical": ["a", "b", "c"],
            "article_id": ["x-0"] * 3,
            "start": [1330.0, None, 7],
        }
    )
    assert [link[1] for link in table_links(frame)["formula"]] == ["f-1330", "", "f-7"]


def test_an_explicit_anchor_column_decides_timeline_events():
    events = pd.DataFrame(
        {
            "kind": ["article", "ranking", "formula"],
            "what": ["济宁高新区获第一名", "综合评比名次 第一", "一区十园"],
            "article_id": ["b804821d-0"] * 3,
            "anchor": ["", "b804821d-0:45", "f-120"],
        }
    )
    assert [a for a, _ in hrefs(html_table(events, sort=None, hide=("anchor",)))[0::2]] == [
        "articles/b804821d-0.html",
        "articles/b804821d-0.html#b804821d-0:45",
        "articles/b804821d-0.html#f-120",
    ]


def test_blank_cells_and_ids_that_name_no_page_have_no_link():
    frame = pd.DataFrame(
        {
            "value": ["1", "", "3"],
            "article_id": ["b804821d-0", "b804821d-0", "../../etc/passwd"],
            "indicator_id": ["b804821d-0:1", "b804821d-0:2", "x:3"],
        }
    )
    links = table_links(frame)
    assert links["value"] == [("articles/b804821d-0.html", "b804821d-0:1"), None, None]
    assert links["article_id"][2] is None
    assert table_links(pd.DataFrame({"year": [2019], "hits": [3]})) == {}


def test_link_text_and_hrefs_stay_escaped():
    frame = pd.DataFrame(
        {
            "value": ['<script>alert(1)</script>"'],
            "article_id": ["b804821d-0"],
            "indicator_id": ['b804821d-0:1"><script>alert(2)</script>'],
        }
    )
    out = html_table(frame)
    assert "<script" not in out
    assert '<a href="articles/b804821d-0.html#b804821d-0:1%22%3E%3Cscript%3Ealert(2)%3C/script%3E">' in out
    assert ">&lt;script&gt;alert(1)&lt;/script&gt;&quot;</a>" in out


def test_hidden_columns_serve_the_links_and_are_not_shown():
    out = html_table(FIGURES, hide=("indicator_id", "article_id"))
    assert "indicator_<wbr>id" not in out and "article_<wbr>id" not in out and "b804821d-0:45<" not in out
    assert hrefs(out) == [
        ("articles/b804821d-0.html#b804821d-0:45", "第一"),
        ("articles/0f694cbe-0.html#0f694cbe-0:535:2", "57.9"),
    ]


def test_a_paged_table_carries_each_link_as_a_page_and_an_anchor():
    n = PAGE_ROWS + 10
    frame = pd.DataFrame(
        {
            "year": [2021 - i % 5 for i in range(n)],
            "value": [str(i) for i in range(n)],
            "article_id": [f"0f694cbe-{i % 3}" for i in range(n)],
            "indicator_id": [f"0f694cbe-{i % 3}:{i}" for i in range(n)],
            "sentence": [f"<b>句{i}</b>" for i in range(n)],
        }
    )
    out = html_table(frame, table_id="ledger")
    data = data_of(out)
    assert list(data) == ["columns", "classes", "lines", "sort", "strings", "rows", "links"]
    strings = data["strings"]
    expected = sort_rows(frame, "year")
    (value, pages, anchors), (aid, aid_pages, aid_anchors) = data["links"]
    assert (value, aid) == (1, 2)
    assert [strings[p] for p in pages] == [f"articles/{a}.html" for a in expected["article_id"]]
    assert [strings[a] for a in anchors] == list(expected["indicator_id"])
    assert aid_pages == pages and set(aid_anchors) == {-1}
    assert len(strings) == len(set(strings)), "pages and anchors share the strings: each written once"
    first = out.split("<tbody>")[1].split("</tbody>")[0]
    assert first.count("<a href=") == 2 * PAGE_ROWS, "the first page, for readers without JavaScript, links too"
    assert "&lt;b&gt;句" in first and "<b>" not in first


def test_slug():
    assert slug("Targets vs outcomes 2021") == "targets-vs-outcomes-2021"
