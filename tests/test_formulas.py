"""Tests for helpers.formulas: numbered policy formulas in the real corpus, non-formulas, rules."""

import copy

import pandas as pd
import pytest
import yaml

from helpers.analysis.formulas import (
    FORMULAS_FILE,
    LIFESPAN_COLUMNS,
    TABLE_COLUMNS,
    find_formulas,
    formula_lifespans,
    formula_table,
    load_formula_rules,
    parse_formula_rules,
)
from helpers.analysis.indicators import RULES_FILE, load_rules
from helpers.errors import FormulaRulesError, ReportError

# Article ids in the real corpus (first 8 hex digits of the file's sha256, -index).
A2017A, A2017B, A2018, A2019 = "19188e80-0", "abff64df-0", "8d9cce48-0", "b804821d-0"
A2021, A2021_DEBT, A2021_TECH, A2021_LAW = "0f694cbe-0", "0f694cbe-1", "0f694cbe-2", "0f694cbe-3"


@pytest.fixture(scope="module")
def table(articles):
    return formula_table(articles)


@pytest.fixture(scope="module")
def lifespans(table):
    return formula_lifespans(table)


def text_of(articles, article_id):
    return articles.loc[articles["article_id"] == article_id, "text"].iloc[0]


# --- every expected formula, in the real sentence it comes from ----------------


@pytest.mark.parametrize(
    "article_id, fragment, formula, canonical, kind",
    [
        (A2017B, "济宁高新区全面进入“三次创业”新阶段", "三次创业", "三次创业", "formula"),
        (A2017B, "此次专题招商推介会的主题为“新旧动能转换助推三次创业”", "三次创业", "三次创业", "formula"),
        (A2021_DEBT, "为高新区“三次创业”积蓄强大发展后劲", "三次创业", "三次创业", "formula"),
        (A2017B, "拉开“一区十园”建设序幕", "一区十园", "一区十园", "formula"),
        (A2018, "二、一区十园提质攻坚年", "一区十园", "一区十园", "formula"),
        (A2017B, "以十大园区建设为载体", "十大园区", "一区十园", "formula"),
        (A2017B, "精准招商 一区多园 优质服务", "一区多园", "一区多园", "formula"),
        (A2021, "持续推进“一区多园”改革", "一区多园", "一区多园", "formula"),
        (A2018, "以六条主线为引领 全力以赴调结构增效益", "六条主线", "六条主线", "formula"),
        (A2018, "提出2018年要以六大主线为引领", "六大主线", "六条主线", "formula"),
        (A2018, "以“双百工程、六大工作线、六大主题攻坚年活动”为总抓手", "六大工作线", "六条主线", "formula"),
        (A2018, "以六大主题攻坚年为纽带,全力以赴促落实见成效", "六大主题攻坚年", "六大主题攻坚年", "formula"),
        (A2018, "六条主线为引领,六大主题攻坚为纽带", "六大主题攻坚", "六大主题攻坚年", "formula"),
        (
            A2019,
            "明确了高端装备、医养健康、新一代信息技术、新材料四大主导产业",
            "四大主导产业",
            "四大主导产业",
            "formula",
        ),
        (A2021, "四大产业占全市比重分别达到58%", "四大产业", "四大主导产业", "formula"),
        (A2019, "做实做细“五大保障”", "五大保障", "五大保障", "formula"),
        (
            A2018,
            "全力强化组织实施、人才支撑、金融支撑、开放带动、政策支持、项目引领六大保障",
            "六大保障",
            "六大保障",
            "formula",
        ),
        (A2018, "智慧城市建设示范区“三区共建”战略方向,质量变革", "三区共建", "三区共建", "formula"),
        (A2018, "质量变革、效率变革、动力变革“三大变革”基本路径", "三大变革", "三大变革", "formula"),
        (A2017A, "构建产业发展生态圈 “八位一体”模式再推进", "八位一体", "八位一体", "formula"),
        (A2019, "“九通一平”面积扩大到45平方公里", "九通一平", "九通一平", "formula"),
        (A2019, "以高质量双招双引为引擎", "双招双引", "双招双引", "formula"),
        (A2021, "助力全市“双招双引”的重要平台", "双招双引", "双招双引", "formula"),
        (A2021, "共计207个“双百工程”项目", "双百工程", "双百工程", "formula"),
        (A2021, "精准对接全市“231”产业集群", "231", "231产业集群", "formula"),
        (A2017A, "年内13个专业园区实体化运营，推动好“三廊七大片区”开发建设", "三廊七大片区", "三廊七大片区", "formula"),
        (A2017A, "七大片区即蓼河新区", "七大片区", "三廊七大片区", "formula"),
        (A2017B, "产业招商地图“三库一图”", "三库一图", "三库一图", "formula"),
        (A2017B, "不守纪不担当不作为大检查行动“五项活动”", "五项活动", "五项活动", "formula"),
        (A2019, "全力探索一业一所“四种模式”", "四种模式", "四种模式", "formula"),
        (A2019, "全力探索一业一所“四种模式”", "一业一所", "一业一所", "formula"),
        (A2017A, "全力以赴夺取综合考核“两连冠”", "两连冠", "两连冠", "formula"),
        (A2021, "扎实开展省级乡村振兴“十百千”创建", "十百千", "十百千", "formula"),
        (A2021_TECH, "(“创新九条”)", "创新九条", "创新九条", "formula"),
        (A2021, "新建“四好农村路”67.5公里", "四好农村路", "四好农村路", "formula"),
        (A2021_TECH, "高标准编制《“十四五”科技创新发展规划》", "十四五", "十四五", "plan name"),
        (A2021, "与融创中国合作共建“万亩千亿”级国际高端装备产业城", "万亩千亿", "万亩千亿", "formula"),
        (A2021, "生态园区建设、百企百亿技改、企业攀登、数字赋能五大工程", "百企百亿", "百企百亿", "formula"),
        (A2021, "生态园区建设、百企百亿技改、企业攀登、数字赋能五大工程", "五大工程", "五大工程", "formula"),
        (A2021_TECH, "组织实施“三大攻坚行动”", "三大攻坚行动", "三大攻坚行动", "formula"),
        (A2018, "构建布局合理、相互贯通的“三片三廊、四纵五横”城市水网格局", "三片三廊", "三片三廊", "formula"),
        (A2018, "构建布局合理、相互贯通的“三片三廊、四纵五横”城市水网格局", "四纵五横", "四纵五横", "formula"),
        (A2018, "打造“四条主线”的管理服务体系", "四条主线", "四条主线", "formula"),
        (A2018, "实施“双带”工程", "双带", "双带", "formula"),
        (A2019, "实施绿化、亮化、美化、景观化全域“四化”工程", "四化", "四化", "formula"),
        (A2019, "高新区4家入选全省60家十强产业集群领军企业", "十强产业集群", "十强产业", "formula"),
        (A2019, "直接引进“千人计划”专家2名", "千人计划", "千人计划", "programme name"),
        (A2017B, "知识产群集群“三大创新试点”高新区", "三大创新试点", "三大创新试点", "formula"),
    ],
)
def test_formula_found_in_its_real_sentence(articles, table, article_id, fragment, formula, canonical, kind):
    text = text_of(articles, article_id)
    assert text.count(fragment) == 1, "the fragment must point at one place in the article"
    lo = text.index(fragment)
    hits = table[
        (table["article_id"] == article_id)
        & (table["formula"] == formula)
        & table["start"].between(lo, lo + len(fragment) - len(formula))
    ]
    assert len(hits) == 1, f"{formula} not found in {fragment!r}"
    hit = hits.iloc[0]
    assert (hit["canonical"], hit["kind"]) == (canonical, kind)
    assert text[hit["start"] : hit["end"]] == formula
    assert fragment.replace("(", "").replace(")", "") in hit["sentence"].replace("(", "").replace(")", "")


# --- counts, enumerators, ordinals, names and common words are not formulas ---


@pytest.mark.parametrize(
    "article_id, fragment, word",
    [
        (A2021, "高新区三个重点项目中", "三个重点项目"),
        (A2017A, "年内13个专业园区实体化运营", "13个专业园区"),
        (A2017A, "今年集中办好10大类39项实事", "10大类39项实事"),
        (A2017A, "推动3大国家科技企业孵化器", "3大国家科技企业孵化器"),
        (A2017A, "以优异成绩迎接党的十九大胜利召开", "十九大"),
        (A2017A, "着力建设一流园区", "一流"),
        (A2017A, "集中精力解决一批老大难历史问题", "一批"),
        (A2017A, "1-2处“一刻钟生活圈”示范社区", "一刻钟生活圈"),
        (A2017A, "杜绝两个“倒逼”现象", "两个"),
        (A2017A, "营业总收入、高新技术产值两项核心指标均实现", "两项核心指标"),
        (A2017A, "进一步回应群众需求", "进一步"),
        (A2017A, "变一次激励性奖励为长期受益", "一次"),
        (A2017A, "同时考虑引入第三方评估", "第三方"),
        (A2017B, "今年是济宁高新区建设25周年", "25周年"),
        (A2017B, "统一规划、分步实施", "统一"),
        (A2017B, "掀起新一轮招商引资和项目建设热潮", "新一轮"),
        (A2017B, "设立蓼河新区、5个街道属地园区及建设4个专业园区", "5个街道属地园区"),
        (A2018, "一、新旧动能转换工作线", "一、"),
        (A2018, "集中突破高端装备、医养健康、纺织服装三个“千亿级”", "千亿级"),
        (A2018, "信息产业、新材料、现代服务业三个“五百亿级”", "五百亿级"),
        (A2018, "力争通过五年努力", "五年"),
        (A2018, "为下一步城市建设提供实施依据", "下一步"),
        (A2019, "济宁高新区获得第一名的好成绩", "第一名"),
        (A2019, "位列全市第一位", "全市第一"),
        (A2019, "两院院士3名", "两院"),
        (A2019, "建设生命科学中心二期项目", "二期"),
        (A2019, "到今年5月份基本完成第一轮改革", "第一轮"),
        (A2019, "全力打造千亿级现代化产业集群", "千亿级"),
        (A2019, "全力打造百万级标准化智慧园区", "百万级"),
        (A2019, "获评全国五星级产业基地", "五星级"),
        (A2019, "坚持“当标兵、作示范、争一流”工作总基调", "争一流"),
        (A2019, "新一代信息技术", "新一代"),
        (A2021, "入选十佳产业项目名单", "十佳"),
        (A2021, "济宁孔子国际学校新校区项目入选五佳基础设施", "五佳"),
        (A2021, "连续三个季度被市招商引资考核专班授予", "三个季度"),
        (A2021, "新增“四上”企业67家", "四上"),
        (A2021, "占全市“231”产业集群四分之一", "四分之一"),
        (A2021, "入选山东省第一批技术创新项目", "第一批"),
        (A2021, "数量均居全市第一", "全市第一"),
        (A2021, "重点事项办理全面进入“一天时代”", "一天时代"),
        (A2021, "打造了全市唯一的国家到街道五级政务服务体系", "唯一"),
        (A2021, "打造了全市唯一的国家到街道五级政务服务体系", "五级"),
        (A2021, "农村人居环境整治三年行动", "三年行动"),
        (A2021, "城乡供水一体化两年攻坚行动", "一体化"),
        (A2021, "“十里湖”乡村振兴综合体", "十里湖"),
        (A2021, "等一系列合资项目", "一系列"),
        (A2021, "全国大众创业万众创新活动周山东分会", "万众"),
        (A2021_TECH, "一是争创国家级改革试点", "一是"),
        (A2021_TECH, "二是争取主流媒体宣传", "二是"),
        (A2021_TECH, "建立重点企业“一对一”联系制度", "一对一"),
        (A2021_TECH, "全力以赴冲刺四季度", "四季度"),
        (A2021_TECH, "《绿色发展五年行动计划》", "五年"),
    ],
)
def test_not_a_formula(articles, table, article_id, fragment, word):
    text = text_of(articles, article_id)
    lo = text.find(fragment)
    assert lo >= 0, f"{fragment!r} is not in {article_id}"
    start = lo + fragment.index(word)
    end = start + len(word)
    rows = table[table["article_id"] == article_id]
    overlapping = rows[(rows["start"] < end) & (rows["end"] > start)]
    assert overlapping.empty, f"{word} read as formula {overlapping['formula'].tolist()}"


# --- find_formulas on single real sentences: exact rows -----------------------


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "22日上午,济宁高新区召开六条主线六大主题攻坚年动员部署会议,对有关工作进行了安排部署。",
            [("六条主线", 13, 17, "n_lines_head", "formula"), ("六大主题攻坚年", 17, 24, "n_big_head", "formula")],
        ),
        (
            "以“双百工程、六大工作线、六大主题攻坚年活动”为总抓手",
            [
                ("双百工程", 2, 6, "quoted", "formula"),
                ("六大工作线", 7, 12, "n_big_head", "formula"),
                ("六大主题攻坚年", 13, 20, "n_big_head", "formula"),
            ],
        ),
        ("精准对接全市“231”产业集群,发挥好1.2万亩产业集聚区优势", [("231", 7, 10, "quoted", "formula")]),
        (
            "年内13个专业园区实体化运营，推动好“三廊七大片区”开发建设，建“济客”集聚中心，集中办好10大类39项实事……",
            [("三廊七大片区", 19, 25, "corridors_districts", "formula")],
        ),
        (
            "直接引进“千人计划”专家2名、“万人计划”专家1名,两院院士3名。",
            [("千人计划", 5, 9, "quoted", "programme name"), ("万人计划", 16, 20, "quoted", "programme name")],
        ),
        (
            "高标准编制《“十四五”科技创新发展规划》《绿色发展五年行动计划》等文件",
            [("十四五", 7, 10, "plan_name", "plan name")],
        ),
        ("坚持“当标兵、作示范、争一流”工作总基调", []),
        ("在每个街道试点建设1个智慧社区，1-2处“一刻钟生活圈”示范社区", []),
        ("“八位一体”产业推进模式上，规划方面把产业地图落地", [("八位一体", 1, 5, "n_in_one", "formula")]),
    ],
)
def test_find_formulas_exact(sentence, expected):
    found = find_formulas(sentence)
    assert list(found.columns[:4]) == ["formula", "start", "end", "pattern"]
    assert list(found.itertuples(index=False, name=None)) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # Two parts that are one word repeated say "step by step", not a programme.
        ("一步一步抓落实,一级一级传导压力", []),
        ("一区十园、一区多园、百企百亿", ["一区十园", "一区多园", "百企百亿"]),
        # zone_pages/008_2q5iz6x.txt (simplified): a quoted formula inside a quotation too long to be one.
        (
            '刘章箭表示:“以红星爱琴海为牵动,建成运营奥特莱斯、华润万象汇、湖滨印象,构建"四星联动"格局,打造独具特色、健康时尚、业态多元的都市顶级商圈。”',
            ["四星联动"],
        ),
        # pages/013_takefoto.txt (simplified): ‘…’ inside “…”, read once.
        ("启动了“壮丽70年 奋斗新时代——全国晚报社长总编增强‘四力’苏州行”活动", ["四力"]),
        ("建立“‘一对一’联系”制度", []),
    ],
)
def test_repeated_parts_and_nested_quotations(sentence, expected):
    assert find_formulas(sentence)["formula"].tolist() == expected


def test_no_part_of_a_formula_is_a_measure_word_of_the_indicator_rules():
    # One list of measure words (indicators.yml measure_words) for segmentation, the ledger and formulas.
    measure_words = load_rules()["measure_words"]
    for word in measure_words:
        assert find_formulas(f"建设一{word}十园和一区十{word}").empty, word
    assert find_formulas("建设一区十园")["formula"].tolist() == ["一区十园"]


def test_measure_words_load_from_the_indicator_rules_file(tmp_path):
    rules = yaml.safe_load(RULES_FILE.read_text("utf-8"))
    path = tmp_path / "indicators.yml"
    path.write_text(yaml.safe_dump({**rules, "measure_words": [*rules["measure_words"], "园"]}, allow_unicode=True))
    assert find_formulas("一区十园", load_formula_rules(rules=path)).empty
    assert find_formulas("一区十园", load_formula_rules())["formula"].tolist() == ["一区十园"]


def test_idioms_are_not_formulas():
    # Four-character idioms have the shape of 一X一Y formulas.
    assert find_formulas("一心一意谋发展，路网四通八达").empty
    assert find_formulas("推进“一带一路”建设")["formula"].tolist() == ["一带一路"]


# --- the whole corpus ----------------------------------------------------------


def test_table_shape_and_offsets(articles, table):
    assert list(table.columns) == TABLE_COLUMNS
    texts = articles.set_index("article_id")["text"]
    for row in table.itertuples():
        assert texts[row.article_id][row.start : row.end] == row.formula
        assert row.formula in row.sentence
    assert table.equals(table.sort_values(["date", "article_id", "start"], kind="mergesort").reset_index(drop=True))
    assert A2021_LAW not in set(table["article_id"])  # the commentary is not about the zone


def test_only_articles_about_the_zone_are_read():
    sentence = "为高新区“三次创业”积蓄强大发展后劲。"
    articles = pd.DataFrame(
        {
            "article_id": ["x-0", "x-1"],
            "year": [2021, 2021],
            "date": ["2021", "2021"],
            "text": [sentence, sentence],
            "about_zone": [False, True],
        }
    )
    assert formula_table(articles)["article_id"].tolist() == ["x-1"]


def test_the_corpus_formulas(lifespans):
    # The full list: a change of method shows here as a reviewable diff.
    assert lifespans["canonical"].tolist() == [
        "一区多园",
        "三廊七大片区",
        "两连冠",
        "八位一体",
        "一区十园",
        "三大创新试点",
        "三库一图",
        "三次创业",
        "五项活动",
        "三区共建",
        "三大变革",
        "三片三廊",
        "六大主题攻坚年",
        "六大产业集群",
        "六大保障",
        "六大动能板块",
        "六条主线",
        "双带",
        "双百工程",
        "四条主线",
        "四纵五横",
        "一业一所",
        "一窗通办",
        "万人计划",
        "九通一平",
        "五大保障",
        "十强产业",
        "千人计划",
        "双招双引",
        "四化",
        "四大主导产业",
        "四种模式",
        "231产业集群",
        "万亩千亿",
        "三大攻坚行动",
        "五大工程",
        "创新九条",
        "十四五",
        "十百千",
        "四好农村路",
        "百企百亿",
    ]


@pytest.mark.parametrize(
    "canonical, first_date, last_date, first_year, last_year, n_mentions, n_articles, articles_, years, variants",
    [
        (
            "三次创业",
            "2017-10-23",
            "2021-11-05",
            2017,
            2021,
            9,
            3,
            f"{A2017B};{A2018};{A2021_DEBT}",
            "2017;2018;2021",
            "三次创业",
        ),
        (
            "一区十园",
            "2017-10-23",
            "2019-12-03",
            2017,
            2019,
            9,
            3,
            f"{A2017B};{A2018};{A2019}",
            "2017;2018;2019",
            "一区十园;十大园区",
        ),
        ("一区多园", "2017", "2021-11-05", 2017, 2021, 5, 3, f"{A2017A};{A2017B};{A2021}", "2017;2021", "一区多园"),
        ("六条主线", "2018", "2018", 2018, 2018, 5, 1, A2018, "2018", "六大主线;六大工作线;六条主线"),
        ("双招双引", "2019-12-03", "2021-11-05", 2019, 2021, 3, 2, f"{A2019};{A2021}", "2019;2021", "双招双引"),
        ("231产业集群", "2021-11-05", "2021-11-05", 2021, 2021, 2, 1, A2021, "2021", "231"),
        ("十四五", "2021-11-05", "2021-11-05", 2021, 2021, 1, 1, A2021_TECH, "2021", "十四五"),
    ],
)
def test_lifespans_exact(
    lifespans,
    canonical,
    first_date,
    last_date,
    first_year,
    last_year,
    n_mentions,
    n_articles,
    articles_,
    years,
    variants,
):
    row = lifespans.set_index("canonical").loc[canonical]
    assert (
        row["first_date"],
        row["last_date"],
        row["first_year"],
        row["last_year"],
        row["n_mentions"],
        row["n_articles"],
        row["articles"],
        row["years"],
        row["variants"],
    ) == (first_date, last_date, first_year, last_year, n_mentions, n_articles, articles_, years, variants)


def test_lifespans_shape_and_order(lifespans):
    assert list(lifespans.columns) == LIFESPAN_COLUMNS
    assert lifespans.equals(lifespans.sort_values(["first_date", "canonical"], kind="mergesort").reset_index(drop=True))
    assert set(lifespans["kind"]) == {"formula", "plan name", "programme name"}


def test_lifespans_of_an_empty_table():
    empty = formula_lifespans(pd.DataFrame(columns=TABLE_COLUMNS))
    assert empty.empty and list(empty.columns) == LIFESPAN_COLUMNS


# --- the rules file -------------------------------------------------------------


@pytest.fixture(scope="module")
def rules_data():
    return yaml.safe_load(FORMULAS_FILE.read_text("utf-8"))


def test_rules_file_loads(rules_data):
    rules = load_formula_rules()
    assert rules.version == str(rules_data["version"])
    assert [name for name, _, _ in rules.patterns][0] == "plan_name"
    assert rules.canonical_of("六大主线") == "六条主线" and rules.canonical_of("三次创业") == "三次创业"


def _broken(data, change):
    data = copy.deepcopy(data)
    change(data)
    return data


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d.pop("version"), "add a top-level 'version:'"),
        (lambda d: d.pop("patterns"), "add a non-empty 'patterns:'"),
        (lambda d: d["patterns"].append({"name": "bad", "regex": "([一二"}), "pattern bad: the regex"),
        (lambda d: d["patterns"].append({"name": "bad", "regex": "{Q}大"}), "unknown placeholder(s) ['Q']"),
        (lambda d: d["patterns"].append({"name": "plan_name", "regex": "x"}), "name used twice"),
        (lambda d: d["patterns"].append({"regex": "x"}), "give every pattern a 'name' and a 'regex'"),
        (
            lambda d: d["variants"].update({"四大主导产业": ["六大主线"]}),
            "variant '六大主线' is listed under '六条主线' and '四大主导产业'",
        ),
        (
            lambda d: d["variants"].update({"三次创业": ["六条主线"]}),
            "'六条主线' is a canonical form and a variant of '三次创业'",
        ),
        (lambda d: d["variants"].update({"三次创业": "三次"}), "variants of '三次创业' must be a list"),
        # The classifiers a part may not be are the indicator rules' measure_words, one list.
        (lambda d: d.update({"not_a_part": "个次批"}), "'not_a_part' is no longer read"),
    ],
)
def test_rules_validation(rules_data, change, message):
    with pytest.raises(FormulaRulesError, match=None) as info:
        parse_formula_rules(_broken(rules_data, change), "formulas.yml")
    assert message in str(info.value)
    assert isinstance(info.value, ReportError)


def test_missing_rules_file(tmp_path):
    with pytest.raises(FormulaRulesError, match="no such file"):
        load_formula_rules(tmp_path / "formulas.yml")
