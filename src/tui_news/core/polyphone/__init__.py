"""Polyphone-aware pinyin: one reading per character, chosen in context.

``default_engine().read(text)`` gives a :class:`Reading` per character. Polyphonic characters
are decided by the g2pM model (a small bi-LSTM shipped in the ``g2pM`` wheel, run here as a
batched numpy forward pass) arbitrated against pypinyin's phrase dictionary over jieba words;
see ``arbitration`` for the rule and ``bench/pinyin_accuracy.py`` for the measurements. Where the
sources are not in firm agreement, ``learned_arbiter`` (fitted on the CPP dev split) decides.
Importing this package is cheap: tables, jieba and the model load on first use.
"""

from .engine import PinyinEngine, Reading, default_engine
from .syllables import to_tone_numbers

__all__ = ["PinyinEngine", "Reading", "default_engine", "to_tone_numbers"]
