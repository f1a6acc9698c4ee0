"""The conversation model's features by name, in the order of its weights
(data/conversation_model.json): EMISSION, TRANSITION, FEATURES and INDEX, and the reaches
they are counted over (REACH turns either side; WINDOW_PARAS and SCENE_PARAS paragraphs
before a conversation). Apart from features.py, which assembles the groups, so that each
group's module (around, address, chain, mentions) sets its features by INDEX without an
import cycle.
"""

RULE_CUES = ("turn-taking", "salience", "vocative", "unresolved", "pronoun", "action",
             "colon", "continuation")
"""The rules' cues of a turn that are features of their own (rule:CUE). "speaking-on" has
none: its turns are fixed (pipeline.TURN_CUES), and the shipped weights predate it."""
REACH = 4               # turns either side whose tagged speakers are features
WINDOW_PARAS = 3        # paragraphs before a conversation whose people are candidates ...
SCENE_PARAS = 30        # ... looking back no further than this

EMISSION = (
    [f"prev{d}" for d in range(1, REACH + 1)] + [f"next{d}" for d in range(1, REACH + 1)] +
    [f"nb_prev{d}" for d in range(1, REACH + 1)] + [f"nb_next{d}" for d in range(1, REACH + 1)] +
    ["rule", "rule_unnamed", "rule_in_beat"] + [f"rule:{c}" for c in RULE_CUES] +
    ["voc_prev", "voc_next", "voc_self", "voc_prev2", "voc_next2", "voc_chain",
     "par_prev", "par_prev_odd", "par_next", "par_next_odd",
     "par_prev_beat", "par_prev_odd_beat", "par_next_beat", "par_next_odd_beat", "near_pair",
     "narr_subj", "narr_any", "narr_after", "beat_subj", "beat_any", "in_quote", "narr_chain",
     "recency", "rank", "lines", "chain_share", "two_party", "first_person",
     "pron_match", "pron_clash", "last_mention_subj", "g_rank", "g_first", "g_only",
     "g_focal", "rule_far", "quoted_only", "form_share",
     "named_next", "called_sex_prev", "called_clash_prev", "called_sex_next",
     "called_clash_next", "told_prev"]
)
"""Features of a candidate at a turn, whoever spoke the turns before."""
TRANSITION = ("same_as_prev", "alternates", "third_party", "answers_call", "repeats_call",
              "enters", "beat_same", "answers_question", "same_after_beat",
              "same_after_tail", "third_outside_pair", "resumes", "resumes_other",
              "same_after_lead")
"""Features of a candidate given who spoke the two turns before (in the same conversation),
or, at a conversation's first turn, the last two of the scene's conversation before."""
FEATURES = list(EMISSION) + list(TRANSITION)
INDEX = {f: i for i, f in enumerate(EMISSION)}
