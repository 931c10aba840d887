"""Where original byte ranges end up, as lines of the code that edits produce: locations after a rewrite."""

from __future__ import annotations

from collections.abc import Iterable

from declean.tools.cparse import Edit


class LineMap:
    """Lines of original byte ranges in the code that ``edits`` produce."""

    def __init__(self, edits: Iterable[Edit], result: str) -> None:
        self._edits = sorted(edits, key=lambda edit: edit.start)
        self._result = result.encode()

    def _shift(self, offset: int) -> int:
        shifted = offset
        for edit in self._edits:
            if edit.end > offset:
                break
            shifted += len(edit.replacement.encode()) - (edit.end - edit.start)
        return shifted

    def lines(self, start: int, end: int) -> tuple[int, int]:
        """1-based first and last line, in the new code, of the original bytes ``start:end``."""
        new_start = self._shift(start)
        new_end = max(new_start, self._shift(end) - 1)
        return self._result.count(b"\n", 0, new_start) + 1, self._result.count(b"\n", 0, new_end) + 1
