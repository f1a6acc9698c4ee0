"""Word lists the extractor reasons with: speech verbs, pronouns, titles."""
from __future__ import annotations

SPEECH_VERBS = frozenset("""
said says say asked asks ask cried cries replied replies answered answers shouted shouts
called calls exclaimed exclaims muttered mutters murmured murmurs whispered whispers
insisted insists wrote writes added adds continued continues declared declares announced
announces yelled yells proclaimed proclaims began begins repeated repeats remarked remarks
observed observes returned returns responded responds retorted retorts protested protests
demanded demands inquired inquires enquired enquires explained explains suggested suggests
admitted admits agreed agrees urged urges warned warns told tells screamed screams
shrieked shrieks roared roars growled growls snapped snaps sighed sighs laughed laughs
stammered stammers pleaded pleads begged begs chided chides challenged challenges
interrupted interrupts interposed interposes rejoined rejoins went_on resumed resumes
thought thinks gasped gasps sobbed sobs groaned groans grumbled grumbles bellowed bellows
hissed hisses recalled recalls noted notes stated states reported reports concluded
concludes conceded concedes countered counters objected objects persisted persists
confessed confesses assured assures promised promises threatened threatens
""".split())

MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
GROUP_PRONOUNS = frozenset({"they", "them", "we"})
PRONOUNS = MALE_PRONOUNS | FEMALE_PRONOUNS | GROUP_PRONOUNS | {"i", "you", "it"}

TITLES = frozenset("""
mr mr. mrs mrs. miss ms ms. dr dr. sir lady lord madame mme mademoiselle monsieur colonel
captain admiral general count countess prince princess comrade professor father mother
aunt uncle
""".split())
