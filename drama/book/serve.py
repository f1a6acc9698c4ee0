"""Serve a book's folder over HTTP, so a podcast app can subscribe to its feed.

Files are served from the folder only: a path that resolves outside it (through `..` or a
symbolic link) is answered 404. Range requests (one range) are answered 206, so players can
seek in a long episode without downloading it whole.
"""
from __future__ import annotations

import mimetypes
import os
import re
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from ..errors import InputError

TYPES = {".mp3": "audio/mpeg", ".m4b": "audio/mp4", ".m4a": "audio/mp4", ".aac": "audio/aac",
         ".ogg": "audio/ogg", ".opus": "audio/ogg", ".wav": "audio/wav",
         ".xml": "application/rss+xml", ".vtt": "text/vtt", ".srt": "text/plain",
         ".json": "application/json", ".yaml": "text/plain", ".txt": "text/plain"}
_RANGE = re.compile(r"bytes=(\d*)-(\d*)$")


class BookHandler(SimpleHTTPRequestHandler):
    """A static file handler confined to its folder, with single byte ranges."""

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        pass  # the command prints the address; requests are not worth a line each

    def guess_type(self, path) -> str:
        return TYPES.get(Path(str(path)).suffix.lower()) or mimetypes.guess_type(str(path))[0] \
            or "application/octet-stream"

    def _inside(self, path: str) -> bool:
        root = os.path.realpath(self.directory)
        real = os.path.realpath(path)
        return real == root or real.startswith(root + os.sep)

    def send_head(self):
        path = self.translate_path(self.path)
        if not self._inside(path) or os.path.basename(path).startswith("."):
            self.send_error(HTTPStatus.NOT_FOUND, "File not found")
            return None
        if os.path.isdir(path):
            return super().send_head()
        try:
            f = open(path, "rb")
        except OSError:
            self.send_error(HTTPStatus.NOT_FOUND, "File not found")
            return None
        size = os.fstat(f.fileno()).st_size
        wanted = self.headers.get("Range")
        self._remaining = size
        if wanted:
            m = _RANGE.match(wanted.strip())
            first, last = (m.group(1), m.group(2)) if m else ("", "")
            if not m or (not first and not last):
                start = end = None
            elif not first:  # the last N bytes
                start, end = max(0, size - int(last)), size - 1
            else:
                start, end = int(first), min(int(last) if last else size - 1, size - 1)
            if start is None or start >= size or start > end:
                f.close()
                self.send_response(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
                self.send_header("Content-Range", f"bytes */{size}")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            f.seek(start)
            self._remaining = end - start + 1
            self.send_response(HTTPStatus.PARTIAL_CONTENT)
            self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        else:
            self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Length", str(self._remaining))
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Last-Modified", self.date_time_string(int(os.fstat(f.fileno()).st_mtime)))
        self.end_headers()
        return f

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


def make_server(folder: str | os.PathLike, host: str = "127.0.0.1",
                port: int = 8000) -> ThreadingHTTPServer:
    """An HTTP server for the folder (not yet serving: call serve_forever)."""
    root = Path(folder)
    if not root.is_dir():
        raise InputError("no such folder to serve", path=str(root))
    try:
        return ThreadingHTTPServer((host, port), partial(BookHandler, directory=str(root)))
    except OSError as exc:
        raise InputError(f"cannot listen on {host}:{port}: {exc.strerror}") from None
