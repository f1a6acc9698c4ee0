"""How drama words what it says: counts and possessives."""
from __future__ import annotations

import pytest

from drama.wording import possessive


@pytest.mark.parametrize("name, owner", [("Boris", "Boris'"), ("The marchers", "The marchers'"),
                                         ("THE TWINS", "THE TWINS'"), ("Anna", "Anna's"),
                                         ("Mr. Knightley", "Mr. Knightley's"),
                                         ("Shreider and Prokopovich", "Shreider and Prokopovich's")])
def test_a_name_ending_in_s_takes_an_apostrophe_alone(name, owner):
    assert possessive(name) == owner
