"""Importing the plain-text page layout: the seed article and a page with threaded comments."""

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_news.core.models import Article, Block, BlockKind, Comment, Span
from tui_news.core.page_text import PageTextError, import_page_text, parse_byline

ROOT = Path(__file__).parent.parent
SEED_TEXT = (ROOT / "articles" / "000_f0ce2c04f8de9a60.txt").read_text(encoding="utf-8")
FIXTURE_TEXT = (ROOT / "tests" / "fixtures" / "page_with_comments.txt").read_text(encoding="utf-8")
SEED_TITLE = "趵眼|百度京东中兴为何一个月内先后来济南签约?"
PINYIN_PARENTHESIS = re.compile(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü'’]+[)）]")


@pytest.fixture(scope="module")
def seed() -> Article:
    return import_page_text(SEED_TEXT)


def blocks_containing(article: Article, text: str) -> list[Block]:
    return [block for block in article.body if text in block.text]


def readings_of(block: Block, word: str) -> list[list[str]]:
    """The readings on every occurrence of `word` in `block`."""
    found = []
    for match in re.finditer(re.escape(word), block.text):
        found.append([block.readings.get(i, "") for i in range(match.start(), match.end())])
    return found


def test_seed_header(seed):
    assert seed.title == SEED_TITLE
    assert seed.title_readings == {}
    assert seed.breadcrumb == ["首页", "资讯", "正文"]
    assert (seed.category, seed.views, seed.comment_count) == ("体育", 219, 0)


def test_seed_title_repetitions_are_dropped(seed):
    assert all(SEED_TITLE not in block.text for block in seed.body)


def test_seed_body_paragraphs(seed):
    assert len(seed.body) == 17
    assert all(block.kind is BlockKind.PARAGRAPH for block in seed.body)
    assert all(block.text == block.text.strip() for block in seed.body)
    assert seed.body[0].text.startswith("新时代新济南,面临着贯彻落实黄河流域")
    assert seed.body[0].text.endswith("为加快省会现代化建设凝聚更多智慧和力量。")
    assert seed.body[1].text == "最近,济南的“顶格招商团”有点“忙”——"
    assert seed.body[1].readings == {0: "zuì", 1: "jìn"}
    assert seed.body[-1].text == (
        "可以肯定的是,百度、京东、中兴等“大厂”的签约,只是一个开始。已经在新赛道“跑起来”的济南,"
        "凭借着在新质生产力领域的深耕,将来还会吸引更多“大厂”前来!"
    )
    assert seed.body[-1].readings == {
        0: "kě",
        1: "yǐ",
        26: "yí",
        27: "gè",
        28: "kāi",
        29: "shǐ",
        34: "xīn",
    }
    assert readings_of(seed.body[-1], "一个开始") == [["yí", "gè", "kāi", "shǐ"]]


def test_seed_readings(seed):
    assert seed.all_readings() == 132
    assert not any(PINYIN_PARENTHESIS.search(block.text) for block in seed.body)
    assert seed.body[0].text.startswith("新时代新济南,")
    assert (seed.body[0].readings[4], seed.body[0].readings[5]) == ("jǐ", "nán")
    assert readings_of(seed.body[0], "济南")[0] == ["jǐ", "nán"]
    (waited,) = blocks_containing(seed, "没过多久")
    assert readings_of(waited, "没过多久") == [["mò", "guò", "duō", "jiǔ"]]
    assert readings_of(waited, "战略") == [["zhàn", "lüè"]]
    strategy_readings = [r for block in seed.body for r in readings_of(block, "战略") if r[0]]
    assert strategy_readings == [["zhàn", "lüè"]] * 3
    (ai,) = blocks_containing(seed, "签署人工智能")
    assert readings_of(ai, "人工智能") == [["rén", "gōng", "zhì", "néng"]]
    (several,) = blocks_containing(seed, "好几个")
    assert readings_of(several, "好几个") == [["hǎo", "jǐ", "gè"]]


def test_seed_keeps_non_pinyin_parentheses(seed):
    (low_altitude,) = blocks_containing(seed, "低空经济)")
    start = low_altitude.text.index("(低空经济)")
    assert "空天信息(低空经济)产业发展办公室" in low_altitude.text
    assert not any(start <= offset < start + 6 for offset in low_altitude.readings)


def test_seed_byline(seed):
    assert seed.byline == "济南日报·爱济南 记者:王端鹏 邢晓然"
    assert seed.source == "济南日报·爱济南"
    assert seed.authors == ["王端鹏", "邢晓然"]
    assert not any("记者" in block.text for block in seed.body)


def test_seed_comment_section_is_empty(seed):
    assert seed.comments == []
    assert seed.comments_empty_text == "暂无评论,快抢沙发吧~"


def test_fixture_with_threaded_comments():
    article = import_page_text(FIXTURE_TEXT)
    assert article.title == "泉城|趵突泉边的早市为何越来越热闹?"
    assert article.breadcrumb == ["首页", "资讯", "正文"]
    assert (article.category, article.views, article.comment_count) == ("民生", 1024, 7)
    assert [block.text[:6] for block in article.body] == [
        "清晨六点,趵",
        "“我每天早上",
        "据街道办介绍",
        "不少年轻人也",
        "街道办相关负",
    ]
    assert article.body[0].readings == {0: "qīng", 1: "chén", 16: "rè", 17: "nao"}
    assert article.body[1].text == "“我每天早上都来买菜,顺便遛遛弯。”住在附近的张阿姨说——"
    assert article.body[2].readings == {
        10: "qù",
        11: "nián",
        42: "biàn",
        43: "mín",
        50: "xī",
        51: "ān",
    }
    assert article.body[4].text.endswith("更好地结合在一起。")
    assert article.body[4].readings == {17: "wán", 18: "shàn"}
    assert article.byline == "济南日报·爱济南 记者:李晓雨、陈文 通讯员 赵一鸣"
    assert article.source == "济南日报·爱济南"
    assert article.authors == ["李晓雨", "陈文", "赵一鸣"]
    assert article.comments_empty_text == ""
    assert article.comments == [
        Comment(
            "老济南",
            "我小时候就在这附近长大,早市一直都在,现在干净多了。",
            "2024-06-15T08:12",
            25,
            [
                Comment(
                    "泉边人",
                    "是的,以前一下雨地上全是泥。",
                    "2024-06-15T09:30",
                    6,
                    [Comment("老济南", "现在铺了石板路,下雨也不怕了。", "2024-06-15T10:02", 2)],
                ),
                Comment("小雨", "请问几点收摊?", "2024-06-15T11:45", 0),
            ],
            {9: "zhǎng", 10: "dà"},
        ),
        Comment(
            "小王同学",
            "周末去了一次,煎饼真好吃!\n推荐大家早点去,八点以后人特别多。",
            "2024-06-16T07:05",
            3,
            [
                Comment(
                    "学中文的Tom",
                    "I learned the word 热闹 here. 谢谢!",
                    "2024-06-16T12:20",
                    11,
                    readings={19: "rè", 20: "nao"},
                )
            ],
        ),
        Comment(
            "游客",
            "人太多了,停车不方便。",
            "2024-06-17T18:40",
            None,
            readings={5: "tíng", 6: "chē"},
        ),
    ]
    assert article.total_comments() == article.comment_count == 7


MINIMAL_BODY = "\n\n  第一段。\n\n  第二段(duàn)。\n"


@pytest.mark.parametrize(
    ("counters", "category", "views", "comments"),
    [("财经正文 10 2", "财经", 10, 2), ("财经 10 2", "财经", 10, 2), ("正文 5 1", "", 5, 1)],
)
def test_counters_line(counters, category, views, comments):
    article = import_page_text(f"首页 财经 正文\n标题\n{counters}{MINIMAL_BODY}")
    assert (article.category, article.views, article.comment_count) == (category, views, comments)
    assert article.title == "标题"


def test_page_without_breadcrumb_or_counters():
    article = import_page_text(f"一个标题{MINIMAL_BODY}")
    assert (article.title, article.breadcrumb, article.category, article.views) == (
        "一个标题",
        [],
        "",
        None,
    )
    assert [block.text for block in article.body] == ["第一段。", "第二段。"]
    assert article.body[1].readings == {2: "duàn"}


def test_a_repeated_short_first_line_is_the_title_not_a_breadcrumb():
    article = import_page_text("济南 新闻\n\n济南 新闻\n\n  正文一段。")
    assert (article.title, article.breadcrumb) == ("济南 新闻", [])


def test_wrapped_lines_join_into_one_paragraph():
    article = import_page_text(
        "标题\n\n  第一行接着\n第二行 and\nmore words\n\n\u3000\u3000另一段\n  再一段"
    )
    assert [block.text for block in article.body] == [
        "第一行接着第二行 and more words",
        "另一段",
        "再一段",
    ]


def test_title_with_inline_pinyin_keeps_its_readings():
    article = import_page_text("济南(jǐnán)新闻\n\n  正文。\n\n济南(jǐnán)新闻")
    assert (article.title, article.title_readings) == ("济南新闻", {0: "jǐ", 1: "nán"})
    assert [block.text for block in article.body] == ["正文。"]


@pytest.mark.parametrize(
    ("byline", "source", "authors"),
    [
        ("济南日报·爱济南 记者:王端鹏 邢晓然", "济南日报·爱济南", ["王端鹏", "邢晓然"]),
        ("大众日报 记者：张三、李四", "大众日报", ["张三", "李四"]),
        ("记者 张三，李四 通讯员 王五", "", ["张三", "李四", "王五"]),
        ("齐鲁晚报|记者 张三 编辑 李四", "齐鲁晚报", ["张三"]),
        ("济南日报记者王端鹏", "济南日报", ["王端鹏"]),
    ],
)
def test_parse_byline(byline, source, authors):
    assert parse_byline(byline) == (source, authors)


def test_a_byline_on_its_own_line_is_not_a_paragraph():
    article = import_page_text("标题\n\n  正文。\n\n（大众日报 记者：张三）")
    assert [block.text for block in article.body] == ["正文。"]
    assert (article.byline, article.source, article.authors) == (
        "大众日报 记者：张三",
        "大众日报",
        ["张三"],
    )


def test_empty_state_before_comments_and_deep_indentation():
    page = (
        "标题\n\n  正文。\n\n评论列表\n暂时没有评论\n"
        "甲 2024-01-01 08:00 赞 1\n顶\n"
        "\u3000\u3000回复 乙 2024-01-01 09:00\n暂无评论是假的\n"
        "      丙 2024-01-02 10:30:15 赞 0\n更深一层\n"
        "\t丁 2024-01-03 11:00\n回到第二层\n"
    )
    article = import_page_text(page)
    assert article.comments_empty_text == "暂时没有评论"
    (root,) = article.comments
    assert (root.author, root.text, root.likes) == ("甲", "顶", 1)
    second, fourth = root.replies
    assert (second.author, second.text, second.likes) == ("乙", "暂无评论是假的", None)
    assert [(c.author, c.time, c.text) for c in second.replies] == [
        ("丙", "2024-01-02T10:30:15", "更深一层")
    ]
    assert (fourth.author, fourth.text) == ("丁", "回到第二层")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n\t",
        "欢迎 发表评论:\n评论列表",
        "只有标题",
        "标题\n\n标题\n体育正文 1 0\n\n评论列表",
    ],
)
def test_pages_without_title_or_body_are_rejected(text):
    with pytest.raises(PageTextError) as raised:
        import_page_text(text)
    assert "\n" not in str(raised.value) and str(raised.value)


def test_control_characters_never_reach_the_article():
    article = import_page_text(
        "标\x1b[31m题\n\n  正文\x07一段。\n\n评论列表\n甲\x00 2024-01-01 08:00\n你\x1b]0;x\x07好"
    )
    assert article.title == "标题"
    assert article.body[0].text == "正文一段。"
    assert (article.comments[0].author, article.comments[0].text) == ("甲", "你好")


def _no_controls(text: str, *, newlines: bool = False) -> bool:
    return all(unicodedata.category(c) != "Cc" or (newlines and c == "\n") for c in text)


def assert_clean(article: Article) -> None:
    one_line = [article.title, article.byline, article.source, article.category]
    one_line += article.breadcrumb + article.authors + [article.comments_empty_text]
    one_line += [span.text for block in article.body for span in block.spans]
    assert all(_no_controls(text) for text in one_line)

    def check(comment: Comment) -> None:
        assert _no_controls(comment.author) and _no_controls(comment.time)
        assert _no_controls(comment.text, newlines=True)
        for reply in comment.replies:
            check(reply)

    for comment in article.comments:
        check(comment)


def import_or_reject(text: str) -> Article | None:
    try:
        article = import_page_text(text)
    except PageTextError as error:
        assert str(error) and "\n" not in str(error)
        return None
    assert article.title and article.body
    assert_clean(article)
    return article


@settings(max_examples=150)
@given(st.text(max_size=300))
def test_arbitrary_text_imports_or_is_rejected(text):
    import_or_reject(text)


PAGE_LINES = SEED_TEXT.split("\n") + FIXTURE_TEXT.split("\n") + ["\x1b[2J", "\t  \x85", "\u3000"]


@settings(max_examples=150)
@given(
    st.lists(st.sampled_from(PAGE_LINES), max_size=40),
    st.integers(min_value=0, max_value=400),
    st.sampled_from(["\n", "\r\n", "\r"]),
)
def test_shuffled_and_truncated_page_lines_import_or_are_rejected(lines, cut, newline):
    import_or_reject(newline.join(lines)[: cut or None])


@settings(max_examples=100)
@given(st.integers(min_value=0, max_value=len(SEED_TEXT)))
def test_seed_truncated_anywhere_imports_or_is_rejected(cut):
    article = import_or_reject(SEED_TEXT[:cut])
    if article is not None:
        assert article.title == SEED_TITLE


def test_unused_span_fields_stay_default(seed):
    assert all(block.spans == [Span(block.text)] for block in seed.body)
