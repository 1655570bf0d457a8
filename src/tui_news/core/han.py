"""What counts as a Chinese character: the one definition every module shares."""

from __future__ import annotations


def is_han(character: str) -> bool:
    """True for a CJK ideograph: the characters pinyin can annotate.

    The unified ideographs with extension A, the compatibility ideographs, the supplementary
    planes (extensions B–H) and the ideographic zero 〇. Latin letters, digits, kana, hangul and
    punctuation never carry a reading.
    """
    code = ord(character)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x3134F
        or code == 0x3007
    )
