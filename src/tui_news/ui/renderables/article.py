"""An article as a list of Rich renderables: breadcrumb, title, meta line, body, byline, tags.

The reader's article pane and `tui-news show` both print exactly this list, so the terminal
reader and the command line lay text out identically. Nothing here imports Textual.

Spacing lives inside the renderables (a blank row after each block), so consumers only stack
them: one Static per renderable in the reader, a `Group` on the command line.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from tui_news.core.display import PinyinMode, ReadingDisplay
from tui_news.core.models import Article, Block, BlockKind, Span
from tui_news.ui.renderables.reading import ruby_for
from tui_news.ui.renderables.ruby import RubyText

META_SEPARATOR = " · "
HEADING_STYLES = {1: "bold underline", 2: "bold", 3: "bold italic"}
QUOTE_STYLE = "italic"
QUOTE_BAR = "▌ "
TITLE_STYLE = "bold"


def format_published(published: str) -> str:
    """An ISO 8601 date or date-time shortened for display: `2026-11-20T08:30:00+08:00` →
    `2026-11-20 08:30`. Anything else is shown as given."""
    date, separator, time = published.partition("T")
    if not separator:
        return published.strip()
    return f"{date} {time[:5]}" if len(time) >= 5 and time[2] == ":" else date


def comment_total(article: Article) -> int:
    """The number of comments to announce: what the page reports, else what it holds."""
    if article.comment_count is not None:
        return article.comment_count
    return article.total_comments()


def plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"


def meta_line(article: Article) -> Text:
    """`source · published · category · views · comments`, skipping what the article lacks."""
    parts = [article.source, format_published(article.published), article.category]
    if article.views is not None:
        parts.append(plural(article.views, "view"))
    parts.append(plural(comment_total(article), "comment"))
    return Text(META_SEPARATOR.join(part for part in parts if part), style="dim")


def span_style(span: Span) -> Style:
    return Style(
        italic=span.emphasis or None,
        bold=span.strong or None,
        underline=span.href is not None or None,
        link=span.href,
    )


def block_text(block: Block) -> Text:
    """The block's spans as one Text, each span carrying its inline style."""
    text = Text(style=block_style(block))
    for span in block.spans:
        text.append(span.text, span_style(span))
    return text


def block_style(block: Block) -> str:
    if block.kind is BlockKind.HEADING:
        return HEADING_STYLES.get(block.level, "bold")
    if block.kind is BlockKind.QUOTE:
        return QUOTE_STYLE
    return ""


class LeftBar:
    """Draws a bar down the left edge of a renderable, the way quotations are set off."""

    def __init__(
        self, renderable: RenderableType, bar: str = QUOTE_BAR, style: str = "dim"
    ) -> None:
        self.renderable = renderable
        self.bar = bar
        self.style = style

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        bar_width = len(self.bar)
        inner = options.update_width(max(1, options.max_width - bar_width))
        bar = Segment(self.bar, console.get_style(self.style))
        for line in console.render_lines(self.renderable, inner, pad=False):
            yield bar
            yield from line
            yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        inner = Measurement.get(console, options, self.renderable)
        bar_width = len(self.bar)
        return Measurement(inner.minimum + bar_width, inner.maximum + bar_width)


def block_renderable(block: Block, mode: ReadingDisplay | PinyinMode) -> RenderableType:
    ruby = ruby_for(block_text(block), block.readings, mode)
    body: RenderableType = LeftBar(ruby) if block.kind is BlockKind.QUOTE else ruby
    return spaced(body)


def spaced(renderable: RenderableType) -> Group:
    """One blank row below, the gap between paragraphs (an empty Text, so piped output of
    `show` carries no padding spaces)."""
    return Group(renderable, Text())


def header_renderables(
    article: Article, mode: ReadingDisplay | PinyinMode
) -> Iterator[tuple[int | None, RenderableType]]:
    """Breadcrumb, title and meta line; the title numbered 0, as in `article_texts`."""
    if article.breadcrumb:
        yield None, Text(" › ".join(article.breadcrumb), style="dim")
    yield 0, ruby_for(Text(article.title, style=TITLE_STYLE), article.title_readings, mode)
    yield None, spaced(meta_line(article))


def footer_renderables(article: Article) -> Iterator[RenderableType]:
    byline = article.byline or "、".join(article.authors)
    if byline:
        yield Text(byline, style="dim", justify="right")
    if article.tags:
        yield Text("  ".join(f"#{tag}" for tag in article.tags), style="dim")


def article_renderables(
    article: Article, mode: ReadingDisplay | PinyinMode
) -> list[RenderableType]:
    """Everything the reader shows for an article, top to bottom (comments are separate)."""
    return [part for _, part in numbered_renderables(article, mode)]


def numbered_renderables(
    article: Article, mode: ReadingDisplay | PinyinMode
) -> list[tuple[int | None, RenderableType]]:
    """`article_renderables`, each with the number of the text it shows in
    `core.vocabulary.article_texts` (0 the title, 1… the body blocks; None for the lines in
    between): how the reader finds the word under a click."""
    parts: list[tuple[int | None, RenderableType]] = list(header_renderables(article, mode))
    parts.extend(body_renderables(article.body, mode))
    parts.extend((None, part) for part in footer_renderables(article))
    return parts


def body_renderables(
    blocks: Iterable[Block], mode: ReadingDisplay | PinyinMode
) -> Iterator[tuple[int, RenderableType]]:
    """The blocks with text, each with its number in `article_texts` (the first block's is 1)."""
    for number, block in enumerate(blocks, start=1):
        if block.text.strip():
            yield number, block_renderable(block, mode)


def ruby_within(renderable: object) -> tuple[RubyText, int] | None:
    """The RubyText at the top of one of the article's parts and how many cells right of the
    part's left edge it starts (a quotation's bar), or None for a part without one."""
    if isinstance(renderable, RubyText):
        return renderable, 0
    if isinstance(renderable, LeftBar):
        inner = ruby_within(renderable.renderable)
        return (inner[0], inner[1] + len(renderable.bar)) if inner is not None else None
    if isinstance(renderable, Group) and renderable.renderables:
        return ruby_within(renderable.renderables[0])
    return None
