"""Build the chat model a run uses from settings: any OpenAI-compatible server through ``ChatOpenAI``."""

from __future__ import annotations

from langchain_core.language_models import BaseChatModel

from declean.errors import ConfigurationError
from declean.settings import Settings


def chat_model_from_settings(settings: Settings) -> BaseChatModel:
    """``ChatOpenAI`` pointed at ``settings.base_url``; one clear error when something is missing."""
    missing = [name for name in ("base_url", "model") if getattr(settings, name) in (None, "")]
    if missing:
        flags = ", ".join(f"--{name.replace('_', '-')} / DECLEAN_{name.upper()}" for name in missing)
        raise ConfigurationError(
            f"no model server configured: set {flags} "
            "(any OpenAI-compatible server: vLLM, Ollama, llama.cpp, OpenAI itself)"
        )
    from langchain_openai import ChatOpenAI

    api_key = settings.api_key.get_secret_value() if settings.api_key else "not-needed"
    return ChatOpenAI(
        base_url=settings.base_url,
        model=settings.model or "",
        api_key=api_key,
        timeout=settings.request_timeout,
        max_retries=2,
        # llama.cpp's server ignores max_completion_tokens; max_tokens is understood everywhere.
        extra_body={"max_tokens": settings.max_tokens},
    )
