"""The studio's web app (Flask): three server-rendered pages and a small JSON API.

Every request needs the per-run token: in the URL the studio prints (`?token=...`, which
sets a cookie for the pages after it), in a cookie, or in the `X-Studio-Token` header. A
request that changes anything must carry the header, which another site's page cannot set,
so a page elsewhere cannot make edits through a person's browser. On the loopback address,
only requests for this host and port are answered (a DNS-rebinding page gets nothing).
Files are served only by episode name, from inside the project folder; no request's text
reaches a shell.
"""
from __future__ import annotations

import hmac
import logging
from pathlib import Path

from flask import Flask, Response, abort, jsonify, redirect, render_template, request, \
    send_file, url_for
from werkzeug.exceptions import NotFound

from ..errors import DramaError
from ..wording import possessive
from . import actions, views
from .session import FileConflict, Studio

log = logging.getLogger(__name__)

COOKIE = "drama_studio_token"
MAX_REQUEST_BYTES = 1 << 20
"""The most a request may send: an edit is a few hundred bytes; a bigger body is refused
before it is read (a 300 MB one held 600 MB of the studio's memory)."""


def create_app(studio: Studio, token: str, allowed_hosts: set[str] | None = None) -> Flask:
    """The app for one studio; allowed_hosts None accepts any Host header (--host)."""
    app = Flask(__name__)
    app.config["studio"] = studio
    app.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    app.jinja_env.globals.update(colour=views.colour)
    app.jinja_env.filters["possessive"] = possessive
    app.jinja_env.filters["confidence"] = \
        lambda c: "checked" if c is None else f"{c:.2f}"
    _guard(app, token, allowed_hosts)
    _add_pages(app, studio, token)
    _add_near_misses(app, studio)
    _add_api(app, studio)
    return app


def _guard(app: Flask, token: str, allowed_hosts: set[str] | None) -> None:
    """Every request checked for the token (and the host), every response hardened."""
    @app.before_request
    def guard():
        if allowed_hosts is not None and request.host not in allowed_hosts:
            abort(403, "unknown host")
        given = request.headers.get("X-Studio-Token") or request.args.get("token") or \
            request.cookies.get(COOKIE) or ""
        if not hmac.compare_digest(given.encode(), token.encode()):
            abort(403, "this studio needs the token in the URL it printed when it started")
        if request.method != "GET" and not hmac.compare_digest(
                request.headers.get("X-Studio-Token", "").encode(), token.encode()):
            abort(403, "changes need the X-Studio-Token header")

    @app.after_request
    def headers(response: Response) -> Response:
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Cache-Control"] = response.headers.get("Cache-Control", "no-store")
        if hmac.compare_digest(request.args.get("token", "").encode(), token.encode()):
            response.set_cookie(COOKIE, token, httponly=True, samesite="Strict")
        return response


def _add_pages(app: Flask, studio: Studio, token: str) -> None:
    """The three pages (script, cast, listen) and the episodes' audio files."""
    def page(template: str, **context) -> str:
        return render_template(template, studio=studio, token=token,
                               episodes=studio.project.episodes, lang=studio.project.language,
                               generation=studio.generation, undo=studio.undo_label(),
                               **context)

    @app.get("/favicon.ico")
    def favicon():
        return Response(status=204)

    @app.get("/")
    def index():
        return redirect(url_for("script_view", episode=_first_episode(studio)))

    @app.get("/script/<episode>")
    def script_view(episode: str):
        studio.refresh()
        ep = _episode(studio, episode)
        error = studio.script_error(ep)
        data = None if error else views.script_page(studio, ep)
        return page("script.html", view="script", episode=ep, data=data, error=error)

    @app.get("/cast", strict_slashes=False)
    def cast_view():
        studio.refresh()
        episode = request.args.get("episode") or _first_episode(studio)
        return page("cast.html", view="cast", episode=_episode(studio, episode),
                    data=views.cast_page(studio), engines=_engines(studio))

    @app.get("/listen/<episode>")
    def listen_view(episode: str):
        studio.refresh()
        ep = _episode(studio, episode)
        return page("listen.html", view="listen", episode=ep,
                    data=views.listen_page(studio, ep), render=studio.renderer.status)

    @app.get("/audio/<episode>/<name>")
    def audio(episode: str, name: str):
        ep = _episode(studio, episode)
        path = next((p for p in ep.audio_files() if p.name == name), None)
        if path is None or not path.is_file() or not studio.project.serves(path):
            abort(404, f"episode {ep.name} has no audio file {name!r} (the studio serves only "
                       "the audio its render wrote)")
        response = send_file(Path(path).resolve(), conditional=True, max_age=0)
        response.headers["Cache-Control"] = "no-cache"
        return response


def _add_near_misses(app: Flask, studio: Studio) -> None:
    """An address near a page's: /script or /listen without an episode opens the first
    episode's (or with a slash after the episode, that episode's), and any other unknown
    address is a 404 that names the pages (both were "The requested URL was not found on
    the server": walk34)."""
    @app.get("/script/", strict_slashes=False)
    def first_script():
        return redirect(url_for("script_view", episode=_first_episode(studio)))

    @app.get("/listen/", strict_slashes=False)
    def first_listen():
        return redirect(url_for("listen_view", episode=_first_episode(studio)))

    @app.get("/script/<episode>/")  # a trailing slash was a 404 (hostile35)
    def script_slash(episode: str):
        return redirect(url_for("script_view", episode=episode))

    @app.get("/listen/<episode>/")
    def listen_slash(episode: str):
        return redirect(url_for("listen_view", episode=episode))

    @app.errorhandler(404)
    def not_found(exc):
        if exc.description != NotFound.description:
            return exc  # a page's own 404, which says what is missing
        pages = (f"no page {request.path} here: the studio's pages are /script/EPISODE, "
                 f"/cast and /listen/EPISODE{_opens(studio)}")
        if request.path.startswith("/api/"):
            return jsonify(error=pages, generation=studio.generation), 404
        return NotFound(pages)


def _add_api(app: Flask, studio: Studio) -> None:
    """The JSON API the pages call: status, edits and undo, voices, auditions, renders."""
    _add_error_replies(app, studio)
    _add_edit_api(app, studio)
    _add_voice_api(app, studio)

    @app.post("/api/render")
    def render():
        payload = _json()
        episode = _arg_episode(studio, payload)
        started = studio.renderer.start(episode, actions.render_job(studio, episode))
        return jsonify(started=started, render=studio.renderer.status.to_dict())


def _add_error_replies(app: Flask, studio: Studio) -> None:
    """A DramaError and a request too large answered as the API's JSON errors."""
    @app.errorhandler(DramaError)
    def drama_error(exc: DramaError):
        status = 409 if isinstance(exc, FileConflict) else 400
        return jsonify(error=str(exc), generation=studio.generation), status

    @app.errorhandler(413)
    def too_large(exc):
        return jsonify(error=f"a request to the studio is at most {MAX_REQUEST_BYTES >> 20} MB; "
                             "nothing was read or written", generation=studio.generation), 413


def _add_edit_api(app: Flask, studio: Studio) -> None:
    """The API's status (generation, notices, undo, render), edits, undo and casting."""
    @app.get("/api/status")
    def status():
        studio.refresh()
        since = request.args.get("since", type=int, default=studio.generation)
        notices = [n.message for n in studio.notices if n.generation > since]
        return jsonify(generation=studio.generation, notices=notices,
                       undo=studio.undo_label(), render=studio.renderer.status.to_dict())

    @app.post("/api/edit")
    def edit():
        payload = _json()
        generation = _generation(payload)
        studio.check_generation(generation)
        label, plan = actions.plan_edit(studio, payload)
        summary = studio.apply(plan, generation, label)
        result = {"summary": summary or ["nothing to change"], "generation": studio.generation,
                  "undo": studio.undo_label(), "notes": plan.notes}
        if payload.get("op") in ("line-speaker", "line-narrator", "line-accept"):
            result["line"] = _line_view(studio, payload["episode"], payload["index"])
        return jsonify(result)

    @app.post("/api/undo")
    def undo():
        summary = studio.undo(_generation(_json()))
        return jsonify(summary=summary, generation=studio.generation,
                       undo=studio.undo_label())

    @app.post("/api/cast-new")
    def cast_new():
        summary = actions.cast_new(studio, _generation(_json()))
        return jsonify(summary=summary, generation=studio.generation,
                       undo=studio.undo_label())


def _line_view(studio: Studio, episode: str, index: int) -> dict:
    """A line as the script page redraws it after an edit: its speaker, kind, cue,
    confidence and, for dialogue, the speaker's colour."""
    line = studio.script(studio.project.episode(episode)).lines[index]
    return {"index": index, "speaker": line.speaker, "kind": line.kind, "cue": line.cue,
            "confidence": line.confidence,
            "colour": views.speaker_colours(studio).get(line.speaker)
            or views.colour(line.speaker) if line.kind == "dialogue" else None}


def _add_voice_api(app: Flask, studio: Studio) -> None:
    """The API's voices of an engine and the audition of a speaker's voice."""
    @app.get("/api/voices/<engine>")
    def voices(engine: str):
        from ..casting import espeak_variants, variant_genders
        from ..engines import ENGINES
        if engine not in ENGINES:  # it was "no page /api/voices/..." (hostile35)
            return jsonify(error=f"no engine {engine!r}: the engines are "
                                 f"{', '.join(ENGINES)}", voices=[], variants=[],
                           generation=studio.generation), 404
        why_not = actions.catalog(studio).unusable(engine)
        if why_not:
            return jsonify(error=why_not, voices=[], variants=[]), 400
        found = studio.processes.voices(engine)
        variants = []
        if any(v.id.startswith("gmw/") for v in found):
            genders = variant_genders()
            variants = [{"id": v, "gender": genders.get(v)} for v in espeak_variants()]
        return jsonify(voices=[{"id": v.id, "name": v.name, "language": v.language,
                                "gender": v.gender, "quality": v.quality} for v in found],
                       variants=variants)

    @app.get("/api/audition")
    def audition():
        speaker = request.args.get("speaker", "")
        overrides = {k: request.args.get(k) for k in ("engine", "voice", "rate", "pitch",
                                                      "volume") if request.args.get(k)}
        wav = actions.audition(studio, speaker, overrides)
        return Response(wav, mimetype="audio/wav",
                        headers={"Cache-Control": "no-store"})


def _first_episode(studio: Studio) -> str:
    """The episode an address that names none opens."""
    return studio.project.episodes[0].name


def _opens(studio: Studio) -> str:
    """What the studio's own address opens, for a 404 page: nothing to say when the project
    has no episodes (a 404 page must not fail)."""
    if not studio.project.episodes:
        return ""
    return (" (the studio's own address, /, opens the first episode's script: "
            f"/script/{_first_episode(studio)})")


def _engines(studio: Studio) -> list[dict]:
    """The engines a voice may name (the test engine only when in use), and why one
    cannot speak here."""
    from ..engines import ENGINES
    check = actions.catalog(studio)
    return [{"name": name, "unusable": check.unusable(name)} for name in ENGINES
            if name != "tone" or studio.default_engine == "tone"]


def _episode(studio: Studio, name: str):
    """The episode a page's address names, else a 404 page that says which there are (it
    said "The requested URL was not found on the server": walk33)."""
    try:
        return studio.project.episode(name)
    except DramaError as exc:
        names = [ep.name for ep in studio.project.episodes]
        shown = ", ".join(names[:SHOWN_EPISODES]) + \
            (f" and {len(names) - SHOWN_EPISODES} more" if len(names) > SHOWN_EPISODES else "")
        abort(404, f"{exc}; its episodes: {shown} (the studio's own address, /, opens the "
                   "first)")


SHOWN_EPISODES = 5
"""How many episode names a page for an unknown episode lists."""


def _arg_episode(studio: Studio, payload: dict) -> str:
    name = payload.get("episode")
    if not isinstance(name, str):
        raise actions.BadRequest("episode: expected a name")
    return studio.project.episode(name).name


def _json() -> dict:
    try:
        payload = request.get_json(silent=True)
    except RecursionError:  # nested deeper than the parser goes: no edit, as any bad body
        payload = None
    if not isinstance(payload, dict):
        raise actions.BadRequest("expected a JSON object")
    return payload


def _generation(payload: dict) -> int:
    gen = payload.get("generation")
    if not isinstance(gen, int) or isinstance(gen, bool):
        raise actions.BadRequest("generation: expected the number the page was given")
    return gen
