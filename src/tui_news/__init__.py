"""tui-news: a terminal reader for Chinese news with pinyin ruby lines."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("tui-news")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
