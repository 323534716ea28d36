"""Figures with a CJK font, rendered to deterministic PNG and embedded as HTML.

The font is Noto Sans CJK SC, shipped by the pinned ``mplfonts`` package, so
a fresh machine needs no system font. Drawing a character the font lacks
raises :class:`~helpers.errors.MissingGlyphError` instead of publishing a
figure with empty boxes. A chart with nothing to draw (no data, one year
where it compares years) is a :class:`NoChart`: :func:`show` prints its
reason in plain words instead of an empty figure.

What every chart keeps to, so that a reader can read it (issue 12):
at most six colours (Okabe & Ito's colour-blind-safe set), small
multiples where there are more series; legends outside the data; no
label over another label or over a marker; every year from the first to
the last on a year axis, a year without articles shaded and named;
money in one unit per axis (亿元), labels in that unit too; word clouds of
the words that distinguish a year, sized by a weight the caller gives.
``tests/test_charts.py`` checks these on every chart function.
"""

from __future__ import annotations

import base64
import html
import importlib.util
import io
import itertools
import warnings
from functools import lru_cache
from pathlib import Path

import matplotlib
import numpy as np

matplotlib.use("Agg")  # no screen on build machines; figures are embedded as PNG
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402
from matplotlib.text import Text  # noqa: E402

from helpers.errors import MissingGlyphError  # noqa: E402

FONT_FILE = "NotoSansCJKsc-Regular.otf"
DPI = 110
# Okabe & Ito's colour-blind-safe colours: blue, orange, bluish green, vermilion, sky blue, reddish purple.
# Six at most in one chart; more series are drawn as small multiples.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7"]
MAX_COLOURS = len(PALETTE)
GREY = "#b8c0cc"  # what is not the subject: other text, context figures, targets nothing can judge
INK = "#3d405b"  # value labels
GAP_COLOUR = "#eceef2"  # the band of a year without articles
GAP_INK = "#6b7280"  # its tick label and note
NO_ARTICLES = "无文章 no articles"
NO_DATA = "无数据 no data"


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


# --- years on an axis: every year from the first to the last, years without articles as gaps ------------


def year_axis(present, years=None) -> tuple[list[int], list[int]]:
    """Return every year from the first to the last, and those of them that are gaps.

    Parameters
    ----------
    present : iterable of int
        The years the chart has data for.
    years : iterable of int, optional
        The years with articles (the corpus years). A year in neither is a
        gap; a year with articles but no data is drawn as zero or empty, not
        as a gap. Without it, every year between two years with data is a gap.

    Returns
    -------
    tuple of (list of int, list of int)
        Every year, oldest first, and the gaps among them.
    """
    have = {int(y) for y in present} | {int(y) for y in (years if years is not None else ())}
    if not have:
        return [], []
    every = list(range(min(have), max(have) + 1))
    return every, [y for y in every if y not in have]


def gap_note(years) -> str:
    """Say what a gap year is: no articles when the corpus years are known, else no data."""
    return NO_ARTICLES if years is not None else NO_DATA


def _runs(missing: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for year in missing:
        if runs and runs[-1][-1] == year - 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return runs


def year_labels_that_fit(ax, every: list, fontsize: float, extra: int = 0) -> list[str]:
    """Return a tick label for every year, blank for those left out so that no two touch.

    ``extra`` counts slots after the years (such as "no year") that take room too.
    """
    width = ax.get_position().width * ax.figure.get_figwidth()  # inches
    room = max(2, int(width / (0.044 * fontsize)))  # a four-digit year and a space: about 3.2 em
    step = -(-(len(every) + extra) // room)
    return [str(int(y)) if k % step == 0 else "" for k, y in enumerate(every)]


def _draw_years(ax, every: list[int], missing: list[int], note: str = "", note_at=None, fontsize: float = 9) -> None:
    """Tick every year (thinned where they would touch), shade the gaps, and say once what a gap is.

    ``note_at`` places the note: None for the middle of the band, written
    upwards (bar charts), or a data y for a horizontal note at that height.
    """
    ax.set_xticks(every, year_labels_that_fit(ax, every, fontsize), fontsize=fontsize)
    for tick, year in zip(ax.get_xticklabels(), every):
        if year in missing:
            tick.set_color(GAP_INK)
    ax.set_xlim(every[0] - 0.6, every[-1] + 0.6)
    for run in _runs(missing):
        ax.axvspan(run[0] - 0.5, run[-1] + 0.5, color=GAP_COLOUR, linewidth=0, zorder=0)
        if not note:
            continue
        centre = (run[0] + run[-1]) / 2
        if note_at is None:
            ax.text(
                centre,
                0.5,
                note,
                transform=ax.get_xaxis_transform(),
                rotation=90,
                ha="center",
                va="center",
                fontsize=7.5,
                color=GAP_INK,
            )
        else:
            ax.text(centre, note_at, note.replace(" ", "\n", 1), ha="center", va="center", fontsize=7, color=GAP_INK)


def _gap_handle(note: str):
    return Patch(facecolor=GAP_COLOUR, edgecolor="none", label=f"{note} (shaded)")


def _header(fig, title: str = "", handles=(), labels=()) -> None:
    """Put the legend above the panels and the title above it: outside every axes, after the layout."""
    renderer = fig.canvas.get_renderer()
    top = 1.0
    if handles:
        legend = fig.legend(
            list(handles),
            list(labels),
            loc="lower left",
            bbox_to_anchor=(0.0, 1.0),
            ncol=min(len(labels), 6),
            frameon=False,
            fontsize=8,
        )
        top += legend.get_window_extent(renderer).height / fig.bbox.height
    if title:
        fig.text(0.0, top + 0.04 / fig.get_figheight(), title, ha="left", va="bottom", fontsize=13)


def _legend_right(ax, handles=None, labels=None) -> None:
    """Put the legend to the right of the axes, outside the data."""
    args = (handles, labels) if handles is not None else ()
    ax.legend(*args, frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))


def _totals(ax, x, totals, fmt: str = "{:.0f}") -> None:
    """Write each bar's total just above it, or none where one would touch a neighbour or a bar.

    The value axis still reads every bar; a half-written set of totals would not.
    """
    ax.set_ylim(top=max(1.0, float(max(totals, default=0))) * 1.12)
    labels = [
        ax.annotate(
            fmt.format(total),
            (xi, total),
            textcoords="offset points",
            xytext=(0, 2),
            ha="center",
            va="bottom",
            fontsize=8,
            color=INK,
        )
        for xi, total in zip(x, totals)
    ]
    renderer = ax.figure.canvas.get_renderer()
    boxes = [label.get_window_extent(renderer) for label in labels]
    bars = [bar.get_window_extent(renderer) for container in ax.containers for bar in container]
    frame = ax.get_window_extent(renderer)
    crowded = any(a.overlaps(b) for a, b in itertools.combinations(boxes, 2)) or any(
        box.overlaps(bar) or box.y1 > frame.y1 for box in boxes for bar in bars
    )
    if crowded:
        for label in labels:
            label.remove()


# --- the charts -----------------------------------------------------------------------------------------


def length_by_year_chart(by_year) -> matplotlib.figure.Figure:
    """Draw characters per year as stacked bars: about the zone, and not; years without articles as gaps.

    Parameters
    ----------
    by_year : pandas.DataFrame
        Output of :func:`helpers.corpus.reader.length_by_year` (every year with a dated article).
    """
    if by_year.empty:
        return NoChart("no dated articles: no length per year to show")
    table = by_year.pivot_table(index="year", columns="about_zone", values="characters", aggfunc="sum", fill_value=0)
    every, missing = year_axis(table.index)
    table = table.reindex(every, fill_value=0)
    fig, ax = plt.subplots(figsize=(7, 3.6))
    bottom = np.zeros(len(table))
    for flag, label, colour in (
        (True, "关于高新区 about the zone", PALETTE[0]),
        (False, "其他 not about the zone", GREY),
    ):
        if flag in table.columns:
            values = table[flag].to_numpy(dtype=float)
            ax.bar(every, values, bottom=bottom, label=label, color=colour, width=0.8)
            bottom += values
    _draw_years(ax, every, missing, NO_ARTICLES)
    _totals(
        ax, [y for y in every if y not in missing], [b for y, b in zip(every, bottom) if y not in missing], "{:,.0f}"
    )
    ax.set_title("每年文章字数 Characters of text per year")
    ax.set_ylabel("characters")
    _legend_right(ax)
    return fig


def wordcloud_figure(
    weights: dict[str, float],
    title: str,
    seed: int = 20171023,
    width: int = 900,
    height: int = 420,
    note: str = "",
) -> matplotlib.figure.Figure:
    """Draw a word cloud of weighted words, sized by the weight the caller gives.

    Give it the year's distinctive words weighted by keyness (see
    :func:`distinctive_cloud`), not raw counts: a cloud of counts shows
    发展, 建设 and 企业 every year. Words are drawn in three shades of one
    colour, darker for the heavier third; the layout is fixed by ``seed``,
    so the same weights give the same bytes.

    Parameters
    ----------
    weights : dict
        Word to a positive weight (e.g. G² against the other years).
    title : str
        Shown above the cloud.
    seed : int
        Fixes the layout.
    note : str
        What a word's size means, shown under the title.
    """
    from wordcloud import WordCloud

    weights = {w: float(v) for w, v in weights.items() if v > 0}
    if not weights:
        return NoChart(f"{title}: no content words to draw")
    check_glyphs(list(weights) + [title, note])
    ordered = sorted(weights.values(), reverse=True)
    cuts = (ordered[len(ordered) // 3], ordered[2 * len(ordered) // 3])
    shades = ("#0b3c66", PALETTE[0], "#4f86b8")

    def colour(word, **_):
        weight = weights[word]
        return shades[0] if weight > cuts[0] else shades[1] if weight > cuts[1] else shades[2]

    cloud = WordCloud(
        font_path=str(cjk_font_path()),
        width=width,
        height=height,
        background_color="white",
        random_state=seed,
        prefer_horizontal=1.0,  # Chinese reads across; upright words are read as columns
        color_func=colour,
        max_words=80,
        collocations=False,
        min_font_size=10,
        font_step=2,  # sizes tried in steps of 2 px: half the layout time (0.48 -> 0.24 s a cloud), no visible change
    ).generate_from_frequencies(dict(sorted(weights.items())))
    fig, ax = plt.subplots(figsize=(width / DPI, height / DPI + 0.5))
    ax.imshow(cloud.to_array(), interpolation="bilinear")
    ax.set_axis_off()
    ax.set_title(title)
    if note:
        ax.annotate(
            note,
            (0, 0),
            xycoords="axes fraction",
            xytext=(0, -4),
            textcoords="offset points",
            va="top",
            fontsize=8,
            color=GAP_INK,
        )
    return fig


CLOUD_NOTE = (
    "字号: 该年相对其他年份的对数似然 G²  size: log-likelihood G² of the word in this year against the other years"
)


def distinctive_cloud(keywords, year: int, seed: int = 20171023, top_n: int = 60) -> matplotlib.figure.Figure:
    """Draw a year's distinctive words as a word cloud, each sized by its keyness G².

    Parameters
    ----------
    keywords : pandas.DataFrame
        Output of :func:`helpers.analysis.keyness.keywords_by_year` (ask it for ``top_n`` words or more);
        with the columns of :func:`helpers.analysis.keyness.keyword_spread`, a year of several articles
        draws only the words at least two of them use.
    year : int
        The year to draw.
    seed : int
        Fixes the layout.
    top_n : int
        At most this many words, the most distinctive first.
    """
    title = f"{year} 特色词 distinctive words"
    rows = keywords[(keywords["year"] == year) & (keywords["direction"] == "over")]
    if (rows["method"] != "g2").any():
        return NoChart(f"{title}: one year only, no other year to find its distinctive words against")
    rows, note = _cloud_rows(keywords, year, top_n)
    if rows.empty:
        return NoChart(f"{title}: no word used more than in the other years by more than one article")
    return wordcloud_figure(dict(zip(rows["word"], rows["g2"])), title, seed=seed, note=note)


def _cloud_rows(keywords, year: int, top_n: int = 60):
    """Return the words a year's cloud draws, most distinctive first, and the note under it."""
    rows = keywords[(keywords["year"] == year) & (keywords["direction"] == "over")]
    rows = rows[rows["g2"] > 0].sort_values(["g2", "word"], ascending=[False, True], kind="stable").head(top_n)
    if {"in_articles", "year_articles"} <= set(rows.columns) and (rows["year_articles"] > 1).any():
        # In a year of several articles, a word one article carries alone is that article's subject: left out.
        shared = rows[rows["in_articles"] > 1]
        note = (
            f"{CLOUD_NOTE}\n仅含该年至少两篇文章使用的词 only words at least two of the year's articles use: "
            f"{len(shared)} of {len(rows)} (a word one article carries alone is that article's subject)"
        )
        return shared, note
    return rows, CLOUD_NOTE


def cloud_words(keywords, year: int, top_n: int = 60) -> list[str]:
    """Return the words :func:`distinctive_cloud` draws for a year, most distinctive first (for its alt text)."""
    return list(_cloud_rows(keywords, year, top_n)[0]["word"])


def heatmap(matrix, title: str, value_label: str, fmt: str = "{:.1f}") -> matplotlib.figure.Figure:
    """Draw a labelled heatmap (rows × columns), each cell annotated with its value.

    When the columns are years, every year from the first to the last is a
    column: a year the matrix lacks is a shaded gap, marked as a year
    without articles (the matrix holds every year that has any).

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
    missing: list[int] = []
    if _are_years(matrix.columns):
        every, missing = year_axis(matrix.columns)
        matrix = matrix.set_axis([int(c) for c in matrix.columns], axis=1).reindex(columns=every)
    values = matrix.to_numpy(dtype=float)
    fig, ax = plt.subplots(figsize=(1.2 + 0.9 * matrix.shape[1], 0.8 + 0.42 * matrix.shape[0]))
    cmap = matplotlib.colormaps["Blues"].with_extremes(bad=GAP_COLOUR)
    image = ax.imshow(np.ma.masked_invalid(values), cmap=cmap, aspect="auto")
    ax.set_xticks(range(matrix.shape[1]), [str(c) for c in matrix.columns])
    ax.set_yticks(range(matrix.shape[0]), [str(r) for r in matrix.index])
    peak = float(np.nanmax(values)) if np.isfinite(values).any() else 1.0
    for (i, j), value in np.ndenumerate(values):
        if np.isnan(value):
            continue
        colour = "white" if value > 0.6 * peak else "#1d2330"
        ax.text(j, i, fmt.format(value), ha="center", va="center", fontsize=8, color=colour)
    columns = list(matrix.columns)
    for run in _runs(missing):
        centre = (columns.index(run[0]) + columns.index(run[-1])) / 2
        ax.text(
            centre,
            (matrix.shape[0] - 1) / 2,
            NO_ARTICLES,
            rotation=90,
            ha="center",
            va="center",
            fontsize=8,
            color=GAP_INK,
        )
        for year in run:
            ax.get_xticklabels()[columns.index(year)].set_color(GAP_INK)
    ax.spines[:].set_visible(False)
    fig.colorbar(image, ax=ax, label=value_label, shrink=0.8)
    ax.set_title(title)
    return fig


def _are_years(labels) -> bool:
    try:
        return len(labels) > 0 and all(float(c) == int(c) and 1900 <= int(c) <= 2100 for c in labels)
    except (TypeError, ValueError):
        return False


KIND_MARKERS = {  # marker, filled: outcomes filled, promises hollow
    "achieved": ("o", True),
    "signed": ("^", True),
    "ranking": ("s", True),
    "target": ("o", False),
    "plan": ("D", False),
    "context": ("x", True),
}
# Values are drawn in one unit per axis (money in 亿元), and labelled in it.
BASE_UNIT_SCALE = {
    "元": (1e8, "亿元"),
    "USD": (1e8, "亿美元"),
    "ratio": (0.01, "%"),
    "count": (1, "count"),
    "m²": (1e4, "万平方米"),
}


MARKER_SIZE = 46  # points², as scatter takes it
DODGE = 0.13  # years an outcome and a promise of the same year stand apart
LABEL_ORDER = ("achieved", "ranking", "signed", "target", "plan", "context")  # which kind a year's label shows first
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


def series_chart(points, columns: int = 2, years=None) -> matplotlib.figure.Figure:
    """Draw each recurring indicator over time, one panel per series.

    Filled markers are outcomes (achievements, rankings, signed deals),
    hollow ones targets and plans; a figure reported several times in a
    year is one marker. Every year from the first to the last is on the
    axis; a year without articles is shaded. Each year carries one label,
    an achievement if the year has one (else a ranking, a target, a plan),
    the one most often reported, in the unit of its axis (money in 亿元). A
    label goes where it overlaps no other text or marker, or is left out;
    the full list is the table below the chart. The legend sits above the
    panels.

    Parameters
    ----------
    points : pandas.DataFrame
        Output of :func:`helpers.analysis.ledger.series_points`.
    columns : int
        Panels per row.
    years : iterable of int, optional
        The years with articles about the zone: a year among them without a
        point is a year nothing was reported, not a gap.
    """
    points = points.dropna(subset=["year"])
    if points.empty:
        return NoChart("no recurring indicator in a dated article")
    groups = [group for _, group in points.groupby("series", sort=False)]
    rows = max(1, -(-len(groups) // columns))
    fig, axes = plt.subplots(rows, columns, figsize=(5.2 * columns, 2.9 * rows), squeeze=False)
    every, missing = year_axis(points["year"], years)
    handles, panels = {}, []
    for ax, group in zip(axes.flat, groups):
        scale, positions = _series_panel(ax, group, handles)
        _draw_years(ax, every, missing, fontsize=8)
        panels.append((ax, year_labels(group), scale, positions))
    for ax in list(axes.flat)[len(groups) :]:
        ax.remove()
    fig.tight_layout()
    order = [k for k in KIND_MARKERS if k in handles] + sorted(k for k in handles if k not in KIND_MARKERS)
    shown, labels = [handles[k] for k in order], list(order)
    if missing:
        shown.append(_gap_handle(gap_note(years)))
        labels.append(shown[-1].get_label())
    _header(fig, "", shown, labels)
    _place_labels(fig, panels)
    return fig


def _series_panel(ax, group, handles: dict) -> tuple[float, dict]:
    """Draw one series' markers, title and value axis.

    In a year with both outcomes and promises, outcomes sit a little left of
    the year and promises a little right, so that close values (197 and 202)
    stay two markers.

    Returns
    -------
    tuple of (float, dict)
        The scale values are divided by, and the x of each ``(year, value_base)`` marker.
    """
    scale, unit = BASE_UNIT_SCALE.get(group["base_unit"].iloc[0], (1, group["base_unit"].iloc[0]))
    filled_kind = group["kind"].map(lambda k: KIND_MARKERS.get(k, ("o", True))[1])
    both = set(group.loc[filled_kind, "year"]) & set(group.loc[~filled_kind, "year"])
    positions: dict = {}
    for filled_first in (True, False):  # an outcome's position wins where a promise has the same value
        for kind, rows_of_kind in group[filled_kind == filled_first].groupby("kind"):
            marker, filled = KIND_MARKERS.get(kind, ("o", True))
            distinct = rows_of_kind.drop_duplicates(["year", "value_base"])
            x = [y + (DODGE if not filled else -DODGE) * (y in both) for y in distinct["year"]]
            for key, xi in zip(zip(distinct["year"], distinct["value_base"]), x):
                positions.setdefault(key, xi)
            handles[kind] = _kind_markers(ax, kind, x, distinct["value_base"] / scale)
    ax.set_title(group["series_label"].iloc[0], fontsize=10)
    ax.tick_params(axis="y", labelsize=8)
    ax.set_ylabel(unit)
    ax.set_ylim(bottom=0, top=ax.get_ylim()[1] * 1.25)  # room for labels above the highest marker
    return scale, positions


def _kind_markers(ax, kind: str, x, y):
    """Scatter one kind's markers: outcomes filled blue, promises hollow vermilion."""
    marker, filled = KIND_MARKERS.get(kind, ("o", True))
    colour = PALETTE[0] if filled else PALETTE[3]
    if marker == "x":  # a line marker has no face
        return ax.scatter(x, y, marker=marker, s=MARKER_SIZE, label=kind, color=colour, zorder=3)
    return ax.scatter(
        x,
        y,
        marker=marker,
        s=MARKER_SIZE,
        label=kind,
        facecolors=colour if filled else "white",
        edgecolors=colour,
        zorder=3,
    )


def _label_text(value, unit, value_base, base_unit) -> str:
    """Write a figure in its axis's unit when the axis rescales (money in 亿元), else as written."""
    scale, axis_unit = BASE_UNIT_SCALE.get(base_unit, (None, None))
    if scale is None or base_unit == "count":
        return f"{value}{unit}"
    return f"{value_base / scale:.6g}{axis_unit}"


def year_labels(group) -> list[tuple[int, list[tuple[float, str]]]]:
    """Rank the figures of each year for its one label: ``(year, [(value_base, text), ...])``.

    Achievements first, then rankings, signed deals, targets, plans; within
    a kind, the figure reported most often first (ties: the larger, then the
    text). The text is the figure in its axis's unit when the axis rescales
    (money in 亿元, shares in %), else as written.
    """
    rank = {k: n for n, k in enumerate(LABEL_ORDER)}
    base = group["base_unit"] if "base_unit" in group else [""] * len(group)
    texts = [_label_text(*row) for row in zip(group["value"], group["unit"], group["value_base"], base)]
    counted = group.assign(text=texts).groupby(["year", "kind", "value_base", "text"], as_index=False).size()
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
    texts = [t.get_window_extent(renderer).extents for t in fig.findobj(Text) if t.get_text() and t.get_visible()]
    markers = np.array(
        [xy for ax, *_ in panels for c in ax.collections for xy in ax.transData.transform(c.get_offsets())]
    ).reshape(-1, 2)
    r = np.sqrt(MARKER_SIZE) / 2 * fig.dpi / 72  # a marker, as a box of its size
    taken = np.vstack([np.array(texts).reshape(-1, 4), np.hstack([markers - r, markers + r])])
    for ax, labels, scale, positions in panels:
        frame = ax.get_window_extent(renderer)
        for year, candidates in labels:
            spots = ((value, text, spot) for value, text in candidates for spot in _spots(positions, year, value))
            for value, text, (dx, dy, align) in spots:
                at = (positions.get((year, value), year), value / scale)
                label = ax.annotate(text, at, textcoords="offset points", xytext=(dx, dy), ha=align, fontsize=7.5)
                label.set_color(INK)
                box = label.get_window_extent(renderer)
                if _fits(box, frame, ax.transData.transform(at), align, taken, markers):
                    taken = np.vstack([taken, box.extents])
                    break
                label.remove()


def _spots(positions: dict, year: int, value: float) -> tuple:
    """Return the spots to try for a label: away from the other marker of its year first, when it has one."""
    x = positions.get((year, value), year)
    if x == year:
        return LABEL_SPOTS
    first, last = ("right", "left") if x < year else ("left", "right")  # an outcome left of a promise, or right
    return tuple(s for align in (first, "center", last) for s in LABEL_SPOTS if s[2] == align)


def _fits(box, frame, point, align: str, taken: np.ndarray, markers: np.ndarray) -> bool:
    """Say whether a label's box fits: inside its panel, over no text or marker, and next to its own marker.

    ``taken`` holds the boxes (x0, y0, x1, y1) of texts and markers, ``markers``
    the markers' centres, all in pixels. A label set above or below its
    marker must have no other marker between them, so that it cannot be read
    as another figure's.
    """
    if not (frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1):
        return False
    x0, y0, x1, y1 = taken.T
    if np.any((box.x0 < x1) & (x0 < box.x1) & (box.y0 < y1) & (y0 < box.y1)):
        return False
    if align != "center":
        return True
    px, py = point
    low, high = min(py, box.y0), max(py, box.y1)
    x, y = markers.T
    return not np.any((abs(x - px) < 8) & (low < y) & (y < high) & (abs(y - py) > 1))


KIND_COLOURS = {  # outcomes in blues and green, promises in warm colours, context grey
    "achieved": PALETTE[0],
    "signed": PALETTE[4],
    "ranking": PALETTE[2],
    "target": PALETTE[3],
    "plan": PALETTE[1],
    "context": GREY,
}


def kinds_chart(table, years=None) -> matplotlib.figure.Figure:
    """Draw stacked bars of how many figures per year are achievements, targets, plans and others.

    Six kinds at most, one colour each; a kind the chart has no colour for
    is counted under "other". Each bar's total is written above it; a year
    without articles is a shaded gap.

    Parameters
    ----------
    table : pandas.DataFrame
        Output of :func:`helpers.analysis.ledger.kinds_by_year` (years × kinds).
    years : iterable of int, optional
        The years with articles about the zone (a year among them with no
        figure is a zero, not a gap).
    """
    if table.empty or not table.to_numpy().sum():
        return NoChart("no figures in dated articles about the zone")
    known = [k for k in KIND_COLOURS if k in table.columns]
    other = [k for k in table.columns if k not in KIND_COLOURS]
    table = table[known].assign(**({"other": table[other].sum(axis=1)} if other else {}))
    colours = {**KIND_COLOURS, "other": GREY}
    every, missing = year_axis(table.index, years)
    table = table.set_axis([int(y) for y in table.index]).reindex(every, fill_value=0)
    fig, ax = plt.subplots(figsize=(7, 3.4))
    bottom = np.zeros(len(table))
    for kind in table.columns:
        values = table[kind].to_numpy(dtype=float)
        hatch = "///" if kind == "other" and "context" in table.columns else None
        ax.bar(
            every,
            values,
            bottom=bottom,
            label=kind,
            color=colours[kind],
            width=0.8,
            hatch=hatch,
            edgecolor="white" if hatch else None,
            linewidth=0,
        )
        bottom += values
    _draw_years(ax, every, missing, gap_note(years))
    _totals(ax, [y for y in every if y not in missing], [b for y, b in zip(every, bottom) if y not in missing])
    ax.set_title("每年的新数字: 成绩与目标 New figures per year, by kind (repeats of earlier articles left out)")
    ax.set_ylabel("new figures")
    handles, labels = ax.get_legend_handles_labels()
    _legend_right(ax, handles[::-1], labels[::-1])  # in the order of the stack, top first
    return fig


SHARE_LABEL_YEARS = 8  # with more years in a panel, the value axis reads the bars; labels would be noise


def theme_share_chart(by_year, columns: int = 4) -> matplotlib.figure.Figure:
    """Draw each theme's share of the year's theme hits, one small panel per theme, on one scale.

    A panel per theme instead of thirteen colours in one stacked bar: one
    colour, the share written above each bar (up to eight years), every year
    from the first to the last on the axis, a year without articles about the
    zone shaded.

    Parameters
    ----------
    by_year : pandas.DataFrame
        Output of :func:`helpers.analysis.themes.theme_by_year` (``year, theme, theme_zh, hits, share``).
    columns : int
        Panels per row.
    """
    if by_year.empty or not by_year["hits"].sum():
        return NoChart("no theme term in any dated article about the zone: no shares to show")
    order = list(dict.fromkeys(zip(by_year["theme"], by_year["theme_zh"])))
    table = by_year.pivot_table(index="year", columns="theme", values="share", aggfunc="sum", fill_value=0) * 100
    every, missing = year_axis(table.index)
    table = table.set_axis([int(y) for y in table.index]).reindex(every)
    rows = -(-len(order) // columns)
    fig, axes = plt.subplots(rows, columns, figsize=(2.6 * columns, 1.95 * rows), squeeze=False, sharey=True)
    top = float(np.nanmax(table.to_numpy())) * 1.3
    for ax, (theme, theme_zh) in zip(axes.flat, order):
        present = [y for y in every if y not in missing]
        values = table.loc[present, theme].to_numpy(dtype=float)
        ax.bar(present, values, color=PALETTE[0], width=0.75)
        for year, value in zip(present, values) if len(every) <= SHARE_LABEL_YEARS else ():
            ax.annotate(
                f"{value:.0f}",
                (year, value),
                textcoords="offset points",
                xytext=(0, 1.5),
                ha="center",
                va="bottom",
                fontsize=7,
                color=INK,
            )
        ax.set_ylim(0, top)
        _draw_years(ax, every, missing, fontsize=7.5)
        ax.tick_params(axis="y", labelsize=7.5)
        ax.set_title(f"{theme_zh}\n{theme.replace('_', ' ')}", fontsize=9, loc="left")
    for ax in list(axes.flat)[len(order) :]:
        ax.remove()
    for ax in axes[:, 0]:
        ax.set_ylabel("% of hits", fontsize=8)
    fig.tight_layout(h_pad=0.8)
    handles = [_gap_handle(NO_ARTICLES)] if missing else []
    _header(
        fig, "主题占比 Theme shares per year (% of the year's theme hits)", handles, [h.get_label() for h in handles]
    )
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
    colours = [PALETTE[3] if v < 0 else PALETTE[0] for v in rows["change"]]
    ax.barh(rows["theme_zh"], rows["change"], color=colours)
    ax.axvline(0, color=INK, linewidth=0.8)
    ax.set_xlabel(f"change in hits per 1,000 characters, {previous} → {year}")
    ax.set_title(f"{year} 与 {previous} 相比 Theme change against {previous}")
    return fig


# The statuses of helpers.analysis.targets.STATUSES. Okabe & Ito's colour-blind-safe colours: green for met,
# orange for partly, vermilion for not met, purple for contradicted, blue for superseded; the two that say
# nothing can be judged share one grey, "not comparable" hatched, so no chart shows more than six colours.
STATUS_COLOURS = {
    "met": PALETTE[2],
    "partly": PALETTE[1],
    "not met": PALETTE[3],
    "contradicted": PALETTE[5],
    "superseded": PALETTE[0],
    "no later report": GREY,
    "not comparable": GREY,
}
STATUS_HATCHES = {"not comparable": "///"}


def promises_chart(summary) -> matplotlib.figure.Figure:
    """Draw promised versus delivered: each target year's targets by what later reports show.

    Every year from the first target year to the last is on the axis (a
    year no target is for shows 0); targets without a year stand apart on
    the right. Only the statuses that occur are in the legend.

    Parameters
    ----------
    summary : pandas.DataFrame
        Output of :func:`helpers.analysis.targets.promise_summary` (``target_year`` and one column per status).
    """
    if summary.empty:
        return NoChart("no targets or plans in the articles about the zone")
    statuses = [s for s in STATUS_COLOURS if s in summary.columns and summary[s].sum() > 0]
    dated = summary.dropna(subset=["target_year"])
    undated = summary[summary["target_year"].isna()]
    every, _ = year_axis(dated["target_year"])
    table = dated.set_index(dated["target_year"].astype(int))[statuses].reindex(every, fill_value=0)
    x = list(every)
    if len(undated):
        table.loc[every[-1] + 2 if every else 0] = undated[statuses].sum()
        x.append(table.index[-1])
    fig, ax = plt.subplots(figsize=(7, 3.4))
    bottom = np.zeros(len(table))
    for status in statuses:
        values = table[status].to_numpy(dtype=float)
        hatch = STATUS_HATCHES.get(status)
        ax.bar(
            x,
            values,
            bottom=bottom,
            label=status,
            color=STATUS_COLOURS[status],
            width=0.8,
            hatch=hatch,
            edgecolor="white" if hatch else None,
            linewidth=0,
        )
        bottom += values
    _totals(ax, x, bottom)
    ticks = year_labels_that_fit(ax, every, 10, extra=2 if len(undated) else 0)
    ax.set_xticks(x, ticks + (["no year"] if len(undated) else []))
    ax.set_xlim(min(x) - 0.6, max(x) + 0.6)
    ax.set_title("承诺与兑现 Targets and plans, by what later reports show")
    ax.set_xlabel("year the target is for")
    ax.set_ylabel("targets and plans")
    handles, labels = ax.get_legend_handles_labels()
    _legend_right(ax, handles[::-1], labels[::-1])  # in the order of the stack, top first
    return fig


def lifespan_chart(lifespans, mentions, years=None) -> matplotlib.figure.Figure:
    """Draw each numbered policy formula's lifespan: a line from first to last year, a dot per year named.

    Every year from the first to the last is on the axis; a year without
    articles is shaded and said so at the top.

    Parameters
    ----------
    lifespans : pandas.DataFrame
        ``canonical, first_year, last_year`` (one row per formula, in the order to draw, top first).
    mentions : pandas.DataFrame
        ``canonical, year`` (one row per mention); dot size is mentions in that year.
    years : iterable of int, optional
        The years with articles about the zone.
    """
    lifespans = lifespans.dropna(subset=["first_year"])
    mentions = mentions.dropna(subset=["year"])
    if lifespans.empty:
        return NoChart("no numbered policy formula named in a dated article about the zone")
    order = list(lifespans["canonical"])
    fig, ax = plt.subplots(figsize=(7.5, 0.26 * len(order) + 1.6))
    y = {name: len(order) - k for k, name in enumerate(order)}
    for row in lifespans.itertuples():
        ax.plot([row.first_year, row.last_year], [y[row.canonical]] * 2, color=GREY, linewidth=2, zorder=1)
    per_year = mentions.groupby(["canonical", "year"]).size().reset_index(name="n")
    per_year = per_year[per_year["canonical"].isin(order)]
    ax.scatter(per_year["year"], per_year["canonical"].map(y), s=18 + 14 * per_year["n"], color=PALETTE[0], zorder=2)
    ax.set_yticks(list(y.values()), list(y.keys()), fontsize=8)
    ax.set_ylim(0.3, len(order) + 2.2)  # the top two rows' height holds the note on years without articles
    every, missing = year_axis(mentions["year"], years)
    _draw_years(ax, every, missing, gap_note(years), note_at=len(order) + 1.4)
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
