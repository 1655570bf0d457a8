"""The comments panel's keys, each with an id so config.toml can rebind it."""

from __future__ import annotations

from textual.binding import Binding, BindingType

COMMENT_BINDINGS: list[BindingType] = [
    Binding("j,down", "cursor_down", "Next comment", show=False, id="comments.next"),
    Binding("k,up", "cursor_up", "Previous comment", show=False, id="comments.previous"),
    Binding("enter,space", "toggle_thread", "Fold/unfold", id="comments.toggle"),
    Binding("h,left", "fold_or_parent", "Fold / to parent", show=False, id="comments.fold"),
    Binding("l,right", "unfold_or_child", "Unfold / to reply", show=False, id="comments.unfold"),
    Binding("J", "next_thread", "Next thread", show=False, id="comments.next_thread"),
    Binding("K", "previous_thread", "Previous thread", show=False, id="comments.previous_thread"),
    Binding("minus", "fold_all", "Fold all", id="comments.fold_all"),
    Binding("plus,equals_sign", "unfold_all", "Unfold all", show=False, id="comments.unfold_all"),
    Binding("g,home", "first_comment", "First comment", show=False, id="comments.first"),
    Binding("G,end", "last_comment", "Last comment", show=False, id="comments.last"),
]
