"""The one error base of drama, and the exit codes the command line maps errors to."""
from __future__ import annotations

EXIT_USER_ERROR = 2
EXIT_INTERNAL_ERROR = 1


CONTROLS_SHOWN = {c: f"\\x{c:02x}" for c in (*range(32), 127)} | \
    {ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"}
"""str.translate's table writing a line break or another control character (of a file's
name, a quoted text) as `ls -b` does ("nl\\nname.txt"): each line of an error stays one."""


class DramaError(Exception):
    """An error a user can fix; its message says what went wrong and where.

    The command line prints ``drama: error: <message>`` and exits with ``exit_code``.
    The library raises these and never prints or exits itself.
    """

    exit_code = EXIT_USER_ERROR

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None):
        self.path = path
        self.line = line
        self.message = message
        """The message without the file and line."""
        where = ""
        if path:
            where = f"{path}:{line}: " if line else f"{path}: "
        super().__init__(where + message)

    def lines(self) -> list[str]:
        """The error as the lines the command line prints: one (a file's name holding a line
        break is shown escaped there, CONTROLS_SHOWN); an error of several problems, one
        line each, overrides it."""
        return [str(self)]


class InputError(DramaError):
    """A source text or script that cannot be read or decoded."""


class ScriptError(DramaError):
    """A script file that is not a valid drama script."""


class SpeakerError(DramaError):
    """A speaker edit (`drama speakers merge/rename/move`) that names no known speaker or
    cannot be made safely."""


class CastingError(DramaError):
    """A voices.yaml that is missing, malformed or names voices the engine lacks."""


class EngineError(DramaError):
    """A text-to-speech engine that is missing or failed to synthesize."""


class RenderError(DramaError):
    """A render that could not produce its audio file."""


class ExportError(DramaError):
    """An export format that is unknown or could not be written."""


class OutputError(DramaError):
    """An output that cannot or must not be written: a full disk, no permission, an input."""
