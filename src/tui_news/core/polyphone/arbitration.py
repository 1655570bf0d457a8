"""Choosing one reading from the model's probabilities and the phrase dictionary's evidence.

Measured on the CPP dev split (see bench/pinyin_accuracy.py), the two sources fail differently:

* the g2pM model is right about 97.4 % of the time; when wrong it is often very sure of itself
  on common words whose reading is lexically fixed (协调 tiáo, 种植 zhòng, 显得 de);
* a segmented word found in pypinyin's phrase dictionary is right about as often, but its
  errors are words whose reading the dictionary spells differently from the standard the
  model learned (a neutral tone where a full tone is expected, or place names).

So the phrase reading wins unless the model *vetoes* it: the model's probability for the
phrase's reading must not be negligible. A reading the model all but rules out (below
``PHRASE_VETO``) is usually a dictionary quirk; anything the model finds merely unlikely is
usually a model error that the lexicon corrects. Where the dictionary has nothing, the model
decides; where the model cannot judge, the dictionary, then the character's default, decides.
A grammatical rule for a function character (see ``grammar``) overrides both.
"""

from __future__ import annotations

# The veto level: the model's probability below which it overrules the phrase dictionary.
# Accuracy is flat between 1e-4 and 3e-3 on the dev split, so this is not a tuned knife edge.
PHRASE_VETO = 1e-3

# Which dictionary words the model may veto, by jieba part-of-speech tag: nouns and names.
# Their readings are conventions (place names, transliterations, technical terms) on which
# dictionaries disagree. For verbs, adverbs, pronouns and the like (了解, 觉得, 为何, 种植),
# the dictionary reading is grammar and the model's contrary certainty was, in a sample of
# everyday news text, almost always wrong, so the veto does not apply to them.
VETOABLE_TAGS = frozenset({"n", "nr", "nrfg", "nrt", "ns", "nt", "nz", "unknown"})
VETOABLE_UNKNOWN = "unknown"  # the tag of a word jieba's dictionary lacks (often a name)

# Proper nouns, and words jieba does not know (mostly names): the model may veto their
# dictionary reading outright; a common noun's only where the dictionary itself is unsure.
PROPER_NOUN_TAGS = VETOABLE_TAGS - {"n"}


def firm_common_word(tag: str, reading: str, longer_readings: set[str]) -> bool:
    """Must the model's veto spare this whole dictionary word's ``reading``?

    jieba tags many everyday words "n" (着力, 种地, 教书, 目的, 人参, 转圈), and g2pM, trained on
    encyclopedia sentences, can be all but certain of another reading for them (着力: zhuó at
    1e-9). On the CPP dev split the veto of a common noun was right in 9 of 10 cases (mostly
    technical terms: 薄膜, 隔扇, 部分); on everyday text (tests/data/everyday_polyphones.tsv) it
    was wrong in all 17. What still separates a dictionary quirk from the model's blind spot:
    the dictionary itself reads the character another way in a longer word holding this one
    (``longer_readings``: 部分 fèn but 条贯部分 fēn; 肚子 dǔ but 拉肚子 dù), and then the veto
    stands. Proper nouns keep it too: names and transliterations are where dictionaries err.
    The cost on CPP: 0.04 point of the cross-validated accuracy (97.93 % → 97.89 %).
    """
    return tag not in PROPER_NOUN_TAGS and longer_readings <= {reading}


def choose(
    probabilities: dict[str, float],
    phrase_reading: str | None,
    default: str | None,
    rule_reading: str | None = None,
    phrase_veto: float = PHRASE_VETO,
) -> str | None:
    """One reading for a polyphonic character.

    ``probabilities`` is the model's distribution over the character's candidates (empty when
    the model was not run or knows none of them); ``phrase_reading`` comes from a dictionary
    word covering the character; ``default`` is its out-of-context reading; ``rule_reading``
    comes from a grammatical rule (``grammar``), which is more specific than either source.
    ``phrase_veto`` is the model probability below which it overrules the phrase (0 = never).
    """
    if rule_reading is not None and (not probabilities or rule_reading in probabilities):
        return rule_reading
    if not probabilities:
        return phrase_reading or default
    best = max(probabilities, key=probabilities.__getitem__)
    if phrase_reading is None or phrase_reading == best:
        return best
    if phrase_reading.endswith("5"):
        # A neutral tone is a property of the word (孩子 zi, 觉得 de), never vetoed. Where
        # the character's table has no neutral reading (弟弟, 暖和), the table's standard
        # writes the citation tone: keep the dictionary's syllable, let the model pick its tone.
        if phrase_reading in probabilities:
            return phrase_reading
        same = [c for c in probabilities if c[:-1] == phrase_reading[:-1]]
        return max(same, key=probabilities.__getitem__) if same else best
    if phrase_reading not in probabilities:
        # The dictionary spells a reading outside the model's candidate set: the candidate
        # sets follow the standard the model was trained on, so the model decides.
        return best
    if probabilities[phrase_reading] >= phrase_veto:
        return phrase_reading
    return best
