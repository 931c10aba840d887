"""A scripted chat model: real LangChain plumbing, replies from a script, every prompt recorded.

Each script entry names a marker the prompt must contain (so a reply meant for the fixer cannot be
consumed by the judge) and the reply text, shaped like real model output so the real parsers run. A call
with no script left, or whose prompt lacks the marker, is recorded in ``unexpected`` and raises; the
``scripted_model`` fixture fails the test on any unexpected call and on any unused entry.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Sequence
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import Field, PrivateAttr

GENERATOR = "You are an experienced C teacher"
FIXER = "You repair C programs"
JUDGE = "You compare the outputs"
DECLEAN = {
    "DRY": "Don't Repeat Yourself",
    "SRP": "Single Responsibility Principle",
    "MC": "magic constants",
    "NAME": "meaningless names",
}


class UnexpectedModelCallError(AssertionError):
    """The code under test asked the model something the script did not foresee."""


class ScriptedFailureError(Exception):
    """Raised in place of a reply when a script entry's reply is an exception (a model or network error)."""


class ScriptedChatModel(BaseChatModel):
    """Replies in script order; records every call's messages and keyword arguments."""

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
        usage = {"input_tokens": len(prompt) // 4, "output_tokens": len(reply) // 4}
        message = AIMessage(content=reply, usage_metadata={**usage, "total_tokens": sum(usage.values())})
        return ChatResult(generations=[ChatGeneration(message=message)])

    def prompts_with(self, marker: str) -> list[str]:
        """The full text of every recorded call whose prompt contains ``marker``."""
        texts = ["\n".join(message.text for message in call) for call in self.calls]
        return [text for text in texts if marker in text]

    def check_finished(self) -> Sequence[str]:
        """Problems with how the script was used: unexpected calls, then unused entries."""
        unused = [f"unused script entry for {marker!r}" for marker, _ in self.script]
        return [*self.unexpected, *unused]


def fenced(code: str, before: str = "Here is the program:", after: str = "It prints the result.") -> str:
    """A reply shaped like a chat model's: prose, a fenced C block, prose."""
    return f"{before}\n\n```c\n{code.strip()}\n```\n\n{after}"


class RespondingChatModel(BaseChatModel):
    """Answers every call with ``respond(messages as OpenAI dicts)`` after ``latency_seconds``.

    For whole runs where calls interleave, so a script's order cannot be known: the reply depends on the
    prompt alone. Records the calls and the most that were ever in flight at once.
    """

    respond: Any
    """``(list[{"role", "content"}]) -> str``."""
    latency_seconds: float = 0.0
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
        raise NotImplementedError("RespondingChatModel is asynchronous: use ainvoke")

    async def _agenerate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: Any = None,
        **kwargs: Any,
    ) -> ChatResult:
        with self._lock:
            self.calls += 1
            self._in_flight += 1
            self.peak_in_flight = max(self.peak_in_flight, self._in_flight)
        try:
            await asyncio.sleep(self.latency_seconds)
        finally:
            with self._lock:
                self._in_flight -= 1
        reply = self.respond([{"role": message.type, "content": message.text} for message in messages])
        prompt = sum(len(message.text) for message in messages)
        usage = {"input_tokens": prompt // 4, "output_tokens": len(reply) // 4}
        message = AIMessage(content=reply, usage_metadata={**usage, "total_tokens": sum(usage.values())})
        return ChatResult(generations=[ChatGeneration(message=message)])
