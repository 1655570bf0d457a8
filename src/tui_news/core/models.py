"""The article model shared by every importer, the native format and the UI.

Plain dataclasses with no behaviour beyond derived views, so that equality is structural:
loading, saving and loading again must give an equal `Article`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

# Readings attached to a piece of text: character offset in that text -> one pinyin syllable
# with tone marks (e.g. {0: "jǐ", 1: "nán"}). Used for the publisher's inline pinyin, which
# takes precedence over the engine's readings.
Readings = dict[int, str]


@dataclass(frozen=True)
class Span:
    """A run of inline text with one style."""

    text: str
    emphasis: bool = False
    strong: bool = False
    href: str | None = None


class BlockKind(StrEnum):
    PARAGRAPH = "paragraph"
    HEADING = "heading"
    QUOTE = "quote"


@dataclass
class Block:
    """One paragraph, heading or quotation of an article body."""

    kind: BlockKind
    spans: list[Span]
    level: int = 0  # heading level 1..3; 0 for other kinds
    readings: Readings = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)


@dataclass
class Comment:
    """A comment and its replies (a thread is a tree of these)."""

    author: str
    text: str
    time: str = ""  # as the source gives it; ISO 8601 where known
    likes: int | None = None
    replies: list[Comment] = field(default_factory=list)
    readings: Readings = field(default_factory=dict)

    def thread_size(self) -> int:
        """This comment plus every reply below it."""
        return 1 + sum(reply.thread_size() for reply in self.replies)


@dataclass
class Article:
    title: str
    body: list[Block] = field(default_factory=list)
    source: str = ""  # publisher or site name
    url: str = ""
    published: str = ""  # ISO 8601 date or date-time
    authors: list[str] = field(default_factory=list)
    category: str = ""
    views: int | None = None
    comment_count: int | None = None  # as the page reports it; may differ from the list
    tags: list[str] = field(default_factory=list)
    breadcrumb: list[str] = field(default_factory=list)
    byline: str = ""  # the byline as printed, e.g. "济南日报·爱济南 记者:王端鹏 邢晓然"
    comments: list[Comment] = field(default_factory=list)
    comments_empty_text: str = ""  # the page's own empty-state text, e.g. 暂无评论,快抢沙发吧~
    title_readings: Readings = field(default_factory=dict)

    def total_comments(self) -> int:
        """Comments actually held, replies included."""
        return sum(comment.thread_size() for comment in self.comments)

    def texts(self) -> list[str]:
        """Every piece of text that gets readings: title, blocks, byline and comments."""

        def thread_texts(comment: Comment) -> list[str]:
            return [comment.text, *(t for reply in comment.replies for t in thread_texts(reply))]

        return [
            self.title,
            *(block.text for block in self.body),
            self.byline,
            *(t for comment in self.comments for t in thread_texts(comment)),
        ]

    def all_readings(self) -> int:
        """How many publisher readings the article carries (title, body and comments)."""

        def in_thread(comment: Comment) -> int:
            return len(comment.readings) + sum(in_thread(r) for r in comment.replies)

        return (
            len(self.title_readings)
            + sum(len(block.readings) for block in self.body)
            + sum(in_thread(c) for c in self.comments)
        )
