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

import re
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
# Adjectives (a, and "b", which jieba gives 高兴) take it too: 着急地跑, 高兴地说. A noun 地
# after them ("ground") is always inside a dictionary word (贫困地区, 坚硬地面), where
# the rules are not consulted.
_ADVERBIAL_TAGS = frozenset({"d", "ad", "z", "i", "l", "a", "b"})
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

    def __init__(
        self, text: str, at: int, before_word: str, tags: dict[str, str], word: str = ""
    ) -> None:
        self.before = text[:at]
        self.after = text[at + 1 :]
        self.before_word = before_word  # the segmented word ending just before, "" if none
        self.word = word  # the segmented word holding the character, if the caller knows it
        self.tags = tags  # dictionary word → part-of-speech tag

    def next_is_han(self) -> bool:
        return bool(self.after) and is_han(self.after[0])

    def prev_is_han(self) -> bool:
        return bool(self.before) and is_han(self.before[-1])


def _di(c: _Context) -> str | None:
    # Adverbial 地 links a manner word to the verb after it: 慢慢地走, 预见性地警告.
    word = c.before_word
    if len(word) > 1 and c.next_is_han():
        if (
            _is_reduplicated(word)
            or word.endswith(("性", "然"))
            or c.tags.get(word) in _ADVERBIAL_TAGS
        ):
            return "de5"
    return None


def _de(c: _Context) -> str | None:
    if c.word.startswith("得") and len(c.word) > 1:
        return "de2"  # the particle and the modal never begin a word: 得分, 得票 "obtain"
    if not c.prev_is_han():
        return None
    if c.before.endswith(_MODAL_LEAD) and c.next_is_han() and c.after[0] not in "了到过不":
        return "dei3"  # modal "must": 我得走了, 我们得快点 (but 他得了奖, 得不到: "obtain")
    if c.after.startswith(tuple(_DEGREE)):
        return "de5"  # complement of degree: 跑得很快, 弄得这么复杂
    if c.after[:1] in _COMPLEMENT_HEADS and not c.after.startswith(("不到", "不偿")):
        return "de5"  # 说得对, 唱得不好 (but 得不到 is "obtain")
    return None


def _huo(c: _Context) -> str | None:
    # "Knead": 和面, 和泥 ending the clause or before 了 (我和面条 stays hé).
    after = c.after
    if after[:1] not in ("面", "泥"):
        return None
    return "huo2" if len(after) == 1 or not is_han(after[1]) or after[1] in "了呢吧" else None


def _zhe(c: _Context) -> str | None:
    # Potential complement 不着/得着 after a verb, ending the clause: 睡不着, 找得着.
    before = c.before
    if len(before) >= 2 and before[-1] in "不得" and is_han(before[-2]):
        if not c.next_is_han() or c.after[0] in "了啊呀吧呢的":
            return "zhao2"
    return None


def _wei(c: _Context) -> str | None:
    # 为 + pronoun is "for": 为你感到高兴 (not 以…为, 成为, 称为, 认为, 作为).
    if c.before[-1:] in tuple("以成作称认视"):
        return None
    if c.after.startswith(tuple(_PRONOUNS)):
        return "wei4"
    # 为 + beneficiary + a verb of serving: 为人民服务, 为农民提供种子.
    clause = _CLAUSE_END.split(c.after, 1)[0][:12]
    return "wei4" if any(verb in clause for verb in _FOR_VERBS) else None


def _huan(c: _Context) -> str | None:
    # 还 + pronoun + noun or numeral is "give back": 还你钱, 还他一本书. A verb after the
    # pronoun means the adverb "still" is likelier (还你说), so that does not count.
    if c.after.startswith(("钱", "债", "贷款", "账")):
        return "huan2"  # 还钱给你, 还贷款
    for pronoun in _PRONOUNS:
        if c.after.startswith(pronoun):
            rest = c.after[len(pronoun) :]
            follower = next((w for w in (rest[:2], rest[:1]) if w in c.tags), "")
            if c.tags.get(follower, "").startswith("n") or rest[:1] in ("一", "两", "几"):
                return "huan2"
            return None
    return None


# Numerals before a measure word: 两只手 zhī, 两行字 háng.
_NUMERALS = tuple("一二两三四五六七八九十百千几每")
# Lines of text counted with 行 (两行字, 一行代码, 两行泪) rather than a party (一行三人).
_TEXT_LINES = ("字", "诗", "文字", "代码", "小字", "大字", "泪", "数据", "标语", "白鹭")
# Trades: 这一行, 干这行, 干一行爱一行 (but 这一行人 "this party").
_TRADE_LEAD = ("这一", "那一", "哪一", "干这", "干那", "干一", "爱一")
_TIE_ON = re.compile("[好紧牢上]?(?:鞋带|安全带|领带|围巾|红领巾|扣子|绳子)")  # 系好安全带
_HIT = re.compile("[了过](?:一等|二等|三等|头|大)?[奖彩标毒计]")  # 中了大奖, 中过彩票
_LADLE = re.compile("[一两半]?[碗勺盘]|饭|汤|满")  # 盛一碗饭, 盛汤, 盛满
_CARRY = re.compile("[着起上了]?(?:书包|背包|包袱|孩子|行李|娃|枪)")  # 背着书包
# Verbs that 为 "for (someone)" introduces: 为人民服务, 为农民提供帮助.
_FOR_VERBS = ("服务", "提供", "办实事", "谋福利")
_CLAUSE_END = re.compile("[，。！？；：,.!?;:]")


def _hang(c: _Context) -> str | None:
    if c.before.endswith(_TRADE_LEAD) and not c.after.startswith("人"):
        return "hang2"
    if c.before.endswith(_NUMERALS) and c.after.startswith(_TEXT_LINES):
        return "hang2"
    return None


def _zhi(c: _Context) -> str | None:
    # The measure word for animals and one of a pair: 一只猫, 两只手 (不只, 只是: zhǐ).
    return "zhi1" if c.before.endswith(_NUMERALS) and c.next_is_han() else None


def _xi(c: _Context) -> str | None:
    return "ji4" if _TIE_ON.match(c.after) else None  # "tie": 系好安全带, 系鞋带


def _zhong(c: _Context) -> str | None:
    return "zhong4" if _HIT.match(c.after) else None  # "hit, win": 中了大奖


def _cheng(c: _Context) -> str | None:
    return "cheng2" if _LADLE.match(c.after) else None  # "ladle, fill": 盛一碗饭


def _bei(c: _Context) -> str | None:
    return "bei1" if _CARRY.match(c.after) else None  # "carry on the back": 背着书包


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
    "和": _huo,
    "着": _zhe,
    "为": _wei,
    "还": _huan,
    "长": _chang,
    "数": _shu,
    "调": _tiao,
    "行": _hang,
    "只": _zhi,
    "系": _xi,
    "中": _zhong,
    "盛": _cheng,
    "背": _bei,
}

# Characters any rule can decide; the engine only consults rules for these.
RULE_CHARS = frozenset(_RULES)


def rule_reading(
    text: str, at: int, before_word: str, tags: dict[str, str], word: str = ""
) -> str | None:
    """The reading a grammatical rule fixes for ``text[at]``, or None.

    ``before_word`` is the segmented word that ends just before ``at`` ("" at the start);
    ``tags`` maps dictionary words to their part-of-speech tag (jieba's dictionary); ``word``
    is the segmented word that holds ``text[at]``.
    """
    rule = _RULES.get(text[at])
    return rule(_Context(text, at, before_word, tags, word)) if rule else None
