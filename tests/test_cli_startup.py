"""`drama extract` imports only what extracting needs: its start-up is paid once per text (the
PDNC scorer runs it once per novel), so audio, rendering and PyYAML stay out of a JSON run."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

NOT_FOR_EXTRACTING = ("yaml", "numpy", "pydub", "rich", "drama.render", "drama.casting",
                      "drama.engines", "drama.export", "drama.studio", "drama.book")
"""Modules a `drama extract -o x.script.json` run has no use for (PyYAML: a JSON script;
rich: it draws progress bars on a terminal only, and help; ux29: every command imported it
to escape its help's square brackets as it started)."""

_RUN = """
import json, sys
from drama.cli import main
sys.argv = ["drama", "extract", sys.argv[1], "-o", sys.argv[2]]
try:
    main()
except SystemExit as exc:
    assert not exc.code, exc.code
print(json.dumps(sorted(sys.modules)))
"""


def _modules_of_extract(tmp_path: Path, output: str) -> set[str]:
    text = tmp_path / "story.txt"
    text.write_text('"Good morning," said Anna. "Is it?" Tom asked.\n', encoding="utf-8")
    run = subprocess.run([sys.executable, "-c", _RUN, str(text), str(tmp_path / output)],
                         cwd=ROOT, capture_output=True, text=True, check=True)
    return set(json.loads(run.stdout.splitlines()[-1]))


def _imported(modules: set[str], name: str) -> bool:
    return any(m == name or m.startswith(name + ".") for m in modules)


def test_extracting_to_json_imports_nothing_it_does_not_use(tmp_path):
    modules = _modules_of_extract(tmp_path, "story.script.json")
    assert "drama.extract" in modules  # the run did extract
    assert [name for name in NOT_FOR_EXTRACTING if _imported(modules, name)] == []
    assert (tmp_path / "story.script.json").read_text(encoding="utf-8").startswith("{")


def test_extracting_to_yaml_still_writes_yaml(tmp_path):
    modules = _modules_of_extract(tmp_path, "story.script.yaml")
    assert _imported(modules, "yaml")
    assert (tmp_path / "story.script.yaml").read_text(encoding="utf-8").startswith("title:")
