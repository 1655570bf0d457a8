"""The library: a folder of article files, each loaded into an `Article` or marked broken.

Two kinds of file are read: the project's own format (`*.md`) and scraped page text (`*.txt`).
A file that cannot be read or parsed stays in the list with a one-line error, so one bad file
never hides the rest of the library.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path

from tui_news.core import native_format, page_text
from tui_news.core.models import Article
from tui_news.core.sanitize import strip_controls
from tui_news.services.state import article_key

ARTICLE_SUFFIXES = (".md", ".txt")


class LibraryError(Exception):
    """A library folder that cannot be opened at all (missing, not a folder, unreadable)."""


@dataclass
class LibraryEntry:
    path: Path
    article: Article | None
    error: str | None = None

    @property
    def broken(self) -> bool:
        return self.error is not None

    @property
    def title(self) -> str:
        return self.article.title if self.article is not None else self.file_name

    @cached_property
    def key(self) -> str:
        """The state store's key: the canonical URL when there is one, else the file name.
        Kept once worked out: every redraw of a large list asks for every entry's key."""
        return article_key(self.path, self.article.url if self.article is not None else "")

    @property
    def file_name(self) -> str:
        """The file's name, safe to draw: a name can hold escape sequences too."""
        return strip_controls(self.path.name, keep_newlines=False)


def describe_os_error(error: OSError) -> str:
    """An OSError in words, without the file name (callers name the file themselves)."""
    return error.strerror or type(error).__name__


def read_article(path: Path) -> Article:
    """Load one article file; raise ValueError with a one-line cause on any failure."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ValueError(describe_os_error(error).lower()) from error
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(f"not UTF-8 text (invalid byte at offset {error.start})") from error
    if path.suffix == ".txt":
        return page_text.import_page_text(text)
    return native_format.loads(text)


def load_entry(path: Path) -> LibraryEntry:
    try:
        return LibraryEntry(path, read_article(path))
    except ValueError as error:  # FormatError and PageTextError are ValueErrors
        message = strip_controls(str(error), keep_newlines=False) or type(error).__name__
        return LibraryEntry(path, None, message)


def article_paths(folder: Path) -> list[Path]:
    """The article files in `folder`, sorted by name (hidden files and others skipped)."""
    try:
        children = list(folder.iterdir())
    except FileNotFoundError as error:
        raise LibraryError(f"{folder}: no such folder") from error
    except NotADirectoryError as error:
        raise LibraryError(f"{folder}: not a folder") from error
    except OSError as error:
        raise LibraryError(f"{folder}: {describe_os_error(error).lower()}") from error
    return sorted(
        (
            child
            for child in children
            if child.suffix in ARTICLE_SUFFIXES
            and not child.name.startswith(".")
            and child.is_file()
        ),
        key=lambda child: child.name,
    )


def load_library(folder: Path) -> list[LibraryEntry]:
    return [load_entry(path) for path in article_paths(folder)]


def bundled_articles_dir() -> Path:
    """The bundled `articles/` folder: the checkout's, or the copy inside an installed wheel."""
    checkout = Path(__file__).resolve().parents[3] / "articles"
    if checkout.is_dir() and (checkout.parent / "pyproject.toml").is_file():
        return checkout
    packaged = Path(str(resources.files("tui_news") / "articles"))
    return packaged if packaged.is_dir() else checkout
