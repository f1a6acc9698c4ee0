"""`drama studio` and `drama serve`: the browser studio and the podcast server."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

import typer

from ..wording import counted
from .common import DEFAULT_CASTING, ENGINE_HELP, app, handle_errors, named_host, say


@app.command()
@handle_errors
def studio(
    path: Path = typer.Argument(Path("output"), help="A script, or a folder of episode "
                                                      "scripts (what `drama build` writes)."),
    casting: Path = typer.Option(DEFAULT_CASTING, "--casting", "-c", help="The casting file."),
    engine_name: str = typer.Option("auto", "--engine", help=ENGINE_HELP),
    port: int = typer.Option(0, "--port", min=0, max=65535, metavar="PORT",
                             show_default=False,
                             help="The port to listen on (default: a free one)."),
    host: str = typer.Option("127.0.0.1", "--host", callback=named_host,
                             help="The address to listen on. Anything but 127.0.0.1 lets "
                                  "other machines reach the studio (with the token)."),
    no_browser: bool = typer.Option(False, "--no-browser", help="Do not open a browser."),
) -> None:
    """Review who speaks, cast and audition voices, and listen, in a browser page.

    Prints the studio's URL (with its per-run token) on the first line and opens it. Script:
    the text coloured by speaker, the least confident lines first, a line's speaker changed,
    split or made narration, speakers merged, renamed or moved. Cast: each speaker's voice,
    rate, pitch and volume, with a play button. Listen: the episode with the line being
    spoken highlighted; "render changes" synthesizes only what changed. Every change is
    written to the same files the commands use; Ctrl-C stops it.
    Example: drama studio output
    """
    import webbrowser

    from ..engines import check_engine_choice
    from ..studio.server import is_loopback, start_studio
    check_engine_choice(engine_name)  # else the page fails at its first cast or render
    server = start_studio(path, casting, host=host, port=port, engine_name=engine_name)
    typer.echo(server.url)
    sys.stdout.flush()
    if not is_loopback(host):
        say(f"listening on {host}: anyone who can reach this machine and has the URL above "
            "can edit these files")
    say(f"drama studio: {counted(len(server.studio.project.episodes), 'episode')} in "
        f"{server.studio.project.root}, voices in {casting}; Ctrl-C to stop")
    if not no_browser:
        webbrowser.open(server.url)
    try:
        server.serve_forever()      # Werkzeug's returns at Ctrl-C, no KeyboardInterrupt
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    say("drama studio: stopped")


@app.command()
@handle_errors
def serve(
    folder: Path = typer.Argument(..., help="The folder `drama build BOOK -o OUT` made of "
                                            "a book: OUT/<book>, with its episodes and "
                                            "feed.xml (a folder, not a file)."),
    host: str = typer.Option("127.0.0.1", "--host", callback=named_host,
                             help="Address to listen on; 0.0.0.0 for every device on the "
                                  "network (a podcast app on your phone)."),
    port: int = typer.Option(8000, "--port", "-p", min=1, max=65535, metavar="PORT",
                              help="Port to listen on."),
) -> None:
    """Serve a book's folder over HTTP (with seeking), so a podcast app can subscribe.

    Only files inside FOLDER are served. Build with --feed-url http://HOST:PORT so the
    feed's links point here (a feed whose links point elsewhere is warned of).
    Example: drama serve out/emma --host 0.0.0.0
    """
    from ..book.serve import feed_elsewhere, make_server, shown_host
    server = make_server(folder, host, port)
    elsewhere = feed_elsewhere(folder, host, server.server_address[1])
    if elsewhere:
        logging.getLogger(__name__).warning("%s", elsewhere)
    feed = ("feed: /feed.xml" if (Path(folder) / "feed.xml").is_file() else
            "no feed.xml here: build the book with --feed-url to make one")
    say(f"serving {folder} at http://{shown_host(host)}:{server.server_address[1]}/ ({feed}); "
        "Ctrl-C stops")
    try:
        server.serve_forever()
    except KeyboardInterrupt:   # Ctrl-C, or SIGTERM (handle_errors makes it one)
        pass
    finally:
        server.server_close()
    say("drama serve: stopped")  # as the studio says it
