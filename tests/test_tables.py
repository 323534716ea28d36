import pandas as pd

from helpers.report.tables import html_table, slug


def test_corpus_text_is_escaped_never_markup():
    frame = pd.DataFrame({"sentence": ["<script>alert(1)</script>", '<img src=x onerror="alert(2)">'], "hits": [1, 2]})
    out = html_table(frame, caption="<b>caption</b>", table_id="t", search=True, filters=("sentence",))
    assert "<script>alert" not in out and "<img src=x" not in out and "<b>caption" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert 'option value="&lt;img src=x onerror=&quot;alert(2)&quot;&gt;"' in out


def test_numbers_are_right_aligned_and_formatted():
    out = html_table(pd.DataFrame({"year": [2019], "value": [61.7], "big": [3101000000.0]}))
    assert '<td class="num">2019</td>' in out
    assert '<td class="num">61.7</td>' in out and '<td class="num">3,101,000,000</td>' in out


def test_filters_list_each_distinct_value_once_and_name_the_column():
    out = html_table(pd.DataFrame({"kind": ["target", "achieved", "target"]}), table_id="ledger", filters=("kind",))
    assert out.count('<option value="target">') == 1 and 'data-column="0"' in out
    assert 'id="ledger-tools"' in out and "data-filterable" in out


def test_csv_link():
    assert '<a href="data/articles.csv">articles.csv</a>' in html_table(
        pd.DataFrame({"a": [1]}), csv="data/articles.csv"
    )


def test_slug():
    assert slug("Targets vs outcomes 2021") == "targets-vs-outcomes-2021"
