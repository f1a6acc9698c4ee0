"""The script as text formats. Each exporter is a function (Script, ExportOptions) -> str.

Adding a format is one module and one line in EXPORTERS. The subtitle formats (srt, vtt)
read the render manifest in the options, because their times come from the audio.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from ..errors import ExportError
from ..model import Script
from ..scriptfile import require_valid_spans
from ..wording import pasteable
from .fountain import export_fountain
from .json import export_json
from .md import export_md
from .options import NARRATION_STYLES, ExportOptions
from .subtitles import (load_manifest, manifest_beside, manifests_near, srt_text, vtt_text,
                        write_subtitles)
from .txt import export_txt
from .written import write_export, write_own_exports

Exporter = Callable[[Script, ExportOptions], str]


def _needs_manifest(render: Callable[[dict, str | None], str]) -> Exporter:
    def exporter(script: Script, options: ExportOptions) -> str:
        if options.manifest is None:
            raise ExportError("subtitles need the render manifest (<name>.manifest.json); "
                              "render the script first (`drama render SCRIPT`) or pass "
                              "--manifest PATH")
        return render(options.manifest, options.source_text)
    exporter.__doc__ = render.__doc__
    return exporter


EXPORTERS: dict[str, Exporter] = {
    "txt": export_txt,
    "md": export_md,
    "fountain": export_fountain,
    "json": export_json,
    "srt": _needs_manifest(srt_text),
    "vtt": _needs_manifest(vtt_text),
}
"""Format name (also the file extension) -> exporter."""

SUBTITLE_FORMATS = ("srt", "vtt")
RENDER_TEXT_FORMATS = (*SUBTITLE_FORMATS, "txt")
"""The exports a build writes beside an episode and a render writes again (unless edited)."""


def export_script(script: Script, fmt: str, options: ExportOptions | None = None,
                  spans_checked: bool = False) -> str:
    """The script in the named format, or an ExportError listing the known ones.
    `spans_checked`: the caller checked the spans already (a whole book's, each episode in
    its own file: episodes kept as edited and episodes extracted again may index two
    versions of the text, which only the text, when there, puts in one order)."""
    try:
        exporter = EXPORTERS[fmt]
    except KeyError:
        raise ExportError(f"unknown format {fmt!r}; known: {', '.join(EXPORTERS)}") from None
    if not spans_checked:
        require_valid_spans(script)  # the spans `drama check` rejects are refused here too
    opts = options or ExportOptions()
    if opts.narration not in NARRATION_STYLES:
        raise ExportError(f"unknown narration style {opts.narration!r}; "
                          f"known: {', '.join(NARRATION_STYLES)}")
    return exporter(script, opts)


def _is_radio_play_of(script: Script, path: Path, manifest: Path) -> bool:
    """Whether path is a radio play of script (`drama export --format txt`, build's .txt):
    it opens with the script's heading, the title underlined and the cast. A text named
    alike (story.txt beside story.script.yaml), the source above all (as the script
    records it, or as the manifest beside records the text its episode was rendered
    from), is never one."""
    from ..files import same_file
    from ..render.episode import recorded_source
    from .txt import heading
    sources = [Path(script.source)] if script.source else []
    if any(same_file(path, s) for s in [*sources, recorded_source(manifest)] if s):
        return False
    try:
        with open(path, encoding="utf-8") as f:
            opening = [f.readline().rstrip("\n") for _ in range(4)]
    except (OSError, UnicodeDecodeError):
        return False
    expected = heading(script)  # title, underline, "", then "CAST: ..." when it has speakers
    has_cast = len(expected) > 3
    return opening[:2] == expected[:2] and opening[3].startswith("CAST: ") == has_cast


def refresh_render_texts(script: Script, manifest: str | Path,
                         script_path: str | Path = "SCRIPT") -> list[str]:
    """After a render, write again the subtitles and radio-play text an earlier render or
    build left beside its manifest (<name>.srt/.vtt, timed by this render, and <name>.txt),
    so none of them tells of the audio or speakers before; files not there are not made,
    and a file a person edited is kept (written.write_own_exports: the warning names
    `drama export` of script_path to have drama's again). The paths whose text changed,
    written."""
    from ..files import file_stem
    folder, name = Path(manifest).parent, file_stem(manifest)
    texts: dict[Path, str] = {}
    subtitled = any((folder / f"{name}.{ext}").exists() for ext in SUBTITLE_FORMATS)
    radio_play = _is_radio_play_of(script, folder / f"{name}.txt", Path(manifest))
    source_text = _source_text(script, script_path) if subtitled or radio_play else None
    if subtitled:
        data = load_manifest(manifest)
        texts[folder / f"{name}.srt"] = srt_text(data, source_text)
        texts[folder / f"{name}.vtt"] = vtt_text(data, source_text)
    if radio_play:
        texts[folder / f"{name}.txt"] = _radio_play(script, source_text)
    return write_own_exports(texts, regenerate=export_command(script_path))


def write_episode_texts(script: Script, manifest: Path, script_path: Path) -> list[str]:
    """A built episode's subtitles and radio play beside its manifest (<name>.srt, .vtt,
    .txt), each but one a person edited (write_own_exports). The paths written."""
    from ..files import file_stem
    folder, name = manifest.parent, file_stem(manifest)
    data = load_manifest(manifest)
    source_text = _source_text(script, script_path)
    return write_own_exports({folder / f"{name}.srt": srt_text(data, source_text),
                              folder / f"{name}.vtt": vtt_text(data, source_text),
                              folder / f"{name}.txt": _radio_play(script, source_text)},
                             regenerate=export_command(script_path))


def _source_text(script: Script, script_path: str | Path) -> str | None:
    """The text script's spans index, as `drama export` reads it: the source's quotation
    marks in narrator lines are shown from it (the radio play's, the subtitles')."""
    from ..loading import source_text_of
    return source_text_of(script, None if str(script_path) == "SCRIPT" else script_path)


def _radio_play(script: Script, source_text: str | None) -> str:
    """The txt export a render or build writes beside an episode, the source's quotation
    marks in its narrator lines as `drama export` shows them."""
    return export_script(script, "txt", ExportOptions(source_text=source_text))


def export_command(script_path: str | Path) -> Callable[[Path], str]:
    """What writes drama's export at a path again, the command to paste (write_own_exports):
    "`drama export tale.script.yaml --format srt -o tale.srt` writes drama's again". A
    function of the path, not a template: a script named "{a}.script.yaml" made a template's
    .format() raise (a traceback)."""
    def command(path: Path) -> str:
        return (f"`drama export {pasteable(script_path)} --format {path.suffix.lstrip('.')} "
                f"-o {pasteable(path)}` writes drama's again")
    return command


__all__ = ["EXPORTERS", "RENDER_TEXT_FORMATS", "SUBTITLE_FORMATS", "ExportOptions",
           "export_script", "load_manifest", "manifest_beside", "manifests_near",
           "refresh_render_texts", "write_episode_texts", "write_export", "write_own_exports",
           "write_subtitles"]
