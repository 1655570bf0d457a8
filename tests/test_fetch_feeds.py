"""`tui-news feed ...` and `tui-news refresh` against a real local server."""

from __future__ import annotations

import pytest
from http_fixtures import (
    GARDEN_PARAGRAPHS,
    article_page,
    local_server_fixture,  # noqa: F401 (provides the local_server fixture)
    respond,
    rss_feed,
)

from tui_news import cli
from tui_news.commands.fetch import run_feed, run_fetch, run_refresh
from tui_news.services import config

FAST = ["--timeout", "3", "--retries", "0"]  # generous: a loaded machine still answers


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    """Every per-user location under one temporary folder."""
    monkeypatch.setenv("TUI_NEWS_HOME", str(tmp_path / "home"))
    for name, command in (("fetch", run_fetch), ("feed", run_feed), ("refresh", run_refresh)):
        monkeypatch.setitem(cli.COMMANDS, name, command)
    return tmp_path / "home"


def feed_with_etag(local_server, path: str, body: str, etag: str = '"v1"') -> str:
    """A feed that answers 304 to a request carrying its current ETag."""

    def handler(request):
        if request.headers.get("If-None-Match") == etag:
            request.send_response(304)
            request.send_header("ETag", etag)
            request.send_header("Content-Length", "0")
            request.end_headers()
        else:
            respond(request, 200, body.encode("utf-8"), "application/rss+xml", {"ETag": etag})

    return local_server.handle(path, handler)


def items(local_server, prefix: str, count: int) -> list[tuple[str, str, str]]:
    out = []
    for number in range(count):
        path = f"/{prefix}/{number}.html"
        local_server.serve(path, article_page(f"新闻{prefix}{number}", GARDEN_PARAGRAPHS))
        out.append((f"新闻{prefix}{number}", path, "<p>摘要</p>"))
    return out


def test_add_list_remove(local_server, capsys, home):
    url = local_server.serve("/rss", rss_feed(local_server, []), "application/rss+xml")
    assert cli.main(["feed", "add", url]) == 0
    assert capsys.readouterr().out == f"added 江城晚报: {url}\n"
    assert cli.main(["feed", "add", url]) == 1  # already there
    assert "already subscribed" in capsys.readouterr().err
    assert (home / "config.toml").is_file()

    assert cli.main(["feed", "list"]) == 0
    assert capsys.readouterr().out == f"江城晚报  {url}\n"
    assert cli.main(["feed", "remove", "江城晚报"]) == 0
    assert config.load_feeds() == []
    assert cli.main(["feed", "remove", "江城晚报"]) == 1


def test_add_checks_that_it_is_a_feed(local_server, capsys):
    page = local_server.serve("/page.html", article_page("不是订阅源", GARDEN_PARAGRAPHS))
    assert cli.main(["feed", "add", page, "--timeout", "3"]) == 1
    assert capsys.readouterr().err.startswith(f"tui-news: {page}: not a feed")
    missing = local_server.url("/nothing")
    assert cli.main(["feed", "add", missing, "--timeout", "3"]) == 1
    assert capsys.readouterr().err == f"tui-news: {missing}: HTTP 404 Not Found\n"
    assert config.load_feeds() == []


def test_opml_import_and_export(tmp_path, capsys):
    opml = tmp_path / "subs.opml"
    opml.write_text(
        """<?xml version="1.0"?><opml version="1.0"><head><title>subs</title></head><body>
        <outline text="新闻"><outline text="江城晚报" xmlUrl="https://news.example.cn/rss.xml"/>
        <outline title="Tech &amp; Science" text="t" xmlUrl="https://tech.example.com/atom"/>
        </outline><outline text="a folder without feeds"/>
        <outline text="bad scheme" xmlUrl="file:///etc/passwd"/></body></opml>""",
        encoding="utf-8",
    )
    assert cli.main(["feed", "import", str(opml)]) == 0
    assert capsys.readouterr().out == "imported 2 of 3 feeds\n"
    assert [feed.name for feed in config.load_feeds()] == ["江城晚报", "Tech & Science"]
    assert cli.main(["feed", "import", str(opml)]) == 0  # importing again adds nothing
    assert len(config.load_feeds()) == 2
    capsys.readouterr()

    assert cli.main(["feed", "export"]) == 0
    exported = capsys.readouterr().out
    assert 'xmlUrl="https://news.example.cn/rss.xml"' in exported
    assert config.parse_opml(exported.encode("utf-8")) == config.load_feeds()


def test_import_rejects_a_file_that_is_not_opml(tmp_path, capsys):
    bad = tmp_path / "bad.opml"
    bad.write_text("<html><body>no</body></html>")
    assert cli.main(["feed", "import", str(bad)]) == 1
    assert "not an OPML file" in capsys.readouterr().err
    assert cli.main(["feed", "import", str(tmp_path / "missing.opml")]) == 2


def test_refresh_uses_conditional_get(tmp_path, local_server, capsys, home):
    library = tmp_path / "library"
    url = feed_with_etag(local_server, "/rss", rss_feed(local_server, items(local_server, "a", 2)))
    config.save_feeds([config.FeedSubscription("江城晚报", url)])

    assert cli.main(["refresh", "--articles", str(library), *FAST]) == 0
    out = capsys.readouterr().out
    assert out.startswith("2 saved, 0 updated, 0 unchanged, 0 failed\n")
    assert len(list(library.glob("*.md"))) == 2
    assert config.load_feed_states()[url].etag == '"v1"'
    assert (home / "data" / "feed_state.json").is_file()

    before = len(local_server.requests)
    assert cli.main(["refresh", "--articles", str(library), *FAST]) == 0
    assert "1 feeds read, 1 not modified" in capsys.readouterr().out
    assert len(local_server.requests) == before + 1  # one small request, nothing else
    assert local_server.requests[-1][1]["if-none-match"] == '"v1"'


def test_refresh_skips_known_items_and_keeps_state_when_an_item_fails(
    tmp_path, local_server, capsys
):
    library = tmp_path / "library"
    entries = items(local_server, "b", 1) + [("坏链接", "/gone.html", "<p>摘要</p>")]
    url = feed_with_etag(local_server, "/rss", rss_feed(local_server, entries))
    config.save_feeds([config.FeedSubscription("乙", url)])
    assert cli.main(["refresh", "--articles", str(library), *FAST]) == 1
    out, err = capsys.readouterr()
    assert out.startswith("1 saved, 0 updated, 0 unchanged, 1 failed\n")
    assert err == f"tui-news: {local_server.url('/gone.html')}: HTTP 404 Not Found\n"
    assert url not in config.load_feed_states()  # so the next refresh tries again

    local_server.serve("/gone.html", article_page("补上了", GARDEN_PARAGRAPHS))
    assert cli.main(["refresh", "--articles", str(library), *FAST]) == 0
    assert capsys.readouterr().out.startswith("1 saved, 0 updated, 1 unchanged, 0 failed\n")
    assert local_server.hits("/b/0.html") == 1  # already in the library: not fetched again
    assert config.load_feed_states()[url].etag == '"v1"'


def test_refresh_without_feeds(capsys):
    assert cli.main(["refresh"]) == 0
    assert "no feeds" in capsys.readouterr().out


def test_broken_config_is_one_line(home, capsys):
    home.mkdir(parents=True)
    (home / "config.toml").write_text("feeds = [[[", encoding="utf-8")
    assert cli.main(["feed", "list"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("tui-news: ") and "not valid TOML" in err and err.count("\n") == 1


def test_other_config_tables_survive(home, local_server, capsys):
    home.mkdir(parents=True)
    (home / "config.toml").write_text('[reader]\npinyin = "marks"\n', encoding="utf-8")
    url = local_server.serve("/rss", rss_feed(local_server, []), "application/rss+xml")
    assert cli.main(["feed", "add", url, "--name", "城报"]) == 0
    text = (home / "config.toml").read_text(encoding="utf-8")
    assert 'pinyin = "marks"' in text and "城报" in text
