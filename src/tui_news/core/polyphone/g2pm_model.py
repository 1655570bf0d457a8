"""A batched numpy forward pass of the g2pM polyphone model.

g2pM (pip package ``g2pM``) ships a one-layer bi-LSTM (32 units per direction) with a two-layer
classifier, trained on the CPP corpus, as plain numpy arrays inside its wheel. Its own API runs
one sentence at a time in float64 and scores all 876 pinyin classes; this module computes the
same network, but:

* many sentences per call, padded into one matrix, so the time loop runs once per batch;
* the embedding and the input-to-gate matrix are folded into one lookup table per direction
  (embedding @ W_ih.T + biases), so each step only needs the small recurrent matmul;
* only the hidden states at the requested target positions go through the classifier;
* the result is a probability distribution restricted to the readings the caller allows
  (the model itself can otherwise pick a syllable the character never has).

Nothing is downloaded: the arrays are read from the installed g2pM package.
"""

from __future__ import annotations

import contextlib
import ctypes
import glob
import os
import pickle
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

_PAD, _UNK, _BOS, _EOS = "<PAD>", "<UNK>", "시", "끝"  # the model's own special tokens


def _package_dir() -> str:
    # Imported lazily: importing the core must not require g2pM until the model is used.
    import g2pM

    return os.path.dirname(os.path.abspath(g2pM.__file__))


def _load(name: str) -> object:
    with open(os.path.join(_package_dir(), name), "rb") as handle:
        return pickle.load(handle)  # noqa: S301 — the wheel's own data files


@lru_cache(maxsize=1)
def _openblas_thread_setter() -> ctypes._CFuncPtr | None:
    """OpenBLAS's per-thread thread-count setter from numpy's bundled library, if any."""
    libs_dir = os.path.join(os.path.dirname(os.path.dirname(np.__file__)), "numpy.libs")
    for path in glob.glob(os.path.join(libs_dir, "*openblas*")):
        try:
            setter = ctypes.CDLL(path).openblas_set_num_threads_local
        except (OSError, AttributeError):
            continue
        setter.argtypes, setter.restype = [ctypes.c_int], ctypes.c_int
        return setter
    return None


@contextlib.contextmanager
def _single_threaded_blas() -> Iterator[None]:
    """Run the model's matrix products on this thread only.

    The products are small (a 32-unit LSTM), so OpenBLAS's worker threads buy nothing, and on
    a busy machine waiting for them made the forward pass over ten times slower. The setting
    is per thread and restored afterwards; without a bundled OpenBLAS this does nothing.
    """
    setter = _openblas_thread_setter()
    previous = setter(1) if setter is not None else None
    try:
        yield
    finally:
        if setter is not None and previous is not None:
            setter(previous)


@dataclass(frozen=True)
class Target:
    """One character to classify: sentence index, character index, allowed readings."""

    sentence: int
    position: int
    candidates: tuple[str, ...]  # tone-numbered, ü as "u:" (the model's class names)


class G2pmModel:
    """The g2pM network; ``probabilities`` is the only entry point."""

    def __init__(self) -> None:
        state = _load("np_ckpt.pkl")
        self.char2idx: dict[str, int] = _load("char2idx.pkl")  # type: ignore[assignment]
        class2idx: dict[str, int] = _load("class2idx.pkl")  # type: ignore[assignment]
        # g2pM's own character → readings table (CC-CEDICT derived).
        self.cedict: dict[str, list[str]] = _load("digest_cedict.pkl")  # type: ignore[assignment]
        self.class2idx = class2idx
        self._known_cache: dict[tuple[str, ...], tuple[tuple[str, ...], list[int]]] = {}
        emb = state["embedding.weight"].astype(np.float32)
        # Precomputed input projections: row = token id, columns = the 4*32 gate inputs.
        self._in_fw = emb @ state["lstm.weight_ih_l0"].T + (
            state["lstm.bias_ih_l0"] + state["lstm.bias_hh_l0"]
        )
        self._in_bw = emb @ state["lstm.weight_ih_l0_reverse"].T + (
            state["lstm.bias_ih_l0_reverse"] + state["lstm.bias_hh_l0_reverse"]
        )
        self._hh_fw = np.ascontiguousarray(state["lstm.weight_hh_l0"].T)
        self._hh_bw = np.ascontiguousarray(state["lstm.weight_hh_l0_reverse"].T)
        self._w0 = state["logit_layer.0.weight"].T
        self._b0 = state["logit_layer.0.bias"]
        self._w1_rows = state["logit_layer.2.weight"]  # [classes, 32]: one row per class
        self._b1 = state["logit_layer.2.bias"]
        self.hidden = self._hh_fw.shape[0]
        self._unk = self.char2idx[_UNK]
        self._bos = self.char2idx[_BOS]
        self._eos = self.char2idx[_EOS]

    def knows(self, reading: str) -> bool:
        return reading in self.class2idx

    def _encode(self, sentence: str) -> list[int]:
        get, unk = self.char2idx.get, self._unk
        return [self._bos, *(get(ch, unk) for ch in sentence), self._eos]

    def _run_lstm(self, table: np.ndarray, w_hh: np.ndarray, ids: np.ndarray) -> np.ndarray:
        """Hidden states [B, T, H] of one direction over left-aligned, padded ids."""
        batch, steps = ids.shape
        h_size = self.hidden
        gates_in = table[ids]  # [B, T, 4H]
        h = np.zeros((batch, h_size), dtype=np.float32)
        c = np.zeros((batch, h_size), dtype=np.float32)
        out = np.empty((batch, steps, h_size), dtype=np.float32)
        for t in range(steps):
            gates = gates_in[:, t] + h @ w_hh
            # PyTorch gate order: input, forget, cell, output.
            sig = 1.0 / (1.0 + np.exp(-gates[:, : 2 * h_size]))
            i, f = sig[:, :h_size], sig[:, h_size:]
            g = np.tanh(gates[:, 2 * h_size : 3 * h_size])
            o = 1.0 / (1.0 + np.exp(-gates[:, 3 * h_size :]))
            c = f * c + i * g
            h = o * np.tanh(c)
            out[:, t] = h
        return out

    def _batch_hidden(
        self, sentences: Sequence[str], rows: Sequence[int], spots: list[tuple[int, int]]
    ) -> np.ndarray:
        """Bi-LSTM features [N, 2H] for (row-in-batch, char position) spots."""
        encoded = [self._encode(sentences[r]) for r in rows]
        lengths = np.array([len(e) for e in encoded])
        steps = int(lengths.max())
        ids = np.zeros((len(encoded), steps), dtype=np.int64)
        for b, e in enumerate(encoded):
            ids[b, : len(e)] = e
        # The backward direction runs over each row reversed within its own length, so the
        # padding stays at the end and never feeds into a real state.
        rev_index = lengths[:, None] - 1 - np.arange(steps)[None, :]
        rev_ids = np.where(rev_index >= 0, np.take_along_axis(ids, np.maximum(rev_index, 0), 1), 0)
        fw = self._run_lstm(self._in_fw, self._hh_fw, ids)
        bw = self._run_lstm(self._in_bw, self._hh_bw, rev_ids)
        b_idx = np.array([s[0] for s in spots])
        pos = np.array([s[1] for s in spots]) + 1  # +1 for the BOS token
        return np.concatenate([fw[b_idx, pos], bw[b_idx, lengths[b_idx] - 1 - pos]], axis=1)

    def _candidate_logits(self, features: np.ndarray, index: np.ndarray) -> np.ndarray:
        """Logits [N, K] of each row's candidate classes only (not all 876 classes)."""
        hidden = np.maximum(features @ self._w0 + self._b0, 0.0)  # [N, 32]
        weights = self._w1_rows[index]  # [N, K, 32]
        return np.einsum("nd,nkd->nk", hidden, weights) + self._b1[index]

    def probabilities(
        self, sentences: Sequence[str], targets: Sequence[Target], batch_size: int = 256
    ) -> list[dict[str, float]]:
        """For each target, a softmax over its candidates that the model knows.

        Candidates the model has no class for are left out; a target with none gets {}.
        Sentences are processed in batches of similar length to keep padding small.
        """
        by_sentence: dict[int, list[int]] = {}
        for k, tgt in enumerate(targets):
            by_sentence.setdefault(tgt.sentence, []).append(k)
        order = sorted(by_sentence, key=lambda s: len(sentences[s]))
        results: list[dict[str, float]] = [{} for _ in targets]
        with _single_threaded_blas():
            self._run_batches(sentences, targets, by_sentence, order, batch_size, results)
        return results

    def _run_batches(
        self,
        sentences: Sequence[str],
        targets: Sequence[Target],
        by_sentence: dict[int, list[int]],
        order: list[int],
        batch_size: int,
        results: list[dict[str, float]],
    ) -> None:
        for start in range(0, len(order), batch_size):
            rows = order[start : start + batch_size]
            spots: list[tuple[int, int]] = []
            owners: list[int] = []
            for b, s in enumerate(rows):
                for k in by_sentence[s]:
                    spots.append((b, targets[k].position))
                    owners.append(k)
            features = self._batch_hidden(sentences, rows, spots)
            self._softmax_into(results, features, [targets[k].candidates for k in owners], owners)

    def _known(self, candidates: tuple[str, ...]) -> tuple[tuple[str, ...], list[int]]:
        """The candidates the model has classes for, and those class indices (cached)."""
        known = self._known_cache.get(candidates)
        if known is None:
            names = tuple(c for c in candidates if c in self.class2idx)
            known = self._known_cache[candidates] = (names, [self.class2idx[c] for c in names])
        return known

    def _softmax_into(
        self,
        results: list[dict[str, float]],
        features: np.ndarray,
        candidate_sets: list[tuple[str, ...]],
        owners: list[int],
    ) -> None:
        """Softmax over each row's own candidates, vectorised with a padded index matrix."""
        knowns = [self._known(c) for c in candidate_sets]
        width = max((len(k[1]) for k in knowns), default=0)
        if width == 0:
            return
        index = np.zeros((len(knowns), width), dtype=np.int64)
        valid = np.zeros((len(knowns), width), dtype=bool)
        for row, (_, ids) in enumerate(knowns):
            index[row, : len(ids)] = ids
            valid[row, : max(len(ids), 1)] = True  # a dummy column keeps empty rows finite
        scores = self._candidate_logits(features, index).astype(np.float64)
        scores = np.where(valid, scores, -np.inf)
        scores = np.exp(scores - scores.max(axis=1, keepdims=True))
        scores /= scores.sum(axis=1, keepdims=True)
        for (names, _), probs, k in zip(knowns, scores.tolist(), owners, strict=True):
            if names:
                # The row is padded past the real candidates; zip stops at the last name.
                results[k] = dict(zip(names, probs, strict=False))


@lru_cache(maxsize=1)
def shared_model() -> G2pmModel:
    """The model is about 2 MB of arrays: load it once per process, on first use."""
    return G2pmModel()
