"""Comment threads from the markup that common publishing systems emit.

Each system is described by a `CommentMarkup`: how a comment element is recognised and where
its author, time, text and likes sit inside it. Threads come from nesting: a comment's replies
are the comment elements whose nearest comment ancestor is it (WordPress nests them in
``ol.children``, Z-Blog inside the parent's body, Disqus-style lists in ``ul.children``), so
no system needs its own tree-walking code.

`take_comments` removes the comment elements it read from the page tree, so the article
extractor never mistakes a long comment for part of the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import html as lxml_html

from tui_news.core.models import Comment
from tui_news.core.sanitize import strip_controls

HtmlElement = lxml_html.HtmlElement


def has_class(name: str) -> str:
    """XPath predicate: the element's class list contains `name` exactly."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def id_starts(prefix: str) -> str:
    return f"starts-with(@id, '{prefix}')"


@dataclass(frozen=True)
class CommentMarkup:
    """Where one publishing system puts the parts of a comment (XPath predicates)."""

    name: str
    item: str  # predicate on self:: that marks a comment element
    author: tuple[str, ...]  # first element found (inside this comment, not a reply) wins
    text: tuple[str, ...]
    time: tuple[str, ...] = ()
    likes: tuple[str, ...] = ()
    # Parts of the text element that are not the comment's words (reply links, quotes, meta).
    noise: tuple[str, ...] = ()


_LIKE_CLASSES = ("likes", "like", "like-count", "vote-up", "upvote", "zan", "digg", "agree")

MARKUPS: tuple[CommentMarkup, ...] = (
    CommentMarkup(
        name="wordpress",
        item=f"(self::li or self::article or self::div) and ({has_class('comment')} or "
        f"{has_class('pingback')} or {has_class('trackback')}) and {id_starts('comment-')}",
        author=(has_class("fn"), has_class("comment-author")),
        time=("self::time", has_class("comment-metadata"), has_class("comment-meta")),
        text=(has_class("comment-content"), has_class("comment-body"), has_class("comment-text")),
        likes=tuple(has_class(name) for name in _LIKE_CLASSES),
        noise=(
            has_class("comment-author"),
            has_class("comment-meta"),
            has_class("comment-metadata"),
            has_class("reply"),
            has_class("says"),
        ),
    ),
    CommentMarkup(
        name="disqus",
        item=f"(self::li or self::div) and {has_class('post')} and "
        f".//*[{has_class('post-message')}]",
        author=(has_class("author"), has_class("post-byline")),
        time=("self::time", has_class("time-ago"), has_class("post-meta")),
        text=(has_class("post-message"),),
        likes=(has_class("vote-up"), has_class("likes"), has_class("upvote")),
        noise=(has_class("post-menu"), has_class("reply")),
    ),
    CommentMarkup(
        name="discuz-portal",
        item=f"self::dl and {id_starts('comment_')}",
        author=("self::a and parent::dt", "self::dt"),
        time=(has_class("xg1"),),
        text=("self::dd",),
        noise=(has_class("xg1"), has_class("y")),
    ),
    CommentMarkup(
        name="discuz-forum",
        item=f"self::div and {id_starts('post_')} and .//*[{id_starts('postmessage_')}]",
        author=(has_class("xw1"), has_class("authi")),
        time=(id_starts("authorposton"),),
        text=(id_starts("postmessage_"),),
        noise=(has_class("quote"), has_class("pstatus"), "self::script"),
    ),
    CommentMarkup(
        name="zblog",
        item=f"(self::ul or self::div or self::li) and {has_class('msg')} and "
        f".//*[{has_class('msgarticle')}]",
        author=(has_class("msgname"),),
        time=(has_class("msgtime"), has_class("time"), "self::time"),
        text=(has_class("msgarticle"),),
        noise=(has_class("msgtime"), has_class("time"), has_class("reply"), "self::label"),
    ),
    CommentMarkup(
        name="generic",
        item=" or ".join(
            has_class(name) for name in ("comment-item", "comment_item", "commentItem", "cmt-item")
        ),
        author=(has_class("author"), has_class("nick"), has_class("name"), has_class("user")),
        time=("self::time", has_class("time"), has_class("date")),
        text=(
            has_class("comment-content"),
            has_class("content"),
            has_class("text"),
            has_class("txt"),
        ),
        likes=tuple(has_class(name) for name in _LIKE_CLASSES),
        noise=(has_class("reply"), has_class("time"), has_class("date")),
    ),
)

_SPACES = re.compile(r"\s+")
# Whitespace between two Han characters is an artefact of hard-wrapped HTML source.
_HAN_GAP = re.compile(r"(?<=[\u3400-\u9fff\uf900-\ufaff])\s+(?=[\u3400-\u9fff\uf900-\ufaff])")
_DISCUZ_POSTED = re.compile(r"^\s*发表于\s*")
_COUNT = re.compile(r"(\d+(?:\.\d+)?)\s*([万wWkK]?)")


def clean_line(text: str) -> str:
    """One line of page text: no controls, collapsed whitespace."""
    text = strip_controls(text, keep_newlines=False)
    return _HAN_GAP.sub("", _SPACES.sub(" ", text)).strip()


def parse_count(text: str) -> int | None:
    """'326', '1.2万', '3k' -> a number; None when no number is there."""
    match = _COUNT.search(text.replace(",", ""))
    if match is None:
        return None
    value = float(match.group(1))
    unit = match.group(2).lower()
    value *= 10_000 if unit in ("万", "w") else 1_000 if unit == "k" else 1
    return int(value)


class _Reader:
    """Reads comments of one markup from one page tree."""

    def __init__(self, markup: CommentMarkup) -> None:
        self.markup = markup
        self._items = f"descendant::*[{markup.item}]"
        self._nearest_item = f"ancestor::*[{markup.item}][1]"

    def _own(self, node: HtmlElement, predicate: str) -> list[HtmlElement]:
        """Descendants matching `predicate` that belong to `node`, not to one of its replies."""
        return [
            found
            for found in node.xpath(f"descendant::*[{predicate}]")
            if _first(found.xpath(self._nearest_item)) is node
        ]

    def _first_own(self, node: HtmlElement, predicates: tuple[str, ...]) -> HtmlElement | None:
        for predicate in predicates:
            found = self._own(node, predicate)
            if found:
                return found[0]
        return None

    def top_level(self, root: HtmlElement) -> list[HtmlElement]:
        return [item for item in root.xpath(self._items) if not item.xpath(self._nearest_item)]

    def replies(self, node: HtmlElement) -> list[HtmlElement]:
        return self._own(node, self.markup.item)

    def text_of(self, element: HtmlElement, skip_noise: bool = True) -> str:
        """The element's text without its replies (and without noise such as reply links)."""
        skipped = [self.markup.item, *(self.markup.noise if skip_noise else ())]
        skip_query = " or ".join(f"({predicate})" for predicate in skipped)
        paragraphs: list[str] = []
        current: list[str] = []

        def walk(node: HtmlElement) -> None:
            for child in node:
                if not isinstance(child.tag, str):  # HTML comments, processing instructions
                    if child.tail:
                        current.append(child.tail)
                    continue
                if child.tag in ("script", "style") or child.xpath(f"self::*[{skip_query}]"):
                    pass
                elif child.tag in ("p", "div", "br", "li", "blockquote"):
                    paragraphs.append("".join(current))
                    current.clear()
                    current.append(child.text or "")
                    walk(child)
                    paragraphs.append("".join(current))
                    current.clear()
                else:
                    current.append(child.text or "")
                    walk(child)
                if child.tail:
                    current.append(child.tail)

        current.append(element.text or "")
        walk(element)
        paragraphs.append("".join(current))
        lines = [clean_line(paragraph) for paragraph in paragraphs]
        return "\n".join(line for line in lines if line)

    def time_of(self, node: HtmlElement) -> str:
        element = self._first_own(node, self.markup.time)
        if element is None:
            return ""
        inner = element if element.tag == "time" else _first(element.xpath(".//time"))
        for candidate in (inner, element):
            if candidate is not None:
                for attribute in ("datetime", "title"):
                    value = candidate.get(attribute)
                    if value and any(ch.isdigit() for ch in value):
                        return clean_line(value)
        text = self.text_of(element, skip_noise=False).replace("\n", " ")
        return _DISCUZ_POSTED.sub("", text)

    def comment(self, node: HtmlElement) -> Comment | None:
        text_element = self._first_own(node, self.markup.text)
        text = self.text_of(text_element) if text_element is not None else ""
        author_element = self._first_own(node, self.markup.author)
        author = ""
        if author_element is not None:
            author = self.text_of(author_element).split("\n")[0]
        likes = None
        like_element = self._first_own(node, self.markup.likes) if self.markup.likes else None
        if like_element is not None:
            likes = parse_count(self.text_of(like_element, skip_noise=False))
        replies = [reply for reply in map(self.comment, self.replies(node)) if reply is not None]
        if not text and not replies:
            return None
        return Comment(
            author=author, text=text, time=self.time_of(node), likes=likes, replies=replies
        )


def _first(found: list[HtmlElement]) -> HtmlElement | None:
    return found[0] if found else None


def take_comments(root: HtmlElement) -> list[Comment]:
    """Read comment threads from `root` with the first markup that finds any, and remove the
    comment elements from the tree. An empty list when the page has no recognised comments."""
    for markup in MARKUPS:
        reader = _Reader(markup)
        nodes = reader.top_level(root)
        if not nodes:
            continue
        comments = [comment for comment in map(reader.comment, nodes) if comment is not None]
        if not comments:
            continue
        for node in nodes:
            parent = node.getparent()
            if parent is not None:
                node.drop_tree()  # keeps the tail text that belongs to the surrounding page
        return comments
    return []


def flat_comments(texts: list[str]) -> list[Comment]:
    """The fallback when no thread markup is recognised: each comment paragraph the article
    extractor found becomes one comment without author or time."""
    return [Comment(author="", text=line) for line in map(clean_line, texts) if line]
