"""Docs that cannot drift: every command has help text and is shown in the README."""
from __future__ import annotations

import inspect
import re
import shutil
from pathlib import Path

import pytest
import typer.main

from drama.cli import app

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def commands() -> dict:
    """Every command by its name after `drama`, sub-commands too ("speakers merge")."""
    out = {}
    for name, cmd in typer.main.get_command(app).commands.items():
        out[name] = cmd
        for sub, subcmd in getattr(cmd, "commands", {}).items():
            out[f"{name} {sub}"] = subcmd
    return out


def test_every_command_has_help_text():
    for name, cmd in commands().items():
        assert (cmd.help or "").strip(), f"`drama {name}` has no help text"
        for param in cmd.params:
            if param.name != "help" and getattr(param, "help", None) is not None:
                assert param.help.strip(), f"`drama {name}` option {param.name} has empty help"


def test_every_command_has_an_example():
    for name, cmd in commands().items():
        assert re.search(r"^Example: drama ", cmd.help or "", re.M), \
            f"`drama {name} --help` has no Example: line"


def test_every_command_appears_in_the_readme():
    for name in commands():
        assert re.search(rf"\bdrama {name}\b", README), f"README never shows `drama {name}`"


def test_readme_opens_with_the_two_commands():
    first_block = README.split("```", 2)[1]
    assert "make demo" in first_block and "make test" in first_block


def test_the_readme_explains_the_hidden_extracted_copies():
    from drama.saving import baseline_path
    name = baseline_path(Path("output") / "<name>.script.yaml").name
    assert f"`{name}`" in README, f"README must say what {name} files are"
    assert "Deleting these files is" in README


WIDTH = 80
TEXT_WIDTH = WIDTH - 2  # rich pads the help text by a column on each side


def help_at_80_columns(runner, name: str) -> str:
    result = runner.invoke(app, [*name.split(), "--help"], env={"COLUMNS": str(WIDTH)},
                           terminal_width=WIDTH)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("name", ["", *commands()])
def test_help_reads_well_at_80_columns(runner, name):
    """No line past 80 columns; each paragraph filled as a reader expects (not a docstring's
    own line breaks re-broken mid-sentence); each example whole on one line, to copy; and
    every word of the help shown as written (square brackets are not taken for markup)."""
    out = help_at_80_columns(runner, name)
    lines = out.splitlines()
    assert all(len(ln) <= WIDTH for ln in lines), [ln for ln in lines if len(ln) > WIDTH]
    cmd = commands()[name] if name else typer.main.get_command(app)
    doc = inspect.cleandoc(cmd.help or "").replace("\\[", "[")  # as written, unescaped
    for example in re.findall(r"^Example: .*$", doc, re.M):
        assert any(ln.strip() == example for ln in lines), f"broken example: {example}"
    shown = " ".join(out.split())
    for word in doc.split():
        if "[" in word or "]" in word:
            assert word in shown, f"`drama {name} --help` does not show {word!r}"
    text = [ln[1:].rstrip() for ln in lines[:next((i for i, ln in enumerate(lines)
                                                    if ln.startswith("╭")), len(lines))]]
    for a, b in zip(text, text[1:]):
        if a.strip() and b.strip() and not a.startswith((" ", "Usage:")) and \
                not b.startswith((" ", "Example:")):
            assert len(a) + 1 + len(b.split()[0]) > TEXT_WIDTH, \
                f"`drama {name} --help` breaks a line early:\n{a}\n{b}"
    # rich cuts a word longer than the options' help column with "…" (an example URL, a
    # --pauses value): the words after it are lost, and the one cut cannot be copied
    assert "…" not in out, [ln for ln in lines if "…" in ln]


def arguments_of(name: str) -> list:
    return [p for p in commands()[name].params if isinstance(p, typer.core.TyperArgument)]


@pytest.mark.parametrize("name", [n for n in commands() if arguments_of(n)])
def test_usage_lines_name_arguments_as_the_help_does(runner, name):
    """walk29: typer 0.29 wrote `drama render [OPTIONS] {script}` and `drama speakers merge
    [OPTIONS] {keep} {others}...` while the help speaks of SCRIPT, KEEP and OTHERS: each
    argument is named in capitals, in brackets only when optional, in the usage line as in
    the Arguments panel and the errors."""
    out = help_at_80_columns(runner, name)
    usage = next(ln for ln in out.splitlines() if "Usage:" in ln)
    pieces = usage.split(f"drama {name} [OPTIONS]", 1)[1].split()
    expected = []
    for argument in arguments_of(name):
        shown = argument.metavar or ""
        assert shown and shown == shown.upper() and f" {shown} " in out, argument.name
        expected.append((shown if argument.required else f"[{shown}]") +
                        ("..." if argument.nargs != 1 else ""))
    assert pieces == expected
    if name in ("render", "speakers merge"):
        assert pieces == {"render": ["SCRIPT"], "speakers merge": ["KEEP", "OTHERS..."]}[name]


ROOT = Path(__file__).resolve().parent.parent
YOURS = "emma.epub"
"""The one file the README's examples assume, saying so: a book of the reader's own."""


def readme_commands() -> list[list[str]]:
    """The command lines of the README's sh blocks, in order, as words (comments gone);
    synopses with [options] or UPPERCASE placeholders left out."""
    import shlex
    out = []
    for block in re.findall(r"```sh\n(.*?)```", README, re.S):
        for line in block.splitlines():
            words = shlex.split(line, comments=True)
            if words and not re.search(r"\[|\b[A-Z]{4,}\b(?!=)", line.split("#")[0]):
                out.append(words)
    return out


def help_examples() -> list[list[str]]:
    """The `Example: drama ...` lines of every command's --help, as words."""
    import shlex
    return [shlex.split(line[len("Example: "):])
            for cmd in commands().values()
            for line in inspect.cleandoc(cmd.help or "").splitlines()
            if line.startswith("Example: drama ")]


def readme_outputs() -> set[str]:
    """The files the README's examples write, in all (what a newcomer has after them)."""
    return {w for words in readme_commands() for w, prev in zip(words[1:], words)
            if prev in ("-o", ">")}


def assert_files_there(words: list[str], made: set[str], where: str) -> None:
    """Each file the example reads is in the repository, written by `make demo` or in
    made, or the book the README says is the reader's own."""
    demo = {f"output/{s.stem}" for s in (ROOT / "seeds").glob("*.txt")}
    outputs = {w for w, prev in zip(words[1:], words) if prev in ("-o", ">")}
    for w in words:
        w = w.split("=", 1)[-1]
        if w in outputs or "*" in w:
            continue
        if w.startswith("seeds/"):
            assert (ROOT / w).is_file(), f"{where}: {' '.join(words)}: no {w}"
        elif w.startswith("output/") and w != "output/":
            assert w in made or w.split(".")[0] in demo or \
                w.rsplit(".", 1)[0] + ".script.yaml" in made, \
                f"{where}: {' '.join(words)}: nothing before it makes {w}"
        elif w.endswith((".epub", ".txt", ".md", ".html", ".yaml", ".yml", ".json")) or \
                w.startswith("out/"):
            assert w in made or w in (YOURS, "out", "out/emma", "voices.yaml"), \
                f"{where}: {' '.join(words)}: {w}?"


def test_every_readme_example_names_files_a_fresh_clone_has_or_makes():
    """The README named output/emma.script.yaml, which nothing makes: each file an example
    reads is in the repository, written by `make demo` or an example before it, or the book
    the README says is the reader's own."""
    made: set[str] = set()
    assert f"`{YOURS}` stands for a book of yours" in README
    for words in readme_commands():
        assert_files_there(words, made, "README")
        made |= {w for w, prev in zip(words[1:], words) if prev in ("-o", ">")}


def test_every_help_example_names_files_the_readme_has_made():
    """`drama render --help` showed `drama render output/004.script.yaml`, and `drama
    speakers rename` a `-s emma.script.yaml`, which no step makes: copied, they failed
    with "no such file". An example reads only what a newcomer has after the README's
    commands (`make demo`'s files, step 1's output/000.script.yaml) or the reader's own
    book."""
    made = readme_outputs()
    for words in help_examples():
        assert_files_there(words, made, "--help")


def speakers_edited(examples: list[list[str]]) -> dict[str, list[list[str]]]:
    """The speaker names `drama speakers merge/rename/move` examples give, by script."""
    names: dict[str, list[list[str]]] = {}
    for words in examples:
        if words[:2] == ["drama", "speakers"] and words[2] in ("merge", "rename", "move"):
            script = words[words.index("-s") + 1]
            given = [w for w in words[3:words.index("-s")] if not w.startswith("-")]
            names.setdefault(script, []).append(given[:-1] if words[2] == "rename" else
                                                given if words[2] == "merge" else given[:1])
    return names


SEED_000_SCRIPT = "output/000_*.script.yaml"
"""Seed 000's script as the README and --help name it: the one `make demo` writes."""


def fresh_voices_yaml(folder: Path) -> Path:
    """This repository's voices.yaml as a fresh clone has it (git's HEAD), copied into
    folder: the README's examples start from it, and a person who followed them has
    edited the one in the checkout (outside git, that one)."""
    import subprocess
    shown = subprocess.run(["git", "show", "HEAD:voices.yaml"], cwd=ROOT, capture_output=True,
                           text=True, encoding="utf-8") if shutil.which("git") else None
    path = folder / "voices.yaml"
    if shown is not None and shown.returncode == 0:
        path.write_text(shown.stdout, encoding="utf-8")
    else:
        shutil.copy(ROOT / "voices.yaml", path)
    return path


def unvoiced(given: list[list[str]], casting_path: Path) -> list[str]:
    """The names among given that no entry of the casting file voices, by name or alias
    (as render finds a speaker's voice)."""
    from drama.casting import load_casting
    casting = load_casting(casting_path)
    return [name for names in given for name in names if not casting.has(name)]


@pytest.mark.parametrize("where", ["README", "--help"])
def test_every_speaker_an_example_names_is_in_the_seed_it_edits(where, tmp_path):
    """`drama speakers move Menshevik Nikitin -s output/000.script.yaml`: seed 000's
    extraction has no "Menshevik", so the example failed as written (in the README, then
    in --help)."""
    from drama.extract import extract_file
    names = speakers_edited(readme_commands() if where == "README" else help_examples())
    assert set(names) == {SEED_000_SCRIPT}, names
    speakers = set(extract_file(next((ROOT / "seeds").glob("000_*.txt"))).speakers)
    for given in names[SEED_000_SCRIPT]:
        for name in given:
            assert name in speakers, f"{where}: no speaker {name!r} in seed 000"
    assert not unvoiced(names[SEED_000_SCRIPT], fresh_voices_yaml(tmp_path)), where


def test_this_repositorys_voices_yaml_casts_both_seeds_already(tmp_path):
    """The README says so, yet `make demo` in a fresh clone said "cast 1 new speaker" and
    appended a Piper voice for "Lieutenant Sinegub" to the tracked voices.yaml, which held
    him as "Sinegub" (newcomer40): every speaker extraction gives the seeds is voiced, by
    name or alias, as render finds voices."""
    from drama.extract import extract_file
    assert "casts both seeds\nalready" in README or "casts both seeds already" in README
    speakers = [[s for s in extract_file(seed).speakers if s != "Narrator"]
                for seed in sorted((ROOT / "seeds").glob("*.txt"))]
    assert len(speakers) == 2
    assert not unvoiced(speakers, fresh_voices_yaml(tmp_path))


def test_following_the_readme_leaves_its_examples_voiced(runner, tmp_path, monkeypatch):
    """"Fixing the cast in bulk" edits this repository's voices.yaml for real (`speakers
    rename Dan "Fyodor Dan"` renames the entry, Dan kept as an alias): the check above read
    voices.yaml's entry names, so `make test` failed for a person who had followed the
    README, and this test, run on that edited file, failed in turn. Run here on copies of
    the files as a fresh clone has them, the README's edits leave every name its examples
    give voiced, as render finds voices: by name or alias."""
    from drama.cli import app
    fresh_voices_yaml(tmp_path)
    seed = next((ROOT / "seeds").glob("000_*.txt"))
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["extract", str(seed), "-o", "000.script.yaml"]).exit_code == 0
    ran = 0
    for words in readme_commands():
        if words[:2] == ["drama", "speakers"] and len(words) > 2 and \
                words[2] in ("merge", "rename", "move", "voice") and "-n" not in words:
            args = [("000.script.yaml" if w == SEED_000_SCRIPT else w) for w in words[1:]]
            result = runner.invoke(app, args)
            assert result.exit_code == 0, f"{' '.join(words)}: {result.output}"
            ran += 1
    assert ran >= 4
    assert "Fyodor Dan" in (tmp_path / "voices.yaml").read_text(encoding="utf-8")
    names = speakers_edited(readme_commands())[SEED_000_SCRIPT]
    assert not unvoiced(names, tmp_path / "voices.yaml")


@pytest.mark.parametrize("made", ["out/emma/001.mp3", "out/emma.script.yaml",
                                  "piper-voices.yaml", "output/000.script.yaml"])
def test_what_the_readme_makes_in_the_checkout_is_ignored_by_git(made):
    """Following the README (`drama build emma.epub -o out`, the Piper narrator's
    `> piper-voices.yaml`) left out/ and piper-voices.yaml untracked in `git status`."""
    import subprocess
    root = Path(__file__).resolve().parent.parent
    if shutil.which("git") is None or not (root / ".git").exists():
        pytest.skip("not a git checkout")
    assert f"-o {made.split('/')[0]}" in README or f"> {made}" in README
    assert subprocess.run(["git", "check-ignore", "-q", "--no-index", made],
                          cwd=root).returncode == 0, f"{made} is not in .gitignore"


def test_the_quick_start_quotes_what_render_says_of_an_unchanged_episode(runner, tmp_path):
    """Step 6 renders make demo's script again: the README quotes render's last line then,
    which for an episode nothing changed in reuses nothing and says it is up to date."""
    from test_render_cli import invoke
    out = tmp_path / "ep.wav"
    assert invoke(runner, tmp_path, "-o", str(out)).exit_code == 0
    kept = invoke(runner, tmp_path, "-o", str(out)).output.strip().splitlines()[-1]
    step6 = README.split("# 6. render", 1)[1].split("# 7.", 1)[0]
    quoted = re.search(r"#\s+(synthesized .*)", step6).group(1)
    shape = re.sub(r"\d+", "#", kept)
    assert re.sub(r"\d+", "#", quoted) == shape, (quoted, kept)
    assert "reused 0 from cache" in quoted and quoted.startswith("synthesized 0 segments")


def test_the_audio_format_help_names_every_format_render_writes():
    """ux28: render's and build's -f help named wav, mp3, ogg and m4b of the seven formats
    they write (opus, m4a, aac were known only from an error)."""
    from drama.cli.render import AUDIO_FORMATS
    from drama.render.encode import FORMATS
    assert re.findall(r"\w+", AUDIO_FORMATS.replace(" or ", ", ")) == list(FORMATS)
    for name in ("render", "build"):
        fmt = next(p for p in commands()[name].params if p.name == "formats")
        assert AUDIO_FORMATS in fmt.help, name


def test_the_feed_url_help_says_what_address_it_takes():
    """review28: build's --feed-url help said "A book's public base URL" only; one without
    http:// or https:// is refused since ux28, as the README says, and the help did not."""
    feed = next(p for p in commands()["build"].params if p.name == "feed_url")
    assert "http:// or https://" in feed.help


@pytest.mark.parametrize("name", ["review", "check"])
def test_review_and_check_help_say_what_a_folder_gets(runner, name):
    """ux29: `drama review --help` did not say what giving it a folder does (it refuses,
    naming the scripts in it); the help says so, and shows how to give all of a folder's
    scripts, as an example to paste. walk31: a book's folder is its episodes, in order."""
    shown = " ".join(help_at_80_columns(runner, name).split())
    assert f"A book's folder (out/<book>/, as drama build made it) is {name}ed episode by " \
           "episode, in the book's order." in shown
    assert f"Another folder is not {name}ed: given one (drama {name} output), drama names " \
           "the scripts in it" in shown
    assert f"Example: drama {name} output/*.script.yaml" in shown


def test_help_is_escaped_as_rich_escapes_markup():
    """ux29: drama escapes its help's square brackets itself (cli.escape_markup), so no
    command imports rich as it starts; it must escape as rich.markup.escape does."""
    from rich.markup import escape

    from drama.cli import escape_markup
    samples = ["drama[piper]", "[[tsEr@t'eIli]]", "[bold]x[/bold]", "\\[b]", "a\\", "a\\\\",
               "[#fff]", "[@click]", "[1]", "[]", "x [/] y", "\\\\[i]z[/i]"]
    samples += [inspect.getdoc(cmd.callback) or "" for cmd in commands().values()
                if cmd.callback is not None]  # the docstrings, unescaped
    assert any("[" in text for text in samples[12:])
    for text in samples:
        assert escape_markup(text) == escape(text), text


HELP_COLUMN_BY = 45
"""At 80 columns an option's help starts by this column, so it has room for a few words a
line (build's was at 53: 25 characters, a sentence over six lines)."""


@pytest.mark.parametrize("name", [*commands()])
def test_option_help_has_room_at_80_columns(runner, name):
    """ux29: typer shows an int option with a range as `<int range> [1<=x<=32]`, which
    pushed the help of every option of build, render and studio past column 45; such
    options are named N or PORT."""
    out = help_at_80_columns(runner, name)
    column = next(ln.index("Show this message") for ln in out.splitlines()
                  if "Show this message" in ln)
    assert column <= HELP_COLUMN_BY, out


def test_the_studios_port_help_says_its_default_once(runner):
    """ux29: `--port` said "(default: a free one)" and then "[default: 0]"."""
    out = " ".join(help_at_80_columns(runner, "studio").split())
    assert "free one" in out and "[default: 0]" not in out


@pytest.mark.parametrize("name", commands())
def test_arguments_show_no_python_type(runner, name):
    """walk31: options named their values (ux30), but the Arguments panel still showed
    typer's Python types beside each name: `SCRIPTS <list[Path]>`, `OTHERS <list[str]>`,
    `SPEAKER <str>`. The name alone, as usage and the help text call it."""
    out = help_at_80_columns(runner, name)
    panel = out.split("Arguments ─")[1].split("╰")[0] if "Arguments ─" in out else ""
    assert not re.search(r"│ [* ]*[A-Z][A-Z_]* +<[a-z]", panel), panel
    assert "(default: the narrator). [default: Narrator]" not in " ".join(out.split())


@pytest.mark.parametrize("name", ["", *commands()])
def test_options_name_their_values_and_flags_take_none(runner, name):
    """ux29 left, ux30: typer 0.29 showed each option's value as its type, `--script
    <list[Path]>`, `--casting <path>`, and `<bool>` beside every flag, --help too, though a
    flag takes no value. An option's value is named as argparse names it (`--casting
    CASTING`), a ranged number N, and a flag shows nothing."""
    options = [ln for ln in help_at_80_columns(runner, name).splitlines()
               if re.match(r"│ (\*  )?( {2})?--", ln)]
    assert options, name
    assert not [ln for ln in options if re.search(r"<[a-z]", ln[:40])], options
    for line in options:
        if line.split()[1] in ("--help", "--dry-run", "--force", "--play", "--variants"):
            assert re.match(r"│ (\*  )?( {2})?--[\w-]+ +(-\w +)?[A-Z-]+ ", line) is None, line


def test_preview_engine_help_says_what_preview_does_with_it(runner):
    """walk32: preview's --engine help was render's, on how 'auto' casts Piper voices for a
    new casting file's narrator and main characters, under `[default: pyttsx3]`: preview
    casts no one; the engine speaks the voices that name none."""
    engine = next(p for p in commands()["preview"].params if p.name == "engine_name")
    assert "cast" not in engine.help and "'auto' is pyttsx3" in engine.help


def test_every_command_that_speaks_defaults_to_the_same_engine(runner):
    """walk33: `drama preview --engine` defaulted to pyttsx3 where every other command's is
    auto (for preview, the same engine under another name). `drama voices` is apart: its
    'all' lists every engine's voices."""
    defaults = {name: p.default for name, cmd in commands().items() for p in cmd.params
                if p.name == "engine_name" and name != "voices"}
    assert "preview" in defaults and "render" in defaults
    assert set(defaults.values()) == {"auto"}, defaults
    assert "[default: auto]" in help_at_80_columns(runner, "preview")


def test_extract_help_and_readme_say_o_makes_missing_folders(runner, tmp_path, monkeypatch):
    """walk33: `drama extract story.txt -o new/dir/x.script.yaml` makes new/dir (every missing
    folder above the file), where the README and --help said only that a name ending in a
    slash is a folder drama makes."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "story.txt").write_text('"Is it cold?" asked Tom.\n', encoding="utf-8")
    made = runner.invoke(app, ["extract", "story.txt", "-o", "new/dir/x.script.yaml"])
    assert made.exit_code == 0, made.output
    assert (tmp_path / "new" / "dir" / "x.script.yaml").is_file()
    shown = " ".join(help_at_80_columns(runner, "extract").split())
    assert "-o new/dir/x.script.yaml makes new/dir first" in shown
    assert "Missing folders on the way are made" in shown
    assert "drama makes the missing folders first, as `mkdir -p` would" in " ".join(README.split())


def test_the_readmes_loudness_command_runs_and_prints_what_it_says(tmp_path):
    """README's way to measure an episode (walk34: it named ffmpeg's ebur128, which is on no
    PATH after make demo): its two lines, run as written on an MP3, print the duration, the
    integrated loudness and the true peak it shows."""
    import subprocess
    import sys
    block = README.split("ff=$(", 1)[1].split("\n  #", 1)[0]
    script = "ff=$(" + block.replace(".venv/bin/python", sys.executable)
    from drama.render.encode import ffmpeg_path
    mp3 = tmp_path / "output" / "004_daf61342ff4cb22e.mp3"
    mp3.parent.mkdir()
    subprocess.run([ffmpeg_path(), "-v", "error", "-f", "lavfi", "-i",
                    "sine=frequency=440:duration=3", str(mp3)], check=True)
    out = subprocess.run(["bash", "-c", script], cwd=tmp_path, capture_output=True,
                         text=True, timeout=60).stdout
    assert [line.split(":")[0].strip() for line in out.splitlines()] == ["Duration", "I", "Peak"]
    assert "Duration: 00:00:03" in out and " LUFS" in out and " dBFS" in out


def test_the_readme_says_a_speakers_edit_makes_later_source_changes_stop_for_a_proposal():
    """newcomer53: after `drama speakers rename` every later source change inside a renamed
    episode's part stops the build for a proposal moved by hand (by design); the README's
    speakers section says so where it describes proposals, and that a proposal names only
    the person's own choices."""
    said = " ".join(README.split())
    assert "Every script one of these edits changes counts as edited from then on" in said
    assert "stops `drama build` with a proposal for it to check and move over it by hand" \
        in said
    assert "Only your own choices count" in said


def test_the_readme_says_a_build_started_in_the_background_is_stopped_with_kill():
    """newcomer53: a build a script started with `&` ignored the SIGINT sent to it (a
    non-interactive shell starts background jobs ignoring it, and drama keeps an ignored
    Ctrl-C ignored: cli/common._sigterm_as_ctrl_c); the README said Ctrl-C stops a build."""
    said = " ".join(README.split())
    assert "a build a script starts in the background, `drama build ... &`, ignores Ctrl-C " \
        "and `kill -INT`, as the shell starts such a job, and drama keeps that: stop it " \
        "with `kill`" in said
