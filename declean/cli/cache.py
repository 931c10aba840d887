"""``declean cache``: inspect or empty the model-call cache of a run's output directory."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

if TYPE_CHECKING:
    from declean.models.cache import SqliteModelCache

cache_app = typer.Typer(no_args_is_help=True, help="The model-call cache of a run's output directory.")
console = Console()

OutDirArgument = Annotated[Path, typer.Argument(help="The run's output directory.")]


@cache_app.command("info")
def cache_info(out: OutDirArgument = Path("out")) -> None:
    """How many model replies the cache in OUT holds."""
    with _existing_cache(out) as cache:
        count = len(cache)
    size = sum(p.stat().st_size for p in cache.path.parent.glob(f"{cache.path.name}*"))
    console.print(f"{cache.path}: {count} cached replies, {size / 1e6:.1f} MB")


@cache_app.command("clear")
def cache_clear(out: OutDirArgument = Path("out")) -> None:
    """Forget every cached reply in OUT: the next run asks the model again."""
    with _existing_cache(out) as cache:
        removed = cache.clear()
    console.print(f"removed {removed} cached replies from {cache.path}")


def _existing_cache(out: Path) -> SqliteModelCache:
    """The cache of OUT; a missing one is said and ends the command (never created by looking)."""
    from declean.models.cache import CACHE_FILE, SqliteModelCache

    path = out / CACHE_FILE
    if not path.exists():
        console.print(f"no cache at {path}")
        raise typer.Exit(0)
    return SqliteModelCache(path)
