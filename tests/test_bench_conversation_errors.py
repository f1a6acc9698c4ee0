"""bench/conversation_errors.py: the groups its wrong turns are put in (a diagnostic's own
logic)."""
from __future__ import annotations

import pytest

from bench_util import load_bench


@pytest.fixture(scope="module")
def errors():
    return load_bench("conversation_errors")


def test_wrong_turns_fall_in_the_four_groups(errors):
    missing, alternation, third, pair = errors.GROUPS
    assert errors.group_of("missing") == missing
    # the two who spoke last, swapped: forced, or decoded out of phase
    assert errors.group_of("gold prev1, chose prev2") == alternation
    assert errors.group_of("gold prev2, chose prev1") == alternation
    assert errors.group_of("phase, chose prev1") == alternation
    # the gold one is neither of the two who spoke last, whoever was chosen
    assert errors.group_of("gold third, chose prev2") == third
    assert errors.group_of("gold third, chose third") == third
    # the gold one is of the pair, a third was chosen in their place
    assert errors.group_of("gold prev2, chose third") == pair
    assert errors.group_of("phase, chose third") == pair
