"""Whether an identifier is made of words: English words, common programming abbreviations, or filler.

The English words are the ``web2`` and ``gcide`` lists the ``english-words`` package ships (no download).
A name is split at underscores, case changes and digits. Each part is a word (a dictionary word, plural,
verb and comparison endings allowed, or a word run together with another or with a short prefix:
``username``, ``inword``, ``nlines``), a listed abbreviation or short word (``num``, ``len``, ``idx``,
``buf``, ``cnt``, ``pos``, ``in``, ``id``) or well-known math name (``gcd``, ``pi``, ``dx``), a filler word
that says nothing (``tmp``, ``data``, ``val``, ``do``, ``stuff``, ``process``), or unknown. Three-letter
dictionary entries count only with a vowel (both lists hold clusters such as ``lcm``), two-letter parts
only when listed. A name says nothing when it is one letter, filler, has no word at all, or is told apart
by a number without a real word of four letters or more (``x1``, ``arr2``, ``s2``; ``word1`` is fine).
"""

from __future__ import annotations

import functools
import re
from typing import Literal

from english_words import get_english_words_set  # type: ignore[import-untyped]

PartKind = Literal["word", "filler", "unknown"]


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


FILLER = _words(
    "tmp temp data foo bar baz qux quux stuff thing things var vars obj aux dummy do doit it my the some "
    "func fn proc res ret val vals xx yy zz xyz info misc util utils helper process handle handler work go "
    "run calc compute get show check chk whatever something abc aaa bbb ccc asdf qwerty"
)
"""Words that say nothing about what a name holds or does: a name made only of them is meaningless."""

ABBREVIATIONS = _words(
    "num nums len idx buf str ptr max min avg cnt pos src dst dest prev cur curr nxt init msg err errno "
    "arg args argc argv envp param params elem elems char ch fp fd id ids ok sz col cols row rows lo hi mid "
    "sum ref acct emp inv qty amt addr cfg config stats lhs rhs dec hex bin oct eof dir cmd op ops opt ctx "
    "pct freq deg rad vec mat sq abs km kg cm mm lb lbs ft kwh gpa bmi vat usd eur sec secs ms min mins "
    "hr hrs req resp img pix px tbl tab cmp dist diff ans avg lat lon lng pt pts rect str strs arr arrs "
    "gcd lcm sqrt pow exp log ln sin cos tan mod det fib fibonacci pi phi tau mu eps rem quot dx dy dz dt "
    "in out is to of on at by up no or and as if not all per new old end len step top byte bytes bit bits "
    "int ints bool enum struct alloc malloc realloc stdin stdout stderr null getline strdup atoi itoa qsort"
)
"""Common programming abbreviations, well-known math names and short English words that may stand in
a name (single letters never do: their role decides, see :mod:`declean.tools.name_roles`)."""

_PARTS = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")
_SHORTEST_DICTIONARY_WORD = 3
_SHORTEST_PREFIX = 2
_SHORTEST_REAL_WORD = 4
_SHORT_WORD = 3
_VOWELS = frozenset("aeiouy")
_ENDINGS = (
    *(("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e")),
    *(("er", ""), ("er", "e"), ("est", ""), ("est", "e"), ("ers", ""), ("ly", ""), ("d", "")),
)


@functools.cache
def english_words() -> frozenset[str]:
    """The lower-case English words of the ``web2`` and ``gcide`` lists (three-letter ones only with a
    vowel: both lists hold consonant abbreviations such as ``lcm``)."""
    words = get_english_words_set(["web2", "gcide"], alpha=True, lower=True)
    return frozenset(word for word in words if len(word) > _SHORT_WORD or _VOWELS & set(word))


def split_identifier(name: str) -> list[str]:
    """``total_seconds`` -> ``[total, seconds]``, ``maxValue2`` -> ``[max, value, 2]``, lower case."""
    return [part.lower() for part in _PARTS.findall(name)]


def part_kind(part: str) -> PartKind:
    """What one lower-case part of a name is (see the module docstring)."""
    if part in FILLER:
        return "filler"
    return "word" if part in ABBREVIATIONS or _is_english(part) else "unknown"


def _is_english(part: str) -> bool:
    """A dictionary word, or two words run together (``username``, ``inword``, a count ``nlines``)."""
    if _is_dictionary_word(part):
        return True
    if part.startswith("n") and _is_dictionary_word(part[1:]):
        return True
    cuts = range(_SHORTEST_PREFIX, len(part) - _SHORTEST_DICTIONARY_WORD + 1)
    return any(_is_known(part[:cut]) and _is_dictionary_word(part[cut:]) for cut in cuts)


def _is_known(piece: str) -> bool:
    return piece in ABBREVIATIONS or _is_dictionary_word(piece)


def _is_dictionary_word(part: str) -> bool:
    words = english_words()
    if len(part) < _SHORTEST_DICTIONARY_WORD or part in FILLER:
        return False
    if part in words:
        return True
    stems = (part[: -len(ending)] + replacement for ending, replacement in _ENDINGS if part.endswith(ending))
    return any(
        len(stem) >= _SHORTEST_DICTIONARY_WORD and (stem in words or stem in ABBREVIATIONS) for stem in stems
    )


@functools.lru_cache(maxsize=8192)
def lacks_words(name: str) -> str | None:
    """Why ``name`` says nothing by its words alone (``tmp``, ``x1``, ``do_it``), or ``None`` when it does.
    (Remembered: a run judges the same names in every version of a program.)

    A single letter is judged here as saying nothing; whether its role excuses it is for the caller. A
    name told apart by a number needs a real word besides (``word1`` is fine, ``arr2`` and ``s2`` are not).
    """
    parts = split_identifier(name)
    letters = [part for part in parts if not part.isdigit()]
    if len(name.strip("_")) == 1:
        return "a single letter"
    if not letters:
        return "no words"
    if name.lower() in FILLER or "".join(letters) in FILLER:
        return "a filler word" if len(letters) == len(parts) else "a filler word told apart by a number"
    kinds = [part_kind(part) for part in letters]
    if len(letters) < len(parts) and not any(
        len(part) >= _SHORTEST_REAL_WORD and _is_english(part) for part in letters
    ):
        return "a short name told apart by a number"
    if all(kind == "filler" for kind in kinds):
        return "only filler words"
    if "word" not in kinds:
        return "no words" if "filler" not in kinds else "filler and no words"
    return None
