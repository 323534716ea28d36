"""Where the fixture corpora are, and how to read and copy them (imported by conftest and tests)."""

import shutil
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
SMALL = FIXTURES / "corpus_small"
SEED = FIXTURES / "seed"
SEED_RAW = SEED / "raw"
SEED_MANIFEST = SEED / "corpus.csv"
ODD = FIXTURES / "corpus_odd"


def seed_text(file: str) -> str:
    """Read a seed file exactly as received (UTF-8, LF; nothing else touched)."""
    return (SEED_RAW / file).read_text(encoding="utf-8")


def seed_files() -> list[Path]:
    """The five seed files, in name order."""
    return sorted(SEED_RAW.glob("*.txt"))


def copy_corpus(source: Path, tmp_path: Path) -> tuple[Path, Path]:
    """Copy a fixture corpus (``raw/`` and ``corpus.csv``) into ``tmp_path``; return (raw_dir, manifest)."""
    raw = tmp_path / "raw"
    shutil.copytree(source / "raw", raw)
    manifest = tmp_path / "corpus.csv"
    shutil.copyfile(source / "corpus.csv", manifest)
    return raw, manifest


# Real sentences (seed articles 000 and 002, verbatim) as a small articles table:
# a 2019 article, a 2018 article with no theme term and no figure, and an undated
# article with figures. Built by hand so that module tests do not depend on the reader.
ODD_TEXTS = [
    (
        "b804821d-0",
        "normal_2019.txt",
        "2019-12-03",
        "在园区建设方面,基础设施投入61.7亿元,新建标准化厂房58万平方米。在创新引领方面,今年净增高新技术企业20家,位列全市第一位。"
        "济宁高新区将举全力、集众智,以高质量双招双引为引擎。",
    ),
    (
        "96dd1d20-0",
        "single_2018.txt",
        "2018",
        "在年初召开的经济工作会议中,济宁高新区全面分析了目前发展面临的新形势、新任务和新机遇。高新区召开动员部署会议。",
    ),
    (
        "f26e48ba-0",
        "undated_meeting.txt",
        "",
        "本报济宁讯 在园区建设方面,基础设施投入61.7亿元,新建标准化厂房58万平方米,盘活低效闲置用地1390亩,“九通一平”面积扩大到45平方公里。"
        "下一步,高新区将聚焦增创制度优势、开放优势和创新优势。",
    ),
]


def odd_articles():
    """The three articles of :data:`ODD_TEXTS` as :func:`helpers.corpus.reader.load_corpus` would give them."""
    import pandas as pd

    rows = [
        {
            "article_id": a,
            "file": f,
            "sha256": a[:8] * 8,
            "article_index": 0,
            "title": t[:12],
            "date": d,
            "year": int(d[:4]) if d else None,
            "source": "本报",
            "about_zone": True,
            "n_chars": len(t),
            "text": t,
            "text_norm": t,
        }
        for a, f, d, t in ODD_TEXTS
    ]
    frame = pd.DataFrame(rows)
    frame["year"] = frame["year"].astype("Int64")
    return frame
