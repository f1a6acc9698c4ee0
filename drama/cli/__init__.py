"""The `drama` command line: thin typer commands over the library. Nothing else imports typer.

One module per group of commands, imported in the order `drama --help` lists them; each
registers its commands on `common.app`."""
from __future__ import annotations

import inspect
import logging
import os
import re

import typer

from ..errors import DramaError
# imported for their commands, in the order --help lists them
from . import script, voices, render, export, build, serve, cache, speakers, review  # noqa: F401
from .common import app, handle_errors

__all__ = ["app", "handle_errors", "main", "reflow_help"]


def reflow_help(text: str) -> str:
    """A command's docstring as help that wraps well at any width: rich keeps a docstring's
    line breaks, so lines written for a wide editor broke mid-sentence at 80 columns. The
    lines of each paragraph are joined (rich wraps them to the terminal), an `Example:` line
    and an indented block stay lines of their own, and square brackets are escaped so rich
    shows them as written (`drama[piper]`, `[[tsEr@t'eIli]]`) instead of taking them for
    markup."""
    paragraphs = []
    for paragraph in inspect.cleandoc(text).split("\n\n"):
        lines: list[str] = []
        for line in paragraph.split("\n"):
            if lines and not line.startswith((" ", "Example:")) and \
                    not lines[-1].startswith((" ", "Example:")):
                lines[-1] += " " + line.strip()
            else:
                lines.append(line)
        paragraphs.append("\n".join(lines))
    return escape_markup("\n\n".join(paragraphs))


_MARKUP = re.compile(r"(\\*)(\[[a-z#/@][^[]*?])")
"""What rich reads as a markup tag ([bold], [/], [#fff], [@click]), after any backslashes."""


def escape_markup(text: str) -> str:
    """text with what rich would take for markup escaped, as rich.markup.escape does it:
    not imported from rich, which every command would then import as it starts (rich is
    needed to show help and progress bars only; tests/test_docs.py holds the two alike)."""
    text = _MARKUP.sub(lambda m: f"{m.group(1)}{m.group(1)}\\{m.group(2)}", text)
    return text + "\\" if text.endswith("\\") and not text.endswith("\\\\") else text


def _reflow_commands(typer_app: typer.Typer) -> None:
    """Every command's and group's help through reflow_help, sub-commands too."""
    from typer.main import solve_typer_info_help
    for info in typer_app.registered_commands:
        info.help = reflow_help(info.help or inspect.getdoc(info.callback) or "")
    for group in typer_app.registered_groups:
        group.help = reflow_help(solve_typer_info_help(group))
        _reflow_commands(group.typer_instance)


def _read_files_ourselves(typer_app: typer.Typer) -> None:
    """Turn off typer's own readability check of every path parameter (its default), sub-
    commands too: it answered an unreadable file with a boxed usage error, before drama's
    readers could say `drama: error: FILE: cannot read: Permission denied` (and a path
    that is only written, such as an `-o`, need not be readable at all)."""
    for info in typer_app.registered_commands:
        for param in inspect.signature(info.callback).parameters.values():
            if isinstance(param.default, typer.models.ParameterInfo):
                param.default.readable = False
    for group in typer_app.registered_groups:
        _read_files_ourselves(group.typer_instance)


_reflow_commands(app)
_read_files_ourselves(app)


class _NamesShown(logging.Formatter):
    """A log line (a warning) whose file names read as drama's other lines show them
    (common.shown_line): one line whatever line break a name holds ("bad\\nname.txt"), a
    byte not in UTF-8 as `ls -b` shows it (caf\\xe9.txt), not as Python's escape of it
    (caf\\udce9.txt)."""

    def formatMessage(self, record: logging.LogRecord) -> str:
        from .common import shown_line
        return shown_line(super().formatMessage(record))

    def format(self, record: logging.LogRecord) -> str:  # a traceback's names too
        from ..files import shown_path
        return shown_path(super().format(record))


LOG_LEVELS = ("debug", "info", "warning", "error", "critical")
"""What DRAMA_LOG may say (in any case): info shows each stage of the work as it ends
(bench/book.py times them); warning, the default, what goes wrong too; error or critical,
no warnings."""


def log_level() -> int:
    """The logging level DRAMA_LOG names, warning when it is unset (or set but empty, as
    every DRAMA_ variable); a DramaError naming the variable when it names no level (a typo,
    DRAMA_LOG=ifno, silently showed nothing more; DRAMA_LOG=shutdown was a traceback)."""
    raw = os.environ.get("DRAMA_LOG", "")
    if not raw.strip():
        return logging.WARNING
    if raw.strip().lower() not in LOG_LEVELS:
        raise DramaError(f"DRAMA_LOG must be one of {', '.join(LOG_LEVELS)} (or unset), "
                         f"not {raw!r}")
    return getattr(logging, raw.strip().upper())


def main() -> None:
    try:
        level = log_level()
    except DramaError as exc:  # before any command: handle_errors is not around yet
        typer.echo(f"drama: error: {exc}", err=True)
        raise SystemExit(exc.exit_code) from None
    handler = logging.StreamHandler()
    handler.setFormatter(_NamesShown("drama: %(levelname)s: %(message)s"))
    logging.basicConfig(level=level, handlers=[handler])
    app()
