"""Settings from the environment (``DECLEAN_*``) and the CLI's matching flags."""

from __future__ import annotations

import os
from typing import Self

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from declean.models.providers import ModelConfig
from declean.models.usage import Price


class Settings(BaseSettings, ModelConfig):
    """Which model a run uses and how runs are kept (the fields of :class:`ModelConfig` and the ones below);
    flags override the environment, an injected model overrides both. For ``openai`` without a key of
    declean's own, ``OPENAI_API_KEY`` is used, as OpenAI's client does."""

    model_config = SettingsConfigDict(
        env_prefix="DECLEAN_", extra="ignore", use_attribute_docstrings=True, frozen=False
    )

    checkpoint_url: str | None = None
    """``postgresql://...``: keep a run's checkpoints there (shared between machines) instead of ``--out``."""
    cache: str | None = None
    """The model-call cache: a SQLite file path, or ``postgresql://...`` (shared between machines);
    unset keeps it in ``--out/cache.sqlite``, so only re-runs into the same directory share it."""
    requests_per_minute: float | None = Field(default=None, gt=0)
    """Pace of requests to the provider; unset sends as fast as ``--concurrency`` allows."""
    prices: dict[str, Price] = {}
    """Model -> price per million tokens, e.g. ``DECLEAN_PRICES='{"gpt-4o-mini": {"input_per_million":
    0.15, "output_per_million": 0.6}}'``; the run's cost is reported when set."""

    @model_validator(mode="after")
    def _a_base_url_means_a_server(self) -> Self:
        """``DECLEAN_BASE_URL`` alone (no provider chosen) selects ``openai-compatible``."""
        if self.base_url and "provider" not in self.model_fields_set:
            self.provider = "openai-compatible"
        return self

    def models(self) -> ModelConfig:
        """The model part of the settings, for :func:`declean.models.providers.resolve_models`."""
        config = ModelConfig.model_validate(self.model_dump(include=set(ModelConfig.model_fields)))
        if config.api_key is None and self.provider == "openai" and os.environ.get("OPENAI_API_KEY"):
            return config.model_copy(update={"api_key": SecretStr(os.environ["OPENAI_API_KEY"])})
        return config
