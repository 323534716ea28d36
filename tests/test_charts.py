import matplotlib.pyplot as plt
import matplotlib.text
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


# --- the recurring series at scale: one label per series and year, nothing overlapping --------


def _many_series(n_series: int = 9, years=range(2014, 2026), per_year: int = 30) -> pd.DataFrame:
    """Points like those of a corpus of hundreds of articles: many reports per year, crowded values."""
    rows = []
    for s in range(n_series):
        base_unit, unit, scale = [("count", "家", 1), ("ratio", "%", 0.01), ("元", "亿元", 1e8)][s % 3]
        for year in years:
            for k in range(per_year):
                kind = ["achieved", "achieved", "target", "plan", "ranking"][k % 5]
                value = [140, 175, 61.7, 197, 202, 310.3, 1381][(k + s + year) % 7] * (1 + s)
                rows.append(
                    {
                        "series": f"s{s}",
                        "series_label": f"系列{s}高新技术企业数量 (series {s}, a long label as in series.yml)",
                        "year": year,
                        "kind": kind,
                        "value": f"{value:g}",
                        "unit": unit,
                        "value_base": value * scale,
                        "base_unit": base_unit,
                    }
                )
    return pd.DataFrame(rows)


def _texts(fig):
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    return [
        (t.get_text(), t.get_window_extent(renderer))
        for t in fig.findobj(matplotlib.text.Text)
        if t.get_text().strip() and t.get_visible()
    ]


def test_the_series_chart_has_no_overlapping_text_with_many_series():
    fig = charts.series_chart(_many_series())
    texts = _texts(fig)
    assert len(texts) > 100
    clashes = [(a, b) for i, (a, box) in enumerate(texts) for b, other in texts[i + 1 :] if box.overlaps(other)]
    assert not clashes, clashes[:5]


def test_the_series_chart_labels_each_series_and_year_at_most_once_beside_its_marker():
    points = _many_series()
    fig = charts.series_chart(points)
    panels = [ax for ax in fig.axes if ax.texts]
    assert len(panels) == 9 and len(fig.axes) == 9, "the empty tenth panel is removed, not hidden"
    labelled = 0
    for ax in fig.axes:
        years = [round(t.xy[0]) for t in ax.texts]
        assert len(years) == len(set(years)), "one label per year"
        labelled += len(years)
        written = set(points["value"] + points["unit"])
        assert {t.get_text() for t in ax.texts} <= written, "labels are figures as written"
    assert labelled >= 9 * 12 * 0.75, "most years keep their label"


def test_the_series_chart_legend_is_outside_the_panels():
    fig = charts.series_chart(_many_series(n_series=4))
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    (legend,) = fig.legends
    box = legend.get_window_extent(renderer)
    assert not any(box.overlaps(ax.get_window_extent(renderer)) for ax in fig.axes)
    assert [t.get_text() for t in legend.get_texts()] == ["achieved", "target", "plan", "ranking"]
    assert not any(ax.get_legend() for ax in fig.axes)


def test_the_label_of_a_year_is_its_most_reported_achievement():
    group = pd.DataFrame(
        {
            "year": [2021, 2021, 2021, 2021, 2019],
            "kind": ["target", "achieved", "achieved", "achieved", "plan"],
            "value": ["175", "140", "140", "150", "197"],
            "unit": ["家", "家", "家", "家", "亿元"],
            "value_base": [175.0, 140.0, 140.0, 150.0, 1.97e10],
        }
    )
    assert charts.year_labels(group) == [
        (2019, [(1.97e10, "197亿元")]),
        (2021, [(140.0, "140家"), (150.0, "150家"), (175.0, "175家")]),
    ]


def test_the_series_chart_gives_the_same_bytes_twice():
    points = _many_series(n_series=3, per_year=10)
    assert charts.png_bytes(charts.series_chart(points)) == charts.png_bytes(charts.series_chart(points))
