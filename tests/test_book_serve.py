"""drama serve: byte ranges as RFC 9110 answers them (206, 416, or the whole file), and a
feed whose links point elsewhere warned of."""
from __future__ import annotations

import http.client
import logging
import os
import socket
import struct
import threading
import time
from http.server import ThreadingHTTPServer

import pytest

from drama.book.feed import feed_base_url, feed_xml
from drama.book.serve import UNSATISFIABLE, byte_range, feed_elsewhere, make_server
from drama.cli import app

DATA = bytes(range(256)) * 4  # 1024 bytes, each byte telling its offset


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("book")
    (folder / "001-a.mp3").write_bytes(DATA)
    server = make_server(folder, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


def fetch(server, headers: dict, method: str = "GET"):
    conn = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=10)
    try:
        conn.request(method, "/001-a.mp3", headers=headers)
        r = conn.getresponse()
        return r.status, dict(r.getheaders()), r.read()
    finally:
        conn.close()


def test_the_folder_s_listing_links_only_what_is_served(tmp_path):
    """walk30: the listing at / linked a build's hidden files (`.001-….script.yaml.extracted`,
    `.001-….srt.written`), each answered 404."""
    import re
    (tmp_path / "001-a.mp3").write_bytes(DATA)
    (tmp_path / ".001-a.script.yaml.extracted").write_text("lines: []\n", encoding="utf-8")
    (tmp_path / ".001-a.srt.written").write_text("x\n", encoding="utf-8")
    server = make_server(tmp_path, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        def get(path: str):
            conn = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=10)
            try:
                conn.request("GET", path)
                r = conn.getresponse()
                return r.status, r.read()
            finally:
                conn.close()
        status, page = get("/")
        links = re.findall(r'href="([^"]+)"', page.decode())
        assert status == 200 and links == ["001-a.mp3"], page
        assert all(get("/" + link)[0] == 200 for link in links)
        assert get("/.001-a.srt.written")[0] == 404
        # fixes48: nor what a hidden folder holds (a .git's config), nor its listing
        (tmp_path / ".git").mkdir()
        (tmp_path / ".git" / "config").write_text("[remote]\n", encoding="utf-8")
        for path in ("/.git/config", "/.git/", "/.git", "/x/../.git/config", "/%2egit/config"):
            assert get(path)[0] == 404, path
    finally:
        server.shutdown()
        server.server_close()


def test_the_listing_links_no_link_out_of_the_folder_nor_a_pipe(tmp_path):
    """fixes49: the listing linked a link out of the folder (to a file, to a folder) and a
    pipe, each answered 404; it lists only what is served (a link inside is served)."""
    import re
    book, outside = tmp_path / "book", tmp_path / "outside"
    book.mkdir()
    outside.mkdir()
    (outside / "secret.txt").write_text("x\n", encoding="utf-8")
    (book / "001-a.mp3").write_bytes(DATA)
    (book / "out.txt").symlink_to(outside / "secret.txt")
    (book / "out").symlink_to(outside)
    (book / "again.mp3").symlink_to(book / "001-a.mp3")
    os.mkfifo(book / "pipe.mp3")
    server = make_server(book, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        conn = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=10)
        conn.request("GET", "/")
        page = conn.getresponse().read().decode()
        conn.close()
    finally:
        server.shutdown()
        server.server_close()
    assert re.findall(r'href="([^"]+)"', page) == ["001-a.mp3", "again.mp3"], page


@pytest.mark.parametrize("header, first, last", [
    ("bytes=10-19", 10, 19),
    ("bytes=1000-", 1000, 1023),
    ("bytes=1000-5000", 1000, 1023),  # a last byte past the end: up to the end
    ("bytes=-24", 1000, 1023),        # the last 24 bytes
    ("bytes=-5000", 0, 1023),         # more than there is: all of it
    ("BYTES=0-0", 0, 0),              # the unit is case-insensitive
    ("bytes= 10-19 ", 10, 19),
])
def test_one_satisfiable_range_is_answered_206(server, header, first, last):
    status, headers, body = fetch(server, {"Range": header})
    assert status == 206
    assert headers["Content-Range"] == f"bytes {first}-{last}/1024"
    assert body == DATA[first:last + 1] and headers["Content-Length"] == str(len(body))


@pytest.mark.parametrize("header", ["bytes=1024-", "bytes=5000-6000", "bytes=-0",
                                    "bytes=2000-, 3000-3100"])
def test_a_range_outside_the_file_is_answered_416(server, header):
    status, headers, body = fetch(server, {"Range": header})
    assert status == 416
    assert headers["Content-Range"] == "bytes */1024" and body == b""


@pytest.mark.parametrize("header", [
    "bytes=abc", "bytes=5-2", "bytes=-", "bytes=", "bytes", "bytes=1-2-3", "bytes=0x10-",
    "items=0-5",                       # a unit we do not know
    "bytes=0-1,5-6", "bytes=0-1, 2000-",  # several ranges: no multipart body, the whole file
])
def test_an_invalid_or_multiple_range_is_ignored_and_the_whole_file_sent(server, header):
    status, headers, body = fetch(server, {"Range": header})
    assert status == 200 and body == DATA
    assert "Content-Range" not in headers and headers["Content-Length"] == "1024"


def test_head_ignores_range_and_if_range_must_match(server):
    status, headers, body = fetch(server, {"Range": "bytes=10-19"}, method="HEAD")
    assert status == 200 and headers["Content-Length"] == "1024" and body == b""
    stamp = fetch(server, {})[1]["Last-Modified"]
    assert fetch(server, {"Range": "bytes=10-19", "If-Range": stamp})[0] == 206
    for other in ("Thu, 01 Jan 1970 00:00:00 GMT", '"some-etag"'):
        status, _, body = fetch(server, {"Range": "bytes=10-19", "If-Range": other})
        assert status == 200 and body == DATA


LONG = "9" * 5000
"""More digits than int() converts (4300)."""


@pytest.mark.parametrize("header, status, first", [
    (f"bytes={LONG}-", 416, None), (f"bytes=0-{LONG}", 206, 0), (f"bytes=-{LONG}", 206, 0),
    (f"bytes={'0' * 5000}10-19", 206, 10)])
def test_a_range_of_thousands_of_digits_is_answered_not_a_traceback(server, capfd, header,
                                                                     status, first):
    """fixes48: a byte position of more than 4300 digits made int() raise ValueError: a
    traceback on serve's terminal and the connection closed with no answer. Now it is past
    any file (a first byte there: 416; a last byte or a count: to the end); leading zeros
    are no digits of its size."""
    got, headers, _ = fetch(server, {"Range": header})
    assert got == status
    if first is not None:
        assert headers["Content-Range"].startswith(f"bytes {first}-")
    assert "Traceback" not in capfd.readouterr().err


def test_byte_range_of_an_empty_file_is_the_whole_file():
    assert byte_range("bytes=0-10", 0) is None
    assert byte_range("bytes=0-10", 5) == (0, 4)
    assert byte_range("bytes=10-", 5) == UNSATISFIABLE


def write_feed(folder, feed_url: str, episodes: int = 1) -> None:
    """folder/feed.xml as `drama build --feed-url feed_url` writes it."""
    names = [f"{n:03d}-{letter}" for n, letter in zip(range(1, episodes + 1), "abc")]
    index = {"book": {"title": "River Days", "slug": "river"},
             "episodes": [{"name": name, "title": name, "number": n, "duration": 4.0,
                           "feed_file": f"{name}.mp3", "files": {f"{name}.mp3": 1024}}
                          for n, name in enumerate(names, 1)]}
    (folder / "feed.xml").write_text(feed_xml(index, feed_base_url(feed_url)),
                                     encoding="utf-8")


@pytest.mark.parametrize("feed_url, host, port", [
    ("http://127.0.0.1:8000", "127.0.0.1", 8000),
    ("http://localhost:8000/", "127.0.0.1", 8000),
    ("http://192.168.1.20:8000", "0.0.0.0", 8000),
    ("http://my-laptop.local:8000", "0.0.0.0", 8000),
    ("http://my-laptop.local:8000", "192.168.1.20", 8000),  # a name is not looked up
    ("http://192.168.1.20", "0.0.0.0", 80),
    ("http://[::1]:8000", "::1", 8000),
])
def test_a_feed_whose_links_lead_here_is_not_warned_of(tmp_path, feed_url, host, port):
    write_feed(tmp_path, feed_url)
    assert feed_elsewhere(tmp_path, host, port) is None


@pytest.mark.parametrize("feed_url, host, port, what", [
    ("http://192.168.1.20:8000", "127.0.0.1", 8000,
     "127.0.0.1 is this machine alone: serve with --host 0.0.0.0 for the other devices of "
     "the network."),
    ("http://my-laptop.local:8000", "localhost", 8000,
     "localhost is this machine alone: serve with --host 0.0.0.0 for the other devices of "
     "the network."),
    ("http://192.168.1.20:8000", "0.0.0.0", 8001,
     "Serve with --port 8000, or build again with --feed-url http://192.168.1.20:8001."),
    ("http://192.168.1.20", "0.0.0.0", 8000,
     "Serve with --port 80, or build again with --feed-url http://192.168.1.20:8000."),
    ("http://192.168.1.20:8000", "192.168.1.30", 8000,
     "Serve with --host 192.168.1.20 (or --host 0.0.0.0)."),
    ("https://192.168.1.20:8000", "0.0.0.0", 8000,
     "It speaks http, not https: build again with --feed-url http://192.168.1.20:8000."),
    ("http://192.168.1.20:8000/books/river", "0.0.0.0", 8000,
     "It serves the folder at /, not at /books/river/: build again with --feed-url "
     "http://192.168.1.20:8000."),
])
def test_a_feed_whose_links_lead_elsewhere_says_why_and_what_to_do(tmp_path, feed_url, host,
                                                                   port, what):
    write_feed(tmp_path, feed_url)
    said = feed_elsewhere(tmp_path, host, port)
    assert said is not None and said.endswith(f"unless a proxy answers there. {what}")
    base = feed_base_url(feed_url).rstrip("/")
    assert said.startswith(f"feed.xml's episode links point at {base}/, not at this server "
                           f"(http://")


@pytest.mark.parametrize("enclosure, at", [
    ('url="http://[::1/001-a.mp3"', "http://[::1/"),
    ('url="http://h:99999/001-a.mp3"', "http://h:99999/"),
    ('url="http://h:x/001-a.mp3"', "http://h:x/"), ('url="001-a.mp3"', "001-a.mp3"),
    ("", "no address (an enclosure without url)")])
def test_a_feed_link_that_is_no_address_is_warned_of_not_a_traceback(tmp_path, enclosure, at):
    """fixes49: a hand-edited feed.xml whose link urlsplit refuses (`http://[::1/...`) made
    `drama serve` a traceback; a port past 65535 was advised as "Serve with --port 0"; an
    enclosure without url read "It speaks http, not :". Each is said to be no address."""
    (tmp_path / "feed.xml").write_text(f"<rss><channel><item><enclosure {enclosure}/></item>"
                                       "</channel></rss>", encoding="utf-8")
    said = feed_elsewhere(tmp_path, "127.0.0.1", 8000)
    assert said == (f"feed.xml's episode links point at {at}, not at this server "
                    "(http://127.0.0.1:8000/), so a podcast app will not find the episodes "
                    "unless a proxy answers there. It is no address a podcast app can fetch: "
                    "build again with --feed-url http://127.0.0.1:8000."), said


def test_no_feed_or_a_feed_that_is_no_xml_is_not_warned_of(tmp_path):
    assert feed_elsewhere(tmp_path, "127.0.0.1", 8000) is None
    (tmp_path / "feed.xml").write_text("<rss><channel>", encoding="utf-8")
    assert feed_elsewhere(tmp_path, "127.0.0.1", 8000) is None


def test_serve_warns_once_of_a_feed_whose_links_point_elsewhere(runner, tmp_path, monkeypatch,
                                                                caplog):
    """ux29: a book built with --feed-url http://192.168.1.20:8000 and served as `drama serve
    FOLDER` (on 127.0.0.1) gave a feed no other device could fetch an episode of, unsaid."""
    def stop(self, *args):
        raise KeyboardInterrupt
    monkeypatch.setattr(ThreadingHTTPServer, "serve_forever", stop)
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    write_feed(tmp_path, f"http://192.168.1.20:{port}", episodes=3)  # one warning, not three
    with caplog.at_level(logging.WARNING):
        result = runner.invoke(app, ["serve", str(tmp_path), "--port", str(port)])
    assert result.exit_code == 0, result.output
    warned = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warned) == 1 and f"http://192.168.1.20:{port}/, not at this" in warned[0]
    assert warned[0].endswith(f"(http://127.0.0.1:{port}/), so a podcast app will not find "
                              "the episodes unless a proxy answers there. 127.0.0.1 is this "
                              "machine alone: serve with --host 0.0.0.0 for the other "
                              "devices of the network.")


@pytest.mark.parametrize("name, kind", [
    ("001-a.txt", "text/plain"), ("001-a.srt", "text/plain"), ("001-a.vtt", "text/vtt"),
    ("001-a.script.yaml", "text/plain")])
def test_a_text_file_is_served_as_utf_8(tmp_path, name, kind):
    """walk38: the radio play (.txt), the subtitles and the scripts were served as bare
    `text/plain`, which a browser reads in its locale's legacy encoding (windows-1252):
    a book's “curly quotes” and café showed as â€œcurly quotesâ€ and cafÃ©."""
    (tmp_path / name).write_text("\u201cCaf\u00e9,\u201d she said.\n", encoding="utf-8")
    server = make_server(tmp_path, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        conn = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=10)
        conn.request("GET", "/" + name)
        r = conn.getresponse()
        body, header = r.read(), r.getheader("Content-Type")
        conn.close()
    finally:
        server.shutdown()
        server.server_close()
    assert header == f"{kind}; charset=utf-8"
    assert body.decode("utf-8").startswith("\u201cCaf\u00e9")


@pytest.mark.parametrize("signum", ["SIGINT", "SIGTERM"])
def test_serve_stopped_by_ctrl_c_or_sigterm_says_stopped(tmp_path, signum):
    """newcomer40: `drama serve` stopped by Ctrl-C or SIGTERM printed nothing, where the
    studio says "drama studio: stopped"; now it says so in one line, as the studio does."""
    import os
    import signal
    import subprocess
    import sys
    (tmp_path / "001-a.mp3").write_bytes(DATA)
    with socket.socket() as s:  # a free port: serve takes no --port 0
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "drama", "serve", str(tmp_path),
                             "--port", str(port)], env=os.environ.copy(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stderr.readline().startswith("serving ")       # serving: stop it now
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("HEAD", "/001-a.mp3")
        assert conn.getresponse().status == 200
        conn.close()
        proc.send_signal(getattr(signal, signum))
        out, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert out == ""
    assert err.strip().splitlines() == ["drama serve: stopped"]
    assert proc.returncode == 0


def _raw_request(server, request: bytes) -> bytes:
    """What the server answers to the raw request bytes (all it sends before closing)."""
    with socket.create_connection(("127.0.0.1", server.server_address[1]), timeout=10) as s:
        s.sendall(request)
        answer = b""
        while chunk := s.recv(65536):
            answer += chunk
    return answer


@pytest.mark.parametrize("path", ["/%00", "/001-a.mp3%00.txt", "/sub%00/"])
def test_a_path_with_a_nul_byte_is_a_404_not_a_traceback(server, capfd, path):
    """newcomer47: `GET /%00` made os.path.realpath raise ValueError (embedded null byte): a
    traceback on serve's terminal and the connection closed with no answer."""
    answer = _raw_request(server, f"GET {path} HTTP/1.0\r\n\r\n".encode())
    assert answer.startswith(b"HTTP/1.0 404"), answer[:80]
    assert "Traceback" not in capfd.readouterr().err


def test_a_listener_that_hangs_up_mid_file_leaves_no_traceback(tmp_path, capfd):
    """newcomer47: a podcast app or browser that seeks or skips closes its connection in the
    middle of a file; every such close printed socketserver's traceback on serve's terminal
    (ConnectionResetError, BrokenPipeError). The server answers the next request as ever."""
    (tmp_path / "001-a.mp3").write_bytes(DATA * 8192)  # 8 MB: more than the socket buffers
    server = make_server(tmp_path, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        for _ in range(3):
            s = socket.create_connection(("127.0.0.1", server.server_address[1]), timeout=10)
            s.sendall(b"GET /001-a.mp3 HTTP/1.0\r\n\r\n")
            s.recv(1024)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            s.close()  # a reset, as a player dropping the connection sends
        time.sleep(0.5)
        status, _ = _raw_request(server, b"GET / HTTP/1.0\r\n\r\n").split(b"\r\n", 1)
        assert status.startswith(b"HTTP/1.0 200")
    finally:
        server.shutdown()
        server.server_close()
    assert "Traceback" not in capfd.readouterr().err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_pipe_in_the_folder_is_a_404_not_a_request_waiting_forever(tmp_path):
    """fixes48: `GET /pipe.mp3` of a FIFO in the served folder opened it, which waits for a
    writer: the request was never answered and its thread hung. Only regular files are
    served (files.open_regular), as drama reads only regular files."""
    (tmp_path / "001-a.mp3").write_bytes(DATA)
    os.mkfifo(tmp_path / "pipe.mp3")
    server = make_server(tmp_path, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        for path in ("/pipe.mp3", "/001-a.mp3"):
            conn = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=5)
            try:
                conn.request("GET", path)
                status = conn.getresponse().status
            finally:
                conn.close()
            assert status == (404 if path == "/pipe.mp3" else 200), path
    finally:
        server.shutdown()
        server.server_close()


def test_an_ipv6_host_written_as_in_a_url_is_its_address():
    """review49: `--host [::1]`, copied from the URL serve prints, said "cannot listen on
    [[::1]]:8000: Name or service not known"; the brackets are the URL's, not the host's."""
    from drama.cli.common import named_host
    assert named_host("[::1]") == "::1"
    assert named_host("[fe80::1]") == "fe80::1"
    assert named_host("127.0.0.1") == "127.0.0.1"


def _ipv6_loopback() -> bool:
    """Whether this machine can listen on ::1 (IPv6)."""
    try:
        with socket.socket(socket.AF_INET6) as s:
            s.bind(("::1", 0))
    except OSError:
        return False
    return True


@pytest.mark.skipif(not _ipv6_loopback(), reason="this machine has no IPv6 (cannot listen "
                                                  "on ::1): serving on an IPv6 address untried")
def test_serve_listens_on_an_ipv6_address(tmp_path, runner, monkeypatch):
    """hostile48: `drama serve FOLDER --host ::1` failed "cannot listen on ::1:8000: Address
    family for hostname not supported" (socketserver's IPv4 socket); now it serves there,
    and says its URL as a URL writes an IPv6 address: http://[::1]:PORT/."""
    (tmp_path / "001-a.mp3").write_bytes(DATA)
    server = make_server(tmp_path, "::1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        conn = http.client.HTTPConnection("::1", server.server_address[1], timeout=10)
        conn.request("GET", "/001-a.mp3")
        r = conn.getresponse()
        assert (r.status, r.read()) == (200, DATA)
        conn.close()
    finally:
        server.shutdown()
        server.server_close()

    def stop(self, *args):
        raise KeyboardInterrupt
    monkeypatch.setattr(ThreadingHTTPServer, "serve_forever", stop)
    with socket.socket(socket.AF_INET6) as free:
        free.bind(("::1", 0))
        port = free.getsockname()[1]
    result = runner.invoke(app, ["serve", str(tmp_path), "--host", "::1", "--port", str(port)])
    assert result.exit_code == 0, result.output
    assert f"at http://[::1]:{port}/ (" in result.output
