"""A learned arbiter: a conditional logit over each polyphonic character's candidate readings.

The hand arbitration (``arbitration.choose``) trusts either the g2pM model or the phrase
dictionary by a fixed rule. Picking the better of the two each time would be right far more
often than either, and which one to trust depends on the character and its neighbours (弄 is
nòng except in 弄堂 and street names; 差 in 落差 and 相差 is chā). So every candidate gets a
score ``w · f(candidate)`` and the highest wins, where ``f`` holds:

* *dense* evidence, shared by all characters: the model's log-probability, whether the
  candidate is the model's best, agrees with the phrase dictionary (whole word or part of one,
  nouns or not, neutral tone), is the table default, the grammar rule's reading, the hand
  arbitration's choice;
* *sparse* context atoms, each crossed with the candidate reading so they are character- and
  reading-specific: the character itself (a prior), the characters one and two either side, its
  word, the neighbouring words, the words' part-of-speech tags, its place in the word.

Weights are fitted by ``tools/train_polyphone_arbiter.py`` on the CPP dev split (cross-validated
there) and shipped as ``arbiter_weights.npz``. This module only extracts features and scores;
it needs numpy and nothing else. Atoms never seen in training have no weight and are dropped.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from .g2pm_model import Target

WEIGHTS_PATH = Path(__file__).with_name("arbiter_weights.npz")

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


class LearnedArbiter:
    """Scores candidates with shipped weights; ``choose`` is the entry point."""

    def __init__(
        self,
        dense: np.ndarray,
        atoms: Sequence[str],
        readings: Sequence[str],
        keys: np.ndarray,
        weights: np.ndarray,
        collocations: Collocations,
        review_settled: bool = True,
        clear_above: float = 2.0,
    ) -> None:
        self.collocations = collocations
        self.clear_above = clear_above  # above 1: every target is scored
        self.dense = np.asarray(dense, dtype=np.float64)
        self.atom_ids = {atom: k for k, atom in enumerate(atoms)}
        self.reading_ids = {reading: k for k, reading in enumerate(readings)}
        self.n_readings = len(readings)
        order = np.argsort(keys)
        self.keys = np.asarray(keys, dtype=np.int64)[order]  # atom_id * n_readings + reading
        self.weights = np.asarray(weights, dtype=np.float64)[order]
        self.review_settled = review_settled

    def reviews(self, char: str, settled: str) -> bool:
        """Should a target the hand rules settle still be scored (and the model run)?"""
        return self.review_settled

    @classmethod
    def load(cls, path: Path = WEIGHTS_PATH) -> LearnedArbiter:
        with np.load(path, allow_pickle=False) as data:
            atoms = bytes(data["atoms"]).decode("utf-8").split("\n")
            readings = str(data["readings"]).split(" ")
            return cls(
                data["dense"],
                atoms,
                readings,
                data["keys"],
                data["weights"].astype(np.float64),
                _parse_collocations(bytes(data["collocations"]).decode("utf-8")),
                bool(data["review_settled"]),
                float(data["clear_above"]),
            )

    def save(self, path: Path) -> None:
        atoms = sorted(self.atom_ids, key=self.atom_ids.__getitem__)
        readings = sorted(self.reading_ids, key=self.reading_ids.__getitem__)
        np.savez_compressed(
            path,
            dense=self.dense,
            atoms=np.frombuffer("\n".join(atoms).encode("utf-8"), dtype=np.uint8),
            readings=np.array(" ".join(readings)),
            keys=self.keys,
            weights=self.weights.astype(np.float32),
            collocations=np.frombuffer(
                _format_collocations(self.collocations).encode("utf-8"), dtype=np.uint8
            ),
            review_settled=np.array(self.review_settled),
            clear_above=np.array(self.clear_above),
        )

    def scores(self, evidences: Sequence[Evidence], tags: dict[str, str]) -> list[np.ndarray]:
        """Each target's candidate scores, in the order of its candidates."""
        atom_ids, reading_ids, n_readings = self.atom_ids, self.reading_ids, self.n_readings
        colloc = self.collocations
        dense_rows: list[list[float]] = []
        dense_crossed: list[int] = []
        row_readings: list[int] = []
        hit_rows: list[int] = []  # (candidate row, atom id) pairs, flattened into two lists
        hit_atoms: list[int] = []
        counts: list[int] = []
        row = 0
        for e in evidences:
            rows, crossed, best = dense_features(e, colloc)
            dense_rows += rows
            dense_crossed += crossed
            known = [a for a in map(atom_ids.get, context_atoms(e, tags)) if a is not None]
            for reading in e.candidates:
                row_readings.append(reading_ids.get(reading, -1))
                hit_rows.extend([row] * len(known))
                hit_atoms.extend(known)
                for atom in candidate_atoms(e, reading, best):
                    atom_id = atom_ids.get(atom)
                    if atom_id is not None:
                        hit_rows.append(row)
                        hit_atoms.append(atom_id)
                row += 1
            counts.append(len(e.candidates))
        if row == 0:
            return []
        total = np.array(dense_rows, dtype=np.float64) @ self.dense[:_BASE_WIDTH]
        crossed_arr = np.array(dense_crossed, dtype=np.int64)
        total += np.where(crossed_arr >= 0, self.dense[_BASE_WIDTH:][crossed_arr], 0.0)
        if hit_rows:
            rows_arr = np.array(hit_rows, dtype=np.int64)
            readings_arr = np.array(row_readings, dtype=np.int64)[rows_arr]
            keys = np.array(hit_atoms, dtype=np.int64) * n_readings + readings_arr
            at = np.minimum(np.searchsorted(self.keys, keys), len(self.keys) - 1)
            found = (self.keys[at] == keys) & (readings_arr >= 0)
            total += np.bincount(rows_arr, np.where(found, self.weights[at], 0.0), minlength=row)
        return np.split(total, np.cumsum(counts)[:-1])

    def is_clear(self, e: Evidence) -> bool:
        return is_clear(e, self.clear_above)

    def choose(self, evidences: Sequence[Evidence], tags: dict[str, str]) -> list[str | None]:
        """The best-scoring candidate of each unclear target; the hand choice elsewhere."""
        chosen = [e.baseline for e in evidences]
        review = [k for k, e in enumerate(evidences) if not self.is_clear(e)]
        scores = self.scores([evidences[k] for k in review], tags)
        for k, s in zip(review, scores, strict=True):
            chosen[k] = evidences[k].candidates[int(np.argmax(s))]
        return chosen


def _format_collocations(table: Collocations) -> str:
    return "\n".join(
        key + "\t" + " ".join(f"{r}={n}" for r, n in counts.items())
        for key, counts in table.items()
    )


def _parse_collocations(text: str) -> Collocations:
    table: Collocations = {}
    for line in text.split("\n") if text else ():
        key, _, counts = line.partition("\t")
        table[key] = {r: int(n) for r, _, n in (c.partition("=") for c in counts.split(" "))}
    return table


@lru_cache(maxsize=1)
def shipped_arbiter() -> LearnedArbiter | None:
    """The arbiter fitted on the whole CPP dev split, or None if the weights are missing."""
    return LearnedArbiter.load() if WEIGHTS_PATH.is_file() else None
