"""Polyphone accuracy on CPP-format splits, and reading speed.

    python bench/pinyin_accuracy.py                 # the dev split in /work/shared/data/cpp
    python bench/pinyin_accuracy.py SENT LB [...]   # any other split files, in pairs
    python bench/pinyin_accuracy.py --cv            # + the learned arbiter's 10-fold CV estimate

The shipped learned arbiter (``learned_arbiter``) was fitted on the CPP dev split, so the
engine's accuracy on dev is a TRAINING-SET number; the honest estimate for unseen text is the
cross-validation that ``--cv`` runs (tools/train_polyphone_arbiter.py --cv-only).

Each SENT line holds one target character between two U+2581 markers; the LB line holds its
answer as lowercase pinyin with a tone digit (5 = neutral) and ü written "u:". A target counts
as right when the engine's reading, in tone numbers, equals the answer exactly.

Speed: all sentences of a split are read in one ``read_lines`` call; the timing includes
building the engine (jieba's dictionary, the model) and is reported per 100 characters.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tui_news.core.polyphone import PinyinEngine, to_tone_numbers  # noqa: E402

MARK = "\u2581"
DEFAULT_DATA = Path(os.environ.get("CPP_DATA", "/work/shared/data/cpp"))


def load_split(sent_path: Path, label_path: Path) -> list[tuple[str, int, str]]:
    """(raw sentence, target index, answer) per line."""
    sentences = sent_path.read_text(encoding="utf-8").splitlines()
    labels = label_path.read_text(encoding="utf-8").splitlines()
    if len(sentences) != len(labels):
        raise SystemExit(f"{sent_path} and {label_path} differ in length")
    items = []
    for sentence, label in zip(sentences, labels, strict=True):
        index = sentence.index(MARK)
        items.append((sentence.replace(MARK, ""), index, label.strip()))
    return items


def as_label(reading: str | None) -> str:
    """Our tone-mark reading in the benchmark's spelling (tone digit, ü as "u:")."""
    return "" if reading is None else to_tone_numbers(reading).replace("v", "u:")


def evaluate(engine: PinyinEngine, items: list[tuple[str, int, str]]) -> tuple[float, list[str]]:
    results = engine.read_lines([raw for raw, _, _ in items])
    misses = []
    for (raw, index, label), readings in zip(items, results, strict=True):
        got = as_label(readings[index].pinyin)
        if got != label:
            misses.append(f"{raw[:index]}[{raw[index]}]{raw[index + 1 :]}\t{label}\t{got}")
    return 1 - len(misses) / len(items), misses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path, help="SENT LB pairs")
    parser.add_argument("--misses", type=Path, help="write the wrong targets to this file")
    parser.add_argument(
        "--cv", action="store_true", help="also run the arbiter's cross-validation estimate"
    )
    args = parser.parse_args()
    if len(args.files) % 2:
        parser.error("give split files in SENT LB pairs")
    pairs = list(zip(args.files[::2], args.files[1::2], strict=True)) or [
        (DEFAULT_DATA / "dev.sent", DEFAULT_DATA / "dev.lb")
    ]

    started = time.perf_counter()
    engine = PinyinEngine()
    load_seconds = time.perf_counter() - started
    print(f"engine built in {load_seconds:.2f} s")
    all_misses: list[str] = []
    for sent_path, label_path in pairs:
        items = load_split(sent_path, label_path)
        chars = sum(len(raw) for raw, _, _ in items)
        t0 = time.perf_counter()
        accuracy, misses = evaluate(engine, items)
        seconds = time.perf_counter() - t0
        all_misses += misses
        # The arbiter was fitted on dev: accuracy on that split measures fitting, not reading.
        trained_on = sent_path.resolve() == (DEFAULT_DATA / "dev.sent").resolve()
        label = " [training-set accuracy: the arbiter was fitted on this split]" * trained_on
        print(
            f"{sent_path.name}{label}: {accuracy:.4%} of {len(items)} targets "
            f"({len(misses)} wrong); {chars} chars in {seconds:.2f} s = "
            f"{chars / seconds:,.0f} chars/s, {1000 * seconds / chars * 100:.2f} ms/100 chars"
            f" (with engine load: {1000 * (seconds + load_seconds) / chars * 100:.2f})"
        )
    if args.misses:
        args.misses.write_text("\n".join(all_misses) + "\n", encoding="utf-8")
    if args.cv:
        print("cross-validation estimate (the number to quote for unseen text):", flush=True)
        script = ROOT / "tools" / "train_polyphone_arbiter.py"
        subprocess.run([sys.executable, str(script), "--cv-only"], check=True)


if __name__ == "__main__":
    main()
