"""The reader screen's keys, in one place: the screen binds them, the help screen lists them,
`tui-news config init` writes them out, and every one has an id so config.toml can rebind it.

Keys taken elsewhere: q, r, a, e (the app's), j/k/enter (the list).
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

READER_BINDINGS: list[BindingType] = [
    Binding(
        "p",
        "cycle_pinyin",
        "Pinyin",
        tooltip="Pinyin: off → tone marks → tone numbers",
        id="reader.pinyin",
    ),
    Binding(
        "t",
        "cycle_tones",
        "Tones",
        show=False,
        tooltip="Tone colours: none → Pleco → Zhongwen → Hanping",
        id="reader.tones",
    ),
    Binding(
        "c",
        "toggle_comments",
        "Comments",
        tooltip="Show or hide the comments",
        id="reader.comments",
    ),
    Binding("space,pagedown", "page_down", "Page down", show=False, id="reader.page_down"),
    Binding("b,pageup", "page_up", "Page up", show=False, id="reader.page_up"),
    Binding("g", "scroll_top", "Top of article", show=False, id="reader.top"),
    Binding("G", "scroll_bottom", "End of article", show=False, id="reader.bottom"),
    Binding("right_square_bracket", "open_next", "Open next article", show=False, id="reader.next"),
    Binding(
        "left_square_bracket",
        "open_previous",
        "Open previous article",
        show=False,
        id="reader.previous",
    ),
    Binding(
        "backslash", "toggle_sidebar", "Show/hide article list", show=False, id="reader.sidebar"
    ),
    Binding(
        "s",
        "toggle_star",
        "Star",
        show=False,
        tooltip="Star or unstar the article",
        id="reader.star",
    ),
    Binding(
        "u",
        "toggle_read",
        "Read/unread",
        show=False,
        tooltip="Mark read or unread",
        id="reader.read",
    ),
    Binding(
        "slash",
        "filter",
        "Filter",
        tooltip="Filter the list: words, 汉字 or pinyin",
        id="reader.filter",
    ),
    Binding("escape", "clear_filter", "Clear the filter", show=False, id="reader.unfilter"),
    Binding(
        "ctrl+f",
        "find",
        "Find",
        show=False,
        tooltip="Find in the article, pinyin too",
        id="reader.find",
    ),
    Binding("n", "find_next", "Next match", show=False, id="reader.find_next"),
    Binding("N", "find_previous", "Previous match", show=False, id="reader.find_previous"),
    Binding("1", "set_view('all')", "All articles", show=False, id="reader.view_all"),
    Binding("2", "set_view('unread')", "Unread articles", show=False, id="reader.view_unread"),
    Binding("3", "set_view('starred')", "Starred articles", show=False, id="reader.view_starred"),
    Binding(
        "o",
        "cycle_sort",
        "Sort",
        show=False,
        tooltip="Sort: library → date → source → title → unread first",
        id="reader.sort",
    ),
    Binding(
        "v",
        "cycle_grouping",
        "Group",
        show=False,
        tooltip="Group: none → by source → by feed",
        id="reader.group",
    ),
    Binding("O", "open_url", "Open in browser", show=False, id="reader.open_url"),
    Binding("y", "copy_url", "Copy the article's URL", show=False, id="reader.copy_url"),
    Binding(
        "l",
        "links",
        "Links",
        show=False,
        tooltip="The article's links, numbered",
        id="reader.links",
    ),
    Binding(
        "w",
        "words",
        "Words",
        tooltip="The article's words: pinyin, HSK level, count, meaning",
        id="reader.words",
    ),
    Binding(
        "d",
        "define",
        "Define",
        show=False,
        tooltip="Word cursor in the article: ←/→ or h/l a word, enter its entry, esc leaves",
        id="reader.define",
    ),
    Binding("tab", "app.focus_next", "Next pane", show=False, id="reader.focus_next"),
    Binding("shift+tab", "app.focus_previous", "Previous pane", show=False, id="reader.focus_back"),
    Binding("question_mark", "help", "Help", tooltip="This list of keys", id="reader.help"),
]
