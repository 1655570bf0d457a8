"""Save fetched articles into a library folder: one file per canonical URL, never a duplicate.

A new article gets the file name ``<slug of the title>_<hash of the canonical URL>.md``; an
article whose canonical URL is already in the folder replaces that file in place (its name is
kept even if the title changed). Writes are atomic (`native_format.save`), and nothing is ever
written outside the folder: names are built from a closed alphabet and every target is checked
to be a plain file directly inside it.
"""

from __future__ import annotations

import hashlib
import re
import threading
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from tui_news.core import native_format
from tui_news.core.models import Article

_SLUG_MAX = 48
_HASH_CHARS = 10
_SAFE_NAME = re.compile(r"^[a-z0-9-]{1,%d}_[0-9a-f]{%d}\.md$" % (_SLUG_MAX, _HASH_CHARS))
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
# Query parameters that only track the reader; two URLs differing in them are one article.
_TRACKING = re.compile(r"^(utm_\w+|spm|fbclid|gclid|from|share_token)$", re.IGNORECASE)
_DEFAULT_PORTS = {"http": 80, "https": 443}


class StoreError(Exception):
    """An article that cannot be saved; str(error) is the cause in words."""


class SaveOutcome(StrEnum):
    SAVED = "saved"  # a new file
    UPDATED = "updated"  # an existing file replaced with different content
    UNCHANGED = "unchanged"  # the file already held exactly this article


def canonical_url(url: str) -> str:
    """The key that identifies an article: scheme and host in lower case, default port,
    fragment and tracking parameters removed."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host if port in (None, _DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    query = urlencode(
        [
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not _TRACKING.match(k)
        ]
    )
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


def url_hash(url: str) -> str:
    return hashlib.sha256(canonical_url(url).encode("utf-8")).hexdigest()[:_HASH_CHARS]


def slug(title: str) -> str:
    """An ASCII slug: Han characters spelt in toneless pinyin, other letters kept."""
    from pypinyin import Style, lazy_pinyin  # deferred: its dictionary is large

    words = lazy_pinyin(title, style=Style.NORMAL, errors="default")
    text = _NOT_SLUG.sub("-", " ".join(words).lower()).strip("-")
    if len(text) > _SLUG_MAX:
        cut = text[:_SLUG_MAX]
        text = cut.rsplit("-", 1)[0] if "-" in cut else cut
    return text or "article"


def file_name(article: Article) -> str:
    return f"{slug(article.title)}_{url_hash(article.url)}.md"


class ArticleStore:
    """The articles of one library folder, indexed by canonical URL (built on first use)."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self._by_url: dict[str, Path] | None = None
        # Saves run in worker threads (an fsync takes milliseconds). Saves of different URLs
        # go in parallel; two saves of one URL are serialised so they cannot both create it.
        self._index_lock = threading.Lock()
        self._url_locks: dict[str, threading.Lock] = {}

    def _index(self) -> dict[str, Path]:
        with self._index_lock:
            return self._build_index()

    def _build_index(self) -> dict[str, Path]:
        if self._by_url is None:
            self._by_url = {}
            if self.folder.is_dir():
                for path in sorted(self.folder.glob("*.md")):
                    if path.name.startswith(".") or not path.is_file():
                        continue
                    try:
                        article = native_format.load(path)
                    except (ValueError, OSError):
                        continue  # a broken file is the library's to report, not ours
                    if article.url:
                        self._by_url.setdefault(canonical_url(article.url), path)
        return self._by_url

    def path_for(self, url: str) -> Path | None:
        """The file holding the article with this URL, if the library has it."""
        return self._index().get(canonical_url(url))

    def _checked_target(self, path: Path) -> Path:
        """`path` if it is (or will be) a plain file directly inside the folder."""
        folder = self.folder.resolve()
        if path.is_symlink():
            raise StoreError(f"{path.name}: is a symbolic link; not writing through it")
        if path.resolve().parent != folder or path.name.startswith("."):
            raise StoreError(f"{path.name}: outside the library folder")
        if path.exists() and not path.is_file():
            raise StoreError(f"{path.name}: not a regular file")
        return path

    def save(self, article: Article) -> tuple[SaveOutcome, Path]:
        """Save or update `article` (its `url` must be set); returns what happened and where."""
        if not article.url:
            raise StoreError("the article has no URL")
        key = canonical_url(article.url)
        with self._index_lock:
            lock = self._url_locks.setdefault(key, threading.Lock())
        with lock:
            return self._save_locked(replace(article, url=key), key)

    def _save_locked(self, article: Article, key: str) -> tuple[SaveOutcome, Path]:
        # Stored under the canonical form, so tracking parameters never make a difference.
        index = self._index()
        existing = index.get(key)
        if existing is not None and existing.exists():
            target = self._checked_target(existing)
            try:
                # Serialising is not free, so only done here, where there is a file to compare.
                if target.read_bytes() == native_format.dumps(article).encode("utf-8"):
                    return SaveOutcome.UNCHANGED, target
            except OSError as error:
                raise StoreError(f"{target.name}: {error.strerror or error}") from error
            outcome = SaveOutcome.UPDATED
        else:
            name = file_name(article)
            if not _SAFE_NAME.match(name):  # cannot happen by construction; guard anyway
                raise StoreError(f"unsafe file name {name!r}")
            target = self._checked_target(self.folder / name)
            if target.exists():
                raise StoreError(f"{name}: already holds another article")
            outcome = SaveOutcome.SAVED
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            native_format.save(target, article)
        except OSError as error:
            raise StoreError(f"{target.name}: {error.strerror or error}") from error
        index[key] = target
        return outcome, target
