"""A program rewritten edit by edit, remembering where each inlined copy went (its final locations)."""

from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Tree

from declean.tools.cparse import Edit, apply_edits, enclosing_function, function_name, parse
from declean.tools.transforms.base import Location


def _moved(edits: list[Edit], start: int, end: int) -> tuple[int, int] | None:
    """Where the bytes ``start:end`` are after ``edits``: an edit covering them gives its new text;
    ``None`` when an edit deletes or cuts them."""
    for edit in edits:
        if edit.start <= start and end <= edit.end:
            if not edit.replacement:
                return None
            begin = edit.start + sum(_growth(e) for e in edits if e is not edit and e.end <= edit.start)
            return begin, begin + len(edit.replacement.encode())
        if edit.start < start < edit.end or edit.start < end < edit.end:
            return None
    before = sum(_growth(e) for e in edits if e.end <= start)
    within = sum(_growth(e) for e in edits if e.end < end or e.start < e.end == end)
    return start + before, end + within


def _growth(edit: Edit) -> int:
    return len(edit.replacement.encode()) - (edit.end - edit.start)


@dataclass
class Rewriter:
    """A program rewritten edit by edit, remembering where each inlined copy went."""

    source: str
    marks: list[tuple[int, int, str]]

    @classmethod
    def start(cls, source: str) -> Rewriter:
        """A rewriter over ``source``."""
        return cls(source, [])

    @property
    def tree(self) -> Tree:
        """The current syntax tree."""
        return parse(self.source)

    def apply(self, edits: list[Edit], detail: str | None = None) -> None:
        """Apply ``edits``; with a ``detail``, the first one is an inlined copy it describes.

        A copy an edit rewrites as a whole grows to the edit's new text; one an edit deletes is gone.
        """
        marks = [(*span, what) for *old, what in self.marks if (span := _moved(edits, *old)) is not None]
        if detail is not None:
            new = _moved(edits, edits[0].start, edits[0].end)
            marks += [(*new, detail)] if new is not None else []
        self.marks = marks
        self.source = apply_edits(self.source, edits)

    def locations(self) -> list[Location]:
        """Every inlined copy still present, in the final code."""
        tree, data = self.tree, self.source.encode()
        found = []
        for start, end, detail in sorted(self.marks):
            node = tree.root_node.descendant_for_byte_range(start, start)
            owner = enclosing_function(node)
            first, last = data.count(b"\n", 0, start) + 1, data.count(b"\n", 0, max(start, end - 1)) + 1
            name = function_name(owner) if owner is not None else None
            found.append(Location(function=name, start_line=first, end_line=last, detail=detail))
        return found
