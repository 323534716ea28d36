"""Figures with a CJK font, rendered to deterministic PNG and embedded as HTML.

The font is Noto Sans CJK SC, shipped by the pinned ``mplfonts`` package, so
a fresh machine needs no system font. Drawing a character the font lacks
raises :class:`~helpers.errors.MissingGlyphError` instead of publishing a
figure with empty boxes. A chart with nothing to draw (no data, one year
where it compares years) is a :class:`NoChart`: :func:`show` prints its
reason in plain words instead of an empty figure.
"""

from __future__ import annotations

import base64
import html
import importlib.util
import io
import warnings
from functools import lru_cache
from pathlib import Path

import matplotlib
import numpy as np

matplotlib.use("Agg")  # no screen on build machines; figures are embedded as PNG
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.text import Text  # noqa: E402
from matplotlib.transforms import Bbox  # noqa: E402

from helpers.errors import MissingGlyphError  # noqa: E402

FONT_FILE = "NotoSansCJKsc-Regular.otf"
DPI = 110
PALETTE = [
    "#1b5e8c",
    "#d1495b",
    "#edae49",
    "#00798c",
    "#66a182",
    "#8d6a9f",
    "#3d405b",
    "#e07a5f",
    "#81b29a",
    "#f2cc8f",
    "#6d597a",
    "#b56576",
]


@lru_cache(maxsize=1)
def cjk_font_path() -> Path:
    """Return the path of the CJK font installed by the ``mplfonts`` dependency.

    Raises
    ------
    MissingGlyphError
        If the package or its font file is missing (the environment is incomplete).
    """
    spec = importlib.util.find_spec("mplfonts")  # located, not imported: its __init__ pulls a CLI
    path = Path(spec.submodule_search_locations[0]) / "fonts" / FONT_FILE if spec else None
    if path is None or not path.exists():
        raise MissingGlyphError(
            f"the CJK font {FONT_FILE} from the 'mplfonts' package is missing; run `make report` "
            "(or `make env`) to install the project's pinned environment from uv.lock"
        )
    return path


def use_cjk_style() -> str:
    """Register the CJK font and set the house style for every later figure.

    Returns
    -------
    str
        The font family name now used by matplotlib.
    """
    path = cjk_font_path()
    font_manager.fontManager.addfont(str(path))
    family = font_manager.FontProperties(fname=str(path)).get_name()
    matplotlib.rcParams.update(
        {
            "font.family": [family],
            "axes.unicode_minus": False,  # the CJK font has no U+2212 minus sign
            "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.titlesize": 13,
            "axes.titleweight": "normal",  # the shipped CJK font has one weight; asking for bold only warns
            "axes.titlelocation": "left",
            "figure.dpi": DPI,
            "savefig.dpi": DPI,
            "svg.hashsalt": "jhn",  # fixed ids, should anyone save SVG
        }
    )
    return family


def png_bytes(fig: matplotlib.figure.Figure) -> bytes:
    """Render a figure to PNG bytes, failing on any missing glyph.

    The PNG carries no software or time stamp, so the same figure gives the
    same bytes on every machine with the same pinned packages.

    Raises
    ------
    MissingGlyphError
        If the font lacks a character the figure draws.
    """
    buffer = io.BytesIO()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(buffer, format="png", bbox_inches="tight", metadata={"Software": None})
    missing = sorted({str(w.message) for w in caught if "missing from font" in str(w.message)})
    if missing:
        name = fig.get_label() or (fig.axes[0].get_title() if fig.axes else "")
        raise MissingGlyphError(
            f"figure '{name}': " + " ".join(missing) + " Replace the character or add a font that has it."
        )
    return buffer.getvalue()


class NoChart(str):
    """A chart that cannot be drawn from these data; the text says why, in plain words."""


def figure_html(fig: matplotlib.figure.Figure, alt: str, close: bool = True) -> str:
    """Return an ``<img>`` element embedding the figure as a data URI, with alt text.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure to embed.
    alt : str
        A sentence describing the figure for readers who cannot see it (escaped).
    close : bool
        Close the figure afterwards, so notebooks do not also display it.
    """
    if isinstance(fig, NoChart):
        return f'<p class="no-chart"><strong>Not drawn:</strong> {html.escape(fig)}</p>'
    data = base64.b64encode(png_bytes(fig)).decode("ascii")
    if close:
        plt.close(fig)
    return f'<figure class="chart"><img alt="{html.escape(alt)}" src="data:image/png;base64,{data}"/></figure>'


def show(fig: matplotlib.figure.Figure | NoChart, alt: str) -> None:
    """Display a figure in the notebook as embedded PNG with alt text (or a :class:`NoChart`'s reason)."""
    from IPython.display import HTML, display

    display(HTML(figure_html(fig, alt)))


def length_by_year_chart(by_year) -> matplotlib.figure.Figure:
    """Draw characters per year as stacked bars: about the zone, and not.

    Parameters
    ----------
    by_year : pandas.DataFrame
        Output of :func:`helpers.corpus.reader.length_by_year`.
    """
    if by_year.empty:
        return NoChart("no dated articles: no length per year to show")
    table = by_year.pivot_table(index="year", columns="about_zone", values="characters", aggfunc="sum", fill_value=0)
    fig, ax = plt.subplots(figsize=(7, 3.6))
    bottom = None
    for flag, label, colour in (
        (True, "关于高新区 about the zone", PALETTE[0]),
        (False, "其他 not about the zone", "#b8c0cc"),
    ):
        if flag in table.columns:
            values = table[flag]
            ax.bar(table.index.astype(str), values, bottom=bottom, label=label, color=colour)
            bottom = values if bottom is None else bottom + values
    ax.set_title("每年文章字数 Characters of text per year")
    ax.set_ylabel("characters")
    ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return fig


@lru_cache(maxsize=1)
def _font_codepoints() -> frozenset[int]:
    from fontTools.ttLib import TTFont  # a matplotlib dependency

    with TTFont(str(cjk_font_path()), lazy=True) as font:
        return frozenset(font.getBestCmap())


def check_glyphs(words) -> None:
    """Fail if the CJK font lacks a character of any word.

    Pillow, which draws word clouds, renders a missing glyph as an empty box
    without a warning, so word clouds are checked up front.

    Raises
    ------
    MissingGlyphError
        Naming the characters and the words they are in.
    """
    have = _font_codepoints()
    missing = sorted({(ch, w) for w in words for ch in w if not ch.isspace() and ord(ch) not in have})
    if missing:
        raise MissingGlyphError(
            "the CJK font lacks " + ", ".join(f"'{ch}' (U+{ord(ch):04X}, in '{w}')" for ch, w in missing)
        )


def wordcloud_figure(
    frequencies: dict[str, float], title: str, seed: int = 20171023, width: int = 900, height: int = 420
) -> matplotlib.figure.Figure:
    """Draw a word cloud from our own token counts (not wordcloud's tokenizer).

    Parameters
    ----------
    frequencies : dict
        Word to count (or weight).
    title : str
        Shown above the cloud.
    seed : int
        Fixes the layout, so the same counts give the same picture.
    """
    from wordcloud import WordCloud

    if not frequencies:
        return NoChart(f"{title}: no content words to draw")
    check_glyphs(list(frequencies) + [title])
    cloud = WordCloud(
        font_path=str(cjk_font_path()),
        width=width,
        height=height,
        background_color="white",
        random_state=seed,
        prefer_horizontal=0.95,
        colormap="viridis",
        max_words=80,
        collocations=False,
        min_font_size=9,
    ).generate_from_frequencies(dict(sorted(frequencies.items())))
    fig, ax = plt.subplots(figsize=(width / DPI, height / DPI + 0.4))
    ax.imshow(cloud.to_array(), interpolation="bilinear")
    ax.set_axis_off()
    ax.set_title(title)
    return fig


def heatmap(matrix, title: str, value_label: str, fmt: str = "{:.1f}") -> matplotlib.figure.Figure:
    """Draw a labelled heatmap (rows × columns), each cell annotated with its value.

    Parameters
    ----------
    matrix : pandas.DataFrame
        Rows and columns as labelled; values numeric.
    title, value_label : str
        Figure title and colour-bar label.
    fmt : str
        Format of the cell annotations.
    """
    if matrix.empty:
        return NoChart(f"{title}: nothing to show (no dated article has any)")
    fig, ax = plt.subplots(figsize=(1.2 + 0.9 * matrix.shape[1], 0.8 + 0.42 * matrix.shape[0]))
    image = ax.imshow(matrix.to_numpy(dtype=float), cmap="Blues", aspect="auto")
    ax.set_xticks(range(matrix.shape[1]), [str(c) for c in matrix.columns])
    ax.set_yticks(range(matrix.shape[0]), [str(r) for r in matrix.index])
    peak = float(matrix.to_numpy(dtype=float).max() or 1)
    for (i, j), value in np.ndenumerate(matrix.to_numpy(dtype=float)):
        ax.text(
            j,
            i,
            fmt.format(value),
            ha="center",
            va="center",
            fontsize=8,
            color="white" if value > 0.6 * peak else "#1d2330",
        )
    ax.spines[:].set_visible(False)
    fig.colorbar(image, ax=ax, label=value_label, shrink=0.8)
    ax.set_title(title)
    return fig


KIND_MARKERS = {
    "achieved": ("o", True),
    "target": ("o", False),
    "plan": ("D", False),
    "ranking": ("s", True),
    "other": ("x", True),
}
BASE_UNIT_SCALE = {"元": (1e8, "亿元"), "ratio": (0.01, "%"), "count": (1, "count"), "m²": (1e4, "万平方米")}


LABEL_ORDER = ("achieved", "ranking", "target", "plan", "other")  # which kind a year's label shows first
# Where a value label may go, in points from its marker (dx, dy, horizontal alignment), tried in turn.
LABEL_SPOTS = (
    (5, 3, "left"),
    (5, -10, "left"),
    (-5, 3, "right"),
    (-5, -10, "right"),
    (0, 7, "center"),
    (0, -15, "center"),
    (0, 16, "center"),
    (0, -24, "center"),
)


def series_chart(points, columns: int = 2) -> matplotlib.figure.Figure:
    """Draw each recurring indicator over time, one panel per series.

    Filled markers are achievements, hollow ones targets and plans; a figure
    reported several times in a year is one marker. Each year carries one
    label, the figure as written: an achievement if the year has one (else a
    ranking, a target, a plan), the one most often reported. A label goes
    where it overlaps no other text or marker, or is left out; the full list
    is the table below the chart. The legend sits above the panels.

    Parameters
    ----------
    points : pandas.DataFrame
        Output of :func:`helpers.analysis.ledger.series_points`.
    columns : int
        Panels per row.
    """
    points = points.dropna(subset=["year"])
    if points.empty:
        return NoChart("no recurring indicator in a dated article")
    groups = [group for _, group in points.groupby("series", sort=False)]
    rows = max(1, -(-len(groups) // columns))
    fig, axes = plt.subplots(rows, columns, figsize=(5.2 * columns, 2.9 * rows), squeeze=False)
    years = sorted(int(y) for y in points["year"].unique())
    handles, panels = {}, []
    for ax, group in zip(axes.flat, groups):
        scale = _series_panel(ax, group, years, handles)
        panels.append((ax, group, scale))
    for ax in list(axes.flat)[len(groups) :]:
        ax.remove()
    fig.tight_layout()
    order = [k for k in KIND_MARKERS if k in handles] + sorted(k for k in handles if k not in KIND_MARKERS)
    fig.legend(
        [handles[k] for k in order],
        order,
        loc="lower left",
        bbox_to_anchor=(0.0, 1.0),
        ncol=len(order),
        frameon=False,
        fontsize=8,
    )
    _place_labels(fig, [(ax, year_labels(group), scale) for ax, group, scale in panels])
    return fig


def _series_panel(ax, group, years: list[int], handles: dict) -> float:
    """Draw one series' markers, title and axes; return the scale its values are divided by."""
    scale, unit = BASE_UNIT_SCALE.get(group["base_unit"].iloc[0], (1, group["base_unit"].iloc[0]))
    for kind, rows_of_kind in group.groupby("kind"):
        marker, filled = KIND_MARKERS.get(kind, ("o", True))
        distinct = rows_of_kind.drop_duplicates(["year", "value_base"])
        handles[kind] = ax.scatter(
            distinct["year"],
            distinct["value_base"] / scale,
            marker=marker,
            s=46,
            label=kind,
            facecolors=PALETTE[0] if filled else "white",
            edgecolors=PALETTE[0] if filled else PALETTE[1],
            zorder=3,
        )
    step = -(-len(years) // 8)  # at most eight year labels on an axis, so they never touch
    ax.set_title(group["series_label"].iloc[0], fontsize=10)
    ax.set_xticks(years, [str(y) if k % step == 0 else "" for k, y in enumerate(years)], fontsize=8)
    ax.tick_params(axis="y", labelsize=8)
    ax.set_xlim(min(years) - 0.6, max(years) + 0.6)
    ax.set_ylabel(unit)
    ax.set_ylim(bottom=0, top=ax.get_ylim()[1] * 1.25)  # room for labels above the highest marker
    return scale


def year_labels(group) -> list[tuple[int, list[tuple[float, str]]]]:
    """Rank the figures of each year for its one label: ``(year, [(value_base, text as written), ...])``.

    Achievements first, then rankings, targets, plans; within a kind, the
    figure reported most often first (ties: the larger, then the text).
    """
    rank = {k: n for n, k in enumerate(LABEL_ORDER)}
    counted = (
        group.assign(text=group["value"].astype(str) + group["unit"].astype(str))
        .groupby(["year", "kind", "value_base", "text"], as_index=False)
        .size()
    )
    counted["kind_rank"] = counted["kind"].map(rank).fillna(len(rank))
    ranked = counted.sort_values(
        ["year", "kind_rank", "size", "value_base", "text"], ascending=[True, True, False, False, True], kind="stable"
    )
    return [
        (int(year), list(zip(rows["value_base"].astype(float), rows["text"])))
        for year, rows in ranked.groupby("year", sort=True)
    ]


def _place_labels(fig, panels) -> None:
    """Label each year once: the first of its ranked figures that has room, at the first spot that fits.

    A year none of whose figures fits is left unlabelled (the table below the
    chart lists every point).
    """
    renderer = fig.canvas.get_renderer()
    taken = [t.get_window_extent(renderer) for t in fig.findobj(Text) if t.get_text() and t.get_visible()]
    markers = [
        tuple(xy) for ax, _, _ in panels for c in ax.collections for xy in ax.transData.transform(c.get_offsets())
    ]
    taken += [Bbox.from_extents(x - 5, y - 5, x + 5, y + 5) for x, y in markers]  # a marker, as a box of its size
    for ax, labels, scale in panels:
        for year, candidates in labels:
            spots = ((value, text, spot) for value, text in candidates for spot in LABEL_SPOTS)
            for value, text, (dx, dy, align) in spots:
                label = ax.annotate(
                    text, (year, value / scale), textcoords="offset points", xytext=(dx, dy), ha=align, fontsize=7.5
                )
                label.set_color("#3d405b")
                box = label.get_window_extent(renderer)
                if _fits(
                    box,
                    ax.get_window_extent(renderer),
                    ax.transData.transform((year, value / scale)),
                    align,
                    taken,
                    markers,
                ):
                    taken.append(box)
                    break
                label.remove()


def _fits(box, frame, point, align: str, taken, markers) -> bool:
    """Say whether a label's box fits: inside its panel, over no text or marker, and next to its own marker.

    A label set above or below its marker must have no other marker between
    them, so that it cannot be read as another figure's.
    """
    if not (frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1):
        return False
    if any(box.overlaps(other) for other in taken):
        return False
    px, py = point
    low, high = min(py, box.y0), max(py, box.y1)
    return align != "center" or not any(abs(x - px) < 8 and low < y < high and abs(y - py) > 1 for x, y in markers)


def kinds_chart(table) -> matplotlib.figure.Figure:
    """Draw stacked bars of how many figures per year are achievements, targets, plans and others.

    Parameters
    ----------
    table : pandas.DataFrame
        Output of :func:`helpers.analysis.ledger.kinds_by_year` (years × kinds).
    """
    if table.empty:
        return NoChart("no figures in dated articles about the zone")
    fig, ax = plt.subplots(figsize=(7, 3.4))
    bottom = np.zeros(len(table))
    for k, kind in enumerate(table.columns):
        ax.bar(table.index.astype(str), table[kind], bottom=bottom, label=kind, color=PALETTE[k % len(PALETTE)])
        bottom += table[kind].to_numpy()
    ax.set_title("每年的数字: 成绩与目标 Figures per year, by kind")
    ax.set_ylabel("figures")
    ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return fig


def theme_share_chart(by_year) -> matplotlib.figure.Figure:
    """Draw each year's theme hits as shares of 100%, one stacked bar per year.

    Parameters
    ----------
    by_year : pandas.DataFrame
        Output of :func:`helpers.analysis.themes.theme_by_year` (``year, theme_zh, share``).
    """
    measured = by_year[by_year.groupby("year")["hits"].transform("sum") > 0]
    if measured.empty:
        return NoChart("no theme term in any dated article about the zone: no shares to show")
    by_year = measured
    order = list(dict.fromkeys(by_year["theme_zh"]))
    table = by_year.pivot_table(index="year", columns="theme_zh", values="share", aggfunc="sum", fill_value=0)[order]
    fig, ax = plt.subplots(figsize=(8.5, 4.2))
    bottom = np.zeros(len(table))
    for k, theme in enumerate(order):
        ax.bar(
            table.index.astype(str),
            table[theme] * 100,
            bottom=bottom,
            label=theme,
            color=PALETTE[k % len(PALETTE)] if k < len(PALETTE) else "#9aa3b2",
        )
        bottom += table[theme].to_numpy() * 100
    ax.set_ylim(0, 100)
    ax.set_ylabel("share of the year's theme hits (%)")
    ax.set_title("主题占比 Theme shares per year")
    ax.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.02))
    return fig


def keyword_bars(keywords, year: int, top_n: int = 12) -> matplotlib.figure.Figure:
    """Draw a year's most distinctive words as horizontal bars of their G² score.

    Parameters
    ----------
    keywords : pandas.DataFrame
        Output of :func:`helpers.analysis.keyness.keywords_by_year`.
    year : int
        The year to draw.
    top_n : int
        How many words.
    """
    rows = keywords[keywords["year"] == year].head(top_n).iloc[::-1]
    if rows.empty:
        return NoChart(f"{year}: no content words to rank")
    fig, ax = plt.subplots(figsize=(4.2, 0.3 * len(rows) + 0.9))
    ax.barh(rows["word"], rows["g2"], color=PALETTE[0])
    ax.set_title(f"{year} 特色词 distinctive words")
    ax.set_xlabel("log-likelihood G² vs other years")
    return fig


def theme_change_chart(change, year: int, previous: int) -> matplotlib.figure.Figure:
    """Draw each theme's change in hits per 1,000 characters between two years.

    Parameters
    ----------
    change : pandas.DataFrame
        Columns ``theme_zh`` and ``change`` (this year minus the previous one).
    year, previous : int
        The two years, for the title.
    """
    if year == previous:
        return NoChart(f"one year only ({year}): no change to compare")
    rows = change.dropna(subset=["change"]).sort_values("change")
    if rows.empty:
        return NoChart(f"no theme measured in both {previous} and {year}: no change to compare")
    fig, ax = plt.subplots(figsize=(7, 0.32 * len(rows) + 1))
    colours = [PALETTE[1] if v < 0 else PALETTE[0] for v in rows["change"]]
    ax.barh(rows["theme_zh"], rows["change"], color=colours)
    ax.axvline(0, color="#3d405b", linewidth=0.8)
    ax.set_xlabel(f"change in hits per 1,000 characters, {previous} → {year}")
    ax.set_title(f"{year} 与 {previous} 相比 Theme change against {previous}")
    return fig


STATUS_COLOURS = {"met": "#2a9d8f", "not met": "#d1495b", "no later report": "#b8c0cc", "not comparable": "#edae49"}


def promises_chart(summary) -> matplotlib.figure.Figure:
    """Draw promised versus delivered: each target year's targets by what later reports show.

    Parameters
    ----------
    summary : pandas.DataFrame
        Output of :func:`helpers.analysis.targets.promise_summary` (``target_year`` and one column per status).
    """
    if summary.empty:
        return NoChart("no targets or plans in the articles about the zone")
    fig, ax = plt.subplots(figsize=(7, 3.4))
    years = summary["target_year"].astype("string").fillna("no year")
    bottom = np.zeros(len(summary))
    for status, colour in STATUS_COLOURS.items():
        if status in summary.columns:
            ax.bar(years, summary[status], bottom=bottom, label=status, color=colour)
            bottom += summary[status].to_numpy()
    ax.set_title("承诺与兑现 Targets and plans, by what later reports show")
    ax.set_xlabel("year the target is for")
    ax.set_ylabel("targets and plans")
    ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return fig


def lifespan_chart(lifespans, mentions) -> matplotlib.figure.Figure:
    """Draw each numbered policy formula's lifespan: a line from first to last year, a dot per year named.

    Parameters
    ----------
    lifespans : pandas.DataFrame
        ``canonical, first_year, last_year`` (one row per formula, in the order to draw, top first).
    mentions : pandas.DataFrame
        ``canonical, year`` (one row per mention); dot size is mentions in that year.
    """
    lifespans = lifespans.dropna(subset=["first_year"])
    mentions = mentions.dropna(subset=["year"])
    if lifespans.empty:
        return NoChart("no numbered policy formula named in a dated article about the zone")
    order = list(lifespans["canonical"])
    fig, ax = plt.subplots(figsize=(7.5, 0.26 * len(order) + 1.2))
    y = {name: len(order) - k for k, name in enumerate(order)}
    for row in lifespans.itertuples():
        ax.plot([row.first_year, row.last_year], [y[row.canonical]] * 2, color="#b8c0cc", linewidth=2, zorder=1)
    per_year = mentions.groupby(["canonical", "year"]).size().reset_index(name="n")
    per_year = per_year[per_year["canonical"].isin(order)]
    ax.scatter(per_year["year"], per_year["canonical"].map(y), s=18 + 14 * per_year["n"], color=PALETTE[0], zorder=2)
    ax.set_yticks(list(y.values()), list(y.keys()), fontsize=8)
    years = sorted(mentions["year"].unique())
    ax.set_xticks(years, [str(int(v)) for v in years])
    ax.set_xlim(min(years) - 0.5, max(years) + 0.5)
    ax.set_title("数字提法的生命周期 Numbered policy formulas: first and last year named")
    return fig


def entity_heatmap(by_year, top_n: int = 20) -> matplotlib.figure.Figure:
    """Draw mentions per year of the most-mentioned companies, parks and platforms."""
    totals = by_year.groupby("entity")["mentions"].sum().sort_values(ascending=False, kind="stable")
    top = list(totals.head(top_n).index)
    matrix = (
        by_year[by_year["entity"].isin(top)]
        .pivot_table(index="entity", columns="year", values="mentions", aggfunc="sum", fill_value=0)
        .reindex(top)
    )
    return heatmap(
        matrix, "企业、园区与平台 Companies, parks and platforms: mentions per year", "mentions", fmt="{:.0f}"
    )
