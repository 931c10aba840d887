"""``declean cache``: inspect or empty a model-call cache: a run's, a shared file, or a PostgreSQL one."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from declean.cli.messages import error_line
from declean.errors import DecleanError

if TYPE_CHECKING:
    from declean.models.cache import SqliteModelCache
    from declean.models.postgres_cache import PostgresModelCache

cache_app = typer.Typer(
    no_args_is_help=True, help="A model-call cache: a run's, a shared file or a database."
)
console = Console()
errors = Console(stderr=True)

LocationArgument = Annotated[
    str,
    typer.Argument(
        help="A run's output directory, a cache file, or postgresql://... (as given to run --cache)."
    ),
]


@cache_app.command("info")
def cache_info(location: LocationArgument = "out") -> None:
    """How many model replies the cache holds."""
    with _existing_cache(location) as cache:
        count = len(cache)
    if isinstance(cache.location, Path):
        size = sum(p.stat().st_size for p in cache.location.parent.glob(f"{cache.location.name}*"))
        console.print(f"{cache.location}: {count} cached replies, {size / 1e6:.1f} MB")
    else:
        console.print(f"{cache.location}: {count} cached replies")


@cache_app.command("clear")
def cache_clear(location: LocationArgument = "out") -> None:
    """Forget every cached reply: the next run asks the model again."""
    with _existing_cache(location) as cache:
        removed = cache.clear()
    console.print(f"removed {removed} cached replies from {cache.location}")


def _existing_cache(location: str) -> SqliteModelCache | PostgresModelCache:
    """The cache at ``location``; a missing file is said and ends the command (never created by looking)."""
    from declean.models.cache import CACHE_FILE, open_model_cache

    if "://" not in location:
        path = Path(location)
        path = path if path.is_file() or (path.suffix and not path.is_dir()) else path / CACHE_FILE
        if not path.exists():
            console.print(f"no cache at {path}")
            raise typer.Exit(0)
        location = str(path)
    try:
        return open_model_cache(location)
    except DecleanError as error:
        errors.print(error_line(error))
        raise typer.Exit(2) from error
