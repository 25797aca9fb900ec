"""`import courtlistener --docket` against real HTTP servers on loopback, never the network.

The API runs on 127.0.0.1; a second server on 127.0.0.2 plays "another host" (Linux routes all
of 127.0.0.0/8 to the loopback interface). Each test asserts what the user sees (the exact
error line, the exit code) and that the events file is byte for byte as it was on failure.
"""

from __future__ import annotations

import json
import socket
import ssl
import struct
import subprocess
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

from conftest import DATA
from timeline.importers import http as web

CL = DATA / "courtlistener"
DOCKET = "4214664"
QUERY = f"?docket={DOCKET}&order_by=recap_sequence_number"
CURSOR = f"?cursor=cD0yMDIy&docket={DOCKET}"
REFUSED = "refused (requests and the token go only to the API's origin)"
TOKEN = {"COURTLISTENER_TOKEN": "tok"}

BASE = """\
sources:
  docket: {title: The docket, url: "https://www.courtlistener.com/docket/4214664/x/"}
cases:
  nvlsp:
    title: NVLSP v. United States
    timezone: America/New_York
events:
  - id: start
    date: 2016-04-21
    case: nvlsp
    kind: filing
    title: Complaint
    sources: [docket]
"""

Respond = Callable[["Handler"], None]


class Handler(BaseHTTPRequestHandler):
    """Record every request, then answer it with the test's ``respond``."""

    server: "Server"
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        self.server.seen.append(Request(self.path, dict(self.headers.items())))
        self.server.respond(self)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass  # keep the test output clean


@dataclass(frozen=True)
class Request:
    path: str
    headers: dict[str, str]


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, host: str) -> None:
        super().__init__((host, 0), Handler)
        self.seen: list[Request] = []
        self.respond: Respond = lambda h: send(h, 404, b"{}")
        self.stop = threading.Event()  # trickling handlers give up when the test ends

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that hangs up mid-answer is part of these tests, not a failure

    @property
    def origin(self) -> str:
        return f"http://{self.server_address[0]}:{self.server_address[1]}"

    @property
    def api(self) -> str:
        return f"{self.origin}/api/rest/v4/"

    @property
    def first(self) -> str:
        return f"{self.api}docket-entries/{QUERY}"


@dataclass
class Servers:
    api: Server
    other: Server
    threads: list[threading.Thread] = field(default_factory=list)


@pytest.fixture
def servers() -> Iterator[Servers]:
    pair = Servers(Server("127.0.0.1"), Server("127.0.0.2"))
    for server in (pair.api, pair.other):
        thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
        thread.start()
        pair.threads.append(thread)
    yield pair
    for server in (pair.api, pair.other):
        server.stop.set()
        server.shutdown()
        server.server_close()
    for thread in pair.threads:
        thread.join(timeout=5)


def send(handler: BaseHTTPRequestHandler, status: int, body: bytes,
         headers: dict[str, str] | None = None, length: int | None = None) -> None:  # fmt: skip
    handler.send_response(status)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(body) if length is None else length))
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.end_headers()
    handler.wfile.write(body)
    handler.wfile.flush()


def page(name: str, next_url: str | None) -> bytes:
    document = json.loads((CL / name).read_text())
    document["next"] = next_url
    return json.dumps(document).encode()


def two_pages(server: Server, next_url: str | None = None) -> Respond:
    """The docket's two pages, the first pointing at the second (or at ``next_url``)."""

    def respond(h: BaseHTTPRequestHandler) -> None:
        if h.path == f"/api/rest/v4/docket-entries/{QUERY}":
            send(h, 200, page("v4_page1.json", next_url or server.api + "docket-entries/" + CURSOR))
        elif h.path == f"/api/rest/v4/docket-entries/{CURSOR}":
            send(h, 200, page("v4_page2.json", None))
        else:
            send(h, 404, b'{"detail": "Not found."}')

    return respond


def fetch(run, server: Server, *extra: str, token: str | None = "tok"):  # type: ignore[no-untyped-def]
    env = {"COURTLISTENER_TOKEN": token} if token else {"COURTLISTENER_TOKEN": ""}
    return run("import", "courtlistener", "--docket", DOCKET, "--case", "nvlsp",
               "--api-url", server.api, *extra, env=env)  # fmt: skip


def failed(result, path: Path, line: str) -> None:  # type: ignore[no-untyped-def]
    """One error line, exit 4 (the docket could not be read), the file untouched."""
    assert result.stderr == f"timeline: error: {line}\n"
    assert result.exit_code == 4
    assert result.stdout == ""
    assert path.read_bytes() == BASE.encode()


def authorizations(server: Server) -> list[str | None]:
    return [request.headers.get("Authorization") for request in server.seen]


# Paging and the origin rule ---------------------------------------------------------------


def test_fetch_pages_never_follows_a_lookalike_next_link() -> None:
    # The review's leak, without a server: "https://www.courtlistener.com.evil.test" passed a
    # prefix check against "https://www.courtlistener.com" and got the token.
    from timeline.importers import courtlistener as cl

    first = json.loads((CL / "v4_page1.json").read_text())
    first["next"] = "https://www.courtlistener.com.evil.test/api/rest/v4/docket-entries/?cursor=x"
    asked: list[str] = []

    def fetch_(url: str, headers: Any) -> Any:
        asked.append(url)
        return first

    with pytest.raises(web.FetchError) as refused:
        cl.fetch_pages(DOCKET, "secret", fetch_)
    assert str(refused.value) == (
        f"{cl.API}{QUERY}: the next link leads to https://www.courtlistener.com.evil.test, not "
        f"https://www.courtlistener.com; {REFUSED}"
    )
    assert asked == [f"{cl.API}{QUERY}"]


def test_paging_by_cursor_end_to_end(run, write, servers: Servers) -> None:  # type: ignore[no-untyped-def]
    write(BASE)
    servers.api.respond = two_pages(servers.api)
    result = fetch(run, servers.api, "--source", "docket")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "events.yaml: 2 new, 0 already present.\n"
    assert [r.path for r in servers.api.seen] == [
        f"/api/rest/v4/docket-entries/{QUERY}", f"/api/rest/v4/docket-entries/{CURSOR}",
    ]  # fmt: skip
    assert authorizations(servers.api) == ["Token tok", "Token tok"]
    again = fetch(run, servers.api, "--source", "docket")
    assert again.stdout == "events.yaml: 0 new, 2 already present.\n"


def test_a_next_link_to_another_host_is_refused_and_gets_no_token(run, write, servers) -> None:  # type: ignore[no-untyped-def]
    path = write(BASE)
    evil = servers.other.api + "docket-entries/" + CURSOR
    servers.api.respond = two_pages(servers.api, next_url=evil)
    servers.other.respond = two_pages(servers.other)
    result = fetch(run, servers.api)
    failed(result, path, f"{servers.api.first}: the next link leads to {servers.other.origin}, "
                         f"not {servers.api.origin}; {REFUSED}")  # fmt: skip
    assert servers.other.seen == []  # not asked at all, so the token never got there


def test_a_next_link_to_a_lookalike_host_is_refused(run, write, servers) -> None:  # type: ignore[no-untyped-def]
    # The leak in the review: a prefix check let www.courtlistener.com.evil.test through.
    path = write(BASE)
    port = servers.api.server_address[1]
    lookalike = f"http://127.0.0.1.evil.test:{port}/api/rest/v4/docket-entries/{CURSOR}"
    servers.api.respond = two_pages(servers.api, next_url=lookalike)
    result = fetch(run, servers.api)
    lookalike_origin = f"http://127.0.0.1.evil.test:{port}"
    failed(result, path, f"{servers.api.first}: the next link leads to {lookalike_origin}, "
                         f"not {servers.api.origin}; {REFUSED}")  # fmt: skip


def test_a_next_link_over_another_scheme_is_refused(run, write, servers) -> None:  # type: ignore[no-untyped-def]
    path = write(BASE)
    port = servers.api.server_address[1]
    servers.api.respond = two_pages(servers.api, next_url=f"https://127.0.0.1:{port}/x/{CURSOR}")
    result = fetch(run, servers.api)
    failed(result, path, f"{servers.api.first}: the next link leads to https://127.0.0.1:{port}, "
                         f"not {servers.api.origin}; {REFUSED}")  # fmt: skip


def test_a_redirect_to_another_host_is_refused_and_gets_no_token(run, write, servers) -> None:  # type: ignore[no-untyped-def]
    path = write(BASE)
    target = servers.other.first
    servers.api.respond = lambda h: send(h, 302, b"", {"Location": target})
    servers.other.respond = two_pages(servers.other)
    result = fetch(run, servers.api)
    failed(result, path, f"{servers.api.first}: redirected to {servers.other.origin}, "
                         f"not {servers.api.origin}; {REFUSED}")  # fmt: skip
    assert servers.other.seen == []
    assert authorizations(servers.api) == ["Token tok"]


@pytest.mark.parametrize("status", [301, 303, 307, 308])
def test_every_redirect_status_keeps_to_the_origin(run, write, servers, status: int) -> None:  # type: ignore[no-untyped-def]
    path = write(BASE)
    servers.api.respond = lambda h: send(h, status, b"", {"Location": servers.other.first})
    result = fetch(run, servers.api)
    failed(result, path, f"{servers.api.first}: redirected to {servers.other.origin}, "
                         f"not {servers.api.origin}; {REFUSED}")  # fmt: skip
    assert servers.other.seen == []


def test_a_same_origin_redirect_is_followed(run, write, servers: Servers) -> None:  # type: ignore[no-untyped-def]
    write(BASE)
    pages = two_pages(servers.api)

    def respond(h: BaseHTTPRequestHandler) -> None:
        if h.path.startswith("/old/"):
            send(h, 301, b"", {"Location": h.path.replace("/old/", "/api/rest/v4/", 1)})
        else:
            pages(h)

    servers.api.respond = respond
    result = run("import", "courtlistener", "--docket", DOCKET, "--case", "nvlsp",
                 "--api-url", servers.api.origin + "/old", env=TOKEN)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "events.yaml: 2 new, 0 already present.\n"
    assert [r.path for r in servers.api.seen] == [
        f"/old/docket-entries/{QUERY}", f"/api/rest/v4/docket-entries/{QUERY}",
        f"/api/rest/v4/docket-entries/{CURSOR}",
    ]  # fmt: skip
    assert authorizations(servers.api) == ["Token tok"] * 3


def test_a_redirect_loop_stops(run, write, servers: Servers) -> None:  # type: ignore[no-untyped-def]
    path = write(BASE)
    servers.api.respond = lambda h: send(h, 302, b"", {"Location": h.path})
    result = fetch(run, servers.api)
    failed(result, path, f"{servers.api.first}: more than 5 redirects; stopped")


# Retries ---------------------------------------------------------------------------------


def test_429_with_retry_after_then_200_succeeds(run, write, servers: Servers) -> None:  # type: ignore[no-untyped-def]
    write(BASE)
    pages = two_pages(servers.api)
    answered = []

    def respond(h: BaseHTTPRequestHandler) -> None:
        answered.append(h.path)
        if len(answered) == 1:
            send(h, 429, b'{"detail": "slow down"}', {"Retry-After": "1"})
        else:
            pages(h)

    servers.api.respond = respond
    started = time.monotonic()
    result = fetch(run, servers.api)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "events.yaml: 2 new, 0 already present.\n"
    assert time.monotonic() - started >= 1.0  # Retry-After was honoured
    assert [r.path for r in servers.api.seen][:2] == [f"/api/rest/v4/docket-entries/{QUERY}"] * 2


def test_retry_after_as_an_http_date_is_honoured(run, write, servers, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    write(BASE)
    waits: list[float] = []
    monkeypatch.setattr(web, "_sleep", waits.append)
    pages = two_pages(servers.api)
    answered = []

    def respond(h: BaseHTTPRequestHandler) -> None:
        answered.append(h.path)
        if len(answered) == 1:  # the server's own clock says it is 12:00:00; come back at :07
            h.date_time_string = lambda *_: "Tue, 01 Dec 2026 12:00:00 GMT"  # type: ignore
            send(h, 503, b"", {"Retry-After": "Tue, 01 Dec 2026 12:00:07 GMT"})
        else:
            pages(h)

    servers.api.respond = respond
    result = fetch(run, servers.api)
    assert result.exit_code == 0, result.stderr
    assert waits == [7.0]


def test_5xx_beyond_the_bound_fails_after_backing_off(run, write, servers, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = write(BASE)
    waits: list[float] = []
    monkeypatch.setattr(web, "_sleep", waits.append)
    servers.api.respond = lambda h: send(h, 500, b"oops")
    result = fetch(run, servers.api)
    failed(result, path,
           f"{servers.api.first}: the server still answered 500 Internal Server Error after 4 "
           "tries; giving up")
    assert len(servers.api.seen) == 4
    assert waits == [1.0, 2.0, 4.0]  # exponential backoff with no Retry-After


def test_a_retry_after_beyond_the_cap_gives_up_at_once(run, write, servers, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = write(BASE)
    waits: list[float] = []
    monkeypatch.setattr(web, "_sleep", waits.append)
    servers.api.respond = lambda h: send(h, 429, b"", {"Retry-After": "3600"})
    result = fetch(run, servers.api)
    failed(result, path, f"{servers.api.first}: the server answered 429 Too Many Requests and "
                         "asked to wait 3600 s (more than 60 s); try again later")  # fmt: skip
    assert waits == []
    assert len(servers.api.seen) == 1


def test_an_unauthorized_answer_is_not_retried_and_hints_at_the_token(run, write, servers) -> None:  # type: ignore[no-untyped-def]
    path = write(BASE)
    servers.api.respond = lambda h: send(h, 401, b'{"detail": "Invalid token."}')
    result = fetch(run, servers.api)
    failed(result, path, f"{servers.api.first}: the server answered 401 Unauthorized "
                         "(check --token or COURTLISTENER_TOKEN)")  # fmt: skip
    assert len(servers.api.seen) == 1


# Transport failures -------------------------------------------------------------------------


def test_a_response_over_the_size_cap_is_refused(run, write, servers: Servers) -> None:  # type: ignore[no-untyped-def]
    path = write(BASE)
    servers.api.respond = lambda h: send(h, 200, b"[", length=web.MAX_BYTES + 1)
    result = fetch(run, servers.api)
    failed(result, path, f"{servers.api.first}: the answer is larger than 20 MiB; refused")


def test_a_response_with_no_length_is_cut_at_the_size_cap(run, write, servers: Servers) -> None:  # type: ignore[no-untyped-def]
    path = write(BASE)

    def respond(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Connection", "close")  # no length: the body ends when the connection does
        h.end_headers()
        chunk = b" " * 65536
        try:
            for _ in range(web.MAX_BYTES // len(chunk) + 2):
                h.wfile.write(chunk)
        except OSError:
            pass  # the client stopped reading at the cap
        h.close_connection = True

    servers.api.respond = respond
    result = fetch(run, servers.api)
    failed(result, path, f"{servers.api.first}: the answer is larger than 20 MiB; refused")


def test_a_truncated_body_is_one_line(run, write, servers: Servers) -> None:  # type: ignore[no-untyped-def]
    path = write(BASE)

    def respond(h: BaseHTTPRequestHandler) -> None:
        send(h, 200, b'{"count": 2, "next": null, "res', length=1000)
        h.close_connection = True

    servers.api.respond = respond
    result = fetch(run, servers.api)
    failed(result, path, f"{servers.api.first}: the connection closed after 31 of 1000 bytes")


def test_a_trickling_server_hits_the_overall_deadline(run, write, servers: Servers) -> None:  # type: ignore[no-untyped-def]
    path = write(BASE)

    def respond(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Length", "100000")
        h.end_headers()
        try:  # a byte every 0.1 s: no single read ever times out
            while not h.server.stop.wait(0.1):  # type: ignore[attr-defined]
                h.wfile.write(b" ")
                h.wfile.flush()
        except OSError:
            pass

    servers.api.respond = respond
    started = time.monotonic()
    result = fetch(run, servers.api, "--timeout", "1")
    elapsed = time.monotonic() - started
    failed(result, path, f"{servers.api.first}: no complete answer within 1 s (--timeout); stopped")
    assert elapsed < 10  # far below the 30 s read timeout and the hours the trickle would take


def test_invalid_json_is_one_line(run, write, servers: Servers) -> None:  # type: ignore[no-untyped-def]
    path = write(BASE)
    servers.api.respond = lambda h: send(h, 200, b'{"results": [\n')
    result = fetch(run, servers.api)
    failed(result, path, f"{servers.api.first}: not valid JSON at line 2, column 1: "
                         "Expecting value")  # fmt: skip


def test_an_answer_that_is_not_a_page_is_one_line(run, write, servers: Servers) -> None:  # type: ignore[no-untyped-def]
    path = write(BASE)
    servers.api.respond = lambda h: send(h, 200, b'{"detail": "nothing here"}')
    result = fetch(run, servers.api)
    failed(result, path, f"{servers.api.first}: the answer is not a page of docket entries")


def test_a_refused_connection_is_one_line(run, write) -> None:  # type: ignore[no-untyped-def]
    path = write(BASE)
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    api = f"http://127.0.0.1:{port}/api/rest/v4/"
    result = run("import", "courtlistener", "--docket", DOCKET, "--case", "nvlsp",
                 "--api-url", api, env=TOKEN)  # fmt: skip
    failed(result, path, f"{api}docket-entries/{QUERY}: cannot connect: Connection refused")


def test_a_reset_connection_is_one_line(run, write, servers: Servers) -> None:  # type: ignore[no-untyped-def]
    path = write(BASE)

    def respond(h: BaseHTTPRequestHandler) -> None:
        # SO_LINGER on with 0 s: close() sends a reset (RST), so the client's read fails at once.
        h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        h.connection.close()
        h.close_connection = True

    servers.api.respond = respond
    result = fetch(run, servers.api)
    failed(result, path, f"{servers.api.first}: the connection failed: Connection reset by peer")


def test_a_connection_closed_before_an_answer_is_one_line(run, write, servers) -> None:  # type: ignore[no-untyped-def]
    path = write(BASE)

    def respond(h: BaseHTTPRequestHandler) -> None:
        h.close_connection = True  # hang up, answering nothing

    servers.api.respond = respond
    result = fetch(run, servers.api)
    failed(result, path, f"{servers.api.first}: the connection closed before an answer")


def test_a_tls_failure_is_one_line(run, write, servers: Servers) -> None:  # type: ignore[no-untyped-def]
    path = write(BASE)  # https to a server that speaks plain http: the handshake fails
    api = "https" + servers.api.api.removeprefix("http")
    result = run("import", "courtlistener", "--docket", DOCKET, "--case", "nvlsp",
                 "--api-url", api, env=TOKEN)  # fmt: skip
    assert result.exit_code == 4
    assert result.stderr.startswith(f"timeline: error: {api}docket-entries/{QUERY}: TLS failed: ")
    assert len(result.stderr.splitlines()) == 1
    assert "tok" not in result.stderr
    assert path.read_bytes() == BASE.encode()


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, made for these tests (no key in the repo)."""
    from clients import program

    program("openssl")  # fails on CI, skips elsewhere, when it is missing
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


@pytest.fixture
def tls_server(certificate: tuple[Path, Path]) -> Iterator[tuple[Server, Path]]:
    """An https API on 127.0.0.1 with that certificate."""
    cert, key = certificate
    server = Server("127.0.0.1")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    yield server, cert
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def test_an_untrusted_certificate_is_refused(run, write, tls_server) -> None:  # type: ignore[no-untyped-def]
    path = write(BASE)
    server, _cert = tls_server
    api = "https" + server.api.removeprefix("http")
    result = run("import", "courtlistener", "--docket", DOCKET, "--case", "nvlsp",
                 "--api-url", api, env=TOKEN)  # fmt: skip
    failed(result, path, f"{api}docket-entries/{QUERY}: TLS failed: self-signed certificate")
    assert server.seen == []  # the handshake failed: no request, no token


def test_https_end_to_end_with_a_trusted_certificate(run, write, tls_server) -> None:  # type: ignore[no-untyped-def]
    write(BASE)
    server, cert = tls_server
    api = "https" + server.api.removeprefix("http")
    # The next link the pages give is http: on another scheme, so refused; give it https.
    server.respond = two_pages(server, next_url=f"{api}docket-entries/{CURSOR}")
    result = run("import", "courtlistener", "--docket", DOCKET, "--case", "nvlsp",
                 "--api-url", api,
                 env={"COURTLISTENER_TOKEN": "tok", "SSL_CERT_FILE": str(cert)})  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "events.yaml: 2 new, 0 already present.\n"
    assert authorizations(server) == ["Token tok", "Token tok"]


# The API's address and the token ------------------------------------------------------------


def test_the_environment_names_the_api_and_the_option_beats_it(run, write, servers) -> None:  # type: ignore[no-untyped-def]
    write(BASE)
    servers.api.respond = two_pages(servers.api)
    servers.other.respond = two_pages(servers.other)
    from_env = run("import", "courtlistener", "--docket", DOCKET, "--case", "nvlsp",
                   env={"COURTLISTENER_API": servers.other.api, **TOKEN})  # fmt: skip
    assert from_env.exit_code == 0, from_env.stderr
    assert len(servers.other.seen) == 2
    servers.other.seen.clear()
    both = run("import", "courtlistener", "--docket", DOCKET, "--case", "nvlsp",
               "--api-url", servers.api.api,
               env={"COURTLISTENER_API": servers.other.api, **TOKEN})  # fmt: skip
    assert both.exit_code == 0, both.stderr
    assert both.stdout == "events.yaml: 0 new, 2 already present.\n"
    assert len(servers.api.seen) == 2
    assert servers.other.seen == []


def test_without_a_token_no_authorization_is_sent(run, write, servers: Servers) -> None:  # type: ignore[no-untyped-def]
    write(BASE)
    servers.api.respond = two_pages(servers.api)
    result = fetch(run, servers.api, token=None)
    assert result.exit_code == 0, result.stderr
    assert authorizations(servers.api) == [None, None]


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://127.0.0.1/api/", "--api-url: 'ftp://127.0.0.1/api/' is not an http or https URL"),
        ("https:///api/", "--api-url: 'https:///api/' has no host"),
        ("www.courtlistener.com/api", "--api-url: 'www.courtlistener.com/api' is not an http or "
                                      "https URL"),
        ("https://127.0.0.1:99999/", "--api-url: 'https://127.0.0.1:99999/' has a bad port"),
        ("https://me:secret@127.0.0.1/", "--api-url: a URL with a user or password; give the "
                                         "token with --token or COURTLISTENER_TOKEN"),
        ("https://127.0.0.1/api/?x=1", "--api-url: 'https://127.0.0.1/api/?x=1' has a query or "
                                       "fragment; give the API's base URL"),
        ("http://courtlistener.example/api/", "--api-url: 'http://courtlistener.example/api/' "
         "would send the token unencrypted; use https (plain http only to a loopback host: "
         "localhost, 127.0.0.0/8, ::1)"),
    ],
)  # fmt: skip
def test_a_bad_api_url_is_a_usage_error(run, write, url: str, message: str) -> None:  # type: ignore[no-untyped-def]
    path = write(BASE)
    result = run("import", "courtlistener", "--docket", DOCKET, "--case", "nvlsp",
                 "--api-url", url, env=TOKEN)  # fmt: skip
    assert result.stderr == f"timeline: error: {message}\n"
    assert result.exit_code == 2
    assert path.read_bytes() == BASE.encode()


def test_plain_http_is_refused_only_with_a_token() -> None:
    # Nothing secret to lose without a token; with one, only loopback may be plain http.
    from timeline.cli.importer import _api_base

    assert _api_base("http://courtlistener.example/api", with_token=False) == (
        "http://courtlistener.example/api/"
    )
    for loopback in ("http://localhost:8000/api/", "http://127.0.0.2/api/", "http://[::1]/api/"):
        assert _api_base(loopback, with_token=True) == loopback


def test_the_token_is_never_printed(run, write, servers: Servers) -> None:  # type: ignore[no-untyped-def]
    path = write(BASE)
    secret = "s3cr3t-t0ken"
    helped = run("import", "courtlistener", "--help", env={"COURTLISTENER_TOKEN": secret})
    assert helped.exit_code == 0
    assert "--api-url" in helped.stdout and "COURTLISTENER_API" in helped.stdout
    assert secret not in helped.stdout + helped.stderr
    servers.api.respond = lambda h: send(h, 403, b"{}")
    denied = run("import", "courtlistener", "--docket", DOCKET, "--case", "nvlsp",
                 "--api-url", servers.api.api, env={"COURTLISTENER_TOKEN": secret})  # fmt: skip
    assert denied.exit_code == 4
    assert secret not in denied.stdout + denied.stderr
    # A token that cannot go in a header is refused without being echoed.
    bad = run("import", "courtlistener", "--docket", DOCKET, "--case", "nvlsp",
              "--api-url", servers.api.api,
              env={"COURTLISTENER_TOKEN": secret + "\nX-Evil: 1"})  # fmt: skip
    assert bad.stderr == ("timeline: error: --token: not a CourtListener token (letters, digits "
                          "and punctuation only)\n")  # fmt: skip
    assert bad.exit_code == 2
    assert path.read_bytes() == BASE.encode()


def test_a_next_link_that_repeats_a_page_stops(run, write, servers: Servers) -> None:  # type: ignore[no-untyped-def]
    path = write(BASE)
    servers.api.respond = two_pages(servers.api, next_url=servers.api.first)
    result = fetch(run, servers.api)
    failed(result, path, f"{servers.api.first}: the next link repeats an earlier page; stopped")
    assert len(servers.api.seen) == 1


@pytest.mark.parametrize("seconds", ["nan", "inf", "0.5", "90000"])
def test_a_timeout_off_the_range_is_a_usage_error(run, write, servers, seconds: str) -> None:  # type: ignore[no-untyped-def]
    path = write(BASE)
    result = fetch(run, servers.api, "--timeout", seconds)
    assert result.stderr == (
        f"timeline: error: --timeout: '{seconds}' is not a number of seconds from 1 to 86400\n"
    )
    assert result.exit_code == 2
    assert servers.api.seen == []
    assert path.read_bytes() == BASE.encode()


def test_a_next_link_with_an_escape_sequence_never_reaches_the_terminal_raw(run, write, servers) -> None:  # type: ignore[no-untyped-def]
    # Same origin, so it is followed; the server's text then shows in the error line.
    path = write(BASE)
    servers.api.respond = two_pages(servers.api,
                                    next_url=servers.api.api + "docket-entries/?page=2\x1b]0;PWNED\x07")
    result = fetch(run, servers.api)
    assert result.exit_code == 4
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "\\x1b]0;PWNED\\x07" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert path.read_bytes() == BASE.encode()


def test_a_json_file_nested_too_deeply_is_one_line(run, write, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = write(BASE)
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000)
    result = run("import", "courtlistener", str(deep), "--case", "nvlsp", "-f", str(path))
    assert result.exit_code == 1
    assert result.stderr == f"timeline: error: {deep}: JSON nested too deeply to read\n"
    assert path.read_bytes() == BASE.encode()
