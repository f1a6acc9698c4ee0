"""The studio: review who speaks, cast and audition voices, and listen, in a browser page.

`drama studio PATH` opens a script or a folder of episodes in a local web app. Its modules:

- `project`: what PATH holds (episodes, the casting file) and each file's version.
- `session`: the files as last read, edits applied with undo, changes by others noticed.
- `actions`: what each button does, through the same library functions as the commands
  (drama/speakers.py, drama/scriptedit.py, drama/casting/recast.py, cast_speakers, render).
- `audio`: auditions and voice lists in a spawned engine process; background renders.
- `views`: what each page shows; `app`: the Flask routes and the token; `server`: running it.
"""
from __future__ import annotations

__all__ = ["StudioServer", "start_studio"]


def __getattr__(name: str):
    """The server on first use only: `drama render` reads a book's series folder through
    `project` without loading Flask."""
    if name in __all__:
        from . import server
        return getattr(server, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
