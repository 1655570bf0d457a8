"""Import a news page saved as plain text (the layout of the files under ``articles/``).

The accepted layout, top to bottom (blank lines are free everywhere):

* breadcrumb — optional first line of short items separated by spaces or ``>``:
  ``首页 资讯 正文``;
* title — the first other line; the page repeats it (before the body, after it, before the
  comments) and every repetition is dropped;
* counters — ``<label> <views> <comments>``, e.g. ``体育正文 219 0``. The page glues its
  category to 正文 ("body text", the same label as the breadcrumb's last item), so a trailing
  正文 is removed: category 体育;
* body — paragraphs separated by blank lines or by an indented line; wrapped lines of one
  paragraph are joined. Leading indentation is dropped and the publisher's inline pinyin
  ``济南(jǐnán)`` becomes ``Block.readings``;
* byline — a final parenthesis on the last paragraph naming 记者/通讯员:
  ``(济南日报·爱济南 记者:王端鹏 邢晓然)``. It is stored without the outer parentheses; the
  text before the first role is the source, the names after 记者/通讯员 are the authors;
* comment section — starts at a header such as ``欢迎 发表评论:`` or ``评论列表``. Each comment
  is a header line ``<author> <YYYY-MM-DD HH:MM> [赞 <n>]`` (optionally ``回复 <author> ...``)
  followed by its text lines. Replies are indented two spaces per level under the comment they
  answer. Before the first comment, lines such as ``暂时没有评论`` / ``暂无评论,快抢沙发吧~``
  are the page's empty-state text; the last (most specific) one is kept. Other lines there are
  page furniture and are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tui_news.core.inline_pinyin import extract_inline_pinyin
from tui_news.core.models import Article, Block, BlockKind, Comment, Span
from tui_news.core.sanitize import strip_controls


class PageTextError(ValueError):
    """The text is not a news page: it has no title or no body."""


BODY_LABEL = "正文"  # the page's "body text" label, glued to the category on the counters line

_COUNTERS = re.compile(r"(?P<label>\S+)\s+(?P<views>[0-9]{1,12})\s+(?P<comments>[0-9]{1,12})")
_BREADCRUMB_PREFIX = re.compile(r"^(?:当前位置|您的位置|位置)\s*[:：]\s*")
_BREADCRUMB_SEPARATOR = re.compile(r"\s*[>›»/]\s*|\s+")
_SENTENCE_PUNCTUATION = re.compile(r"[，。！？；：,.!?;:“”\"|「」()（）]")
_SECTION_HEADERS = frozenset(
    {"欢迎发表评论", "发表评论", "我要评论", "评论列表", "网友评论", "全部评论", "最新评论", "评论"}
)
_EMPTY_STATE = re.compile(r"暂无评论|暂时没有评论|还没有评论|没有评论|抢沙发")

_BYLINE = re.compile(r"[(（](?P<byline>[^()（）]*(?:记者|通讯员)[^()（）]*)[)）]\s*$")
_AUTHOR_ROLES = ("特约记者", "实习记者", "见习记者", "首席记者", "记者", "通讯员", "实习生")
_OTHER_ROLES = ("责任编辑", "编辑", "责编", "校对", "审核", "摄影", "来源")
_ROLE = re.compile(
    "(?P<role>%s)\\s*[:：]?\\s*" % "|".join(_AUTHOR_ROLES + _OTHER_ROLES)
)
_NAME_SEPARATOR = re.compile(r"[\s、，,;；]+")
_SOURCE_TRIM = " ·|丨/-—"

_COMMENT_HEADER = re.compile(
    r"(?P<indent>\s*)(?:回复\s+)?(?P<author>\S(?:.*?\S)?)\s+"
    r"(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})[ T](?P<clock>[0-9]{2}:[0-9]{2}(?::[0-9]{2})?)"
    r"(?:\s+赞\s*(?P<likes>[0-9]{1,9}))?\s*"
)
_INDENT_PER_LEVEL = 2


def _page_lines(text: str) -> list[str]:
    # Tabs count as one level of indentation and must not survive into one-line fields.
    clean = strip_controls(text).replace("\t", " " * _INDENT_PER_LEVEL)
    return [line.rstrip() for line in clean.split("\n")]


def _breadcrumb_items(line: str) -> list[str] | None:
    items = [i for i in _BREADCRUMB_SEPARATOR.split(_BREADCRUMB_PREFIX.sub("", line)) if i]
    if not 2 <= len(items) <= 8:
        return None
    if any(len(item) > 12 or _SENTENCE_PUNCTUATION.search(item) for item in items):
        return None
    return items


def _is_section_header(line: str) -> bool:
    return re.sub(r"\s+", "", line).rstrip(":：") in _SECTION_HEADERS


def _category(label: str) -> str:
    return label.removesuffix(BODY_LABEL) if label != BODY_LABEL else ""


def _is_latin_word_char(character: str) -> bool:
    return character.isascii() and character.isalnum()


def _join_wrapped(parts: list[str]) -> str:
    """Join the wrapped lines of one paragraph: no space in Chinese, one between Latin words."""
    joined = ""
    for part in parts:
        if joined and _is_latin_word_char(joined[-1]) and _is_latin_word_char(part[0]):
            joined += " "
        joined += part
    return joined


def _paragraphs(lines: list[str], title: str) -> list[str]:
    paragraphs: list[str] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            paragraphs.append(_join_wrapped(current))
            current.clear()

    for line in lines:
        stripped = line.strip()
        if not stripped or stripped == title:
            flush()
            continue
        if line[0].isspace():  # an indented line opens a paragraph
            flush()
        current.append(stripped)
    flush()
    return paragraphs


def parse_byline(byline: str) -> tuple[str, list[str]]:
    """Split a byline into (source, authors).

    "济南日报·爱济南 记者:王端鹏 邢晓然" → ("济南日报·爱济南", ["王端鹏", "邢晓然"]). Names follow
    记者/通讯员 (and similar roles), separated by spaces, 、 or ，; names after other roles such as
    编辑 are not authors.
    """
    roles = list(_ROLE.finditer(byline))
    if not roles:
        return byline.strip(_SOURCE_TRIM), []
    source = byline[: roles[0].start()].strip(_SOURCE_TRIM)
    authors: list[str] = []
    for index, role in enumerate(roles):
        if role.group("role") not in _AUTHOR_ROLES:
            continue
        end = roles[index + 1].start() if index + 1 < len(roles) else len(byline)
        names = _NAME_SEPARATOR.split(byline[role.end() : end])
        authors.extend(name for name in names if name and name not in authors)
    return source, authors


def _split_byline(block: Block) -> tuple[Block | None, str]:
    """The last paragraph without its trailing byline (None if nothing else was in it)."""
    match = _BYLINE.search(block.text)
    if match is None:
        return block, ""
    rest = block.text[: match.start()].rstrip()
    if not rest:
        return None, match.group("byline").strip()
    readings = {offset: s for offset, s in block.readings.items() if offset < len(rest)}
    byline = match.group("byline").strip()
    return Block(BlockKind.PARAGRAPH, [Span(rest)], readings=readings), byline


@dataclass
class _CommentDraft:
    depth: int
    comment: Comment
    lines: list[str] = field(default_factory=list)


def _indent_width(indent: str) -> int:
    # A full-width space is two columns wide, like the two ASCII spaces of one level.
    return sum(2 if c == "\u3000" else 1 for c in indent)


def _comments(lines: list[str]) -> tuple[list[Comment], str]:
    """The threaded comments of the comment section, and the page's empty-state text."""
    roots: list[Comment] = []
    drafts: list[_CommentDraft] = []
    open_threads: list[_CommentDraft] = []  # the chain a deeper comment would answer
    empty_text = ""
    for line in lines:
        header = _COMMENT_HEADER.fullmatch(line)
        if header is not None:
            likes = header.group("likes")
            comment = Comment(
                author=header.group("author"),
                text="",
                time=f"{header.group('date')}T{header.group('clock')}",
                likes=int(likes) if likes is not None else None,
            )
            depth = _indent_width(header.group("indent")) // _INDENT_PER_LEVEL
            draft = _CommentDraft(depth, comment)
            while open_threads and open_threads[-1].depth >= draft.depth:
                open_threads.pop()
            (open_threads[-1].comment.replies if open_threads else roots).append(comment)
            open_threads.append(draft)
            drafts.append(draft)
        elif not drafts:
            if _EMPTY_STATE.search(line):
                empty_text = line.strip()
        elif line.strip():
            drafts[-1].lines.append(line.strip())
    for draft in drafts:
        draft.comment.text, draft.comment.readings = extract_inline_pinyin("\n".join(draft.lines))
    return roots, empty_text


def _paragraph_block(text: str) -> Block:
    clean, readings = extract_inline_pinyin(text)
    return Block(BlockKind.PARAGRAPH, [Span(clean)], readings=readings)


def import_page_text(text: str) -> Article:
    """Read a news page in the layout described in this module's docstring."""
    lines = _page_lines(text)
    filled = [index for index, line in enumerate(lines) if line.strip()]
    if not filled:
        raise PageTextError("page text is empty")
    stripped = [line.strip() for line in lines]

    breadcrumb: list[str] = []
    position = filled[0]
    first = stripped[position]
    items = _breadcrumb_items(first)
    # A line the page repeats is its title, however short its words are.
    if items is not None and stripped.count(first) == 1:
        breadcrumb = items
        position += 1

    title = ""
    counters: re.Match[str] | None = None
    while position < len(lines):
        line = stripped[position]
        if not line or (title and line == title):
            position += 1
            continue
        if counters is None and (found := _COUNTERS.fullmatch(line)):
            counters = found
        elif not title and not _is_section_header(line):
            title = line
        else:
            break
        position += 1
    if not title:
        raise PageTextError("page text has no title")

    section = next(
        (i for i in range(position, len(lines)) if _is_section_header(stripped[i])), len(lines)
    )
    blocks = [_paragraph_block(p) for p in _paragraphs(lines[position:section], title)]
    byline = ""
    if blocks:
        last, byline = _split_byline(blocks[-1])
        blocks[-1:] = [last] if last is not None else []
    if not blocks:
        raise PageTextError("page text has a title but no body paragraphs")
    source, authors = parse_byline(byline) if byline else ("", [])

    comment_lines = [
        line
        for line, bare in zip(lines[section:], stripped[section:], strict=True)
        if bare != title and not _is_section_header(bare)
    ]
    comments, empty_text = _comments(comment_lines)

    clean_title, title_readings = extract_inline_pinyin(title)
    return Article(
        title=clean_title,
        body=blocks,
        source=source,
        authors=authors,
        category=_category(counters.group("label")) if counters else "",
        views=int(counters.group("views")) if counters else None,
        comment_count=int(counters.group("comments")) if counters else None,
        breadcrumb=breadcrumb,
        byline=byline,
        comments=comments,
        comments_empty_text=empty_text,
        title_readings=title_readings,
    )
