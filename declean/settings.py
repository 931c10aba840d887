"""Settings from the environment (``DECLEAN_*``) and the CLI's matching flags."""

from __future__ import annotations

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """What ``declean run`` needs to reach a model server; flags override the environment."""

    model_config = SettingsConfigDict(env_prefix="DECLEAN_", extra="ignore", use_attribute_docstrings=True)

    base_url: str | None = None
    """An OpenAI-compatible endpoint, e.g. ``http://127.0.0.1:8080/v1`` (vLLM, Ollama, llama.cpp)."""
    model: str | None = None
    """The model name the server knows."""
    api_key: SecretStr | None = None
    """The server's key, if it wants one; never written to traces or logs."""
    request_timeout: float = 300.0
    """Seconds before a model call is abandoned."""
    max_tokens: int = 2048
    """Upper bound on a reply's length."""
