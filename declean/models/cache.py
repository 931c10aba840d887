"""The model-call cache: an identical call (same model, parameters, messages, sample and slot) is answered
from disk instead of the provider, so a re-run or a resumed run pays nothing twice.

The key holds the sample index, so N samples of one prompt at temperature > 0 stay N different calls, and a
slot naming where in the sample's life the call is made (node, principle, fix attempt), so asking the fixer
again with the same messages is a new call, not a replay of the reply that had no code.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from pydantic import BaseModel, ConfigDict

from declean.closing import ClosesOnExit
from declean.errors import ConfigurationError

if TYPE_CHECKING:
    from declean.models.postgres_cache import PostgresModelCache

CACHE_FILE = "cache.sqlite"
KEY_VERSION = 1
"""Bumped when the key's recipe changes, so old entries are never read with a new meaning."""


class CachedReply(BaseModel):
    """What a cached call answers with: the reply text and the original call's token usage."""

    model_config = ConfigDict(frozen=True)

    text: str
    input_tokens: int = 0
    output_tokens: int = 0


class ModelCache(Protocol):
    """Where replies are kept between runs: :class:`SqliteModelCache` (the default, in the run's
    directory or at any path) or :class:`~declean.models.postgres_cache.PostgresModelCache`."""

    def get(self, key: str) -> CachedReply | None:
        """The reply stored under ``key``, if any."""
        ...

    def put(self, key: str, reply: CachedReply) -> None:
        """Store ``reply`` under ``key`` durably before returning."""
        ...


def cache_key(
    *,
    model: str,
    model_params: Mapping[str, Any],
    call_params: Mapping[str, Any],
    messages: Sequence[tuple[str, str]],
    sample_index: int | None,
    slot: str,
) -> str:
    """A stable hash of everything that decides a reply."""
    payload = {
        "v": KEY_VERSION,
        "model": model,
        "model_params": model_params,
        "call_params": call_params,
        "messages": [list(message) for message in messages],
        "sample_index": sample_index,
        "slot": slot,
    }
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=repr)
    return hashlib.sha256(canonical.encode()).hexdigest()


class SqliteModelCache(ClosesOnExit):
    """A cache in one SQLite file (WAL journal): safe across threads and processes, durable on ``put``."""

    def __init__(self, path: Path) -> None:
        self.path = self.location = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, check_same_thread=False, timeout=30.0, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS replies"
            " (key TEXT PRIMARY KEY, reply TEXT NOT NULL, created REAL NOT NULL)"
        )

    def get(self, key: str) -> CachedReply | None:
        """The stored reply, or ``None``."""
        with self._lock:
            row = self._db.execute("SELECT reply FROM replies WHERE key = ?", (key,)).fetchone()
        return None if row is None else CachedReply.model_validate_json(row[0])

    def put(self, key: str, reply: CachedReply) -> None:
        """Store (or replace) the reply; committed when this returns."""
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO replies (key, reply, created) VALUES (?, ?, ?)",
                (key, reply.model_dump_json(), time.time()),
            )

    def __len__(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT count(*) FROM replies").fetchone()[0])

    def clear(self) -> int:
        """Remove every entry; returns how many there were."""
        with self._lock:
            removed = self._db.execute("DELETE FROM replies").rowcount
            self._db.execute("VACUUM")
        return int(removed)

    def close(self) -> None:
        """Close the database. Idempotent."""
        with self._lock:
            self._db.close()


def open_model_cache(location: str | Path) -> SqliteModelCache | PostgresModelCache:
    """The cache at ``location``: a ``postgresql://`` URL (shared by every machine that reaches the
    database), else the path of a SQLite file (shared by the runs of one machine)."""
    if isinstance(location, str) and location.startswith(("postgresql://", "postgres://")):
        from declean.models.postgres_cache import PostgresModelCache

        return PostgresModelCache(location)
    if isinstance(location, str) and "://" in location:
        raise ConfigurationError(
            f"a cache is a file path or a postgresql:// URL, not {location.split(':')[0]}:"
        )
    return SqliteModelCache(Path(location))
