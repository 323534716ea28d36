import pytest

from helpers.furniture import classify_line

# Real lines from data/raw, with the kind of furniture each one is.
FURNITURE = [
    ("投稿邮箱:cngxkj@126.com", "e-mail"),
    ("网站首页 > 科技创新 > 科创园区 > 正文", "breadcrumb"),
    ("上一篇:中关村海淀园加快中关村科学城建设步伐", "previous/next link"),
    ("下一篇:用先进文化引领常州高新区创新发展", "previous/next link"),
    ("版权声明:凡注有稿件来源为“中国高新科技网”的稿件,均为中国高新科技网版权稿件,转载必须注明来源为“中国高新科技网”", "copyright notice"),
    ("主管：济宁高新区党工委宣传部（融媒体中心）", "masthead credit"),
    ("融媒热线：0537-6557709", "hotline"),
    ("报纸热线：0537-6557731", "hotline"),
    ("E-mail: jngxxw2020@163.com", "e-mail"),
    ("2021年11月5日", "masthead date"),
    ("星期五", "weekday"),
    ("农历辛丑年十月初一", "lunar date"),
    ("高新区报总第589期 2021年第82期", "issue number"),
    ("活力·魅力·热点·焦点", "masthead slogan"),
    ("来源:中国高新技术产业导报 时间:2017-10-23", "publication line"),
    # Shapes of saved government pages (not in the five articles).
    ("当前位置：首页 > 新闻中心 > 园区动态", "breadcrumb"),
    ("首页 | 新闻中心 | 政务公开 | 办事服务", "navigation menu"),
    ("发布时间：2023-05-12 10:21:33 来源：济宁日报", "publication line"),
    ("【打印】 【关闭窗口】", "page tools"),
    ("【字体：大 中 小】 【打印】 【关闭】", "page tools"),
    ("济宁高新区管委会 | 网站首页 | 新闻中心 | 政务公开 | 政务服务 | 互动交流", "navigation menu"),
    ("网站标识码：3708000001 鲁ICP备12345678号 鲁公网安备 37089902000123号", "site registration"),
    ("主办单位：济宁高新区管委会办公室 联系电话：0537-1234567", "hotline"),
    ("来源：济宁日报 2023-03-15", "publication line"),
]

ARTICLE_TEXT = [
    "济宁高新新闻",  # a paper's name alone is only furniture above a masthead date; see test_corpus
    "本报济宁讯(记者 刘菲 薛坤 陈曦 曹俐 通讯员 唐诗萌)11月1日下午,全市重点项目现场观摩评比结果出炉。",
    "9月29日上午9时30分,随着上海证券交易所一记洪亮的锣声响起,辰欣药业股份有限公司在上海证券交易所主板挂牌上市。",
    "撸起袖子加油干",
    "◎高端装备产业",
    "一、新旧动能转换工作线",
    "在年初召开的2018年经济工作会议中,济宁高新区全面分析了目前发展面临的新形势、新任务和新机遇,提出2018年要以六大主线为引领,全力以赴调结构增效益;以六大主题攻坚年为纽带,全力以赴促落实见成效。",
]


@pytest.mark.parametrize("line, kind", FURNITURE)
def test_furniture_lines_are_recognised(line, kind):
    assert classify_line(line).furniture == kind


@pytest.mark.parametrize("line", ARTICLE_TEXT)
def test_article_lines_are_not_furniture(line):
    assert classify_line(line).furniture is None


@pytest.mark.parametrize(
    "line, meta",
    [
        ("来源:中国高新技术产业导报 时间:2017-10-23", {"source": "中国高新技术产业导报", "date": (2017, 10, 23)}),
        ("发布时间：2023-05-12 10:21:33 来源：济宁日报", {"source": "济宁日报", "date": (2023, 5, 12)}),
        ("发布日期：2024年3月8日", {"date": (2024, 3, 8)}),
        ("1.凡本网注明“来源:高新科技网”的所有作品,版权均属于高新科技网所有,未经本网授权,任何单位及个人不得转载、摘编或以其它方式使用上述作品。", {"site": "高新科技网"}),
    ],
)
def test_publication_lines_yield_their_metadata(line, meta):
    found = classify_line(line).meta
    assert {k: found.get(k) for k in meta} == meta
