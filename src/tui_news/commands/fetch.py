"""`tui-news fetch`, `tui-news feed ...` and `tui-news refresh`.

Exit codes: 0 everything worked, 1 something failed (each failure is one line on stderr:
the URL and the cause in words), 2 bad arguments. A progress display is shown only when
stdout is a terminal, so piped output is just the summary.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from tui_news.cli import CommandError

if TYPE_CHECKING:
    from tui_news.services.fetcher import FetchEvent, FetchReport
    from tui_news.services.http_client import FetchSettings

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0 < seconds <= 600:
        raise argparse.ArgumentTypeError("timeout must be between 0 and 600 seconds")
    return seconds


def _retries(value: str) -> int:
    if not value.isdigit() or int(value) > 10:
        raise argparse.ArgumentTypeError("retries must be a whole number from 0 to 10")
    return int(value)


def _add_network_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--articles",
        type=Path,
        metavar="DIR",
        help="the library folder to save into (default: the one the reader opens)",
    )
    parser.add_argument(
        "--timeout",
        type=_seconds,
        default=20.0,
        metavar="SECONDS",
        help="give up on a server silent this long (default 20; a whole download gets 3x)",
    )
    parser.add_argument(
        "--retries",
        type=_retries,
        default=2,
        metavar="N",
        help="retries after a connection error or HTTP 429/503 (default 2)",
    )


def _settings(args: argparse.Namespace) -> FetchSettings:
    from tui_news.services.http_client import FetchSettings

    return FetchSettings.with_timeout(args.timeout, retries=args.retries)


def _check_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise CommandError(f"not an http(s) URL: {url}")
    return url


def _library(args: argparse.Namespace) -> Path:
    from tui_news.services.library import bundled_articles_dir

    folder: Path = args.articles.expanduser() if args.articles else bundled_articles_dir()
    if folder.exists() and not folder.is_dir():
        raise CommandError(f"{folder}: not a folder")
    return folder


class _ProgressDisplay:
    """A Rich progress bar fed by fetch events (only used when stdout is a terminal)."""

    def __init__(self, label: str) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
        )

        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("[bold]{task.fields[label]}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[host]}"),
            transient=True,
        )
        self.task = self.progress.add_task("", total=None, label=label, host="")

    def __enter__(self) -> _ProgressDisplay:
        self.progress.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.progress.stop()

    def __call__(self, event: FetchEvent) -> None:
        from tui_news.core.sanitize import strip_controls

        host = strip_controls(event.host, keep_newlines=False)
        self.progress.update(self.task, completed=event.done, total=event.total, host=host)


def _run_with_progress(label: str, make_coroutine) -> FetchReport:
    """Run `make_coroutine(on_event)` in a fresh event loop, with a progress bar on a tty."""
    if sys.stdout.isatty():
        with _ProgressDisplay(label) as display:
            return asyncio.run(make_coroutine(display))
    return asyncio.run(make_coroutine(None))


def _print_report(report: FetchReport, *, feeds_line: bool = False) -> int:
    from tui_news.core.sanitize import strip_controls
    from tui_news.services.fetcher import Outcome

    counts = ", ".join(
        f"{report.count(outcome)} {outcome.value}"
        for outcome in (Outcome.SAVED, Outcome.UPDATED, Outcome.UNCHANGED, Outcome.FAILED)
    )
    print(counts)
    if feeds_line:
        not_modified = sum(1 for feed in report.feeds if feed.not_modified)
        print(f"{len(report.feeds)} feeds read, {not_modified} not modified since last time")
    for failure in report.failures:
        line = strip_controls(f"{failure.url}: {failure.error}", keep_newlines=False)
        print(f"tui-news: {line}", file=sys.stderr)
    return EXIT_OK if report.ok else EXIT_FAILED


# -- fetch ----------------------------------------------------------------------------------


def _fetch_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tui-news fetch",
        description=(
            "Fetch web pages or feeds into the library. A page saves its article; a feed "
            "(RSS, Atom or JSON Feed, recognised by its content) saves every item, fetching "
            "each item's page when the feed carries only a summary. Fetching an article "
            "already in the library updates it in place."
        ),
        epilog="example:\n  tui-news fetch https://news.example.cn/a/1.html --articles ~/news",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("urls", nargs="+", metavar="URL", help="page or feed addresses")
    _add_network_options(parser)
    return parser


def run_fetch(argv: Sequence[str]) -> int:
    args = _fetch_parser().parse_args(argv)
    urls = [_check_url(url) for url in args.urls]
    folder = _library(args)
    settings = _settings(args)

    from tui_news.services.fetcher import Fetcher
    from tui_news.services.store import ArticleStore

    def coroutine(on_event):
        return Fetcher(ArticleStore(folder), settings, on_event).fetch(urls)

    return _print_report(_run_with_progress("fetching", coroutine))


# -- refresh --------------------------------------------------------------------------------


def _refresh_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tui-news refresh",
        description=(
            "Fetch every subscribed feed (see 'tui-news feed'). A feed that has not changed "
            "since the last refresh costs one small request; articles already in the library "
            "are not downloaded again."
        ),
        epilog="examples:\n  tui-news refresh\n  tui-news refresh --timeout 10 --retries 1",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_network_options(parser)
    return parser


def run_refresh(argv: Sequence[str]) -> int:
    args = _refresh_parser().parse_args(argv)
    folder = _library(args)
    settings = _settings(args)

    from tui_news.services import config
    from tui_news.services.fetcher import Fetcher
    from tui_news.services.store import ArticleStore

    feeds = _load_feeds()
    if not feeds:
        print("no feeds to refresh; add one with: tui-news feed add URL")
        return EXIT_OK
    states = config.load_feed_states()

    def coroutine(on_event):
        return Fetcher(ArticleStore(folder), settings, on_event).refresh(feeds, states)

    report = _run_with_progress("refreshing", coroutine)
    try:
        config.save_feed_states(states)
    except config.ConfigError as error:
        print(f"tui-news: {error}", file=sys.stderr)
    return _print_report(report, feeds_line=True)


def _load_feeds():
    from tui_news.services import config

    try:
        return config.load_feeds()
    except config.ConfigError as error:
        raise CommandError(str(error), EXIT_FAILED) from error


# -- feed -----------------------------------------------------------------------------------


def _feed_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tui-news feed",
        description="Manage the feeds that 'tui-news refresh' fetches.",
        epilog=(
            "examples:\n"
            "  tui-news feed add https://news.example.cn/rss.xml --name 江城晚报\n"
            "  tui-news feed import subscriptions.opml\n"
            "  tui-news feed export > feeds.opml"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="action", required=True, metavar="ACTION")

    def action(name: str, summary: str, example: str) -> argparse.ArgumentParser:
        return commands.add_parser(
            name,
            help=summary,
            description=summary[0].upper() + summary[1:] + ".",
            epilog=f"example:\n  {example}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )

    add = action(
        "add",
        "subscribe to a feed (it is fetched once to check it)",
        "tui-news feed add https://news.example.cn/rss.xml --name 江城晚报",
    )
    add.add_argument("url", metavar="URL")
    add.add_argument("--name", help="a short name (default: the feed's own title)")
    add.add_argument("--timeout", type=_seconds, default=20.0, metavar="SECONDS")
    action("list", "list subscribed feeds", "tui-news feed list")
    remove = action("remove", "unsubscribe (by name or URL)", "tui-news feed remove 江城晚报")
    remove.add_argument("feed", metavar="NAME|URL")
    importer = action(
        "import",
        "subscribe to every feed in an OPML file",
        "tui-news feed import subscriptions.opml",
    )
    importer.add_argument("file", type=Path, metavar="FILE.opml")
    action("export", "print the subscriptions as OPML", "tui-news feed export > feeds.opml")
    return parser


def run_feed(argv: Sequence[str]) -> int:
    args = _feed_parser().parse_args(argv)
    from tui_news.services import config

    try:
        action = {
            "add": _feed_add,
            "list": _feed_list,
            "remove": _feed_remove,
            "import": _feed_import,
            "export": _feed_export,
        }[args.action]
        return action(args)
    except config.ConfigError as error:
        raise CommandError(str(error), EXIT_FAILED) from error


def _feed_add(args: argparse.Namespace) -> int:
    from tui_news.services import config

    url = _check_url(args.url)
    feeds = _load_feeds()
    if any(feed.url == url for feed in feeds):
        raise CommandError(f"already subscribed: {url}", EXIT_FAILED)
    title = asyncio.run(_feed_title(url, args.timeout))
    name = args.name or title or url
    if any(feed.name == name for feed in feeds):
        raise CommandError(f"a feed is already named {name!r}; choose one with --name")
    config.save_feeds([*feeds, config.FeedSubscription(name=name, url=url)])
    print(f"added {name}: {url}")
    return EXIT_OK


async def _feed_title(url: str, timeout: float) -> str:
    """Fetch the feed once to check that it is one; its title is the default name."""
    from tui_news.services.feeds import FeedError, parse_feed
    from tui_news.services.http_client import FetchError, FetchSettings, HttpClient

    async with HttpClient(FetchSettings.with_timeout(timeout, retries=1)) as client:
        try:
            response = await client.get(url)
            feed = parse_feed(response.body, response.url, response.headers.get("content-type", ""))
        except (FetchError, FeedError) as error:
            raise CommandError(f"{url}: {error}", EXIT_FAILED) from None
    return feed.title


def _feed_list(args: argparse.Namespace) -> int:
    from tui_news.core.sanitize import strip_controls

    feeds = _load_feeds()
    if not feeds:
        print("no feeds; add one with: tui-news feed add URL")
    width = max((len(feed.name) for feed in feeds), default=0)
    for feed in feeds:
        print(strip_controls(f"{feed.name:<{width}}  {feed.url}", keep_newlines=False))
    return EXIT_OK


def _feed_remove(args: argparse.Namespace) -> int:
    from tui_news.services import config

    feeds = _load_feeds()
    kept = [feed for feed in feeds if args.feed not in (feed.name, feed.url)]
    if len(kept) == len(feeds):
        raise CommandError(f"no feed named or at {args.feed!r}", EXIT_FAILED)
    config.save_feeds(kept)
    print(f"removed {args.feed}")
    return EXIT_OK


def _feed_import(args: argparse.Namespace) -> int:
    from tui_news.services import config

    try:
        data = args.file.read_bytes()
    except OSError as error:
        raise CommandError(f"{args.file}: {(error.strerror or str(error)).lower()}") from error
    try:
        found = config.parse_opml(data)
    except config.ConfigError as error:
        raise CommandError(f"{args.file}: {error}", EXIT_FAILED) from error
    feeds = _load_feeds()
    known = {feed.url for feed in feeds}
    names = {feed.name for feed in feeds}
    added = 0
    for feed in found:
        if urlsplit(feed.url).scheme not in ("http", "https") or feed.url in known:
            continue
        name, number = feed.name, 2
        while name in names:  # two folders may hold feeds with the same title
            name, number = f"{feed.name} ({number})", number + 1
        feeds.append(config.FeedSubscription(name=name, url=feed.url))
        known.add(feed.url)
        names.add(name)
        added += 1
    config.save_feeds(feeds)
    print(f"imported {added} of {len(found)} feeds")
    return EXIT_OK


def _feed_export(args: argparse.Namespace) -> int:
    from tui_news.services import config

    sys.stdout.write(config.opml_document(_load_feeds()))
    return EXIT_OK
