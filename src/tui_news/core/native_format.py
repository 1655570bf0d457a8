"""The project's own article format: TOML front matter, a Markdown-like body, TOML comments.

    +++
    title = "{济南|jǐ|nán}的春天"      # only `title` is required
    authors = ["张三", "李四"]
    +++

    # Heading (## level 2, ### level 3)

    A paragraph with *emphasis*, **strong**, [a link](https://x.y) and {济南|jǐ|nán}.

    > A quotation.

    +++ comments +++

    [[comments]]
    author = "李明"
    text = "评论 {注|zhù}{音|yīn}"

    [[comments.replies]]             # replies nest to any depth: [[comments.replies.replies]]
    author = "王芳"
    text = "回复"

Rules decided here (see `native_markup` for inline markup):
- Blocks are separated by blank lines (a line holding only `>` separates two quotes). Every
  line is classified on its own, so a `#`/`>` line also ends the paragraph before it. Lines of
  one block join with nothing between them next to a CJK character, else with one space.
- A block is one line in the model: the writer turns newlines inside block text into spaces and
  writes each block on one line. Leading and trailing whitespace of a block is dropped on load.
- Blocks with no text carry nothing and are not written.
- `title` and comment `text` carry ruby readings; the title is one line (newlines become
  spaces), comment text keeps its newlines. Syllables are stripped of surrounding spaces.
- The front matter ends at the first line that is exactly `+++` (the writer never writes
  multi-line TOML strings, so none of its values can hold such a line).
- Unquoted TOML dates in `published` and comment `time` are accepted and read as ISO 8601 text.
- Comments need `author` and `text`; `time`, `likes` and `replies` are optional. Errors name a
  comment by its path, e.g. "comment 2.1" is the first reply to the second comment.
- The writer formats every TOML value with tomli_w but lays out the tables itself, so arrays
  stay on one line and every comment, at any depth, gets its own `[[...]]` header.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import tomli_w

from tui_news.core.atomic_file import write_atomic
from tui_news.core.models import Article, Block, BlockKind, Comment, Readings
from tui_news.core.native_markup import (
    MarkupError,
    join_wrapped_lines,
    one_line,
    parse_inline,
    readings_of,
    strip_chars,
    to_spans,
    write_plain,
    write_rich,
)
from tui_news.core.sanitize import strip_controls

__all__ = ["FormatError", "dumps", "load", "loads", "save"]

FENCE = "+++"
COMMENTS_FENCE = "+++ comments +++"

# Front-matter keys in the order they are written; the value says what TOML type they take.
_FRONT_MATTER: dict[str, str] = {
    "title": "text",
    "source": "text",
    "url": "text",
    "published": "date",
    "authors": "list",
    "category": "text",
    "views": "int",
    "comment_count": "int",
    "tags": "list",
    "breadcrumb": "list",
    "byline": "text",
    "comments_empty_text": "text",
}
_COMMENT_KEYS = ("author", "time", "likes", "text", "replies")
_HEADING = re.compile(r"(#+)(?:[ \t]+(.*))?")
_QUOTE = re.compile(r">[ \t]?(.*)")
_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column \d+\)$")
_TOML_AT_END = " (at end of document)"


class FormatError(ValueError):
    """A file that is not valid in the native format. `str()` is one line: the line number
    (where known) and the cause. The caller adds the file name."""

    def __init__(self, message: str, line: int | None = None) -> None:
        self.message = " ".join(message.splitlines())
        self.line = line
        super().__init__(f"line {line}: {self.message}" if line else self.message)


@dataclass
class _Section:
    """A TOML part of the file, remembered with its position for error messages."""

    name: str
    lines: list[str]
    first_line: int

    def parse(self) -> dict[str, Any]:
        try:
            return tomllib.loads("\n".join(self.lines))
        except tomllib.TOMLDecodeError as error:
            message, line = str(error), None
            if match := _TOML_POSITION.search(message):
                line = self.first_line + int(match.group(1)) - 1
                message = message[: match.start()]
            elif message.endswith(_TOML_AT_END):
                line = self.first_line + max(len(self.lines) - 1, 0)
                message = message.removesuffix(_TOML_AT_END)
            raise FormatError(f"{self.name}: {message[:1].lower()}{message[1:]}", line) from None

    def line_of(self, key: str) -> int | None:
        """The first line assigning `key`, to point a typo out to the editor."""
        pattern = re.compile(
            rf"\s*(?:{re.escape(key)}|\"{re.escape(key)}\"|'{re.escape(key)}')\s*="
        )
        for index, line in enumerate(self.lines):
            if pattern.match(line):
                return self.first_line + index
        return None


# --- reading -------------------------------------------------------------------------------


def _type_name(value: object) -> str:
    for kind, name in (
        (bool, "a boolean"),
        (int, "an integer"),
        (float, "a float"),
        (str, "a string"),
        (list, "an array"),
        (dict, "a table"),
    ):
        if isinstance(value, kind):
            return name
    return "a date-time"


def _wrong_type(
    label: str, key: str, expected: str, value: object, line: int | None
) -> FormatError:
    return FormatError(f"{label} '{key}' must be {expected}, not {_type_name(value)}", line)


def _text(value: object, label: str, key: str, line: int | None, *, multiline: bool = False) -> str:
    if isinstance(value, (datetime, date, time)) and key in ("published", "time"):
        value = value.isoformat()
    if not isinstance(value, str):
        raise _wrong_type(label, key, "a string", value, line)
    return strip_controls(value, keep_newlines=multiline)


def _integer(value: object, label: str, key: str, line: int | None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _wrong_type(label, key, "an integer", value, line)
    return value


def _with_readings(markup: str, label: str, line: int | None) -> tuple[str, Readings]:
    try:
        chars = parse_inline(markup, rich=False)
    except MarkupError as error:
        raise FormatError(f"{label}: {error.message}", line) from None
    return "".join(c.char for c in chars), readings_of(chars)


def _front_matter(section: _Section) -> dict[str, Any]:
    table = section.parse()
    label = "front-matter key"
    for key in table:
        if key not in _FRONT_MATTER:
            raise FormatError(f"unknown {label} '{key}'", section.line_of(key))
    if "title" not in table:
        raise FormatError("front matter: missing key 'title'", section.first_line)
    fields: dict[str, Any] = {}
    for key, value in table.items():
        line, kind = section.line_of(key), _FRONT_MATTER[key]
        if kind == "int":
            fields[key] = _integer(value, label, key, line)
        elif kind == "list":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise _wrong_type(label, key, "an array of strings", value, line)
            fields[key] = [strip_controls(v, keep_newlines=False) for v in value]
        else:
            fields[key] = _text(value, label, key, line)
    fields["title"], fields["title_readings"] = _with_readings(
        fields["title"], "title", section.line_of("title")
    )
    return fields


def _block(kind: BlockKind, level: int, lines: list[tuple[int, str]]) -> Block:
    source = "\n".join(text for _, text in lines)
    starts = [0]
    for _, text in lines[:-1]:
        starts.append(starts[-1] + len(text) + 1)
    try:
        chars = parse_inline(source, rich=True)
    except MarkupError as error:
        raise FormatError(error.message, lines[bisect_right(starts, error.offset) - 1][0]) from None
    chars = strip_chars(join_wrapped_lines(chars))
    if not chars:
        raise FormatError(f"empty {kind.value}", lines[0][0])
    return Block(kind, to_spans(chars), level, readings_of(chars))


def _body(lines: list[str], first_line: int) -> list[Block]:
    blocks: list[Block] = []
    kind: BlockKind | None = None
    pending: list[tuple[int, str]] = []

    def flush() -> None:
        if pending and kind is not None:
            blocks.append(_block(kind, 0, list(pending)))
        pending.clear()

    for number, raw in enumerate(lines, start=first_line):
        line = raw.strip()
        heading, quote = _HEADING.fullmatch(line), _QUOTE.fullmatch(line)
        if not line or (quote and not quote.group(1).strip()):
            flush()
            kind = None
        elif line.startswith(FENCE):
            raise FormatError(
                f"unexpected '{line}' (comments start at a line '{COMMENTS_FENCE}'; "
                "write \\+ for text starting with '+++')",
                number,
            )
        elif heading:
            flush()
            kind = None
            level = len(heading.group(1))
            if level > 3:
                raise FormatError(f"heading level {level} is not supported (use # to ###)", number)
            blocks.append(_block(BlockKind.HEADING, level, [(number, heading.group(2) or "")]))
        else:
            line_kind = BlockKind.QUOTE if quote else BlockKind.PARAGRAPH
            if line_kind != kind:
                flush()
                kind = line_kind
            pending.append((number, (quote.group(1) if quote else line).strip()))
    flush()
    return blocks


def _comments(section: _Section) -> list[Comment]:
    table = section.parse()
    for key in table:
        if key != "comments":
            raise FormatError(f"unknown key '{key}' in the comments section", section.line_of(key))
    return _comment_list(table.get("comments", []), "comments", "", section)


def _comment_list(value: object, key: str, path: str, section: _Section) -> list[Comment]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        where = f"comment {path.rstrip('.')}: " if path else ""
        raise FormatError(f"{where}'{key}' must be an array of tables ([[...]] sections)")
    return [
        _comment(table, f"{path}{index}", section) for index, table in enumerate(value, start=1)
    ]


def _comment(table: dict[str, Any], path: str, section: _Section) -> Comment:
    label = f"comment {path}: key"
    for key in table:
        if key not in _COMMENT_KEYS:
            raise FormatError(f"comment {path}: unknown key '{key}'", section.line_of(key))
    for key in ("author", "text"):
        if key not in table:
            raise FormatError(f"comment {path}: missing key '{key}'")
    likes = table.get("likes")
    text_markup = _text(table["text"], label, "text", None, multiline=True)
    text, readings = _with_readings(text_markup, f"comment {path}: text", None)
    return Comment(
        author=_text(table["author"], label, "author", None),
        text=text,
        time=_text(table.get("time", ""), label, "time", None),
        likes=None if likes is None else _integer(likes, label, "likes", None),
        replies=_comment_list(table.get("replies", []), "replies", f"{path}.", section),
        readings=readings,
    )


def loads(text: str) -> Article:
    """Parse an article; raises `FormatError`. All text passes `strip_controls`."""
    lines = strip_controls(text.removeprefix("\ufeff")).split("\n")
    if lines[0].strip() != FENCE:
        raise FormatError(f"expected '{FENCE}' to open the front matter", 1)
    close = next((i for i in range(1, len(lines)) if lines[i].strip() == FENCE), None)
    if close is None:
        raise FormatError(f"front matter is never closed (no '{FENCE}' line)", 1)
    fields = _front_matter(_Section("front matter", lines[1:close], 2))
    comments_at = next(
        (i for i in range(close + 1, len(lines)) if lines[i].strip() == COMMENTS_FENCE), None
    )
    body_end = len(lines) if comments_at is None else comments_at
    body = _body(lines[close + 1 : body_end], close + 2)
    comments = (
        []
        if comments_at is None
        else _comments(_Section("comments", lines[comments_at + 1 :], comments_at + 2))
    )
    return Article(body=body, comments=comments, **fields)


def load(path: Path) -> Article:
    """Read and parse a file; undecodable bytes are a `FormatError` too."""
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise FormatError(f"not UTF-8 text (invalid byte at offset {error.start})") from None
    return loads(text)


# --- writing -------------------------------------------------------------------------------


def _toml_value(value: str | int | list[str]) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    return tomli_w.dumps({"v": value}).removeprefix("v = ").rstrip("\n")


def _front_matter_lines(article: Article) -> list[str]:
    lines = [f"title = {_toml_value(write_plain(one_line(article.title), article.title_readings))}"]
    for key, kind in _FRONT_MATTER.items():
        value = getattr(article, key)
        if key == "title" or value in ("", None, []):
            continue
        if kind == "list":
            value = [one_line(item) for item in value]
        elif kind != "int":
            value = one_line(value)
        lines.append(f"{key} = {_toml_value(value)}")
    return lines


def _block_line(block: Block) -> str:
    text = write_rich(block.spans, block.readings)
    if block.kind is BlockKind.HEADING:
        if not 1 <= block.level <= 3:
            raise ValueError(f"heading level must be 1 to 3, not {block.level}")
        return "#" * block.level + " " + text
    return "> " + text if block.kind is BlockKind.QUOTE else text


def _comment_lines(comment: Comment, header: str, out: list[str]) -> None:
    out += ["", f"[[{header}]]", f"author = {_toml_value(one_line(comment.author))}"]
    if comment.time:
        out.append(f"time = {_toml_value(one_line(comment.time))}")
    if comment.likes is not None:
        out.append(f"likes = {_toml_value(comment.likes)}")
    out.append(f"text = {_toml_value(write_plain(comment.text, comment.readings))}")
    for reply in comment.replies:
        _comment_lines(reply, f"{header}.replies", out)


def dumps(article: Article) -> str:
    """The article as native-format text. Raises ValueError for a heading level outside 1-3."""
    parts = [FENCE, *_front_matter_lines(article), FENCE]
    blocks = [_block_line(block) for block in article.body if block.text.strip()]
    if blocks:
        parts += ["", "\n\n".join(blocks)]
    if article.comments:
        parts += ["", COMMENTS_FENCE]
        for comment in article.comments:
            _comment_lines(comment, "comments", parts)
    return "\n".join(parts) + "\n"


def save(path: Path, article: Article) -> None:
    """Write atomically: a temporary file in the same folder, fsync, then rename over `path`.
    On any failure the old file (if any) is untouched and the temporary file is removed."""
    write_atomic(Path(path), dumps(article).encode("utf-8"))
