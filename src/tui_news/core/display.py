"""Display settings shared by the reader and the command line."""

from __future__ import annotations

from enum import StrEnum


class PinyinMode(StrEnum):
    """How readings are shown: not at all, as ruby with tone marks, or with tone digits."""

    OFF = "off"
    MARKS = "marks"
    NUMBERS = "numbers"

    def next(self) -> PinyinMode:
        """The mode `p` switches to: off → marks → numbers → off."""
        order = list(PinyinMode)
        return order[(order.index(self) + 1) % len(order)]

    @property
    def label(self) -> str:
        return {"off": "pinyin off", "marks": "pinyin: tone marks", "numbers": "pinyin: tone numbers"}[
            self.value
        ]
