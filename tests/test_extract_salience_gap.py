"""Salience's mentions after seal(): an insert at the gap is an append, so a pass through the
text inserting in its order costs no more than the pass, and every read is the one a single
sorted list gives (hostile52: a 10 MB line of 500,000 quotes, list.insert moving every later
mention each time, took time growing with the square of its length)."""
from __future__ import annotations

import random

from drama.extract.attribution.salience import Salience
from drama.extract.attribution.who import Who

PEOPLE = [Who("c:wren", "Wren", "f"), Who("c:tam", "Tam", "m"), Who("c:pell", "Pell", None),
          Who("d:the ferryman", "the ferryman", "m"), Who("n:odo", "Odo", "m")]
TEXT = "Wren rowed. Tam waited by the rope while the ferryman sang. " * 400


class _Counting(list):
    """A list that counts the mentions its insert, append and pop move."""

    moved = 0

    def insert(self, index, value):
        _Counting.moved += len(self) - min(max(index, 0), len(self)) + 1
        super().insert(index, value)

    def append(self, value):
        _Counting.moved += 1
        super().append(value)

    def pop(self, *index):
        _Counting.moved += 1
        return super().pop(*index)


def _sealed(count: int, step: int = 10) -> Salience:
    sal = Salience(TEXT)
    for n in range(count):
        sal.add(n // 20, n * step, PEOPLE[n % len(PEOPLE)], n % 3 == 0)
    sal.seal()
    return sal


def test_inserts_in_the_texts_order_move_few_mentions():
    """2,000 mentions sealed, then 2,000 inserted in order between them, each after a read
    looking back from it (as a sieve pass does: it reads before a quote, then records who
    said it): list.insert moved about four million (two lists, each insert moving every
    later mention); the gap moves about ten per insert, and every mention once when the
    first insert takes it back to the start."""
    sal = _sealed(2000)
    for name, value in list(vars(sal).items()):
        if type(value) is list:
            setattr(sal, name, _Counting(value))
    _Counting.moved = 0
    for n in range(2000):
        pos = n * 10 + 5
        sal.recent(n // 20, pos, "m")
        sal.insert(n // 20, pos, PEOPLE[(n + 1) % len(PEOPLE)], True)
    assert _Counting.moved <= 16 * 2000, _Counting.moved


def _reads(sal: Salience, para: int, pos: int) -> tuple:
    return (sal.recent(para, pos, "m"), sal.recent(para, pos, "f", window=1),
            sal.between(max(0, pos - 300), pos, "m", para),
            sal.mentioned(max(0, pos - 200), pos, "f"),
            sal.first_named_object(pos, pos + 200),
            sal.described_as(max(0, pos - 500), pos, "ferryman"),
            sal.events_in(pos - 50, pos + 50), list(sal.events_from(pos))[:5])


def test_every_read_after_inserts_anywhere_is_that_of_one_sorted_list():
    """Inserts in any order (a later pass starts again at the text's start), reads between
    them at any position: each read is the one of a Salience holding the same mentions,
    sealed in one list; mentions at the same position keep the order they came in."""
    rng = random.Random(53)
    sal, added = _sealed(300, step=37), []
    for _ in range(600):
        para, pos = rng.randrange(0, 16), rng.randrange(0, 300 * 37)
        mention = (para, pos, rng.choice(PEOPLE), rng.random() < 0.5)
        sal.insert(*mention)
        added.append(mention)
        one = _sealed(300, step=37)
        for earlier in added:
            one.add(*earlier)
        one.seal()  # a stable sort: the inserted after the sealed at the same pos, in order
        at = rng.randrange(0, 300 * 37)
        assert _reads(sal, at // 700, at) == _reads(one, at // 700, at)
    assert sal.all_events() == one.all_events()
