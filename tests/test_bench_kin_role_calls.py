"""bench/kin_role_calls.py: which words of a speech call someone by a kin or role word, and
which speaker labels name a relative or a role (the diagnostic's own logic)."""
from __future__ import annotations

import pytest

from bench_util import load_bench


@pytest.fixture(scope="module")
def kin():
    return load_bench("kin_role_calls")


def test_a_kin_or_role_word_set_off_alone_is_a_call(kin):
    assert kin.call_word("Must we really go to the fair, mother?") == ("kin", "mother")
    assert kin.call_word("Oh, but the boat is lovely, Papa; do let us stay.") == ("kin", "papa")
    assert kin.call_word("Yes, Doctor.") == ("role", "doctor")
    # followed by a name it is a call by name, which the vocative sieve reads
    assert kin.call_word("Doctor Rashid, come in.") is None
    assert kin.call_word("She is here.") is None


def test_a_label_names_a_relative_by_a_possessive_or_a_bare_tie(kin):
    assert kin.tag_word("Her son") == "kin:son"
    assert kin.tag_word("the father") == "kin:father"
    assert kin.tag_word("The policeman") == "role:policeman"
    # "the old lady" is no relative ("lady" is a tie only after a possessive), "the man"
    # no role
    assert kin.tag_word("The old lady") is None
    assert kin.tag_word("The man") is None
