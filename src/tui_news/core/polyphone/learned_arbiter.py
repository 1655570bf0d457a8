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

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from .arbiter_features import (  # noqa: F401  (re-exported for the training script)
    _BASE_WIDTH,
    DENSE_FEATURES,
    Collocations,
    Evidence,
    build_collocations,
    candidate_atoms,
    context_atoms,
    dense_features,
    dense_matrix,
    extract,
    is_clear,
)

WEIGHTS_PATH = Path(__file__).with_name("arbiter_weights.npz")


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
