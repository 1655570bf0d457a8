"""A few grammatical rules for high-frequency polyphones in everyday sentences.

The g2pM model learned from encyclopedia sentences whose polyphone samples are balanced
between readings, so on plain everyday sentences it is sometimes confidently wrong about the
commonest grammatical uses ("慢慢地走" → dì, "跑得很快" → dé, "我得走了" → dé). These rules
recognise such uses from the neighbouring characters. The engine consults them only for a
character no dictionary word covers (inside a dictionary word the phrase reading applies),
and each fires only on a pattern that fixes the reading grammatically; anything else is left
to the model.

The patterns look at characters rather than segmented words because jieba's unknown-word
model glues function characters to their neighbours ("地走了", "很长").
"""

from __future__ import annotations

from collections.abc import Callable

from ..han import is_han

# Degree adverbs: what follows them is an adjective or a verb of state.
_DEGREE = (
    "很 太 更 最 非常 特别 比较 挺 真 好 多 这么 那么 这样 那样 较 极 极其 十分 相当 越来越 "
    "多么 格外 尤其 更加 如此 有点 有些"
).split()
# One-character adjectives and negations that open a complement of degree after V得:
# 说得对, 写得好, 唱得不好.
_COMPLEMENT_HEADS = frozenset("对好坏快慢多少早晚远近高低大小清满累久够准完透不错美")
# Personal pronouns: 为 + pronoun is "for (someone)", 还 + pronoun + noun is "give back".
_PRONOUNS = "我们 你们 他们 她们 它们 咱们 大家 自己 别人 人家 我 你 您 他 她 它".split()
# Subjects and modal adverbs after which a bare 得 before a verb is the modal "must" (děi).
_MODAL_LEAD = tuple(_PRONOUNS) + ("也", "还", "就", "都", "必须", "总", "非")
# Part-of-speech tags (jieba's dictionary) of words that take adverbial 地 after them:
# adverbs, adverbial adjectives, state words, idioms and set phrases.
_ADVERBIAL_TAGS = frozenset({"d", "ad", "z", "i", "l"})
# Resultative complements after 调 "adjust": 调低, 调好, 调匀.
_ADJUST_RESULTS = frozenset("高低大小快慢亮暗好匀准轻重松紧")


def _is_reduplicated(word: str) -> bool:
    """AA, AABB or ABB forms (慢慢, 高高兴兴, 静悄悄): descriptive words that take 地/得."""
    n = len(word)
    if n == 2:
        return word[0] == word[1]
    if n == 3:
        return word[1] == word[2]
    if n == 4:
        return word[0] == word[1] and word[2] == word[3]
    return False


class _Context:
    """What a rule may look at around ``text[at]``."""

    def __init__(self, text: str, at: int, before_word: str, tags: dict[str, str]) -> None:
        self.before = text[:at]
        self.after = text[at + 1 :]
        self.before_word = before_word  # the segmented word ending just before, "" if none
        self.tags = tags  # dictionary word → part-of-speech tag

    def nextis_han(self) -> bool:
        return bool(self.after) and is_han(self.after[0])

    def previs_han(self) -> bool:
        return bool(self.before) and is_han(self.before[-1])


def _di(c: _Context) -> str | None:
    # Adverbial 地 links a manner word to the verb after it: 慢慢地走, 预见性地警告.
    word = c.before_word
    if len(word) > 1 and c.nextis_han():
        if (
            _is_reduplicated(word)
            or word.endswith(("性", "然"))
            or c.tags.get(word) in _ADVERBIAL_TAGS
        ):
            return "de5"
    return None


def _de(c: _Context) -> str | None:
    if not c.previs_han():
        return None
    if c.before.endswith(_MODAL_LEAD) and c.nextis_han() and c.after[0] not in "了到过不":
        return "dei3"  # modal "must": 我得走了, 我们得快点 (but 他得了奖, 得不到: "obtain")
    if c.after.startswith(tuple(_DEGREE)):
        return "de5"  # complement of degree: 跑得很快, 弄得这么复杂
    if c.after[:1] in _COMPLEMENT_HEADS and not c.after.startswith(("不到", "不偿")):
        return "de5"  # 说得对, 唱得不好 (but 得不到 is "obtain")
    return None


def _zhe(c: _Context) -> str | None:
    # Potential complement 不着/得着 after a verb, ending the clause: 睡不着, 找得着.
    before = c.before
    if len(before) >= 2 and before[-1] in "不得" and is_han(before[-2]):
        if not c.nextis_han() or c.after[0] in "了啊呀吧呢的":
            return "zhao2"
    return None


def _wei(c: _Context) -> str | None:
    # 为 + pronoun is "for": 为你感到高兴 (not 以…为, 成为, 称为, 认为, 作为).
    if c.after.startswith(tuple(_PRONOUNS)) and c.before[-1:] not in tuple("以成作称认"):
        return "wei4"
    return None


def _huan(c: _Context) -> str | None:
    # 还 + pronoun + noun or numeral is "give back": 还你钱, 还他一本书. A verb after the
    # pronoun means the adverb "still" is likelier (还你说), so that does not count.
    for pronoun in _PRONOUNS:
        if c.after.startswith(pronoun):
            rest = c.after[len(pronoun) :]
            follower = next((w for w in (rest[:2], rest[:1]) if w in c.tags), "")
            if c.tags.get(follower, "").startswith("n") or rest[:1] in ("一", "两", "几"):
                return "huan2"
            return None
    return None


def _chang(c: _Context) -> str | None:
    return "chang2" if c.before.endswith(tuple(_DEGREE)) else None  # 很长: "long"


def _shu(c: _Context) -> str | None:
    # The verb "count" in its verbal frames: 数一数, 数了数, 数数看, 数不清, 数到.
    if c.after.startswith(("一数", "了数", "数看", "不清", "得清", "不过来", "到", "着")):
        return "shu3"
    if c.before.endswith(("数一", "数了", "数")):
        return "shu3"  # the second half of 数一数, 数了数, 数数
    return None


def _tiao(c: _Context) -> str | None:
    # 调 "adjust" with a resultative complement: 调低一点, 调好 (调到北京 is "transfer").
    return "tiao2" if c.after[:1] in _ADJUST_RESULTS else None


_RULES: dict[str, Callable[[_Context], str | None]] = {
    "地": _di,
    "得": _de,
    "着": _zhe,
    "为": _wei,
    "还": _huan,
    "长": _chang,
    "数": _shu,
    "调": _tiao,
}

# Characters any rule can decide; the engine only consults rules for these.
RULE_CHARS = frozenset(_RULES)


def rule_reading(text: str, at: int, before_word: str, tags: dict[str, str]) -> str | None:
    """The reading a grammatical rule fixes for ``text[at]``, or None.

    ``before_word`` is the segmented word that ends just before ``at`` ("" at the start);
    ``tags`` maps dictionary words to their part-of-speech tag (jieba's dictionary).
    """
    rule = _RULES.get(text[at])
    return rule(_Context(text, at, before_word, tags)) if rule else None
