"""The polyphone-aware pinyin engine: segmentation, lexicon, model, arbitration.

For each batch of lines:

1. jieba segments every line into words (these become ``word_start`` and the lookup units);
2. each word is looked up in pypinyin's phrase dictionary (whole word, else the longest
   dictionary words inside it), which gives lexical evidence per character;
3. every character the model's table calls polyphonic is queued for the g2pM model; the model
   runs once for the whole batch over sentence-sized chunks (it was trained on sentences);
4. ``arbitration.choose`` merges model and dictionary; every other Han character takes its
   table reading. Characters no table knows get None.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass

from ..han import is_han
from .arbitration import PHRASE_VETO, VETOABLE_TAGS, VETOABLE_UNKNOWN, choose, firm_common_word
from .g2pm_model import G2pmModel, Target, shared_model
from .grammar import RULE_CHARS, rule_reading
from .learned_arbiter import Evidence, LearnedArbiter, shipped_arbiter
from .lexicon import Lexicon
from .syllables import model_to_marks

# Sentence ends: the model sees one sentence at a time, as in training. Very long sentences
# are cut further at clause punctuation, and at a hard limit, to bound the LSTM's time loop.
_SENTENCE_END = re.compile(r"[。！？!?；;\n]")
_CLAUSE_END = re.compile(r"[，,、：:]")
_MAX_CHUNK = 160


@dataclass(frozen=True)
class Reading:
    """One character and its reading: tone marks ("jǐ"), neutral tone unmarked ("de")."""

    char: str
    pinyin: str | None
    word_start: bool  # True where a segmented word begins (ruby grouping, lookups)


def _chunks(line: str) -> list[tuple[int, int]]:
    """(start, end) spans covering ``line``: sentences, long ones cut at clauses or a limit."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(line):
        spans.append((start, match.end()))
        start = match.end()
    if start < len(line):
        spans.append((start, len(line)))
    result: list[tuple[int, int]] = []
    for begin, end in spans:
        while end - begin > _MAX_CHUNK:
            window = line[begin : begin + _MAX_CHUNK]
            cuts = [m.end() for m in _CLAUSE_END.finditer(window)]
            cut = begin + (cuts[-1] if cuts and cuts[-1] > _MAX_CHUNK // 4 else _MAX_CHUNK)
            result.append((begin, cut))
            begin = cut
        if end > begin:
            result.append((begin, end))
    return result


class PinyinEngine:
    """Reads Chinese text character by character, choosing polyphone readings in context."""

    def __init__(
        self,
        model: G2pmModel | None = None,
        use_hmm: bool = True,
        phrase_veto: float = PHRASE_VETO,
        arbiter: LearnedArbiter | None | bool = True,
    ) -> None:
        import jieba

        jieba.setLogLevel(60)  # its start-up chatter on stderr is not for our users
        self._jieba = jieba
        self._use_hmm = use_hmm  # jieba's HMM joins unknown words (names, new terms)
        self._veto = phrase_veto  # see arbitration: 0.0 makes dictionary words always win
        self._model = model or shared_model()
        # True: the shipped learned arbiter (if its weights exist); False/None: hand rules only.
        self._arbiter = shipped_arbiter() if arbiter is True else (arbiter or None)
        self._lexicon = Lexicon(self._model.cedict)
        self._tags: dict[str, str] | None = None  # jieba's part-of-speech table, on demand
        # Per-character facts, computed once: (model candidates, table reading, in g2pM table).
        self._char_info: dict[str, tuple[tuple[str, ...], str | None, bool]] = {}
        # Readings are immutable, so equal ones are shared: building 300k fresh frozen
        # dataclass instances would cost more than the model does.
        self._reading_cache: dict[tuple[str, str | None, bool], Reading] = {}

    def _info(self, char: str) -> tuple[tuple[str, ...], str | None, bool]:
        info = self._char_info.get(char)
        if info is None:
            lexicon = self._lexicon
            info = self._char_info[char] = (
                lexicon.model_candidates(char),
                lexicon.default(char),
                is_han(char) and char in self._model.cedict,
            )
        return info

    def _reading(self, char: str, reading: str | None, start: bool) -> Reading:
        key = (char, reading, start)
        cached = self._reading_cache.get(key)
        if cached is None:
            marks = None if reading is None else model_to_marks(reading)
            cached = self._reading_cache[key] = Reading(char, marks, start)
        return cached

    def _settled(
        self, candidates: tuple[str, ...], phrase: str | None, vetoable: bool, rule: str | None
    ) -> str | None:
        """The reading ``choose`` would return whatever the model's probabilities, if any.

        A rule, a neutral-tone phrase reading and a phrase reading the model may not veto all
        win as long as they are among the model's classes, so the model need not run.
        """
        known = self._model.knows
        if rule is not None and rule in candidates and known(rule):
            return rule
        if phrase is not None and phrase in candidates and known(phrase):
            if not vetoable or self._veto <= 0.0 or phrase.endswith("5"):
                return phrase
        return None

    def _word_tags(self) -> dict[str, str]:
        if self._tags is None:
            import jieba.posseg

            self._tags = jieba.posseg.dt.word_tag_tab
        return self._tags

    def read(self, text: str) -> list[Reading]:
        """One Reading per character of ``text``."""
        return self.read_lines([text])[0]

    def read_lines(self, lines: Sequence[str]) -> list[list[Reading]]:
        """Readings for many lines at once: the model runs once over all of them."""
        per_line_readings, per_line_starts, chunk_texts, pending = self._prepare(lines, True)
        if pending:
            self._run_model(chunk_texts, pending)
            choices = self._decide(pending)
            for evidence, reading in zip(pending, choices, strict=True):
                per_line_readings[evidence.line_no][evidence.index] = reading

        cache, make = self._reading_cache, self._reading
        return [
            [
                cache.get((char, reading, start)) or make(char, reading, start)
                for char, reading, start in zip(line, readings, starts, strict=True)
            ]
            for line, readings, starts in zip(
                lines, per_line_readings, per_line_starts, strict=True
            )
        ]

    def evidence(self, lines: Sequence[str]) -> list[list[Evidence]]:
        """Every polyphonic character's evidence, model probabilities included, per line.

        Nothing is settled early here: the training script (tools/train_polyphone_arbiter.py)
        sees every target with the model's view, exactly as ``read_lines`` would build it.
        """
        _, _, chunk_texts, pending = self._prepare(lines, False)
        self._run_model(chunk_texts, pending)
        per_line: list[list[Evidence]] = [[] for _ in lines]
        for evidence in pending:
            per_line[evidence.line_no].append(evidence)
        return per_line

    def _run_model(self, chunk_texts: list[str], pending: list[Evidence]) -> None:
        distributions = self._model.probabilities(chunk_texts, [e.target for e in pending])
        for evidence, probs in zip(pending, distributions, strict=True):
            evidence.probs = probs

    def _settle_firm_words(self, pending: list[Evidence]) -> None:
        """Settle the common dictionary words the model would veto (``firm_common_word``).

        This runs after the model, as only its near-certainty against the dictionary calls for
        it; where the model merely doubts the dictionary, the learned arbiter still decides.
        """
        if self._veto <= 0.0:
            return
        tags = self._word_tags()
        for e in pending:
            if e.settled is not None or not (e.vetoable and e.whole_word) or not e.phrase:
                continue
            if e.probs.get(e.phrase, 1.0) >= self._veto:
                continue
            word = e.words[e.word_no]
            longer = self._lexicon.longer_readings(word, e.offset)
            if firm_common_word(tags.get(word, VETOABLE_UNKNOWN), e.phrase, longer):
                e.settled = e.phrase

    def _decide(self, pending: list[Evidence]) -> list[str | None]:
        """Hand arbitration for each target, then the learned arbiter where it applies."""
        self._settle_firm_words(pending)
        for e in pending:
            e.baseline = e.settled or choose(
                e.probs,
                e.phrase,
                e.default,
                e.rule,
                phrase_veto=self._veto if e.vetoable else 0.0,
            )
        arbiter = self._arbiter
        if arbiter is None:
            return [e.baseline for e in pending]
        # Settled targets reach this point only when the arbiter reviews them, or when
        # ``_settle_firm_words`` settled them after the model ran.
        review = [
            k
            for k, e in enumerate(pending)
            if e.settled is None or arbiter.reviews(e.line[e.index], e.settled)
        ]
        chosen = [e.baseline for e in pending]
        decided = arbiter.choose([pending[k] for k in review], self._word_tags())
        for k, reading in zip(review, decided, strict=True):
            chosen[k] = reading
        return chosen

    def _prepare(
        self, lines: Sequence[str], settle: bool
    ) -> tuple[list[list[str | None]], list[list[bool]], list[str], list[Evidence]]:
        """Segment, look up and queue: readings so far, word starts, model chunks, targets.

        With ``settle``, targets whose evidence decides them whatever the model says
        (``_settled``) and whom the learned arbiter does not review are filled in directly.
        """
        lexicon = self._lexicon
        char_info, info_for = self._char_info, self._info
        reviews = self._arbiter.reviews if self._arbiter is not None else _never
        per_line_readings: list[list[str | None]] = []
        per_line_starts: list[list[bool]] = []
        chunk_texts: list[str] = []
        pending: list[Evidence] = []

        tags = self._word_tags()
        for line_no, line in enumerate(lines):
            readings: list[str | None] = [None] * len(line)
            starts = [False] * len(line)
            evidence: list[str | None] = [None] * len(line)
            whole = [False] * len(line)  # is the phrase reading the whole word's?
            vetoable = [False] * len(line)  # may the model overrule the phrase reading?
            word_no: list[int] = [0] * len(line)
            rules: dict[int, str] = {}
            pos, previous = 0, ""
            words = list(self._jieba.cut(line, HMM=self._use_hmm))
            begins: list[int] = []
            for number, word in enumerate(words):
                starts[pos] = True
                begins.append(pos)
                if len(word) > 1:
                    word_no[pos : pos + len(word)] = [number] * len(word)
                    cover = lexicon.phrase_cover(word)
                    evidence[pos : pos + len(word)] = cover
                    if lexicon.phrase(word) is not None:
                        whole[pos : pos + len(word)] = [True] * len(word)
                    if tags.get(word, VETOABLE_UNKNOWN) in VETOABLE_TAGS:
                        vetoable[pos : pos + len(word)] = [True] * len(word)
                else:
                    word_no[pos] = number
                    cover = [None]
                if not RULE_CHARS.isdisjoint(word):
                    # A numeral word's dictionary reading (一行 xíng "a party") fixes its measure
                    # word only by chance: what is counted decides (两行字 háng), so rules apply.
                    counted = tags.get(word) == "m"
                    for offset, char in enumerate(word):
                        if char in RULE_CHARS and (cover[offset] is None or counted):
                            before_word = word[:offset] if offset else previous
                            rule = rule_reading(line, pos + offset, before_word, tags, word)
                            if rule is not None:
                                rules[pos + offset] = rule
                pos += len(word)
                previous = word
            for begin, end in _chunks(line):
                chunk_no = -1
                for index in range(begin, end):
                    char = line[index]
                    candidates, table_reading, in_model_table = char_info.get(char) or info_for(
                        char
                    )
                    if not candidates:
                        # Monophonic for the model's table: that reading, unless a dictionary
                        # word spells another syllable the table lacks (提防 dī, 咖喱 gā; a tone
                        # alone is the table's standard). Characters the table lacks
                        # (traditional, rare): the dictionary word, else the default.
                        phrase = evidence[index]
                        if phrase is None or table_reading is None:
                            readings[index] = table_reading
                        elif in_model_table and phrase[:-1] == table_reading[:-1]:
                            readings[index] = table_reading
                        else:
                            readings[index] = phrase
                        continue
                    phrase, rule = evidence[index], rules.get(index)
                    settled = self._settled(candidates, phrase, vetoable[index], rule)
                    if settled is not None and settle and not reviews(char, settled):
                        # The evidence decides whatever the model says: skip the model.
                        readings[index] = settled
                        continue
                    if chunk_no < 0:
                        chunk_no = len(chunk_texts)
                        chunk_texts.append(line[begin:end])
                    number = word_no[index]
                    pending.append(
                        Evidence(
                            line_no,
                            line,
                            index,
                            candidates,
                            words,
                            number,
                            index - begins[number],
                            phrase,
                            whole[index],
                            vetoable[index],
                            table_reading,
                            rule,
                            settled,
                            Target(chunk_no, index - begin, candidates),
                        )
                    )
            per_line_readings.append(readings)
            per_line_starts.append(starts)
        return per_line_readings, per_line_starts, chunk_texts, pending


def _never(char: str, reading: str) -> bool:
    return False


_default: PinyinEngine | None = None
_default_lock = threading.Lock()


def default_engine() -> PinyinEngine:
    """The process-wide engine, built on first use (loading takes about a second)."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = PinyinEngine()
    return _default
