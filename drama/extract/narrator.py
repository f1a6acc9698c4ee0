"""The narrator-character of a story told in the first person, and the name others call them.

A story is told in the first person when its narration (outside the quotes) says "I" often:
first-person novels use it at 25 to 35 words in a thousand, third-person ones below one (the
"I" of a letter or a story told inside the story); or when its speech tags often say "I said"
(a passage whose narration watches others says "I" less often). The narrator is never named by the
narration, only by the other characters: their name is the one the dialogue calls out most
("Matthias, I have not a penny left") that the narration itself never uses and that no
speech tag names ("said Jake" cannot happen when Jake tells the story).
"""
from __future__ import annotations

import re
from collections import Counter

from .gender import is_description, label_title
from .lexicon import TITLES, english_words, given_name_sex
from .names import nickname_pair, parse_form
from .quotes import Quote
from .scan import word_start

FIRST_PERSON_RATE = 5 / 1000
"""Narration words that are "I", above which a story is told in the first person."""
I_TAGS = 3
"""Speech tags in the first person ("I said", "I asked Bill") from which the rules read a text
as told by its narrator-character (attribution.document's told_by_i) ..."""
I_TAG_SHARE = 0.1
"""... and, with at least this share of the tags that name a speaker, so does the conversation
step when the narration says "I" less often than FIRST_PERSON_RATE: a passage of a
first-person novel whose narration watches others (a bull-fight in The Sun Also Rises,
under 5 "I" in a thousand words) still tags a fifth or more of its lines "I said"; a
third-person novel hardly ever (The Age of Innocence: 4 "I said", a speech telling what its
speaker said, to 257 tags naming a speaker)."""
NARRATOR_LABEL = "I (narrator)"
MIN_CALLS = 2
"""Times the dialogue must call the narrator by that name: twice, as often as a passage of a
couple of thousand words may (whole novels call their narrator by name dozens of times)."""
MIN_CALLS_GIVEN = 1
"""... or once, for a name opening on a given name of the lists ("Listen, Jake,") or a full
name with no title ("Alexis Ivanovitch, tell him"): surely a person's, where another word
read as a call may be a place's ("Good-bye, Paris"). A titled name called once ("Is that you,
Monsieur Barnes?") is a person's too, but may name the narrator only when no other name does:
a passage's narrator calls several people by title once (narrator_name)."""
NARRATION_SHARE = 0.1   # at most this share of the name's mentions may be in the narration
SLIP_AFTER = 4
"""... or one mention, of a name the quotes name this many times or more: a quote mark the
text leaves out puts a speech in the narration (“But I should like to see the garden,” the
widow added. Could you spare me Matthias for an hour?), where a passage's four
mentions make one a quarter of them."""
DOMINANCE = 2           # ... and it must be called (or named in the dialogue) twice as often
                        # as any other such name
_LETTER_OR_SPACE = bytes(ord("a") if chr(i).isascii() and chr(i).isalpha() else ord(" ")
                         for i in range(256))
I_WORD = re.compile(word_start("I") + r"\b")
"""The word "I" (scan.word_start: the search passes every other letter at once)."""


def told_in_first_person(text: str, quotes: list[Quote]) -> bool:
    """Whether the narration outside the quotes says "I" at a first-person rate."""
    # the narration's pieces joined by a line break, which no word runs across, and read
    # with one findall each (one per piece cost some ten thousand calls a novel)
    narration = "\n".join(_narration_pieces(text, quotes))
    words = _count_words(narration)
    eyes = len(I_WORD.findall(narration))
    return words > 0 and eyes > FIRST_PERSON_RATE * words


def tagged_in_first_person(cues: list[str]) -> bool:
    """Whether the rules' cues (one a quote) tag the narrator's own lines often enough for a
    story told in the first person: "first-person" ("I said") I_TAGS times or more, and
    I_TAG_SHARE of the tags that name a speaker ("first-person" and "explicit")."""
    said_i = cues.count("first-person")
    return said_i >= I_TAGS and said_i >= I_TAG_SHARE * (said_i + cues.count("explicit"))


def _count_words(s: str) -> int:
    """The words of s, a word being a run of the letters A-Z and a-z (as the regex
    [A-Za-z]+ finds them), counted at C speed: every other character (one "?" a character
    outside ASCII) becomes a space and every letter an "a", and each word opens on the
    text's first "a" or on a " a"."""
    marked = s.encode("ascii", "replace").translate(_LETTER_OR_SPACE)
    return marked.count(b" a") + marked.startswith(b"a")


def _narration_pieces(text: str, quotes: list[Quote]):
    """The stretches of text outside the quotes, in order."""
    pos = 0
    for q in quotes + [None]:
        end = q.open if q is not None else len(text)
        if end > pos:
            yield text[pos:end]
        if q is not None:
            pos = max(pos, q.close)


def narrator_name(calls: Counter, in_quotes: Counter, in_narration: Counter,
                  tagged: Counter, own: Counter | None = None,
                  to_me: Counter | None = None,
                  answered: set[str] = frozenset()) -> str | None:
    """The name the dialogue calls the narrator by, if one clearly stands out.

    ``calls``: times each label is called by name in a quote; ``in_quotes`` and
    ``in_narration``: its mentions inside and outside quotes; ``tagged``: its lines a
    speech tag names; ``own``: its calls opening the narrator's own lines ("I said"),
    which never name the narrator: no one calls themselves by name (“Pardon me, Antonida
    Vassilievna,” I replied: she is someone else); ``to_me``:
    the names called in speech the narration says is to the narrator ("Fenwick waved
    to me across the hall. “Marek,” he said"), one such call of which may name the narrator
    as a titled name's one call may (only when no other name fits): the text says whom
    the speech is to; ``answered``:
    the names a call of which another speaker's own tag answers ("Verochka" / “…,” Vera
    replied), which only breaks a tie: no tag names the narrator, so two names called as
    often are the unanswered one's ("Alexis Ivanovitch") when only one is."""
    own = own or Counter()
    to_me = to_me or Counter()
    calls = calls + Counter({name: n for name, n in to_me.items() if name not in calls})
    fit, titled_once = [], []
    narrated = [lab for lab, n in in_narration.items() if n]
    for label, n in calls.items():
        if own[label]:     # the narrator calls them: someone else
            continue
        if _narrated_rarely(in_narration[label], in_quotes[label]) and \
                tagged[label] <= NARRATION_SHARE * n and \
                not _narrated_otherwise(label, narrated, in_quotes):
            if n >= _calls_needed(label):
                fit.append((n, in_quotes[label], label))
            elif parse_form(label).title or to_me[label]:
                titled_once.append((n, in_quotes[label], label))
    # a titled name called once ("Is that you, Monsieur Barnes?"), or any name called once
    # "to me", only when no other name fits: one call of a title is someone's, but many a
    # passage calls several people so
    fit = sorted(fit or titled_once, reverse=True)
    # the narrator called by a given name by one and by a titled surname by another
    fit[1:] = [f for f in fit[1:] if not _may_be_one(fit[0][2], f[2])]
    if len(fit) > 1 and not _stands_out(fit[0][:2], fit[1][:2]):
        fit = [f for f in fit if f[2] not in answered]
    if not fit or len(fit) > 1 and not _stands_out(fit[0][:2], fit[1][:2]):
        return None
    return fit[0][2]


def _narrated_rarely(in_narration: int, in_quotes: int) -> bool:
    """Whether a name is mentioned in the narration rarely enough to be the narrator's:
    NARRATION_SHARE of its mentions, or once beside SLIP_AFTER mentions in the quotes."""
    return in_narration <= NARRATION_SHARE * (in_narration + in_quotes) or \
        in_narration == 1 and in_quotes >= SLIP_AFTER


def _may_be_one(a: str, b: str) -> bool:
    """Whether two names called in the dialogue may be one person's: a bare given name of
    the lists and a title of the same sex before one other word ("Jake", as Dale calls
    him, and "Mr. Barnes", as the count does). Neither is named in the narration (the
    caller's test), as the narrator never is, so they do not compete for that name. Not a
    word the lists give no sex ("Brisk" and "Dr. Barnes": the title gives none either)."""
    for given, titled in ((a, b), (b, a)):
        words = titled.split()
        sex = given_name_sex(given) if " " not in given else None
        if sex is not None and len(words) == 2 and words[0].rstrip(".").lower() in TITLES \
                and given_name_sex(words[1]) is None and sex == label_title(words[0]):
            return True
    return False


def _calls_needed(label: str) -> int:
    """Calls that may make a name the narrator's: MIN_CALLS_GIVEN for one opening on a given
    name of the lists, or for a full name of two words or more that no title opens and that
    holds a word no English word ("Alexis Ivanovitch": a given name and a patronymic the
    lists lack), surely a person's; else MIN_CALLS. A description of two words or more
    ("Young Man", "The Stranger", "Old Fellow": gender.is_description) needs MIN_CALLS,
    whatever its first word ("Young" is a given name of the lists too), and so does one of
    English words the person nouns lack ("Old Sport", "Dear Heart": lexicon.english_words):
    anyone may be called so once."""
    words = label.split()
    if len(words) > 1 and is_description(label):
        return MIN_CALLS
    full = len(words) > 1 and _given(label) is not None and \
        any(w.lower() not in english_words() for w in words)
    return MIN_CALLS_GIVEN if full or given_name_sex(words[0]) else MIN_CALLS


def _given(label: str) -> str | None:
    """A name's given name: its first word, unless that is a title ("Mr. Barnes")."""
    first = label.split()[0]
    return None if first.rstrip(".").lower() in TITLES else first


def _narrated_otherwise(label: str, narrated: list[str], in_quotes: Counter) -> bool:
    """Whether the narration names the person another way: by a nickname of the given name
    or the full name of which it is the pet form (a called "Michael" beside the narration's
    "Mike"), or by another part of a full name it opens that the text writes ("Robert"
    beside "Walter Brisk" and the narration's "Brisk"), or by the given name alone (a called
    "Vera Pavlovna" beside the narration's "Vera"). The narrator is never named by
    the narration, under any form."""
    given = _given(label)
    if given is None:
        return False
    if given != label and given in narrated:
        return True
    for other in narrated:
        theirs = _given(other)
        if other != label and theirs is not None and nickname_pair(given, theirs):
            return True
    in_narration = set(narrated)
    for full in list(in_quotes) + narrated:
        parts = full.split()
        if len(parts) > 1 and parts[0] == given and full != label and \
                (full in in_narration or any(w in in_narration for w in parts[1:])):
            return True
    return False


def _stands_out(best: tuple[int, int], next_best: tuple[int, int]) -> bool:
    """Whether the name called most (best: its calls, its mentions in the quotes) stands out
    from the next (next_best): called DOMINANCE times as often, or else named in the
    dialogue DOMINANCE times as often (a passage's "Alexis Ivanovitch", called twice and
    named twice more, against a servant called twice and named no more)."""
    (calls, named), (next_calls, next_named) = best, next_best
    return calls >= DOMINANCE * next_calls or named >= DOMINANCE * next_named
