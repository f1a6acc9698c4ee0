"""`drama cache`: the segment cache's size, and pruning it."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from ..wording import age_text, counted
from .common import Typer, app, fail, handle_errors


cache_app = Typer(help="The segment cache: how big it is, and pruning it.\n\n"
                             "Example: drama cache prune --older-than 30d --keep-book out/emma",
                        no_args_is_help=True)
app.add_typer(cache_app, name="cache")


def _size(n: int) -> str:
    for unit in ("B", "kB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n} B"


@cache_app.command("info")
@handle_errors
def cache_info_cmd() -> None:
    """Where the segment cache is, how many segments it holds and their size.

    Example: drama cache info
    """
    import time

    from ..render.cache import cache_info
    info = cache_info()
    typer.echo(f"{info.root}: {counted(info.entries, 'segment')}, {_size(info.bytes)}")
    if info.entries:
        now = time.time()
        typer.echo(f"last used: oldest {age_text(now - info.oldest)}, newest "
                   f"{age_text(now - info.newest)}")


@cache_app.command("prune")
@handle_errors
def cache_prune_cmd(
    older_than: Optional[str] = typer.Option(
        None, "--older-than", help="Only segments unused for this long: 30d, 12h, 90m."),
    everything: bool = typer.Option(False, "--all",
                                    help="Without --older-than: remove every segment (but "
                                         "those of --keep-book)."),
    keep_book: List[Path] = typer.Option(
        [], "--keep-book", help="Keep every segment a built book (its folder) or episode "
                                "(its manifest) uses; repeat for several."),
    dry_run: bool = typer.Option(False, "--dry-run", "-n",
                                 help="Say how many segments would be removed and the space "
                                      "they take; remove nothing."),
) -> None:
    """Remove cached segments unused for --older-than (or, with --all, every one), except
    those of the books given with --keep-book; --dry-run says what would go, removing nothing.

    Example: drama cache prune --older-than 30d --keep-book out/emma --dry-run
    """
    from ..book.cachekeep import kept_segments, parse_age
    from ..render.cache import prune_cache
    if older_than is None and not everything:
        fail("say what to remove: --older-than 30d (segments unused for 30 days), or --all "
             "(every segment); --keep-book BOOK keeps a built book's own")
    # an empty value (`--older-than "$AGE"` with AGE unset) is an error, never --all
    age = parse_age(older_than) if older_than is not None else None
    keep = kept_segments(keep_book)
    result = prune_cache(older_than=age, keep=keep, dry_run=dry_run)
    if dry_run:
        typer.echo(f"{result.root}: would remove {counted(result.removed, 'segment')} "
                   f"({_size(result.freed)}), leaving {result.entries} "
                   f"({_size(result.bytes)}); nothing removed (--dry-run)")
        return
    typer.echo(f"{result.root}: removed {counted(result.removed, 'segment')} "
               f"({_size(result.freed)}); "
               f"{result.entries} left ({_size(result.bytes)})")
