"""What every command shares: the app, errors as one line, output on stderr, progress."""
from __future__ import annotations

import functools
import logging
import os
import signal
import sys
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Optional, get_args

import typer
import typer.core

from ..errors import CONTROLS_SHOWN, EXIT_USER_ERROR, DramaError
from ..files import shown_path


class _ValuesNamed:
    """A command or group whose options' values are named as argparse names them, by the
    option in capitals (`--casting CASTING`, `--format FORMAT`), and whose flags (--help
    too) take none: typer 0.29 wrote their types, `<str>`, `<list[Path]>`, and `<bool>`
    for a flag that takes no value at all."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for param in self.params:
            if isinstance(param, typer.core.TyperOption) and param.metavar is None:
                longest = max(param.opts, key=len).lstrip("-")
                param.metavar = "" if param.is_flag else longest.upper()
            _refuse_an_empty_path(param)

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.metavar = ""
        return option


def _refuse_empty(param, ctx, value) -> None:
    """A BadParameter when a path argument or option is given empty (`drama build ''`, `-c
    "$UNSET"`): typer made it Path(""), the current folder, so `build ''` built and `serve ''`
    served whatever folder drama was run from (named_output refuses an empty -o so)."""
    for given in value if isinstance(value, (list, tuple)) else (value,):
        if isinstance(given, str) and not given.strip():
            raise typer.BadParameter(f"is empty ({given!r}): give a file or a folder",
                                     ctx=ctx, param=param)


class _PathArgument(typer.core.TyperArgument):
    """An argument that takes a path, never an empty one (_refuse_empty)."""

    __slots__ = ()   # typer's parameters have none added: one here would change the layout

    def process_value(self, ctx, value):
        _refuse_empty(self, ctx, value)
        return super().process_value(ctx, value)


class _PathOption(typer.core.TyperOption):
    """An option that takes a path, never an empty one (_refuse_empty)."""

    __slots__ = ()

    def process_value(self, ctx, value):
        _refuse_empty(self, ctx, value)
        return super().process_value(ctx, value)


def _refuse_an_empty_path(param) -> None:
    """Make param, when it takes a path (Path, Optional[Path], list[Path]), refuse an empty
    one (_refuse_empty)."""
    def names_a_path(annotation) -> bool:
        return annotation is Path or any(names_a_path(a) for a in get_args(annotation))

    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is None or not names_a_path(descriptor.annotation):
        return
    if type(param) is typer.core.TyperArgument:
        param.__class__ = _PathArgument
    elif type(param) is typer.core.TyperOption:
        param.__class__ = _PathOption


class ValuesNamedGroup(_ValuesNamed, typer.core.TyperGroup):
    """A group of commands (drama cache, voices, lexicon), its options named as a
    command's are (_ValuesNamed)."""


class _OneLineUsageErrors(ValuesNamedGroup):
    """A wrong flag or value (`--bogus`, `-j 0`, a missing argument) is one line on stderr,
    exit status 2, as every other mistake is, not a boxed panel: "drama: error: No such
    option: --bogus (`drama extract -h` for help)". Asked for no command, drama shows its
    help."""

    def make_context(self, info_name, args, parent=None, **extra):
        with _usage_errors_as_one_line():
            return super().make_context(info_name, args, parent=parent, **extra)

    def invoke(self, ctx):
        with _usage_errors_as_one_line():
            return super().invoke(ctx)


_USAGE_ERROR = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")
"""click's UsageError, of the click this typer uses (recent typers carry their own copy)."""


@contextmanager
def _usage_errors_as_one_line():
    """A wrong flag or value one line (_OneLineUsageErrors); help or the version written to
    a full disk or a closed pipe too, as a command's output is (system_refused): there, before
    any command's handle_errors, it was a traceback and exit status 1. Help read by `head`
    (`drama --help | head -1`) ends with status 0 as a command's output does: rich, which
    writes it, exits with status 1 at the closed pipe, its stdout made the null device."""
    stdout_was = _stdout_file()
    try:
        yield
    except OSError as exc:
        system_refused(exc)
    except SystemExit as exc:
        if exc.code == 1 and stdout_was != _stdout_file() == _stdout_file(os.devnull):
            raise typer.Exit(0) from None   # rich's Console.on_broken_pipe: the reader gone
        raise
    except _USAGE_ERROR as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":
            raise   # `drama cache`: the group's help, as asked
        message = " ".join(exc.format_message().split()).rstrip(".")
        where = f" (`{exc.ctx.command_path} -h` for help)" if exc.ctx is not None else ""
        if _a_value_read_as_an_option(exc):
            where = (f" (a value starting with \"-\", such as a name, goes after `--`, which "
                     f"ends the options: `{exc.ctx.command_path} [OPTIONS] -- VALUE`; "
                     f"{where[2:]}")
        fail(message + where, exc.exit_code)


def _stdout_file(path: str | None = None) -> tuple[int, int] | None:
    """The (device, inode) of stdout's file, or of the file at path; None when not known."""
    try:
        st = os.stat(path) if path is not None else os.fstat(sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):
        return None
    return st.st_dev, st.st_ino


def _a_value_read_as_an_option(exc) -> bool:
    """Whether a usage error is a short option unknown to a command that takes arguments:
    most likely a value such as a speaker's name, "- dash" or "-Ann", read as options
    (newcomer51: "No such option: -" said nothing of `--`). A long one, `--bogus`, is
    a mistyped option."""
    name = getattr(exc, "option_name", None) or ""
    return type(exc).__name__ == "NoSuchOption" and exc.ctx is not None and \
        not name.startswith("--") and \
        any(isinstance(p, typer.core.TyperArgument) for p in exc.ctx.command.params)


class _ArgumentsNamedAsHelpSays(_ValuesNamed, typer.core.TyperCommand):
    """A command whose arguments are named in capitals, as its help text speaks of them, in
    its usage line, its Arguments panel and its errors: `drama render [OPTIONS] SCRIPT`,
    `drama speakers merge [OPTIONS] KEEP OTHERS...`, `[SPEAKER]` when optional, "Missing
    argument 'SCRIPT'" (typer 0.29 writes `{script}` for a required one, `[script]` for
    another). The panel shows no Python type beside the name (`SCRIPTS <list[Path]>`,
    `SPEAKER <str>`: walk31), as options show none."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for param in self.params:
            if isinstance(param, typer.core.TyperArgument):
                if param.metavar is None:
                    param.metavar = param.name.upper()
                param.display_type_rich = _no_type

    def collect_usage_pieces(self, ctx) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if isinstance(param, typer.core.TyperArgument) and not param.hidden:
                name = param.metavar if param.required else f"[{param.metavar}]"
                pieces.append(name + ("..." if param.nargs != 1 else ""))
        return pieces


def _no_type(ctx) -> None:
    """An argument's type in the help's Arguments panel: none (its name says what it is)."""
    return None


class Typer(typer.Typer):
    """typer.Typer whose commands name their arguments as their help does (every drama
    command and subcommand is made by one)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("cls", ValuesNamedGroup)
        super().__init__(*args, **kwargs)

    def command(self, *args, cls=None, **kwargs):
        return super().command(*args, cls=cls or _ArgumentsNamedAsHelpSays, **kwargs)


app = Typer(
    cls=_OneLineUsageErrors,
    name="drama",
    help="Turn prose into a multi-voice audio drama: extract who says what, cast voices, "
         "render episodes, export the script.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _show_version(asked: bool) -> None:
    if asked:
        from .. import __version__
        typer.echo(f"drama {__version__}")
        raise typer.Exit()


@app.callback()
def _drama(version: bool = typer.Option(False, "--version", callback=_show_version,
                                        is_eager=True, help="Show drama's version and exit.")
           ) -> None:
    """`drama --version` (a newcomer's first command) was "No such option" (walk31)."""


DEFAULT_CASTING = "voices.yaml"
ENGINE_HELP = ("The default speech engine, for voices that name none: pyttsx3 (espeak-ng), "
               "piper, or tone (test beeps); 'auto' is pyttsx3, with the installed Piper "
               "voices given to a new casting file's narrator and to new main characters "
               "(make install installs one): far more natural, and many times slower to "
               "render; pyttsx3 casts espeak-ng voices only.")
CAST_ENGINE_HELP = ("Which voices to cast with: auto (the installed Piper voices for a new "
                    "casting file's narrator and the main characters, far slower to render; "
                    "espeak-ng for the rest), pyttsx3, piper, or tone.")


MAX_ERROR_CHARS = 1000
"""An error longer than this (a page-long value a file or option gave, quoted back) keeps
its head and tail: the file, line and what is wrong, and what to do."""


def readable(message: str, limit: int = MAX_ERROR_CHARS) -> str:
    """message, its middle cut when it is longer than limit."""
    if len(message) <= limit:
        return message
    cut = len(message) - (limit * 2 // 3) - (limit // 4)
    return (f"{message[:limit * 2 // 3]} [... {cut:,} characters ...] "
            f"{message[-(limit // 4):]}")


def shown_line(message: str) -> str:
    """A line drama prints (an error, a progress line, a warning) as one line whatever
    the file it names: a line break or another control character of the name ("bad\\nname")
    written as errors.CONTROLS_SHOWN does, a byte that is not UTF-8 as `ls -b` shows it
    (files.shown_path)."""
    return shown_path(message.translate(CONTROLS_SHOWN))


def fail(message: str, code: int = EXIT_USER_ERROR, *, shown: bool = False) -> None:
    """Print the error and exit: one line (shown_line), unless `shown` (a DramaError's
    lines, each shown so already: _one_line_errors)."""
    message = shown_path(message) if shown else shown_line(message)
    typer.echo(f"drama: error: {readable(message)}", err=True)
    raise typer.Exit(code)


OUT_OF_MEMORY = ("out of memory (the machine's, or a limit such as `ulimit -v`): close other "
                 "programs and run again, or give drama a smaller part of the book")
"""What a command that ran out of memory says: the files it writes are written whole or
not at all, so what was there is still there."""

SEGMENTS_CACHED = "finished segments are cached, run again to resume"
"""What Ctrl-C leaves of a render (or a build): said after "drama: interrupted; "."""


def handle_errors(func=None, *, interrupted: str = ""):
    """Turn every DramaError into one line on stderr and its exit status, and Ctrl-C into
    "drama: interrupted", with what the command leaves when it says (`interrupted`:
    SEGMENTS_CACHED for a render). The environment's
    settings are checked first, so a bad one fails at once, not after minutes of work.
    A command that fails leaves none of the folders it made that are still empty (`-o out/`
    made before the text was found to have no words)."""
    if func is None:  # @handle_errors(interrupted=...)
        return functools.partial(handle_errors, interrupted=interrupted)

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        from ..files import folders_made, remove_empty
        with folders_made() as made, _sigterm_as_ctrl_c():
            try:
                return _one_line_errors(func, args, kwargs, interrupted)
            except typer.Exit as exc:
                if exc.exit_code:
                    remove_empty(made)
                raise
            except BaseException:
                remove_empty(made)
                raise
    return wrapper


def _one_line_errors(func, args, kwargs, interrupted: str = ""):
    """func(*args, **kwargs), what it raises made one line on stderr and an exit status."""
    try:
        from ..locks import lock_timeout
        lock_timeout()  # a lock may be taken only at the end (writing a script)
        return func(*args, **kwargs)
    except DramaError as exc:
        fail("\n".join(line.translate(CONTROLS_SHOWN) for line in exc.lines()), exc.exit_code,
             shown=True)
    except OSError as exc:  # the system refused: a full disk, a permission, a lost folder
        system_refused(exc)
    except MemoryError:  # the system refused too: a traceback and exit status 1 said less
        fail(OUT_OF_MEMORY)
    except KeyboardInterrupt as exc:
        stopped = "terminated" if isinstance(exc, Terminated) else "interrupted"
        typer.echo(f"drama: {stopped}" + (f"; {interrupted}" if interrupted else ""),
                   err=True)
        raise typer.Exit(143 if isinstance(exc, Terminated) else 130)


def system_refused(exc: OSError) -> None:
    """What the system refused made one line and an exit status (fail); a closed pipe whose
    reader has gone (`drama voices | head -1`: it has all it wants, as `export | head`, whose
    few lines fit in the pipe, always had) status 0, nothing said."""
    from ..files import output_error
    if not isinstance(exc, BrokenPipeError) or not _reader_gone():
        fail(str(output_error(exc)))  # a pipe of drama's own (to ffmpeg) broke: an error
    _quiet_stdout()
    raise typer.Exit(0)


class Terminated(KeyboardInterrupt):
    """SIGTERM (`kill PID`, a service stopped): a command stops as at Ctrl-C, its workers
    shut down and what they spoke kept, so nothing is printed but drama's own line (killed
    outright, a render's spawned workers left multiprocessing's "leaked semaphore objects"
    warning)."""


STOPPED_AGAIN = {signal.SIGTERM: ("drama: terminated again; stopped at once\n", 143),
                 signal.SIGINT: ("drama: interrupted again; stopped at once\n", 130)}
"""What a second SIGTERM or Ctrl-C prints, and the exit status, while the first one's
shutdown waits for the workers. Killed outright by a second SIGTERM, drama said nothing
and multiprocessing's "leaked semaphore" warning was the one line to read; a second Ctrl-C
left the workers waiting for work and drama waiting for them, for ever (walk30)."""


def _raise_terminated(signum, frame) -> None:
    signal.signal(signal.SIGTERM, _stop_at_once)  # a second one ends drama at once
    raise Terminated()


def _raise_interrupted(signum, frame) -> None:
    signal.signal(signal.SIGINT, _stop_at_once)  # a second one ends drama at once
    raise KeyboardInterrupt()


def _stop_at_once(signum, frame) -> None:
    said, status = STOPPED_AGAIN[signum]
    sys.stderr.write(said)
    sys.stderr.flush()
    os._exit(status)


@contextmanager
def _sigterm_as_ctrl_c():
    """SIGTERM raises Terminated while a command runs, and a second SIGTERM or Ctrl-C ends
    it at once (the main thread's, where signals are handled; elsewhere, as in a test's
    thread, they are left as they are; so is a Ctrl-C ignored, as by a job in the
    background)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = signal.signal(signal.SIGTERM, _raise_terminated)
    ctrl_c = signal.getsignal(signal.SIGINT)
    if ctrl_c is signal.default_int_handler:
        signal.signal(signal.SIGINT, _raise_interrupted)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, before)
        signal.signal(signal.SIGINT, ctrl_c)


def _reader_gone() -> bool:
    """Whether stdout is a pipe whose reader has closed it (poll says POLLERR), or cannot be
    asked (a test's stand-in for it): a BrokenPipeError is then the reader's `head`."""
    import select
    try:
        poll = select.poll()
        poll.register(sys.stdout.fileno(), select.POLLOUT)
        return any(event & select.POLLERR for _, event in poll.poll(0))
    except (AttributeError, OSError, ValueError):
        return True


def _quiet_stdout() -> None:
    """Point stdout at the null device, so flushing it at exit does not fail again."""
    import os
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def say(message: str) -> None:
    """User-facing output on stderr, so stdout stays clean for data (YAML, exports); one
    line, a name's line break or byte not in UTF-8 shown as error lines show it (shown_line:
    "wrote o/bad\\nname.wav", caf\\xe9.wav). While bars
    are drawn it is printed above them: click writes to the terminal's own buffer, past
    rich's stand-in for stderr, so a build's "wrote 001-....mp3" landed at the end of the
    bar's line."""
    if _live:
        _live[-1].console.print(shown_line(message), markup=False, highlight=False,
                                emoji=False, soft_wrap=True)
        return
    typer.echo(shown_line(message), err=True)


_live: list = []
"""The live display of bars on stderr while one is open (see _bars)."""


def bars_drawn() -> bool:
    """Whether progress bars are drawn: on a terminal; off one (a log, CI) a command says
    its progress in plain lines where it has them to say (build: each episode spoken)."""
    return bool(_live) or sys.stderr.isatty()


@contextmanager
def _bars():
    """The live display progress bars are drawn in: the one open already, else a new one.
    Rich draws one live display at a time, so bars open at once (a build's text being
    extracted while its renders have a bar) share it; None off a terminal."""
    if _live:
        yield _live[-1]
        return
    if not bars_drawn():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress
    terminal, console = sys.stderr, Console(stderr=True)
    with Progress(*bar_columns(console.width), transient=True, console=console) as bar, \
            _logging_to(terminal, sys.stderr):
        _live.append(bar)
        try:
            yield bar
        finally:
            _live.pop()


BAR_PARTS_WIDTH = 25
"""The columns a bar keeps beside its description: a few of the bar itself, the count (up
to 99999/99999), the clock and the spaces between."""


def description_width(width: int) -> int:
    """The columns a bar's description may take in a terminal `width` wide: what the bar,
    the count and the clock leave, and never under 20."""
    return max(20, width - BAR_PARTS_WIDTH)


def described(what: str, note: str, width: int) -> str:
    """A bar's description, `what` (rendering <book>) and its `note` (", assembling, 26 of
    53 episodes to write"), `what` cut short (…) where both do not fit beside the bar's
    other columns: the note is the news."""
    room = description_width(width) - len(note)
    if len(what) <= room:
        return what + note
    return what[:max(12, room - 1)] + "…" + note


def bar_columns(width: int) -> tuple:
    """A bar's columns for a terminal `width` wide: the description cut short (…) to leave
    the bar, the count and the time left their room (newcomer41: a book's "rendering
    <book>, assembling, 26 of 53 episodes to write" filled 80 columns, and the count and
    the time left were cut to "25…" and "-:")."""
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn
    from rich.table import Column
    return (TextColumn("{task.description}", table_column=Column(
                no_wrap=True, overflow="ellipsis", max_width=description_width(width))),
            BarColumn(), MofNCompleteColumn(table_column=Column(no_wrap=True)), _clock_column())


@contextmanager
def _logging_to(terminal, above_bars):
    """The log handlers writing to `terminal` write to `above_bars` meanwhile: rich's
    stand-in for stderr while bars are drawn, which prints each line above them (a warning
    written to the terminal itself landed at the end of a bar's line, and stayed there)."""
    moved = [h for h in logging.getLogger().handlers
             if isinstance(h, logging.StreamHandler) and h.stream is terminal]
    for handler in moved:
        handler.setStream(above_bars)
    try:
        yield
    finally:
        for handler in moved:
            handler.setStream(terminal)


def _clock_column():
    """The time column: time left for a bar of like steps (segments), time so far for a bar
    of stages (task field `stages`), whose lengths differ too much to foretell, and for
    segments all spoken while the audio is assembled (task field `assembling`); -:--:-- for
    segments whose time left the pace so far does not tell (task field `foretold`: two
    engines with work left). A book's episodes still to write (task field `written_by`,
    _WritePace) count too: the time left is the later of the two, and once every segment
    is spoken it is theirs while they last."""
    from datetime import timedelta

    from rich.progress import ProgressColumn, TimeElapsedColumn, TimeRemainingColumn
    from rich.table import Column
    from rich.text import Text

    def left_text(seconds: float) -> Text:
        return Text(str(timedelta(seconds=int(seconds))), style="progress.remaining")

    class Clock(ProgressColumn):
        left, so_far = TimeRemainingColumn(), TimeElapsedColumn()

        def render(self, task):
            if task.fields.get("stages"):
                return self.so_far.render(task)
            by = task.fields.get("written_by")
            writes_left = None if by is None else by - task.get_time()
            join = task.fields.get("join_ahead") or 0.0  # the audiobook's, after the writes
            if task.fields.get("assembling"):  # so far, counting on (rich stops a full bar's)
                if writes_left is not None and writes_left >= 1:
                    return left_text(writes_left + join)
                so_far = timedelta(seconds=max(0, int(task.elapsed or 0)))
                return Text(str(so_far), style="progress.elapsed")
            if not task.fields.get("foretold", True):
                return Text("-:--:--", style="progress.remaining")
            spoken_in = task.time_remaining
            if spoken_in is not None and writes_left is not None and writes_left > spoken_in:
                return left_text(writes_left + join)
            if spoken_in is not None and join:
                return left_text(spoken_in + join)
            return self.left.render(task)
    return Clock(table_column=Column(no_wrap=True))


WRITE_PACE_WRITES = 8
"""How many of a book's last episodes written its encoders' pace is measured over."""


class _WritePace:
    """When a book's episodes will all be written, at the pace the last few were (walk36:
    with espeak-ng the two finishers' MP3 and AAC encoders fell behind the speaking, and
    the bar said 0:00:19 left with 26 of 53 episodes still to write, 3m50 of work): from
    the (episodes not written yet, episodes) a book's progress tells, at three writes
    seen or more; None before, and once all are written."""

    def __init__(self) -> None:
        from collections import deque
        self.writes: deque[tuple[float, int]] = deque(maxlen=WRITE_PACE_WRITES)
        self.unwritten: int | None = None
        self.join_began: tuple[float, int] | None = None

    def written_by(self, now: float, to_write: tuple[int, int] | None) -> float | None:
        if not to_write:
            return None
        left = to_write[0]
        if self.unwritten is not None and left < self.unwritten:
            self.writes.append((now, left))
        self.unwritten = left
        if left == 0 or len(self.writes) < 3:
            return None
        (first, before), (last, after) = self.writes[0], self.writes[-1]
        if last <= first:
            return None
        return last + left * (last - first) / (before - after)

    def joined_by(self, now: float, joined: tuple[int, int]) -> float | None:
        """When the book's audiobook will be joined, at the pace its join has gone so far
        (`joined`: its bytes fed to ffmpeg, of all; fix38: the join of a novel's .m4b
        took 20-30 s that the bar counted as time so far); None until some are fed."""
        fed, total = joined
        if self.join_began is None:
            self.join_began = (now, fed)
        began, at_first = self.join_began
        if now <= began or fed <= at_first or fed >= total:
            return None
        return now + (total - fed) * (now - began) / (fed - at_first)


@contextmanager
def progress_bar(label: str):
    """A progress callback (name, done, total, foretold[, to_write]): a bar with the time
    left for each name on a terminal (while `foretold`, else -:--:--:
    drama.render.synth.LeftByEngine), silent otherwise. Once every segment is in, the bar
    says the audio is being assembled (and a book's episodes to write: assembling_note) and
    its clock counts on: assembling and encoding a long episode, or a book's last
    chapters and audiobook, takes a minute on a busy machine, where a full bar at 0:00:00
    looked stuck (walk31). A book's time left counts its episodes still to write at its
    encoders' pace (_WritePace), once that is longer, and the audiobook's join to come
    (`join_ahead`: its seconds as the last join took, 0 when unknown; the bar says it),
    then the join at its own pace (`joined`: bytes fed to the join, of all)."""
    with _bars() as bar:
        if bar is None:
            yield None
            return
        tasks: dict[str, int] = {}
        paces: dict[str, _WritePace] = {}
        lock = threading.Lock()  # a book's finisher threads tell its writes

        def step(name: str, done: int, total: int, foretold: bool = True,
                 to_write: tuple[int, int] | None = None,
                 joined: tuple[int, int] | None = None,
                 join_ahead: float | None = None) -> None:
            if name not in tasks:
                for earlier, task in tasks.items():  # one at a time: those are written
                    bar.update(task, assembling=False, written_by=None,
                               description=f"{label} {earlier}")
                tasks[name], paces[name] = bar.add_task(f"{label} {name}", total=total), \
                    _WritePace()
            assembling = done >= total
            with lock:
                written_by = paces[name].written_by(bar.get_time(), to_write)
                if joined is not None:
                    written_by = paces[name].joined_by(bar.get_time(), joined)
            ahead = None if joined is not None else join_ahead
            bar.update(tasks[name], completed=done, total=total, foretold=foretold,
                       assembling=assembling, written_by=written_by, join_ahead=ahead,
                       description=described(f"{label} {name}", assembling_note(
                           to_write, joined, ahead is not None) if assembling else "",
                           bar.console.width))
        yield step


def assembling_note(to_write: tuple[int, int] | None,
                    joined: tuple[int, int] | None = None, join_ahead: bool = False) -> str:
    """What a render's bar says once every segment is spoken: ', assembling', and for a
    book the episodes its encoders have still to write (walk36: 26 of 53 were, for 3m50,
    where the bar counted nothing), and the audiobook's join to come (`join_ahead`), then
    that its audiobook is being joined."""
    if joined is not None:
        return ", assembling, joining the audiobook"
    then = ", then the audiobook" if join_ahead else ""
    if not to_write or not to_write[0]:
        return f", assembling{then}"
    left, count = to_write
    return f", assembling, {left} of {count} episodes to write{then}"


@contextmanager
def stage_bar(label: str, stages: tuple[str, ...]):
    """A progress callback told each stage's name as it begins: a bar of stages with the
    stage under way on a terminal, gone when the work is, silent otherwise (as
    progress_bar)."""
    with _bars() as bar:
        if bar is None:
            yield None
            return
        task = bar.add_task(label, total=len(stages), stages=True)

        def step(stage: str) -> None:
            bar.update(task, completed=stages.index(stage), description=f"{label}: {stage}",
                       refresh=True)  # drawn now: a stage may last seconds, or be the last
        try:
            yield step
        finally:
            bar.remove_task(task)


def extraction_bar(source: Path):
    """The stage bar of extracting the text `source` and writing its script: one for
    `drama extract` and for `drama build` (its `extracting`), so both show the same."""
    from ..loading import EXTRACT_TO_FILE_STAGES
    return stage_bar(f"extracting {source.name}", EXTRACT_TO_FILE_STAGES)


CAST_STAGES = ("reading the scripts", "choosing the voices")
"""The stages of `drama cast` (a novel's script takes seconds to read, its cast seconds to
choose)."""


def casting_bar(casting: Path):
    """The stage bar of `drama cast` adding to the casting file `casting` (CAST_STAGES), as
    extraction_bar is `drama extract`'s: on a terminal only."""
    return stage_bar(f"casting into {casting.name}", CAST_STAGES)


def write_or_print(text: str, out: Optional[Path]) -> None:
    from ..scriptfile import write_atomic
    if out is None:
        sys.stdout.write(text)
    else:
        write_atomic(out, text)
        say(f"wrote {out}")


def output_path(path: str | Path, default_name: str, *inputs: Optional[Path]) -> Path:
    """Where -o PATH writes: checked against the command's inputs, a folder means inside it.
    PATH is the raw option (a str) where it may end in a slash: `-o out/` is a folder."""
    from ..files import resolve_output
    return resolve_output(path, default_name, [p for p in inputs if p is not None])


def named_output(value: str | None) -> str | None:
    """An -o option's callback: an empty one (`-o ''`, `-o "$UNSET"`) is refused, not taken
    as the current folder (extract, export) or as no -o at all (render, build)."""
    if value is not None and not value.strip():
        fail(f"-o is empty ({value!r}): give a file or a folder (such as -o out/)")
    return value


def named_host(value: str) -> str:
    """A --host option's callback (serve, studio): an empty one (`--host "$HOST"` unset) is
    refused; the server took it as every address, so the folder was open to the network
    while drama said `http://:8000/`. An IPv6 address as a URL writes it, "[::1]" (copied
    from the URL serve prints), is the address: it was "cannot listen on [[::1]]:8000"."""
    if not value.strip():
        fail(f"--host is empty ({value!r}): give an address, such as 127.0.0.1 (this machine, "
             "the default) or 0.0.0.0 (every device on the network)")
    if value.startswith("[") and value.endswith("]") and ":" in value:
        return value[1:-1]
    return value


def one_line(value: str | None, option: str) -> str | None:
    """A title or author given, its spaces folded ("" kept: it forgets the one given
    before); one holding a line break or another control character is refused (a tag and
    the feed hold one line), and so is one of spaces alone (it would forget it unsaid)."""
    from ..model import breaks_lines
    if value is None:
        return None
    if breaks_lines(value):
        fail(f"{option} cannot hold a line break or another control character: {value!r}")
    if value and not value.strip():
        fail(f"{option} holds only spaces: give one, or {option} '' to forget the one given "
             "before")
    return " ".join(value.split())


def print_cast_report(docs, cast_, catalog=None) -> None:
    """The cast as a table; with a VoiceCatalog, a voice its engine does not have is marked
    "(unknown voice)" and named after the table with what to do (a listing: no error)."""
    from ..casting import speaker_report
    rows = speaker_report(docs, cast_)
    unknown = {} if catalog is None else _unknown_voices(rows, cast_, catalog)
    table = [("SPEAKER", "LINES", "WORDS", "VOICE", "GENDER")]
    for r in rows:
        name = f"{r.speaker} (as {r.cast_as})" if r.cast_as else r.speaker
        voice = r.voice or "(not cast)"
        if (r.cast_as or r.speaker) in unknown:
            voice += " (unknown voice)"
        table.append((name, str(r.lines), str(r.words), voice, r.gender))
    print_table(table, right=(1, 2))
    for name, entry in unknown.items():
        typer.echo(_unknown_voice_note(cast_.path, name, entry, catalog))


def _unknown_voices(rows, cast_, catalog) -> dict:
    """The casting file's entries of the rows whose voice the engine does not have, by the
    entry's name (a speaker's, or the one an alias is cast as), as loading the file with the
    catalog finds them (drama's default narrator is no entry of the file)."""
    from ..casting import DEFAULT_NARRATOR
    unknown = {}
    for r in rows:
        entry = cast_.entry_for(r.speaker)
        if entry is None or entry is DEFAULT_NARRATOR:
            continue
        if not catalog.knows(entry.engine, entry.voice):
            unknown[r.cast_as or r.speaker] = entry
    return unknown


def _unknown_voice_note(path, name: str, entry, catalog) -> str:
    from ..casting import closest_voices
    hint = closest_voices(entry.voice, catalog.ids(entry.engine))
    guess = f"; did you mean {' or '.join(hint)}?" if hint else ";"
    return (f"{shown_path(path)}: {name}: unknown voice {entry.voice!r}{guess} "
            f"`drama voices --engine {catalog.engine(entry.engine)}` lists them")


COLUMN_CAP = 40
"""A table's column is as wide as its longest entry up to this many characters: a longer
one (a speaker named at length, a page-long voice id) ends its line, and the rest of its
row goes on the next, each cell in its column, instead of padding every row to its length
(the row's counts stood two columns right of the others': walk33)."""


def print_table(table: list[tuple[str, ...]], right: tuple[int, ...] = ()) -> None:
    """Rows of cells in columns two spaces apart, the first row the heading; the columns
    in `right` aligned right (counts), the last left unpadded."""
    widths = [min(COLUMN_CAP, max(len(row[i]) for row in table))
              for i in range(len(table[0]) - 1)]
    starts = [sum(widths[:i]) + 2 * i for i in range(len(widths) + 1)]
    for row in table:
        lines, line = [], ""
        for i, cell in enumerate(row):
            line = line.ljust(starts[i])
            if i == len(widths):
                line += cell
            else:
                line += cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
                if len(cell) > widths[i]:   # past its column: the row goes on below
                    lines.append(line.rstrip())
                    line = ""
        typer.echo("\n".join([*lines, line.rstrip()] if line.strip() else lines))
