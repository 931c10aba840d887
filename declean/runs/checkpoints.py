"""The checkpointer of a run: SQLite in the output directory, or PostgreSQL by URL for shared runs."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.checkpoint.serde.jsonplus import JsonPlusSerializer

from declean.errors import ConfigurationError
from declean.graphs.plan import PlannedStep
from declean.models.usage import CallUsage, TokenCount
from declean.principles.base import Evidence, Measurement
from declean.problems import Problem
from declean.samples import Rejection, Sample, Step
from declean.sandbox.results import CompiledProgram
from declean.tools.transforms.base import Location

CHECKPOINTS_FILE = "checkpoints.sqlite"
STATE_TYPES: tuple[type, ...] = (
    Problem,
    PlannedStep,
    Sample,
    Step,
    Rejection,
    CompiledProgram,
    CallUsage,
    TokenCount,
    Location,
    Evidence,
    Measurement,
)
"""The only classes a checkpoint may bring back to life (LangGraph's msgpack allowlist)."""


def serializer() -> JsonPlusSerializer:
    """LangGraph's serializer, restricted to the graph state's own types."""
    return JsonPlusSerializer(allowed_msgpack_modules=[(t.__module__, t.__qualname__) for t in STATE_TYPES])


@asynccontextmanager
async def open_checkpointer(out_dir: Path, url: str | None = None) -> AsyncIterator[BaseCheckpointSaver[str]]:
    """``checkpoints.sqlite`` in ``out_dir``, or the PostgreSQL database at ``url``."""
    if url is None:
        from langgraph.checkpoint.sqlite.aio import AsyncSqliteSaver

        out_dir.mkdir(parents=True, exist_ok=True)
        async with AsyncSqliteSaver.from_conn_string(str(out_dir / CHECKPOINTS_FILE)) as saver:
            saver.serde = serializer()
            await saver.setup()
            # In WAL mode NORMAL still survives a crash of declean (not of the OS or the power): a lost
            # last step is made again on resume, its model calls answered from the cache, and the
            # fsync on every one of the ~10 commits per step was the run's bottleneck at concurrency 16.
            await saver.conn.execute("PRAGMA synchronous=NORMAL")
            yield saver
        return
    check_checkpoint_url(url)
    from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver
    from psycopg import OperationalError

    async with AsyncExitStack() as stack:
        try:
            postgres = await stack.enter_async_context(
                AsyncPostgresSaver.from_conn_string(url, serde=serializer())
            )
            await postgres.setup()
        except OperationalError as error:
            raise ConfigurationError(f"cannot use the checkpoint database: {error}") from error
        yield postgres


def check_checkpoint_url(url: str | None) -> None:
    """Refuse a checkpoint URL that is not PostgreSQL's, before a run claims its directory (and whether or
    not the run opens its checkpoints)."""
    if url is not None and not url.startswith(("postgresql://", "postgres://")):
        raise ConfigurationError(f"a checkpoint URL must start with postgresql://, not {url.split(':')[0]}:")


def remove_sqlite_checkpoints(out_dir: Path) -> None:
    """Delete the SQLite checkpoints and their journal files (for ``--restart``)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        (out_dir / f"{CHECKPOINTS_FILE}{suffix}").unlink(missing_ok=True)
