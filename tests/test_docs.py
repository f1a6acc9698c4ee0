"""Docs that cannot drift: every command has help text and is shown in the README."""
from __future__ import annotations

import re
from pathlib import Path

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


def test_every_command_appears_in_the_readme():
    for name in commands():
        assert re.search(rf"\bdrama {name}\b", README), f"README never shows `drama {name}`"


def test_readme_opens_with_the_two_commands():
    first_block = README.split("```", 2)[1]
    assert "make demo" in first_block and "make test" in first_block


def test_the_readme_explains_the_hidden_extracted_copies():
    from drama.pipeline import baseline_path
    name = baseline_path(Path("output") / "<name>.script.yaml").name
    assert f"`{name}`" in README, f"README must say what {name} files are"
    assert "Deleting these files is" in README
