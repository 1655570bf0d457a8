"""News feeds: recognise one by its content, read its items, turn an item into an `Article`.

RSS 0.9x/1.0/2.0 and Atom are parsed with feedparser (it copes with the many dialects and
sanitises item HTML); JSON Feed is plain JSON. Whether a response is a feed is decided by
its bytes, never by its URL or Content-Type: many servers send RSS as text/html.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field

from lxml import etree
from lxml import html as lxml_html

from tui_news.core.inline_pinyin import extract_inline_pinyin
from tui_news.core.models import Article
from tui_news.services.comments_extract import clean_line
from tui_news.services.decoding import bom_encoding
from tui_news.services.extract import (
    BlockBuilder,
    normalise_heading_levels,
    safe_href,
    with_readings,
)

# A feed item whose own text is at least this long is taken as the full article; shorter
# ones are summaries, and the item's page is fetched instead.
FULL_TEXT_CHARS = 400
# ...unless it comes from an element meant for the full text and is not trivially short.
MIN_CONTENT_CHARS = 80

_XML_PROLOGUE = re.compile(
    r"""\A\s*(?:<\?[^>]*\?>\s*|<!--.*?-->\s*|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>\s*)*<([\w:.-]+)""",
    re.DOTALL | re.IGNORECASE,
)
_FEED_ROOTS = frozenset({"rss", "feed", "rdf:rdf", "rdf", "channel"})
_JSON_FEED_VERSION = "https://jsonfeed.org/version/"


class FeedError(ValueError):
    """The document is not a feed that can be read; str(error) is the cause in words."""


@dataclass
class FeedItem:
    title: str
    link: str  # absolute http(s) URL of the item's page, or ''
    content_html: str = ""  # the item's own text as HTML ('' when it has none)
    published: str = ""  # ISO 8601
    authors: list[str] = field(default_factory=list)
    # The text came from a full-content element (Atom <content>, RSS <content:encoded>,
    # JSON Feed content_html/content_text), not from a summary or description.
    has_content: bool = False

    @property
    def full_text(self) -> bool:
        """True when the item carries the whole article, not only a teaser."""
        if not self.link:
            return True
        length = len(_text_of_html(self.content_html))
        return length >= FULL_TEXT_CHARS or (self.has_content and length >= MIN_CONTENT_CHARS)


@dataclass
class Feed:
    title: str
    link: str
    items: list[FeedItem]


def _head_text(body: bytes) -> str:
    head = body[:4096]
    bom = bom_encoding(head)
    if bom is not None:
        return head[bom[1] :].decode(bom[0], errors="replace")
    return head.decode("utf-8", errors="replace")


def feed_kind(body: bytes) -> str | None:
    """'xml' for RSS/RDF/Atom, 'json' for JSON Feed, None for anything else."""
    head = _head_text(body)
    match = _XML_PROLOGUE.match(head)
    if match:
        return "xml" if match.group(1).lower() in _FEED_ROOTS else None
    if head.lstrip().startswith("{") and _JSON_FEED_VERSION in head:
        return "json"
    return None


def looks_like_feed_type(content_type: str) -> bool:
    """A Content-Type that promises a feed (used to word the error when it is not one)."""
    return content_type.endswith(("+xml", "/xml", "+json")) or "rss" in content_type


def parse_feed(body: bytes, url: str, content_type: str = "") -> Feed:
    kind = feed_kind(body)
    if kind == "json":
        return _parse_json_feed(body, url)
    if kind == "xml":
        return _parse_xml_feed(body, url, content_type)
    stripped = _head_text(body).lstrip()
    if stripped.startswith("{"):
        raise FeedError("not a feed (JSON without a JSON Feed version)")
    if stripped.startswith("<"):
        raise FeedError("not a feed (no RSS, Atom or RDF root element)")
    raise FeedError("not a feed (neither XML nor JSON)")


def _iso_time(parsed: time.struct_time | None) -> str:
    if parsed is None:
        return ""
    return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", parsed)  # feedparser normalises to UTC


def _parse_xml_feed(body: bytes, url: str, content_type: str) -> Feed:
    import feedparser  # deferred: only feeds need it

    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(body, response_headers=headers, sanitize_html=True)
    if parsed.get("bozo") and not parsed.entries and not parsed.feed.get("title"):
        cause = parsed.get("bozo_exception")
        reason = getattr(cause, "getMessage", lambda: str(cause))()
        raise FeedError(f"not a readable feed ({clean_line(str(reason))[:80]})")
    items = []
    for entry in parsed.entries:
        contents = [part.get("value", "") for part in entry.get("content", [])]
        content = max(contents, key=len, default="")
        summary = entry.get("summary", "")
        authors = [a.get("name", "") for a in entry.get("authors", []) if a.get("name")]
        if not authors and entry.get("author"):
            authors = [entry.get("author")]
        items.append(
            FeedItem(
                title=clean_line(entry.get("title", "")),
                link=safe_href(entry.get("link"), url) or "",
                content_html=content if len(content) >= len(summary) else summary,
                has_content=bool(content) and len(content) >= len(summary),
                published=_iso_time(entry.get("published_parsed") or entry.get("updated_parsed")),
                authors=[clean_line(name) for name in authors],
            )
        )
    feed = parsed.feed
    return Feed(
        title=clean_line(feed.get("title", "")),
        link=safe_href(feed.get("link"), url) or url,
        items=items,
    )


def _parse_json_feed(body: bytes, url: str) -> Feed:
    try:
        data = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise FeedError(f"not a readable feed (invalid JSON: {error.msg})") from None
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        raise FeedError("not a readable feed (JSON Feed without items)")

    def text(value: object) -> str:
        return value if isinstance(value, str) else ""

    def names(holder: dict) -> list[str]:
        people = holder.get("authors") or ([holder["author"]] if "author" in holder else [])
        return [clean_line(text(p.get("name"))) for p in people if isinstance(p, dict)]

    items = []
    for entry in data["items"]:
        if not isinstance(entry, dict):
            continue
        content = text(entry.get("content_html"))
        if not content and entry.get("content_text"):
            plain = text(entry.get("content_text"))
            content = "".join(f"<p>{_escape(line)}</p>" for line in plain.split("\n"))
        has_content = bool(content)
        if not content:
            content = _escape(text(entry.get("summary")))
        items.append(
            FeedItem(
                title=clean_line(text(entry.get("title"))),
                link=safe_href(text(entry.get("url")) or text(entry.get("external_url")), url)
                or "",
                content_html=content,
                published=clean_line(text(entry.get("date_published"))),
                authors=[name for name in names(entry) or names(data) if name],
                has_content=has_content,
            )
        )
    link = safe_href(text(data.get("home_page_url")), url) or url
    return Feed(title=clean_line(text(data.get("title"))), link=link, items=items)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _text_of_html(fragment: str) -> str:
    if not fragment.strip():
        return ""
    try:
        return clean_line(
            lxml_html.fragment_fromstring(fragment, create_parent="div").text_content()
        )
    except (etree.ParserError, ValueError):
        return clean_line(fragment)


# HTML tag -> the tag the block builder reads (the extractor's XML vocabulary).
_RENAME = {
    "blockquote": "quote", "ul": "list", "ol": "list", "li": "item", "a": "ref", "br": "lb",
    "b": "hi", "strong": "hi", "i": "hi", "em": "hi", "u": "hi", "pre": "code",
    "h1": "head", "h2": "head", "h3": "head", "h4": "head", "h5": "head", "h6": "head",
    "section": "div", "article": "div", "figure": "div", "tr": "row", "td": "cell", "th": "cell",
}  # fmt: skip
_BLOCK_HTML = frozenset({"p", "div", "quote", "list", "head", "table", "code"})


def _to_builder_vocabulary(root: etree._Element) -> None:
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        new = _RENAME.get(tag, tag)
        if tag in ("b", "strong"):
            element.set("rend", "#b")
        elif tag in ("i", "em", "u"):
            element.set("rend", "#i")
        elif tag.startswith("h") and new == "head":
            element.set("rend", tag)
        elif tag == "a":
            element.set("target", element.get("href", ""))
        elif tag == "ol":
            element.set("rend", "ol")
        element.tag = new


def _wrap_loose_text(container: etree._Element) -> None:
    """Group text and inline elements lying between blocks into <p>s, recursively."""
    runs: list[list[etree._Element | str]] = [[]]
    if container.text and container.text.strip():
        runs[-1].append(container.text)
    container.text = None
    children = list(container)
    rebuilt: list[etree._Element] = []
    for child in children:
        container.remove(child)
        tail, child.tail = child.tail, None
        if isinstance(child.tag, str) and child.tag in _BLOCK_HTML:
            if child.tag == "div":
                _wrap_loose_text(child)
            rebuilt.append(child)
            runs.append([])
            runs[-1].append(rebuilt[-1])
            runs.append([])
        else:
            runs[-1].append(child)
        if tail and tail.strip():
            runs[-1].append(tail)
    for run in runs:
        if len(run) == 1 and isinstance(run[0], etree._Element) and run[0].tag in _BLOCK_HTML:
            container.append(run[0])
        elif run:
            paragraph = etree.SubElement(container, "p")
            for piece in run:
                if isinstance(piece, str):
                    if len(paragraph):
                        paragraph[-1].tail = (paragraph[-1].tail or "") + piece
                    else:
                        paragraph.text = (paragraph.text or "") + piece
                else:
                    paragraph.append(piece)


def article_from_item(item: FeedItem, feed: Feed) -> Article | None:
    """An article built from the item's own HTML, or None when it has no text at all."""
    if not item.content_html.strip():
        return None
    try:
        root = lxml_html.fragment_fromstring(item.content_html, create_parent="div")
    except (etree.ParserError, ValueError):
        return None
    _to_builder_vocabulary(root)
    _wrap_loose_text(root)
    builder = BlockBuilder(item.link or feed.link)
    builder.container(root)
    if not builder.blocks:
        return None
    normalise_heading_levels(builder.blocks)
    title, title_readings = extract_inline_pinyin(item.title or feed.title)
    return Article(
        title=title,
        body=[with_readings(block) for block in builder.blocks],
        source=feed.title,
        url=item.link,
        published=item.published,
        authors=item.authors,
        title_readings=title_readings,
    )
