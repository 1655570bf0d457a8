"""Converting pinyin syllables between tone marks and tone numbers.

Three spellings meet in this package: pypinyin's tone marks ("lüè"), the g2pM model's class
names (tone digit, ü written "u:", e.g. "lu:e4") and the public tone-number form ("lve4").
Everything internal is kept in the model's spelling; the public API speaks tone marks.
"""

from __future__ import annotations

import unicodedata

from ..tones import with_tone

# Combining diacritics after NFD decomposition, by tone.
_TONE_OF_MARK = {"\u0304": "1", "\u0301": "2", "\u030c": "3", "\u0300": "4"}
_MARK_OF_TONE = {v: k for k, v in _TONE_OF_MARK.items()}
_UMLAUT = "\u0308"


def to_tone_numbers(syllable: str) -> str:
    """Tone marks → tone digit; ü → v; an unmarked (neutral) syllable gets 5.

    >>> to_tone_numbers("lüè"), to_tone_numbers("de"), to_tone_numbers("nǚ")
    ('lve4', 'de5', 'nv3')
    """
    decomposed = unicodedata.normalize("NFD", syllable)
    if sum(ch in _TONE_OF_MARK for ch in decomposed) > 1:
        # A unit character's two-syllable reading (兙 shíkè): a digit after each syllable.
        from tui_news.core.inline_pinyin import split_syllables

        parts = split_syllables(syllable)
        if parts and len(parts) > 1:
            return "".join(to_tone_numbers(part) for part in parts)
    tone = "5"
    kept: list[str] = []
    for ch in decomposed:
        if ch in _TONE_OF_MARK:
            tone = _TONE_OF_MARK[ch]
        elif ch == _UMLAUT and kept and kept[-1] in "uU":
            kept[-1] = "v" if kept[-1] == "u" else "V"
        else:
            kept.append(ch)
    return unicodedata.normalize("NFC", "".join(kept)) + tone


def marks_to_model(syllable: str) -> str:
    """Tone marks → the model's spelling ("lüè" → "lu:e4")."""
    return numbers_to_model(to_tone_numbers(syllable))


def numbers_to_model(syllable: str) -> str:
    return syllable.replace("v", "u:").replace("V", "U:")


def model_to_marks(syllable: str) -> str:
    """The model's spelling (or "v" for ü) → tone marks; tone 5 stays unmarked.

    The mark goes on a or e when present, on the o of "ou", else on the last vowel:
    the standard placement rule.
    """
    if " " in syllable.strip():
        # A few unit characters read as two syllables (兙 "shi2 ke4", 瓩 "qian1 wa3"): the
        # reading stays one unit over its one character.
        return "".join(model_to_marks(part) for part in syllable.split())
    if not syllable or not syllable[-1].isdigit():
        return syllable
    body, tone = syllable[:-1].replace("u:", "ü").replace("v", "ü"), syllable[-1]
    if tone not in "12345":
        return body
    return with_tone(body, int(tone))
