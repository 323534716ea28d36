"""Benchmark segmentation and theme counting on a synthetic 10,000-article corpus.

Run::

    .venv/bin/python tests/benchmarks/bench_segment.py [--articles 10000] [--processes 2]

The corpus is built by resampling real sentences from ``data/raw`` with a fixed
seed, so every run measures the same text. Stages, timed in one process, one run:

1. ``jieba.lcut`` loop (jieba's global tokenizer, default dictionary): the baseline.
2. ``Segmenter.count`` (rjieba, domain dictionary, content-word filter), serial.
3. ``Segmenter.count_many(processes=N)``, forked workers; must equal stage 2.
4. ``count_theme_hits`` over every article (one trie-shaped regex).
5. Segmentation and theme counting in one pass per article, serial: the aim
   (issue #10) is this stage at 5x the baseline or faster.
6. ``Segmenter.spans`` with ``is_content`` per token, as the build's shared
   tables read each article (``helpers.analysis.processed``).
7. ``Segmenter.count`` with ``engine="jieba"``: the same filter on jieba's own
   tokenizer, the reference the agreement figures compare stage 2 with.

Each stage gives wall time and CPU time (this process and its workers): on a
machine others use, wall time moves with their load, CPU time much less, so
both ratios to the baseline are printed. Prints markdown tables the README can
quote. Not collected by pytest.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import sys
import time
from collections import Counter
from importlib import metadata

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


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (user + system)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def timed(fn):
    """Run ``fn``; return its result, wall seconds and CPU seconds (workers included)."""
    start, cpu = time.perf_counter(), cpu_seconds()
    result = fn()
    return result, time.perf_counter() - start, cpu_seconds() - cpu


def max_rss_mb(who: int) -> float:
    # ru_maxrss is KiB on Linux, bytes on macOS.
    scale = 1 / 1024 if sys.platform != "darwin" else 1 / 1024**2
    return resource.getrusage(who).ru_maxrss * scale


def segment_and_count_themes(seg: Segmenter, lexicon, texts: list[str]) -> tuple[Counter, list[Counter]]:
    """Count content words and theme hits, one pass per article."""
    words: Counter = Counter()
    themes = []
    for text in texts:
        words.update(seg.tokens(text))
        themes.append(count_theme_hits(text, lexicon))
    return Counter({w: n for w, n in words.items() if seg.is_content(w)}), themes


def spans_as_the_build_reads_them(seg: Segmenter, texts: list[str]) -> int:
    """Walk every article's spans and test each token, as ``processed._tokens`` does."""
    n = 0
    for text in texts:
        for word, _start, _end in seg.spans(text):
            n += seg.is_content(word)
    return n


def agreement(ours: Counter, reference: Counter, top: int = 200) -> list[tuple[str, str]]:
    """Compare two content-word counts: the figures the README quotes."""
    total = sum(reference.values())
    shared = sum(min(n, ours[w]) for w, n in reference.items())
    words = set(ours) | set(reference)
    same = sum(ours[w] == reference[w] for w in words)
    leaders = [w for w, _ in reference.most_common(top)]
    same_top = sum(ours[w] == reference[w] for w in leaders)
    differ = sorted(words, key=lambda w: -abs(ours[w] - reference[w]))[:5]
    return [
        ("content-word tokens, ours / jieba's", f"{sum(ours.values()):,} / {total:,}"),
        ("content-word tokens in common (sum of the smaller count per word)", f"{shared / total:.4%}"),
        ("distinct content words with the same count", f"{same:,} of {len(words):,} ({same / len(words):.4%})"),
        (f"jieba's top {top} words with the same count", f"{same_top} of {len(leaders)}"),
        (
            "largest differences (word: ours, jieba's)",
            ", ".join(f"{w}: {ours[w]}, {reference[w]}" for w in differ if ours[w] != reference[w]) or "none",
        ),
    ]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--sentences", type=int, default=20, help="mean sentences per article")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--skip-baseline", action="store_true", help="skip the jieba.lcut loop")
    parser.add_argument("--skip-agreement", action="store_true", help="skip the jieba-engine reference (stage 7)")
    args = parser.parse_args(argv)

    jieba.setLogLevel(60)
    load_before = os.getloadavg()[0]
    texts = build_corpus(args.articles, args.sentences, args.seed)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    chars = sum(map(len, texts))
    rows = []

    seg = Segmenter.from_lexicon()
    _, t_init, _ = timed(lambda: seg.tokenizer)
    reference = Segmenter.from_lexicon(engine="jieba")
    _, t_init_ref, _ = timed(lambda: reference.tokenizer)
    lexicon = load_themes()

    if not args.skip_baseline:
        jieba.initialize()
        # Count tokens rather than keep them, so the baseline holds no more
        # memory than the stages it is compared with.
        _, *t = timed(lambda: sum(len(jieba.lcut(t)) for t in texts))
        rows.append(("plain `jieba.lcut` loop (baseline, 1 process)", t))
    serial, *t = timed(lambda: seg.count(texts))
    rows.append(("our segmentation: `Segmenter.count` (rjieba, domain dictionary, content words), 1 process", t))
    parallel, *t = timed(lambda: seg.count_many(texts, processes=args.processes))
    rows.append((f"the same on {args.processes} processes (`Segmenter.count_many`)", t))
    if parallel != serial:
        print("ERROR: parallel counts differ from serial counts", file=sys.stderr)
        return 1
    themes, *t = timed(lambda: [count_theme_hits(t, lexicon) for t in texts])
    rows.append(("theme counting: `count_theme_hits`, 1 process", t))
    (combined, combined_themes), *t = timed(lambda: segment_and_count_themes(seg, lexicon, texts))
    rows.append(("**segmentation + theme counting, one pass per article, 1 process**", t))
    if combined != serial or combined_themes != themes:
        print("ERROR: the one-pass stage differs from stages 2 and 4", file=sys.stderr)
        return 1
    _, *t = timed(lambda: spans_as_the_build_reads_them(seg, texts))
    rows.append(("`Segmenter.spans` + `is_content` per token (the shared tables' way), 1 process", t))
    if not args.skip_agreement:
        jieba_counts, *t = timed(lambda: reference.count(texts))
        rows.append(('the same filter on jieba\'s tokenizer (`engine="jieba"`, the engine before), 1 process', t))

    base = rows[0][1] if not args.skip_baseline else None
    print(
        f"Corpus: {len(texts):,} articles, {chars:,} characters, {mb:.1f} MB UTF-8 "
        f"(seed {args.seed}); Python {platform.python_version()}, jieba {jieba.__version__}, "
        f"rjieba {metadata.version('rjieba')}, {platform.machine()}, {os.cpu_count()} CPUs, "
        f"1-min load average {load_before:.2f} at start, {os.getloadavg()[0]:.2f} at the end "
        "(other work on the machine slows wall time, the parallel stage first; CPU time much less)"
    )
    print(
        f"Dictionary load ({len(seg.userdict)} domain words): rjieba {t_init:.2f} s, "
        f"jieba {t_init_ref:.2f} s (from its cache)\n"
    )
    print("| stage | wall s | MB/s | vs `jieba.lcut`, wall | CPU s | vs `jieba.lcut`, CPU |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, (wall, cpu) in rows:
        rel = f"{base[0] / wall:.2f}×" if base else "n/a"
        rel_cpu = f"{base[1] / cpu:.2f}×" if base else "n/a"
        print(f"| {name} | {wall:.1f} | {mb / wall:.2f} | {rel} | {cpu:.1f} | {rel_cpu} |")
    print(f"\nDistinct content words: {len(serial):,}; theme hits: {sum(sum(c.values()) for c in themes):,}")
    if not args.skip_agreement:
        print("\n| agreement with jieba (same dictionary, stop words and filter) | |")
        print("|---|---|")
        for name, value in agreement(serial, jieba_counts):
            print(f"| {name} | {value} |")
    print(
        f"\nPeak RSS: parent {max_rss_mb(resource.RUSAGE_SELF):.0f} MB, "
        f"largest child {max_rss_mb(resource.RUSAGE_CHILDREN):.0f} MB"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
