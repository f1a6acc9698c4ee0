"""aliases.py: labels the finished attribution shows to be one person."""
from __future__ import annotations

from drama.extract.aliases import join_aliases
from drama.extract.attribution.pipeline import Attribution
from drama.extract.characters import Cast

FAMILY = ("Mrs. Grey came down. She was tired. Mrs. Grey sat. She sighed, and Mrs. Grey "
          "rang. Then Kate Grey came in, and she smiled. Kate Grey was young. Kate laughed; "
          "she ran. Kate sang, and she danced. Miss Grey sat down. She was pale. Later Miss "
          "Grey rose.\n")


def said(*labels: str) -> list[Attribution]:
    return [Attribution(label, "explicit", 0.97) for label in labels]


def test_miss_and_a_surname_is_the_one_unmarried_woman_of_it_who_speaks():
    cast = Cast(FAMILY)
    assert cast.character("Miss Grey") is not cast.character("Kate")
    out = join_aliases(cast, said("Mrs. Grey", "Kate", "Miss Grey"))
    assert [a.speaker for a in out] == ["Mrs. Grey", "Kate", "Kate"]
    assert "Miss Grey" in cast.character("Kate").forms     # an alias in the characters section


def test_miss_and_a_surname_of_two_speaking_daughters_is_neither():
    text = FAMILY + ("Then Ann Grey came in, and she smiled. Ann Grey was tall. Ann wept; "
                     "she left.\n")
    out = join_aliases(Cast(text), said("Kate", "Ann", "Miss Grey"))
    assert [a.speaker for a in out] == ["Kate", "Ann", "Miss Grey"]
