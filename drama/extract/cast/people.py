"""Stage: clustering name forms into people.

"Mr. Ashby" and "Ashby" are one person when only one titled or full name carries that
surname; two people who merely share a surname ("Mrs. Miller", "Daisy Miller") stay apart
unless the text writes the joining form ("Miss Daisy Miller"); two names the text says are
one ("Mr. Samuel Pike, otherwise the Lamplighter") are one; a capitalised role joins the
person the text names it for ("the Collector, Mr. Tolland")."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace

from ..lexicon import FEMALE_TITLES, TITLES, parent_word
from ..name_clusters import COOCCUR_BLOCK, COOCCUR_SHARE, cluster_forms
from ..name_labels import choose_label, shared_words
from ..name_patterns import ALIAS, SENTENCE_STOP
from .character import Character, _core
from .evidence import _husbands_names, _sex_hint
from .titles import _title_name


class Clustering:
    """Cast's grouping of name forms into Characters (name_clusters.py), and the joins after it."""

    def _cluster(self, forms: Counter) -> None:
        """People from the name forms (name_clusters.py), each with the evidence of its forms."""
        evidence = self._form_evidence()
        # "Tansley" beside "Mrs. Tansley" is a surname, whatever the name lists say
        titled_surnames = {_core(f)[-1] for f in forms
                           if len(f.split()) > 1 and f.split()[0].rstrip(".").lower() in TITLES
                           and _core(f)}
        # a given name's sex as the text writes it alone ("Dale ... she"), else the lists'
        self._bare = {f: fe.sex for f, fe in evidence.items() if " " not in f}
        self._husbands = _husbands_names(forms)
        form_sex = {f: _sex_hint(fe.sex, None if f in titled_surnames else self._form_given(f))
                    for f, fe in evidence.items()}
        hers = frozenset(f for f, fe in evidence.items()
                         if (fe.she or fe.sex.tag_f) and not (fe.sex.pronoun_m or fe.sex.tag_m))
        # a form leading into a quotation tagged "he" (evidence.speaks_next) is a man's
        his = frozenset(f for f, fe in evidence.items() if fe.sex.tag_m and not fe.sex.tag_f)
        children = frozenset(f for f, fe in evidence.items() if fe.child)
        people = cluster_forms(forms, form_sex, self._apart(), hers, his, children)
        shared = shared_words(people)
        self.of_form: dict[str, Character] = {}
        self.characters = []
        for person in people:
            ch = Character(choose_label(person, shared), Counter(person))
            scenes_woman = _a_mans_shes(person, form_sex)
            for f in person:
                self.of_form[f] = ch
                if f in evidence:
                    own = evidence[f].person
                    ch.evidence.add(replace(own, pronoun_f=0) if f in scenes_woman else own)
                    ch.next_sentence.add(evidence[f].next_sentence)
                    ch.lead_in.add(evidence[f].lead_in)
                    ch.after_the += evidence[f].after_the
                    ch.at_place += evidence[f].at_place
                    ch.gone_to += evidence[f].gone_to
                    ch.personal += evidence[f].personal
                    ch.tagged += evidence[f].tagged
            self.characters.append(ch)
        self._same_person_pronouns()
        self._given_names()
        self._ch_by_id: dict[int, Character] = {}
        # which characters each title names: "Doctor Pellow" -> doctor
        by_title: dict[str, set] = defaultdict(set)
        for ch in self.characters:
            for f in ch.forms:
                ws = f.split()
                if len(ws) > 1 and ws[0].rstrip(".").lower() in TITLES:
                    by_title[_title_name(ws[0])].add(id(ch))
                    self._ch_by_id[id(ch)] = ch
        self._by_title = by_title

    def _apart(self) -> set[frozenset[str]]:
        """Pairs of forms the text writes in one sentence often enough to be two people
        ("Mr. Knightley and Mr. John Knightley")."""
        text = self.text
        pairs: Counter = Counter()
        ms = self.mentions
        for i, (s, e, f) in enumerate(ms):
            seen = set()
            for j in range(i + 1, min(i + 6, len(ms))):
                s2, e2, f2 = ms[j]
                if s2 - e > 200 or SENTENCE_STOP.search(text, e, s2):
                    break
                if f2 != f and f2 not in seen:
                    seen.add(f2)
                    pairs[frozenset((f, f2))] += 1
        fc = self.form_count
        return {k for k, n in pairs.items()
                if n >= COOCCUR_BLOCK and n >= COOCCUR_SHARE * min(fc[f] for f in k)}

    def _join_roles(self) -> None:
        """A role the text writes capitalised, mostly after "the", joins the one person the
        text names it for ("the Collector, Mr. Tolland,": "the Collector" is Mr. Tolland), and
        a bare title the person who bears it far most ("the Major": Major Calloway)."""
        for ch in list(self.characters):
            if not self.role(ch):
                continue
            form = next(iter(ch.forms))
            person = self.epithet(form.lower()) or self._title_bearer(form)
            if person is None or person is ch or person.thing_like:
                continue    # "the Mayor, the Bishop, and the Bailiff": a list of roles
            self.join(ch, person)

    def _join_written_aliases(self) -> None:
        """Two names the text says are one person's ("Mr. Samuel Pike, otherwise the
        Lamplighter"; "Mr. Grebe, alias Skipper") name one person from now on, the one the
        text names more often."""
        for m in ALIAS.finditer(self.text):
            a, b = (self.character(" ".join(m.group(k).split())) for k in (1, 2))
            if a is None or b is None or a is b or a.place_like or b.place_like or \
                    a.gender and b.gender and a.gender != b.gender:
                continue
            less, more = sorted((a, b), key=lambda ch: sum(ch.forms.values()))
            self.join(less, more)

    def _join_parent_words(self) -> None:
        """A parent's word the text capitalises as a name and its informal form are one
        person ("the Grandmother", "Grandmamma"; "Mother" and "Mamma"): the informal form
        joins the standard one, when each is a person of one form."""
        for ch in list(self.characters):
            form = next(iter(ch.forms))
            standard = parent_word(form) if len(ch.forms) == 1 else None
            person = self.of_form.get(standard.capitalize()) if standard else None
            if person is not None and person is not ch and len(person.forms) == 1:
                self.join(ch, person)

    def role(self, ch: Character) -> bool:
        """Whether a character is a role the text writes capitalised, mostly after "the"
        ("the Collector", "the Jew"): one one-word form, no title."""
        return len(ch.forms) == 1 and ch.thing_like and " " not in next(iter(ch.forms))

    def join(self, role: Character, person: Character) -> None:
        """The role's forms name the person from now on ("the Collector" is Mr. Tolland)."""
        person.forms.update(role.forms)
        for form in role.forms:
            self.of_form[form] = person
        self.characters.remove(role)


def _a_mans_shes(forms: Counter, form_sex: dict[str, str | None]) -> set[str]:
    """The bare surnames of a man the text writes after "Mr." (and never after a woman's
    title) that the pronouns after them lean to a woman's
    (name_clusters._Clustering._man_of_the_family joined them): the "she" and "her" after
    them are the woman's of his scenes ("Marlow watched the crowd admire her", "laughed
    Marlow, amused at her keenness"), no evidence of his sex."""
    titled = [f.split() for f in forms if len(f.split()) > 1]
    titles = {ws[0].rstrip(".").lower() for ws in titled}
    if "mr" not in titles or titles & FEMALE_TITLES:
        return set()
    surnames = {ws[-1] for ws in titled if ws[0].rstrip(".").lower() == "mr"}
    return {f for f in forms if f in surnames and form_sex.get(f) == "f"}
