"""Fold and cursor state of a comment list, apart from drawing.

The panel asks this where the cursor goes and which comments are visible; keeping the rules
here (a folded thread hides its subtree, the cursor never sits inside a folded thread) makes
them easy to follow and to test without a screen.
"""

from __future__ import annotations

from collections.abc import Sequence

from tui_news.core.models import Comment
from tui_news.ui.renderables.comments import ThreadEntry, flatten_threads


class ThreadFolds:
    """Comments in reading order, which of them are folded, and the cursor."""

    def __init__(self, comments: Sequence[Comment] = ()) -> None:
        self.entries: list[ThreadEntry] = flatten_threads(comments)
        self.folded: set[int] = set()
        self.cursor: int | None = 0 if self.entries else None

    def is_folded(self, index: int) -> bool:
        return index in self.folded

    def foldable(self, index: int) -> bool:
        return self.entries[index].size > 1

    def visible(self) -> list[int]:
        """Indices of the comments not hidden inside a folded thread."""
        shown, index = [], 0
        while index < len(self.entries):
            shown.append(index)
            index += self.entries[index].size if index in self.folded else 1
        return shown

    def set_folded(self, index: int, folded: bool) -> bool:
        """Fold or unfold `index`; False when nothing changed (no replies, or already so)."""
        if not self.foldable(index) or (index in self.folded) == folded:
            return False
        if folded:
            self.folded.add(index)
            size = self.entries[index].size
            if self.cursor is not None and index < self.cursor < index + size:
                self.cursor = index  # the cursor must stay on a visible comment
        else:
            self.folded.discard(index)
        return True

    def fold_all(self) -> None:
        """Fold every comment with replies, so unfolding opens one level at a time."""
        self.folded = {entry.index for entry in self.entries if entry.size > 1}
        if self.cursor is not None:
            self.cursor = self.root(self.cursor)

    def unfold_all(self) -> None:
        self.folded.clear()

    def root(self, index: int) -> int:
        """The top-level comment of `index`'s thread."""
        while (parent := self.entries[index].parent) is not None:
            index = parent
        return index

    # Cursor targets: each returns an index to move to, or None to stay.

    def step(self, delta: int) -> int | None:
        shown = self.visible()
        if not shown or self.cursor is None:
            return None
        position = shown.index(self.cursor) + delta
        return shown[max(0, min(position, len(shown) - 1))]

    def last(self) -> int | None:
        shown = self.visible()
        return shown[-1] if shown else None

    def next_thread(self) -> int | None:
        if self.cursor is None:
            return None
        root = self.root(self.cursor)
        after = root + self.entries[root].size
        return after if after < len(self.entries) else None

    def previous_thread(self) -> int | None:
        """The start of this thread, or of the previous one when already there."""
        if self.cursor is None:
            return None
        root = self.root(self.cursor)
        if root != self.cursor or root == 0:
            return root
        return self.root(root - 1)

    def parent(self) -> int | None:
        return None if self.cursor is None else self.entries[self.cursor].parent

    def first_reply(self) -> int | None:
        if self.cursor is None or not self.foldable(self.cursor) or self.cursor in self.folded:
            return None
        return self.cursor + 1
