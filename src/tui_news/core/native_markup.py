"""Inline markup of the native article format: emphasis, strong, links and ruby readings.

Used by `native_format` for block text (full markup) and for titles and comment text (ruby
readings and backslash escapes only). Parsing works on a list of styled characters rather than
on spans, because joining wrapped lines, stripping a block and attaching readings are all
per-character decisions; spans and reading offsets are rebuilt at the end.

Markup (full):
    *x*  emphasis      **x**  strong      ***x***  both (a run of stars toggles styles)
    [text](address)    a link; the text may carry emphasis, which must close inside it
    {济南|jǐ|nán}      ruby: one syllable per base character; an empty syllable means none
    \\c                 any ASCII punctuation character c, literally
Plain markup (titles, comments) has only ruby and escapes; `*` and `[` are ordinary there.
"""

from __future__ import annotations

import string
import unicodedata
from dataclasses import dataclass, replace
from itertools import groupby

from tui_news.core.models import Readings, Span

_ESCAPABLE = frozenset(string.punctuation)
# Written escaped everywhere in block text / in plain text, so the reader never mistakes them.
_RICH_SPECIALS = frozenset("\\*[]{}")
_PLAIN_SPECIALS = frozenset("\\{}")
# Inside ruby only these end or split the group.
_RUBY_SPECIALS = frozenset("\\|}")
_URL_SPECIALS = frozenset("\\)")
# Paragraph-start text that the block reader would otherwise take for structure.
_LINE_START_MARKUP = ("#", ">", "+++")


class MarkupError(ValueError):
    """A markup mistake at `offset` in the parsed source (the caller turns it into a line)."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


@dataclass(frozen=True)
class StyledChar:
    """One character of parsed text with its style and optional reading."""

    char: str
    emphasis: bool = False
    strong: bool = False
    href: str | None = None
    reading: str | None = None


class _Parser:
    def __init__(self, source: str, rich: bool) -> None:
        self.source = source
        self.rich = rich
        self.pos = 0
        self.out: list[StyledChar] = []
        self.emphasis = False
        self.strong = False
        self.emphasis_opened = 0
        self.strong_opened = 0
        # While inside [...]: where it opened, the output index of its first character and the
        # star state at the bracket (emphasis must not straddle a link boundary).
        self.link_open: tuple[int, int, bool, bool] | None = None

    def parse(self) -> list[StyledChar]:
        src = self.source
        while self.pos < len(src):
            ch = src[self.pos]
            if ch == "\\":
                self._emit(self._escaped())
            elif ch == "{":
                self._ruby()
            elif ch == "}":
                raise MarkupError("unmatched '}' (write \\} for a literal brace)", self.pos)
            elif self.rich and ch == "*":
                self._stars()
            elif self.rich and ch == "[":
                self._open_link()
            elif self.rich and ch == "]":
                self._close_link()
            else:
                self._emit(ch)
                self.pos += 1
        self._check_all_closed()
        return self.out

    def _emit(self, ch: str, reading: str | None = None) -> None:
        self.out.append(StyledChar(ch, self.emphasis, self.strong, None, reading))

    def _escaped(self) -> str:
        """The character a backslash at `pos` stands for; a backslash before anything but ASCII
        punctuation is itself (as in Markdown), so stray backslashes in prose survive."""
        following = self.source[self.pos + 1 : self.pos + 2]
        if following and following in _ESCAPABLE:
            self.pos += 2
            return following
        self.pos += 1
        return "\\"

    def _stars(self) -> None:
        start = self.pos
        while self.pos < len(self.source) and self.source[self.pos] == "*":
            self.pos += 1
        run = self.pos - start
        if run > 3:
            raise MarkupError(f"{run} '*' in a row (write \\* for a literal star)", start)
        if run in (1, 3):
            self.emphasis = not self.emphasis
            self.emphasis_opened = start
        if run in (2, 3):
            self.strong = not self.strong
            self.strong_opened = start

    def _open_link(self) -> None:
        if self.link_open is not None:
            raise MarkupError("'[' inside a link (write \\[ for a literal bracket)", self.pos)
        self.link_open = (self.pos, len(self.out), self.emphasis, self.strong)
        self.pos += 1

    def _close_link(self) -> None:
        if self.link_open is None:
            raise MarkupError("unmatched ']' (write \\] for a literal bracket)", self.pos)
        opened_at, first_char, emphasis, strong = self.link_open
        if first_char == len(self.out):
            raise MarkupError("empty link text", opened_at)
        if (emphasis, strong) != (self.emphasis, self.strong):
            raise MarkupError("emphasis opened inside a link must close inside it", self.pos)
        if self.source[self.pos + 1 : self.pos + 2] != "(":
            raise MarkupError("expected '(' and an address after a link's ']'", self.pos)
        self.pos += 2
        href = self._read_until(frozenset(")"), what="link address", opened_at=self.pos - 1)[0]
        for index in range(first_char, len(self.out)):
            self.out[index] = replace(self.out[index], href=href)
        self.link_open = None

    def _ruby(self) -> None:
        opened_at = self.pos
        self.pos += 1
        parts = self._read_until(frozenset("}"), what="ruby", opened_at=opened_at, split="|")
        base, syllables = parts[0], [syllable.strip() for syllable in parts[1:]]
        if not base:
            raise MarkupError("ruby without base characters", opened_at)
        if len(syllables) != len(base):
            raise MarkupError(
                f"ruby '{{{base}|…}}' has {len(base)} character(s) but {len(syllables)} "
                "syllable(s)",
                opened_at,
            )
        for ch, syllable in zip(base, syllables, strict=True):
            self._emit(ch, syllable or None)

    def _read_until(
        self, closers: frozenset[str], *, what: str, opened_at: int, split: str = ""
    ) -> list[str]:
        """Unescaped text up to a closer (consumed), cut at unescaped `split` characters.
        Ruby and addresses are one-line constructs, so a line break inside is an error."""
        parts = [""]
        src = self.source
        while self.pos < len(src):
            ch = src[self.pos]
            if ch in closers:
                self.pos += 1
                return parts
            if ch == "\n":
                raise MarkupError(f"{what} must be on one line", opened_at)
            if ch == "\\":
                parts[-1] += self._escaped()
                continue
            if ch == split:
                parts.append("")
            else:
                parts[-1] += ch
            self.pos += 1
        raise MarkupError(f"unclosed {what} (no '{min(closers)}')", opened_at)

    def _check_all_closed(self) -> None:
        if self.link_open is not None:
            raise MarkupError("unclosed link '['", self.link_open[0])
        if self.strong:
            raise MarkupError("unclosed '**' (strong)", self.strong_opened)
        if self.emphasis:
            raise MarkupError("unclosed '*' (emphasis)", self.emphasis_opened)


def parse_inline(source: str, *, rich: bool) -> list[StyledChar]:
    """Parse `source`; `rich` enables emphasis, strong and links (block text)."""
    return _Parser(source, rich).parse()


def is_cjk(ch: str) -> bool:
    """Wide East Asian characters (Han, kana, CJK punctuation, fullwidth forms), which are not
    separated by spaces. Hangul is wide but Korean puts spaces between words, so it is not."""
    if unicodedata.east_asian_width(ch) not in ("W", "F"):
        return False
    return not unicodedata.name(ch, "").startswith("HANGUL")


def join_wrapped_lines(chars: list[StyledChar]) -> list[StyledChar]:
    """Resolve the newlines left where a block's source lines were joined: none next to a CJK
    character (hand-wrapped Chinese), else one space (hand-wrapped English)."""
    joined: list[StyledChar] = []
    for index, item in enumerate(chars):
        if item.char != "\n":
            joined.append(item)
            continue
        before = joined[-1].char if joined else ""
        after = next((c.char for c in chars[index + 1 :] if c.char != "\n"), "")
        if not (before and is_cjk(before)) and not (after and is_cjk(after)):
            joined.append(replace(item, char=" ", reading=None))
    return joined


def strip_chars(chars: list[StyledChar]) -> list[StyledChar]:
    """Drop leading and trailing whitespace (as `str.strip` defines it)."""
    start, end = 0, len(chars)
    while start < end and chars[start].char.isspace():
        start += 1
    while end > start and chars[end - 1].char.isspace():
        end -= 1
    return chars[start:end]


def readings_of(chars: list[StyledChar]) -> Readings:
    return {index: c.reading for index, c in enumerate(chars) if c.reading}


def to_spans(chars: list[StyledChar]) -> list[Span]:
    """Group characters into spans, merging neighbours of identical style."""
    return [
        Span("".join(c.char for c in run), emphasis, strong, href)
        for (emphasis, strong, href), run in groupby(
            chars, lambda c: (c.emphasis, c.strong, c.href)
        )
    ]


# --- writing -----------------------------------------------------------------------------


def _escape(text: str, specials: frozenset[str]) -> str:
    return "".join("\\" + ch if ch in specials else ch for ch in text)


def one_line(text: str) -> str:
    """`text` with every line break turned into a space (for one-line fields)."""
    # One character for one, so reading offsets stay valid.
    return text.replace("\r", " ").replace("\n", " ")


def _write_text(text: str, offset: int, readings: Readings, specials: frozenset[str]) -> str:
    """`text` (starting at `offset` of the readings' text) with its readings as ruby groups."""

    def reading_at(index: int) -> str:
        # A reading on a line break cannot be written: ruby is a one-line construct.
        if text[index] == "\n":
            return ""
        return one_line(readings.get(offset + index, "")).strip()

    out: list[str] = []
    index = 0
    while index < len(text):
        if not reading_at(index):
            out.append(_escape(text[index], specials))
            index += 1
            continue
        end = index
        while end < len(text) and reading_at(end):
            end += 1
        base = _escape(text[index:end], _RUBY_SPECIALS)
        syllables = "|".join(_escape(reading_at(i), _RUBY_SPECIALS) for i in range(index, end))
        out.append(f"{{{base}|{syllables}}}")
        index = end
    return "".join(out)


def _toggle(before: tuple[bool, bool], after: tuple[bool, bool]) -> str:
    """Stars that switch (emphasis, strong) from `before` to `after`."""
    return "*" * ((before[0] != after[0]) + 2 * (before[1] != after[1]))


def write_plain(text: str, readings: Readings) -> str:
    """Title or comment text with ruby readings; newlines are kept (the caller decides)."""
    return _write_text(text, 0, readings, _PLAIN_SPECIALS)


def write_rich(spans: list[Span], readings: Readings) -> str:
    """Block text as one line of markup. Newlines become spaces: a block is one line.

    Styles shared by a whole link are opened outside its brackets, so that emphasis never
    straddles a link boundary; everything else is the minimal run of stars at each change.
    """
    spans = [replace(s, text=one_line(s.text)) for s in spans if s.text]
    out: list[str] = []
    state = (False, False)
    offset = 0

    def text_of(span: Span) -> None:
        nonlocal state, offset
        style = (span.emphasis, span.strong)
        out.append(_toggle(state, style))
        state = style
        out.append(_write_text(span.text, offset, readings, _RICH_SPECIALS))
        offset += len(span.text)

    index = 0
    while index < len(spans):
        href = spans[index].href
        if href is None:
            text_of(spans[index])
            index += 1
            continue
        end = index
        while end < len(spans) and spans[end].href == href:
            end += 1
        link = spans[index:end]
        outer = (all(s.emphasis for s in link), all(s.strong for s in link))
        out.append(_toggle(state, outer) + "[")
        state = outer
        for span in link:
            text_of(span)
        out.append(_toggle(state, outer) + "](" + _escape(one_line(href), _URL_SPECIALS) + ")")
        state = outer
        index = end
    out.append(_toggle(state, (False, False)))
    line = "".join(out)
    return "\\" + line if line.startswith(_LINE_START_MARKUP) else line
