"""Running the studio: a threaded HTTP server on a free port, the URL with its token first.

The server is Werkzeug's (Flask's own), threaded, bound to 127.0.0.1 unless the person names
another address with --host. It is a local tool's server, as Jupyter's is: one person, one
machine, a token per run.
"""
from __future__ import annotations

import errno
import logging
import secrets
import socket
import threading
from dataclasses import dataclass

from werkzeug.serving import make_server

from ..errors import InputError

from .app import create_app
from .project import open_project
from .session import Studio

LOOPBACK = "127.0.0.1"
LOOPBACK_NAMES = (LOOPBACK, "localhost", "::1")
"""The names of this machine's own loopback address: a studio there is reached from here
only, and answers only requests for these names (no DNS rebinding)."""


def is_loopback(host: str) -> bool:
    return host in LOOPBACK_NAMES


@dataclass
class StudioServer:
    """A started studio: its URL (with the token) and how to stop it."""

    url: str
    studio: Studio
    _server: object
    _thread: threading.Thread | None = None

    def serve_forever(self) -> None:
        self._server.serve_forever()

    def start_background(self) -> None:
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True,
                                        name="drama-studio-http")
        self._thread.start()

    def stop(self) -> None:
        if self._thread is not None:        # shutdown() waits for a loop that runs
            self._server.shutdown()
            self._thread.join()
        self._server.server_close()
        self.studio.close()


def start_studio(path, casting, *, host: str = LOOPBACK, port: int = 0,
                 engine_name: str = "pyttsx3") -> StudioServer:
    """Open the project at path and bind the server (port 0: a free one); not yet serving."""
    studio = Studio(open_project(path, casting), engine_name)
    token = secrets.token_urlsafe(24)
    allowed: set[str] | None = set() if is_loopback(host) else None
    app = create_app(studio, token, allowed)
    try:
        listening = _listening_socket(host, port)
    except InputError:
        studio.close()
        raise
    with listening:     # the server listens on its own copy of it
        server = make_server(host, port, app, threaded=True, fd=listening.fileno())
    bound = server.port
    if allowed is not None:     # only this address's own names: no DNS rebinding
        allowed.update({f"{LOOPBACK}:{bound}", f"localhost:{bound}", f"[::1]:{bound}"})
    shown = LOOPBACK if host in (LOOPBACK, "0.0.0.0", "::") else \
        f"[{host}]" if ":" in host else host    # an IPv6 address, as a URL writes it
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    return StudioServer(f"http://{shown}:{bound}/?token={token}", studio, server)


def _listening_socket(host: str, port: int) -> socket.socket:
    """A socket listening on host:port, or an InputError saying why not. Werkzeug's own bind
    prints its message and exits the program, and for a host `unix://PATH` deletes the file
    at PATH first (`--host unix://voices.yaml` deleted the casting file)."""
    if "/" in host:
        raise InputError(f"--host {host}: give an address of this machine to listen on, such "
                         "as 127.0.0.1 or 0.0.0.0")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        address = socket.getaddrinfo(host, port, family, socket.SOCK_STREAM)[0][4]
    except (OSError, UnicodeError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise InputError(f"--host {host}: not an address of this machine ({reason})") from None
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError as exc:
        sock.close()
        why = ("the port is in use (another studio, or another program): choose another "
               "with --port, or leave --port out for a free one") \
            if exc.errno == errno.EADDRINUSE else exc.strerror or str(exc)
        raise InputError(f"cannot listen on {host}:{port}: {why}") from None
    return sock
