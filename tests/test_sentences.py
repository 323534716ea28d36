"""Tests for helpers.sentences: one sentence rule, on real sentences of the seed corpus and the page collections."""

import re

import pytest
from corpora import SEED_RAW

from helpers.analysis import entities, formulas, indicators, themes
from helpers.sentences import ends_sentence, sentence_at, sentence_index, soft_breaks, split_sentences

# Texts as the analysis reads them (the reader's article text; traditional pages in their simplified copy).
# tests/fixtures/seed/raw/003_778513eb0832983c.txt, the 2021 page: a number cut from its unit, and a
# qualifier cut from its number, by a print layout's line breaks.
CUT_FIGURES = (
    "聚力推进体制机制改革,剥离职能69\n\n项,机构数量压缩68%,实现瘦身强体、轻装上阵。\n\n"
    "全面消除集体收入5万元以下村,10万元以\n\n上村达到79.6%。"
)
# tests/fixtures/pages2/001_udn.txt (simplified): a column-wrapped paragraph, lines of about 45 characters.
WRAPPED = (
    "竹科、中科年营收 可望双双破兆\n"
    "新竹科学园区成立迄今41年,科管局于12月15日举办园庆,竹科今年前十月营业额逾1.3兆\n"
    "元、年增29.5%,可望创下历史新高、并达到连续12年破兆元纪录,竹科下辖园区中,引进\n"
    "生技产业为主的生医园区营业额,更较2020同期爆发性成长565.6%,即便国际疫情严峻影响,竹科仍交出漂亮的成绩单。"
)


@pytest.mark.parametrize(
    "text, expected",
    [
        # 。！？ end a sentence; a line break does too.
        ("甲乙。丙丁！\n戊己", ["甲乙。", "丙丁！", "戊己"]),
        ("  标题\n\n正文一句。 ", ["标题", "正文一句。"]),
        # A closing quote after 。 belongs to the sentence it closes (seed 003, the commentary).
        (
            "习近平总书记指出:“推进全面依法治国,根本目的是依法保障人民权益。”公平正义是人民的期盼,是法治的生命线。",
            [
                "习近平总书记指出:“推进全面依法治国,根本目的是依法保障人民权益。”",
                "公平正义是人民的期盼,是法治的生命线。",
            ],
        ),
        # pages3/011_91coo.txt: the ledger used to open the next sentence with the closing quote.
        (
            "“现在1、8、9号楼已封顶,2、6、7号楼预计这个月封顶。”四川瑞可达连接系统有限公司总经理秦刚介绍,整个工期12个月,目前已完成工程量的50%。",
            [
                "“现在1、8、9号楼已封顶,2、6、7号楼预计这个月封顶。”",
                "四川瑞可达连接系统有限公司总经理秦刚介绍,整个工期12个月,目前已完成工程量的50%。",
            ],
        ),
        # A straight quote after 。 closes the sentence only when it closes a quote opened in it.
        ('他说"好。"然后"走"了。"新句"开始。', ['他说"好。"', '然后"走"了。', '"新句"开始。']),
        ("他说“好。”然后走了?对", ["他说“好。”", "然后走了?", "对"]),
        # A run of terminators is one end; ? inside a Latin token (a URL) is none.
        ("真的？！”好", ["真的？！”", "好"]),
        (
            "见 http://www.jnhn.gov.cn/x.php?id=3 页。好!2021年",
            ["见 http://www.jnhn.gov.cn/x.php?id=3 页。", "好!", "2021年"],
        ),
        # Headings are sentences of their own, never joined to the paragraph under them (seed 000, 001).
        (
            "◎高端装备产业\n\n重点培育山推销售收入倍增计划,重汽公司明年销售收入破百亿。",
            ["◎高端装备产业", "重点培育山推销售收入倍增计划,重汽公司明年销售收入破百亿。"],
        ),
        (
            "壮大项目服务生力军 90%招标主体为公司\n\n项目公司化运作是主路径。今后政府投资建设的项目主体定在公司。",
            [
                "壮大项目服务生力军 90%招标主体为公司",
                "项目公司化运作是主路径。",
                "今后政府投资建设的项目主体定在公司。",
            ],
        ),
        (
            "2020年, 这些方面重点突破\n\n全力打造千亿级现代化产业集群\n\n重点启动2000亩的医养健康产业集聚区建设。",
            ["2020年, 这些方面重点突破", "全力打造千亿级现代化产业集群", "重点启动2000亩的医养健康产业集聚区建设。"],
        ),
        # A headline in two parts set apart by a space, with a comma, over a dateline (seed 000).
        (
            "全市开发区进行综合评比 现场打分,济宁高新区获第一名\n本报济宁12月3日讯(记者 孟杰),近日,全市开发区综合评比揭晓。",
            [
                "全市开发区进行综合评比 现场打分,济宁高新区获第一名",
                "本报济宁12月3日讯(记者 孟杰),近日,全市开发区综合评比揭晓。",
            ],
        ),
        # Page furniture ending in a number is not joined to the story (pages3/002_hfgx.txt).
        (
            "• 浏览:2582\n项目谋划突出“前瞻性”。以重点项目为抓手。",
            ["• 浏览:2582", "项目谋划突出“前瞻性”。", "以重点项目为抓手。"],
        ),
        # A remark in brackets after a sentence's end ends the line (pages2/002_ltn.txt).
        (
            "较2024年上半年成长26.74％，再创新高。（记者吴柏轩摄）\n〔记者吴柏轩／台北报导〕国科会辖下主管3大科学园区今（24）日公布今年上半年营收，受惠半导体产业。",
            [
                "较2024年上半年成长26.74％，再创新高。",
                "（记者吴柏轩摄）",
                "〔记者吴柏轩／台北报导〕国科会辖下主管3大科学园区今（24）日公布今年上半年营收，受惠半导体产业。",
            ],
        ),
        # Soft breaks: a figure cut from its unit or qualifier, a column-wrapped paragraph.
        (
            CUT_FIGURES,
            [
                "聚力推进体制机制改革,剥离职能69项,机构数量压缩68%,实现瘦身强体、轻装上阵。",
                "全面消除集体收入5万元以下村,10万元以上村达到79.6%。",
            ],
        ),
        (
            WRAPPED,
            [
                "竹科、中科年营收 可望双双破兆",
                "新竹科学园区成立迄今41年,科管局于12月15日举办园庆,竹科今年前十月营业额逾1.3兆元、年增29.5%,"
                "可望创下历史新高、并达到连续12年破兆元纪录,竹科下辖园区中,引进生技产业为主的生医园区营业额,"
                "更较2020同期爆发性成长565.6%,即便国际疫情严峻影响,竹科仍交出漂亮的成绩单。",
            ],
        ),
        # A line opening with punctuation continues the one before.
        ("高新区围绕四大主导产业\n,启动实施产业集群培育。", ["高新区围绕四大主导产业,启动实施产业集群培育。"]),
        ("", []),
        (" \n\n ", []),
    ],
)
def test_split_sentences(text, expected):
    parts = split_sentences(text)
    assert [s.text for s in parts] == expected
    dropped = {i for a, b in soft_breaks(text) for i in range(a, b)}
    for start, end, sentence in parts:
        assert "".join(ch for i, ch in enumerate(text[start:end], start) if i not in dropped) == sentence


def test_offsets_point_into_the_text_and_a_soft_break_is_taken_out_of_the_sentence_only():
    first, second = split_sentences(CUT_FIGURES)
    assert (first.start, second.start) == (0, CUT_FIGURES.index("全面消除"))
    assert (
        CUT_FIGURES[first.start : first.end]
        == "聚力推进体制机制改革,剥离职能69\n\n项,机构数量压缩68%,实现瘦身强体、轻装上阵。"
    )
    assert soft_breaks(CUT_FIGURES) == [(17, 19), (CUT_FIGURES.index("\n\n上"), CUT_FIGURES.index("上村"))]


@pytest.mark.parametrize(
    "line, ends",
    [
        ("实现瘦身强体、轻装上阵。", True),
        ("根本目的是依法保障人民权益。”", True),
        ("各有关单位:", True),
        ("再创新高。（记者吴柏轩摄）", True),
        ("推动“三廊七大片区”", False),  # a closing quote ends a sentence only after 。！？
        ("现场访谈（图）", False),
        ("其中,高", False),
        ("", False),
    ],
)
def test_ends_sentence(line, ends):
    assert ends_sentence(line) is ends


def test_a_position_belongs_to_the_sentence_around_it_or_the_one_before():
    text = "甲乙。  丙丁。"
    parts = split_sentences(text)
    assert [sentence_index(parts, pos) for pos in range(len(text))] == [0, 0, 0, 0, 0, 1, 1, 1]
    assert sentence_at(parts, 6) == "丙丁。" and sentence_at([], 3) == "" and sentence_index([], 0) == -1


@pytest.mark.parametrize("path", sorted(SEED_RAW.glob("*.txt")), ids=lambda p: p.name[:3])
def test_sentences_of_a_seed_page_cover_every_character_once_in_order(path):
    text = path.read_text("utf-8")
    parts = split_sentences(text)
    assert all(a.end <= b.start for a, b in zip(parts, parts[1:]))
    covered = {i for s in parts for i in range(s.start, s.end)}
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())
    assert all(s.text == s.text.strip() and s.text for s in parts)


# --- every table quotes a figure by the same sentence -------------------------------


def test_the_tables_quote_the_same_sentence_for_the_same_place(articles):
    zone = articles[articles["about_zone"]]
    texts = dict(zip(zone["article_id"], zone["text"]))
    sentences = {aid: split_sentences(text) for aid, text in texts.items()}
    quoted = {
        "indicators": indicators.indicators_table(zone),
        "formulas": formulas.formula_table(zone),
        "entities": entities.entity_mentions(zone),
    }
    for name, table in quoted.items():
        assert len(table), name
        for aid, start, sentence in zip(table["article_id"], table["start"], table["sentence"]):
            assert sentence == sentence_at(sentences[aid], start), (name, aid, start)
    carriers = themes.theme_sentences(zone, themes.load_themes(), top_n=1000)
    for aid, start, sentence in zip(carriers["article_id"], carriers["start"], carriers["sentence"]):
        assert sentence_at(sentences[aid], start) == sentence


def test_a_figure_in_a_heading_is_quoted_with_the_heading_alone(articles):
    # Seed 001: the indicators once joined this heading to the paragraph under it (项 opens a unit, 项目 a word).
    row = articles[articles["file"].str.startswith("001")].iloc[0]
    table = indicators.extract_indicators(row["text"], row["date"])
    heading = table[table["sentence"].str.startswith("壮大项目服务生力军")]
    assert list(heading["sentence"]) == ["壮大项目服务生力军 90%招标主体为公司"]
    assert not re.search(r"\n", "".join(table["sentence"]))
