import pytest

from helpers.corpus.furniture import classify_line, classify_page

# Real lines from data/raw, with the kind of furniture each one is.
FURNITURE = [
    ("投稿邮箱:cngxkj@126.com", "e-mail"),
    ("网站首页 > 科技创新 > 科创园区 > 正文", "breadcrumb"),
    ("上一篇:中关村海淀园加快中关村科学城建设步伐", "previous/next link"),
    ("下一篇:用先进文化引领常州高新区创新发展", "previous/next link"),
    (
        "版权声明:凡注有稿件来源为“中国高新科技网”的稿件,均为中国高新科技网版权稿件,转载必须注明来源为“中国高新科技网”",
        "copyright notice",
    ),
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

# Real furniture lines from the dev pages of tests/fixtures/pages/ (file number in the comment).
WEB_FURNITURE = [
    ("来自:", "publication line"),  # 001
    ("北晚新视觉 > 新闻 > 国内", "breadcrumb"),  # 013
    ("新闻首页  »  专题稿源  »  正文", "breadcrumb"),  # 022
    ("本报记者 穆可亮 通讯员 余波 摄", "image"),  # 020
    ("本文共635字", "hit counter"),  # 010
    ("0", "hit counter"),  # 014, a like counter
    ("分享至", "share widget"),  # 014
    ("跳转到正文内容", "page tools"),  # 019
    ("热门搜索:", "page tools"),  # 040
    ("Skip This Ads", "page tools"),  # 011
    ("【摘要】", "summary marker"),  # 016
    ("原文刊於信報財經新聞", "source note"),  # 011
    ("peopledaily.com.cn", "site address"),  # 043
    ("https://www.cna.com.tw/news/afe/202403200353.aspx", "site address"),  # 034
    ("|", "punctuation only"),  # 032
    ("皖公网安备 34080302000298 号", "site registration"),  # 029
    ("(责任编辑:admin)", "publication line"),  # 037: an editor label, kept as metadata
    ("文章来源:http://www.chinesesci-techcity.org/sdxw/560.jhtml", "publication line"),  # 037
    ("2024年08月15日 星期四", "masthead date"),  # 017
    ("朗读", "page tools"),  # pages3/012, a read-aloud button
    ("标签: 合肥模式 地方发展主义", "page tools"),  # pages3/013
    ("摘要:科技部:国家高新区预计去年营收28万亿元", "summary marker"),  # pages2/005
    ("浏览:次", "hit counter"),  # pages2/005
    ("13:54", "hit counter"),  # pages3/018, a time on its own line
    ("齐鲁晚报·齐鲁壹点客户端    12-17原创", "source note"),  # pages3/029
]


@pytest.mark.parametrize("line, kind", WEB_FURNITURE)
def test_web_page_furniture_is_recognised(line, kind):
    assert classify_line(line).furniture == kind


@pytest.mark.parametrize(
    "lines, kinds",
    [
        # 040: a menu of short lines (Chinese and English) at the top of the page.
        (["格栅灯厂家", "免费服务热线", "Free service", "hotline"], ["navigation menu"] * 4),
        # 056: a bulleted list of links.
        (["- 上海率先将海关AEO制度经验引入工业领域", "- 天津东疆“双区叠加”发展特色产业"], ["list of links"] * 2),
        # 052: everything after 推荐阅读 is links.
        (["【推荐阅读】", "灌云开发区 打造“生态都市园区”"], ["related links", "related links"]),
        # Seed 000: 相关链接 heading a sidebar of the story, followed by its sentences, is not the tail.
        (
            [
                "相关链接",
                "做实做细“五大保障”",
                "◎要素保障项目化",
                "实施“要素跟着项目走”改革,新增土地指标重点倾斜重点产业项目建设。",
            ],
            [None] * 4,
        ),
        # 017: a line above a date is a paper's name only if it is named like one.
        (["新聞源 財富源", "2024年08月15日 星期四"], [None, "masthead date"]),
        (["济宁高新新闻", "2021年11月5日"], ["masthead title", "masthead date"]),
        # pages3/004: a label on one line, its value on the next.
        (["来源:", "浙江在线"], ["publication line", "publication line"]),
    ],
)
def test_the_sequence_of_lines_shows_menus_link_lists_and_tails(lines, kinds):
    assert [info.furniture for info in classify_page(lines)] == kinds


ARTICLE_TEXT = [
    "济宁高新新闻",  # a paper's name alone is only furniture above a masthead date; see test_corpus
    "本报济宁讯(记者 刘菲 薛坤 陈曦 曹俐 通讯员 唐诗萌)11月1日下午,全市重点项目现场观摩评比结果出炉。",
    "9月29日上午9时30分,随着上海证券交易所一记洪亮的锣声响起,辰欣药业股份有限公司在上海证券交易所主板挂牌上市。",
    "撸起袖子加油干",
    "◎高端装备产业",
    "一、新旧动能转换工作线",
    "苏州高铁新城创新引领,跑出数字经济发展“加速度”",  # a headline ending in a quote (014)
    # A photo caption paragraph is the text of a photo story (pages/025).
    "▲10月25日,鸟瞰秀山铁路集装箱货场,高新区的货物可以通过这里连接西部陆海新通道发往世界各地。记者 张春晓 摄",
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
        # Real lines from the dev pages of tests/fixtures/pages/ (file number in the comment).
        (
            "时间:2023-02-17 14:20:03 来源:岳阳日报全媒体采访中心 记者:方璐",
            {"date": (2023, 2, 17), "source": "岳阳日报全媒体采访中心", "author": "方璐"},
        ),  # 005
        (
            "2019-06-25 13:02 编辑:TF021 来源:北京晚报",
            {"date": (2019, 6, 25), "source": "北京晚报", "editor": "TF021"},
        ),  # 013
        (
            "来源:驻马店日报 作者:驻郑办 发表日期:2020年09月10日",
            {"date": (2020, 9, 10), "source": "驻马店日报", "author": "驻郑办"},
        ),  # 004
        (
            "来源:大观区人政府     发布时间:2020-04-20 15:17     浏览:386次",
            {"date": (2020, 4, 20), "source": "大观区人政府"},
        ),  # 029
        (
            "http://www.sina.com.cn  2010年06月29日07:38  东方网-文汇报",
            {"date": (2010, 6, 29), "source": "东方网"},
        ),  # 019
        (
            "發布日期: 2022- 07- 18 14: 50 訪問次數: 信息來源: 椒江區人民政府",
            {"date": (2022, 7, 18)},
        ),  # 026, in traditional script
        ("時(shí)間:2020-10-17 20:12:23 來源:武進(jìn)新聞 作者:陽湖網(wǎng) |", {"date": (2020, 10, 17)}),  # 038
        ("By on October 6, 2021", {"date": (2021, 10, 6)}),  # 011
        ("30.01.2018  02:16", {"date": (2018, 1, 30)}),  # 046
        ("日期:2016-3-22(原创文章,禁止转载)", {"date": (2016, 3, 22)}),  # 052
        ("【聯合晚報╱記者林進修/台北報導】 2008.01.30", {"date": (2008, 1, 30), "source": "聯合晚報"}),  # pages2/019
        ("(本文首发于2022年1月27日《南方周末》)", {"date": (2022, 1, 27), "source": "南方周末"}),  # pages/028
        (
            "1.凡本网注明“来源:高新科技网”的所有作品,版权均属于高新科技网所有,未经本网授权,任何单位及个人不得转载、摘编或以其它方式使用上述作品。",
            {"site": "高新科技网"},
        ),
    ],
)
def test_publication_lines_yield_their_metadata(line, meta):
    found = classify_line(line).meta
    assert {k: found.get(k) for k in meta} == meta
