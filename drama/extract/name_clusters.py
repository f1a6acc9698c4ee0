"""People from the name forms of a text: "Mr. Staunton", "Staunton" and "Hugh Staunton" are one
man; "Mrs. Ashby" is not "Mr. Ashby"; "Miss Lettice Ashby" is Lettice, not "Miss Ashby".

A form is parsed into a title, given names and a surname (names.py). Forms are grouped
into people in four rounds, each joining a form to a person only when exactly one person
fits:

1. full names ("Christina Ashby", "Mr. Hugh Staunton") are one person per given name and
   surname, split by sex where the titles disagree ("Mrs. Edwin Marlow" is his wife);
2. a title and one word ("Mr. Staunton", "Lady Honoria", "Miss Daisy") joins the one full
   name of a compatible sex with that surname (or, after a title that takes a given name,
   that given name);
3. a word alone joins the one person whose given name it is, else the one man of that
   surname ("Bradwell" is Mr. Bradwell, not Miss Bradwell), else the one person of that surname,
   else the one person whose given name it is short for ("Tina" is Christina);
4. a nickname written with a surname ("Bea Crannock") and the one given name alone it is
   short for ("Beatrice") are one person.

Two forms the text writes in one sentence are two people ("Mr. Knightley and Mr. John
Knightley"), so they are never joined. Everything here is decided from the text itself and
two general lists: titles (lexicon.py) and nicknames (data/nicknames.txt).
"""
from __future__ import annotations

from collections import Counter, defaultdict
from functools import lru_cache

from .lexicon import FEMALE_TITLES, NEUTRAL_TITLES, TITLES, given_name_sex
from .names import (GIVEN_TITLES, MARRIED, UNMARRIED, NameParts, nickname_pair, nicknames,
                    parse_form, short_for, sound_key, surname_keys)


COOCCUR_BLOCK = 2
COOCCUR_SHARE = 0.15
"""Two forms are two people when they share at least COOCCUR_BLOCK sentences, and at least
this share of the rarer form's mentions."""


def _woman_and_rank(title: str | None, titles: set[str]) -> bool:
    """Whether a woman's title ("Mrs.", "Miss", "Lady") meets a title of role or rank that
    names no sex ("Colonel", "Capt.", "Doctor"): in fiction, two people of one family."""
    if title in FEMALE_TITLES:
        return bool(titles & NEUTRAL_TITLES)
    return title in NEUTRAL_TITLES and bool(titles & FEMALE_TITLES)


@lru_cache(maxsize=1)
def _given_names_nicknamed() -> frozenset[str]:
    """Every given name (lower case) data/nicknames.txt gives a nickname for."""
    return frozenset().union(*nicknames().values())


class _Person:
    """Forms being gathered into one person, and what they tell of the person."""

    def __init__(self, sex: str | None = None):
        self.forms: Counter = Counter()
        self.sex = sex
        self.given: set[str] = set()
        self.surnames: set[str] = set()
        self.full = False
        """Whether a form gives both a given name and a surname."""
        self.titles: set[str] = set()
        self.words: set[str] = set()
        """The name words of its forms, titles left out (_words)."""

    def add(self, parts: NameParts, n: int) -> None:
        self.forms[parts.form] += n
        self.words.update(_words(parts.form))
        if parts.given:
            self.given.add(parts.given[0])
        if parts.surname:
            self.surnames.add(parts.surname)
        if parts.given and parts.surname:
            self.full = True
        if parts.title:
            self.titles.add(parts.title)
        if self.sex is None:
            self.sex = parts.title_sex


def cluster_forms(forms: Counter, form_sex: dict[str, str | None],
                  apart: set[frozenset[str]], hers: frozenset[str] = frozenset(),
                  his: frozenset[str] = frozenset(),
                  children: frozenset[str] = frozenset()) -> list[Counter]:
    """Group name forms into people: one Counter of forms per person.

    ``form_sex`` gives the sex the text's pronouns and given names suggest for a form (None
    when unsure); ``apart`` holds pairs of forms the text writes in one sentence; ``hers``
    the forms a "she" follows at least once and a "he" never does; ``his`` the forms that
    lead into a quotation a "he" tags and never into one a "she" tags (a man's); ``children``
    the forms the text writes after "young" or "little" (a child's)."""
    c = _Clustering(forms, form_sex, apart, hers, his, children)
    _full_names(c.parsed, forms, form_sex, c.people, c.of_form)
    # a full name the text writes once is often a misreading ("Regina Pask"): it may join
    # a person, but draws no one to itself
    strong = [p for p in c.people if sum(p.forms.values()) > 1]
    weak = [p for p in c.people if sum(p.forms.values()) <= 1]
    c.people[:] = strong
    c.full_given = {g for p in strong for g in p.given}
    for p in strong:
        for f in p.forms:
            c.register(p, c.parsed[f])
    c.titled_words(strong)
    c.weak_full_names(weak)
    c.words_alone()
    _join_nicknamed_alone(c.people, c.parsed, forms)
    return [p.forms for p in c.people]


class _Clustering:
    """The people found so far, and where each name form and name word points, while
    cluster_forms() takes the forms in its order: full names, a title and one word, the
    weak full names, a word alone."""

    def __init__(self, forms: Counter, form_sex: dict[str, str | None],
                 apart: set[frozenset[str]], hers: frozenset[str] = frozenset(),
                 his: frozenset[str] = frozenset(), children: frozenset[str] = frozenset()):
        self.forms, self.form_sex, self.apart = forms, form_sex, apart
        self.hers, self.his, self.children = hers, his, children
        self.parsed = {f: parse_form(f) for f in forms}
        self.people: list[_Person] = []
        self.of_form: dict[str, _Person] = {}
        self.by_surname: dict[str, list[_Person]] = defaultdict(list)
        self.by_given: dict[str, list[_Person]] = defaultdict(list)
        self.full_given: set[str] = set()
        self.by_near_word: dict[str, list[_Person]] | None = None
        """_near_keys of every name word of the people -> those people (see near_word),
        made at its first use, then kept by join and new."""

    def fits(self, person: _Person, parts: NameParts, hint: bool = True) -> bool:
        """Whether a form may name this person: sex, married and unmarried titles, and
        the pairs the text writes in one sentence agree. hint: the form's sex as its
        pronouns and given name suggest counts too, not only its title."""
        sex = parts.title_sex or (self.form_sex.get(parts.form) if hint else None)
        if sex and person.sex and sex != person.sex:
            return False
        if parts.form in self.his and person.sex == "f":
            return False    # "Marlow sprang up. “…,” he broke out": not Mrs. Marlow
        if parts.title in MARRIED and person.titles & UNMARRIED or \
                parts.title in UNMARRIED and person.titles & MARRIED:
            return False
        if _woman_and_rank(parts.title, person.titles):
            return False    # "Mrs. Hale" is not "Colonel Hale": his wife, the text's usage
        if parts.title in MARRIED | UNMARRIED and person.full and parts.word and \
                parts.title not in person.titles and parts.word not in person.given:
            return False    # "Mrs. Miller" is not "Daisy Miller" unless the text says so
        return not any(frozenset((parts.form, f)) in self.apart for f in person.forms
                       if _share_word(parts.form, f))

    def misspelt(self, parts: NameParts) -> list[_Person]:
        """The one person the form's word is a slip for (_misspelt), of those it may name
        ("Mrs. Maylies" is Mrs. Tansley, not her son Harry Tansley), as a list of one."""
        return _misspelt(parts.word, self.forms[parts.form], self.near_word(parts.word),
                         lambda p: self.fits(p, parts))

    def near_word(self, word: str) -> list[_Person]:
        """The people with a name word one letter from `word` may be (and a few others):
        all _misspelt needs to look at. Looking at everyone for each word was quadratic: a
        text naming thousands (a German novel, every noun capitalised) took minutes."""
        if self.by_near_word is None:
            self.by_near_word = defaultdict(list)
            for p in self.people:
                self._index_near(p, p.words)
        near = (p for key in _near_keys(word) for p in self.by_near_word.get(key, ()))
        return list(dict.fromkeys(near))

    def _index_near(self, person: _Person, words) -> None:
        if self.by_near_word is not None:
            for w in words:
                for key in _near_keys(w):
                    self.by_near_word[key].append(person)

    def join(self, parts: NameParts, cands: list[_Person]) -> bool:
        """Add the form to the one candidate it fits (of several, the one known to be of
        its sex); False when none or several remain."""
        cands = [p for p in dict.fromkeys(cands) if self.fits(p, parts)]
        if len(cands) > 1:
            # the one known to be of the form's sex, before people of unknown sex
            sex = parts.title_sex or self.form_sex.get(parts.form)
            cands = [p for p in cands if sex and p.sex == sex] or cands
        if len(cands) != 1:
            return False
        self._add(cands[0], parts)
        return True

    def _add(self, person: _Person, parts: NameParts) -> None:
        """Add the form to the person."""
        person.add(parts, self.forms[parts.form])
        self._index_near(person, _words(parts.form))
        self.of_form[parts.form] = person

    def new(self, parts: NameParts) -> None:
        """A person of their own for the form."""
        p = _Person(parts.title_sex or self.form_sex.get(parts.form))
        p.add(parts, self.forms[parts.form])
        self.people.append(p)
        self._index_near(p, p.words)
        self.of_form[parts.form] = p

    def register(self, person: _Person, parts: NameParts) -> None:
        """Let the form's surname and given name (or its one word) point to the person."""
        for surname in surname_keys(parts.surname or parts.word or ""):
            self.by_surname[surname].append(person)
        if parts.given:
            self.by_given[parts.given[0]].append(person)
        if parts.word:
            if _given_after(parts, self.full_given):
                self.by_given[parts.word].append(person)

    def titled_words(self, strong: list[_Person]) -> None:
        """2. a title and one word, most written first."""
        titled = sorted((x for x in self.parsed.values() if x.word and x.title),
                        key=lambda x: -self.forms[x.form])
        for parts in titled:
            w = parts.word
            cands = list(self.by_surname.get(w, ()))
            if _given_after(parts, self.full_given):
                cands += self.by_given.get(w, ()) or _nicknamed(w, strong)
            # of several, the one named far most ("Master Tolley": Ned Tolley, not the
            # "Master Edward Tolley" of one court scene); never by "Miss", whose surname
            # alone marks the eldest daughter ("Miss Ashby" is Jane, not her much-named
            # sister Christina)
            if not self.join(parts, cands) and (
                    parts.title == "miss" or
                    not self.join(parts, _dominant([p for p in cands if self.fits(p, parts)]))) \
                    and not self.join(parts, self.misspelt(parts)):
                self.new(parts)
                self.register(self.of_form[parts.form], parts)

    def weak_full_names(self, weak: list[_Person]) -> None:
        """The full names written once, joined to a person of their surname or their own."""
        for p in weak:
            for f in list(p.forms):
                parts = self.parsed[f]
                kin = [q for q in self.by_surname.get(parts.surname, [])
                       if _given_may_agree(parts, q) and not self._elder_of(parts, q)]
                if self.join(parts, kin):
                    # joined to a person ("Hester Pennock" once, "Miss Pennock" often), a
                    # given name the name lists know names that person alone too ("Hester"),
                    # unless a titled form already names someone by it ("Master Wilfred")
                    given = parts.given[0] if parts.given else None
                    if given and given_name_sex(given) and given not in self.by_surname and \
                            given not in self.by_given:
                        self.by_given[given].append(self.of_form[f])
                    self._take_titled_given(parts)
                else:
                    self.new(parts)

    def _elder_of(self, child: NameParts, person: _Person) -> bool:
        """Whether a full name the text writes after "young" or "little" ("little Wilfred
        Pask", once) meets a person of its surname titled otherwise than as a boy ("Master
        Pask"): a grown-up ("Mr. Pask", "Mrs. Pask", "Dr. Pask"), the child's father or
        mother, or "Miss Pask", whom the surname alone names as the eldest daughter
        (titled_words), not the child the text names by a given name ("Wilfred"). A
        titled full name is no child's ("young Mrs. Osric Vane" is a young wife)."""
        return child.form in self.children and child.title is None and \
            bool(person.titles - {"master"})

    def _take_titled_given(self, full: NameParts) -> None:
        """A full name written once with its title ("Miss Hester Quill"), joined to a
        person of its surname, takes the person the text names by that title and the
        given name alone ("Miss Hester"), made before it (titled_words comes first): the
        full name says whose the given name is. Only that same title, which the person
        already bears with the surname ("Miss Quill"; a "Master Tobias" beside "Tobias
        Crane" and "Mr. Crane" is his son, a "Lady Agatha Crane" joined to a "Miss Crane"
        may be her mother); not a person the text names by another given name ("Mrs.
        Tolland Vane" joined to a "Mrs. Osric Vane"); only a person named so alone (and by
        the word bare), and only where the two may be one (fits)."""
        if not full.title or len(full.given) != 1:
            return
        short = self.parsed.get(f"{full.form.split()[0]} {full.given[0]}")
        person, other = self.of_form[full.form], self.of_form.get(short.form) if short else None
        if other is None or other is person or \
                set(other.forms) - {short.form, short.word} or not self.fits(person, short):
            return
        theirs = [self.parsed[f] for f in person.forms if f != full.form]
        if any(p.title == full.title and p.word == full.surname for p in theirs) and \
                all(p.given[:1] in ((), full.given[:1]) for p in theirs):
            self._merge(other, person)

    def _merge(self, other: _Person, person: _Person) -> None:
        """Move every form of one person to another, and the indexes' entries of the one to
        the other: under the keys its forms were filed by (register, _index_near) only.
        Walking every key of the indexes for each merge was quadratic: 4,000 titled given
        names taken took 22 s, against 0.4 s for the whole clustering without them."""
        self.people.remove(other)
        forms = [self.parsed[f] for f in other.forms]
        for parts in forms:
            self._add(person, parts)
        keys = {k for p in forms for k in (*surname_keys(p.surname or p.word or ""),
                                           *p.given[:1], p.word) if k}
        near = {k for w in other.words for k in _near_keys(w)}
        for index, filed in ((self.by_surname, keys), (self.by_given, keys),
                             (self.by_near_word or {}, near)):
            for key in filed:
                found = index.get(key)
                if found and other in found:
                    index[key] = list(dict.fromkeys(person if q is other else q for q in found))

    def words_alone(self) -> None:
        """3. a word alone, most written first."""
        alone = sorted((x for x in self.parsed.values() if x.word and not x.title),
                       key=lambda x: -self.forms[x.form])
        for parts in alone:
            if not self._join_word(parts):
                self.new(parts)

    def _join_word(self, parts: NameParts) -> bool:
        """A word alone joined as a given name, a surname, a nickname or a slip."""
        w = parts.word
        by_given = self.by_given.get(w, [])
        if self.join(parts, by_given) or self.join(parts, _dominant(by_given)):
            return True
        surn = [p for p in self.by_surname.get(w, ()) if self.fits(p, parts)]
        men = [p for p in surn if p.sex == "m"]
        if self.join(parts, men if men else surn) or not men and self._husband(parts, surn):
            return True
        # of several men, the one the text calls "Mr. Ashdown" (not his son Kit Ashdown)
        if len(men) > 1 and self.join(parts, [p for p in men if "mr" in p.titles and
                                              any(parse_form(f).word == w for f in p.forms)]):
            return True
        # a nickname alone: anyone whose given name it shortens, titled or full-named
        # ("Jake": Mr. Barnes, also written "Jacob Barnes") when it keeps part of it
        nicknamed = [p for p in _nicknamed(w, self.people) if _keeps_part(w, p.given)]
        if not self.by_given.get(w) and self.join(parts, nicknamed):
            return True
        return self._man_of_the_family(parts) or self.join(parts, self.misspelt(parts))

    def _husband(self, parts: NameParts, surn: list[_Person]) -> bool:
        """A bare surname the text gives no sex, beside women of that surname ("Mrs.
        Calloway") and one bearer of no known sex ("Major Calloway": a rank gives none),
        is that bearer: English writes a wife or a daughter with her title, and calls the
        man of the family by his surname alone ("Squat down, Calloway")."""
        if self.form_sex.get(parts.form) is not None or parts.form in self.hers or \
                not any(p.sex == "f" for p in surn):
            return False
        sexless = [p for p in surn if p.sex is None]
        return len(sexless) == 1 and self.join(parts, sexless)

    def _man_of_the_family(self, parts: NameParts) -> bool:
        """A bare surname (no woman's given name of the lists: "Marlow" is a man's) that
        the text also writes after "Mr." for one man, and for no one else, is that man,
        though the pronouns after the bare word mostly say "she": a man's surname in his
        scenes with a woman is followed by her "her" and "she" ("Wyndham wrote to her
        that night"), and a bare surname is the man of the family (their "she" and
        "her" are then no evidence of his sex: cast.people._a_mans_shes). Not when a "she"
        follows it and a "he" never does: a woman called by her surname alone (a maid
        "Harbottle" in a house with a "Mr. Harbottle"); a "her" alone is his partner's as
        often ("Staunton approached to claim her hand")."""
        w = parts.word
        bearers = list(dict.fromkeys(self.by_surname.get(w, ())))
        if given_name_sex(w) == "f" or self.form_sex.get(parts.form) != "f" or \
                parts.form in self.hers or \
                len(bearers) != 1 or "mr" not in bearers[0].titles or \
                not self.fits(bearers[0], parts, hint=False):
            return False
        self._add(bearers[0], parts)
        return True


def _join_nicknamed_alone(people: list[_Person], parsed: dict[str, NameParts],
                          forms: Counter) -> None:
    """A person the text names with a nickname and a surname more than once ("Bea
    Crannock", "Bea") and the one person it names only by the given name the nickname is
    short for, with or without a title that takes a given name ("Beatrice", "Miss Beatrice"),
    are one person, when each is the other's only match and their sexes agree: the
    nickname's surname is one she took later or the text never gives with the full name."""
    alone = [p for p in people if not p.surnames and not p.given and len(p.words) == 1
             and all(parsed[f].title in (None, *GIVEN_TITLES) for f in p.forms)]
    alone_by_word: dict[str, list[_Person]] = defaultdict(list)
    for q in alone:
        alone_by_word[next(iter(q.words)).lower()].append(q)
    pairs = []
    for p in people:
        if not (p.full and len(p.given) == 1 and sum(p.forms.values()) > 1):
            continue
        nickname = next(iter(p.given))
        longer = short_for(nickname)
        # the nickname is the shorter ("Bea": Beatrice); the list also pairs some the other
        # way round ("Robert" listed as short for "Bill"): two people in a text
        match = [q for w in longer if len(w) > len(nickname)
                 for q in alone_by_word.get(w, ())
                 if not (p.sex and q.sex and p.sex != q.sex)]
        if len(match) == 1:
            pairs.append((p, match[0]))
    matched = Counter(id(q) for _, q in pairs)
    for p, q in pairs:
        if matched[id(q)] == 1 and q in people:
            for f in q.forms:
                p.add(parsed[f], forms[f])
            people.remove(q)


DOMINANT = 3
"""A given name alone shared by several people is the one named this many times as often
as all the others together ("Ellen Varenne" 26 times, "Ellen Mortlake" 5: "Ellen")."""


def _dominant(people: list[_Person]) -> list[_Person]:
    """The one person among several whom the text names DOMINANT times as often as the
    others together, as a list of one (or none)."""
    people = list(dict.fromkeys(people))
    if len(people) < 2:
        return []
    counts = sorted(((sum(p.forms.values()), i) for i, p in enumerate(people)), reverse=True)
    top, i = counts[0]
    return [people[i]] if top >= DOMINANT * sum(n for n, _ in counts[1:]) else []


MISSPELT_AT_MOST = 2
"""A name written this few times ..."""
MISSPELT_RATIO = 10
"""... one letter away from a name of one person written this many times as often is that
person's, misspelt ("Mr. Browlow" twice, "Mr. Orme" 169 times)."""


def _misspelt(word: str, n: int, people: list[_Person], fits) -> list[_Person]:
    """The one person the form may name (``fits``) with a name word that is ``word`` with a
    letter added or dropped, when the text writes ``word`` (n times) as a slip for theirs;
    else no one."""
    if n > MISSPELT_AT_MOST or len(word) < 5:
        return []
    near = (len(word) - 1, len(word) + 1)
    found = [p for p in people if _one_letter_from_any(word, near, p.words) and fits(p)]
    if len(found) != 1 or sum(found[0].forms.values()) < MISSPELT_RATIO * n:
        return []
    return found


def _one_letter_from_any(word: str, near: tuple[int, int], words) -> bool:
    """Whether one of ``words`` is ``word`` with a letter added or dropped (``near``: the
    two lengths that can be). Asked only of the few people _Clustering.near_word finds, whose
    words share a key with ``word`` though some are no slip for it (the same length, one
    letter changed: "Brown", "Brows")."""
    for w in words:
        if len(w) in near and _one_letter_apart(word, w):
            return True
    return False


def _near_keys(word: str) -> set[str]:
    """The word and the word with each one of its letters dropped: two words are one letter
    apart only if they share one of these keys (one of them the other, a letter dropped)."""
    return {word} | {word[:i] + word[i + 1:] for i in range(len(word))}


def _one_letter_apart(a: str, b: str) -> bool:
    """Whether one word is the other with one letter added ("Browlow", "Orme")."""
    if len(a) > len(b):
        a, b = b, a
    if len(b) != len(a) + 1:
        return False
    i = next((k for k in range(len(a)) if a[k] != b[k]), len(a))
    return a[i:] == b[i + 1:]


def _share_word(a: str, b: str) -> bool:
    """Whether two forms share a name word ("Mr. Knightley", "Mr. John Knightley"): only
    then does writing both in one sentence say they are two people. "Oliver" and "Twist"
    in one sentence are one boy's given name and surname."""
    return bool(set(_words(a)) & set(_words(b)))


def _words(form: str) -> list[str]:
    return [w for w in form.split() if w.rstrip(".").lower() not in TITLES]


def _given_after(parts: NameParts, full_given: set[str]) -> bool:
    """Whether the word after a title is a given name: after "Sir", "Lady", "Aunt" it is;
    after "Miss", "Mlle." or "Master" only when a full name gives it ("Miss Lettice", not
    "Miss Bradwell")."""
    if parts.title not in GIVEN_TITLES:
        return False
    if parts.title in UNMARRIED:
        return parts.word in full_given or parts.word.lower() in nicknames()
    return True


def _keeps_part(nickname: str, given: set[str]) -> bool:
    """Whether a nickname keeps part of one of the given names, as a pet name does (Wikipedia,
    "Hypocorism": a name shortened, then perhaps a sound changed, Robert, Rob, Bob): their
    first sound ("Jack": John, "Kitty": Catherine) or two sounds in a row ("Tina":
    Christina, "Bill": William), spelt as they sound (sound_key: "Sissie", Cecilia). The
    list also gives names that keep nothing ("Bill" for Robert): with no surname to tie
    the two ("Bill Scrope", "William Scrope"), a "Bill" the text writes alone is no Robert
    Brisk's."""
    nick = sound_key(nickname)
    pieces = {nick[i:i + 2] for i in range(len(nick) - 1)}
    return any(sound_key(g)[:1] == nick[:1] or any(p in sound_key(g) for p in pieces)
               for g in given)


def _given_may_agree(parts: NameParts, person: _Person) -> bool:
    """Whether a full name's given name may be the person's: they have none yet or go by a
    pet name (a "Hetty Crumley" may be "Susan Crumley" on her papers), it is one of theirs,
    one is short for the other by the sourced list ("Bill Crumley" may be "William
    Crumley"), or the two open alike ("Monty", "Montfort"). "Nell Crumley" is not "Ambrose
    Crumley": his wife, of his surname. Two first words neither of which the name lists know
    as a given name ("the Central Supply Board" once, "the Northern Supply Board" often) say
    nothing of two people: an office or a body is named so, and the forms join as before."""
    if not parts.given or not person.given or any(g.lower() in nicknames() for g in person.given):
        return True
    given = parts.given[0]
    if given_name_sex(given) is None and all(given_name_sex(g) is None for g in person.given):
        return True
    return any(g[:3].lower() == given[:3].lower() for g in person.given) or \
        bool(_nicknamed(given, [person])) or \
        any(_nicknamed(g, [_one_given(given)]) for g in person.given)


def _one_given(given: str) -> _Person:
    """A person known by one given name only: what _nicknamed asks of."""
    person = _Person()
    person.given.add(given)
    return person


def _nicknamed(word: str, people: list[_Person]) -> list[_Person]:
    """The people whose given name ``word`` is short for ("Tina": Christina), or who go by
    one given name that is short for ``word`` ("William" for Bill Scrope; not "Louisa" for an
    Christina also called Chris)."""
    nick = nicknames()
    w = word.lower()
    if w not in nick and w not in _given_names_nicknamed():
        return []   # neither a nickname nor a name one is short for: no one, at once
    long_forms = nick.get(w, ())
    return [p for p in people if long_forms and any(g.lower() in long_forms for g in p.given)
            or len(p.given) == 1 and w in nick.get(next(iter(p.given)).lower(), ())]


def _full_names(parsed, forms, form_sex, people, of_form) -> None:
    """Round 1: one person per given name and surname, two where the sexes differ ("Mr.
    Edwin Marlow" and "Mrs. Edwin Marlow"): a titled form goes by its title, an untitled
    one by its pronouns, else with the more frequent. A given name and its nickname with one
    surname are one name ("Bill Scrope", "William Scrope")."""
    by_core: dict[tuple, list[NameParts]] = defaultdict(list)
    full = [x for x in parsed.values() if x.given and x.surname]
    usual = _usual_given(full, forms)
    for parts in full:
        given = (usual.get((parts.given[0], parts.surname), parts.given[0]),) + parts.given[1:]
        by_core[(given, parts.surname)].append(parts)
    for group in by_core.values():
        sexed: dict[str | None, _Person] = {}
        unsure = []
        for parts in sorted(group, key=lambda x: x.title is None):
            sex = parts.title_sex or form_sex.get(parts.form)
            if sex is None:
                unsure.append(parts)
                continue
            sexed.setdefault(sex, _Person(sex)).add(parts, forms[parts.form])
        for parts in unsure:
            target = max(sexed.values(), key=lambda p: sum(p.forms.values())) if sexed \
                else sexed.setdefault(None, _Person())
            target.add(parts, forms[parts.form])
        for p in sexed.values():
            people.append(p)
            for f in p.forms:
                of_form[f] = p


def _usual_given(full: list[NameParts], forms: Counter) -> dict[tuple[str, str], str]:
    """(given name, surname) -> the more frequent given name it is a nickname of, or that
    is a nickname of it, with the same surname ("Bill" -> "William" when the text writes
    "William Scrope" more often; data/nicknames.txt). Not when the text calls both by the
    given name alone and titles them differently: a father "Mr. Ambrose Ashdown", his son
    "Kit Ashdown"."""
    count: Counter = Counter()
    titles: dict[tuple[str, str], set] = defaultdict(set)
    for parts in full:
        count[(parts.given[0], parts.surname)] += forms[parts.form]
        titles[(parts.given[0], parts.surname)].add(parts.title)

    def two_people(a: tuple[str, str], b: tuple[str, str]) -> bool:
        return min(forms.get(a[0], 0), forms.get(b[0], 0)) >= 2 and \
            titles[a] - {None} != titles[b] - {None}

    given_of: dict[str, list[str]] = defaultdict(list)  # a surname's given names
    for g, sur in count:
        given_of[sur].append(g)
    out = {}
    for (g, sur), n in count.items():
        kin = [(count[(h, sur)], h) for h in given_of[sur] if h != g and
               nickname_pair(g, h)
               and not two_people((g, sur), (h, sur))]
        if kin:
            m, h = max(kin)
            if (m, h) > (n, g):
                out[(g, sur)] = h
    return out
