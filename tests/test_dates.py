import pytest

from helpers.corpus.dates import (
    Candidate,
    choose_date,
    dateline_date,
    find_dates,
    format_date,
    infer_year,
    resolve_relative,
)


@pytest.mark.parametrize("parts, expected", [((2019,), "2019"), ((2019, 12), "2019-12"), ((2019, 12, 3), "2019-12-03")])
def test_format_date_keeps_the_precision_given(parts, expected):
    assert format_date(*parts) == expected


@pytest.mark.parametrize(
    "text, year",
    [
        # 000: plans for 2020 under a heading, 明年 in the text: the article is from 2019.
        (
            "2018年12月份,高新区率先启动了体制机制改革,到今年5月份基本完成第一轮改革。2020年, 这些方面重点突破。重汽公司明年销售收入破百亿",
            2019,
        ),
        # 001's lede: a 2016 review and 2017 conference.
        ("20日,济宁高新区召开2016年度总结表彰暨2017年创新发展大会,敲定2017年经济社会发展蓝图。", 2017),
        ("2018年,高新区这样布局发展", 2018),
        ("今年以来,济宁高新区坚持“当标兵、作示范、争一流”工作总基调", None),
        ("全年营收增长3.2%,完成投资2019亿元", None),  # an amount, not a year: no 年 after it
    ],
)
def test_infer_year(text, year):
    assert infer_year(text)[0] == year


@pytest.mark.parametrize(
    "expression, article_date, expected",
    [
        ("今年", "2019-12-03", "2019"),
        ("明年", "2019-12-03", "2020"),
        ("去年", "2017", "2016"),
        ("年内", "2017", "2017"),
        ("明年", "", ""),
    ],
)
def test_relative_years_resolve_against_the_article_not_today(expression, article_date, expected):
    assert resolve_relative(expression, article_date) == expected


@pytest.mark.parametrize(
    "text, dates",
    [
        # Shapes from real publication lines (tests/fixtures/pages/, dev set).
        ("来源:红网 作者:王娟娟 冯茜宁 编辑:肖拓 2023-08-20 20:18:24", ["2023-08-20"]),
        ("http://www.sina.com.cn  2010年06月29日07:38  东方网-文汇报", ["2010-06-29"]),
        ("發布日期: 2022- 07- 18 14: 50", ["2022-07-18"]),
        ("日期:2016-3-22(原创文章,禁止转载)", ["2016-03-22"]),
        ("30.01.2018  02:16", ["2018-01-30"]),
        ("By on October 6, 2021", ["2021-10-06"]),
        ("2015年首批14家高新区升级为国家高新技术产业开发区2015年2月5日,长治、锦州", ["2015-02-05"]),
        ("二〇二三年八月二十日", ["2023-08-20"]),
        ("2021-02-30 2021/2/29", []),  # not calendar dates
        ("全年营收增长3.2%,完成投资2019.5亿元", []),
    ],
)
def test_find_dates_reads_every_common_layout_and_only_real_dates(text, dates):
    assert [f.iso for f in find_dates(text)] == dates


def test_the_strongest_source_wins_and_keeps_its_evidence():
    dated, notes = choose_date(
        [
            Candidate("year in headline or lede", "2019", "latest year named is '2019年'"),
            Candidate("publication line", "2019-03-27", "'发布时间:2019-03-27'"),
            Candidate("dateline", "2019-03-26", "dateline '本报3月26日讯', year from 2019"),
        ]
    )
    assert dated.date == "2019-03-27" and dated.evidence.startswith("publication line: ")
    assert notes == []  # a day apart is normal


def test_a_dateline_far_from_the_publication_date_gives_a_warning():
    # 052 (dev page): 日期:2016-3-22 above a story opened 今日4月28日讯.
    dated, notes = choose_date(
        [
            Candidate("page publication line", "2016-03-22", "'日期:2016-3-22(原创文章,禁止转载)'"),
            Candidate("dateline", "2016-04-28", "dateline '今日4月28日讯', year from 2016"),
        ]
    )
    assert dated.date == "2016-03-22"
    assert notes and "37 days apart" in notes[0]


def test_with_no_candidate_the_article_is_undated_and_says_what_was_looked_for():
    dated, _ = choose_date([Candidate("dateline", "", "dateline '本报讯' gives no month or day")])
    assert dated.date == "" and "no date in the text" in dated.evidence and "本报讯" in dated.evidence


@pytest.mark.parametrize(
    "month, day, anchor, expected",
    [(12, 31, "2020-01-02", "2019-12-31"), (3, 26, "2019-03-27", "2019-03-26"), (2, 30, "2019", "")],
)
def test_a_dateline_takes_the_year_of_the_date_near_it(month, day, anchor, expected):
    assert dateline_date(month, day, anchor) == expected
