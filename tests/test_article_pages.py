"""Article pages: every figure, formula and entity anchored in the escaped text; spans nest; same input, same bytes.

Texts are lines copied from the seed texts (data/raw): 000 (2019-12-03) and
003, story 0 (2021-11-05); the tables are built by hand around them, with
offsets found in the text, as the shared tables give them.
"""

import html
import posixpath
import random
import re
import shutil
from collections import Counter
from html.parser import HTMLParser
from types import SimpleNamespace

import pandas as pd
import pytest
from corpora import SEED_MANIFEST, SEED_RAW

from helpers.analysis import processed
from helpers.errors import ArticlesFormatError, LedgerFormatError
from helpers.report.article_pages import (
    ENTITY_LAYER,
    FIGURE_LAYER,
    FORMULA_LAYER,
    PageLinks,
    Ref,
    Span,
    _written,
    article_html,
    article_link,
    paragraphs_html,
    spans_html,
    write_article_pages,
)

# 000 (2019-12-03): the headline, and two paragraphs of the body.
TEXT_2019 = (
    "济宁召开全市开发区主导产业发展专题推进会议,对各县市区进行综合评比 现场打分,济宁高新区获第一名\n"
    "本报济宁12月3日讯(记者邓超) 12月1日下午,全市开发区主导产业发展专题推进会议召开。通过综合评比,济宁高新区获得第一名的好成绩。\n"
    "\n"
    "今年以来,济宁高新区坚持“当标兵、作示范、争一流”工作总基调,以产业为根基、以园区为阵地,以改革为动力,全面形成高质量发展态势。"
    "在主导产业发展方面,划定了1.2万亩产业新空间,明确了高端装备、医养健康、新一代信息技术、新材料四大主导产业,1-10月份,"
    "四大产业营业收入占全市比重分别达到58%、79%、17.5%和57.9%,获评全国五星级产业基地。"
)
# 003, story 0 (2021-11-05): the 2019 figures printed again, two figures sharing one 第一, and “万亩千亿”.
TEXT_2021 = (
    "精准对接全市“231”产业集群,发挥好1.2万亩产业集聚区优势,推动高端装备、医养健康、新一代信息技术、新材料新能源加快向五百亿、"
    "千亿级产业集群迈进,四大产业占全市比重分别达到58%、79%、17.5%和57.9%,营收350亿元,占全市“231”产业集群四分之一,"
    "聚集了一批具有国内外领先技术的企业。\n"
    "重汽商用车、山推股份等53家企业纳入全市攀登计划,优质工业企业55家,数量均居全市第一。\n"
    "济宁综保区保税物流中心(B型)加快推进,与融创中国合作共建“万亩千亿”级国际高端装备产业城,目前以日本小松产业园为核心的首开区已启动建设。"
)
# 003, story 3: the commentary, not about the zone (no figures extracted).
TEXT_COMMENTARY = "坚持人民立场 以良法善治 深入推进全面依法治国\n全面依法治国是国家治理的一场深刻革命。"
NOT_ABOUT_ZONE = "names 高新区 0 times"


def at(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """Return the offsets of the nth occurrence of ``needle`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def article(article_id, text, date, index=0, about=True, **extra):
    file = {"b8": "000_d456980f3589ac9b.txt", "0f": "003_778513eb0832983c.txt"}.get(article_id[:2], "x.txt")
    return {
        "article_id": article_id,
        "file": file,
        "sha256": article_id[:8] + "0" * 56,
        "article_index": index,
        "title": text.split("\n")[0],
        "date": date,
        "year": int(date[:4]),
        "source": "济宁高新新闻" if article_id.startswith("0f") else "本报 (the newspaper is not named in the text)",
        "about_zone": about,
        "about_zone_reason": "names 高新区 3 times" if about else NOT_ABOUT_ZONE,
        "text": text,
        "text_original": text,
        **extra,
    }


def figure(aid, text, needle, indicator, kind, period, nth=0, suffix="", **extra):
    start, end = at(text, needle, nth)
    value = needle.rstrip("%家亩名亿元")
    return {
        "indicator_id": f"{aid}:{start}{suffix}",
        "article_id": aid,
        "start": start,
        "end": end,
        "value": value,
        "unit": needle[len(value) :],
        "indicator": indicator,
        "kind": kind,
        "period": period,
        "sentence": "",
        "n_occurrences": 1,
        "occurrences": f"{start}-{end}",
        "occurrence_ids": "",
        "restates": "",
        **extra,
    }


def mention(aid, text, needle, nth=0, **cols):
    start, end = at(text, needle, nth)
    return {"article_id": aid, "start": start, "end": end, **cols}


A19, A21, A21C = "b804821d-0", "0f694cbe-0", "0f694cbe-3"
FIRST_HEAD = at(TEXT_2019, "第一名")
FIRST_BODY = at(TEXT_2019, "第一名", 1)
AREA_2019 = f"{A19}:{at(TEXT_2019, '1.2万亩')[0]}"
SHARE_2019 = f"{A19}:{at(TEXT_2019, '58%')[0]}"


def ledger() -> pd.DataFrame:
    rank = figure(A19, TEXT_2019, "第一名", "全市开发区主导产业发展专题推进会议综合评比名次", "ranking", "2019-12-01")
    rank.update(
        n_occurrences=2,
        occurrences=f"{FIRST_HEAD[0]}-{FIRST_HEAD[1]};{FIRST_BODY[0]}-{FIRST_BODY[1]}",
        occurrence_ids=f"{A19}:{FIRST_BODY[0]}",
    )
    first_2021 = at(TEXT_2021, "第一")[0]
    rows = [
        rank,
        figure(A19, TEXT_2019, "1.2万亩", "产业新空间", "achieved", "2019"),
        figure(A19, TEXT_2019, "58%", "高端装备产业营业收入占全市比重", "achieved", "2019-01..2019-10"),
        figure(A19, TEXT_2019, "79%", "医养健康产业营业收入占全市比重", "achieved", "2019-01..2019-10"),
        figure(A21, TEXT_2021, "1.2万亩", "产业集聚区", "achieved", "2021", restates=AREA_2019),
        figure(A21, TEXT_2021, "58%", "高端装备产业占全市比重", "achieved", "2021", restates=SHARE_2019),
        figure(A21, TEXT_2021, "53家", "纳入全市攀登计划的企业", "achieved", "2021"),
        figure(A21, TEXT_2021, "55家", "优质工业企业", "achieved", "2021"),
        figure(A21, TEXT_2021, "第一", "纳入全市攀登计划的企业数量全市排名", "ranking", "2021"),
        figure(
            A21,
            TEXT_2021,
            "第一",
            "优质工业企业数量全市排名",
            "ranking",
            "2021",
            suffix=":2",
            shares=f"{A21}:{first_2021}",
        ),
        figure(A21, TEXT_2021, "万亩", "国际高端装备产业城用地规模", "target", "2021", nth=1),
        figure(A21, TEXT_2021, "千亿", "国际高端装备产业城产业规模", "target", "2021", nth=1),
    ]
    return pd.DataFrame(rows)


def formulas() -> pd.DataFrame:
    return pd.DataFrame(
        [
            mention(A19, TEXT_2019, "四大主导产业", formula="四大主导产业", canonical="四大主导产业", kind="formula"),
            mention(A21, TEXT_2021, "231", formula="231", canonical="231产业集群", kind="formula"),
            mention(A21, TEXT_2021, "231", 1, formula="231", canonical="231产业集群", kind="formula"),
            mention(A21, TEXT_2021, "万亩千亿", formula="万亩千亿", canonical="万亩千亿", kind="formula"),
        ]
    )


def entities() -> pd.DataFrame:
    company = {"type": "company"}
    return pd.DataFrame(
        [
            mention(
                A21,
                TEXT_2021,
                "重汽商用车",
                entity="重汽",
                alias="重汽商用车",
                gloss="Sinotruk's Jining truck plant",
                **company,
            ),
            mention(A21, TEXT_2021, "山推股份", entity="山推", alias="山推股份", gloss="Shantui", **company),
            mention(A21, TEXT_2021, "融创中国", entity="融创中国", alias="融创中国", gloss="Sunac China", **company),
            mention(
                A21,
                TEXT_2021,
                "国际高端装备产业城",
                entity="国际高端装备产业城",
                alias="国际高端装备产业城",
                type="park",
            ),
            mention(A21, TEXT_2021, "小松产业园", entity="小松产业园", alias="小松产业园", type="park"),
        ]
    )


def tables(**changes) -> SimpleNamespace:
    arts = pd.DataFrame(
        [
            article(A21, TEXT_2021, "2021-11-05"),
            article(A19, TEXT_2019, "2019-12-03", author="记者邓超", date_evidence="本报济宁12月3日讯"),
            article(A21C, TEXT_COMMENTARY, "2021-11-05", index=3, about=False),
        ]
    )
    return SimpleNamespace(
        **{
            "articles": arts,
            "ledger_all": ledger(),
            "formula_mentions": formulas(),
            "entity_mentions": entities(),
            **changes,
        }
    )


def page_of(aid: str, t=None, links=None) -> str:
    t = t or tables()
    row = t.articles.set_index("article_id", drop=False).loc[aid].to_dict()
    pick = {name: frame[frame["article_id"] == aid] for name, frame in vars(t).items() if name != "articles"}
    return article_html(row, pick["ledger_all"], pick["formula_mentions"], pick["entity_mentions"], links)


class Tree(HTMLParser):
    """Parse a page, checking that every element closes in order; collect elements, ids and text."""

    VOID = {"meta", "br", "img", "link", "input", "hr", "wbr"}

    def __init__(self, markup: str):
        super().__init__(convert_charrefs=True)
        self.stack, self.elements, self.errors, self.ids = [], [], [], Counter()
        self.feed(markup)
        self.close()
        assert not self.errors, self.errors[:3]
        assert not self.stack, f"unclosed: {[e['tag'] for e in self.stack]}"

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids[attrs["id"]] += 1
        if tag not in self.VOID:
            self.stack.append({"tag": tag, "attrs": attrs, "text": [], "children": []})

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1]["tag"] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1]['tag'] if self.stack else 'nothing'}")
            return
        element = self.stack.pop()
        element["text"] = "".join(element["text"])
        if self.stack:
            self.stack[-1]["children"].append(element)
        self.elements.append(element)

    def handle_data(self, data):
        for element in self.stack:
            element["text"].append(data)

    def by_id(self, anchor: str) -> dict:
        found = [e for e in self.elements if e["attrs"].get("id") == anchor]
        assert len(found) == 1, f"{anchor}: {len(found)} elements"
        return found[0]

    def with_class(self, name: str) -> list[dict]:
        return [e for e in self.elements if name in e["attrs"].get("class", "").split()]


# --- spans to HTML --------------------------------------------------------------------------------------------------

SENTENCE = "高新区4家入选全省60家十强产业集群领军企业。"
FOUR = at(SENTENCE, "4家")
SIXTY = at(SENTENCE, "60家")
TEN = at(SENTENCE, "十强产业集群")


def fig(span, anchor, **kw):
    return Span(*span, tag="mark", id=anchor, classes="figure", layer=FIGURE_LAYER, **kw)


def ent(start, end, anchor="e", **kw):
    return Span(start, end, id=anchor, classes="entity", layer=ENTITY_LAYER, **kw)


@pytest.mark.parametrize(
    "spans, refs, expected",
    [
        ([], [], SENTENCE),
        # a figure alone
        ([fig(FOUR, "a:3")], [], '高新区<mark id="a:3" class="figure">4家</mark>入选全省60家十强产业集群领军企业。'),
        # a figure inside an entity's name: nested
        (
            [fig(SIXTY, "f"), ent(SIXTY[0] - 2, TEN[1])],
            [],
            '高新区4家入选<span id="e" class="entity">全省<mark id="f" class="figure">60家</mark>十强产业集群</span>领军企业。',
        ),
        # the same extent: the entity outside, the figure inside, whatever the input order
        (
            [fig(FOUR, "f"), ent(*FOUR)],
            [],
            '高新区<span id="e" class="entity"><mark id="f" class="figure">4家</mark></span>入选全省60家十强产业集群领军企业。',
        ),
        # an entity crossing a figure is split at the figure's edge; the figure stays whole; the id stays on piece one
        (
            [ent(SIXTY[0] + 1, TEN[1]), fig(SIXTY, "f")],
            [],
            '高新区4家入选全省<mark id="f" class="figure">6<span id="e" class="entity">0家</span></mark>'
            '<span class="entity cont">十强产业集群</span>领军企业。',
        ),
        # two figures crossing: the later one is split, its id on the first piece
        (
            [fig((FOUR[0], SIXTY[0]), "x"), fig((FOUR[1], SIXTY[1]), "y")],
            [],
            '高新区<mark id="x" class="figure">4家<mark id="y" class="figure">入选全省</mark></mark>'
            '<mark class="figure cont">60家</mark>十强产业集群领军企业。',
        ),
        # a ref after the figure that ends where it stands, before the formula that starts there
        (
            [fig(SIXTY, "f"), Span(*TEN, id="t", classes="formula", layer=FORMULA_LAYER)],
            [Ref(SIXTY[1], "#f", "↑", 'a "title" <b>')],
            '高新区4家入选全省<mark id="f" class="figure">60家</mark>'
            '<a class="ref" href="#f" title="a &quot;title&quot; &lt;b&gt;">↑</a>'
            '<span id="t" class="formula">十强产业集群</span>领军企业。',
        ),
    ],
)
def test_spans_html(spans, refs, expected):
    assert spans_html(SENTENCE, spans, refs) == expected


def test_spans_html_escapes_text_and_attributes():
    text = '<script>alert("x")</script> & 1<2'
    out = spans_html(text, [Span(0, 8, id='a"b', title="<i>", data=(("data-label", "'&'"),))])
    assert out == (
        '<span id="a&quot;b" title="&lt;i&gt;" data-label="&#x27;&amp;&#x27;">&lt;script&gt;</span>'
        "alert(&quot;x&quot;)&lt;/script&gt; &amp; 1&lt;2"
    )


@pytest.mark.parametrize(
    "span, ref",
    [
        (Span(3, 3), None),  # empty
        (Span(-1, 2), None),
        (Span(5, len(SENTENCE) + 1), None),
        (Span(0, 2, tag="div"), None),  # a block cannot nest in running text
        (Span(0, 2, tag="a"), None),  # links do not nest
        (None, Ref(len(SENTENCE) + 1, "#x", "↑")),
    ],
)
def test_spans_html_rejects_bad_spans(span, ref):
    with pytest.raises(ValueError):
        spans_html(SENTENCE, [span] if span else [], [ref] if ref else [])


def pieces(markup: str) -> dict[str, list[tuple[int, int]]]:
    """Return the text offsets each class ``k<n>`` covers, piece by piece, in the markup of :func:`spans_html`."""
    found, stack, pos = {}, [], 0
    for token in re.findall(r"<[^>]+>|[^<]+", markup):
        if token.startswith("</"):
            name, start = stack.pop()
            if name.startswith("k"):
                found.setdefault(name, []).append((start, pos))
        elif token.startswith("<"):
            name = re.search(r"\bk\d+\b", token)
            stack.append((name.group(0) if name else token[1:2], pos))
        elif not (stack and stack[-1][0] == "a"):  # a ref's arrow is not the text's
            pos += len(html.unescape(token))
    return found


@pytest.mark.parametrize("seed", range(60))
def test_any_spans_give_well_formed_markup(seed):
    """Random spans over a real sentence, of three layers: always well-formed, text intact, ids once each."""
    rng = random.Random(seed)
    text = TEXT_2019.split("\n")[3][:80] + "<&>\"'"
    spans = []
    for k in range(rng.randint(1, 14)):
        start = rng.randrange(len(text))
        end = rng.randint(start + 1, min(len(text), start + 12))
        layer = rng.choice([ENTITY_LAYER, FORMULA_LAYER, FIGURE_LAYER])
        tag = "mark" if layer == FIGURE_LAYER else "span"
        spans.append(Span(start, end, tag, f"s{k}", f"l{layer} k{k}", layer=layer))
    refs = [Ref(rng.randint(0, len(text)), f"#s{k}", "↑") for k in range(rng.randint(0, 3))]
    out = spans_html(text, spans, refs)
    tree = Tree(f"<div>{out}</div>")
    root = tree.elements[-1]
    assert root["text"].replace("↑", "") == text
    assert tree.ids == Counter(s.id for s in spans)
    covered = pieces(out)
    for k, s in enumerate(spans):  # a span's pieces cover its characters, each once; the first carries its id
        assert sorted(covered[f"k{k}"]) == [(a, b) for a, b in covered[f"k{k}"]]
        assert [c for a, b in covered[f"k{k}"] for c in range(a, b)] == list(range(s.start, s.end))
        assert tree.by_id(s.id)["text"].replace("↑", "") == text[s.start : covered[f"k{k}"][0][1]]
    top = [s for s in spans if s.layer == FIGURE_LAYER]
    crossing = any(a.start < b.start < a.end < b.end for a in top for b in top)
    if not crossing:  # figures that do not cross each other are never split, whatever crosses them
        for s in top:
            assert tree.by_id(s.id)["text"].replace("↑", "") == text[s.start : s.end]
        assert not [e for e in tree.with_class("cont") if e["attrs"]["class"].startswith(f"l{FIGURE_LAYER}")]


def test_paragraphs_split_on_line_breaks_and_split_spans_across_them():
    text = "第一段4家\n\n  \n第二段60家"
    spans = [Span(3, 13, id="x", classes="entity"), Span(3, 5, "mark", "f", "figure", layer=FIGURE_LAYER)]
    out = paragraphs_html(text, spans, [Ref(13, "#f", "↑"), Ref(8, "#x", "↗")])  # 8: on a blank line
    assert out == (
        '<p>第一段<span id="x" class="entity"><mark id="f" class="figure">4家</mark></span>'
        '<a class="ref" href="#x">↗</a></p>\n'
        '<p><span class="entity cont">第二段</span><a class="ref" href="#f">↑</a>60家</p>'
    )
    with pytest.raises(ValueError, match="no printed character"):
        paragraphs_html(text, [Span(5, 7)])  # only the line breaks


# --- one article --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("aid, text", [(A19, TEXT_2019), (A21, TEXT_2021)])
def test_every_figure_and_restatement_has_an_anchor_on_its_own_characters(aid, text):
    tree = Tree(page_of(aid))
    rows = ledger()
    for row in rows[rows["article_id"] == aid].to_dict("records"):
        mark = tree.by_id(row["indicator_id"])
        assert mark["tag"] == "mark" and f"kind-{row['kind']}" in mark["attrs"]["class"]
        assert mark["text"] == text[row["start"] : row["end"]]
        assert mark["attrs"]["title"].startswith(f"{row['indicator']} · {row['kind']} · {row['period']}")
        for oid, place in zip(filter(None, row["occurrence_ids"].split(";")), row["occurrences"].split(";")[1:]):
            start, end = map(int, place.split("-"))
            again = tree.by_id(oid)
            assert again["text"] == text[start:end] and "restatement" in again["attrs"]["class"]
    assert max(tree.ids.values()) == 1


def test_a_restatement_points_to_the_first_statement():
    out = page_of(A19)
    restated = f"{A19}:{FIRST_BODY[0]}"
    assert (
        f'<mark id="{restated}" class="figure kind-ranking restatement"' in out
        and f'第一名</mark><a class="ref" href="#{A19}:{FIRST_HEAD[0]}" title="the first statement">↑</a>' in out
    )
    tree = Tree(out)
    notes = [e for e in tree.elements if e["tag"] == "td" and e["text"].startswith("printed 2 times")]
    assert notes and notes[0]["children"][0]["attrs"]["href"] == f"#{restated}"


def test_a_figure_repeated_from_an_earlier_article_links_to_it():
    t = tables()
    by_id = t.articles.set_index("article_id", drop=False).to_dict("index")
    out = page_of(A21, t, PageLinks(articles=by_id, figure_articles={AREA_2019: A19}))
    area = f"{A21}:{at(TEXT_2021, '1.2万亩')[0]}"
    assert f'<mark id="{area}" class="figure kind-achieved repeat"' in out
    assert f'1.2万亩</mark><a class="ref" href="{A19}.html#{AREA_2019}"' in out
    assert f'href="{A19}.html#{SHARE_2019}"' in out  # found from the id itself when not in figure_articles
    assert "repeats a figure of 《济宁召开全市开发区主导产业发展专题推进会议" in out


def test_two_figures_sharing_one_number_nest_on_it():
    tree = Tree(page_of(A21))
    first = f"{A21}:{at(TEXT_2021, '第一')[0]}"
    outer = tree.by_id(first)
    assert [c["attrs"]["id"] for c in outer["children"]] == [f"{first}:2"] and outer["text"] == "第一"


def test_a_formula_over_two_figures_holds_both():
    tree = Tree(page_of(A21))
    start = at(TEXT_2021, "万亩千亿")[0]
    formula = tree.by_id(f"f-{start}")
    assert formula["attrs"]["class"] == "formula kind-formula" and formula["attrs"]["title"] == "formula · 万亩千亿"
    assert [c["attrs"]["id"] for c in formula["children"]] == [f"{A21}:{start}", f"{A21}:{start + 2}"]


def test_formulas_and_entities_are_anchored_and_listed():
    tree = Tree(page_of(A21))
    for row in entities().to_dict("records"):
        span = tree.by_id(f"e-{row['start']}")
        assert span["text"] == row["alias"] and span["attrs"]["class"] == f"entity type-{row['type']}"
    first, second = (f"f-{at(TEXT_2021, '231', k)[0]}" for k in (0, 1))
    assert tree.by_id(first)["text"] == tree.by_id(second)["text"] == "231"
    rows = [e for e in tree.elements if e["tag"] == "tr" and e["children"][0]["text"] == "231产业集群"]
    assert [a["attrs"]["href"] for a in rows[0]["children"][-1]["children"]] == [f"#{first}", f"#{second}"]


def test_the_figure_table_links_every_figure():
    tree = Tree(page_of(A21))
    links = [
        e["attrs"]["href"] for e in tree.elements if e["tag"] == "a" and e["attrs"].get("href", "").startswith("#0f")
    ]
    rows = ledger()
    assert {f"#{i}" for i in rows[rows["article_id"] == A21]["indicator_id"]} <= set(links)


def test_the_header_says_what_the_article_is():
    tree = Tree(page_of(A19, links=PageLinks(review_years=(2019,))))
    meta = {
        e["children"][0]["text"]: e["children"][1]["text"]
        for e in tree.elements
        if e["tag"] == "tr" and len(e["children"]) == 2
    }
    assert meta["Date"] == "2019-12-03 (本报济宁12月3日讯)"
    assert meta["File"] == "data/raw/000_d456980f3589ac9b.txt, story 1 on the page"
    assert meta["About the zone"] == "yes (names 高新区 3 times)" and meta["Author"] == "记者邓超"
    assert tree.by_id("text") and [e["text"] for e in tree.elements if e["tag"] == "h1"] == [TEXT_2019.split("\n")[0]]
    hrefs = [e["attrs"].get("href") for e in tree.elements if e["tag"] == "a"]
    assert {"../index.html", "../01_corpus.html", "../03_indicators.html", "../years/2019.html"} <= set(hrefs)


def test_paragraphs_are_the_text_lines():
    tree = Tree(page_of(A19))
    body = [e for e in tree.elements if e["attrs"].get("class") == "article-text"][0]
    shown = [p["text"].replace("↑", "") for p in body["children"]]
    assert shown == [line for line in TEXT_2019.split("\n") if line.strip()]


def test_corpus_text_with_markup_stays_text():
    text = "坚持人民立场<script>alert(\"x\")</script> & 1<2 'q' <img src=x onerror=alert(1)>\n通过综合评比,济宁高新区获得第一名的好成绩。"
    aid = "0f694cbe-9"
    row = article(aid, text, "2021-11-05", title='<img src=x onerror="alert(1)">', about_zone_reason="<b>")
    first = figure(aid, text, "第一名", "名次<script>", "ranking", "2021")
    ent_row = mention(
        aid, text, "济宁高新区", entity="济宁高新区", alias="济宁高新区", type="zone", gloss='"><script>x</script>'
    )
    out = article_html(row, pd.DataFrame([first]), None, pd.DataFrame([ent_row]))
    assert "<script>" not in out and "<img" not in out and "<b>" not in out
    tree = Tree(out)
    body = [e for e in tree.elements if e["attrs"].get("class") == "article-text"][0]
    assert [p["text"] for p in body["children"]] == text.split("\n")
    assert tree.by_id(first["indicator_id"])["attrs"]["title"] == "名次<script> · ranking · 2021"
    assert [e["text"] for e in tree.elements if e["tag"] == "h1"] == ['<img src=x onerror="alert(1)">']


def test_an_article_not_about_the_zone_is_shown_as_it_reads():
    tree = Tree(page_of(A21C))
    assert "not about the zone" in tree.with_class("note")[0]["text"]
    assert not tree.with_class("figure") and "No figures" in tree.by_id("figures")["text"]


@pytest.mark.parametrize(
    "change, error",
    [
        ({"start": 5000, "end": 5002}, LedgerFormatError),  # outside the text
        ({"occurrence_ids": ""}, LedgerFormatError),  # two occurrences, no id for the second
        ({"indicator_id": f"{A19}:{FIRST_BODY[0]}"}, LedgerFormatError),  # the id of its own restatement
    ],
)
def test_a_ledger_that_does_not_fit_the_text_is_an_error(change, error):
    rows = ledger()
    rows.loc[0, list(change)] = list(change.values())
    with pytest.raises(error):
        page_of(A19, tables(ledger_all=rows))


def test_an_article_id_that_cannot_name_a_file_is_an_error():
    with pytest.raises(ArticlesFormatError):
        article_html(article("../x", "文本", "2021"), None, None, None)
    with pytest.raises(ArticlesFormatError):
        article_link("a b")


# --- determinism and links -------------------------------------------------------------------------------------------


def test_the_same_tables_give_the_same_bytes_in_any_row_order():
    t = tables()
    shuffled = tables(
        ledger_all=t.ledger_all.sample(frac=1, random_state=3),
        formula_mentions=t.formula_mentions.iloc[::-1],
        entity_mentions=t.entity_mentions.sample(frac=1, random_state=4),
    )
    shuffled.articles = t.articles.iloc[::-1]
    assert page_of(A21, t) == page_of(A21, t) == page_of(A21, shuffled)


def test_write_article_pages_twice_gives_the_same_bytes(tmp_path):
    first = write_article_pages(tmp_path / "a", tables())
    second = write_article_pages(tmp_path / "b", tables())
    assert [p.name for p in first] == [f"{A19}.html", f"{A21}.html", f"{A21C}.html"]  # by date, then page position
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    stamp = first[0].stat().st_mtime_ns
    write_article_pages(tmp_path / "a", tables())
    assert first[0].stat().st_mtime_ns == stamp  # unchanged pages are not rewritten


def test_write_article_pages_links_neighbours_and_reports_and_drops_stale_pages(tmp_path):
    stale = tmp_path / "articles" / "deadbeef-0.html"
    stale.parent.mkdir()
    stale.write_text("old", encoding="utf-8")
    pages = write_article_pages(tmp_path, tables())
    assert not stale.exists()
    folder = (tmp_path / "articles").resolve()
    for page in pages:  # every link to an article page, or within one, lands on a page and an anchor there
        tree = Tree(page.read_text(encoding="utf-8"))
        for a in (e for e in tree.elements if e["tag"] == "a" and "href" in e["attrs"]):
            path, _, anchor = a["attrs"]["href"].partition("#")
            target = (page.parent / path).resolve() if path else page
            if target.parent != folder:
                continue  # the index, the reports and the CSVs are not written here
            assert target.exists(), a["attrs"]["href"]
            if anchor:
                assert Tree(target.read_text(encoding="utf-8")).by_id(anchor)
    middle = Tree(pages[1].read_text(encoding="utf-8"))
    assert [a["attrs"]["href"] for a in middle.elements if a["attrs"].get("rel") in ("prev", "next")] == [
        f"{A19}.html",
        f"{A21C}.html",
    ]
    assert "../years/2021.html" in pages[1].read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "from_dir, indicator_id, expected",
    [
        ("", None, f"articles/{A19}.html"),
        ("", f"{A19}:199", f"articles/{A19}.html#{A19}:199"),
        ("years", f"{A19}:199", f"../articles/{A19}.html#{A19}:199"),
        ("years/", f"{A21}:800:2", f"../articles/{A21}.html#{A21}:800:2"),
        ("articles", f"{A19}:199", f"{A19}.html#{A19}:199"),
        ("a/b", None, f"../../articles/{A19}.html"),
    ],
)
def test_article_link_from_each_folder(from_dir, indicator_id, expected):
    aid = indicator_id.split(":")[0] if indicator_id else A19
    link = article_link(aid, indicator_id, from_dir)
    assert link == expected
    assert posixpath.normpath(posixpath.join(from_dir, link.split("#")[0])) == f"articles/{aid}.html"


# --- the seed corpus, through the shared tables -------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_pages(tmp_path_factory):
    """The shared tables of the seed corpus (tests/fixtures/seed, a copy of data/raw) and their pages."""
    tables = processed.compute(processed.Sources(raw_dir=SEED_RAW, manifest=SEED_MANIFEST))
    out = tmp_path_factory.mktemp("reports")
    pages = write_article_pages(out, tables)
    return tables, {p.stem: Tree(p.read_text(encoding="utf-8")) for p in pages}


def test_every_seed_figure_formula_and_entity_is_anchored_once_on_its_page(seed_pages):
    tables, trees = seed_pages
    assert sorted(trees) == sorted(tables.articles["article_id"])
    texts = dict(zip(tables.articles["article_id"], tables.articles["text"]))
    for row in tables.ledger_all.to_dict("records"):
        tree, text = trees[row["article_id"]], texts[row["article_id"]]
        assert tree.by_id(row["indicator_id"])["text"] == text[row["start"] : row["end"]]
        others = [i for i in row["occurrence_ids"].split(";") if i]
        for oid, place in zip(others, row["occurrences"].split(";")[1:], strict=True):
            start, end = map(int, place.split("-"))
            assert tree.by_id(oid)["text"] == text[start:end]
    for name, prefix in (("formula_mentions", "f"), ("entity_mentions", "e")):
        for row in getattr(tables, name).to_dict("records"):
            assert (
                trees[row["article_id"]].by_id(f"{prefix}-{row['start']}")["text"]
                == texts[row["article_id"]][row["start"] : row["end"]]
            )
    for tree in trees.values():
        assert max(tree.ids.values()) == 1


# --- in a browser ------------------------------------------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
def test_a_link_with_a_colon_lands_on_its_figure_in_chromium(tmp_path):
    playwright = pytest.importorskip("playwright.sync_api")
    write_article_pages(tmp_path, tables())
    restated = f"{A19}:{FIRST_BODY[0]}"
    (tmp_path / "years").mkdir()
    (tmp_path / "years" / "2021.html").write_text(
        f'<!DOCTYPE html><a id="go" href="{article_link(A19, restated, "years")}">第一名</a>', encoding="utf-8"
    )
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1200, "height": 700})
        outside = []
        page.on("request", lambda r: outside.append(r.url) if not r.url.startswith("file://") else None)
        page.goto((tmp_path / "years" / "2021.html").as_uri())
        with page.expect_navigation():
            page.click("#go")
        assert page.evaluate("() => document.querySelector(':target').id") == restated
        assert page.evaluate("id => document.getElementById(id).textContent", restated) == "第一名"
        assert page.evaluate("() => getComputedStyle(document.querySelector(':target')).outlineStyle") == "solid"
        label = page.evaluate("() => getComputedStyle(document.querySelector(':target'), '::after').content")
        assert "全市开发区主导产业发展专题推进会议综合评比名次 · ranking" in label
        top = page.evaluate("() => document.querySelector(':target').getBoundingClientRect().top")
        assert 0 < top < 700  # scrolled into view
        browser.close()
    assert not outside


def test_the_figures_table_shows_each_figure_as_the_article_writes_it():
    # 前10名 is top ten; 10名 alone would read as tenth place (a fresh reader's finding).
    text = "居全省开发区营商环境评价前10名。"
    start = text.index("10")
    row = {"indicator_id": f"x-0:{start}", "value": "10", "unit": "名", "start": start, "end": start + 3}
    assert _written(row, "x-0", text) == "前10名"


def test_a_page_opens_with_its_figures_in_brief_each_main_one_linked(seed_pages):
    """003's round-up (0f694cbe-0): its contest place 第二名 and 前10名 come first, linked to their places."""
    tables, trees = seed_pages
    tree = trees["0f694cbe-0"]
    brief = tree.by_id("in-brief")
    assert brief is not None
    rows = tables.ledger[tables.ledger["article_id"] == "0f694cbe-0"]
    repeats = int(rows["restates"].fillna("").ne("").sum())
    said = "".join(e["text"] for e in tree.elements if e["tag"] == "li")
    assert f"{len(rows)} figures: " in said and f"{repeats} of them repeat an earlier article" in said
    hrefs = [e["attrs"].get("href") for e in tree.elements if e["tag"] == "a"]
    ranks = rows[rows["kind"] == "ranking"].sort_values("start")["indicator_id"]
    assert f"#{ranks.iloc[0]}" in hrefs
    meta = [e["text"] for e in tree.elements if e["tag"] == "td"]
    assert "results round-up (成绩报道): it says what was done" in meta  # the type in words, not 'results'


def test_the_brief_counts_in_words_one_or_several(seed_pages):
    """002 (2018): 2 targets and 1 plan, not '1 plans'."""
    _, trees = seed_pages
    said = "".join(e["text"] for e in trees["8d9cce48-0"].elements if e["tag"] == "li")
    assert "1 plan." in said or "1 plan," in said
    assert "1 plans" not in said
