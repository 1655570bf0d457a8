"""One shared HTTP client for every fetch: limits, retries, size cap and causes in words.

All network access of the fetcher goes through `HttpClient.get`. It never raises anything but
`FetchError`, whose message is a short cause a reader understands ("HTTP 404 Not Found",
"connection refused", "timed out after 20 s", "page larger than 10 MB"), so the command line
can print one line per failure and the app can show it in a notification.
"""

from __future__ import annotations

import asyncio
import email.utils
import random
import socket
import time
from collections.abc import Mapping
from dataclasses import dataclass
from http import HTTPStatus
from urllib.parse import urlsplit

import httpx

from tui_news import __version__

USER_AGENT = f"tui-news/{__version__} (+terminal news reader)"
MEGABYTE = 1024 * 1024

# Status codes worth another try: the server says "later", not "never".
_RETRY_STATUSES = frozenset({429, 503})


@dataclass(frozen=True)
class FetchSettings:
    """Timeouts in seconds, limits and retry policy; the defaults suit a terminal user."""

    connect_timeout: float = 10.0
    read_timeout: float = 20.0  # longest silence between two pieces of the response
    total_timeout: float = 60.0  # whole request, so a body dripped byte by byte still ends
    max_redirects: int = 10
    max_bytes: int = 10 * MEGABYTE
    per_host: int = 8  # simultaneous requests to one host (browsers allow 6)
    # Past ~16 in-flight requests httpx's connection pool costs more CPU than it saves time.
    overall: int = 16
    retries: int = 2  # extra attempts after a connection error or 429/503
    backoff: float = 0.5  # first retry delay; doubles each time (with a little jitter)
    max_retry_after: float = 30.0  # a longer Retry-After is not waited for

    @classmethod
    def with_timeout(cls, seconds: float, **changes: object) -> FetchSettings:
        """Settings with one user-facing timeout: connect and read `seconds`, total 3x."""
        return cls(
            connect_timeout=seconds,
            read_timeout=seconds,
            total_timeout=seconds * 3,
            **changes,  # type: ignore[arg-type]
        )


class FetchError(Exception):
    """A request that failed; str(error) is the cause in words."""

    def __init__(self, cause: str, *, retryable: bool = False, retry_after: float | None = None):
        super().__init__(cause)
        self.cause = cause
        self.retryable = retryable
        self.retry_after = retry_after


@dataclass(frozen=True)
class Response:
    """A complete response: final URL after redirects, status, headers and the capped body."""

    url: str
    status: int
    headers: Mapping[str, str]
    body: bytes

    @property
    def content_type(self) -> str:
        """The media type without parameters, lower case ('' when the server sent none)."""
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def seconds_text(seconds: float) -> str:
    return f"{seconds:g} s"


def size_text(limit: int) -> str:
    if limit % MEGABYTE == 0:
        return f"{limit // MEGABYTE} MB"
    return f"{limit} bytes"


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def status_text(status: int, reason: str = "") -> str:
    """'HTTP 404 Not Found': the standard phrase, since servers' own phrases vary."""
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = reason.strip()
    return f"HTTP {status} {phrase}".rstrip()


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Retry-After as seconds to wait: either delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def _root_cause(error: BaseException) -> BaseException:
    """The innermost exception (httpx wraps the OS error in several layers)."""
    seen = {id(error)}
    while True:
        inner = error.__cause__ or error.__context__
        if inner is None or id(inner) in seen:
            return error
        seen.add(id(inner))
        error = inner


def _describe_transport_error(error: Exception, settings: FetchSettings) -> FetchError:
    """Map an httpx exception to a cause in words, marking those worth retrying."""
    detail = str(error).lower()
    if isinstance(error, httpx.TooManyRedirects):
        return FetchError("too many redirects")
    if isinstance(error, httpx.ConnectTimeout):
        return FetchError(
            f"timed out after {seconds_text(settings.connect_timeout)}", retryable=True
        )
    if isinstance(error, httpx.ReadTimeout):
        return FetchError(f"timed out after {seconds_text(settings.read_timeout)}")
    if isinstance(error, httpx.TimeoutException):
        return FetchError(f"timed out after {seconds_text(settings.read_timeout)}")
    if isinstance(error, httpx.UnsupportedProtocol):
        return FetchError("not an http(s) address")
    if isinstance(error, httpx.ConnectError):
        cause = _root_cause(error)
        if isinstance(cause, ConnectionRefusedError) or "refused" in detail:
            return FetchError("connection refused", retryable=True)
        if (
            isinstance(cause, socket.gaierror)
            or "name or service not known" in detail
            or "nodename nor servname" in detail
            or ("getaddrinfo" in detail)
        ):
            return FetchError("host not found")
        if "certificate" in detail or "ssl" in detail:
            return FetchError("secure connection failed (certificate or TLS error)")
        return FetchError("could not connect", retryable=True)
    if isinstance(error, httpx.RemoteProtocolError):
        if "without sending" in detail or "disconnected" in detail:
            return FetchError("connection closed by the server", retryable=True)
        return FetchError("invalid HTTP response")
    if isinstance(error, httpx.ReadError | httpx.WriteError):
        return FetchError("connection lost", retryable=True)
    if isinstance(error, httpx.DecodingError):
        return FetchError("could not decompress the response")
    return FetchError(f"network error ({type(error).__name__})")


class HttpClient:
    """Wraps one `httpx.AsyncClient`; create it inside the event loop that will use it.

    Use as ``async with HttpClient(settings) as client: response = await client.get(url)``.
    """

    def __init__(self, settings: FetchSettings | None = None) -> None:
        self.settings = settings or FetchSettings()
        s = self.settings
        self._client = httpx.AsyncClient(
            follow_redirects=True,
            max_redirects=s.max_redirects,
            timeout=httpx.Timeout(
                connect=s.connect_timeout, read=s.read_timeout, write=s.read_timeout, pool=None
            ),
            # Our own semaphores do the limiting; the pool just must not be the bottleneck.
            limits=httpx.Limits(max_connections=s.overall, max_keepalive_connections=s.overall),
            headers={
                "User-Agent": USER_AGENT,
                "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,"
                "application/feed+json;q=0.9,*/*;q=0.8",
                "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.5",
            },
            # The user's proxy settings are honoured, but never a .netrc's credentials.
            trust_env=True,
        )
        self._overall = asyncio.Semaphore(s.overall)
        self._per_host: dict[str, asyncio.Semaphore] = {}

    async def __aenter__(self) -> HttpClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._client.aclose()

    def _host_limit(self, url: str) -> asyncio.Semaphore:
        host = host_of(url)
        if host not in self._per_host:
            self._per_host[host] = asyncio.Semaphore(self.settings.per_host)
        return self._per_host[host]

    async def get(self, url: str, headers: Mapping[str, str] | None = None) -> Response:
        """GET `url` with retries; a 2xx or 304 comes back, anything else raises FetchError."""
        attempt = 0
        while True:
            try:
                async with self._host_limit(url), self._overall:
                    return await self._get_once(url, headers)
            except FetchError as error:
                if not error.retryable or attempt >= self.settings.retries:
                    raise
                delay = self._retry_delay(error, attempt)
                if delay is None:
                    raise
            attempt += 1
            await asyncio.sleep(delay)

    def _retry_delay(self, error: FetchError, attempt: int) -> float | None:
        if error.retry_after is not None:
            if error.retry_after > self.settings.max_retry_after:
                return None  # the server asks for longer than we are willing to wait
            return error.retry_after
        base = self.settings.backoff * (2**attempt)
        return base * random.uniform(0.8, 1.2)  # jitter spreads out simultaneous retries

    async def _get_once(self, url: str, headers: Mapping[str, str] | None) -> Response:
        total = self.settings.total_timeout
        try:
            async with asyncio.timeout(total):
                return await self._stream(url, headers)
        except TimeoutError:
            raise FetchError(f"timed out after {seconds_text(total)}") from None
        except httpx.HTTPError as error:
            raise _describe_transport_error(error, self.settings) from None
        except httpx.InvalidURL:
            raise FetchError("not a valid address") from None

    async def _stream(self, url: str, headers: Mapping[str, str] | None) -> Response:
        limit = self.settings.max_bytes
        async with self._client.stream("GET", url, headers=dict(headers or {})) as response:
            status = response.status_code
            if status >= 400 or (300 <= status < 400 and status != 304):
                retry_after = parse_retry_after(response.headers.get("retry-after"))
                cause = status_text(status, response.reason_phrase)
                if status in _RETRY_STATUSES:
                    raise FetchError(cause, retryable=True, retry_after=retry_after)
                raise FetchError(cause)
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit:
                raise FetchError(f"page larger than {size_text(limit)}")
            chunks: list[bytes] = []
            received = 0
            # Decompressed bytes are counted, so a small gzip bomb cannot get past the cap.
            async for chunk in response.aiter_bytes():
                received += len(chunk)
                if received > limit:
                    raise FetchError(f"page larger than {size_text(limit)}")
                chunks.append(chunk)
            return Response(
                url=str(response.url),
                status=status,
                headers={k.lower(): v for k, v in response.headers.items()},
                body=b"".join(chunks),
            )
