"""Fake chat models with real LangChain plumbing: a scripted one and one answering by a function.

Both are :class:`~langchain_core.language_models.BaseChatModel` subclasses, so ``invoke``, ``ainvoke``,
callbacks and usage metadata work as with a real provider, and the graph's real reply parsers run on
their replies.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

from langchain_core.callbacks import AsyncCallbackManagerForLLMRun, CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.messages.ai import UsageMetadata
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import Field, PrivateAttr

from declean.testing.flight import InFlight

GENERATOR = "You are an experienced C teacher"
"""A phrase of the generator's prompt: the marker of a clean-generation call."""
FIXER = "You repair C programs"
"""A phrase of the fixer's prompt."""
JUDGE = "You compare the outputs"
"""A phrase of the judge's prompt."""
DECLEAN = {
    "DRY": "Don't Repeat Yourself",
    "SRP": "Single Responsibility Principle",
    "MC": "magic constants",
    "NAME": "meaningless names",
}
"""Per principle, a phrase of its de-clean prompt."""
DETECT = "You review C programs written by students"
"""A phrase of the detection prompt (the ``llm`` and ``hybrid`` detectors)."""
HYBRID = "Static analysis of this program"
"""A phrase only the ``hybrid`` detector's prompt holds: the static evidence."""

Responder = Callable[[list[dict[str, Any]]], str]
"""The messages of a call as ``[{"role", "content"}]`` -> the reply text."""


def fenced(code: str, before: str = "Here is the program:", after: str = "It prints the result.") -> str:
    """A reply shaped like a chat model's: prose, a fenced C block, prose."""
    return f"{before}\n\n```c\n{code.strip()}\n```\n\n{after}"


def message_dicts(messages: Sequence[BaseMessage]) -> list[dict[str, Any]]:
    """``messages`` as ``[{"role": message.type, "content": text}]``, what a :data:`Responder` gets."""
    return [{"role": message.type, "content": message.text} for message in messages]


def chat_result(prompt_chars: int, reply: str) -> ChatResult:
    """``reply`` as a model's result, with token usage estimated at four characters a token."""
    prompt_tokens, reply_tokens = prompt_chars // 4, len(reply) // 4
    usage = UsageMetadata(
        input_tokens=prompt_tokens, output_tokens=reply_tokens, total_tokens=prompt_tokens + reply_tokens
    )
    message = AIMessage(content=reply, usage_metadata=usage)
    return ChatResult(generations=[ChatGeneration(message=message)])


class UnexpectedModelCallError(AssertionError):
    """The code under test asked the model something the script did not foresee."""


class ScriptedFailureError(Exception):
    """Raised in place of a reply when a script entry's reply is an exception (a model or network error)."""


class ScriptedChatModel(BaseChatModel):
    """Replies in script order; records every call's messages and keyword arguments.

    Each script entry is (a marker the prompt must contain, the reply text or an exception to raise), so a
    reply meant for the fixer cannot be consumed by the judge. A call with no script left, or whose prompt
    lacks the entry's marker, is recorded in ``unexpected`` and raises :class:`UnexpectedModelCallError`;
    :meth:`check_finished` lists those and the unused entries. Works with ``invoke`` and ``ainvoke``.
    """

    script: list[tuple[str, str | Exception]] = Field(default_factory=list)
    calls: list[list[BaseMessage]] = Field(default_factory=list)
    call_kwargs: list[dict[str, Any]] = Field(default_factory=list)
    unexpected: list[str] = Field(default_factory=list)
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)

    @property
    def _llm_type(self) -> str:
        return "scripted"

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        prompt = "\n".join(message.text for message in messages)
        with self._lock:
            self.calls.append(list(messages))
            self.call_kwargs.append(dict(kwargs))
            if not self.script:
                self.unexpected.append(f"extra call: {prompt[:300]}")
                raise UnexpectedModelCallError("the script is exhausted but the model was called again")
            marker, reply = self.script.pop(0)
            if marker not in prompt:
                self.unexpected.append(f"expected a prompt with {marker!r}, got: {prompt[:300]}")
                raise UnexpectedModelCallError(f"expected a prompt containing {marker!r}")
        if isinstance(reply, Exception):
            raise reply
        return chat_result(len(prompt), reply)

    def prompts_with(self, marker: str) -> list[str]:
        """The full text of every recorded call whose prompt contains ``marker``."""
        texts = ["\n".join(message.text for message in call) for call in self.calls]
        return [text for text in texts if marker in text]

    def check_finished(self) -> Sequence[str]:
        """Problems with how the script was used: unexpected calls, then unused entries."""
        unused = [f"unused script entry for {marker!r}" for marker, _ in self.script]
        return [*self.unexpected, *unused]


class RespondingChatModel(BaseChatModel):
    """Answers every call with ``respond(messages as dicts)`` after ``latency_seconds``.

    For whole runs where calls interleave, so a script's order cannot be known: the reply depends on the
    prompt alone. Counts the calls and the most that were ever in flight at once (``peak_in_flight``);
    a shared :class:`InFlight` given as ``flight`` counts them too, with whatever else shares it.
    ``ainvoke`` sleeps asynchronously, ``invoke`` blocks its thread.
    """

    respond: Responder
    latency_seconds: float = 0.0
    flight: InFlight | None = None
    calls: int = 0
    peak_in_flight: int = 0
    _in_flight: int = PrivateAttr(default=0)
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)

    @property
    def _llm_type(self) -> str:
        return "responding"

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        self._enter()
        try:
            time.sleep(self.latency_seconds)
            return self._answer(messages)
        finally:
            self._exit()

    async def _agenerate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        self._enter()
        try:
            await asyncio.sleep(self.latency_seconds)
            return self._answer(messages)
        finally:
            self._exit()

    def _enter(self) -> None:
        if self.flight is not None:
            self.flight.enter()
        with self._lock:
            self.calls += 1
            self._in_flight += 1
            self.peak_in_flight = max(self.peak_in_flight, self._in_flight)

    def _exit(self) -> None:
        with self._lock:
            self._in_flight -= 1
        if self.flight is not None:
            self.flight.exit()

    def _answer(self, messages: list[BaseMessage]) -> ChatResult:
        reply = self.respond(message_dicts(messages))
        return chat_result(sum(len(message.text) for message in messages), reply)
