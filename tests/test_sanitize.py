from hypothesis import given
from hypothesis import strategies as st

from tui_news.core.sanitize import strip_controls


def test_removes_csi_and_osc_sequences():
    evil = "新闻\x1b[2J\x1b[31m红\x1b[0m\x1b]0;pwned\x07标题\x1b]8;;http://x\x1b\\链接"
    assert strip_controls(evil) == "新闻红标题链接"


def test_removes_c0_and_c1_controls_but_keeps_tabs_and_newlines():
    assert strip_controls("a\x00b\x07c\td\ne\x85f\x9bg") == "abc\td\nef"


def test_carriage_returns_become_newlines():
    assert strip_controls("one\r\ntwo\rthree") == "one\ntwo\nthree"


def test_one_line_fields():
    assert strip_controls("a\nb", keep_newlines=False) == "a b"


@given(st.text())
def test_output_never_holds_a_control_character(text):
    cleaned = strip_controls(text)
    assert not any(
        (ord(ch) < 32 and ch not in "\t\n") or 0x7F <= ord(ch) <= 0x9F for ch in cleaned
    )


@given(st.text(alphabet=st.characters(blacklist_categories=["Cc"])))
def test_text_without_controls_is_unchanged(text):
    assert strip_controls(text) == text
