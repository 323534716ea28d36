"""Benchmark segmentation and theme counting on a synthetic 10,000-article corpus.

Run::

    .venv/bin/python tests/benchmarks/bench_segment.py [--articles 10000] [--processes 2]

The corpus is built by resampling real sentences from ``data/raw`` with a fixed
seed, so every run measures the same text. Stages, timed in one process:

1. ``jieba.lcut`` loop (jieba's global tokenizer, default dictionary): the baseline.
2. ``Segmenter.count`` (private tokenizer + domain dictionary + stop words), serial.
3. ``Segmenter.count_many(processes=N)``, forked workers; must equal stage 2.
4. ``count_theme_hits`` over every article (one trie-shaped regex).

Prints a markdown table the README can quote. Not collected by pytest.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import sys
import time

import jieba

from helpers import paths
from helpers.analysis.segment import Segmenter
from helpers.analysis.themes import count_theme_hits, load_themes, split_sentences


def build_corpus(n_articles: int, mean_sentences: int, seed: int) -> list[str]:
    """Resample real sentences into ``n_articles`` synthetic articles."""
    sentences = []
    for path in sorted(paths.RAW.glob("*.txt")):
        sentences += [s for _, _, s in split_sentences(path.read_text("utf-8")) if len(s) >= 5]
    rng = random.Random(seed)
    lo, hi = max(1, mean_sentences // 2), mean_sentences * 3 // 2
    return ["".join(rng.choices(sentences, k=rng.randint(lo, hi))) for _ in range(n_articles)]


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def max_rss_mb(who: int) -> float:
    # ru_maxrss is KiB on Linux, bytes on macOS.
    scale = 1 / 1024 if sys.platform != "darwin" else 1 / 1024**2
    return resource.getrusage(who).ru_maxrss * scale


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--sentences", type=int, default=20, help="mean sentences per article")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--skip-baseline", action="store_true", help="skip the jieba.lcut loop")
    args = parser.parse_args(argv)

    jieba.setLogLevel(60)
    load_before = os.getloadavg()[0]
    texts = build_corpus(args.articles, args.sentences, args.seed)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    chars = sum(map(len, texts))
    rows = []

    seg = Segmenter.from_lexicon()
    _, t_init = timed(lambda: seg.tokenizer)
    lexicon = load_themes()

    if not args.skip_baseline:
        jieba.initialize()
        # Count tokens rather than keep them, so the baseline holds no more
        # memory than the stages it is compared with.
        _, t = timed(lambda: sum(len(jieba.lcut(t)) for t in texts))
        rows.append(("jieba.lcut loop (baseline, 1 process)", t))
    serial, t = timed(lambda: seg.count(texts))
    rows.append(("Segmenter.count (content words, 1 process)", t))
    parallel, t = timed(lambda: seg.count_many(texts, processes=args.processes))
    rows.append((f"Segmenter.count_many ({args.processes} processes)", t))
    if parallel != serial:
        print("ERROR: parallel counts differ from serial counts", file=sys.stderr)
        return 1
    themes, t = timed(lambda: [count_theme_hits(t, lexicon) for t in texts])
    rows.append(("count_theme_hits (1 process)", t))

    base = rows[0][1] if not args.skip_baseline else None
    print(
        f"Corpus: {len(texts):,} articles, {chars:,} characters, {mb:.1f} MB UTF-8 "
        f"(seed {args.seed}); Python {platform.python_version()}, jieba {jieba.__version__}, "
        f"{platform.machine()}, {os.cpu_count()} CPUs, 1-min load average {load_before:.2f} at start "
        "(other work on the machine slows the parallel stage first)"
    )
    print(f"Dictionary load (private tokenizer + {len(seg.userdict)} domain words): {t_init:.2f} s\n")
    print("| stage | seconds | MB/s | vs jieba.lcut |")
    print("|---|---:|---:|---:|")
    for name, t in rows:
        rel = f"{base / t:.2f}x" if base else "n/a"
        print(f"| {name} | {t:.1f} | {mb / t:.2f} | {rel} |")
    print(f"\nDistinct content words: {len(serial):,}; theme hits: {sum(sum(c.values()) for c in themes):,}")
    print(
        f"Peak RSS: parent {max_rss_mb(resource.RUSAGE_SELF):.0f} MB, "
        f"largest child {max_rss_mb(resource.RUSAGE_CHILDREN):.0f} MB"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
