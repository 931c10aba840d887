"""Reading a person's input files: a file that cannot be read or decoded is one clear error."""

from __future__ import annotations

from pathlib import Path

from declean.errors import InputFileError


def read_source(path: Path) -> str:
    """A C source file's text; unreadable or not UTF-8 is an :class:`InputFileError` naming the line."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputFileError(f"{path}: cannot read: {error.strerror or error}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputFileError(f"{path}:{line}: not valid UTF-8") from None
