"""The learned polyphone arbiter: features, shipped weights, and a tiny training run."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest

from tui_news.core.polyphone import PinyinEngine
from tui_news.core.polyphone import learned_arbiter as la
from tui_news.core.polyphone.g2pm_model import Target

ROOT = Path(__file__).resolve().parents[1]


def _evidence(line: str, index: int, candidates: tuple[str, ...], **fields: object) -> la.Evidence:
    """Evidence for ``line[index]`` with the line cut into single-character words."""
    values: dict[str, object] = {
        "phrase": None,
        "whole_word": False,
        "vetoable": False,
        "default": candidates[0],
        "rule": None,
        "settled": None,
    }
    values.update(fields)
    evidence = la.Evidence(
        0,
        line,
        index,
        candidates,
        list(line),
        index,
        0,
        values["phrase"],  # type: ignore[arg-type]
        values["whole_word"],  # type: ignore[arg-type]
        values["vetoable"],  # type: ignore[arg-type]
        values["default"],  # type: ignore[arg-type]
        values["rule"],  # type: ignore[arg-type]
        values["settled"],  # type: ignore[arg-type]
        Target(0, index, candidates),
    )
    evidence.probs = dict(values.get("probs", {}))  # type: ignore[call-overload]
    evidence.baseline = values.get("baseline", candidates[0])  # type: ignore[assignment]
    return evidence


def _trainer():  # noqa: ANN202 — the training script is a tool, imported by path
    spec = importlib.util.spec_from_file_location(
        "train_polyphone_arbiter", ROOT / "tools" / "train_polyphone_arbiter.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_feature_extraction_is_deterministic() -> None:
    engine = PinyinEngine(arbiter=False)
    lines = ["他在银行工作，行长很忙。", "我们得快点走了。"]
    first, second = engine.evidence(lines), engine.evidence(lines)
    tags = engine._word_tags()
    colloc: la.Collocations = {"行": {"hang2": 3, "xing2": 5}, "行<银": {"hang2": 2}}
    for a, b in zip(first, second, strict=True):
        for x, y in zip(a, b, strict=True):
            assert la.context_atoms(x, tags) == la.context_atoms(y, tags)
            assert la.dense_features(x, colloc) == la.dense_features(y, colloc)
    bank = next(e for e in first[0] if e.index == 3)  # 行 in 银行
    atoms = la.context_atoms(bank, tags)
    assert "c行" in atoms and "l行银" in atoms and "w行银行" in atoms
    rows, crossed, _ = la.dense_features(bank, colloc)
    assert len(rows) == len(crossed) == len(bank.candidates)
    assert all(len(row) == la._BASE_WIDTH for row in rows)


def test_shipped_weights_load_and_score() -> None:
    arbiter = la.shipped_arbiter()
    assert arbiter is not None, "arbiter_weights.npz is missing"
    assert la.WEIGHTS_PATH.stat().st_size < 5 * 1024 * 1024
    assert arbiter.dense.shape == (len(la.DENSE_FEATURES),)
    assert len(arbiter.keys) == len(arbiter.weights) > 0
    engine = PinyinEngine(arbiter=False)
    evidences = engine.evidence(["银行行长到了。"])[0]
    engine._decide(evidences)
    scores = arbiter.scores(evidences, engine._word_tags())
    assert [len(s) for s in scores] == [len(e.candidates) for e in evidences]
    assert all(np.isfinite(s).all() for s in scores)


def test_engine_uses_the_arbiter_and_can_do_without() -> None:
    text = "银行行长说这个问题很重要。"
    with_arbiter = PinyinEngine().read(text)
    without = PinyinEngine(arbiter=False).read(text)
    assert [r.char for r in with_arbiter] == [r.char for r in without] == list(text)
    assert with_arbiter[1].pinyin == without[1].pinyin == "háng"


def test_training_learns_a_planted_rule() -> None:
    """Synthetic data: 乐 before 队 reads yuè, elsewhere lè, while every other source (model,
    default, hand choice) always says lè. Only the right-neighbour atom can learn the rule."""
    trainer = _trainer()
    rng = np.random.default_rng(1)
    fillers = "我他们好人天大小"
    examples = []
    for k in range(120):
        right = "队" if k % 2 == 0 else fillers[int(rng.integers(len(fillers)))]
        line = fillers[int(rng.integers(len(fillers)))] + "乐" + right
        evidence = _evidence(
            line,
            1,
            ("le4", "yue4"),
            probs={"le4": 0.7, "yue4": 0.3},
            baseline="le4",
        )
        examples.append((evidence, 1 if right == "队" else 0))
    arbiter = trainer.fit(examples[:100], {}, {}, reg_sparse=0.1)
    held_out = examples[100:]
    assert trainer.accuracy(held_out, trainer.predict(arbiter, held_out, {})) == 1.0
    assert trainer.hand_accuracy(held_out) < 0.8


def test_arbiter_round_trips_through_a_file(tmp_path: Path) -> None:
    arbiter = la.LearnedArbiter(
        np.arange(len(la.DENSE_FEATURES), dtype=np.float64),
        ["c乐", "r乐队"],
        ["le4", "yue4"],
        np.array([3, 1], dtype=np.int64),
        np.array([0.5, -0.25]),
        {"乐": {"le4": 2, "yue4": 1}},
        True,
        0.9,
    )
    path = tmp_path / "weights.npz"
    arbiter.save(path)
    loaded = la.LearnedArbiter.load(path)
    assert loaded.atom_ids == arbiter.atom_ids and loaded.reading_ids == arbiter.reading_ids
    assert np.array_equal(loaded.keys, arbiter.keys)
    assert np.allclose(loaded.weights, arbiter.weights)
    assert loaded.collocations == arbiter.collocations
    assert loaded.clear_above == pytest.approx(0.9)
