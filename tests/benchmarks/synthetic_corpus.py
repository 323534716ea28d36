"""Write a synthetic corpus of N dated articles about the zone, for the scale benchmark.

Run::

    .venv/bin/python tests/benchmarks/synthetic_corpus.py 400 /tmp/raw400 [--seed 20261127]

Each article is a plausible page: a headline, a dated publication line
(``来源:济宁日报 时间:YYYY-MM-DD``), then paragraphs resampled, with a fixed
seed, from the articles about the zone in the seed corpus
(``tests/fixtures/seed/raw``, read by the project's own reader so that no page
furniture is copied): running paragraphs, now and then a sub-heading. Article
``i`` is dated in year ``2014 + i % 12`` (every year from 2014 to 2025 holds
articles as soon as N >= 12), on a random day. The headline names 济宁高新区
and the first paragraph is one that names it too, so every article is about
the zone and datable. Same N and seed, same bytes.

Never writes into ``data/raw/``: the target folder must be new or empty.
Imported by ``bench_scale.py`` by path (it is a script, not a module).
"""

from __future__ import annotations

import argparse
import datetime
import random
import re
import sys
import warnings
from pathlib import Path

from helpers import paths
from helpers.corpus.reader import load_corpus

SEED_DIR = paths.ROOT / "tests" / "fixtures" / "seed"
YEARS = tuple(range(2014, 2026))  # 12 years
SEED = 20261127
ZONE = "济宁高新区"
# A paragraph that could be read as a dateline, byline or page marker is not resampled:
# the synthetic pages must be one story each, dated by their publication line only.
ANCHORS = re.compile(r"本报|记者|通讯员|讯|电[)）]|\d+月\d+日电|来源|时间[:：]|编辑|第\d+版")
ENDS = tuple("。！？；”」）)")


def seed_paragraphs(seed_dir: Path = SEED_DIR) -> tuple[list[str], list[str], list[str]]:
    """Return (body paragraphs, sub-headings, headline phrases) from the seed articles about the zone."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        articles = load_corpus(seed_dir / "raw", seed_dir / "corpus.csv")
    body, subheads, heads = [], [], []
    for about, title, text in zip(articles["about_zone"], articles["title"], articles["text"]):
        if str(about) != "True":
            continue
        if title and not ANCHORS.search(title):
            heads.append(title.strip())
        for para in (p.strip() for p in text.split("\n")):
            if not para or ANCHORS.search(para):
                continue
            if len(para) >= 40 and para.endswith(ENDS):
                body.append(para)
            elif 8 <= len(para) <= 24 and not para.endswith(ENDS) and not para.startswith(("◎", "一", "二", "三")):
                subheads.append(para)
    return list(dict.fromkeys(body)), list(dict.fromkeys(subheads)), list(dict.fromkeys(heads + subheads))


def article(rng: random.Random, year: int, pools: tuple[list[str], list[str], list[str]]) -> str:
    """Return the text of one synthetic page dated in ``year``."""
    body, subheads, heads = pools
    day = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(365))
    head = rng.choice(heads)
    headline = head if ZONE in head else f"{ZONE}{rng.choice(['：', ' '])}{head}"
    first = rng.choice([p for p in body if ZONE in p])
    rest = rng.sample(body, k=rng.randint(6, 16))
    paragraphs = [first]
    for para in rest:
        if para == first:
            continue
        if rng.random() < 0.15:
            paragraphs.append(rng.choice(subheads))
        paragraphs.append(para)
    lines = [headline, "", f"来源:济宁日报 时间:{day.isoformat()}", ""]
    for para in paragraphs:
        lines += ["　　" + para, ""]
    return "\n".join(lines)


def write_corpus(raw_dir: Path, n: int, seed: int = SEED) -> list[Path]:
    """Write ``n`` synthetic articles into ``raw_dir`` (new or empty) and return their paths."""
    raw_dir = Path(raw_dir).resolve()
    if raw_dir == paths.RAW.resolve() or paths.RAW.resolve() in raw_dir.parents:
        raise SystemExit(f"refusing to write synthetic articles into {paths.RAW}")
    raw_dir.mkdir(parents=True, exist_ok=True)
    if any(raw_dir.iterdir()):
        raise SystemExit(f"{raw_dir} is not empty")
    pools = seed_paragraphs()
    rng = random.Random(seed)
    written = []
    for i in range(n):
        year = YEARS[i % len(YEARS)]
        path = raw_dir / f"syn_{year}_{i:05d}.txt"
        path.write_text(article(rng, year, pools), encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="articles to write")
    parser.add_argument("raw_dir", type=Path, help="a new or empty folder (never data/raw)")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    written = write_corpus(args.raw_dir, args.n, args.seed)
    size = sum(p.stat().st_size for p in written)
    print(f"{len(written)} articles, {size / 1e6:.2f} MB, in {args.raw_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
