"""Each document is extracted on its own: nothing one extraction reads or learns carries to
the next in the same process (the studio and `drama book` extract several in one)."""
import json
import os
import subprocess
import sys
from pathlib import Path

from drama.extract import extract_script

FERRY = (
    "Mr. Quarrie kept the ferry at Holm, and Mrs. Quarrie kept the books.\n\n"
    "“The tide turns at four,” said Mr. Quarrie.\n\n"
    "“Then the van from Sollas will miss it,” she answered.\n\n"
    "“It always does.”\n\n"
    "“Tell the driver, Tam. He pays by the crossing, not by the hour.”\n\n"
    "He went down the slip with a lantern. “Sollas van!” he shouted. “Half an hour!”\n")

KILN = (
    "I had fired the kiln twice before Odile came up the lane with her basket of clay.\n\n"
    "“You’re early, Brannoch,” she said.\n\n"
    "“The wind dropped,” I said. “A still night is a good night for glaze.”\n\n"
    "“Dr. Pryce says the same of sleep.”\n\n"
    "Dr. Pryce came in behind her, shaking rain from his hat. “I say it of everything,” "
    "he said. “Good evening, Brannoch.”\n")

ROOT = Path(__file__).resolve().parent.parent
IN_ORDER = """
import json, sys
from drama.extract import extract_script
docs = json.load(sys.stdin)
print(json.dumps([[ln.to_dict() for ln in extract_script(text, source=name).lines]
                  for text, name in docs]))
"""


def _lines(text: str, name: str) -> list[dict]:
    return [ln.to_dict() for ln in extract_script(text, source=name).lines]


def _fresh(*docs: tuple[str, str]) -> list[list[dict]]:
    """The lines of each (text, name), extracted in that order by a new interpreter: the
    first document is the process's first, which no test run before it can give."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p))
    done = subprocess.run([sys.executable, "-c", IN_ORDER], input=json.dumps(docs), env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_two_documents_in_either_order_give_the_same_lines():
    ferry_first, kiln_second = _fresh((FERRY, "ferry"), (KILN, "kiln"))
    kiln_first, ferry_second = _fresh((KILN, "kiln"), (FERRY, "ferry"))
    assert ferry_first == ferry_second
    assert kiln_first == kiln_second
    # each says who speaks: the lines are attributed, not all narration
    assert {ln["speaker"] for ln in ferry_first if ln["kind"] == "dialogue"} >= {"Mr. Quarrie"}
    assert any(ln["kind"] == "dialogue" for ln in kiln_first)


def test_a_document_extracted_again_later_in_one_process_gives_the_same_lines():
    # the studio's case: a long-lived process extracts one document, others, then it again
    once = _lines(FERRY, "ferry")
    _lines(KILN, "kiln")
    assert _lines(FERRY, "ferry") == once
