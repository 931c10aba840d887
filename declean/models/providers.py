"""Resolve the chat models of a run from a :class:`ModelConfig`: the embedded model, OpenAI, or any
compatible server. The config is passed in (``declean.settings`` builds it from the environment); nothing
here reads settings or the environment.

Every provider ends up as ``ChatOpenAI`` pointed at an OpenAI-compatible endpoint, so there is one code
path; the embedded model is served by :class:`LlamaServer` for the length of the run. Problems (no key,
no server, no embedded model) raise :class:`ProviderError` before any work starts.
"""

from __future__ import annotations

from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import Literal

from langchain_core.language_models import BaseChatModel
from pydantic import BaseModel, ConfigDict, SecretStr

from declean.closing import ClosesOnExit
from declean.errors import ProviderError
from declean.models.embedded import QWEN_CODER_1_5B, model_path
from declean.models.llama_server import LlamaServer, answers
from declean.samples import Role

OPENAI_DEFAULT_MODEL = "gpt-4o-mini"
OPENAI_BASE_URL = "https://api.openai.com/v1"

Provider = Literal["local", "openai", "openai-compatible"]


class ModelConfig(BaseModel):
    """Which models a run uses and how they are reached."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    provider: Provider = "local"
    """``local``: the embedded model, served by declean itself; ``openai``; ``openai-compatible``."""
    model: str | None = None
    """The model name; defaults to the embedded model (local) or ``gpt-4o-mini`` (openai)."""
    base_url: str | None = None
    """The endpoint of an ``openai-compatible`` server (or another OpenAI endpoint)."""
    api_key: SecretStr | None = None
    """The server's key. Never logged."""
    role_models: dict[Role, str] = {}
    """Per-role model names on the same provider."""
    request_timeout: float = 300.0
    """Seconds before a model call is abandoned."""
    max_tokens: int = 2048
    """Upper bound on a reply's length."""
    threads: int | None = None
    """Threads for the embedded model (default: every core)."""


@dataclass(frozen=True)
class Endpoint:
    """Where the models of a run are served."""

    base_url: str
    api_key: str
    model: str
    parallel_requests: int | None = None
    """Requests the server answers at once, when known to be limited."""


@dataclass
class ResolvedModels(ClosesOnExit):
    """The run's shared model and per-role overrides; ``close()`` stops a server declean started."""

    llm: BaseChatModel
    llms: dict[Role, BaseChatModel]
    description: str
    """Provider and model names for logs and traces (never the key)."""
    parallel_requests: int | None = None
    """How many requests the server answers at once, when it is known to be limited (the embedded one)."""
    _resources: ExitStack = field(default_factory=ExitStack)

    def close(self) -> None:
        """Stop what was started for these models. Idempotent."""
        self._resources.close()


def resolve_models(settings: ModelConfig) -> ResolvedModels:
    """Build the models ``settings`` ask for; for ``local`` this starts the embedded server."""
    resources = ExitStack()
    try:
        endpoint = _endpoint(settings, resources)
        llm = chat_model(endpoint, endpoint.model, settings)
        llms = {role: chat_model(endpoint, name, settings) for role, name in settings.role_models.items()}
    except BaseException:
        resources.close()
        raise
    roles = "".join(f", {role}: {name}" for role, name in settings.role_models.items())
    description = f"{settings.provider} {endpoint.model}{roles}"
    return ResolvedModels(
        llm=llm,
        llms=llms,
        description=description,
        parallel_requests=endpoint.parallel_requests,
        _resources=resources,
    )


def chat_model(endpoint: Endpoint, model: str, settings: ModelConfig) -> BaseChatModel:
    """``ChatOpenAI`` for ``model`` at ``endpoint``."""
    from langchain_openai import ChatOpenAI

    return ChatOpenAI(
        base_url=endpoint.base_url,
        model=model,
        api_key=endpoint.api_key,
        timeout=settings.request_timeout,
        # declean retries transient failures itself (declean.models.retry), with backoff and a trace entry.
        max_retries=0,
        # llama.cpp's server ignores max_completion_tokens; max_tokens is understood everywhere.
        extra_body={"max_tokens": settings.max_tokens},
    )


def _endpoint(settings: ModelConfig, resources: ExitStack) -> Endpoint:
    key = settings.api_key.get_secret_value() if settings.api_key else None
    if settings.provider == "openai":
        if not key:
            raise ProviderError(
                "provider openai needs a key: set OPENAI_API_KEY (or DECLEAN_API_KEY / --api-key)"
            )
        return Endpoint(settings.base_url or OPENAI_BASE_URL, key, settings.model or OPENAI_DEFAULT_MODEL)
    if settings.provider == "openai-compatible":
        if not settings.base_url or not settings.model:
            raise ProviderError(
                "provider openai-compatible needs --base-url / DECLEAN_BASE_URL and --model / DECLEAN_MODEL"
            )
        if not answers(f"{settings.base_url.rstrip('/')}/models", key):
            raise ProviderError(
                f"no OpenAI-compatible server answers at {settings.base_url} (GET /models failed)"
            )
        return Endpoint(settings.base_url, key or "not-needed", settings.model)
    server = LlamaServer(model_path(), alias=QWEN_CODER_1_5B.name, threads=settings.threads)
    resources.enter_context(server)
    # llama-cpp-python's server answers one request at a time; more would only queue into timeouts.
    return Endpoint(server.base_url, "not-needed", QWEN_CODER_1_5B.name, parallel_requests=1)
