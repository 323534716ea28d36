import colorsys
import warnings

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from corpora import SEED_MANIFEST, SEED_RAW, odd_articles
from matplotlib.collections import PathCollection
from matplotlib.colors import to_rgba
from matplotlib.container import BarContainer
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from helpers.analysis import entities, formulas, indicators, keyness, ledger, narrative, processed, targets, themes
from helpers.corpus import reader, select
from helpers.errors import MissingGlyphError
from helpers.report import charts


@pytest.fixture(autouse=True)
def style():
    charts.use_cjk_style()
    yield
    plt.close("all")


# --- a reader can read it: the checks every chart function is held to ------------------------------------


def visible_texts(fig) -> list[tuple[str, Bbox]]:
    """Every visible, non-blank text of a drawn figure with its box in pixels (ticks, titles, labels, legends)."""
    renderer = fig.canvas.get_renderer()
    return [
        (t.get_text(), t.get_window_extent(renderer))
        for t in fig.findobj(Text)
        if t.get_visible() and t.get_text().strip() and (t.axes is None or t.axes.get_visible())
    ]


def data_marks(fig) -> list[Bbox]:
    """The boxes, in pixels, of what carries a value: scatter and line markers, and bars."""
    renderer = fig.canvas.get_renderer()
    px = fig.dpi / 72
    marks = []
    for ax in fig.axes:
        for coll in ax.collections:
            if not isinstance(coll, PathCollection) or not len(coll.get_offsets()):
                continue
            sizes = np.broadcast_to(coll.get_sizes(), (len(coll.get_offsets()),))
            for (x, y), s in zip(ax.transData.transform(coll.get_offsets()), sizes):
                r = np.sqrt(s) * px / 2
                marks.append(Bbox.from_extents(x - r, y - r, x + r, y + r))
        for line in ax.lines:
            if line.get_marker() in (None, "", "None", " "):
                continue
            r = line.get_markersize() * px / 2
            for x, y in ax.transData.transform(line.get_xydata()):
                marks.append(Bbox.from_extents(x - r, y - r, x + r, y + r))
        for container in ax.containers:
            if isinstance(container, BarContainer):
                marks += [bar.get_window_extent(renderer) for bar in container if bar.get_height()]
    return marks


def overlapping(boxes: list[Bbox], others: list[Bbox] | None = None, by: float = 1.0) -> list[tuple[int, int]]:
    """Return the index pairs of boxes that overlap (each pair once when ``others`` is None).

    Boxes are shrunk by ``by`` pixels on each side first: text boxes that
    touch are not text that overlaps.
    """
    a = np.array([b.extents for b in boxes]).reshape(-1, 4) + [by, by, -by, -by]
    b = a if others is None else np.array([o.extents for o in others]).reshape(-1, 4)
    hit = (
        (a[:, None, 0] < b[None, :, 2])
        & (b[None, :, 0] < a[:, None, 2])
        & (a[:, None, 1] < b[None, :, 3])
        & (b[None, :, 1] < a[:, None, 3])
    )
    if others is None:
        hit = np.triu(hit, k=1)
    return [tuple(map(int, pair)) for pair in np.argwhere(hit)]


def data_colours(fig) -> set[tuple]:
    """The distinct chromatic colours of bars, markers and lines (greys, white and images left out)."""
    found = []
    for ax in fig.axes:
        for container in ax.containers:
            found += [bar.get_facecolor() for bar in container]
        for coll in ax.collections:
            if isinstance(coll, PathCollection):
                found += list(coll.get_facecolors()) + list(coll.get_edgecolors())
        found += [to_rgba(line.get_color()) for line in ax.lines]
    chromatic = set()
    for r, g, b, a in found:
        if a > 0 and colorsys.rgb_to_hls(r, g, b)[2] > 0.12:  # hls: hue, lightness, saturation
            chromatic.add((round(r, 3), round(g, 3), round(b, 3)))
    return chromatic


def assert_readable(fig, max_colours: int = charts.MAX_COLOURS) -> list[tuple[str, Bbox]]:
    """Render a figure (Agg, through the same PNG path as the reports) and check that a reader can read it.

    - every glyph is in the CJK font (``png_bytes`` fails otherwise);
    - no two visible texts overlap: tick labels, titles, axis labels, annotations, legend texts;
    - no text lies over a marker or a bar, where it could be read as that mark's value;
    - every legend lies outside every axes (outside the data);
    - at most ``max_colours`` chromatic colours carry data.

    Returns the visible texts, for further checks.
    """
    assert not isinstance(fig, charts.NoChart), f"not drawn: {fig}"
    assert charts.png_bytes(fig).startswith(b"\x89PNG")
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    texts = visible_texts(fig)
    boxes = [box for _, box in texts]
    clashes = [(texts[i][0], texts[j][0]) for i, j in overlapping(boxes)]
    assert not clashes, f"{len(clashes)} overlapping texts, e.g. {clashes[:5]}"
    over = sorted({texts[i][0] for i, _ in overlapping(boxes, data_marks(fig))})
    assert not over, f"text over a data marker: {over[:5]}"
    legends = list(fig.legends) + [ax.get_legend() for ax in fig.axes if ax.get_legend()]
    for legend in legends:
        box = legend.get_window_extent(renderer)
        inside = [ax.get_title(loc="left") for ax in fig.axes if box.overlaps(ax.get_window_extent(renderer))]
        assert not inside, f"a legend lies over the data of {inside}"
    colours = data_colours(fig)
    assert len(colours) <= max_colours, f"{len(colours)} colours in one chart: {sorted(colours)}"
    return texts


def _tick_texts(ax) -> list[str]:
    return [t.get_text() for t in ax.get_xticklabels()]


# --- the font ----------------------------------------------------------------------------------------------


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


def test_a_missing_glyph_fails_the_word_cloud():
    with pytest.raises(MissingGlyphError, match="U\\+1F600"):
        charts.wordcloud_figure({"高新区": 3.0, "\U0001f600": 1.0}, "2021")


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


# --- the checks catch what they are for ---------------------------------------------------------------------


def test_the_readability_check_catches_overlapping_labels():
    fig, ax = plt.subplots()
    ax.scatter([2017, 2017], [197, 202])
    ax.set_ylim(0, 1800)  # 197 and 202 a few pixels apart, as on the investment panel
    ax.annotate("197亿元", (2017, 197), xytext=(5, 0), textcoords="offset points")
    ax.annotate("202亿元", (2017, 202), xytext=(5, 0), textcoords="offset points")
    with pytest.raises(AssertionError, match="overlapping texts"):
        assert_readable(fig)


def test_the_readability_check_catches_a_label_over_a_marker_and_a_legend_over_the_data():
    fig, ax = plt.subplots()
    ax.scatter([2019, 2021], [61.7, 100])
    ax.text(2021, 100, "百亿")
    with pytest.raises(AssertionError, match="over a data marker"):
        assert_readable(fig)
    fig, ax = plt.subplots()
    ax.scatter([2019, 2021], [61.7, 100], label="achieved")
    ax.legend(loc="center")
    with pytest.raises(AssertionError, match="legend lies over the data"):
        assert_readable(fig)


def test_the_readability_check_counts_colours():
    fig, ax = plt.subplots()
    for k, colour in enumerate(charts.PALETTE + ["#8b0000"]):
        ax.bar([k], [1], color=colour)
    with pytest.raises(AssertionError, match="7 colours"):
        assert_readable(fig)


# --- every chart function on the real shared tables (the seed corpus: the five published texts) -------------


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """The shared tables the notebooks read, computed from the seed corpus as a build would."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # curation notes: the corpus report's business
        sources = processed.Sources(raw_dir=SEED_RAW, manifest=SEED_MANIFEST)
        return processed.load(sources, cache_dir=tmp_path_factory.mktemp("processed"))


@pytest.fixture(scope="module")
def real(shared):
    """Every chart's input, built as the notebooks build it."""
    articles = shared.articles
    zone = select.zone_articles(articles)
    years = select.zone_years(articles)
    by_year = themes.theme_by_year(shared.rows_of("theme_counts", zone))
    table = shared.rows_of("ledger", zone)
    token_counts = keyness.counts_by_year(shared.tokens, zone)
    promises = targets.targets_vs_outcomes(shared.ledger, articles)
    return {
        "years": years,
        "by_year": by_year,
        "keywords": keyness.keywords_by_year(token_counts, top_n=60),
        "table": table,
        "promises": promises,
        "mentions": shared.formula_mentions,
        "length": reader.length_by_year(articles),
        "entities": entities.entities_by_year(shared.entity_mentions, years=years),
    }


REAL_CHARTS = {
    "length": lambda r: charts.length_by_year_chart(r["length"]),
    "theme heatmap": lambda r: charts.heatmap(
        r["by_year"].pivot_table(index="theme_zh", columns="year", values="per_1000_chars", sort=False),
        "主题强度 Theme hits per 1,000 characters",
        "hits per 1,000 characters",
    ),
    "theme shares": lambda r: charts.theme_share_chart(r["by_year"]),
    "cloud 2017": lambda r: charts.distinctive_cloud(r["keywords"], 2017),
    "cloud 2018": lambda r: charts.distinctive_cloud(r["keywords"], 2018),
    "cloud 2019": lambda r: charts.distinctive_cloud(r["keywords"], 2019),
    "cloud 2021": lambda r: charts.distinctive_cloud(r["keywords"], 2021),
    "keyword bars": lambda r: charts.keyword_bars(r["keywords"], 2021),
    "kinds": lambda r: charts.kinds_chart(ledger.kinds_by_year(r["table"]), years=r["years"]),
    "series": lambda r: charts.series_chart(ledger.series_points(r["table"], ledger.load_series()), years=r["years"]),
    "lifespans": lambda r: charts.lifespan_chart(
        formulas.formula_lifespans(r["mentions"]), r["mentions"], years=r["years"]
    ),
    "promises": lambda r: charts.promises_chart(targets.promise_summary(r["promises"])),
    "entities": lambda r: charts.entity_heatmap(r["entities"]),
    "theme change": lambda r: charts.theme_change_chart(
        narrative.theme_shift(r["by_year"], r["years"][0], r["years"][-1]), r["years"][-1], r["years"][0]
    ),
}


@pytest.mark.parametrize("name", list(REAL_CHARTS))
def test_every_chart_of_the_real_tables_is_readable(real, name):
    assert_readable(REAL_CHARTS[name](real))


@pytest.mark.parametrize(
    "name", ["length", "theme heatmap", "theme shares", "kinds", "series", "lifespans", "entities"]
)
def test_2020_is_a_gap_on_every_year_axis(real, name):
    assert real["years"] == [2017, 2018, 2019, 2021]
    fig = REAL_CHARTS[name](real)
    fig.canvas.draw()
    year_axes = [ax for ax in fig.axes if "2019" in _tick_texts(ax)]
    assert year_axes
    for ax in year_axes:
        ticks = {t.get_text(): t for t in ax.get_xticklabels()}
        assert "2020" in ticks, f"2020 skipped on {ax.get_title()!r}: {list(ticks)}"
        assert ticks["2020"].get_color() == charts.GAP_INK
        assert ticks["2018"].get_color() != charts.GAP_INK  # 2018 has articles
    said = [t for t, _ in visible_texts(fig)]
    assert any(charts.NO_ARTICLES in t.replace("\n", " ") for t in said), "the gap says what it is"


def test_the_theme_shares_are_small_multiples_in_one_colour(real):
    fig = REAL_CHARTS["theme shares"](real)
    n_themes = real["by_year"]["theme"].nunique()
    assert n_themes == 13
    assert len(fig.axes) == n_themes
    assert data_colours(fig) == {tuple(round(c, 3) for c in to_rgba(charts.PALETTE[0])[:3])}
    assert len({ax.get_ylim() for ax in fig.axes}) == 1, "one scale for every theme"


def test_the_kinds_chart_shows_every_kind_of_figure(real):
    kinds = ledger.kinds_by_year(real["table"])
    fig = charts.kinds_chart(kinds, years=real["years"])
    (legend,) = [ax.get_legend() for ax in fig.axes if ax.get_legend()]
    assert {t.get_text() for t in legend.get_texts()} == set(kinds.columns)
    totals = {t.get_text() for t in fig.axes[0].texts}
    assert {f"{n:.0f}" for n in kinds.sum(axis=1)} <= totals


def test_the_money_of_the_series_chart_is_in_one_unit_per_axis(real):
    points = ledger.series_points(real["table"], ledger.load_series())
    money = points[points["base_unit"] == "元"]
    assert set(money["unit"]) >= {"亿元"}
    fig = charts.series_chart(points, years=real["years"])
    (ax,) = [ax for ax in fig.axes if ax.get_title(loc="left") == money["series_label"].iloc[0]]
    assert ax.get_ylabel() == "亿元"
    assert ax.texts and all(t.get_text().endswith("亿元") for t in ax.texts)


def test_a_money_label_is_written_in_its_axis_unit():
    group = pd.DataFrame(
        {
            "year": [2019, 2019, 2021],
            "kind": ["achieved", "achieved", "plan"],
            "value": ["6000", "61.7", "1381"],
            "unit": ["万元", "亿", "亿元"],
            "value_base": [6e7, 6.17e9, 1.381e11],
            "base_unit": ["元", "元", "元"],
        }
    )
    assert charts.year_labels(group) == [
        (2019, [(6.17e9, "61.7亿元"), (6e7, "0.6亿元")]),
        (2021, [(1.381e11, "1381亿元")]),
    ]


def test_the_word_clouds_show_the_distinctive_words_not_the_frequent_ones(real, monkeypatch):
    # The clouds draw each year's 40 most distinctive words (02_themes: keywords_by_year(top_n=40)); with the
    # interview's doubled paragraph counted once, 建设 is 2017's 57th (G² 3.3), below any cloud.
    keywords = real["keywords"][real["keywords"]["rank"] <= 40]
    drawn = {}
    monkeypatch.setattr(charts, "wordcloud_figure", lambda weights, title, **kw: drawn.setdefault(title, weights))
    for year in real["years"]:
        charts.distinctive_cloud(keywords, year)
    for year in real["years"]:
        weights = drawn[f"{year} 特色词 distinctive words"]
        rows = keywords[(keywords["year"] == year) & (keywords["direction"] == "over")]
        assert weights == dict(zip(rows["word"], rows["g2"])), "sized by G², the most distinctive words"
        assert not {"发展", "建设", "企业"} & set(weights), "the words every year uses are not distinctive"


def test_a_cloud_of_several_articles_leaves_out_one_articles_words(real, shared, monkeypatch):
    """2021 has 3 articles: 四季度 (all 6 uses in the interview 0f694cbe-2) is that article's word, not the year's."""
    spread = keyness.keyword_spread(real["keywords"], shared.tokens, select.zone_articles(shared.articles))
    drawn = {}
    monkeypatch.setattr(charts, "wordcloud_figure", lambda weights, title, **kw: drawn.setdefault(title, weights))
    charts.distinctive_cloud(spread, 2021)
    charts.distinctive_cloud(spread, 2019)
    words_2021 = drawn["2021 特色词 distinctive words"]
    one = spread[(spread["year"] == 2021) & (spread["in_articles"] == 1)]["word"]
    assert words_2021 and not set(one) & set(words_2021)
    assert "四季度" in set(one)
    assert len(drawn["2019 特色词 distinctive words"]) > 0  # a year of one article shows that article's words


def test_the_word_cloud_gives_the_same_bytes_twice(real):
    def draw():
        return charts.png_bytes(charts.distinctive_cloud(real["keywords"], 2021, seed=7))

    assert draw() == draw()


def test_status_colours_cover_every_status_with_at_most_six_colours():
    assert set(charts.STATUS_COLOURS) == set(targets.STATUSES)
    assert len(set(charts.STATUS_COLOURS.values())) <= charts.MAX_COLOURS
    same = [
        s for s in charts.STATUS_COLOURS if list(charts.STATUS_COLOURS.values()).count(charts.STATUS_COLOURS[s]) > 1
    ]
    assert len({charts.STATUS_HATCHES.get(s) for s in same}) == len(same), "statuses sharing a colour differ by hatch"


# --- many series, many years, gaps: the synthetic cases ---------------------------------------------------


YEARS = [y for y in range(2005, 2026) if y not in (2009, 2010, 2020)]  # two gaps, one of two years


def _many_series(n_series: int = 9, years=range(2014, 2026), per_year: int = 30) -> pd.DataFrame:
    """Points like those of a corpus of hundreds of articles: many reports per year, crowded values."""
    rows = []
    for s in range(n_series):
        base_unit, unit, scale = [("count", "家", 1), ("ratio", "%", 0.01), ("元", "亿元", 1e8)][s % 3]
        for year in years:
            for k in range(per_year):
                kind = ["achieved", "achieved", "target", "plan", "ranking", "signed"][k % 6]
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


def _many_themes(n_themes: int = 15) -> pd.DataFrame:
    rng = np.random.default_rng(2021)
    rows = []
    for year in YEARS:
        hits = rng.integers(0, 40, n_themes)
        for k, h in enumerate(hits):
            rows.append({"year": year, "theme": f"theme_{k}", "theme_zh": f"主题{k}高新技术企业", "hits": int(h)})
    frame = pd.DataFrame(rows)
    return frame.assign(share=frame["hits"] / frame.groupby("year")["hits"].transform("sum"))


def _many_formulas(n: int = 60) -> tuple[pd.DataFrame, pd.DataFrame]:
    rows = [
        {"canonical": f"{'一二三四五六七八九十'[k % 10]}大提法{k}", "year": YEARS[(k * 7 + j * 3) % len(YEARS)]}
        for k in range(n)
        for j in range(1 + k % 4)
    ]
    mentions = pd.DataFrame(rows)
    spans = mentions.groupby("canonical", sort=False)["year"].agg(first_year="min", last_year="max").reset_index()
    return spans.sort_values(["first_year", "canonical"]).reset_index(drop=True), mentions


SYNTHETIC_CHARTS = {
    "series": lambda: charts.series_chart(_many_series(years=YEARS[-12:]), years=YEARS[-12:]),
    "theme shares": lambda: charts.theme_share_chart(_many_themes()),
    "theme heatmap": lambda: charts.heatmap(
        _many_themes().pivot_table(index="theme_zh", columns="year", values="hits", sort=False), "主题 themes", "hits"
    ),
    "kinds, eight of them": lambda: charts.kinds_chart(
        pd.DataFrame(
            {k: [3 + (n * y) % 11 for y in YEARS] for n, k in enumerate(list(charts.KIND_COLOURS) + ["other", "new"])},
            index=pd.Index(YEARS, name="year"),
        ),
        years=YEARS,
    ),
    "promises, every status": lambda: charts.promises_chart(
        pd.DataFrame(
            {
                "target_year": pd.array(YEARS + [None], dtype="Int64"),
                **{s: [(n + y) % 4 for y in YEARS + [0]] for n, s in enumerate(targets.STATUSES)},
            }
        )
    ),
    "lifespans": lambda: charts.lifespan_chart(*_many_formulas(), years=YEARS),
    "length": lambda: charts.length_by_year_chart(
        pd.DataFrame(
            [
                {"year": y, "about_zone": z, "articles": 3, "characters": 1000 * (y % 7) + 500 * z}
                for y in YEARS
                for z in (True, False)
            ]
        )
    ),
    "word cloud, 80 words": lambda: charts.wordcloud_figure(
        {f"词{k}高新": 100 / (k + 1) for k in range(80)}, "2021 特色词 distinctive words", note=charts.CLOUD_NOTE
    ),
    "theme change, 20 themes": lambda: charts.theme_change_chart(
        pd.DataFrame({"theme_zh": [f"主题{k}与高新技术企业" for k in range(20)], "change": np.linspace(-5, 8, 20)}),
        2021,
        2019,
    ),
}


@pytest.mark.slow  # stress cases (many series, years, themes): make test, not the edit loop
@pytest.mark.parametrize("name", list(SYNTHETIC_CHARTS))
def test_every_chart_stays_readable_with_many_series_and_years(name):
    assert_readable(SYNTHETIC_CHARTS[name]())


def test_more_than_six_kinds_are_folded_into_other():
    fig = SYNTHETIC_CHARTS["kinds, eight of them"]()
    (legend,) = [ax.get_legend() for ax in fig.axes if ax.get_legend()]
    assert [t.get_text() for t in legend.get_texts()][0] == "other"
    assert len(legend.get_texts()) == 7  # six kinds with a colour each, and "other" in hatched grey


def test_a_gap_of_two_years_is_one_band_and_every_year_is_on_the_axis():
    fig = SYNTHETIC_CHARTS["length"]()
    fig.canvas.draw()
    (ax,) = fig.axes
    assert [int(x) for x in ax.get_xticks()] == list(range(2005, 2026))
    notes = [t for t in ax.texts if t.get_text() == charts.NO_ARTICLES]
    assert [round(t.get_position()[0], 1) for t in notes] == [2009.5, 2020.0]


# --- odd corpora: say what cannot be shown, never draw an empty chart ----------


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
        (
            lambda: charts.distinctive_cloud(
                keyness.keywords_by_year({2018: {"攻坚年": 5, "主线": 3, "城市": 2}}), 2018
            ),
            "2018 特色词 distinctive words: one year only, no other year to find its distinctive words against",
        ),
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


# --- the recurring series at scale: one label per series and year, beside its marker --------


def test_the_series_chart_labels_each_series_and_year_at_most_once_in_its_axis_unit():
    points = _many_series()
    fig = charts.series_chart(points)
    panels = [ax for ax in fig.axes if ax.texts]
    assert len(panels) == 9 and len(fig.axes) == 9, "the empty tenth panel is removed, not hidden"
    labelled = 0
    for ax in fig.axes:
        years = [round(t.xy[0]) for t in ax.texts]
        assert len(years) == len(set(years)), "one label per year"
        labelled += len(years)
        written = set(points["value"] + points["unit"])  # here every figure is written in its axis unit
        assert {t.get_text() for t in ax.texts} <= written
    assert labelled >= 9 * 12 * 0.75, "most years keep their label"


def test_an_outcome_and_a_promise_of_one_year_stand_apart():
    points = ledger.series_points(
        pd.DataFrame(
            {
                "series": ["investment", "investment"],
                "year": [2017, 2017],
                "kind": ["signed", "plan"],
                "value": ["197", "202"],
                "unit": ["亿元", "亿元"],
                "value_base": [1.97e10, 2.02e10],
                "base_unit": ["元", "元"],
                "start": [0, 10],
            }
        ),
        [{"id": "investment", "label": "投资总额 (investment totals)"}],
    )
    fig = charts.series_chart(points)
    (ax,) = fig.axes
    xs = sorted(float(x) for c in ax.collections for x, _ in c.get_offsets())
    assert xs == [2017 - charts.DODGE, 2017 + charts.DODGE]
    assert_readable(fig)


def test_the_series_chart_legend_is_outside_the_panels():
    years = [y for y in range(2014, 2026) if y != 2020]
    fig = charts.series_chart(_many_series(n_series=4, years=years), years=years)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    (legend,) = fig.legends
    box = legend.get_window_extent(renderer)
    assert not any(box.overlaps(ax.get_window_extent(renderer)) for ax in fig.axes)
    assert [t.get_text() for t in legend.get_texts()] == [
        "achieved",
        "signed",
        "ranking",
        "target",
        "plan",
        f"{charts.NO_ARTICLES} (shaded)",
    ]
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
