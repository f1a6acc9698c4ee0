"""User errors: one line naming the file, exit status 2, no traceback."""
from __future__ import annotations

from drama.cli import app


def test_missing_input(runner, tmp_path):
    missing = tmp_path / "nope.txt"
    result = runner.invoke(app, ["extract", str(missing)])
    assert result.exit_code == 2
    assert result.output.strip() == f"drama: error: {missing}: no such file"


def test_undecodable_text(runner, tmp_path):
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("first line\ncaf\xe9 au lait\n".encode("latin-1"))
    result = runner.invoke(app, ["extract", str(bad)])
    assert result.exit_code == 2
    assert result.output.startswith(f"drama: error: {bad}:2: not valid UTF-8")
    assert "Traceback" not in result.output


def test_undecodable_text_names_the_byte_its_column_and_what_windows_1252_reads(runner,
                                                                                 tmp_path):
    """newcomer42: a Windows-1252 file's curly quote was "not valid UTF-8 text (byte 44)":
    its offset in the file, which reads as the byte's value (44 is a comma)."""
    bad = tmp_path / "notepad.txt"
    bad.write_bytes(b"Title\n\nHe said, \x93Go.\x94\n")
    result = runner.invoke(app, ["extract", str(bad)])
    assert result.exit_code == 2
    assert result.output == (f"drama: error: {bad}:3: not valid UTF-8 text: byte 0x93 at "
                             "column 10, '\u201c' in Windows-1252; save it as UTF-8\n")


def test_bad_yaml_script(runner, tmp_path):
    bad = tmp_path / "broken.script.yaml"
    bad.write_text("title: x\nlines:\n  - speaker: [unclosed\n", encoding="utf-8")
    result = runner.invoke(app, ["export", str(bad), "--format", "txt"])
    assert result.exit_code == 2
    assert result.output.startswith(f"drama: error: {bad}:")
    assert "not valid YAML" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_unknown_export_format(runner, seed):
    result = runner.invoke(app, ["export", str(seed), "--format", "docx"])
    assert result.exit_code == 2
    assert "unknown format 'docx'" in result.output


def test_every_command_has_help(runner):
    for command in ("extract", "cast", "voices", "preview", "render", "export", "build"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0, command
        assert "Usage" in result.output


def test_drama_version_names_the_installed_version(runner):
    """`drama --version`, the first thing many people type, was "No such option" (walk31).
    It is the package's version, as pyproject.toml gives it."""
    import tomllib
    from pathlib import Path
    project = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0, result.output
    assert result.output == f"drama {project['project']['version']}\n"


def test_running_out_of_memory_is_one_line_not_a_traceback(runner, tmp_path, monkeypatch):
    """newcomer47: a MemoryError (a machine short of memory, a `ulimit -v`) escaped as a
    traceback with exit status 1, where every other refusal of the system is one line."""
    from drama.cli.common import OUT_OF_MEMORY
    import drama.loading

    def exhausted(*args, **kwargs):
        raise MemoryError()
    monkeypatch.chdir(tmp_path)
    (tmp_path / "story.txt").write_text('"Row on," said Orla.\n', encoding="utf-8")
    monkeypatch.setattr(drama.loading, "extract_to_file", exhausted)
    result = runner.invoke(app, ["extract", "story.txt", "-o", "out/"])
    assert result.exit_code == 2, result.output
    assert result.output.strip() == f"drama: error: {OUT_OF_MEMORY}"
