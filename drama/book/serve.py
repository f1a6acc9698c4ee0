"""Serve a book's folder over HTTP, so a podcast app can subscribe to its feed.

Files are served from the folder only: a path that resolves outside it (through `..` or a
symbolic link), a hidden file or one in a hidden folder (a build's `.written` marks, a
`.git`) and what is no regular file (a pipe) are answered 404. A GET with one byte range is
answered 206, so players can seek in a long episode without downloading it whole; a range
past the end of the file gets 416, and a Range header that is not valid (or asks for several
ranges) is ignored, as RFC 9110 says: the whole file, 200.
"""
from __future__ import annotations

import html
import io
import ipaddress
import mimetypes
import os
import re
import socket
import sys
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

from ..errors import InputError
from ..files import open_regular
from .whole import book_language

UTF8 = "; charset=utf-8"
"""drama writes every text file in UTF-8; without it a browser reads text/plain in its
locale's legacy encoding (a book's “quotes” as â€œquotesâ€)."""
TYPES = {".mp3": "audio/mpeg", ".m4b": "audio/mp4", ".m4a": "audio/mp4", ".aac": "audio/aac",
         ".ogg": "audio/ogg", ".opus": "audio/ogg", ".wav": "audio/wav",
         ".xml": "application/rss+xml", ".vtt": "text/vtt" + UTF8, ".srt": "text/plain" + UTF8,
         ".json": "application/json", ".yaml": "text/plain" + UTF8, ".txt": "text/plain" + UTF8}
UNSATISFIABLE = "unsatisfiable"
"""byte_range's answer when no range asked for is in the file (416)."""
_SPEC = re.compile(r"(\d+)-(\d*)|-(\d+)")
PAST_ANY_FILE = 1 << 63
"""A byte position or count written with more digits than any file's size has."""


def _number(digits: str) -> int:
    """A Range header's byte position or count: "0000010" is 10; one of more than 18
    digits is PAST_ANY_FILE (int() refuses more than 4300 digits: `bytes=999…9-` was a
    traceback on serve's terminal and no answer)."""
    digits = digits.lstrip("0") or "0"
    return int(digits) if len(digits) <= 18 else PAST_ANY_FILE


def byte_range(header: str | None, size: int, if_range: str | None = None,
               last_modified: str = "") -> tuple[int, int] | str | None:
    """What a Range header asks of a file of `size` bytes, as RFC 9110 (section 14) answers
    it: (first, last) byte to send with 206; UNSATISFIABLE for 416 (no range it lists is in
    the file); None to ignore it and send the whole file with 200, which is what a header
    that is not valid bytes ranges (`bytes=abc`, `bytes=5-2`) gets, as does one asking for
    several ranges (we send no multipart bodies) or an If-Range that no longer matches."""
    if header is None or size == 0:
        return None
    if if_range is not None and if_range.strip() != last_modified:
        return None  # an entity tag (we send none) or another date: the file changed
    unit, eq, ranges = header.partition("=")
    if not eq or unit.strip().lower() != "bytes":
        return None
    specs = [s.strip() for s in ranges.split(",") if s.strip()]
    if not specs:
        return None
    wanted = []  # the satisfiable ones
    for spec in specs:
        m = _SPEC.fullmatch(spec)
        if m is None:
            return None
        if m.group(3) is not None:  # the last N bytes
            if _number(m.group(3)) > 0:
                wanted.append((max(0, size - _number(m.group(3))), size - 1))
            continue
        first, last = _number(m.group(1)), m.group(2)
        if last and _number(last) < first:
            return None
        if first < size:
            wanted.append((first, min(_number(last), size - 1) if last else size - 1))
    if not wanted:
        return UNSATISFIABLE
    return wanted[0] if len(specs) == 1 else None


class BookHandler(SimpleHTTPRequestHandler):
    """A static file handler confined to its folder, with single byte ranges."""

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        pass  # the command prints the address; requests are not worth a line each

    def guess_type(self, path) -> str:
        return TYPES.get(Path(str(path)).suffix.lower()) or mimetypes.guess_type(str(path))[0] \
            or "application/octet-stream"

    def _inside(self, path: str) -> bool:
        """Whether path lies in the served folder (links resolved); a path no file can have
        (`/%00`: a NUL byte, which os.path.realpath refuses with ValueError) lies nowhere."""
        root = os.path.realpath(self.directory)
        try:
            real = os.path.realpath(path)
        except ValueError:
            return False
        return real == root or real.startswith(root + os.sep)

    def _hidden(self, path: str) -> bool:
        """Whether path (translate_path's, in the folder) is a hidden file or lies in a
        hidden folder: a build's marks (`.001-a.srt.written`) and a `.git/config` alike."""
        parts = os.path.relpath(path, self.directory).split(os.sep)
        return any(part.startswith(".") and part not in (".", "..") for part in parts)

    def _served(self, path: str) -> bool:
        """Whether send_head answers path (in the folder) with its file or listing: not
        hidden, not a link out of the folder, a folder or a regular file (not a pipe)."""
        return not self._hidden(path) and self._inside(path) and \
            (os.path.isdir(path) or os.path.isfile(path))

    def send_head(self):
        path = self.translate_path(self.path)
        if not self._inside(path) or self._hidden(path):
            self.send_error(HTTPStatus.NOT_FOUND, "File not found")
            return None
        if os.path.isdir(path):
            return super().send_head()
        try:
            f = open_regular(path)  # a pipe in the folder: opened, it would wait forever
        except OSError:
            self.send_error(HTTPStatus.NOT_FOUND, "File not found")
            return None
        size = os.fstat(f.fileno()).st_size
        self._remaining = size
        last_modified = self.date_time_string(int(os.fstat(f.fileno()).st_mtime))
        # range handling is defined for GET only (RFC 9110 14.2): HEAD gets the whole file's
        wanted = byte_range(self.headers.get("Range"), size, self.headers.get("If-Range"),
                            last_modified) if self.command == "GET" else None
        if wanted == UNSATISFIABLE:
            f.close()
            self.send_response(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
            self.send_header("Content-Range", f"bytes */{size}")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        if wanted is not None:
            start, end = wanted
            f.seek(start)
            self._remaining = end - start + 1
            self.send_response(HTTPStatus.PARTIAL_CONTENT)
            self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        else:
            self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Length", str(self._remaining))
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Last-Modified", last_modified)
        self.end_headers()
        return f

    def list_directory(self, path):
        """The folder's files as links, only those send_head serves (_served): the standard
        listing linked the hidden ones (a script's `.extracted` copy, a build's `.written`
        marks: walk30), a link out of the folder and a pipe, each a 404."""
        try:
            names = sorted((n for n in os.listdir(path) if self._served(os.path.join(path, n))),
                           key=str.lower)
        except OSError:
            self.send_error(HTTPStatus.NOT_FOUND, "No permission to list directory")
            return None
        items = "".join(_listed(n, os.path.isdir(os.path.join(path, n))) for n in names)
        title = html.escape(os.path.basename(os.path.realpath(path)))
        lang = html.escape(book_language(Path(path)))  # a book folder's, else English
        page = (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head><meta charset="utf-8">'
                f"<title>{title}</title></head>\n<body>\n<h1>{title}</h1>\n<ul>\n{items}"
                "</ul>\n</body>\n</html>\n").encode("utf-8", "surrogateescape")
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(page)))
        self.end_headers()
        return io.BytesIO(page)

    def copyfile(self, source, outputfile) -> None:
        remaining = getattr(self, "_remaining", None)
        if remaining is None:
            return super().copyfile(source, outputfile)
        while remaining > 0:
            chunk = source.read(min(remaining, 1 << 16))
            if not chunk:
                break
            outputfile.write(chunk)
            remaining -= len(chunk)


def _listed(name: str, folder: bool) -> str:
    """One entry of a folder's listing: a link to the file (a folder's ends in a slash)."""
    link = quote(name + "/" if folder else name, errors="surrogatepass")
    return f'<li><a href="{link}">{html.escape(name)}</a></li>\n'


class BookServer(ThreadingHTTPServer):
    """The threaded server, quiet when a listener hangs up: a podcast app or a browser
    that seeks or skips closes its connection in the middle of a file, and socketserver
    printed a traceback for each (ConnectionResetError, BrokenPipeError)."""

    def handle_error(self, request, client_address) -> None:
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return  # the listener went away: nothing is wrong here
        super().handle_error(request, client_address)


class BookServer6(BookServer):
    """The server on an IPv6 address ("::1", "::"): socketserver's listens on IPv4 alone,
    and `--host ::1` said "Address family for hostname not supported"."""
    address_family = socket.AF_INET6


def make_server(folder: str | os.PathLike, host: str = "127.0.0.1",
                port: int = 8000) -> ThreadingHTTPServer:
    """An HTTP server for the folder (not yet serving: call serve_forever), on an IPv6
    address when the host is one (it holds a colon: "::1"; as the studio's)."""
    root = Path(folder)
    if root.exists() and not root.is_dir():
        raise InputError(_not_a_folder(root), path=str(root))
    if not root.is_dir():
        raise InputError("no such folder to serve", path=str(root))
    try:
        server = BookServer6 if ":" in host else BookServer
        return server((host, port), partial(BookHandler, directory=str(root)))
    except OSError as exc:
        raise InputError(f"cannot listen on {url_host(host)}:{port}: {exc.strerror}") from None


def _not_a_folder(path: Path) -> str:
    """What to serve instead of a file: the folder it is in, when that is a book's (its
    book.json or feed.xml), else the folder `drama build` makes of a book (output/<book>)."""
    from ..files import RENDER_FOLDER
    from ..wording import pasteable  # commands to paste: `drama build 'The Tale.txt'`
    from .series import book_folder
    if any((path.parent / name).is_file() for name in ("book.json", "feed.xml")):
        return ("a file, not a folder: serve the book's folder, "
                f"`drama serve {pasteable(path.parent)}`")
    built = book_folder(path, Path(RENDER_FOLDER))
    return ("a file, not a folder: serve the folder `drama build` made of the book, "
            f"`drama serve {pasteable(built)}` after `drama build {pasteable(path)}`")


WILDCARD_HOSTS = ("", "0.0.0.0", "::")
"""Hosts that listen on every address of the machine: a feed may name any of them."""


def feed_elsewhere(folder: str | os.PathLike, host: str, port: int) -> str | None:
    """Why the episode links of the folder's feed.xml do not reach this server, listening on
    host:port and serving the folder at /, with what to do; None when they do (or there is
    no feed to read). Only the first link that does not is named: a feed's links share
    their start (`drama build --feed-url`)."""
    for url in _enclosure_urls(Path(folder) / "feed.xml"):
        problem = _link_problem(url, host, port)
        if problem:
            at = url.rsplit("/", 1)[0] + "/" if "/" in url else \
                url or "no address (an enclosure without url)"
            return (f"feed.xml's episode links point at {at}, not at "
                    f"this server (http://{shown_host(host)}:{port}/), so a podcast app "
                    f"will not find the episodes unless a proxy answers there. {problem}.")
    return None


def _enclosure_urls(feed: Path) -> list[str]:
    """The episode links of a feed, in its order; none when it is missing or not XML."""
    from xml.etree import ElementTree
    try:
        root = ElementTree.parse(feed).getroot()
    except (OSError, ElementTree.ParseError):
        return []
    return [e.get("url", "") for e in root.iter("enclosure")]


def _link_problem(url: str, host: str, port: int) -> str | None:
    """What stops a link from reaching a server listening on host:port that serves its
    folder at /, with what to do; None when nothing does."""
    from urllib.parse import urlsplit
    try:
        parts = urlsplit(url)
        linked_port = parts.port or {"http": 80, "https": 443}.get(parts.scheme, 0)
    except ValueError:  # "http://[::1/a" (a bracket unclosed), a port not a number or past 65535
        parts = linked_port = None
    if parts is None or not parts.scheme or not parts.hostname:
        return (f"It is no address a podcast app can fetch: build again with --feed-url "
                f"http://{shown_host(host)}:{port}")
    linked_host = parts.hostname
    linked_folder = parts.path.rsplit("/", 1)[0]
    here = f"http://{shown_host(linked_host)}:{port}"  # the feed URL that would be right
    if parts.scheme != "http":
        return (f"It speaks http, not {parts.scheme}: build again with --feed-url "
                f"{here}")
    if linked_port != port:
        return f"Serve with --port {linked_port}, or build again with --feed-url {here}"
    if not _host_reaches(linked_host, host):
        if _loopback(host):
            return (f"{host} is this machine alone: serve with --host 0.0.0.0 for the "
                    "other devices of the network")
        return f"Serve with --host {linked_host} (or --host 0.0.0.0)"
    if linked_folder:
        return (f"It serves the folder at /, not at {linked_folder}/: build again "
                f"with --feed-url {here}")
    return None


def _host_reaches(linked: str, host: str) -> bool:
    """Whether a link naming `linked` can reach a server listening on `host`: any does one
    listening on every address; only this machine's own name or address does one on a
    loopback address; an address, the same address. A name other than localhost may be any
    address (it is not looked up), so it is given the benefit of the doubt."""
    if host in WILDCARD_HOSTS:
        return True
    if _loopback(host):
        return _loopback(linked)
    if _is_address(host) and _is_address(linked):
        return ipaddress.ip_address(host) == ipaddress.ip_address(linked)
    return not _loopback(linked)


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _loopback(host: str) -> bool:
    """Whether a host name or address is this machine alone (localhost, 127.x.x.x, ::1)."""
    return host.lower() == "localhost" or (_is_address(host) and
                                          ipaddress.ip_address(host).is_loopback)


def shown_host(host: str) -> str:
    """A host as a URL writes it: "[::1]" for an IPv6 address; a wildcard ("0.0.0.0") as
    "<this machine's address>"."""
    return "<this machine's address>" if host in WILDCARD_HOSTS else url_host(host)


def url_host(host: str) -> str:
    """A host as a URL (and host:port) writes it: an IPv6 address in brackets, "[::1]"."""
    return f"[{host}]" if ":" in host else host
