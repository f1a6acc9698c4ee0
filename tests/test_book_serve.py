"""drama serve: byte ranges as RFC 9110 answers them (206, 416, or the whole file)."""
from __future__ import annotations

import http.client
import threading

import pytest

from drama.book.serve import UNSATISFIABLE, byte_range, make_server

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


def test_byte_range_of_an_empty_file_is_the_whole_file():
    assert byte_range("bytes=0-10", 0) is None
    assert byte_range("bytes=0-10", 5) == (0, 4)
    assert byte_range("bytes=10-", 5) == UNSATISFIABLE
