"""bench/sieve_lines.py: each line with the sieve that settled it and the tag read (round 34)."""
from __future__ import annotations

from bench_util import load_bench

S = load_bench("sieve_lines")


def test_a_line_is_followed_from_its_sieve_to_the_script():
    text = "Anna walked into the room.\n\n“Hello.”\n\n“Go away,” said Martov.\n"
    lines, by_end = S.sieve_and_final(text)
    hello, go = lines
    rule, tag = by_end[hello.end]
    # Anna speaks nowhere, so the salience sieve passes her by: no one points to anyone
    assert (rule.sieve, rule.speaker, rule.cue, tag) == ("fallback", "Someone", "unresolved",
                                                         None)
    rule, tag = by_end[go.end]
    assert (rule.sieve, tag.who.label, go.speaker) == ("explicit", "Martov", "Martov")
