"""Programs as token sequences for deduplication: layout and comments gone, names optionally abstracted.

Two keys and one shingle set per program:
- the *exact* key: the tree-sitter tokens, so re-spacing, re-indenting and comments change nothing;
- the *renamed* key: the same with every identifier replaced by the order it first appears in, so a
  program whose names were consistently changed has the same key;
- 5-gram shingles of the tokens with every identifier as one placeholder, for MinHash near-duplicate
  search: numbering names by first appearance would let one inserted name renumber, and so change, every
  shingle after it.

Shingles are CRC-32 values (deterministic across processes, so a build is reproducible) in a sorted
``uint32`` array: ten thousand programs' shingles take megabytes, not the hundreds a set of objects would.
"""

from __future__ import annotations

import hashlib
import zlib
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from declean.tools.cparse import parse

SHINGLE_SIZE = 5
"""Tokens per shingle: long enough that two unrelated programs share few, short enough to survive edits."""

Shingles = npt.NDArray[np.uint32]

_IDENTIFIERS = frozenset({"identifier", "field_identifier", "type_identifier", "statement_identifier"})
_PLACEHOLDER = b"\x01"


@dataclass(frozen=True)
class TokenView:
    """One program's dedup keys and shingles."""

    exact_key: str
    renamed_key: str
    shingles: Shingles
    tokens: int


def token_view(source: str) -> TokenView:
    """The dedup view of ``source``; a program tree-sitter cannot fully parse is still tokenised."""
    data = source.encode()
    tokens: list[bytes] = []
    renamed: list[bytes] = []
    shapes: list[bytes] = []
    names: dict[bytes, bytes] = {}
    cursor = parse(source).walk()
    while True:
        if cursor.goto_first_child():
            continue
        node = cursor.node
        assert node is not None
        kind = node.type
        token = data[node.start_byte : node.end_byte]
        if kind != "comment" and token.strip():
            tokens.append(token)
            if kind in _IDENTIFIERS:
                renamed.append(names.setdefault(token, b"\x01%d" % len(names)))
                shapes.append(_PLACEHOLDER)
            else:
                renamed.append(token)
                shapes.append(token)
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent():
                return TokenView(
                    exact_key=_digest(tokens),
                    renamed_key=_digest(renamed),
                    shingles=_shingles(shapes),
                    tokens=len(tokens),
                )


def jaccard(first: Shingles, second: Shingles) -> float:
    """Exact Jaccard similarity of two shingle arrays (1.0 for two empty ones)."""
    if not first.size and not second.size:
        return 1.0
    shared = np.intersect1d(first, second, assume_unique=True).size
    return shared / (first.size + second.size - shared)


def _shingles(shapes: list[bytes]) -> Shingles:
    windows = range(max(1, len(shapes) - SHINGLE_SIZE + 1))
    values = [zlib.crc32(b"\x00".join(shapes[start : start + SHINGLE_SIZE])) for start in windows]
    return np.unique(np.array(values, dtype=np.uint32))


def _digest(tokens: list[bytes]) -> str:
    return hashlib.sha256(b"\x00".join(tokens)).hexdigest()
