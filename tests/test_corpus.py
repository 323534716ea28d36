import hashlib
import warnings
from pathlib import Path

import pandas as pd
import pytest

from helpers import paths
from helpers.corpus.reader import about_zone, length_by_year, load_corpus, published_articles, read_raw_file
from helpers.errors import (
    BinaryFileError,
    CorpusError,
    CorpusWarning,
    EmptyFileError,
    ManifestError,
    UndecodableFileError,
)
from helpers.hashing import file_sha256

FIXTURES = Path(__file__).parent / "fixtures"

# The date of every article, with a word of the evidence it must cite.
DATES = [
    ("000", 0, "2019-12-03", "12月3日"),
    ("001", 0, "2017", "2017年"),
    ("002", 0, "2018", "2018年"),
    ("003", 0, "2021-11-05", "masthead"),
    ("003", 1, "2021-11-05", "masthead"),
    ("003", 2, "2021-11-05", "masthead"),
    ("003", 3, "2021-11-05", "masthead"),
    ("004", 0, "2017-10-23", "时间:2017-10-23"),
]


def row(articles, prefix, index=0):
    return articles[articles["file"].str.startswith(prefix) & (articles["article_index"] == index)].iloc[0]


@pytest.mark.parametrize("prefix, index, date, evidence", DATES)
def test_every_article_is_dated_with_its_evidence(articles, prefix, index, date, evidence):
    found = row(articles, prefix, index)
    assert found["date"] == date
    assert evidence in found["date_evidence"]
    assert found["year"] == int(date[:4])


@pytest.mark.parametrize(
    "prefix, index, title, source",
    [
        (
            "000",
            0,
            "济宁召开全市开发区主导产业发展专题推进会议,对各县市区进行综合评比 现场打分,济宁高新区获第一名",
            "本报 (the newspaper is not named in the text)",
        ),
        ("001", 0, "走在前列、干在实处，建设有全国影响力的圣地智谷", "本报 (the newspaper is not named in the text)"),
        ("002", 0, "2018年,高新区这样布局发展", "本报 (the newspaper is not named in the text)"),
        ("003", 0, "高新区在全市重点项目现场观摩评比中再获佳绩", "济宁高新新闻"),
        (
            "004",
            0,
            "济宁高新区全面进入“三次创业”新阶段 精准招商 一区多园 优质服务",
            "中国高新技术产业导报 (via 高新科技网)",
        ),
    ],
)
def test_titles_and_sources(articles, prefix, index, title, source):
    found = row(articles, prefix, index)
    assert (found["title"], found["source"]) == (title, source)


def test_only_the_commentary_is_not_about_the_zone(articles):
    outside = articles.loc[~articles["about_zone"], "title"].tolist()
    assert outside == ["坚持人民立场 以良法善治 深入推进全面依法治国"]
    assert "0 times" in row(articles, "003", 3)["about_zone_reason"]


@pytest.mark.parametrize(
    "prefix, gone",
    [
        ("004", ["cngxkj@126.com", "网站首页", "上一篇", "下一篇", "版权", "凡本网注明", "来源:中国高新技术产业导报"]),
        ("003", ["0537-6557709", "星期五", "农历辛丑年十月初一", "总第589期"]),
        ("001", ["撸起袖子加油干\n撸起袖子加油干"]),  # the repeated column banner is kept once
    ],
)
def test_furniture_is_removed_from_article_text(articles, prefix, gone):
    text = "\n".join(articles.loc[articles["file"].str.startswith(prefix), "text"])
    for furniture in gone:
        assert furniture not in text


def test_article_text_keeps_original_characters_and_a_same_length_normalised_copy(articles):
    page = row(articles, "004")
    assert "营商环境打造等方面精准发力" in page["text"]
    mixed = row(articles, "001")["text"]
    assert "，" in mixed  # full-width comma as written
    assert "，" not in row(articles, "001")["text_norm"]
    assert (articles["text"].str.len() == articles["text_norm"].str.len()).all()


def test_broken_print_columns_are_rejoined(article_text):
    assert "其中,高端装备产业规上企业达到206家" in article_text("003", 0)
    assert "剥离职能69项" in article_text("003", 0)


def test_article_ids_are_stable_and_unique(articles):
    assert articles["article_id"].is_unique
    assert row(articles, "003", 2)["article_id"] == "0f694cbe-2"


def test_a_gb18030_copy_reads_exactly_like_the_utf8_original(tmp_path):
    original = (paths.RAW / "000_d456980f3589ac9b.txt").read_text("utf-8")
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "copy.txt").write_bytes(original.replace("\n", "\r\n").encode("gb18030"))
    with pytest.warns(CorpusWarning, match="copy.txt has no row"):
        copy = load_corpus(raw, tmp_path / "none.csv")
    assert copy["encoding"].tolist() == ["gb18030"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        utf8 = load_corpus(paths.RAW, paths.MANIFEST)
    ref = utf8[utf8["file"].str.startswith("000")].iloc[0]
    assert copy.iloc[0]["text"] == ref["text"]
    assert copy.iloc[0]["date"] == ref["date"] == "2019-12-03"


def test_small_fixture_corpus_loads_both_encodings(small_corpus):
    raw, manifest = small_corpus
    loaded = load_corpus(raw, manifest)
    assert sorted(loaded["encoding"]) == ["gb18030", "utf-8-sig"]
    assert loaded["date"].tolist() == ["2017-10-23", "2019-12-03"]


def test_curated_values_override_detection(small_corpus):
    raw, manifest = small_corpus
    table = pd.read_csv(manifest, dtype=str, keep_default_na=False)
    table.loc[0, ["date", "title", "source", "notes"]] = [
        "2019-12",
        "Curated title",
        "大众日报",
        "checked against the print edition",
    ]
    table.to_csv(manifest, index=False)
    got = load_corpus(raw, manifest).set_index("file").loc["2019_meeting_gb18030.txt"]
    assert (got["date"], got["title"], got["source"]) == ("2019-12", "Curated title", "大众日报")
    assert (got["date_origin"], got["title_origin"], got["source_origin"]) == ("curated", "curated", "curated")
    assert "checked against the print edition" in got["date_evidence"] and "12月3日" in got["date_evidence"]


def test_an_article_with_no_date_in_text_or_manifest_warns(small_corpus):
    raw, manifest = small_corpus
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(",2019-12-03,", ",,"), encoding="utf-8")
    with pytest.warns(CorpusWarning, match="2019_meeting_gb18030.txt article 0: no date found"):
        got = load_corpus(raw, manifest)
    assert got["date"].tolist() == ["2017-10-23", ""]


@pytest.mark.parametrize(
    "damage, error, words",
    [
        (
            lambda raw, m: (raw / "2017_web_page_bom.txt").unlink(),
            ManifestError,
            "2017_web_page_bom.txt, which is not in",
        ),
        (lambda raw, m: (raw / "2017_web_page_bom.txt").write_bytes(b"\xef\xbb\xbf edited"), ManifestError, "sha256"),
        (lambda raw, m: (raw / "empty.txt").write_bytes(b""), EmptyFileError, "empty.txt: the file is empty"),
        (lambda raw, m: (raw / "scan.pdf").write_bytes(b"%PDF-1.4\x00\x01\x02"), BinaryFileError, "scan.pdf"),
        (
            lambda raw, m: (raw / "latin.txt").write_bytes("café 高新区".encode()[:-1] + b"\xff"),
            UndecodableFileError,
            "latin.txt",
        ),
        (
            lambda raw, m: m.write_text(m.read_text() + m.read_text().splitlines()[1] + "\n"),
            ManifestError,
            "more than once",
        ),
        (lambda raw, m: m.write_text("name,hash\n"), ManifestError, "missing column"),
    ],
    ids=[
        "missing file",
        "changed file",
        "empty file",
        "binary file",
        "undecodable file",
        "duplicate row",
        "bad header",
    ],
)
def test_bad_input_names_the_file_and_the_fix(small_corpus, damage, error, words):
    raw, manifest = small_corpus
    damage(raw, manifest)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        with pytest.raises(error, match=words):
            load_corpus(raw, manifest)


def test_an_empty_raw_folder_is_an_error(tmp_path):
    (tmp_path / "raw").mkdir()
    with pytest.raises(CorpusError, match="no raw files"):
        load_corpus(tmp_path / "raw", tmp_path / "corpus.csv")


def test_manifest_hashes_match_the_committed_raw_files():
    table = pd.read_csv(paths.MANIFEST, dtype=str)
    for entry in table.itertuples():
        assert file_sha256(paths.RAW / entry.file) == entry.sha256


@pytest.mark.parametrize(
    "text, verdict",
    [
        ("济宁高新区获得第一名,高新区4家入选", True),
        ("全面依法治国最广泛、最深厚的基础是人民", False),
        # Another city's high-tech zone, named twice (tests/fixtures/pages/036_ettcn.txt, dev set): not our zone.
        ("西安高新区LED产业园项目签约,西安高新区将打造半导体照明产业基地", False),
        # The 2021 interview names 高新区 and, in its dateline, the city (seed 003).
        ("本报济宁讯(曹俐)今年以来,高新区科技创新局…高新区科技创新局将紧扣关键节点", True),
    ],
)
def test_about_zone(text, verdict):
    assert about_zone(text)[0] is verdict


def test_published_articles_has_the_contract_columns(articles):
    contract = [
        "article_id",
        "file",
        "sha256",
        "article_index",
        "title",
        "date",
        "year",
        "source",
        "about_zone",
        "n_chars",
        "date_evidence",
    ]
    assert list(published_articles(articles).columns[: len(contract)]) == contract
    assert "text" not in published_articles(articles).columns


def test_length_by_year_adds_up(articles):
    by_year = length_by_year(articles)
    assert by_year["characters"].sum() == articles["n_chars"].sum()
    assert by_year.loc[(by_year["year"] == 2021) & ~by_year["about_zone"], "articles"].tolist() == [1]


def test_an_unquoted_comma_in_the_manifest_is_reported_with_its_line(small_corpus):
    raw, manifest = small_corpus
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace('"First paragraphs', "First, paragraphs"), encoding="utf-8"
    )
    with pytest.raises(ManifestError, match="line 2 has"):
        load_corpus(raw, manifest)


def test_a_saved_government_page_is_cleaned_and_dated_from_its_text_alone(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    # Any file name: nothing is read from it.
    (raw / "page.txt").write_bytes((FIXTURES / "new_year" / "gov_page_2023.txt").read_bytes())
    with pytest.warns(CorpusWarning, match="page.txt has no row"):
        page = load_corpus(raw, tmp_path / "corpus.csv")
    assert len(page) == 1
    found = page.iloc[0]
    assert (found["title"], found["date"], found["source"]) == (
        "高新区召开2023年“双招双引”工作推进会议",
        "2023-03-15",
        "济宁高新区融媒体中心",
    )
    assert "发布时间" in found["date_evidence"]
    for furniture in ("网站首页", "当前位置", "字体", "浏览次数", "来源", "ICP备", "0537-1234567", "责任编辑"):
        assert furniture not in found["text"]
    assert (
        found["text"].splitlines()[-1] == "会议要求，要持续优化营商环境，深化“一区多园”改革，全力打造国家一流高新区。"
    )


def sha256_of_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _one_file_corpus(tmp_path, data: bytes, manifest_text: str | None = None, name="page.txt"):
    raw = tmp_path / "raw"
    raw.mkdir(exist_ok=True)
    (raw / name).write_bytes(data)
    manifest = tmp_path / "corpus.csv"
    if manifest_text is not None:
        manifest.write_text(manifest_text, encoding="utf-8")
    return raw, manifest


SEED_003 = FIXTURES / "seed" / "raw" / "003_778513eb0832983c.txt"


def test_a_manifest_row_may_give_only_file_and_sha256(tmp_path):
    data = SEED_003.read_bytes()
    raw, manifest = _one_file_corpus(tmp_path, data, f"file,sha256\npage.txt,{sha256_of_bytes(data)}\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error", CorpusWarning)  # a listed file gives no "no row" warning
        assert len(load_corpus(raw, manifest)) == 4


def test_a_manifest_saved_as_gbk_is_refused_naming_the_file_and_the_fix(tmp_path):
    data = SEED_003.read_bytes()
    raw, manifest = _one_file_corpus(tmp_path, data, f"file,sha256,title\npage.txt,{sha256_of_bytes(data)},高新区\n")
    manifest.write_bytes(manifest.read_text(encoding="utf-8").encode("gbk"))
    with pytest.raises(ManifestError, match=r"corpus.csv: not UTF-8 text .*save it as UTF-8"):
        load_corpus(raw, manifest)


def test_the_missing_row_warning_says_the_row_is_optional_and_gives_it(tmp_path):
    data = SEED_003.read_bytes()
    raw, manifest = _one_file_corpus(tmp_path, data)
    with pytest.warns(CorpusWarning, match=f"optional.*page.txt,{sha256_of_bytes(data)}"):
        load_corpus(raw, manifest)


def test_split_none_keeps_a_newspaper_page_as_one_article_with_its_first_headline(tmp_path):
    data = SEED_003.read_bytes()
    raw, manifest = _one_file_corpus(tmp_path, data, f"file,sha256,split\npage.txt,{sha256_of_bytes(data)},none\n")
    got = load_corpus(raw, manifest)
    assert len(got) == 1
    assert got["title"].iloc[0] == "高新区在全市重点项目现场观摩评比中再获佳绩"
    assert "坚持人民立场" in got["text"].iloc[0]


def test_curated_titles_and_date_win_for_a_file_that_splits(tmp_path):
    data = SEED_003.read_bytes()
    titles = "观摩评比第二名 || || 专访陈宏雷"
    raw, manifest = _one_file_corpus(
        tmp_path,
        data,
        f"file,sha256,title,date,source\npage.txt,{sha256_of_bytes(data)},{titles},2021-11-04,济宁高新新闻\n",
    )
    got = load_corpus(raw, manifest).sort_values("article_index")
    assert got["title"].tolist()[:3] == ["观摩评比第二名", got["title"].iloc[1], "专访陈宏雷"]
    assert got["title"].iloc[1].startswith("刘章箭")  # a blank part keeps the detected title
    assert got["title_origin"].tolist() == ["curated", "detected", "curated", "detected"]
    assert set(got["date"]) == {"2021-11-04"} and set(got["source_origin"]) == {"curated"}


@pytest.mark.parametrize(
    "value, words", [("2021-02-30", "not a real date"), ("2021-13", "not a real date"), ("21-3-5", "not a real date")]
)
def test_a_curated_date_must_be_a_real_date(tmp_path, value, words):
    data = SEED_003.read_bytes()
    raw, manifest = _one_file_corpus(tmp_path, data, f"file,sha256,date\npage.txt,{sha256_of_bytes(data)},{value}\n")
    with pytest.raises(ManifestError, match=words):
        load_corpus(raw, manifest)


def test_an_unknown_split_mode_is_refused_with_the_choices(tmp_path):
    data = SEED_003.read_bytes()
    raw, manifest = _one_file_corpus(tmp_path, data, f"file,sha256,split\npage.txt,{sha256_of_bytes(data)},never\n")
    with pytest.raises(ManifestError, match="auto, none"):
        load_corpus(raw, manifest)


def test_a_page_of_furniture_only_is_skipped_with_a_warning_naming_it(tmp_path):
    # The masthead of the 2021 page (real lines), with no story under it.
    masthead = "\n".join(SEED_003.read_text("utf-8").splitlines()[:24]).encode("utf-8")
    raw, manifest = _one_file_corpus(tmp_path, masthead, name="masthead_only.txt")
    (raw / "story.txt").write_bytes(SEED_003.read_bytes())
    with pytest.warns(CorpusWarning) as caught:
        got = load_corpus(raw, manifest)
    assert any("masthead_only.txt: no article text left" in str(w.message) for w in caught)
    assert set(got["file"]) == {"story.txt"}


def test_a_traditional_page_is_analysed_through_a_simplified_copy_and_keeps_its_original(tmp_path):
    # A Big5 page from Taiwan (tests/fixtures/pages/010_udn.txt, dev set).
    page = FIXTURES / "pages" / "010_udn.txt"
    raw, manifest = _one_file_corpus(tmp_path, page.read_bytes())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        got = load_corpus(raw, manifest).iloc[0]
    assert (got["encoding"], got["script"]) == ("big5", "traditional")
    assert "國科會中科管理局" in got["text_original"] and "国科会中科管理局" in got["text"]
    assert len(got["text"]) == len(got["text_original"]) == len(got["text_norm"])


def test_many_files_without_a_row_give_one_warning_naming_the_first(tmp_path):
    raw, manifest = _one_file_corpus(tmp_path, SEED_003.read_bytes(), name="a.txt")
    for name in ("b.txt", "c.txt", "d.txt"):
        (raw / name).write_bytes(SEED_003.read_bytes())
    with pytest.warns(CorpusWarning) as caught:
        load_corpus(raw, manifest)
    rows = [str(w.message) for w in caught if "no row" in str(w.message)]
    assert rows == [
        "4 raw files have no row in "
        + str(manifest)
        + " (a.txt, b.txt, c.txt and 1 more); read with detected metadata. "
        "A row is optional; to record them, add a line FILE,SHA256 for each (sha256sum data/raw/FILE gives the hash)"
    ]


def test_a_web_page_title_has_no_kicker_made_of_menu_lines():
    # tests/fixtures/pages/002_sheji58.txt (dev set): a spam menu line above the breadcrumb and the title.
    with pytest.warns(CorpusWarning, match="no date found"):  # its text gives no year
        (got,) = read_raw_file(FIXTURES / "pages" / "002_sheji58.txt")
    assert (got["title"], got["kicker"]) == ("区政协召开助推高新区高质量发展协商座谈会", "")


def test_a_page_saved_twice_is_read_once_with_a_warning(tmp_path):
    raw, manifest = _one_file_corpus(tmp_path, SEED_003.read_bytes(), name="a.txt")
    (raw / "b.txt").write_bytes(SEED_003.read_bytes())
    with pytest.warns(CorpusWarning) as caught:
        got = load_corpus(raw, manifest)
    assert set(got["file"]) == {"a.txt"} and got["article_id"].is_unique
    assert any("b.txt is byte-identical to a.txt; it is skipped" in str(w.message) for w in caught)


def test_a_manifest_row_without_sha256_is_refused_and_the_message_gives_it(tmp_path):
    data = SEED_003.read_bytes()
    raw, manifest = _one_file_corpus(tmp_path, data, "file,sha256,title\npage.txt,,高新区再获佳绩\n")
    with pytest.raises(ManifestError, match=f"page.txt has no sha256.*{sha256_of_bytes(data)}"):
        load_corpus(raw, manifest)


def test_a_symbolic_link_out_of_the_raw_folder_is_refused(tmp_path):
    raw, manifest = _one_file_corpus(tmp_path, SEED_003.read_bytes())
    outside = tmp_path / "secret.txt"
    outside.write_text("济宁高新区 高新区 not part of the corpus", encoding="utf-8")
    (raw / "linked.txt").symlink_to(outside)
    with pytest.raises(CorpusError, match="linked.txt .* is a symbolic link to .*secret.txt, outside the folder"):
        load_corpus(raw, manifest)
