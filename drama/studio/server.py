"""Running the studio: a threaded HTTP server on a free port, the URL with its token first.

The server is Werkzeug's (Flask's own), threaded, bound to 127.0.0.1 unless the person names
another address with --host. It is a local tool's server, as Jupyter's is: one person, one
machine, a token per run.
"""
from __future__ import annotations

import logging
import secrets
import threading
from dataclasses import dataclass

from werkzeug.serving import make_server

from ..errors import InputError

from .app import create_app
from .project import open_project
from .session import Studio

LOOPBACK = "127.0.0.1"


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
    allowed: set[str] | None = set() if host == LOOPBACK else None
    app = create_app(studio, token, allowed)
    try:
        server = make_server(host, port, app, threaded=True)
    except OSError as exc:
        studio.close()
        raise InputError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    bound = server.server_port
    if allowed is not None:     # only this address's own names: no DNS rebinding
        allowed.update({f"{LOOPBACK}:{bound}", f"localhost:{bound}"})
    shown = LOOPBACK if host in (LOOPBACK, "0.0.0.0", "::") else host
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    return StudioServer(f"http://{shown}:{bound}/?token={token}", studio, server)
