"""GET JSON from one origin: redirects only within it, bounded retries, a deadline, a size cap.

The caller's headers carry a token, so nothing here sends them anywhere but the origin (scheme,
host, port) the client was made for. Redirects are followed here, by hand: urllib's handler
would forward every header to whatever host a redirect names.
"""

from __future__ import annotations

import http.client
import json
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any, Callable, Mapping
from urllib.parse import urljoin, urlsplit

MAX_BYTES = 20 * 1024 * 1024  # the largest answer read; a docket page is a few hundred kB
ATTEMPTS = 4  # tries of one URL while the server answers 429 or 5xx
FIRST_BACKOFF = 1.0  # seconds; doubled after each try when the server names no Retry-After
MAX_WAIT = 60.0  # a longer Retry-After is not waited out: the user is told to come back
READ_TIMEOUT = 30.0  # seconds of silence on the socket before one read gives up
MAX_REDIRECTS = 5
CHUNK = 64 * 1024
REDIRECTS = frozenset({301, 302, 303, 307, 308})
DEFAULT_PORTS = {"http": 80, "https": 443}
REFUSED = "refused (requests and the token go only to the API's origin)"


Answer = tuple[int, str, Any, bytes]  # status, reason, headers, body


class FetchError(Exception):
    """A GET that failed, as one line that names the URL (never a header)."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Origin:
    scheme: str
    host: str
    port: int

    def __str__(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        port = "" if DEFAULT_PORTS[self.scheme] == self.port else f":{self.port}"
        return f"{self.scheme}://{shown(host)}{port}"


def origin_of(url: str) -> Origin:
    """The scheme, host and port ``url`` talks to; ValueError if it is not an http(s) URL."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        raise ValueError("is not an http or https URL")
    if not parts.hostname:
        raise ValueError("has no host")
    try:
        port = parts.port
    except ValueError:
        raise ValueError("has a bad port") from None
    return Origin(scheme, parts.hostname, port or DEFAULT_PORTS[scheme])


def require_origin(origin: Origin, target: str, leads: str, url: str) -> None:
    """Refuse ``target`` (a next link, a redirect) unless it is on ``origin``."""
    try:
        other = origin_of(target)
    except ValueError:
        raise FetchError(f"{url}: {leads} a URL that is not http or https; {REFUSED}") from None
    if other != origin:
        raise FetchError(f"{url}: {leads} {other}, not {origin}; {REFUSED}")


def shown(text: str) -> str:
    """``text`` with control characters escaped: a server's words never drive the terminal."""
    from timeline.visible import visible

    return visible(text)


def _sleep(seconds: float) -> None:
    time.sleep(seconds)  # a module-level name, so that tests can make the waits instant


class Client:
    """GETs from one origin, all within one deadline counted from the client's creation."""

    def __init__(self, base: str, deadline: float, clock: Callable[[], float] = time.monotonic):
        self.origin = origin_of(base)
        self.deadline = deadline
        self.clock = clock
        self.ends = clock() + deadline

    def get_json(self, url: str, headers: Mapping[str, str]) -> Any:
        body = self.get(url, headers)
        try:
            return json.loads(body.decode("utf-8-sig", "replace"))
        except json.JSONDecodeError as exc:
            raise FetchError(
                f"{url}: not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
            ) from None
        except RecursionError:  # json's decoder recurses once a level
            raise FetchError(f"{url}: JSON nested too deeply to read") from None

    def get(self, url: str, headers: Mapping[str, str]) -> bytes:
        """The body of ``url``, retrying 429 and 5xx answers a bounded number of times."""
        require_origin(self.origin, url, "the URL leads to", url)
        for attempt in range(1, ATTEMPTS + 1):
            status, reason, answer, body = self._follow(url, headers)
            if 200 <= status < 300:
                return body
            said = f"{status} {shown(reason)}".strip()
            if status != 429 and not 500 <= status < 600:
                raise FetchError(f"{url}: the server answered {said}", status)
            if attempt == ATTEMPTS:
                raise FetchError(f"{url}: the server still answered {said} after {ATTEMPTS} "
                                 "tries; giving up", status)  # fmt: skip
            wait = retry_after(answer)
            if wait is None:
                wait = FIRST_BACKOFF * 2 ** (attempt - 1)
            elif wait > MAX_WAIT:
                raise FetchError(f"{url}: the server answered {said} and asked to wait "
                                 f"{round(wait)} s (more than {MAX_WAIT:g} s); try again later",
                                 status)  # fmt: skip
            if self.clock() + wait >= self.ends:
                raise self._late(url)
            _sleep(min(wait, MAX_WAIT))
        raise AssertionError("unreachable")  # pragma: no cover

    def _follow(self, url: str, headers: Mapping[str, str]) -> Answer:
        """One answer to ``url``, following redirects that stay on the origin."""
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            status, reason, answer, body = self._exchange(url, current, headers)
            if status not in REDIRECTS:
                return status, reason, answer, body
            location = answer.get("Location")
            if not location:
                raise FetchError(f"{url}: the server answered {status} with no Location", status)
            current = urljoin(current, location)
            require_origin(self.origin, current, "redirected to", url)
        raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects; stopped")

    def _exchange(self, url: str, current: str, headers: Mapping[str, str]) -> Answer:
        try:
            return self._once(url, current, headers)
        except FetchError:
            if self.clock() >= self.ends:  # the deadline cut the socket: say that, not EOF
                raise self._late(url) from None
            raise

    def _once(self, url: str, current: str, headers: Mapping[str, str]) -> Answer:
        """GET ``current`` on a fresh connection; every transport failure is a FetchError."""
        remaining = self.ends - self.clock()
        if remaining <= 0:
            raise self._late(url)
        timeout = min(READ_TIMEOUT, remaining)
        if self.origin.scheme == "https":
            connection: http.client.HTTPConnection = http.client.HTTPSConnection(
                self.origin.host, self.origin.port, timeout=timeout,
                context=ssl.create_default_context(),
            )  # fmt: skip
        else:
            connection = http.client.HTTPConnection(
                self.origin.host, self.origin.port, timeout=timeout
            )
        # Every read has its own timeout; this cuts the connection when the whole import is late.
        watchdog = threading.Timer(remaining, _cut, (connection,))
        watchdog.daemon = True
        stage = "cannot connect"
        try:
            watchdog.start()
            connection.connect()
            stage = "the connection failed"
            parts = urlsplit(current)
            target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            connection.request("GET", target, headers=dict(headers))
            response = connection.getresponse()
            wanted = 200 <= response.status < 300
            body = self._read(url, response) if wanted else b""
            return response.status, response.reason, response.headers, body
        except ssl.SSLError as exc:
            reason = getattr(exc, "verify_message", None) or exc.reason or exc
            raise FetchError(f"{url}: TLS failed: {shown(str(reason))}") from None
        except TimeoutError:
            raise FetchError(f"{url}: no answer for {timeout:g} s") from None
        except http.client.IncompleteRead:
            raise FetchError(f"{url}: the connection closed in the middle of the answer") from None
        except http.client.RemoteDisconnected:
            raise FetchError(f"{url}: the connection closed before an answer") from None
        except http.client.HTTPException as exc:
            raise FetchError(f"{url}: not an HTTP answer ({type(exc).__name__})") from None
        except OSError as exc:
            reason = exc.strerror or str(exc) or type(exc).__name__
            raise FetchError(f"{url}: {stage}: {shown(reason)}") from None
        except ValueError:  # its text may quote a header, and so the token: never shown
            raise FetchError(f"{url}: {stage} (ValueError)") from None
        finally:
            watchdog.cancel()
            connection.close()

    def _read(self, url: str, response: http.client.HTTPResponse) -> bytes:
        """The body, at most MAX_BYTES of it, read a chunk at a time so the deadline holds."""
        expected = response.length  # None when the answer is chunked or ends with the connection
        if expected is not None and expected > MAX_BYTES:
            raise self._too_large(url)
        chunks, got = [], 0
        while chunk := response.read1(CHUNK):
            got += len(chunk)
            if got > MAX_BYTES:
                raise self._too_large(url)
            if self.clock() >= self.ends:
                raise self._late(url)
            chunks.append(chunk)
        if expected is not None and got < expected:
            raise FetchError(f"{url}: the connection closed after {got} of {expected} bytes")
        return b"".join(chunks)

    def _late(self, url: str) -> FetchError:
        within = f"no complete answer within {self.deadline:g} s (--timeout)"
        return FetchError(f"{url}: {within}; stopped")

    def _too_large(self, url: str) -> FetchError:
        return FetchError(f"{url}: the answer is larger than {MAX_BYTES // 2**20} MiB; refused")


def _cut(connection: http.client.HTTPConnection) -> None:
    """Shut the socket so that a read blocked on it returns at once."""
    sock = connection.sock
    if sock is not None:
        try:
            socket.socket.shutdown(sock, socket.SHUT_RDWR)  # not SSLSocket's: it drops its state
        except OSError:
            pass


def retry_after(headers: Any, now: Callable[[], datetime] | None = None) -> float | None:
    """Seconds the server asked us to wait (``Retry-After``: seconds or an HTTP date), if any."""
    value = (headers.get("Retry-After") or "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    when = _http_date(value)
    if when is None:
        return None
    # Counted from the server's own Date when it sends one: its clock and ours may differ.
    base = _http_date(headers.get("Date") or "") or (now or _utc_now)()
    return max(0.0, (when - base).total_seconds())


def _http_date(text: str) -> datetime | None:
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)
