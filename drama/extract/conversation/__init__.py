"""Who speaks an untagged turn of a conversation: a small learned model over candidates.

The rules (attribution/) settle the lines a tag names ("said Christina"). For the others,
a turn of dialogue with no tag, or only a pronoun, each person who could be speaking is
scored by a log-linear model over features of the conversation around the turn. In four
stages, one module each:

- turns.py: the rules' attributions read into turns, conversations (chains of turns) and
  the places each person is named: a Doc;
- features.py: who could speak a turn (candidates) and the features of each, those that
  hold whoever spoke before (emission) and those that depend on it (transition), put
  together from the feature groups: schema.py (names and order), around.py (the turns
  around), address.py (calls and phrases), chain.py (the whole conversation) and
  mentions.py (the narration's mentions, pronoun tags);
- decode.py: the likeliest speakers of a whole conversation, by beam search (decide);
- apply.py: the weights loaded, the narrator named (first_person.py: a first-person
  story's narrator, by the names the dialogue calls them), and the model's choices written
  back into the attributions (refine, the pipeline's entry).

The weights are learned from the annotated development novels by bench/train_conversation.py
(which also reports, novel by novel, how the model does on novels it was not trained on)
and kept in data/conversation_model.json. The model only chooses among people the text
shows; with no weights file it leaves the rules' choice.
"""
from .apply import calibrated, load_model, prepare, refine, use_model, vocative_labels
from .decode import decide, next_other
from .chain import follows_scene
from .features import candidates, emission, transition, with_partners
from .mentions import focal
from .schema import FEATURES, INDEX, SCENE_PARAS, TRANSITION
from .turns import Doc, Turn, build_doc

__all__ = ["Doc", "FEATURES", "INDEX", "SCENE_PARAS", "TRANSITION", "Turn", "build_doc",
           "calibrated", "candidates", "decide", "emission", "focal", "follows_scene",
           "load_model", "next_other", "prepare", "refine", "transition", "use_model",
           "vocative_labels", "with_partners"]
