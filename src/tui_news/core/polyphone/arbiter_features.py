"""The learned arbiter's features: what it knows about a polyphonic character in context.

Kept apart from the scoring (``learned_arbiter``) so the training script and the engine build
exactly the same features. Pure Python and numpy.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from .g2pm_model import Target

_BASE = (
    "log_prob",  # the model's log-probability (floored), 0 when the model knows none
    "model_best",
    "phrase_whole",  # agrees with the dictionary reading of the whole segmented word
    "phrase_part",  # agrees with a dictionary word inside the segmented word
    "phrase_noun",  # agrees with a dictionary reading the hand rule lets the model veto
    "phrase_neutral",  # agrees with a neutral-tone dictionary reading
    "phrase_syllable",  # same syllable as the dictionary reading, other tone
    "table_default",
    "rule",
    "hand_choice",  # what arbitration.choose picks
    "settled",  # evidence the hand rules never let the model overrule
    "neutral_tone",
    "log_prob_x_phrase",
    "model_unknown",  # the model has no class for this candidate
    # From the phrase dictionary's words containing the character (see ``Collocations``):
    "dict_share",  # log share of the character's dictionary words with this reading
    "dict_left",  # share of dictionary words with the same left neighbour read this way
    "dict_left_never",  # such words exist, none read this way
    "dict_right",
    "dict_right_never",
)
# The model's probability, binned, crossed with what the dictionary says about the candidate:
# how far to trust a confident model against a whole dictionary word is not linear in log p.
_PROB_BINS = (1e-3, 0.05, 0.3, 0.7, 0.95, 0.99)
_PHRASE_STATES = ("none", "agree_whole", "agree_part", "other_whole", "other_part")
_CROSSED = tuple(
    f"p<{bin_}|{state}|{noun}"
    for bin_ in (*_PROB_BINS, 1.0)
    for state in _PHRASE_STATES
    for noun in ("noun", "other")
)
_BASE_WIDTH = len(_BASE)
DENSE_FEATURES = _BASE + _CROSSED
_LOG_FLOOR = math.log(1e-6)
_UNKNOWN_TAG = "?"


@dataclass(slots=True)
class Evidence:
    """Everything known about one polyphonic character before the final choice."""

    line_no: int
    line: str
    index: int
    candidates: tuple[str, ...]
    words: list[str]  # the line's segmentation
    word_no: int  # which word holds the character
    offset: int  # the character's position inside that word
    phrase: str | None  # the phrase dictionary's reading, if a dictionary word covers it
    whole_word: bool  # ... and that dictionary word is the whole segmented word
    vetoable: bool  # the word is a noun or name (see arbitration.VETOABLE_TAGS)
    default: str | None
    rule: str | None
    settled: str | None  # the reading the hand rules fix regardless of the model
    target: Target
    probs: dict[str, float] = field(default_factory=dict)
    baseline: str | None = None  # the hand arbitration's choice


def context_atoms(e: Evidence, tags: dict[str, str]) -> list[str]:
    """Character-specific context atoms of a target (each later crossed with a reading).

    The first letter names the kind; the character follows, then the context value.
    """
    line, i, ch = e.line, e.index, e.line[e.index]
    words, n = e.words, e.word_no
    word = words[n]
    prev_word = words[n - 1] if n > 0 else "^"
    next_word = words[n + 1] if n + 1 < len(words) else "$"
    atoms = [
        "c" + ch,
        "l" + ch + (line[i - 1] if i > 0 else "^"),
        "r" + ch + (line[i + 1] if i + 1 < len(line) else "$"),
        "L" + ch + (line[max(i - 2, 0) : i] if i > 1 else "^"),
        "R" + ch + (line[i + 1 : i + 3] if i + 2 < len(line) else "$"),
        f"o{ch}{min(len(word), 4)}{min(e.offset, 3)}",
        "t" + ch + tags.get(word, _UNKNOWN_TAG),
        "p" + ch + tags.get(prev_word, _UNKNOWN_TAG),
        "n" + ch + tags.get(next_word, _UNKNOWN_TAG),
        "W" + ch + prev_word,
        "N" + ch + next_word,
    ]
    if len(word) > 1:
        atoms.append("w" + ch + word)
    return atoms


def candidate_atoms(e: Evidence, reading: str, best: str | None) -> list[str]:
    """Atoms that hold for one candidate only: how far this character trusts each source."""
    ch = e.line[e.index]
    atoms = []
    if reading == e.phrase:
        atoms.append("a" + ch)
    if reading == best:
        atoms.append("m" + ch)
    return atoms


# Reading counts of a polyphonic character in the phrase dictionary's words: key "ch" for all
# its words, "ch<x" for words where x precedes it, "ch>y" where y follows it.
Collocations = dict[str, dict[str, int]]


def build_collocations(
    phrases: dict[str, list[list[str]]], polyphonic: set[str], to_model: Callable[[str], str]
) -> Collocations:
    """Count readings per character and neighbour over a phrase dictionary (training side)."""
    table: Collocations = {}
    for word, readings in phrases.items():
        if len(readings) != len(word):
            continue
        for i, ch in enumerate(word):
            if ch not in polyphonic:
                continue
            reading = to_model(readings[i][0])
            keys = [ch]
            if i > 0:
                keys.append(ch + "<" + word[i - 1])
            if i + 1 < len(word):
                keys.append(ch + ">" + word[i + 1])
            for key in keys:
                counts = table.setdefault(key, {})
                counts[reading] = counts.get(reading, 0) + 1
    return table


def _share(counts: dict[str, int] | None, reading: str) -> tuple[float, float]:
    if not counts:
        return 0.0, 0.0
    n = counts.get(reading, 0)
    return n / sum(counts.values()), float(n == 0)


def dense_features(
    e: Evidence, colloc: Collocations
) -> tuple[list[list[float]], list[int], str | None]:
    """A target's dense features: per candidate the ``_BASE`` values and the index of its one
    active ``_CROSSED`` feature (-1 for none), and the model's best reading.

    Plain lists, not numpy rows: most targets have two or three candidates, and setting numpy
    elements one by one would cost more than the arithmetic.
    """
    probs, phrase = e.probs, e.phrase
    line, i = e.line, e.index
    ch = line[i]
    own = colloc.get(ch)
    own_total = sum(own.values()) if own else 0
    left = colloc.get(ch + "<" + line[i - 1]) if i > 0 else None
    right = colloc.get(ch + ">" + line[i + 1]) if i + 1 < len(line) else None
    best = max(probs, key=probs.__getitem__) if probs else None
    whole, noun, n_cand = e.whole_word, e.vetoable, len(e.candidates)
    rows: list[list[float]] = []
    crossed: list[int] = []
    for reading in e.candidates:
        p = probs.get(reading)
        log_p = max(math.log(p), _LOG_FLOOR) if p else (_LOG_FLOOR if probs else 0.0)
        agrees = reading == phrase
        neutral = reading[-1] == "5"
        count = own.get(reading, 0) if own else 0
        rows.append(
            [
                log_p,
                reading == best,
                agrees and whole,
                agrees and not whole,
                agrees and noun,
                agrees and neutral,
                (not agrees) and phrase is not None and reading[:-1] == phrase[:-1],
                reading == e.default,
                reading == e.rule,
                reading == e.baseline,
                reading == e.settled,
                neutral,
                log_p * agrees,
                p is None,
                math.log((count + 0.5) / (own_total + 0.5 * n_cand)),
                *_share(left, reading),
                *_share(right, reading),
            ]
        )
        if probs:
            prob_bin = bisect.bisect_right(_PROB_BINS, p or 0.0)
            state = 0 if phrase is None else (1 if agrees else 3) + (0 if whole else 1)
            crossed.append((prob_bin * 5 + state) * 2 + (0 if noun else 1))
        else:
            crossed.append(-1)
    return rows, crossed, best


def dense_matrix(rows: list[list[float]], crossed: list[int]) -> np.ndarray:
    """The full dense design matrix [N, D] (training side: one-hot crossed features)."""
    matrix = np.zeros((len(rows), len(DENSE_FEATURES)))
    if rows:
        matrix[:, :_BASE_WIDTH] = np.array(rows, dtype=np.float64)
        index = np.array(crossed)
        hit = np.flatnonzero(index >= 0)
        matrix[hit, _BASE_WIDTH + index[hit]] = 1.0
    return matrix


def extract(
    evidences: Sequence[Evidence], tags: dict[str, str], colloc: Collocations
) -> tuple[np.ndarray, list[list[str]], list[list[list[str]]]]:
    """Training-side extraction: dense rows of all candidates stacked [N, D], each target's
    context atoms, and each candidate's own atoms. Runtime scoring uses the same functions."""
    all_rows: list[list[float]] = []
    all_crossed: list[int] = []
    contexts, owns = [], []
    for e in evidences:
        rows, crossed, best = dense_features(e, colloc)
        all_rows += rows
        all_crossed += crossed
        contexts.append(context_atoms(e, tags))
        owns.append([candidate_atoms(e, reading, best) for reading in e.candidates])
    return dense_matrix(all_rows, all_crossed), contexts, owns


def is_clear(e: Evidence, clear_above: float) -> bool:
    """Do the sources agree so firmly that scoring is not worth its time?

    The model's best reading is the hand choice, with at least ``clear_above`` probability,
    and no dictionary word says otherwise. On the CPP dev split over nine in ten targets are
    clear, and in cross-validation the arbiter did no better on them than the hand choice, so
    it is neither trained nor run on them (this also keeps the engine fast).
    """
    probs = e.probs
    if not probs or e.phrase not in (None, e.baseline):
        return False
    return probs.get(e.baseline or "", 0.0) >= clear_above
