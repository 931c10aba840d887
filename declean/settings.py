"""Settings from the environment (``DECLEAN_*``) and the CLI's matching flags."""

from __future__ import annotations

from typing import Literal, Self

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from declean.accounting import Price
from declean.samples import Role

Provider = Literal["local", "openai", "openai-compatible"]


class Settings(BaseSettings):
    """Which model a run uses; flags override the environment, an injected model overrides both."""

    model_config = SettingsConfigDict(env_prefix="DECLEAN_", extra="ignore", use_attribute_docstrings=True)

    provider: Provider = "local"
    """``local``: the embedded model, served by declean itself; ``openai``; ``openai-compatible``."""
    model: str | None = None
    """The model name; defaults to the embedded model (local) or ``gpt-4o-mini`` (openai)."""
    base_url: str | None = None
    """The endpoint of an ``openai-compatible`` server, e.g. ``http://127.0.0.1:8080/v1``."""
    api_key: SecretStr | None = None
    """The server's key; for ``openai`` ``OPENAI_API_KEY`` is used when this is unset. Never logged."""
    role_models: dict[Role, str] = {}
    """Per-role model names on the same provider, e.g. ``DECLEAN_ROLE_MODELS='{"judge": "gpt-4o"}'``."""
    request_timeout: float = 300.0
    """Seconds before a model call is abandoned."""
    max_tokens: int = 2048
    """Upper bound on a reply's length."""
    threads: int | None = None
    """Threads for the embedded model (default: every core)."""
    checkpoint_url: str | None = None
    """``postgresql://...``: keep a run's checkpoints there (shared between machines) instead of ``--out``."""
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
