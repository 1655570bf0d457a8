"""End to end: `tui-news fetch` against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest
from http_fixtures import (
    GARDEN_PARAGRAPHS,
    WORDPRESS_COMMENTS,
    article_page,
    atom_feed,
    closed_port_url,
    dripped,
    huge,
    json_feed,
    local_server_fixture,  # noqa: F401 (provides the local_server fixture)
    redirect_loop,
    respond,
    rss_feed,
    seed_pinyin_paragraphs,
    slow,
)

from tui_news import cli
from tui_news.commands.fetch import run_fetch
from tui_news.core import native_format
from tui_news.core.models import BlockKind

# Short enough to keep the suite quick, long enough for a loaded 2-core machine to answer.
FAST = ["--timeout", "1.5", "--retries", "0"]


@pytest.fixture(autouse=True)
def registered(monkeypatch):
    """Run through the real entry point, as it will be once the command is registered."""
    monkeypatch.setitem(cli.COMMANDS, "fetch", run_fetch)


def fetch(library: Path, *args: str) -> int:
    return cli.main(["fetch", *args, "--articles", str(library)])


def snapshot(folder: Path) -> dict[str, bytes]:
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def articles(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.md"))


def test_gbk_page_with_meta_charset_only_and_threaded_comments(tmp_path, local_server, capsys):
    page = article_page(
        "楼顶菜园要不要拆",
        GARDEN_PARAGRAPHS,
        meta_charset="gb2312",
        comments_html=WORDPRESS_COMMENTS,
    )
    url = local_server.serve("/garden.html", page.encode("gbk"), content_type="text/html")
    assert fetch(tmp_path, url) == 0
    assert capsys.readouterr().out.strip() == "1 saved, 0 updated, 0 unchanged, 0 failed"
    [path] = articles(tmp_path)
    assert path.name.startswith("lou-ding-cai-yuan-yao-bu-yao-chai_")
    article = native_format.load(path)
    assert article.title == "楼顶菜园要不要拆"
    assert article.url == url
    assert article.source == "江城晚报"
    text = "\n".join(block.text for block in article.body)
    assert "朱镕基时代修的老楼" in text  # 镕 is GBK, not GB2312: decoded as GB18030
    assert "广告" not in text and "版权所有" not in text and "首页" not in text
    assert "老街坊阿强" not in text  # comments are not body text
    kinds = [block.kind for block in article.body]
    assert BlockKind.HEADING in kinds and BlockKind.QUOTE in kinds
    links = [s.href for b in article.body for s in b.spans if s.href]
    assert local_server.url("/guide/roof.html") in links

    first, second = article.comments
    assert (first.author, first.likes, first.time) == (
        "老街坊阿强",
        326,
        "2026-11-20T08:52:00+08:00",
    )
    assert first.text == "支持保留!我家孩子就是在楼顶第一次看见丝瓜是怎么长出来的。"
    [reply] = first.replies
    assert (reply.author, reply.text, reply.likes) == ("顶楼住户", "你家不住顶楼,当然这么说。", 188)
    assert reply.replies[0].text == "防水老化是另一回事,该修就修。"
    assert second.author == "Echo_Lin" and not second.replies
    assert article.total_comments() == 4


def test_refetch_updates_in_place_never_duplicates(tmp_path, local_server, capsys):
    page = article_page("桂花里的菜园", GARDEN_PARAGRAPHS)
    url = local_server.serve("/a.html", page)
    assert fetch(tmp_path, url) == 0
    [path] = articles(tmp_path)
    before = path.read_bytes()
    capsys.readouterr()

    assert fetch(tmp_path, url + "?utm_source=feed") == 0  # same canonical URL
    assert "0 saved, 0 updated, 1 unchanged" in capsys.readouterr().out
    assert path.read_bytes() == before

    local_server.serve("/a.html", page.replace("记者将持续关注", "记者将继续跟进"))
    assert fetch(tmp_path, url) == 0
    assert "0 saved, 1 updated" in capsys.readouterr().out
    assert articles(tmp_path) == [path]
    assert "记者将继续跟进" in path.read_text(encoding="utf-8")


def test_utf8_page_with_http_charset(tmp_path, local_server, capsys):
    page = article_page("电动车电池发布会", GARDEN_PARAGRAPHS, meta_charset=None)
    url = local_server.serve("/ev.html", page.encode("utf-8"), "text/html; charset=UTF-8")
    assert fetch(tmp_path, url) == 0
    [path] = articles(tmp_path)
    article = native_format.load(path)
    assert article.title == "电动车电池发布会"
    assert any("蚯蚓越来越多" in block.text for block in article.body)


def test_inline_pinyin_becomes_readings(tmp_path, local_server):
    paragraphs = seed_pinyin_paragraphs()
    assert "济南(jǐnán)" in paragraphs[0]
    url = local_server.serve(
        "/jinan.html", article_page("百度京东中兴为何先后来济南签约", paragraphs)
    )
    assert fetch(tmp_path, url) == 0
    article = native_format.load(articles(tmp_path)[0])
    first = next(block for block in article.body if block.text.startswith("新时代新济南"))
    assert "(jǐnán)" not in first.text and first.text.startswith("新时代新济南,面临着")
    assert (first.readings[4], first.readings[5]) == ("jǐ", "nán")
    assert article.all_readings() >= 10


def _item_pages(local_server, count: int) -> list[tuple[str, str, str]]:
    items = []
    for number in range(count):
        title = f"社区新闻第{number + 1}篇"
        local_server.serve(f"/items/{number}.html", article_page(title, GARDEN_PARAGRAPHS))
        items.append((title, f"/items/{number}.html", "<p>摘要:楼顶菜园之争。</p>"))
    return items


def test_rss_feed_with_summaries_fetches_each_item_page(tmp_path, local_server, capsys):
    items = _item_pages(local_server, 3)
    feed = rss_feed(local_server, items)
    url = local_server.serve("/rss", feed, content_type="text/html")  # mislabelled, on purpose
    assert fetch(tmp_path, url) == 0
    assert "3 saved" in capsys.readouterr().out
    assert all(local_server.hits(f"/items/{n}.html") == 1 for n in range(3))
    titles = sorted(native_format.load(p).title for p in articles(tmp_path))
    assert titles == ["社区新闻第1篇", "社区新闻第2篇", "社区新闻第3篇"]


def test_atom_feed_with_full_text_needs_no_page_requests(tmp_path, local_server, capsys):
    body = "".join(f"<p>{text}</p>" for text in GARDEN_PARAGRAPHS) + "<h2>小节</h2><p>完。</p>"
    items = [("整篇文章", "/full/1.html", body), ("第二篇", "/full/2.html", body)]
    url = local_server.serve("/atom", atom_feed(local_server, items), "application/atom+xml")
    assert fetch(tmp_path, url) == 0
    assert "2 saved" in capsys.readouterr().out
    assert local_server.hits("/full/1.html") == 0
    article = native_format.load(articles(tmp_path)[0])
    assert article.authors == ["何文斌"] and article.source == "江城晚报 Atom"
    assert any(block.kind is BlockKind.HEADING for block in article.body)


def test_json_feed(tmp_path, local_server, capsys):
    items = _item_pages(local_server, 2)
    url = local_server.serve("/feed.json", json_feed(local_server, items), "application/json")
    assert fetch(tmp_path, url) == 0
    assert "2 saved" in capsys.readouterr().out
    assert len(articles(tmp_path)) == 2


def test_retry_after_503_is_honoured(tmp_path, local_server, capsys):
    page = article_page("稍后再来", GARDEN_PARAGRAPHS).encode("utf-8")
    calls = []

    def busy_then_fine(request):
        calls.append(1)
        if len(calls) == 1:
            respond(request, 503, b"busy", headers={"Retry-After": "0"})
        else:
            respond(request, 200, page)

    url = local_server.handle("/busy.html", busy_then_fine)
    assert fetch(tmp_path, url, "--retries", "2") == 0
    assert len(calls) == 2


def test_retry_after_beyond_bound_is_not_waited_for(tmp_path, local_server, capsys):
    url = local_server.serve("/later", b"x", status=429, headers={"Retry-After": "3600"})
    assert fetch(tmp_path, url, "--retries", "2") == 1
    assert f"{url}: HTTP 429 Too Many Requests" in capsys.readouterr().err
    assert local_server.hits("/later") == 1


FAULTS = {
    "404": ("HTTP 404 Not Found", lambda s: s.url("/missing.html")),
    "500": ("HTTP 500 Internal Server Error", lambda s: s.serve("/e", b"oops", status=500)),
    "loop": ("too many redirects", lambda s: (redirect_loop(s, "/r1", "/r2"), s.url("/r1"))[1]),
    "slow": ("timed out after 1.5 s", lambda s: s.handle("/slow", slow(4.0))),
    "drip": ("timed out after 4.5 s", lambda s: s.handle("/drip", dripped(10_000, 0.02))),
    "50MB declared": ("page larger than 10 MB", lambda s: s.handle("/big", huge(50 << 20, True))),
    "image": (
        "not an HTML page (image/png)",
        lambda s: s.serve("/p.png", b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png"),
    ),
    "malformed": (
        "no article text found on the page",
        lambda s: s.serve("/bad.html", b"<html><<div <p></td></table>\x00\x01<<>>"),
    ),
    "feed not XML": (
        "not a feed (neither XML nor JSON)",
        lambda s: s.serve("/feed.rss", b"this is not xml at all", "application/rss+xml"),
    ),
    "closed port": ("connection refused", lambda s: closed_port_url()),
}


@pytest.fixture
def library(tmp_path) -> Path:
    """A library that already holds one article, to prove faults leave it untouched."""
    folder = tmp_path / "library"
    folder.mkdir()
    source = Path(__file__).resolve().parents[1] / "articles" / "010_community_garden_debate.md"
    (folder / source.name).write_bytes(source.read_bytes())
    return folder


@pytest.mark.parametrize("fault", FAULTS)
def test_fault_gives_one_line_cause_and_leaves_library_alone(fault, library, local_server, capsys):
    cause, make_url = FAULTS[fault]
    url = make_url(local_server)
    before = snapshot(library)
    assert fetch(library, url, *FAST) == 1
    out, err = capsys.readouterr()
    assert err == f"tui-news: {url}: {cause}\n"
    assert out == "0 saved, 0 updated, 0 unchanged, 1 failed\n"
    assert snapshot(library) == before


def test_50_mb_stream_without_length_is_cut_at_the_cap(library, local_server, capsys):
    url = local_server.handle("/stream", huge(50 << 20, declare_length=False))
    before = snapshot(library)
    tracemalloc.start()
    try:
        assert fetch(library, url, *FAST) == 1
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert capsys.readouterr().err == f"tui-news: {url}: page larger than 10 MB\n"
    assert peak < 25 << 20  # the cap plus one piece, never the whole 50 MB
    assert snapshot(library) == before


def test_some_ok_some_failed_exits_1_and_saves_the_good_ones(tmp_path, local_server, capsys):
    good = local_server.serve("/good.html", article_page("好消息", GARDEN_PARAGRAPHS))
    bad = local_server.url("/gone.html")
    assert fetch(tmp_path, good, bad, *FAST) == 1
    out, err = capsys.readouterr()
    assert out == "1 saved, 0 updated, 0 unchanged, 1 failed\n"
    assert err == f"tui-news: {bad}: HTTP 404 Not Found\n"
    assert len(articles(tmp_path)) == 1


@pytest.mark.parametrize("bad", ["ftp://example.cn/x", "not a url", "http://"])
def test_bad_url_is_a_usage_error(bad, tmp_path, capsys):
    assert fetch(tmp_path, bad) == 2
    assert capsys.readouterr().err == f"tui-news: not an http(s) URL: {bad}\n"
    assert not list(tmp_path.iterdir())


def test_articles_path_that_is_a_file_is_a_usage_error(tmp_path, capsys):
    target = tmp_path / "file.txt"
    target.write_text("x")
    assert cli.main(["fetch", "http://127.0.0.1:9/x", "--articles", str(target)]) == 2
    assert "not a folder" in capsys.readouterr().err


def test_no_url_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["fetch"])
    assert exit_info.value.code == 2


def test_fetcher_reports_progress_events(tmp_path, local_server):
    """The API the app drives from a worker: events in order, total growing with a feed."""
    import asyncio

    from tui_news.services.fetcher import EventKind, Fetcher, Outcome
    from tui_news.services.store import ArticleStore

    items = _item_pages(local_server, 2)
    url = local_server.serve("/rss", rss_feed(local_server, items), "application/rss+xml")
    events = []
    report = asyncio.run(Fetcher(ArticleStore(tmp_path), on_event=events.append).fetch([url]))
    assert report.count(Outcome.SAVED) == 2 and report.feeds[0].items == 2
    assert events[0].kind is EventKind.STARTED and events[0].total == 1
    assert events[0].host == "127.0.0.1"
    finished = [e for e in events if e.kind is EventKind.FINISHED]
    assert [e.done for e in finished] == [1, 2, 3] and finished[-1].total == 3
    assert {e.result.outcome for e in finished[1:]} == {Outcome.SAVED}


def test_progress_display_accepts_events():
    from tui_news.commands.fetch import _ProgressDisplay
    from tui_news.services.fetcher import EventKind, FetchEvent

    display = _ProgressDisplay("fetching")
    display(FetchEvent(EventKind.STARTED, "http://x.cn/a", "x.cn\x1b[2J", 0, 3))
    task = display.progress.tasks[0]
    assert (task.total, task.fields["host"]) == (3, "x.cn")
