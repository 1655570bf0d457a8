"""A real HTTP server on 127.0.0.1 for fetch tests, and the pages and feeds it serves.

Import the fixture into a test module (``from http_fixtures import local_server_fixture``),
then take a ``local_server`` argument. Routes are plain functions of the request handler, so
a test can serve anything from a normal page to a body dripped byte by byte or a 50 MB
stream generated on the fly (never held in memory).
"""

from __future__ import annotations

import socket
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

Handler = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class LocalServer:
    port: int = 0
    routes: dict[str, Handler] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def handle(self, path: str, handler: Handler) -> str:
        self.routes[path] = handler
        return self.url(path)

    def serve(
        self,
        path: str,
        body: bytes | str,
        content_type: str = "text/html; charset=utf-8",
        status: int = 200,
        headers: dict[str, str] | None = None,
    ) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body

        def handler(request: BaseHTTPRequestHandler) -> None:
            respond(request, status, data, content_type, headers)

        return self.handle(path, handler)

    def hits(self, path: str) -> int:
        return sum(1 for seen, _ in self.requests if seen == path)


def respond(
    request: BaseHTTPRequestHandler,
    status: int,
    body: bytes,
    content_type: str | None = "text/html; charset=utf-8",
    headers: dict[str, str] | None = None,
) -> None:
    request.send_response(status)
    if content_type:
        request.send_header("Content-Type", content_type)
    request.send_header("Content-Length", str(len(body)))
    for name, value in (headers or {}).items():
        request.send_header(name, value)
    request.end_headers()
    request.wfile.write(body)


class _RequestHandler(BaseHTTPRequestHandler):
    server_state: LocalServer  # set on a subclass per server
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 (stdlib naming)
        path = self.path.split("?")[0]
        self.server_state.requests.append((path, {k.lower(): v for k, v in self.headers.items()}))
        handler = self.server_state.routes.get(path)
        try:
            if handler is None:
                respond(self, 404, b"<html><body>not here</body></html>")
            else:
                handler(self)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeouts, size cap): expected in fault tests

    def log_message(self, fmt: str, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def handle_error(self, request: object, client_address: object) -> None:
        # A client that gives up (a timeout, a cancelled fetch) resets the connection while a
        # handler is still writing. That is the client's business; printing the traceback to
        # stderr would only garble the command-line output the tests compare. Any other
        # error in a handler is still reported.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@pytest.fixture(name="local_server")
def local_server_fixture() -> Iterator[LocalServer]:
    state = LocalServer()
    handler = type("Handler", (_RequestHandler,), {"server_state": state})
    server = _Server(("127.0.0.1", 0), handler)
    state.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


def closed_port_url() -> str:
    """An address on 127.0.0.1 where nothing listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/article.html"


# -- fault handlers -------------------------------------------------------------------------


def slow(seconds: float, body: bytes = b"<html><body><p>late</p></body></html>") -> Handler:
    def handler(request: BaseHTTPRequestHandler) -> None:
        time.sleep(seconds)
        respond(request, 200, body)

    return handler


def dripped(total_bytes: int = 10_000, interval: float = 0.02) -> Handler:
    """Headers at once, then one byte every `interval` seconds."""

    def handler(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "text/html; charset=utf-8")
        request.send_header("Content-Length", str(total_bytes))
        request.end_headers()
        for _ in range(total_bytes):
            request.wfile.write(b"x")
            request.wfile.flush()
            time.sleep(interval)

    return handler


def huge(total_bytes: int, declare_length: bool) -> Handler:
    """`total_bytes` of HTML generated in 64 KB pieces; with or without Content-Length."""
    piece = b"<p>" + b"x" * (64 * 1024 - 7) + b"</p>\n"

    def handler(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "text/html; charset=utf-8")
        if declare_length:
            request.send_header("Content-Length", str(total_bytes))
        else:
            request.send_header("Connection", "close")  # body ends when the connection does
            request.close_connection = True
        request.end_headers()
        sent = 0
        while sent < total_bytes:
            chunk = piece[: total_bytes - sent]
            request.wfile.write(chunk)
            sent += len(chunk)

    return handler


def redirect_loop(server: LocalServer, first: str, second: str) -> None:
    for here, there in ((first, second), (second, first)):
        server.serve(here, b"", status=302, headers={"Location": server.url(there)})


# -- pages and feeds ------------------------------------------------------------------------

GARDEN_PARAGRAPHS = [
    "桂花里小区7号楼的楼顶,原本只是一片晒被子的水泥平台。三年前,退休教师孙玉芬带着几位老邻居,"
    "用旧木箱和泡沫箱搭起了十几个种植箱,又在边上围了一圈竹栅栏。",
    "“孩子们放学上来浇水,比玩手机强多了。”孙玉芬说。她在角落里放了两个桶,专门把果皮菜叶沤肥,"
    "“土里的蚯蚓越来越多,说明土是活的。”",
    "但并不是所有人都这么看。住在顶层的刘先生告诉记者,去年夏天连续下了几场大雨,"
    "他家卧室的天花板出现了水渍。朱镕基时代修的老楼,防水层早就老化了。",
]


def article_page(
    title: str,
    paragraphs: list[str],
    *,
    meta_charset: str | None = "utf-8",
    comments_html: str = "",
    heading: str = "议事会上的“拉锯战”",
) -> str:
    """A realistic news page: navigation, adverts and a footer around the article."""
    meta = (
        f'<meta http-equiv="Content-Type" content="text/html; charset={meta_charset}">'
        if meta_charset
        else ""
    )
    body = "\n".join(f"<p>{text}</p>" for text in paragraphs[:2])
    rest = "\n".join(f"<p>{text}</p>" for text in paragraphs[2:])
    return f"""<!DOCTYPE html>
<html><head>{meta}<title>{title} - 江城晚报</title>
<meta property="og:site_name" content="江城晚报">
<meta name="author" content="周晓岚">
<meta property="article:published_time" content="2026-11-20T08:30:00+08:00">
</head><body>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/news">新闻</a></li>
<li><a href="/sports">体育</a></li></ul></div>
<div class="ad banner">广告:点击领取优惠券,限时抢购</div>
<div class="main"><article>
<h1>{title}</h1>
{body}
<h2>{heading}</h2>
{rest}
<blockquote><p>“吵归吵,最后还是要按规矩办。”居委会主任梁建华说。</p></blockquote>
<p>更多信息见<a href="/guide/roof.html">楼顶绿化安全指引</a>,记者将持续关注。</p>
</article></div>
{comments_html}
<footer class="footer">版权所有 2026 江城晚报 | 联系我们 | 京ICP备12345678号</footer>
</body></html>"""


WORDPRESS_COMMENTS = """<div id="comments" class="comments-area"><h2>3 条评论</h2>
<ol class="comment-list">
<li id="comment-11" class="comment even thread-even depth-1 parent">
 <article id="div-comment-11" class="comment-body">
  <footer class="comment-meta"><div class="comment-author vcard"><b class="fn">老街坊阿强</b>
   <span class="says">说道:</span></div>
   <div class="comment-metadata"><a href="#comment-11">
   <time datetime="2026-11-20T08:52:00+08:00">2026年11月20日 上午8:52</time></a></div></footer>
  <div class="comment-content"><p>支持保留!我家孩子就是在楼顶第一次看见丝瓜是怎么长出来的。</p>
  </div>
  <span class="like-count">326</span>
  <div class="reply"><a rel="nofollow" class="comment-reply-link" href="#">回复</a></div>
 </article>
 <ol class="children">
  <li id="comment-12" class="comment odd alt depth-2 parent">
   <article id="div-comment-12" class="comment-body">
    <footer class="comment-meta">
    <div class="comment-author vcard"><b class="fn">顶楼住户</b></div>
    <div class="comment-metadata"><time datetime="2026-11-20T09:10:00+08:00">9:10</time></div>
    </footer>
    <div class="comment-content"><p>你家不住顶楼,当然这么说。</p></div>
    <span class="like-count">188</span>
   </article>
   <ol class="children">
    <li id="comment-13" class="comment even depth-3">
     <article id="div-comment-13" class="comment-body">
      <footer class="comment-meta">
      <div class="comment-author vcard"><b class="fn">老街坊阿强</b></div>
      <div class="comment-metadata"><time datetime="2026-11-20T09:24:00+08:00">9:24</time></div>
      </footer>
      <div class="comment-content"><p>防水老化是另一回事,该修就修。</p></div>
     </article>
    </li>
   </ol>
  </li>
 </ol>
</li>
<li id="comment-14" class="comment odd depth-1">
 <article id="div-comment-14" class="comment-body">
  <footer class="comment-meta">
  <div class="comment-author vcard"><b class="fn">Echo_Lin</b></div></footer>
  <div class="comment-content"><p>先修好防水、做个闭水试验,再谈种不种。</p></div>
 </article>
</li>
</ol></div>"""


def seed_pinyin_paragraphs(count: int = 4) -> list[str]:
    """The first body paragraphs of the seed article, with the publisher's inline pinyin."""
    from pathlib import Path

    seed = Path(__file__).resolve().parents[1] / "articles" / "000_f0ce2c04f8de9a60.txt"
    lines = seed.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.startswith("  ") and line.strip()][:count]


def rss_feed(server: LocalServer, items: list[tuple[str, str, str]]) -> str:
    """RSS 2.0 with items (title, path, description HTML)."""
    entries = "".join(
        f"<item><title>{title}</title><link>{server.url(path)}</link>"
        f"<description><![CDATA[{html}]]></description>"
        f"<pubDate>Fri, 20 Nov 2026 08:30:00 +0800</pubDate></item>"
        for title, path, html in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>江城晚报</title><link>{server.url('/')}</link>{entries}</channel></rss>"
    )


def atom_feed(server: LocalServer, items: list[tuple[str, str, str]]) -> str:
    entries = "".join(
        f'<entry><title>{title}</title><link href="{server.url(path)}"/>'
        f"<id>{server.url(path)}</id><updated>2026-11-20T00:30:00Z</updated>"
        f'<author><name>何文斌</name></author><content type="html">{_escape(html)}</content>'
        "</entry>"
        for title, path, html in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>江城晚报 Atom</title><id>urn:x</id><updated>2026-11-20T00:30:00Z</updated>"
        f"{entries}</feed>"
    )


def json_feed(server: LocalServer, items: list[tuple[str, str, str]]) -> str:
    import json

    return json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": "江城晚报 JSON",
            "items": [
                {"id": path, "url": server.url(path), "title": title, "content_html": html}
                for title, path, html in items
            ],
        },
        ensure_ascii=False,
    )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
