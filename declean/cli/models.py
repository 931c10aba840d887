"""Settings and models for the commands that ask a model (``run``, ``detect``, ``eval``)."""

from __future__ import annotations

from contextlib import ExitStack
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from rich.console import Console

from declean.errors import ConfigurationError

if TYPE_CHECKING:
    from declean.models.providers import ResolvedModels
    from declean.settings import Settings


def settings_from(overrides: dict[str, Any]) -> Settings:
    """The environment's settings with the flags that were given on top; invalid values are refused."""
    from declean.settings import Settings

    try:
        return Settings(**{key: value for key, value in overrides.items() if value is not None})
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())
        raise ConfigurationError(f"invalid settings: {problems}") from error


def open_models(resources: ExitStack, settings: Settings, console: Console) -> ResolvedModels:
    """Resolve the models (starting the embedded server for ``local``), closed with ``resources``."""
    from declean.models.providers import resolve_models

    if settings.provider == "local":
        console.print("starting the embedded model (first use assembles it from its packages) ...")
    return resources.enter_context(resolve_models(settings.models()))
