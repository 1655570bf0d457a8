"""Library search speed on 10,000 synthetic articles.

    python bench/search.py [--articles N] [--seed S]

The articles are made from the bundled ones: their titles, paragraphs and comments shuffled and
recombined, so the library is large while its distinct lines stay few. Three numbers:

* cold conversion: the readings engine on the bundled text once (this is what a library of
  distinct articles costs per character when indexed for the first time);
* index build: `SearchIndex` over N articles whose lines are already converted;
* per-query time for a few queries (best of several runs), with the number of hits.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tui_news.core.models import Article, Comment  # noqa: E402
from tui_news.core.pinyin_index import compile_line  # noqa: E402
from tui_news.core.search import SearchDocument, SearchIndex  # noqa: E402
from tui_news.services.library import bundled_articles_dir, load_library  # noqa: E402

QUERIES = [
    "jinan",
    "ji3nan2",
    "jǐnán",
    "jn",
    "济南",
    "yunhe",
    "ferry",
    "harbour ferry",
    "zh",
    "a",
    "shanghai dianchi",
    "xyzzy",
]


def comment_lines(comments: list[Comment]) -> list[str]:
    lines: list[str] = []
    for comment in comments:
        lines.append(f"{comment.author}: {comment.text}")
        lines.extend(comment_lines(comment.replies))
    return lines


def bundled() -> list[Article]:
    return [e.article for e in load_library(bundled_articles_dir()) if e.article is not None]


def synthetic_library(articles: list[Article], count: int, seed: int) -> list[SearchDocument]:
    rng = random.Random(seed)
    titles = [a.title for a in articles]
    sources = [a.source for a in articles if a.source] or ["Bundled"]
    paragraphs = [block.text for a in articles for block in a.body if block.text.strip()]
    comments = [line for a in articles for line in comment_lines(a.comments)] or [""]
    documents = []
    for number in range(count):
        body = rng.sample(paragraphs, k=min(len(paragraphs), rng.randint(6, 24)))
        said = rng.sample(comments, k=min(len(comments), rng.randint(0, 8)))
        documents.append(
            SearchDocument(
                key=f"synthetic-{number:05d}",
                title=rng.choice(titles),
                source=rng.choice(sources),
                body="\n".join(body),
                comments="\n".join(said),
            )
        )
    return documents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    articles = bundled()
    documents = synthetic_library(articles, args.articles, args.seed)
    lines = {line for d in documents for line in d.text.split("\n")}
    chars = sum(len(line) for line in lines)

    compile_line("预热结巴词典")  # loads the segmenter's dictionary, a one-off cost per run
    start = time.perf_counter()
    for line in lines:
        compile_line(line)
    cold = time.perf_counter() - start
    print(
        f"cold conversion: {len(lines)} distinct lines, {chars} chars in {cold:.2f} s"
        f" ({chars / cold:,.0f} chars/s)"
    )

    total = sum(len(d.text) for d in documents)
    start = time.perf_counter()
    index = SearchIndex(documents)
    index.search("warm")  # joins the chunks, which the first query would otherwise pay for
    build = time.perf_counter() - start
    print(f"index build: {len(index)} articles, {total / 1e6:.1f} M chars in {build:.2f} s")

    for query in QUERIES:
        best = float("inf")
        for _ in range(5):
            start = time.perf_counter()
            hits = index.search(query)
            best = min(best, time.perf_counter() - start)
        print(f"  {query!r:22} {best * 1000:8.1f} ms  {len(hits):6d} hits")


if __name__ == "__main__":
    main()
