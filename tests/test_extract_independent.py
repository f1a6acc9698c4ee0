"""Each document is extracted on its own: nothing one extraction reads or learns carries to
the next in the same process (the studio and `drama book` extract several in one)."""
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


def _lines(text: str, name: str) -> list[dict]:
    return [ln.to_dict() for ln in extract_script(text, source=name).lines]


def test_two_documents_in_either_order_give_the_same_lines():
    ferry_first = _lines(FERRY, "ferry")
    kiln_after = _lines(KILN, "kiln")
    kiln_first = _lines(KILN, "kiln")
    ferry_after = _lines(FERRY, "ferry")
    assert ferry_first == ferry_after
    assert kiln_first == kiln_after
    # each says who speaks: the lines are attributed, not all narration
    assert {ln["speaker"] for ln in ferry_first if ln["kind"] == "dialogue"} >= {"Mr. Quarrie"}
    assert any(ln["kind"] == "dialogue" for ln in kiln_first)
