"""The order of the sieves, their confidences, and attribute(): the one entry point.

Like Stanford CoreNLP's quote attribution, attribution is a list of sieves run in one
order over one document (document.py): each settles the quotes it can and leaves the rest
to the sieves after it, writing its name on what it settles. Any sieve can be switched off
(skip=..., or DRAMA_ABLATE=sieve1,sieve2 for the `drama extract` command) to measure what
it is worth: `python bench/attribution.py --ablate`.

The readers first (read_document): the speech tag beside each quote (tags.py), the people
the narration mentions and how salient each is (mentions.py, salience.py), the name each
quote calls out (vocative.py), and which quote paragraphs form a conversation; a role
tagged like a name ("said the Jew") that keeps answering calls to one person is that person
(roles.py). Then:

tags, quote by quote (each speaker settled is salient for the quotes after it):
  called-voice       "cried the same voice" after "Bring a light, Corrie": Corrie
  explicit           "said Martov", "Trotsky cried", "Martov stood up. “…”"; a name
                     leading in that the quote calls ("Nell laughed. “…, Nell.”") is the
                     one spoken to, and the one who spoke last speaks on (cue speaking-on)
  relation           "said his wife", "her ladyship said": the relative of the cast
  described          "cried an angry soldier": Angry soldier; "someone shouted": Someone
                     (a head that is no person, "her pale face", is no tag at all);
                     "said a voice; turning, Tom saw Mr. Fenwick": Mr. Fenwick
  first-person       "I said": the narrator-character
  description-coref  "replied the girl", "said this worthy": the person the reader knows;
                     "returned the whelp" after "…, Tom?": Tom
  pronoun            "he said", "she wrote", "it said": the one the turn before called
                     by name (or, untagged turns on, the one the turns since say), else
                     by sex and salience
revisions, once the whole text is read:
  epithet            a description the text keeps using for one person ("the girl": Nancy);
                     a role answering two strict exchanges as one person's side ("the doctor")
  epithet-variant    "the gentleman" where "the old gentleman" is someone named
  epithet-partner    "replied the woman", unresolved, after Mr. Tallis and "the landlady"
                     whom the epithet sieve revised to Mrs. Orme: the other one of the two
  naming             "my name, sir, is Orme": that description's lines are his; an
                     untagged turn giving its own name ("Rosalind. How are you called?")
continuation         the rest of an interrupted speech is its first part's; a tag's
                     reading the rest of the speech calls by name is withdrawn
narrator-name        the narrator-character is named by what the others call them
kin-call             "Indeed, mamma, …" calls the speaker's mother by name (settles nothing)
conversation, untagged turns paragraph by paragraph (the rest of a paragraph follows):
  long-speech        a later paragraph of a speech that runs over several
  vocative           the one the previous turn called by name answers
  turn-taking        the two talking alternate
  salience           the most salient person who did not speak last
  fallback           the one who spoke last, or Someone (never the narrator)
after the sieves, over their attributions (extract/conversation/, LATER_STEPS):
  narrator           a story told in the first person: its narrator named by what the
                     dialogue calls them and the narration never does
  labels             a speaker label that is a place or a phrase cut at a title is no one,
                     nor a name hardly known as a person that no tag says speaks
  conversation-model the untagged turns decided again by a learned model that weighs the
                     sieves' choice among the other evidence (bench/train_conversation.py)
  aliases            a label the speakers show to be another person's takes that label
                     ("Miss Farrow" is May, the one unmarried Farrow woman who speaks);
                     a generic "Woman" the scene's woman the narration names most

Each sieve's docstring says exactly what it does and what it depends on.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Iterable

from ...errors import DramaError
from ..cast import Cast
from ..quotes import Quote
from .document import Document, read_document
from .sieve import ReadingOrder, Sieve
from .sieves.continuation import Continuation, LongSpeech
from .sieves.described import Described
from .sieves.description import DescriptionCoref
from .sieves.epithet import Epithet, EpithetPartner, EpithetVariant
from .sieves.explicit import Explicit
from .sieves.first_person import FirstPerson, NarratorName
from .sieves.kin_call import KinCall
from .sieves.naming import NamingInDialogue
from .sieves.pronoun import Pronoun
from .sieves.relation import Relation
from .sieves.salience import Fallback, Salient
from .sieves.turn_taking import TurnTaking
from .sieves.vocative import CalledVoice, Vocative
from .who import NOBODY

ABLATE_ENV = "DRAMA_ABLATE"

PIPELINE: tuple[Sieve | ReadingOrder, ...] = (
    # the speech tags, quote by quote: each speaker settled is salient for the next quote
    ReadingOrder("tags", (CalledVoice(), Explicit(), Relation(), Described(), FirstPerson(),
                          DescriptionCoref(), Pronoun()), feeds_salience=True),
    # revisions once the whole text has been read
    Epithet(),
    EpithetVariant(),
    EpithetPartner(),
    NamingInDialogue(),
    # the rest of a speech is its first part's
    Continuation(),
    NarratorName(),
    KinCall(),
    # untagged turns of a conversation, paragraph by paragraph
    ReadingOrder("conversation", (LongSpeech(), Vocative(), TurnTaking(), Salient(),
                                  Fallback()), by_turn=True),
)
"""The sieves in the order they run."""

CONFIDENCE = {
    "explicit": 0.95,
    "first-person": 0.9,
    "continuation": 0.9,
    "speaking-on": 0.95,
    "vocative": 0.85,
    "epithet": 0.75,
    "turn-taking": 0.75,
    "pronoun": 0.75,
    "action": 0.6,
    "described": 0.65,
    "colon": 0.5,
    "salience": 0.45,
    "unresolved": 0.1,
}
"""Confidence per cue: its accuracy on the PDNC development novels, on the half of the
split where it is lower, rounded down to 0.05: each rule was developed looking at one half or
the other, and the lower half is the nearer to a novel never looked at (`python
bench/attribution.py --styles curly --cues` prints the measured figures; after round 25,
curly, half A / half B: explicit 98.9 / 96.2%, continuation 94.1 / 93.3, vocative 93.9 /
86.7, first-person 93.8 on 64 / 98.7, pronoun 88.5 / 76.3, described 73.8 / 69.9, epithet
75.0 on 40 / 3 quotes, action 60.0 on 5 / 77.8 on 18; "colon" is measured on one or two
quotes, a prior rather than a measure; "speaking-on" (a name leading into a quote that the
quote calls: the one who spoke last speaks on to them) was right on every line it decided
after round 46, but those are few and all of half A: 3 of 3 in the ten novels, 12 of 12 in
the passages of seeds 1-101 but the unseen eight (`bench/attribution_passages.py --cues
speaking-on`), none in half B, so it states explicit's 0.95, the highest any cue states,
rather than the 1.0 its one measured half rounds to; "salience" the salience sieve's own
lines before the model, 47.3 / 46.4% after round 33 (`python bench/sieve_lines.py`), and
"turn-taking" and "salience" lines are the conversation model's to decide, which gives each
its own probability, calibrated on turns of the half it was not trained on). A cue says what
evidence decided a line ("action": a beat of narration with no speech verb), so one sieve
may write several cues, and one cue may be several sieves' (SIEVE_CONFIDENCE). A
continuation line takes the confidence of the line it continues, when that is lower. Only
the soft anchors' cue confidences (turns.SOFT_CUES) weigh in the decoding; the rest are what
a script reports (`drama review` lists the least sure lines first)."""


SIEVE_CONFIDENCE = {
    ("described", "described"): 0.35,
    ("naming", "described"): 0.95,
    ("relation", "described"): 0.9,
    ("fallback", "salience"): 0.35,
}
"""Confidence of a cue as one sieve writes it, where that sieve's accuracy is far from the
cue's (by the same rule as CONFIDENCE: the lower half, rounded down to 0.05): the cue
"described" is a description's speaker, written by four sieves whose lines are right
39.5 / 47.2% of the time (described: "cried an angry soldier", a stranger the text may
name later), 74.4 / 67.2 (description-coref), 96.2 / 97.4 (naming: "my name, sir, is
Orme") and 100 / 90.0 (relation: "said his wife"), half A / half B after round 33
(`python bench/sieve_lines.py`: by the sieve that settled a line and the cue it ends with).
The cue "salience" is the salience sieve's (47.3 / 46.4% right) and the fallback's when it
gives a turn to the one who spoke the turn before (39.3 / 45.5%). These are what a script
states; the conversation model re-decides the turns of salience and fallback, and trusts a
description's anchor as much as its cue, whichever sieve wrote it (apply.prepare)."""


def cue_confidence(sieve: str, cue: str) -> float:
    """The confidence of a cue as that sieve writes it (SIEVE_CONFIDENCE, else CONFIDENCE;
    0.3 for a cue neither names)."""
    return SIEVE_CONFIDENCE.get((sieve, cue), CONFIDENCE.get(cue, 0.3))


@dataclass
class Attribution:
    """Who speaks one quotation, which rule said so and how sure it is."""

    speaker: str
    cue: str
    confidence: float
    sieve: str = ""
    """The sieve that decided it ("" when none did and the speaker is a default)."""
    kin_called: str | None = None
    """The relative the line calls by a family word ("Well, mamma,", "Papa"), when it calls
    no one by name (for the conversation model, which reads the names the lines call, this
    before the cast's own name for the word: "Papa")."""
    described: str | None = None
    """The description its tag calls the speaker by ("old lady", "her father": the words
    after "the"), when the cue is a description's (DESCRIBED_CUES): the conversation model
    reads that description elsewhere in the scene's narration as a mention of the speaker."""
    described_sex: str | None = None
    """The sex the text gives that description ("m" for "the doctor … shaking his head"),
    when known: a fact of the tag, which stays when a later step gives the line to another."""
    tag_sex: str | None = None
    """"m" or "f" when the quote's tag is a "he" or "she" ("“…,” he was raving"), whoever
    the rules gave it: a fact of the tag, as described_sex is."""


DESCRIBED_CUES = frozenset({"described", "epithet"})
"""Cues of a speaker a description in the tag stands for ("said the old lady")."""

TURN_CUES = frozenset({"continuation", "speaking-on"})
"""Cues of a line the rules give by the turn it stands in rather than by its own tag: the
rest of one speech across a tag or a paragraph break ("continuation"), and the one who
spoke last speaking on to the name leading into the line ("speaking-on": "Nell laughed.
“You must stop teasing me, Nell.”"). The conversation model leaves such a turn as the rules
decided it (neither is in turns.MODEL_CUES); where such a line stands in a turn the model
does decide, it takes the model's speaker (apply._ModelTurns.rules_guessed), or the speaker
of its turn's tag when that tag stood (apply._ModelTurns.line_of_turn); a generic label on
it ("Woman") is named as a pronoun's is (aliases.GUESSED_CUES). Only "continuation" also
continues another line: its confidence is no higher than that line's (confidence), and a
turn's cue is that of its first line that is no continuation (turns._turn_cue)."""


LATER_STEPS = ("narrator", "labels", "conversation-model", "aliases")
"""What runs after the sieves, over their attributions (extract/conversation/): the
first-person narrator named by what the dialogue calls them (narrator.py), labels that are
no one left open (labels.py), the learned conversation model, and the labels the speakers
show to be one person joined (aliases.py, named_later.py); each switchable off by name
like a sieve."""


def sieve_names() -> list[str]:
    """Every sieve's name, in pipeline order, then the steps after the sieves."""
    return [s.name for step in PIPELINE for s in _sieves_of(step)] + list(LATER_STEPS)


def _sieves_of(step: Sieve | ReadingOrder) -> tuple[Sieve, ...]:
    return step.sieves if isinstance(step, ReadingOrder) else (step,)


def ablated_sieves() -> frozenset[str]:
    """The sieves DRAMA_ABLATE switches off (comma-separated names); an unknown name is an
    error that lists the known ones."""
    raw = os.environ.get(ABLATE_ENV, "")
    names = frozenset(n.strip() for n in raw.split(",") if n.strip())
    unknown = sorted(names - set(sieve_names()))
    if unknown:
        raise DramaError(f"{ABLATE_ENV}: no sieve named {', '.join(unknown)} "
                         f"(sieves: {', '.join(sieve_names())})")
    return names


def attribute(text: str, quotes: list[Quote], paras: list[tuple[int, int]] | None = None,
              cast: Cast | None = None, skip: Iterable[str] | None = None) -> list[Attribution]:
    """One Attribution per dialogue quote, in order; never an unknown speaker.

    cast: the text's Cast when the caller has built it already. skip: names of sieves to
    switch off (default: those DRAMA_ABLATE names)."""
    if not quotes:
        return []
    skip = ablated_sieves() if skip is None else frozenset(skip)
    doc = read_document(text, quotes, paras, cast)
    run_sieves(doc, skip)
    return attributions(doc)


def run_sieves(doc: Document, skip: frozenset[str] = frozenset()) -> None:
    """Run the pipeline over a document, leaving out the sieves named in skip."""
    for step in PIPELINE:
        if isinstance(step, ReadingOrder):
            step.run(doc, skip)
        elif step.name not in skip:
            step.run(doc)


def attributions(doc: Document) -> list[Attribution]:
    """The decisions as Attributions: a quote no sieve settled is the narrator's of a story
    told in the first person, else Someone's (cue salience)."""
    out = []
    for i in range(len(doc.quotes)):
        who = doc.speakers[i] or (doc.narrator if doc.told_by_i else NOBODY)
        label = doc.narrator.label if who.key == "first" else who.label
        cue = doc.cues[i] or "salience"
        conf = doc.confidences[i]
        if conf is None:
            conf = _cue_confidence(doc, i, cue)
        kin = doc.kin_calls.get(i)
        described = _described(doc, i, cue)
        tag = doc.tags[i]
        out.append(Attribution(label, cue, conf, doc.settled_by[i],
                               kin.label if kin is not None else None, described,
                               tag.who.gender if described else None,
                               tag.gender if tag is not None and tag.kind == "pron" else None))
    return out


def _described(doc: Document, i: int, cue: str) -> str | None:
    """Attribution.described: the words of quote i's tag's description ("old lady")."""
    tag = doc.tags[i]
    if cue not in DESCRIBED_CUES or tag is None or tag.who is None or \
            not tag.who.key.startswith("d:"):
        return None
    return tag.who.key[2:]


def _cue_confidence(doc: Document, i: int, cue: str) -> float:
    """The cue's confidence; a continuation's is no higher than the line it continues."""
    conf = cue_confidence(doc.settled_by[i], cue)
    if cue != "continuation":
        return conf
    n, qpara, cues = len(doc.quotes), doc.quote_para, doc.cues
    src = next((j for j in (i - 1, i + 1, i - 2, i + 2)
                if 0 <= j < n and qpara[j] == qpara[i] and cues[j] != "continuation"), None)
    if src is None and qpara[i] in doc.speech_began:
        src = doc.para_first[doc.speech_began[qpara[i]]]
    if src is not None:
        conf = min(conf, cue_confidence(doc.settled_by[src], cues[src]))
    return conf
