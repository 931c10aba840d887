"""Students' feedback on the web app's labels, kept in SQLite: the flywheel's next turn of data.

One row per submitted opinion: the code, what the detector said (its name, version, model and prompt
hash), which labels the student agrees with, the labels they say are right, a comment, and who (an
anonymous session id, or a signed-in user). ``declean feedback export`` turns the rows into candidate
records for the next ``declean dataset build``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from declean.errors import DatasetError

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    body TEXT NOT NULL
)
"""


def code_hash(code: str) -> str:
    """The key results and feedback are stored under."""
    return hashlib.sha256(code.encode()).hexdigest()


class Feedback(BaseModel):
    """One student's opinion of one result."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    id: int | None = None
    """The row id, once stored."""
    when: str = Field(default_factory=lambda: dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
    who: str
    """``anonymous:<session id>``, or ``huggingface:<user name>`` when signed in."""
    code: str
    detector: str
    """The detector that labelled the code."""
    detector_version: str
    """declean's version and, for a trained detector, its model file's hash."""
    model: str | None = None
    prompt_hash: str | None = None
    predicted: list[str]
    """The labels the app showed (``NO_COMPILE`` included)."""
    agree: dict[str, bool] = Field(default_factory=dict)
    """Predicted label -> the student agrees with it."""
    corrected: list[str]
    """The labels the student says the code deserves."""
    comment: str = ""

    @property
    def code_hash(self) -> str:
        return code_hash(self.code)


class FeedbackStore:
    """The SQLite file holding every feedback row (a connection per call: the app serves many threads)."""

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        """Open ``path``, made with its table if missing; ``read_only`` opens an existing database
        only (a :class:`DatasetError` otherwise) and never writes to it."""
        self.path = path
        self.read_only = read_only
        if read_only:
            if not path.is_file():
                raise DatasetError(f"{path}: no such feedback database (the web app's feedback SQLite file)")
            self.entries()
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._connection() as connection:
            connection.execute(_SCHEMA)

    def add(self, feedback: Feedback) -> int:
        with self._connection() as connection:
            cursor = connection.execute(
                "INSERT INTO feedback (body) VALUES (?)", (feedback.model_dump_json(exclude={"id"}),)
            )
            return int(cursor.lastrowid or 0)

    def entries(self) -> list[Feedback]:
        """Every row, oldest first; a file that is not a feedback database, or a row that is not an
        entry, is a :class:`DatasetError` naming the file and the row."""
        try:
            with self._connection() as connection:
                rows = connection.execute("SELECT id, body FROM feedback ORDER BY id").fetchall()
        except sqlite3.Error as error:
            raise DatasetError(f"{self.path}: not a declean feedback database ({error})") from error
        entries = []
        for row_id, body in rows:
            try:
                entries.append(Feedback.model_validate({**json.loads(body), "id": row_id}))
            except (ValidationError, ValueError, TypeError) as error:
                first = str(error).splitlines()[0]
                raise DatasetError(
                    f"{self.path}: feedback row {row_id} is not a feedback entry ({first})"
                ) from error
        return entries

    def count(self) -> int:
        with self._connection() as connection:
            return int(connection.execute("SELECT COUNT(*) FROM feedback").fetchone()[0])

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        target = f"{self.path.resolve().as_uri()}?mode=ro" if self.read_only else str(self.path)
        with closing(sqlite3.connect(target, uri=self.read_only, timeout=30)) as connection, connection:
            yield connection
