"""Concurrent fetching vs one page at a time, against a local server with 50 ms latency.

    python bench/fetch.py [--pages 200] [--delay 0.05] [--concurrency 16]

Both runs go through the whole pipeline (HTTP, decoding, extraction, saving into a fresh
temporary library). Concurrency comes from the fetcher's shared client; one-at-a-time awaits
each page before requesting the next (on the same open client). The server runs in its own
process and only ever listens on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import sys
import tempfile
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from tui_news.services.fetcher import Fetcher, Outcome  # noqa: E402
from tui_news.services.http_client import FetchSettings  # noqa: E402
from tui_news.services.store import ArticleStore  # noqa: E402

PARAGRAPH = (
    "桂花里小区7号楼的楼顶,原本只是一片晒被子的水泥平台。三年前,退休教师孙玉芬带着几位老邻居,"
    "用旧木箱和泡沫箱搭起了十几个种植箱,又在边上围了一圈竹栅栏。"
)


def page(number: int) -> bytes:
    body = "".join(f"<p>第{number}篇,第{n}段。{PARAGRAPH}</p>" for n in range(6))
    return (
        f"<html><head><meta charset='utf-8'><title>社区新闻{number}</title></head><body>"
        f"<div class='nav'><a href='/'>首页</a></div><article><h1>社区新闻{number}</h1>{body}"
        f"</article><footer>版权所有</footer></body></html>"
    ).encode()


def serve(delay: float, ports: multiprocessing.Queue) -> None:
    """The server, in its own process so that it does not compete for the client's GIL."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body go out in two writes; without this, Nagle's algorithm and delayed
        # ACKs add 40 ms to every response, which no real server would.
        disable_nagle_algorithm = True

        def do_GET(self) -> None:  # noqa: N802
            time.sleep(delay)
            number = int(self.path.strip("/").split(".")[0] or 0)
            data = page(number)
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, fmt: str, *args: object) -> None:
            pass

    class Server(ThreadingHTTPServer):
        daemon_threads = True
        request_queue_size = 256  # the default backlog of 5 would drop simultaneous connects

    server = Server(("127.0.0.1", 0), Handler)
    ports.put(server.server_address[1])
    server.serve_forever()


def start_server(delay: float) -> tuple[multiprocessing.Process, int]:
    ports: multiprocessing.Queue = multiprocessing.Queue()
    process = multiprocessing.Process(target=serve, args=(delay, ports), daemon=True)
    process.start()
    return process, ports.get(timeout=10)


async def concurrent(urls: list[str], settings: FetchSettings) -> float:
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        report = await Fetcher(ArticleStore(Path(folder)), settings).fetch(urls)
        elapsed = time.perf_counter() - started
    assert report.count(Outcome.SAVED) == len(urls), report.failures[:3]
    return elapsed


async def one_at_a_time(urls: list[str], settings: FetchSettings) -> float:
    with tempfile.TemporaryDirectory() as folder:
        async with Fetcher(ArticleStore(Path(folder)), settings) as fetcher:
            started = time.perf_counter()
            for url in urls:
                report = await fetcher.fetch([url])
                assert report.ok, report.failures
            return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--delay", type=float, default=0.05)
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()

    server, port = start_server(args.delay)
    urls = [f"http://127.0.0.1:{port}/{n}.html" for n in range(args.pages)]
    # All pages live on one host here, so the per-host limit is raised to the overall one.
    settings = FetchSettings(per_host=args.concurrency, overall=args.concurrency, retries=0)
    asyncio.run(concurrent(urls[:4], settings))  # warm-up: imports, trafilatura's first call

    fast = asyncio.run(concurrent(urls, settings))
    slow = asyncio.run(one_at_a_time(urls, settings))
    server.terminate()
    server.join()
    print(f"{args.pages} pages, server latency {args.delay * 1000:.0f} ms each")
    print(f"concurrent ({args.concurrency} at a time): {fast:6.2f} s")
    print(f"one at a time:               {slow:6.2f} s")
    print(f"speed-up: {slow / fast:.1f}x (goal >= 8x)")


if __name__ == "__main__":
    main()
