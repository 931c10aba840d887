"""A chat model that injects provider faults into another one's answers, from a deterministic plan.

The faults are those of the HTTP-level fake server the project's tests use (``tests/fake_openai_server.py``),
raised here in-process as the ``openai`` client would raise them, so retry and rejection logic can be
tested without a server. ``429`` and ``500``, the server's names, are accepted for ``rate_limit`` and
``server_error``.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from collections import Counter
from types import ModuleType
from typing import Any, Literal, get_args

import openai
import openai._exceptions
from langchain_core.callbacks import AsyncCallbackManagerForLLMRun, CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import Field, PrivateAttr, field_validator, model_validator

from declean.testing.models import Responder, chat_result, message_dicts

FaultKind = Literal["rate_limit", "server_error", "timeout", "connection", "empty", "garbage", "unfenced"]
FAULT_KINDS: tuple[FaultKind, ...] = get_args(FaultKind)
"""Every fault :class:`FaultInjectingChatModel` can inject."""
FAULT_ALIASES: dict[str, FaultKind] = {"429": "rate_limit", "500": "server_error"}
"""The fake server's names for faults that have another name here."""
ERROR_FAULTS: frozenset[FaultKind] = frozenset({"rate_limit", "server_error", "timeout", "connection"})
"""The faults raised as ``openai`` exceptions; the others are 200 replies with bad content."""

FAKE_URL = "http://127.0.0.1/v1/chat/completions"
"""The URL of the request every injected ``openai`` error carries."""
GARBAGE_REPLY = (
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit. As an AI language model, I cannot help "
    "with that request. Sed do eiusmod tempor incididunt ut labore et dolore magna aliqua."
)
"""The reply of a ``garbage`` fault: prose, no code (the fake server's)."""

_FENCE_LINE = re.compile(r"^[ \t]*(`{3,}|~{3,})")


def _http() -> ModuleType:
    """The HTTP library ``openai`` builds its errors from: ``httpx2`` for openai 3, ``httpx`` before."""
    module = vars(openai._exceptions).get("httpx2") or vars(openai._exceptions).get("httpx")
    if isinstance(module, ModuleType):
        return module
    import httpx

    return httpx


def fault_error(kind: FaultKind, retry_after: str = "0") -> openai.APIError:
    """The ``openai`` exception a real client raises for the fault ``kind`` (one of :data:`ERROR_FAULTS`).

    Status errors carry a real response (status, OpenAI-shaped JSON body, ``retry-after`` on a 429) and
    request (``POST`` :data:`FAKE_URL`), as the client builds them.
    """
    http = _http()
    request = http.Request("POST", FAKE_URL)
    if kind == "timeout":
        return openai.APITimeoutError(request=request)
    if kind == "connection":
        return openai.APIConnectionError(request=request)
    if kind == "rate_limit":
        status, headers = 429, {"retry-after": retry_after}
        error = {
            "message": "Rate limit reached for fake-coder (injected fault).",
            "type": "requests",
            "param": None,
            "code": "rate_limit_exceeded",
        }
    elif kind == "server_error":
        status, headers = 500, {}
        error = {
            "message": "The server had an error while processing your request (injected fault).",
            "type": "server_error",
            "param": None,
            "code": None,
        }
    else:
        raise ValueError(f"{kind!r} is not an error fault; error faults: {sorted(ERROR_FAULTS)}")
    response = http.Response(status, headers=headers, json={"error": error}, request=request)
    message = f"Error code: {status} - {error['message']}"
    if status == 429:
        return openai.RateLimitError(message, response=response, body=error)
    return openai.InternalServerError(message, response=response, body=error)


def without_fences(reply: str) -> str:
    """``reply`` minus its Markdown fence lines (```/~~~), so fenced code becomes bare code."""
    return "".join(line for line in reply.splitlines(keepends=True) if not _FENCE_LINE.match(line))


def _fault_name(value: Any) -> Any:
    if value is None or value == "ok":
        return None
    return FAULT_ALIASES.get(value, value) if isinstance(value, str) else value


class FaultInjectingChatModel(BaseChatModel):
    """Answers with ``responder`` (a :data:`~declean.testing.Responder` or another chat model), except on
    the calls its plan picks, which get a fault instead.

    The plan is either ``plan``, one entry per call in arrival order (a fault name, or ``None``/``"ok"``
    for a normal answer; calls past its end are answered normally), or ``rate`` with ``seed``: a fraction
    of calls get a fault uniformly drawn from ``kinds``, the draw depending only on the seed, the call's
    messages and how many times those exact messages were seen before (the fake server's rule), so the
    same calls get the same faults whatever the thread timing, and a retry gets an independent draw.

    ``injected`` records, per call in arrival order, the fault injected or ``None``. Error faults are
    raised as the ``openai`` exceptions of :func:`fault_error`; ``empty``, ``garbage`` and ``unfenced``
    are replies: ``""``, :data:`GARBAGE_REPLY`, and the responder's reply without its fence lines. Only
    ``unfenced`` and normal answers ask the responder.
    """

    responder: BaseChatModel | Responder
    plan: list[FaultKind | None] | None = None
    rate: float = Field(default=0.0, ge=0.0, le=1.0)
    seed: int = 0
    kinds: tuple[FaultKind, ...] = FAULT_KINDS
    retry_after: str = "0"
    """The ``retry-after`` header of a ``rate_limit`` fault, in seconds."""
    injected: list[FaultKind | None] = Field(default_factory=list)
    _seen: Counter[str] = PrivateAttr(default_factory=Counter)
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)

    @field_validator("plan", mode="before")
    @classmethod
    def _plan_names(cls, value: Any) -> Any:
        return [_fault_name(entry) for entry in value] if isinstance(value, list | tuple) else value

    @field_validator("kinds", mode="before")
    @classmethod
    def _kind_names(cls, value: Any) -> Any:
        return tuple(_fault_name(entry) for entry in value) if isinstance(value, list | tuple) else value

    @model_validator(mode="after")
    def _one_plan(self) -> FaultInjectingChatModel:
        if self.plan is not None and self.rate > 0:
            raise ValueError("give either a plan or a rate, not both")
        if not self.kinds:
            raise ValueError("kinds must name at least one fault")
        return self

    @property
    def _llm_type(self) -> str:
        return "fault-injecting"

    def counts(self) -> dict[str, int]:
        """Calls per injected fault, and ``"ok"`` for those answered normally (only kinds seen)."""
        with self._lock:
            return dict(Counter(fault or "ok" for fault in self.injected))

    def _next_fault(self, messages: list[BaseMessage]) -> FaultKind | None:
        with self._lock:
            fault: FaultKind | None = None
            if self.plan is not None:
                index = len(self.injected)
                fault = self.plan[index] if index < len(self.plan) else None
            else:
                key = json.dumps(message_dicts(messages), sort_keys=True, ensure_ascii=False)
                occurrence = self._seen[key]
                self._seen[key] += 1
                digest = hashlib.sha256(f"{self.seed}\0{occurrence}\0{key}".encode()).digest()
                if int.from_bytes(digest[:8], "big") / 2**64 < self.rate:
                    fault = self.kinds[int.from_bytes(digest[8:16], "big") % len(self.kinds)]
            self.injected.append(fault)
        if fault is not None and fault in ERROR_FAULTS:
            raise fault_error(fault, self.retry_after)
        return fault

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        fault = self._next_fault(messages)
        if fault in {"empty", "garbage"}:
            return self._bad_reply(messages, fault)
        answer: BaseMessage
        if isinstance(self.responder, BaseChatModel):
            answer = self.responder.invoke(messages, stop=stop, **kwargs)
        else:
            answer = self._as_message(messages, self.responder(message_dicts(messages)))
        return self._result(answer, fault)

    async def _agenerate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        fault = self._next_fault(messages)
        if fault in {"empty", "garbage"}:
            return self._bad_reply(messages, fault)
        answer: BaseMessage
        if isinstance(self.responder, BaseChatModel):
            answer = await self.responder.ainvoke(messages, stop=stop, **kwargs)
        else:
            answer = self._as_message(messages, self.responder(message_dicts(messages)))
        return self._result(answer, fault)

    @staticmethod
    def _bad_reply(messages: list[BaseMessage], fault: FaultKind | None) -> ChatResult:
        reply = GARBAGE_REPLY if fault == "garbage" else ""
        return chat_result(sum(len(message.text) for message in messages), reply)

    @staticmethod
    def _as_message(messages: list[BaseMessage], reply: str) -> BaseMessage:
        return chat_result(sum(len(message.text) for message in messages), reply).generations[0].message

    @staticmethod
    def _result(answer: BaseMessage, fault: FaultKind | None) -> ChatResult:
        if fault == "unfenced":
            usage = answer.usage_metadata if isinstance(answer, AIMessage) else None
            answer = AIMessage(content=without_fences(answer.text), usage_metadata=usage)
        return ChatResult(generations=[ChatGeneration(message=answer)])
