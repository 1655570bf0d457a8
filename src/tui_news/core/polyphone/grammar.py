"""A few grammatical rules for high-frequency function characters.

The g2pM model learned from encyclopedia sentences whose polyphone samples are balanced
between readings, so on plain everyday sentences it is sometimes confidently wrong about the
commonest grammatical uses ("慢慢地走" → dì, "跑得很快" → dé). These rules recognise such
uses from the neighbouring words. Each fires only when the character stands alone as a
segmented word (inside a dictionary word the phrase reading already applies) and only on a
pattern that fixes the reading grammatically; anything else is left to the model.
"""

from __future__ import annotations

from collections.abc import Sequence

# Degree adverbs: what follows them is an adjective or a verb of state.
_DEGREE = frozenset(
    "很 太 更 最 非常 特别 比较 挺 真 好 多 这么 那么 较 极 极其 十分 相当 越来越 多么 格外 "
    "尤其 更加 如此 有点 有些".split()
)
# Personal pronouns: 为 + pronoun is "for (someone)", 还 + pronoun is "give back to".
_PRONOUNS = frozenset("我 你 您 他 她 它 我们 你们 他们 她们 它们 咱们 大家 自己 别人 人家".split())
# Part-of-speech tags (jieba's dictionary) of words that take adverbial 地 after them:
# adverbs, adverbial adjectives, state words, idioms and set phrases.
_ADVERBIAL_TAGS = frozenset({"d", "ad", "z", "i", "l"})


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


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def _starts_with_any(text: str, words: frozenset[str]) -> bool:
    return any(text.startswith(w) for w in words)


def _ends_with_any(text: str, words: frozenset[str]) -> bool:
    return any(text.endswith(w) for w in words)


def rule_reading(text: str, at: int, before_word: str, tags: dict[str, str]) -> str | None:
    """The reading a grammatical rule fixes for ``text[at]``, or None.

    The caller consults rules only for characters no dictionary word covers. ``before_word``
    is the segmented word that ends just before ``at`` ("" at the start); ``tags`` maps
    dictionary words to their part-of-speech tag (jieba's dictionary). The patterns look at
    characters rather than words because jieba's unknown-word model glues such function
    characters to their neighbours ("地走了", "很长").
    """
    char = text[at]
    before = text[:at]
    after = text[at + 1 :]
    if char == "地":
        # Adverbial 地 links a manner word to the verb after it: 慢慢地走, 预见性地警告.
        if len(before_word) > 1 and after and _is_han(after[0]):
            if (
                _is_reduplicated(before_word)
                or before_word.endswith(("性", "然"))
                or tags.get(before_word) in _ADVERBIAL_TAGS
            ):
                return "de5"
        return None
    if char == "得":
        # Complement 得 after a verb, before a degree adverb: 跑得很快, 说得太多.
        if before and _is_han(before[-1]) and _starts_with_any(after, _DEGREE):
            return "de5"
        return None
    if char == "着":
        # Potential complement 不着/得着 after a verb: 睡不着, 找得着; the clause ends there.
        if len(before) >= 2 and before[-1] in "不得" and _is_han(before[-2]):
            if not after or not _is_han(after[0]) or after[0] in "了啊呀吧呢的":
                return "zhao2"
        return None
    if char == "为":
        if _starts_with_any(after, _PRONOUNS) and before and before[-1] not in "以成作称认":
            return "wei4"  # 为你感到高兴: "for you"
        return None
    if char == "还":
        # 还 + pronoun + noun is "give back": 还你钱. A verb after the pronoun means the
        # adverb "still" is likelier (还你说), so the pronoun must be followed by a noun.
        for pronoun in _PRONOUNS:
            if after.startswith(pronoun):
                rest = after[len(pronoun) :]
                follower = next((w for w in (rest[:2], rest[:1]) if w in tags), "")
                if tags.get(follower, "").startswith("n") or rest[:1] in ("一", "两", "几"):
                    return "huan2"
        return None
    if char == "长":
        if _ends_with_any(before, _DEGREE):
            return "chang2"  # 很长: the adjective "long"
        return None
    return None


# Characters any rule above can decide; the engine only consults rules for these.
RULE_CHARS = frozenset("地得着为还长")
