import matplotlib.pyplot as plt
import pytest

from helpers import charts
from helpers.errors import MissingGlyphError


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
    ax.set_title("高新区 \U0001F600")  # the CJK font has no emoji
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
