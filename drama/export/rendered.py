"""Which render a script's subtitles follow: the manifest `drama render` wrote of it, found
beside the script or where `render -o FOLDER/` put it, and whether its lines are still the
script's (subtitles caption the audio, not later edits)."""
from __future__ import annotations

import logging
from pathlib import Path

from ..errors import ExportError
from ..model import Script
from ..wording import counted, pasteable
from .subtitles import load_manifest, manifest_beside, manifests_near

log = logging.getLogger(__name__)


def render_manifest(script: Script, path: Path, output: Path | None) -> Path:
    """The manifest of a script's render, for its subtitles: the one beside it, else the
    one render wrote elsewhere (`drama render SCRIPT -o wav/`) when one is found
    (manifests_near) holding mostly the script's lines or, of several, one only was
    rendered from these very lines; else an error saying what to pass. A manifest of the
    same name holding mostly other lines is another text's (another book's 000), never
    taken unasked."""
    beside = manifest_beside(path)
    if beside.exists():
        return beside
    near = manifests_near(path, output)
    found = [m for m in near if _rendered_from(script, m, mostly=True)]
    if len(found) > 1:
        found = [m for m in found if _rendered_from(script, m)] or found
    if near and not found:
        raise ExportError(f"the render manifests of its name found ({', '.join(map(str, near))}) "
                          f"hold mostly other lines than it, another text's or an older "
                          f"version's: render it (`drama render {pasteable(path)}`), or pass "
                          f"the one to use with --manifest", path=str(path))
    if len(found) == 1:
        log.warning("%s: subtitles timed by %s, the render found there (--manifest to "
                    "choose another)", path, found[0])
        return found[0]
    if found:
        raise ExportError(f"several render manifests could time its subtitles "
                          f"({', '.join(map(str, found))}); pass one with --manifest",
                          path=str(path))
    raise ExportError(f"no render manifest beside it ({beside}) nor in a folder of this "
                      f"one: subtitles are timed by the audio, so render first "
                      f"(`drama render {pasteable(path)}`), or pass the manifest render "
                      f"wrote with --manifest FOLDER/{beside.name}", path=str(path))


def warn_if_rendered_before(script: Script, manifest: dict, path: Path) -> None:
    """Subtitles caption the audio, so they follow its manifest; say so when the script's
    lines (speaker and words) are no longer the ones that audio was rendered from. The
    manifest holds the spoken lines, a long one in pieces under one index (a manifest
    without indexes cannot be compared)."""
    differ = _lines_differ(script, manifest)
    if differ:
        log.warning("%s: %s since the audio was rendered; the subtitles follow the audio: "
                    "render again to caption your edits", path,
                    counted(differ, "line") + (" differs" if differ == 1 else " differ"))


def _rendered_from(script: Script, manifest_path: Path, mostly: bool = False) -> bool:
    """Whether a render manifest (one that reads) holds exactly the script's lines, or
    (mostly) at least half of them, as after a few edits (one without indexes, which cannot
    be compared, may be the script's)."""
    try:
        manifest = load_manifest(manifest_path)
    except ExportError:
        return False
    differ = _lines_differ(script, manifest)
    if not mostly:
        return differ == 0
    return differ is None or _shares_most_lines(script, manifest)


def _shares_most_lines(script: Script, manifest: dict) -> bool:
    """Whether at least half the script's spoken lines (their words) are in a render
    manifest whatever their place (lines added or split since the render move the rest),
    as in a render of an earlier version of it and not of another text."""
    rendered = {words for _, words in _rendered_lines(manifest).values()}
    now = [words for _, words in _spoken_lines(script).values()]
    return 2 * sum(words in rendered for words in now) >= len(now)


def _lines_differ(script: Script, manifest: dict) -> int | None:
    """How many of the script's spoken lines (speaker and words) differ from those its
    render manifest holds (a long one in pieces under one index); None for a manifest
    without indexes, which cannot be compared."""
    if not all(isinstance(item.get("index"), int) for item in manifest["lines"]):
        return None
    rendered = _rendered_lines(manifest)
    now = _spoken_lines(script)
    return sum(rendered.get(i) != v for i, v in now.items()) + len(rendered.keys() - now)


def _spoken_lines(script: Script) -> dict[int, list]:
    """A script's spoken lines by index: [speaker, words without spaces]."""
    return {i: [ln.speaker, "".join(ln.text.split())] for i, ln in enumerate(script.lines)
            if ln.spoken and ln.text.strip()}


def _rendered_lines(manifest: dict) -> dict[int, list]:
    """A render manifest's spoken lines by index: [speaker, words without spaces] (a long
    line's pieces joined; one with indexes only)."""
    rendered: dict[int, list] = {}
    for item in manifest["lines"]:
        got = rendered.setdefault(item.get("index"), [item.get("speaker"), ""])
        got[1] += "".join(str(item.get("text", "")).split())
    return rendered
