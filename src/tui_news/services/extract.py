"""A fetched HTML page -> `Article`: main text with its structure, metadata and comments.

The main text is found by trafilatura (it drops navigation, adverts and footers); its XML
output keeps headings, paragraphs, quotations, lists, emphasis and links, which are mapped
here to `Block`s and `Span`s. Comment threads are read first by `comments_extract` and cut out
of the page, so they never leak into the body. All text passes through `strip_controls`, and
the publisher's inline pinyin (济南(jǐnán)) is removed from the text and kept as readings.

CPU-bound (tens of milliseconds for a big page): the fetcher runs it in a worker thread.
"""

from __future__ import annotations

import re
from dataclasses import replace
from urllib.parse import urljoin, urlsplit

from lxml import etree
from lxml import html as lxml_html

from tui_news.core.inline_pinyin import extract_inline_pinyin
from tui_news.core.models import Article, Block, BlockKind, Comment, Span
from tui_news.core.sanitize import strip_controls
from tui_news.services.comments_extract import clean_line, flat_comments, take_comments


class ExtractError(ValueError):
    """The page holds no article text; str(error) is the cause in words."""


_SPACES = re.compile(r"\s+")
_HAN = "\u3400-\u9fff\uf900-\ufaff"
_HAN_GAP = re.compile(rf"(?<=[{_HAN}])\s+(?=[{_HAN}])")
# Fewer letters (Han characters count as letters) than this is not an article.
_MIN_LETTERS = 10
_TITLE_SUFFIX = re.compile(r"\s*[-_|–—]\s*[^-_|–—]{1,30}$")


def _inline(text: str) -> str:
    """Inline text with whitespace collapsed as a browser would (newlines are spaces)."""
    return _SPACES.sub(" ", strip_controls(text, keep_newlines=False))


def safe_href(href: str | None, base: str) -> str | None:
    """An absolute http(s) link, or None (javascript:, mailto:, data: and the like go)."""
    if not href:
        return None
    absolute = urljoin(base, strip_controls(href.strip(), keep_newlines=False))
    return absolute if urlsplit(absolute).scheme in ("http", "https") else None


class BlockBuilder:
    """Walks trafilatura's XML body and collects blocks."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.blocks: list[Block] = []

    def add(self, kind: BlockKind, spans: list[Span], level: int = 0) -> None:
        spans = _tidy(spans)
        if spans:
            self.blocks.append(Block(kind=kind, spans=spans, level=level))

    def container(self, element: etree._Element, kind: BlockKind = BlockKind.PARAGRAPH) -> None:
        for child in element:
            if not isinstance(child.tag, str):
                continue
            tag = child.tag
            if tag == "head":
                level = _heading_level(child.get("rend", "h2"))
                self.add(BlockKind.HEADING, self.spans(child), level)
            elif tag == "quote":
                if any(isinstance(c.tag, str) and c.tag in _BLOCK_TAGS for c in child):
                    self.container(child, BlockKind.QUOTE)
                else:
                    self.add(BlockKind.QUOTE, self.spans(child))
            elif tag == "list":
                self.list_items(child, kind)
            elif tag == "table":
                for row in child.iter("row"):
                    cells = [_inline("".join(cell.itertext())).strip() for cell in row]
                    self.add(kind, [Span(" | ".join(c for c in cells if c))])
            elif tag in ("graphic", "lb"):
                continue
            elif tag == "div" and any(
                isinstance(c.tag, str) and c.tag in _BLOCK_TAGS for c in child
            ):
                self.container(child, kind)
            else:
                self.paragraph(child, kind)

    def list_items(self, element: etree._Element, kind: BlockKind) -> None:
        numbered = element.get("rend", "") in ("ol", "1")
        for number, item in enumerate(element.findall("item"), start=1):
            marker = f"{number}. " if numbered else "• "
            spans = self.spans(item)
            if spans:
                self.add(kind, [Span(marker), *spans])

    def paragraph(self, element: etree._Element, kind: BlockKind) -> None:
        """A paragraph; <lb/> line breaks split it, as the reader has no in-block newline."""
        pieces: list[list[Span]] = [[]]
        for span in self.spans(element):
            parts = span.text.split("\n")
            for index, part in enumerate(parts):
                if index:
                    pieces.append([])
                if part:
                    pieces[-1].append(replace(span, text=part))
        for spans in pieces:
            self.add(kind, spans)

    def spans(
        self,
        element: etree._Element,
        emphasis: bool = False,
        strong: bool = False,
        href: str | None = None,
    ) -> list[Span]:
        out: list[Span] = []
        if element.text:
            out.append(Span(_inline(element.text), emphasis, strong, href))
        for child in element:
            if isinstance(child.tag, str):
                if child.tag == "lb":
                    out.append(Span("\n", emphasis, strong, href))
                else:
                    child_emphasis, child_strong, child_href = emphasis, strong, href
                    rend = child.get("rend", "")
                    if child.tag == "hi":
                        child_strong = strong or "#b" in rend
                        child_emphasis = emphasis or "#i" in rend or "#u" in rend
                    elif child.tag == "ref":
                        child_href = safe_href(child.get("target"), self.base_url) or href
                    out.extend(self.spans(child, child_emphasis, child_strong, child_href))
            if child.tail:
                out.append(Span(_inline(child.tail), emphasis, strong, href))
        return out


_BLOCK_TAGS = frozenset({"p", "head", "list", "quote", "table", "code", "div"})


def _heading_level(rend: str) -> int:
    digits = "".join(ch for ch in rend if ch.isdigit())
    return int(digits) if digits else 2


def _tidy(spans: list[Span]) -> list[Span]:
    """Merge runs of equal style, drop gaps between Han characters, trim the block's ends."""
    merged: list[Span] = []
    for span in spans:
        if not span.text:
            continue
        if merged and replace(merged[-1], text="") == replace(span, text=""):
            merged[-1] = replace(merged[-1], text=merged[-1].text + span.text)
        else:
            merged.append(span)
    text = "".join(span.text for span in merged)
    cleaned = _HAN_GAP.sub("", text).strip()
    if not cleaned:
        return []
    return _realign(merged, cleaned)


def _realign(spans: list[Span], clean: str) -> list[Span]:
    """Spans for `clean`, a copy of the spans' joined text with some characters removed.

    Characters are matched in order (greedy subsequence), which is exact for removals of
    whitespace and of parenthesised pinyin.
    """
    out: list[Span] = []
    position = 0
    for span in spans:
        kept: list[str] = []
        for character in span.text:
            if position < len(clean) and clean[position] == character:
                kept.append(character)
                position += 1
        if kept:
            out.append(replace(span, text="".join(kept)))
    return out


def with_readings(block: Block) -> Block:
    """The block with the publisher's inline pinyin moved from its text into its readings."""
    clean, readings = extract_inline_pinyin(block.text)
    if not readings:
        return block
    return Block(block.kind, _realign(block.spans, clean), block.level, readings)


def comment_with_readings(comment: Comment) -> Comment:
    text, readings = extract_inline_pinyin(comment.text)
    replies = [comment_with_readings(reply) for reply in comment.replies]
    return replace(comment, text=text, readings=readings, replies=replies)


def normalise_heading_levels(blocks: list[Block]) -> None:
    """The page's top heading level becomes 1 (levels are 1..3 in the model)."""
    levels = [block.level for block in blocks if block.kind is BlockKind.HEADING]
    if not levels:
        return
    top = min(levels)
    for block in blocks:
        if block.kind is BlockKind.HEADING:
            block.level = max(1, min(3, block.level - top + 1))


def _meta(root: lxml_html.HtmlElement, *names: str) -> str:
    for name in names:
        for attribute in ("name", "property", "itemprop"):
            found = root.xpath(f"//meta[@{attribute}=$n]/@content", n=name)
            if found and found[0].strip():
                return clean_line(found[0])
    return ""


def canonical_link(root: lxml_html.HtmlElement, page_url: str) -> str:
    """The page's declared canonical URL, if it is on the same site as the page itself.

    A page may not claim another site's address: that would let it overwrite an unrelated
    article in the library, which is keyed by canonical URL.
    """
    declared = root.xpath("//link[@rel='canonical']/@href") or [_meta(root, "og:url")]
    candidate = safe_href(declared[0], page_url) if declared and declared[0] else None
    if candidate is None:
        return page_url

    def site(url: str) -> str:
        return (urlsplit(url).hostname or "").removeprefix("www.")

    return candidate if site(candidate) == site(page_url) else page_url


def parse_html(html: str) -> lxml_html.HtmlElement:
    try:
        return lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError) as error:
        raise ExtractError("empty or unreadable page") from error


def extract_article(html: str, url: str) -> Article:
    """Extract the article of a page fetched from `url` (the final URL after redirects)."""
    import trafilatura  # heavy import, deferred until a page is actually extracted

    # Escape sequences go before parsing: the parser would drop a bare ESC but keep "[31m".
    root = parse_html(strip_controls(html))
    canonical = canonical_link(root, url)
    author_meta = _meta(root, "author", "article:author", "dc.creator")
    page_title = clean_line(root.findtext(".//title") or "")
    comments = take_comments(root)

    output = trafilatura.extract(
        root,
        url=url,
        output_format="xml",
        include_comments=not comments,
        include_links=True,
        include_formatting=True,
        include_tables=True,
        include_images=False,
        with_metadata=True,
        deduplicate=False,
        # No guessing from copyright lines or URLs: a wrong date is worse than none.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if not output:
        raise ExtractError("no article text found on the page")
    document = etree.fromstring(output.encode("utf-8"))
    builder = BlockBuilder(url)
    main = document.find("main")
    if main is not None:
        builder.container(main)
    blocks = builder.blocks
    if not comments:
        comment_root = document.find("comments")
        if comment_root is not None:
            texts = ["".join(p.itertext()) for p in comment_root if p.tag != "head"]
            comments = flat_comments(texts)
            # The fallback extractor may leave comment paragraphs in the body too.
            said = {comment.text for comment in comments}
            blocks = [block for block in blocks if block.text not in said]

    title = clean_line(document.get("title") or "") or _TITLE_SUFFIX.sub("", page_title)
    if blocks and blocks[0].kind is BlockKind.HEADING and blocks[0].text == title:
        blocks = blocks[1:]  # the title printed again as the first heading
    if sum(ch.isalnum() for block in blocks for ch in block.text) < _MIN_LETTERS:
        raise ExtractError("no article text found on the page")  # junk such as '<<>>' only
    normalise_heading_levels(blocks)
    clean_title, title_readings = extract_inline_pinyin(title or canonical)
    author = clean_line(document.get("author") or "") or author_meta
    return Article(
        title=clean_title,
        body=[with_readings(block) for block in blocks],
        source=clean_line(document.get("sitename") or "") or (urlsplit(url).hostname or ""),
        url=canonical,
        published=clean_line(document.get("date") or ""),
        authors=[name.strip() for name in re.split(r"[;；,，、]", author) if name.strip()],
        category=clean_line(document.get("categories") or "").split(",")[0].strip(),
        tags=[t.strip() for t in clean_line(document.get("tags") or "").split(",") if t.strip()],
        comments=[comment_with_readings(comment) for comment in comments],
        title_readings=title_readings,
    )
