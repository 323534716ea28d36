import matplotlib.pyplot as plt
import pytest

from helpers.errors import MissingGlyphError
from helpers.report import charts


@pytest.fixture(autouse=True)
def style():
    charts.use_cjk_style()
    yield
    plt.close("all")


def test_the_cjk_font_comes_from_a_pinned_dependency():
    path = charts.cjk_font_path()
    assert "site-packages" in path.parts and "mplfonts" in path.parts
    assert charts.use_cjk_style() == "Noto Sans CJK SC"


def test_chinese_labels_render_without_missing_glyphs():
    fig, ax = plt.subplots()
    ax.set_title("济宁高新区 新旧动能转换 一区十园 双招双引 营商环境")
    ax.bar(["高端装备", "医养健康", "新一代信息技术", "新材料"], [58, 79, 17.5, 57.9])
    assert charts.png_bytes(fig).startswith(b"\x89PNG")


def test_a_missing_glyph_fails_the_figure():
    fig, ax = plt.subplots()
    ax.set_title("高新区 \U0001f600")  # the CJK font has no emoji
    with pytest.raises(MissingGlyphError, match="GRINNING FACE"):
        charts.png_bytes(fig)


def test_the_same_figure_gives_the_same_bytes():
    def draw():
        fig, ax = plt.subplots()
        ax.plot([2017, 2018, 2019], [1, 3, 2])
        ax.set_title("高新技术企业")
        return charts.png_bytes(fig)

    assert draw() == draw()


def test_figure_html_escapes_the_alt_text():
    fig, _ = plt.subplots()
    out = charts.figure_html(fig, alt='<script>alert("x")</script>')
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert 'src="data:image/png;base64,' in out


# --- odd corpora: say what cannot be shown, never draw an empty chart ----------

import pandas as pd  # noqa: E402
from corpora import odd_articles  # noqa: E402

from helpers.analysis import formulas, indicators, ledger, targets, themes  # noqa: E402


def _odd_ledger():
    zone = odd_articles()
    return ledger.assign_series(ledger.with_lead(indicators.indicators_table(zone), zone), ledger.load_series())


@pytest.mark.parametrize(
    "draw, reason",
    [
        (
            lambda: charts.theme_change_chart(pd.DataFrame({"theme_zh": ["人才"], "change": [0.0]}), 2018, 2018),
            "one year only (2018): no change to compare",
        ),
        (
            lambda: charts.promises_chart(
                targets.promise_summary(targets.targets_vs_outcomes(_odd_ledger().iloc[:0], odd_articles()))
            ),
            "no targets or plans in the articles about the zone",
        ),
        (
            lambda: charts.lifespan_chart(
                *(lambda m: (formulas.formula_lifespans(m), m))(
                    formulas.formula_table(odd_articles().iloc[2:], formulas.load_formula_rules())
                )
            ),
            "no numbered policy formula named in a dated article about the zone",
        ),
        (
            lambda: charts.theme_share_chart(
                themes.theme_by_year(themes.theme_counts(odd_articles().iloc[1:2], themes.load_themes()))
            ),
            "no theme term in any dated article about the zone: no shares to show",
        ),
        (
            lambda: charts.kinds_chart(ledger.kinds_by_year(_odd_ledger().iloc[:0])),
            "no figures in dated articles about the zone",
        ),
        (lambda: charts.wordcloud_figure({}, "2018 词云 word cloud"), "2018 词云 word cloud: no content words to draw"),
    ],
)
def test_a_chart_with_nothing_to_draw_says_why(draw, reason):
    fig = draw()
    assert isinstance(fig, charts.NoChart) and fig == reason
    assert charts.figure_html(fig, "alt") == f'<p class="no-chart"><strong>Not drawn:</strong> {reason}</p>'


def test_undated_mentions_stay_off_the_lifespan_chart():
    mentions = formulas.formula_table(odd_articles(), formulas.load_formula_rules())
    assert mentions["year"].isna().any()  # 九通一平 in the undated article
    fig = charts.lifespan_chart(formulas.formula_lifespans(mentions), mentions)
    assert not isinstance(fig, charts.NoChart)
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["2019"]
