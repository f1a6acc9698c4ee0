"""Decide who speaks each quotation, and record which rule decided it.

The rules, strongest first (each names itself in ``cue``):

explicit     a speech verb names the speaker beside the quote, in either word order and
             either side: "said Martov", "Trotsky cried", "Martov, his voice shaking, said",
             "announced a Menshevik officer, Kharash", "Khinchuk yelled, ‘…’".
described    the same with a description instead of a name: "cried an angry soldier" ->
             Angry soldier, "someone shouted" -> Someone, "the marchers challenged" ->
             Marchers. A description of someone the reader knows ("replied the old
             gentleman", "said his aunt", "said this young lady", "answered Daisy's mamma")
             is resolved to the person. A demonstrative one ("said this worthy", "cried that
             discreet lady", whatever its noun) is first the person the narration mentioned
             last, after the previous speech and its tag, even the one who spoke last. Then,
             in order: "the other" is the other one of the two talking, named or not; the one
             of that sex the paragraph shows acting just before ("Daisy was near her. “…?”
             this young lady inquired", even after a line of hers); the one the previous line
             addressed; the described person the narration was just following when the
             description is vaguer ("The stranger had not gone far." "…," cried the man); the
             other party named by a tag two paragraphs back; the person the description
             meant earlier in the scene; someone the narration has just brought in ("they
             encountered a stout man with a bunch of keys" … "said the man": The stout man);
             the other one of the two talking; a person of that sex acting nearby (only
             acting, not just mentioned, while the narration itself calls the one acting by
             the description). "The stranger" stays a stranger until the dialogue names a
             described speaker: themselves ("my name, sir, is Brownlow", "What name?"
             "Monks!") or someone else ("Her name is Daisy Miller!", "Why, it's Nancy!" of
             the one who spoke last); then every line of that description in the scene is
             the named person's. A description takes the sex the text's pronouns give it
             ("the visitor … his hat"), and a grown-up's ("the old gentleman", "the man") is
             never someone the narration calls little or young ("little Oliver", "Master
             Bates"), nor "the child" a Mr. or Mrs.
pronoun      "he said", "she wrote": the person the pronoun points back to, by gender and
             salience: the subject of the narration just before in the paragraph; the actor
             of a beat of narration just before (even the one who spoke last, if the beat
             mentions nobody else of that sex: "I put a two-franc piece in Krum's hand.
             “…,” he said"); then the most recent person of that gender other than the one
             who spoke last (the other party), then even the one who spoke last, anyone
             known to be of that sex coming before a creature the text gives no sex ("the
             Mouse"); then one of that sex the dialogue just named ("“Here comes Brett,” Bill said. … “Hello!”
             she said"). A name after "the" opens a clause too ("The Hatter looked at the
             March Hare"). Pronoun subjects of narration ("She went on growing") keep their
             person salient (the one of that sex the last two sentences name: "…the brain of
             Fagin. He sat"), and so does a vague description acting right after a person
             of that sex and age is named ("when Mrs. Maylie returned. The old lady
             motioned…"); places ("at Iping") are never meant. "it said": the latest
             creature the text does not call he or she.
first-person "I said": the narrator-character, named by what the others call them.
colon        a sentence ending in a colon introduces the quote: its subject speaks. A
             paragraph ending in a tag and a colon ("…he went on again:--") introduces the
             quote that opens the next paragraph (with that tag's cue).
action       no speech verb, but the paragraph's narration has a subject acting beside the
             quote ("Martov stood up. “Then we’ll leave!”").
continuation a second quote in a paragraph whose other quote is attributed (the part after
             an interrupting tag is the same speech; an aside in parentheses, "(“I
             haven't,” said Alice)", is not part of it and keeps its tag to itself), or a
             later paragraph of a speech that runs over several (Quote.continues): one turn,
             which does not break the alternation of turn-taking.
epithet      a description the text keeps using for one person ("the girl" for Nancy), or
             gives them in apposition ("Mr. Bumble, the beadle") or as a title ("the
             doctor", "the irritable doctor" when the text names one "Doctor Losberne"; such
             a tag counts as explicit), or a shorter or longer form of a description the
             scene resolved ("the gentleman" where "the old gentleman" was Mr. Brownlow;
             never "the other gentleman").
vocative     the previous line addressed someone by name ("My dear Mr. Bennet"; in a
             paragraph of several lines, the last that calls someone): they answer, as does
             a voice ("“Show a glim, Toby.” “Aha!” cried the same voice").
             A name said alone and not called out ("“Robert Cohn.”", "“Chesilstowe?”")
             addresses nobody.
turn-taking  consecutive quote paragraphs alternate between the two people talking, across a
             short beat of narration.
salience     the most salient person that did not speak the line before.
unresolved   nothing points to anyone: "Someone", confidence 0.1 (never the narrator).

Per text, the work is linear: one pass to find names (characters.Cast), one pass over the
quotes to read tags, one pass over paragraphs for conversations.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass

from .attribution.mentions import (add_np_subjects, count_age, intro_for, introductions,
                                   looks_subject, opens_clause as _opens_clause)
from .attribution.reader import Reader, Tag
from .attribution.salience import Salience
from .attribution.tags import tag_after, tag_before
from .attribution.vocative import called as called_before, vocative as find_vocative
from .attribution.who import Who, desc_age, variant
from .attribution.words import SENTENCE_END
from .characters import Cast
from .lexicon import NOT_NAMES, TITLES
from .quotes import Quote, paragraphs

__all__ = ["Attribution", "attribute", "CONFIDENCE", "_opens_clause"]

# How often each cue is right on the development novels (bench/attribution.py prints the

CONFIDENCE = {
    "explicit": 0.97,
    "first-person": 0.97,
    "action": 0.9,
    "continuation": 0.85,
    "pronoun": 0.85,
    "vocative": 0.8,
    "epithet": 0.75,
    "turn-taking": 0.75,
    "described": 0.7,
    "colon": 0.5,
    "salience": 0.5,
    "unresolved": 0.1,
}
"""Confidence per cue: its accuracy on the PDNC development novels, rounded down
(`python bench/attribution.py --cues` prints the measured figures; "colon" is measured on
two quotes only). A continuation line takes the confidence of the line it continues."""

NAMED_TURN_WINDOW = 2    # paragraphs back a speaker named by a tag is the other party
PRONOUN_EPITHET_SCENE = 10   # paragraphs "she" may reach a person through "the young lady"
GENERIC_WINDOW = 6      # paragraphs back to look for the person "the girl" means
EPITHET_SCENE = 40      # paragraphs a description keeps meaning the same person
CONVERSATION_GAP = 1    # narration paragraphs a conversation may step over ...
SHORT_BEAT = 250        # ... when each is shorter than this many characters


@dataclass
class Attribution:
    """Who speaks one quotation, which rule said so and how sure it is."""

    speaker: str
    cue: str
    confidence: float


def attribute(text: str, quotes: list[Quote], paras: list[tuple[int, int]] | None = None
              ) -> list[Attribution]:
    """One Attribution per dialogue quote, in order; never an unknown speaker."""
    if not quotes:
        return []
    paras = paras if paras is not None else paragraphs(text)
    cast = Cast(text)
    reader = Reader(cast, text)
    n = len(quotes)

    # narration gaps before and after each quote, within its paragraph
    pstart = [p[0] for p in paras]

    def para_of(pos: int) -> int:
        return max(0, bisect_right(pstart, pos) - 1)

    qpara = [para_of(q.open) for q in quotes]
    before_gap: list[tuple[int, int]] = []
    after_gap: list[tuple[int, int]] = []
    for i, q in enumerate(quotes):
        pi = qpara[i]
        ps, pe = paras[pi]
        prev_end = quotes[i - 1].close if i and qpara[i - 1] == pi else ps
        nxt = quotes[i + 1].open if i + 1 < n and qpara[i + 1] == pi else pe
        before_gap.append((max(prev_end, ps), max(prev_end, q.open)))
        after_gap.append((q.close, max(q.close, min(nxt, pe))))

    # 1. tags
    tags: list[Tag | None] = []
    for i, q in enumerate(quotes):
        a0, a1 = after_gap[i]
        # an aside in parentheses keeps its tag to itself: ‘“…sea--” (“I haven't,” said
        # Alice)--“and perhaps…”’
        cut = text.find("(", a0, a1)
        if cut >= 0:
            a1 = cut
        tag = tag_after(reader, text[a0:a1], a0)
        if tag is None or tag.cue == "action":
            b0, b1 = before_gap[i]
            cut = text.rfind(")", b0, b1)
            if cut >= 0:
                b0 = cut + 1
            elif b0 == paras[qpara[i]][0] and qpara[i] and \
                    text[:paras[qpara[i] - 1][1]].rstrip(" \t\n-—–").endswith(":"):
                # "…with tears running down his cheeks, he went on again:--" ending the
                # paragraph before: it introduces this one
                b0, b1 = paras[qpara[i] - 1]
                if i and qpara[i - 1] == qpara[i] - 1:
                    b0 = max(b0, quotes[i - 1].close)
                prev_tag = tag_before(reader, text[b0:b1], b0)
                if prev_tag is not None and prev_tag.kind in ("name", "pron", "first"):
                    tags.append(prev_tag)
                    continue
                b0, b1 = before_gap[i]
            if q.continues and i and qpara[i - 1] == qpara[i] and tags[i - 1] is not None \
                    and after_gap[i - 1] == before_gap[i]:
                # “It was,” she wrote, “a …”: the tag between is the first part's, and the
                # second part is the same speech (continuation, below)
                btag = None
            else:
                btag = tag_before(reader, text[b0:b1], b0)
            if btag is not None:
                tag = btag
        tags.append(tag)

    # 2. salience events from narration: names, with a guess whether each is a subject
    sal = Salience()
    spoke = {t.who.key for t in tags if t is not None and t.who is not None}
    quote_spans = [(q.open, q.close) for q in quotes]
    qstarts = [q.open for q in quotes]
    young_ev: Counter = Counter()
    adult_ev: Counter = Counter()
    quoted: list[tuple[int, int, Who]] = []     # names said in the dialogue
    for s, e, form in cast.mentions:
        k = bisect_right(qstarts, s) - 1
        if k >= 0 and quote_spans[k][0] <= s < quote_spans[k][1]:
            ch = cast.character(form)
            if ch is not None and not ch.place_like and not ch.thing_like:
                quoted.append((s, para_of(s), reader.who_of_character(ch)))
            continue        # inside a quote: not narration
        ch = cast.character(form)
        if ch is None or (ch.thing_like and ch.gender is None or ch.place_like) and \
                reader.who_of_character(ch).key not in spoke:
            continue
        sal.add(para_of(s), s, reader.who_of_character(ch), looks_subject(text, s, e))
        if ch.thing_like and ch.gender is None:
            sal.creatures.add(reader.who_of_character(ch).key)
        count_age(text, s, form, reader.who_of_character(ch).key, young_ev, adult_ev)
    first_person = Who("first", "I (narrator)", "1")
    # when nothing at all points to a speaker: a described unknown, never the narrator
    nobody_known = Who("?", "Someone", None)
    told_by_i = sum(1 for t in tags if t is not None and t.kind == "first") >= 3
    sal.seal()
    # grown-ups and children among the named, for descriptions that say which they mean
    young_keys = {k for k, c in young_ev.items() if c >= 4 and c > 3 * adult_ev[k]}
    adult_keys = {k for k, c in adult_ev.items() if c >= 1 and c > 3 * young_ev[k]}
    add_np_subjects(reader, sal, text, paras, quotes, qpara, first_person if told_by_i else None,
                     young_keys, adult_keys)
    sal.persons = spoke
    intros = introductions(reader, text, paras, quotes, qpara)
    quoted_pos = [x[0] for x in quoted]
    intro_pos = [x[1] for x in intros]
    intro_keys = {x[2].key for x in intros}

    # 3. resolve tags, in order, feeding speakers back into salience
    speakers: list[Who | None] = [None] * n
    cues: list[str] = [""] * n
    addressed: list[Who | None] = [None] * n

    # conversation links: the quote paragraph before each one, across a short beat of narration
    qparas = sorted(set(qpara))
    prevq: dict[int, int] = {}
    nextq: dict[int, int] = {}
    for a, b in zip(qparas, qparas[1:]):
        if b - a == 1 or (b - a <= 1 + CONVERSATION_GAP and
                          all(paras[x][1] - paras[x][0] < SHORT_BEAT for x in range(a + 1, b))):
            prevq[b], nextq[a] = a, b
    # a speech that runs over several paragraphs is one turn: its later paragraphs (the
    # quote finder marks them `continues`) neither take a turn nor count as one
    para_first_q: dict[int, int] = {}
    for i in range(n):
        para_first_q.setdefault(qpara[i], i)
    cont_para: dict[int, int] = {}       # paragraph -> the paragraph its speech began in
    for p, i in sorted(para_first_q.items()):
        if i and quotes[i].continues and qpara[i - 1] < p:
            a = qpara[i - 1]
            cont_para[p] = cont_para.get(a, a)
            if prevq.get(p) == a:
                if a in prevq:
                    prevq[p] = prevq[a]
                else:
                    del prevq[p]

    # vocatives in every quote: "My dear Mr. Bennet, …" addresses Mr. Bennet
    vocative = [find_vocative(reader, text, q,
                          alone=not (i + 1 < n and qpara[i + 1] == qpara[i]))
                for i, q in enumerate(quotes)]
    para_first: dict[int, int] = {}
    for i in range(n):
        para_first.setdefault(qpara[i], i)
    spoken_para: dict[int, Who] = {}
    epithets: dict[str, Counter] = {}
    scene_epithet: dict[str, tuple[Who, int]] = {}
    pending: list[tuple[int, Tag]] = []
    unresolved: list[tuple[int, set]] = []
    named_turns: list[tuple[int, Who]] = []
    for i, q in enumerate(quotes):
        tag = tags[i]
        p = qpara[i]
        if tag is None:
            continue
        who = None
        if tag.kind == "np" and tag.who is not None and \
                tag.who.key.split()[-1] in ("voice", "tone") and \
                (who := called_before(p, i, spoken_para, prevq, para_first, addressed,
                                vocative, qpara)) is not None:
            pass    # "“Show a glim, Toby.” “Aha! my pal!” cried the same voice": Toby answers
        elif tag.kind in ("name", "np", "indef"):
            who = tag.who
        elif tag.kind == "first":
            who = first_person
        elif tag.kind == "group":
            who = reader.who_of_np(["Crowd"])
        elif tag.kind == "generic":
            # "replied the girl", "said the other": a person the reader already knows
            g = tag.gender
            prev1 = spoken_para.get(prevq.get(p, -1))
            prev2g = spoken_para.get(prevq.get(prevq.get(p, -1), -1))
            j1 = para_first.get(prevq.get(p, -1))
            adr = (addressed[j1] or vocative[j1]) if j1 is not None else None
            if j1 is not None:
                j = j1 + 1
                while j < i and qpara[j] == qpara[j1]:
                    adr = vocative[j] or adr    # the last line of it that calls someone
                    j += 1
            excl = {prev1.key} if prev1 is not None else set()
            if vocative[i] is not None:
                excl.add(vocative[i].key)
            if tag.owner_key:
                excl.add(tag.owner_key)
            age = desc_age(tag.who)
            if age is not None:
                # "the old gentleman" is not the boy; "the child" is not Mr. Losberne
                excl |= young_keys if age == "adult" else adult_keys
            last = scene_epithet.get(tag.who.key)
            intro = intro_for(intros, intro_pos, tag.who, p, q.open, excl)
            named = None
            for tp, tw in reversed(named_turns):
                if tp < p - NAMED_TURN_WINDOW:
                    break
                if tw.key not in excl and (not g or not tw.gender or tw.gender == g):
                    named = tw
                    break
            here = sal.recent(p, q.open, g, local_only=True, named_only=True,
                              exclude=excl - {prev1.key} if prev1 is not None else excl,
                              subjects_only=True) if g else None
            dem = None
            if tag.demonstrative:
                # "this worthy", "that discreet lady": the one the narration has just
                # mentioned, after the last speech and its tag, even the last speaker
                lo = paras[p - 1][0] if p else 0
                if i and quotes[i - 1].close > lo:
                    lo = quotes[i - 1].close
                    if tags[i - 1] is not None:
                        m = SENTENCE_END.search(text, lo, q.open)
                        lo = m.end() if m else q.open
                dx = (excl - {prev1.key}) if prev1 is not None else excl
                dem = sal.mentioned(lo, q.open, g, exclude=dx)
                if dem is None and g and lo < q.open and text[lo:q.open].strip(' \t\n"“”‘’\''):
                    dem = sal.recent(p, q.open, g, exclude=dx, window=2, known_only=True)
            if dem is not None:
                who = dem
            elif tag.who.key in ("d:other", "d:the other") and prev1 is not None and \
                    prev2g is not None and prev2g.key != prev1.key and prev2g.key not in excl:
                who = prev2g        # "“…?” inquired Sikes. “I'm your man,” replied the other"
            elif here is not None and here.gender == g:
                who = here          # "Daisy was near her. “…?” this young lady inquired"
            elif adr is not None and adr.key not in excl and adr.key[0] in "cn" and \
                    (not g or not adr.gender or adr.gender == g):
                who = adr
            elif (desc := sal.recent_described(p, q.open, g, tag.who, excl)) is not None:
                who = desc          # "The stranger had not gone far… “What?” cried the man"
            elif named is not None:
                who = named         # the other party, named by a tag a moment ago
            elif last is not None and last[1] >= p - EPITHET_SCENE and last[0].key not in excl \
                    and (intro is None or intro[1] <= last[1]):
                who = last[0]       # the same description, a moment ago: the same person
            elif intro is not None:
                who = intro[2]      # someone the narration has just brought in ("a stout man")
            elif prev1 is not None and prev2g is not None and prev2g.key not in excl and \
                    prev2g.key[0] in "cn" and (not g or not prev2g.gender or prev2g.gender == g):
                who = prev2g        # the other one of the two talking
            else:
                who = sal.recent(p, q.open, g, local_only=True, named_only=True, exclude=excl)
                if who is None:
                    # while the narration itself calls the one acting "the gentleman", only
                    # a named person acting too is meant, not one merely mentioned
                    act = sal.recent(p, q.open, g, exclude=excl, window=GENERIC_WINDOW)
                    busy = act is not None and act.key.startswith("d:") and \
                        variant(act.key[2:].split(), tag.who.key[2:].split())
                    who = sal.recent(p, q.open, g, exclude=excl, window=GENERIC_WINDOW,
                                     named_only=True, subjects_only=busy)
            if who is not None:
                if who.key in intro_keys:
                    pending.append((i, tag))
                else:
                    epithets.setdefault(tag.who.key, Counter())[who] += 1
                scene_epithet[tag.who.key] = (who, p)
            else:
                who = tag.who
                pending.append((i, tag))
                unresolved.append((i, excl))
        elif tag.kind == "it":
            own = {vocative[i].key} if vocative[i] is not None else set()
            # nobody fits: the conversation decides (below)
            who = sal.recent_sexless(p, q.open, own)
        elif tag.kind == "pron":
            g = tag.gender
            # the subject of this paragraph's narration before the quote
            own = {vocative[i].key} if vocative[i] is not None else set()
            who = sal.recent(p, q.open, g, local_only=True, exclude=own)
            if who is None:
                prev1 = spoken_para.get(prevq.get(p, -1))
                prev2 = spoken_para.get(prevq.get(prevq.get(p, -1), -1))
                if p - 1 not in spoken_para and p - 1 >= 0:
                    # a beat of narration just before: its actor ("a delegate barred his way")
                    excl = own | ({prev1.key} if prev1 is not None else set())
                    who = sal.recent(p - 1, paras[p - 1][1], g, local_only=True, exclude=excl,
                                     known_only=True) or \
                        sal.recent(p - 1, paras[p - 1][1], g, local_only=True, exclude=own,
                                   known_only=True)
                if who is not None:
                    pass
                else:
                    excl = own | ({prev1.key} if prev1 is not None else set())
                    # someone known to be of that sex first, even the one who spoke last,
                    # before anyone whose sex the text never says (Alice, not the Mouse)
                    who = sal.recent(p, q.open, g, exclude=excl, known_only=True) or \
                        sal.recent(p, q.open, g, window=12, exclude=own, known_only=True) or \
                        sal.recent(p, q.open, g, exclude=excl) or \
                        sal.recent(p, q.open, g, window=12, exclude=own)
            if who is not None and who.key.startswith("d:"):
                # "The young lady glanced at him. “Yes,” she replied.": the person a tag
                # showed that description to mean, a moment ago in this scene
                key = who.key if who.key.startswith("d:the ") else "d:the " + who.key[2:]
                last = scene_epithet.get(key) or scene_epithet.get(who.key)
                if last is not None and last[1] >= p - PRONOUN_EPITHET_SCENE:
                    who = last[0]
            if who is None:
                # nobody of that sex in the narration: someone the dialogue just named
                # ("“Here comes Brett,” Bill said. … “Hello, you chaps!” she said")
                k = bisect_right(quoted_pos, q.open - 1) - 1
                while k >= 0 and quoted[k][1] >= p - 3:
                    w = quoted[k][2]
                    k -= 1
                    if w.gender == g and w.key not in own:
                        who = w
                        break
            if who is None:
                who = sal.recent(p, q.open, None, local_only=True, exclude=own,
                                 named_only=True) or \
                    reader.who_of_np(["Man" if g == "m" else "Woman" if g == "f" else
                                      "Stranger"])
        if who is not None:
            if tag.kind == "name" and tag.cue == "explicit":
                named_turns.append((p, who))
            speakers[i] = who
            cues[i] = tag.cue
            addressed[i] = tag.addressee
            spoken_para.setdefault(p, who)
            sal.insert(p, q.open, who, True)

    for i in range(n):
        addressed[i] = addressed[i] or vocative[i]

    # a description the text keeps using for one person ("the girl" for Nancy)
    for i, tag in pending:
        seen = epithets.get(tag.who.key)
        if seen:
            (best, c), total = seen.most_common(1)[0], sum(seen.values())
            if c >= 3 and c * 2 > total:
                speakers[i], cues[i] = best, "epithet"

    # "the gentleman" in a scene where "the old gentleman" is someone: the same person
    by_head: dict[str, list[tuple[int, list[str], Who]]] = {}
    for i in range(n):
        t = tags[i]
        if t is not None and t.kind == "generic" and speakers[i] is not None and \
                speakers[i].key[0] in "cn":
            words = t.who.key[2:].split()
            by_head.setdefault(words[-1], []).append((qpara[i], words, speakers[i]))
    for i, excl in unresolved:
        if speakers[i] is not tags[i].who:
            continue
        words = tags[i].who.key[2:].split()
        p = qpara[i]
        best = None
        same = by_head.get(words[-1], ())
        k = bisect_right(same, (p - EPITHET_SCENE,))
        while k < len(same) and same[k][0] <= p + EPITHET_SCENE:
            bp, bwords, bwho = same[k]
            k += 1
            d = abs(bp - p)
            if bwho.key not in excl and variant(words, bwords) and (best is None or d < best[0]):
                best = (d, bwho)
        if best is not None:
            speakers[i], cues[i] = best[1], "epithet"

    # a described speaker whom the dialogue names ("my name, sir, is Brownlow", "Her name
    # is Daisy Miller!", "Why, it's Nancy!"): every line of that description in the scene
    named_in_dialogue(reader, sal, text, quotes, speakers, cues, tags, qpara, prevq)

    # 4. continuation inside a paragraph; an aside in parentheses ("(“I haven't,” said
    # Alice)") is not part of the speech around it
    aside = [text.count("(", paras[qpara[i]][0], q.open) >
             text.count(")", paras[qpara[i]][0], q.open) for i, q in enumerate(quotes)]

    def same_speech(i, j):
        return 0 <= j < n and qpara[j] == qpara[i] and aside[j] == aside[i]
    def around(i):
        # the nearest lines of the paragraph, either side, on the same side of an aside
        for d in range(1, 8):
            for j in (i - d, i + d):
                if same_speech(i, j):
                    yield j
    for i in range(n):
        if speakers[i] is None:
            for j in around(i):
                if speakers[j] is not None and cues[j] != "continuation":
                    speakers[i], cues[i] = speakers[j], "continuation"
                    break
    for i in range(n - 1, -1, -1):
        if speakers[i] is None and same_speech(i, i + 1) and speakers[i + 1]:
            speakers[i], cues[i] = speakers[i + 1], "continuation"
    for i in range(n):
        if speakers[i] is None and same_speech(i, i - 1) and speakers[i - 1]:
            speakers[i], cues[i] = speakers[i - 1], "continuation"


    # the narrator-character: named by what the lines next to theirs call them
    narr = name_first_person(speakers, cues, addressed, qpara)
    if narr is not None:
        first_person = Who("first", narr.label, "1")
        for lst in (speakers, addressed):
            for i, w in enumerate(lst):
                if w is not None and w.key in ("first", narr.key):
                    lst[i] = first_person

    # 6. conversations: untagged quote paragraphs
    para_speaker: dict[int, Who] = {}
    for i in range(n):
        if speakers[i] is not None:
            para_speaker.setdefault(qpara[i], speakers[i])
    for i in range(n):
        if speakers[i] is not None or para_first[qpara[i]] != i:
            continue
        p = qpara[i]
        if p in cont_para and para_speaker.get(cont_para[p]) is not None:
            who = para_speaker[cont_para[p]]
            speakers[i], cues[i] = who, "continuation"
            para_speaker[p] = who
            for j in range(i + 1, n):
                if qpara[j] != p:
                    break
                if speakers[j] is None:
                    speakers[j], cues[j] = who, "continuation"
            continue
        pp = prevq.get(p, -1)
        prev1 = para_speaker.get(pp)
        prev2 = para_speaker.get(prevq.get(pp, -1))
        j1 = para_first.get(pp)
        own_voc = addressed[i]
        who, cue = None, ""
        called = None
        if j1 is not None:
            j = j1
            while j < i and qpara[j] == pp:
                called = addressed[j] or called     # the last line there that calls someone
                j += 1
        if called is not None and (prev1 is None or called.key != prev1.key):
            who, cue = called, "vocative"
        elif prev1 is not None and prev2 is not None and prev1.key != prev2.key:
            who, cue = prev2, "turn-taking"
        if who is None or (own_voc is not None and who.key == own_voc.key):
            nxt1 = para_speaker.get(nextq.get(p, -1))
            nxt2 = para_speaker.get(nextq.get(nextq.get(p, -1), -1))
            if nxt1 is not None and nxt2 is not None and nxt1.key != nxt2.key and \
                    (own_voc is None or nxt2.key != own_voc.key):
                who, cue = nxt2, "turn-taking"
        if who is None or (own_voc is not None and who.key == own_voc.key):
            excl = {own_voc.key} if own_voc is not None else set()
            if prev1 is not None:
                excl.add(prev1.key)
            who = None
            if told_by_i and "first" not in excl and (prev1 is not None or p - 1 in para_speaker):
                # a story told in the first person: the narrator answers whoever spoke
                who = first_person
            who = who or sal.recent(p, quotes[i].open, None, exclude=excl, window=6,
                                    persons_only=True)
            cue = "salience"
            if who is None:
                who = prev1 or (first_person if told_by_i else nobody_known)
                cue = "unresolved" if who.key == "?" else "salience"
        speakers[i], cues[i] = who, cue
        para_speaker[p] = who
        for j in range(i + 1, n):
            if qpara[j] != p:
                break
            if speakers[j] is None:
                speakers[j], cues[j] = who, "continuation"

    out = []
    for i in range(n):
        who = speakers[i] or (first_person if told_by_i else nobody_known)
        label = first_person.label if who.key == "first" else who.label
        cue = cues[i] or "salience"
        conf = CONFIDENCE.get(cue, 0.3)
        if cue == "continuation":
            src = next((cues[j] for j in (i - 1, i + 1, i - 2, i + 2)
                        if 0 <= j < n and qpara[j] == qpara[i] and cues[j] != "continuation"),
                       None)
            if src is None and qpara[i] in cont_para:
                src = cues[para_first_q[cont_para[qpara[i]]]]
            if src is not None:
                conf = min(conf, CONFIDENCE.get(src, 0.3))
        out.append(Attribution(label, cue, conf))
    return out




_NAME = r"((?:(?:Mr|Mrs|Miss|Master|Dr)\.?\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})"
SELF_NAMING = re.compile(r"\b(?:[Mm]y name(?:,\s*[a-z]+,)?\s+is|[Mm]y name[’']s|[Cc]all me)\s+"
                         + _NAME)
OTHER_NAMING = re.compile(r"\b(?:(?:[Hh]is|[Hh]er) name(?:[’']s|\s+is)|[Ii]t[’']s|[Ii]t is)\s+"
                          + _NAME)
ANSWER_NAME = re.compile(_NAME + r"[!.]?")
NAMING_SCENE = 12   # paragraphs around the naming a description keeps meaning that person


def named_in_dialogue(reader: Reader, sal: Salience, text: str, quotes, speakers, cues, tags,
                       qpara, prevq) -> None:
    """A speaker the text knows only by a description, named by the dialogue: by themselves
    ("my name, sir, is Brownlow") or by someone else ("Her name is Daisy Miller!", "Why,
    it's Nancy!"). The description's lines around there are that person's."""
    for i, q in enumerate(quotes):
        inner = text[q.start:q.end]
        for pat, own in ((SELF_NAMING, True), (OTHER_NAMING, False), (None, True)):
            if pat is None:
                # "What name am I to ask for?" "Monks!": a name alone answering for a name
                m = ANSWER_NAME.fullmatch(inner.strip(" _*"))
                j = i - 1
                if m is None or j < 0 or qpara[j] != prevq.get(qpara[i]) or \
                        "name" not in text[quotes[j].start:quotes[j].end].lower() or \
                        "?" not in text[quotes[j].start:quotes[j].end]:
                    continue
            else:
                m = pat.search(inner)
            if m is None:
                continue
            form = m.group(1)
            if form.split()[0].lower() in NOT_NAMES and form.split()[0].rstrip(".").lower() \
                    not in TITLES:
                continue
            ch = reader.cast.character(form)
            if ch is None:
                continue
            person = reader.who_of_character(ch)
            p = qpara[i]
            if own:
                k = i
                while tags[k] is None and k and qpara[k - 1] == p:
                    k -= 1      # the second part of a speech: the tag before is its own
                target = speakers[k]
                if (target is None or not target.key.startswith("d:")) and \
                        tags[k] is not None and tags[k].kind in ("generic", "np"):
                    target = tags[k].who        # "the old gentleman", misread as someone
                if target is None or not target.key.startswith("d:"):
                    continue
                targets, keys = run_of(target.key, i, speakers, tags, qpara)
                targets.append(i)
                if tags[k] is not None and tags[k].who is not None and \
                        tags[k].who.key != target.key and tags[k].kind in ("generic", "np"):
                    more, more_keys = run_of(tags[k].who.key, i, speakers, tags, qpara)
                    targets += more
                    keys |= more_keys
            else:
                # the described person of that sex who spoke last before the naming
                target = None
                for j in range(i - 1, max(-1, i - 30), -1):
                    w = speakers[j]
                    if qpara[j] < p - NAMING_SCENE:
                        break
                    if w is not None and w.key.startswith("d:") and qpara[j] != p and \
                            w.gender == person.gender and person.gender is not None:
                        target = w
                        break
                if target is None:
                    continue
                targets, keys = run_of(target.key, i, speakers, tags, qpara)
            if not targets:
                continue
            for j in targets:
                speakers[j], cues[j] = person, "described"
            lo, hi = min(qpara[j] for j in targets), max(qpara[j] for j in targets)
            for key in keys:
                sal.rename(key, person, lo, hi)
            break


def run_of(key: str, i: int, speakers, tags, qpara) -> list[int]:
    """The lines of one described speaker (by its key) in the scene around quote i: each
    within NAMING_SCENE paragraphs of the next. A line whose tag's description was read as
    that speaker ("said the young lady" for "a beautiful young lady") brings in the other
    lines of that description too."""
    keys = {key}

    def of(j):
        w = speakers[j]
        t = tags[j].who if tags[j] is not None and tags[j].kind in ("generic", "np") else None
        if w is not None and w.key in keys or t is not None and t.key in keys:
            for x in (w, t):
                if x is not None and x.key.startswith("d:"):
                    keys.add(x.key)
            return True
        return False
    out = []
    for step in (-1, 1):
        last = qpara[i]
        j = i + step
        while 0 <= j < len(qpara) and abs(qpara[j] - last) <= NAMING_SCENE:
            if of(j):
                out.append(j)
                last = qpara[j]
            j += step
    return out, keys



def name_first_person(speakers, cues, addressed, qpara) -> Who | None:
    """Whom the lines next to the narrator's ("I said") address most, if clear."""
    near: Counter = Counter()
    named: Counter = Counter()
    by_para = {}
    for i, w in enumerate(speakers):
        if w is not None:
            by_para.setdefault(qpara[i], w)
            if w.key != "first" and cues[i] == "explicit":
                named[w.key] += 1
    for i, w in enumerate(addressed):
        if w is None:
            continue
        p = qpara[i]
        if (by_para.get(p - 1) and by_para[p - 1].key == "first") or \
                (by_para.get(p + 1) and by_para[p + 1].key == "first"):
            near[w] += 1
    for who, c in near.most_common(3):
        if c >= 2 and named[who.key] * 4 < c:
            return who
    return None
