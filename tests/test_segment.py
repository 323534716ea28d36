"""Tests for helpers.segment: the domain dictionary keeps the zone's vocabulary whole."""

import pickle
import warnings
from collections import Counter

import jieba
import pytest
import rjieba
import yaml
from corpora import SMALL, seed_files

from helpers import paths
from helpers.analysis.indicators import load_rules
from helpers.analysis.segment import (
    Segmenter,
    default_segmenter,
    is_noise,
    read_measure_words,
    read_stopwords,
    read_userdict,
)
from helpers.analysis.themes import split_sentences
from helpers.corpus.reader import load_corpus
from helpers.errors import CorpusWarning, IndicatorRulesError, LexiconFormatError

USERDICT = read_userdict(paths.LEXICON / "userdict.txt")
DICT_WORDS = {w for w, _, _ in USERDICT}


@pytest.fixture(scope="module")
def seg():
    return default_segmenter()


def _corpus_sentences():
    for path in seed_files():
        for _, _, sentence in split_sentences(path.read_text("utf-8")):
            yield path.name, sentence


def _dictionary_cases():
    # Every occurrence in the corpus of every dictionary entry: the term
    # must come out as one token (or inside a longer dictionary token, e.g.
    # 创新谷 inside 济宁创新谷).
    cases = []
    for name, sentence in _corpus_sentences():
        for word in sorted(DICT_WORDS):
            if word in sentence:
                cases.append(pytest.param(word, sentence, id=f"{word}-{name[:3]}-{len(cases)}"))
    return cases


@pytest.mark.parametrize("word, sentence", _dictionary_cases())
def test_dictionary_term_stays_whole_in_corpus(seg, word, sentence):
    tokens = seg.tokens(sentence)
    assert any(t == word or (word in t and t in DICT_WORDS) for t in tokens), tokens


# The terms the team's issue names, each with the real sentence it comes from.
NAMED_TERMS = [
    ("高端装备", "明确了高端装备、医养健康、新一代信息技术、新材料四大主导产业"),
    ("医养健康", "明确了高端装备、医养健康、新一代信息技术、新材料四大主导产业"),
    ("新一代信息技术", "明确了高端装备、医养健康、新一代信息技术、新材料四大主导产业"),
    ("新材料", "明确了高端装备、医养健康、新一代信息技术、新材料四大主导产业"),
    ("新能源新材料", "打造高端装备、医养健康、新一代信息技术、新能源新材料千亿级现代化特色产业集群。"),
    ("新旧动能转换", "新旧动能转换方面,高新区围绕四大主导产业,启动实施产业集群培育"),
    ("三次创业", "为高新区“三次创业”积蓄强大发展后劲。"),
    ("一区十园", "剥离“一区十园”社会事务管理职能。"),
    ("一区多园", "持续推进“一区多园”改革,形成了5个街属园区、4个专业园区和3个功能园区错位竞争、术业专攻的发展格局。"),
    ("双招双引", "以高质量双招双引为引擎"),
    ("放管服", "以深化“放管服”改革为重要抓手"),
    ("营商环境", "连续两年荣获“济宁市优化营商环境工作先进县市区”,居全省开发区营商环境评价前10名。"),
    ("体制机制改革", "2018年12月份,高新区率先启动了体制机制改革,到今年5月份基本完成第一轮改革。"),
    ("管委+公司", "继续深化“管委+公司”模式。"),
    ("专精特新", "累计培育浩珂科技、松岳机械等国家、省、市“专精特新”企业161家,入选数量居全市首位。"),
    ("高新技术企业", "在创新引领方面,今年净增高新技术企业20家,位列全市第一位。"),
    ("山推", "重点培育山推销售收入倍增计划"),
    ("重汽", "重汽公司明年销售收入破百亿"),
    ("小松", "小松发动机过滤及净化装置等龙头内生项目"),
    ("辰欣药业", "以辰欣药业、鲁抗医药等企业为龙头的生物医药产业集群"),
    ("鲁抗医药", "以辰欣药业、鲁抗医药等企业为龙头的生物医药产业集群"),
    ("如意", "加快推进如意新材料产业城"),
    ("蓼河新区", "其中,设立蓼河新区侧重蓼河两岸、科技新城核心区的总体规划和综合开发"),
    ("济宁创新谷", "创新谷发展集团负责济宁创新谷的整体运营"),
    ("创新谷", "高标准建设创新谷服务运营中心。"),
    ("华为", "重点支持华为大数据中心开展政务云、企业云服务。"),
    ("山重", "提速硬创智能制造产业园、山重新能源挖掘机、圣地智能电力产业园等一批新项目落地达产。"),
]


@pytest.mark.parametrize("word, sentence", NAMED_TERMS, ids=[w for w, _ in NAMED_TERMS])
def test_named_term_is_a_token(seg, word, sentence):
    corpus = "".join(p.read_text("utf-8") for p in seed_files())
    assert sentence in corpus, "the test sentence must be quoted verbatim from the seed articles"
    tokens = seg.tokens(sentence)
    # 如意 sits inside the dictionary name 如意新材料产业城 in its sentence.
    assert word in tokens or any(word in t and t in DICT_WORDS for t in tokens), tokens


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("继续深化“管委+公司”模式。", ["继续", "深化", "“", "管委+公司", "”", "模式", "。"]),
        ("深化完善“管委+”模式", ["深化", "完善", "“", "管委+", "”", "模式"]),
        ("实行“承诺制+容缺办”", ["实行", "“", "承诺制+容缺办", "”"]),
        ("提速硬创智能制造产业园、山重新能源挖掘机", ["提速", "硬创智能制造产业园", "、", "山重", "新能源", "挖掘机"]),
    ],
)
def test_tokens_exact(seg, sentence, expected):
    assert seg.tokens(sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "1-11月份,高新区举行了6次集中开工仪式,新开工项目103个,目前完成投资310.3亿元,54个项目投产达效。",
            ["举行", "集中", "开工", "仪式", "新开工", "项目", "完成", "投资", "项目", "投产", "达效"],
        ),
        (
            "建立了KPI绩效考核体系,全面激发了干事创业新活力。",
            ["建立", "绩效考核", "体系", "激发", "干事", "创业", "活力"],
        ),
        (
            "本报济宁12月3日讯(记者邓超) 12月1日下午,全市开发区主导产业发展专题推进会议召开",
            ["邓超", "开发区", "主导产业", "发展", "专题", "会议", "召开"],
        ),
    ],
)
def test_content_words_drop_noise_and_stopwords(seg, sentence, expected):
    assert seg.content_words(sentence) == expected


@pytest.mark.parametrize(
    "word, noise",
    [
        ("2020", True),
        ("61.7", True),
        ("KPI", True),
        ("B型", True),
        ("，", True),
        ("“", True),
        ("\n", True),
        ("亩", True),
        ("三个", True),
        ("一批", True),
        ("六大", True),
        ("二期", True),
        ("三人", True),  # 人 is a measure word (indicators.yml measure_words)
        ("万人", True),  # 万人发明专利拥有量: a rate's unit, no topic
        ("管委+公司", False),
        ("千亿级", False),
        ("高端装备", False),
        ("十强产业", False),
    ],
)
def test_is_noise(word, noise):
    assert is_noise(word) is noise


def test_tokens_rebuild_the_text(seg):
    for path in seed_files():
        text = path.read_text("utf-8")
        assert "".join(seg.tokens(text)) == text, path.name


def test_spans_point_into_text(seg):
    text = "继续深化“管委+公司”模式。"
    for token, start, end in seg.spans(text):
        assert text[start:end] == token


def test_spans_tile_every_seed_file(seg):
    # Offsets count characters of the original text, whitespace and \r\n included.
    for path in seed_files():
        text = path.read_text("utf-8")
        spans = seg.spans(text)
        assert [s for _, s, _ in spans] == [0] + [e for _, _, e in spans[:-1]], path.name
        assert spans[-1][2] == len(text)
        assert all(text[start:end] == token for token, start, end in spans), path.name


def test_spans_count_characters_not_bytes(seg):
    # 𠀀 lies outside the Basic Multilingual Plane: one character, four UTF-8 bytes.
    text = "高新区\r\n𠀀 推进“一区十园”改革"
    assert seg.spans(text) == [
        ("高新区", 0, 3),
        ("\r\n", 3, 5),
        ("𠀀", 5, 6),
        (" ", 6, 7),
        ("推进", 7, 9),
        ("“", 9, 10),
        ("一区十园", 10, 14),
        ("”", 14, 15),
        ("改革", 15, 17),
    ]


@pytest.fixture(scope="module")
def jieba_seg():
    return Segmenter.from_lexicon(engine="jieba")


@pytest.fixture(scope="module")
def agreement_texts(articles):
    # The seed files as received, and the seed and small corpora's articles as
    # the build reads them (the small corpus holds GBK and UTF-16 files).
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        small = load_corpus(SMALL / "raw", SMALL / "corpus.csv")
    raw = [p.read_text("utf-8") for p in seed_files()]
    return raw + articles["text"].tolist() + small["text"].tolist()


def test_content_words_agree_with_jieba(seg, jieba_seg, agreement_texts):
    # The engine changed from jieba to rjieba (jieba-rs): the same content
    # words, in the same order, on every real text of the fixtures.
    for text in agreement_texts:
        assert seg.content_words(text) == jieba_seg.content_words(text)
    counts = seg.count(agreement_texts)
    # About 8,800 content words, 1,800 distinct (the exact figures move with the lexicon).
    assert len(agreement_texts) == 15 and sum(counts.values()) > 8000 and len(counts) > 1500
    assert counts == jieba_seg.count(agreement_texts)


@pytest.mark.parametrize(
    "sentence, ours, jiebas",
    [
        # Where the engines differ: runs of digits and latin letters joined by
        # "-" or "." stay one token in jieba-rs. Noise either way.
        ("1-11月份,高新区", ["1-11", "月份", ",", "高新区"], ["1", "-", "11", "月份", ",", "高新区"]),
        (
            "融媒热线：0537-6557709",
            ["融媒", "热线", "：", "0537-6557709"],
            ["融媒", "热线", "：", "0537", "-", "6557709"],
        ),
        (
            "E-mail: jngxxw2020@163.com",
            ["E-mail", ":", " ", "jngxxw2020", "@", "163.com"],
            ["E", "-", "mail", ":", " ", "jngxxw2020", "@", "163", ".", "com"],
        ),
    ],
)
def test_where_the_engines_differ_is_noise(seg, jieba_seg, sentence, ours, jiebas):
    corpus = "".join(p.read_text("utf-8") for p in seed_files())
    assert sentence in corpus
    assert seg.tokens(sentence) == ours
    assert jieba_seg.tokens(sentence) == jiebas
    assert not [w for w in set(ours) ^ set(jiebas) if seg.is_content(w)]


def test_tokenizer_is_private_and_lazy():
    seg = Segmenter.from_lexicon()
    assert seg._tokenizer is None
    seg.tokens("济宁创新谷")
    assert isinstance(seg.tokenizer, rjieba.Jieba)
    assert seg.tokenizer is not rjieba._DEFAULT_JIEBA
    assert seg.tokenizer.has_word("管委+公司")
    assert not rjieba.has_word("管委+公司")  # rjieba's module-level tokenizer is untouched


def test_jieba_engine_is_private_too(jieba_seg):
    jieba_seg.tokens("济宁创新谷")
    assert isinstance(jieba_seg.tokenizer, jieba.Tokenizer)
    assert jieba_seg.tokenizer is not jieba.dt
    assert "管委+公司" not in jieba.dt.FREQ  # jieba's global dictionary is untouched


def test_unknown_engine_is_an_error():
    with pytest.raises(ValueError, match="engine must be one of"):
        Segmenter(engine="pkuseg")


def test_a_pickled_segmenter_cuts_the_same(seg):
    sentence = "继续深化“管委+公司”模式。"
    copy = pickle.loads(pickle.dumps(seg))
    assert copy._tokenizer is None and copy._content == {}
    assert copy.tokens(sentence) == seg.tokens(sentence)


def test_default_segmenter_is_cached():
    assert default_segmenter() is default_segmenter()


def test_parallel_count_equals_serial(seg):
    sentences = [s for _, s in _corpus_sentences()][:120]
    serial = seg.count(sentences)
    parallel = seg.count_many(sentences, processes=2, chunksize=7)
    assert parallel == serial
    assert sum(serial.values()) > 500
    assert isinstance(parallel, Counter)


def test_userdict_has_no_stopword_clash():
    # A stop word in the dictionary is allowed only for the zone's own name:
    # keep it whole, then drop it as uninformative.
    clash = DICT_WORDS & read_stopwords(paths.LEXICON / "stopwords.txt")
    assert clash == {"高新区", "济宁高新区", "高新科技网", "中国高新科技网"}


@pytest.mark.parametrize(
    "content, message",
    [
        ("高端装备 3000 nz\n高端装备 10 n\n", "already listed on line 1"),
        ("高端装备 nz 3000\n", "expected 'word freq tag'"),
        ("高端 装备\n", "expected 'word freq tag'"),
    ],
)
def test_read_userdict_errors(tmp_path, content, message):
    path = tmp_path / "userdict.txt"
    path.write_text(content, "utf-8")
    with pytest.raises(LexiconFormatError, match=message):
        read_userdict(path)


def test_read_stopwords_skips_comments(tmp_path):
    path = tmp_path / "stopwords.txt"
    path.write_text("# boilerplate\n本报\n\n  记者 \n#我们\n", "utf-8")
    assert read_stopwords(path) == frozenset({"本报", "记者"})


def test_segmentation_and_the_ledger_read_one_list_of_measure_words():
    assert read_measure_words() == tuple(load_rules()["measure_words"])
    assert Segmenter.from_lexicon().measure_words == read_measure_words()


@pytest.mark.parametrize(
    "measure_words, word, noise",
    [
        (["个"], "三个", True),
        (["个"], "三批", False),
        (["批"], "三批", True),
        (["个人"], "三个人", True),  # a measure word may be longer than one character
    ],
)
def test_measure_words_load_from_the_rules_file(tmp_path, measure_words, word, noise):
    path = tmp_path / "indicators.yml"
    rules = yaml.safe_load((paths.LEXICON / "indicators.yml").read_text("utf-8"))
    path.write_text(yaml.safe_dump({**rules, "measure_words": measure_words}, allow_unicode=True), "utf-8")
    seg = Segmenter.from_lexicon(rules=path)
    assert seg.measure_words == tuple(measure_words)
    assert seg.is_content(word) is not noise
    assert is_noise(word, read_measure_words(path)) is noise


def test_malformed_measure_words_are_an_error_naming_the_rules_file(tmp_path):
    path = tmp_path / "indicators.yml"
    rules = yaml.safe_load((paths.LEXICON / "indicators.yml").read_text("utf-8"))
    path.write_text(yaml.safe_dump({**rules, "measure_words": "个批"}, allow_unicode=True), "utf-8")
    with pytest.raises(IndicatorRulesError, match="measure_words must be a non-empty list") as info:
        Segmenter.from_lexicon(rules=path)
    assert str(path) in str(info.value)
