"""How a chat model is named in traces and records, and how one call of it is keyed in the model cache.

Shared by the graph's model calls and the detectors, so a detector's call and a graph's call with the same
model and messages are keyed the same way and a re-evaluation is answered from the cache.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage
from pydantic import BaseModel

from declean.models.cache import cache_key


def model_name(model: BaseChatModel) -> str:
    """A model's class and name for traces; never its credentials."""
    name = getattr(model, "model_name", None) or getattr(model, "model", None)
    return f"{type(model).__name__}:{name}" if name else type(model).__name__


def call_key(
    model: BaseChatModel,
    params: dict[str, Any],
    messages: Sequence[BaseMessage],
    *,
    sample_index: int | None,
    slot: str,
) -> str:
    """The cache key of one call: the model, its identifying parameters (no credentials), the call's
    parameters, the messages, the sample index and the slot."""
    identifying = {key: value for key, value in model._identifying_params.items() if "key" not in key.lower()}
    return cache_key(
        model=model_name(model),
        model_params=jsonable(identifying),
        call_params=jsonable(params),
        messages=[(message.type, message.text) for message in messages],
        sample_index=sample_index,
        slot=slot,
    )


def jsonable(value: Any) -> Any:
    """Pydantic models, LangGraph ``Send``s and containers as plain JSON values (for traces and keys)."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, dict):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return repr(value)
