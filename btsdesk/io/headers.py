"""Which épreuve a grade sheet's column title names: its code (« E1 »), its unit (« U41 »), or
the words of its title (« Culture générale », « Anglais écrit », « Expression et culture
générale »), accents, case and word order aside.

Never a guess: a title whose words fit two épreuves names none of them, and the reader says
which ones; a title that fits nothing is answered with the closest known title."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass

from btsdesk.core.reglement import Line, Specialty
from btsdesk.io.tabular import header_key, words_key

# Words that say nothing of the épreuve: « Note de l'épreuve E1 sur 20 ».
_FILLER = frozenset(
    {"de", "du", "des", "la", "le", "les", "l", "d", "et", "en", "a", "au", "aux", "pour", "sur"}
    | {"note", "notes", "epreuve", "epreuves", "20"}
)
# A language named in a header stands for « langue vivante étrangère » in the règlement's
# titles (« Anglais écrit » is MCO's « Communication en langue vivante étrangère (écrit) »).
_FOREIGN_LANGUAGE = ("langue", "vivante", "etrangere")
_LANGUAGES = frozenset(
    {
        "anglais",
        "anglaise",
        "allemand",
        "espagnol",
        "italien",
        "portugais",
        "arabe",
        "chinois",
        "russe",
        "neerlandais",
        "lv",
        "lv1",
        "lve",
        "lva",
    }
)
_CODE_AND_REST = re.compile(r"\s*(\w+)\s*[-–—:/]?\s*(.*)")
SHORT_TITLE = 3  # words of a title that its first word alone may stand for
CLOSE_ENOUGH = 0.75  # difflib ratio under which no title is suggested


@dataclass(frozen=True)
class Match:
    """What a column title names: ``codes`` holds one line (found), several (ambiguous: the
    user must write the code) or none (unknown; ``suggestion`` is the closest line)."""

    codes: tuple[str, ...]
    suggestion: Line | None = None


def line_keys(specialty: Specialty) -> dict[str, str | None]:
    """Column titles that name a line exactly: its code, its unit or its title. A title
    shared by two lines maps to None (ambiguous: the user must write the code)."""
    keys: dict[str, str | None] = {}
    for line in specialty.lines:
        for text in (line.code, line.unit, line.title):
            key = header_key(text) if text else ""
            if key:
                keys[key] = line.code if keys.get(key, line.code) == line.code else None
    return keys


def match_header(
    title: str, specialty: Specialty, keys: Mapping[str, str | None], *, by_words: bool = True
) -> Match:
    """The line(s) ``title`` names; see the module's docstring. Without ``by_words``, only
    the code, the unit or the whole title (to tell a grade sheet from a candidate list)."""
    key = header_key(title)
    if key in keys:
        code = keys[key]
        if code is not None:
            return Match((code,))
        return Match(tuple(line.code for line in specialty.lines if _exact(line, key)))
    # « E1 - Culture générale », « U41 Relation client »: a code, then words of its title.
    if (found := _CODE_AND_REST.fullmatch(title)) is not None:
        code = keys.get(header_key(found.group(1)))
        line = specialty.line_by_code.get(code) if code else None
        if line is not None:
            rest = _words(found.group(2))
            if not rest or rest <= _words(line.title) or _fits(rest, line):
                return Match((line.code,))
    words = _words(title)
    if not words or not by_words:
        return Match(())
    same = [line.code for line in specialty.lines if line.title and _words(line.title) == words]
    if len(same) == 1:
        return Match((same[0],))
    fitting = tuple(line.code for line in specialty.lines if line.title and _fits(words, line))
    if len(words) == 1:
        # One word that starts several titles names none of them, long titles included
        # (« Culture »: E1 and E3).
        starting = tuple(
            line.code
            for line in specialty.lines
            if line.title and {_first_word(line.title)} == words
        )
        if len(starting) > 1:
            return Match(starting)
    if fitting:
        return Match(fitting)
    return Match((), _closest(title, specialty))


def _exact(line: Line, key: str) -> bool:
    return key in {header_key(text) for text in (line.code, line.unit, line.title) if text}


def _fits(words: frozenset[str], line: Line) -> bool:
    """The header's words are the title's, shortened (« Culture générale ») or with one word
    more (« Culture générale et expression écrite »). A single word must be the first one of
    a short title (« Mathématiques », « Gestion »; never « générale » alone, nor « Option »
    for a title of ten words), a language (« Anglais ») or the title's initials (« CEJM »)."""
    title = _words(line.title)
    first = _first_word(line.title)
    if len(words) == 1 and _is_acronym(next(iter(words)), line.title):
        return True
    for header in {words, _as_language(words)}:
        single_ok = (header == {first} and len(title) <= SHORT_TITLE) or (
            header == words and words <= _STEMMED_LANGUAGES
        )
        if header <= title and (len(header) > 1 or single_ok):
            return True
        if len(title) > 1 and title <= header and len(header - title) <= 1:
            return True
    return False


def _is_acronym(word: str, title: str) -> bool:
    """« cejm »: the initials of the title's first words (three at least, fillers aside)."""
    initials = "".join(w[0] for w in _split(title) if w not in _FILLER)
    return len(word) >= 3 and word.isalpha() and initials.startswith(word)


def _as_language(words: frozenset[str]) -> frozenset[str]:
    """« anglais écrit » read as « langue vivante étrangère écrit »; « lv2 » as « langue
    vivante étrangère 2 »."""
    out: set[str] = set()
    for word in words:
        if word in _STEMMED_LANGUAGES:
            out.update(_stem(w) for w in _FOREIGN_LANGUAGE)
        elif word.startswith("lv") and word[2:].isdigit():
            out.update(_stem(w) for w in _FOREIGN_LANGUAGE)
            out.add(word[2:])
        else:
            out.add(word)
    return frozenset(out)


def _words(text: str) -> frozenset[str]:
    return frozenset(_stem(word) for word in _split(text) if word not in _FILLER)


def _first_word(text: str) -> str:
    return next((_stem(word) for word in _split(text) if word not in _FILLER), "")


def _split(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", words_key(text))


def _stem(word: str) -> str:
    """Singular and masculine alike: « générales », « générale », « général » → « general »."""
    for ending in ("s", "e", "s"):
        if len(word) > 4 and word.endswith(ending):
            word = word[: -len(ending)]
    return word


_STEMMED_LANGUAGES = frozenset(_stem(word) for word in _LANGUAGES)


def _closest(title: str, specialty: Specialty) -> Line | None:
    """The line whose title (or the beginning of it) looks most like ``title``."""
    typed = words_key(title)
    best: tuple[float, Line] | None = None
    for line in specialty.lines:
        if not line.title:
            continue
        words = words_key(line.title).split()
        for end in range(1, len(words) + 1):
            ratio = difflib.SequenceMatcher(None, typed, " ".join(words[:end])).ratio()
            if best is None or ratio > best[0]:
                best = (ratio, line)
    return best[1] if best is not None and best[0] >= CLOSE_ENOUGH else None
