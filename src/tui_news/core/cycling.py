"""Enums a key steps through in order (pinyin mode, tone colours, list view, order, grouping)."""

from __future__ import annotations

from enum import StrEnum
from typing import Self


class CyclingEnum(StrEnum):
    """A StrEnum whose `next()` is the member after this one, wrapping round to the first."""

    def next(self) -> Self:
        members = list(type(self))
        return members[(members.index(self) + 1) % len(members)]
