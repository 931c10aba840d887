"""The model-call cache in PostgreSQL: one cache shared by every run and every machine that can reach the
database, so re-running the same problems into a new output directory, or on another machine, pays for no
call twice. Same keys and replies as :class:`~declean.models.cache.SqliteModelCache`.
"""

from __future__ import annotations

import contextlib
import threading
import time

import psycopg
from psycopg import errors

from declean.closing import ClosesOnExit
from declean.errors import ConfigurationError
from declean.models.cache import CachedReply

TABLE = "declean_model_cache"


class PostgresModelCache(ClosesOnExit):
    """A cache in table ``declean_model_cache`` of the database at ``url`` (made on first use); one
    connection, autocommitted, shared by the run's threads; ``put`` is committed when it returns."""

    def __init__(self, url: str) -> None:
        self.location = public_location(url)
        try:
            self._db = psycopg.connect(url, autocommit=True)
        except psycopg.Error as error:
            raise ConfigurationError(f"cannot use the cache database {self.location}: {error}") from error
        self._lock = threading.Lock()
        # Two processes starting at once can both pass the check; the second one's create then fails.
        with contextlib.suppress(errors.UniqueViolation):
            self._db.execute(
                f"CREATE TABLE IF NOT EXISTS {TABLE}"
                " (key TEXT PRIMARY KEY, reply TEXT NOT NULL, created DOUBLE PRECISION NOT NULL)"
            )

    def get(self, key: str) -> CachedReply | None:
        """The stored reply, or ``None``."""
        with self._lock:
            row = self._db.execute(f"SELECT reply FROM {TABLE} WHERE key = %s", (key,)).fetchone()
        return None if row is None else CachedReply.model_validate_json(row[0])

    def put(self, key: str, reply: CachedReply) -> None:
        """Store (or replace) the reply."""
        with self._lock:
            self._db.execute(
                f"INSERT INTO {TABLE} (key, reply, created) VALUES (%s, %s, %s)"
                " ON CONFLICT (key) DO UPDATE SET reply = EXCLUDED.reply, created = EXCLUDED.created",
                (key, reply.model_dump_json(), time.time()),
            )

    def __len__(self) -> int:
        with self._lock:
            row = self._db.execute(f"SELECT count(*) FROM {TABLE}").fetchone()
        return 0 if row is None else int(row[0])

    def clear(self) -> int:
        """Remove every entry; returns how many there were."""
        with self._lock:
            return self._db.execute(f"DELETE FROM {TABLE}").rowcount

    def close(self) -> None:
        """Close the connection. Idempotent."""
        with self._lock:
            self._db.close()


def public_location(url: str) -> str:
    """``url`` without its password, fit for messages, logs and traces."""
    info = psycopg.conninfo.conninfo_to_dict(url)
    user, host, port, name = (info.get(key) for key in ("user", "host", "port", "dbname"))
    where = f"{host or 'localhost'}{f':{port}' if port else ''}/{name or ''}"
    return f"postgresql://{f'{user}@' if user else ''}{where}"
