"""Comment threads as Rich renderables, shared by the reader's panel and `tui-news show`.

Everything here is plain Rich (no Textual), so the command line can print the same threads the
reader shows. A thread is drawn as a pre-order list of comments; each reply is indented by one
guide column per ancestor ("│ "), and each column has the colour of its depth so that sibling
replies deep in a long discussion can be told apart at a glance.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import StyleType
from rich.text import Text

from tui_news.core.display import PinyinMode, ReadingDisplay
from tui_news.core.models import Article, Comment
from tui_news.ui.renderables.reading import ruby_for

GUIDE_CHAR = "│"
GUIDE_WIDTH = 2  # the bar and one space
# Deep threads must not squeeze the text to nothing: guides stop being added once the text
# would get narrower than this many cells (the deepest replies then line up at that depth).
MIN_TEXT_WIDTH = 16
# "♥" is one cell in Rich and Textual (East Asian width "ambiguous"; tests pin the width).
LIKE_GLYPH = "♥"
EXPANDED_MARK = "[−]"
COLLAPSED_MARK = "[+]"
SEPARATOR = " · "

# Mid-luminance colours: legible on both black and white backgrounds. The panel replaces them
# with the current theme's text colours; these serve the command line.
DEFAULT_GUIDE_COLOURS: tuple[str, ...] = (
    "#4f86e8",  # blue
    "#b86ad9",  # violet
    "#1f9e95",  # teal
    "#cc8420",  # amber
    "#d9577f",  # rose
    "#5f9a32",  # green
)

_ISO_TIME = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2})"
    r"(?:[T ](?P<hm>\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?)?"
    r"(?:Z|[+-]\d{2}:?\d{2})?$"
)


def format_comment_time(raw: str) -> str:
    """A compact, stable form of a comment's time, derived from the string alone.

    ISO 8601 becomes "2026-11-20 09:05" as the source wrote it (no time-zone conversion, and
    never relative to the clock, so output is reproducible). Anything else, such as "3小时前",
    is shown as given.
    """
    raw = raw.strip()
    match = _ISO_TIME.match(raw)
    if match is None:
        return raw
    date, hm = match.group("date"), match.group("hm")
    return f"{date} {hm}" if hm else date


def format_likes(likes: int | None) -> str:
    """`♥ 12`, or nothing when the source gives no figure."""
    return "" if likes is None else f"{LIKE_GLYPH} {likes}"


def replies_label(count: int) -> str:
    return f"{count} {'reply' if count == 1 else 'replies'}"


def comments_title(article: Article | None) -> str:
    """ "Comments (N)": N counts every held comment, replies included.

    The page's own figure is mentioned when it differs (pages often count deleted or folded
    comments that never reach us).
    """
    if article is None:
        return "Comments"
    held = article.total_comments()
    reported = article.comment_count
    if reported is not None and reported != held:
        return f"Comments ({held}; page says {reported})"
    return f"Comments ({held})"


@dataclass(frozen=True)
class CommentStyles:
    """Styles for the parts of a comment; the panel fills these from its theme."""

    author: StyleType = "bold"
    meta: StyleType = "dim"  # time, likes and separators
    toggle: StyleType = "bold"
    ruby: StyleType = "dim"
    empty: StyleType = "bold"
    empty_note: StyleType = "dim"
    guides: tuple[StyleType, ...] = DEFAULT_GUIDE_COLOURS

    def guide_style(self, depth: int) -> StyleType:
        return self.guides[depth % len(self.guides)] if self.guides else ""


@dataclass(frozen=True)
class ThreadEntry:
    """One comment in the pre-order list of all threads."""

    index: int
    comment: Comment
    depth: int
    parent: int | None  # index of the parent entry
    size: int  # this comment plus every reply below it

    @property
    def hidden_when_collapsed(self) -> int:
        return self.size - 1


def flatten_threads(comments: Sequence[Comment]) -> list[ThreadEntry]:
    """All comments in reading order; entry i's subtree is entries i .. i+size-1."""
    entries: list[ThreadEntry] = []

    def visit(comment: Comment, depth: int, parent: int | None) -> int:
        index = len(entries)
        entries.append(ThreadEntry(index, comment, depth, parent, 1))  # size fixed below
        size = 1 + sum(visit(reply, depth + 1, index) for reply in comment.replies)
        entries[index] = ThreadEntry(index, comment, depth, parent, size)
        return size

    # An explicit loop over top-level threads keeps recursion depth to one thread's depth.
    for comment in comments:
        visit(comment, 0, None)
    return entries


class Guided:
    """Draws `renderable` behind one coloured guide column per entry in `guides`.

    Guides that would leave less than MIN_TEXT_WIDTH cells are dropped from the left, so a
    very deep reply still gets a readable column and keeps its innermost colours.
    """

    def __init__(self, renderable: RenderableType, guides: Sequence[StyleType]) -> None:
        self.renderable = renderable
        self.guides = tuple(guides)

    def shown_guides(self, max_width: int) -> tuple[StyleType, ...]:
        room = max(0, (max_width - MIN_TEXT_WIDTH) // GUIDE_WIDTH)
        return self.guides[len(self.guides) - min(room, len(self.guides)) :]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        guides = self.shown_guides(options.max_width)
        prefix: list[Segment] = []
        for style in guides:
            prefix.append(Segment(GUIDE_CHAR, console.get_style(style) if style else None))
            prefix.append(Segment(" " * (GUIDE_WIDTH - 1)))
        inner_width = max(1, options.max_width - GUIDE_WIDTH * len(guides))
        lines = console.render_lines(
            self.renderable, options.update_width(inner_width), pad=False
        )
        for line in lines:
            if Segment.get_line_length(line) == 0 and prefix:
                # A blank row (spacer): no trailing space after the last guide.
                yield from prefix[:-1]
            else:
                yield from prefix
                yield from line
            yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        extra = GUIDE_WIDTH * len(self.guides)
        inner = Measurement.get(console, options, self.renderable)
        return Measurement(inner.minimum + extra, inner.maximum + extra)


def guide_styles(depth: int, styles: CommentStyles) -> list[StyleType]:
    """One style per ancestor level: column d has the colour of depth d."""
    return [styles.guide_style(level) for level in range(depth)]


def comment_header(
    comment: Comment,
    styles: CommentStyles,
    *,
    collapsed: bool | None = None,
    hidden: int = 0,
) -> Text:
    """`author · 2026-11-20 09:05 · ♥ 12  [−]`; the toggle only when `collapsed` is given."""
    header = Text(comment.author or "(anonymous)", style=styles.author)
    for part in (format_comment_time(comment.time), format_likes(comment.likes)):
        if part:
            header.append(SEPARATOR, style=styles.meta)
            header.append(part, style=styles.meta)
    if collapsed is not None:
        header.append("  ")
        if collapsed:
            header.append(f"{COLLAPSED_MARK} {replies_label(hidden)}", style=styles.toggle)
        else:
            header.append(EXPANDED_MARK, style=styles.toggle)
    return header


def comment_body(
    comment: Comment, mode: ReadingDisplay | PinyinMode, styles: CommentStyles
) -> RenderableType:
    """The text as ruby: with readings (publisher's first) unless pinyin is off."""
    return ruby_for(Text(comment.text), comment.readings, mode, ruby_style=styles.ruby)


def comment_block(
    entry: ThreadEntry,
    mode: ReadingDisplay | PinyinMode,
    styles: CommentStyles,
    *,
    collapsed: bool | None = None,
) -> Guided:
    """Header and text of one comment behind its guides (no spacing around it)."""
    header = comment_header(
        entry.comment, styles, collapsed=collapsed, hidden=entry.hidden_when_collapsed
    )
    body = comment_body(entry.comment, mode, styles)
    return Guided(Group(header, body), guide_styles(entry.depth, styles))


def spacer(depth: int, styles: CommentStyles) -> Guided:
    """A blank row before a comment; its guides keep the thread lines unbroken."""
    return Guided(Text(""), guide_styles(depth, styles))


def empty_state(article: Article | None, styles: CommentStyles) -> Text:
    """What an empty list says: neutral without an article, the page's own words with one."""
    if article is None:
        return Text("No article open.", style=styles.empty_note)
    text = Text("No comments yet", style=styles.empty)
    if article.comments_empty_text.strip():
        text.append("\n")
        text.append(article.comments_empty_text.strip(), style=styles.empty_note)
    return text


def thread_renderables(
    entries: Iterable[ThreadEntry], mode: ReadingDisplay | PinyinMode, styles: CommentStyles
) -> Iterable[RenderableType]:
    """Every comment of `entries` with a spacer between comments."""
    for position, entry in enumerate(entries):
        if position:
            yield spacer(entry.depth, styles)
        yield comment_block(entry, mode, styles)


def comments_renderable(
    article: Article, mode: ReadingDisplay | PinyinMode, styles: CommentStyles | None = None
) -> RenderableType:
    """The whole discussion for printing: heading, then every thread fully expanded."""
    styles = styles or CommentStyles()
    heading = Text(comments_title(article), style="bold")
    entries = flatten_threads(article.comments)
    if not entries:
        return Group(heading, Text(""), empty_state(article, styles))
    return Group(heading, Text(""), *thread_renderables(entries, mode, styles))
