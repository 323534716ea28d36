import pytest

from helpers.dates import date_from_dateline, date_from_lede, format_date, infer_year, resolve_relative


@pytest.mark.parametrize("parts, expected", [((2019,), "2019"), ((2019, 12), "2019-12"), ((2019, 12, 3), "2019-12-03")])
def test_format_date_keeps_the_precision_given(parts, expected):
    assert format_date(*parts) == expected


@pytest.mark.parametrize(
    "text, year",
    [
        # 000: plans for 2020 under a heading, 明年 in the text: the article is from 2019.
        ("2018年12月份,高新区率先启动了体制机制改革,到今年5月份基本完成第一轮改革。2020年, 这些方面重点突破。重汽公司明年销售收入破百亿", 2019),
        # 001's lede: a 2016 review and 2017 conference.
        ("20日,济宁高新区召开2016年度总结表彰暨2017年创新发展大会,敲定2017年经济社会发展蓝图。", 2017),
        ("2018年,高新区这样布局发展", 2018),
        ("今年以来,济宁高新区坚持“当标兵、作示范、争一流”工作总基调", None),
        ("全年营收增长3.2%,完成投资2019亿元", None),  # an amount, not a year: no 年 after it
    ],
)
def test_infer_year(text, year):
    assert infer_year(text)[0] == year


def test_date_from_dateline_keeps_month_and_day_and_says_why():
    dated = date_from_dateline(12, 3, "2020年, 这些方面重点突破……确保蓼河新城明年初具形象")
    assert dated.date == "2019-12-03"
    assert "12月3日" in dated.evidence and "明年" in dated.evidence


def test_an_article_without_any_year_is_undated_and_says_so():
    dated = date_from_lede("高新区召开会议", "今年以来,各项工作取得重大进展。")
    assert (dated.date, dated.year) == ("", None)
    assert "no date" in dated.evidence


@pytest.mark.parametrize(
    "expression, article_date, expected",
    [("今年", "2019-12-03", "2019"), ("明年", "2019-12-03", "2020"), ("去年", "2017", "2016"), ("年内", "2017", "2017"), ("明年", "", "")],
)
def test_relative_years_resolve_against_the_article_not_today(expression, article_date, expected):
    assert resolve_relative(expression, article_date) == expected
