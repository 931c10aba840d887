"""The ``llm`` and ``hybrid`` detectors: the detection prompt on an injected chat model.

``hybrid`` puts the static measures' evidence in the prompt and lets the model decide and explain.
Calls go through the model cache when one is given, keyed like the graph's calls, so evaluating the same
samples again costs nothing; the raw reply is always kept in the detection.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from langchain_core.language_models import BaseChatModel

from declean.agents import detector as agent
from declean.detect.base import Detection
from declean.models.cache import CachedReply, ModelCache
from declean.models.identity import call_key, model_name
from declean.principles import REGISTRY, PrincipleSpec
from declean.principles.verify import measure


class LLMDetector:
    """Asks ``model`` once per program for a verdict on every measured principle."""

    def __init__(
        self,
        model: BaseChatModel,
        *,
        hybrid: bool = False,
        cache: ModelCache | None = None,
        prompt_file: Path | None = None,
        principles: Sequence[PrincipleSpec] | None = None,
    ) -> None:
        self.model = model
        self.hybrid = hybrid
        self.cache = cache
        self.template = agent.prompt(prompt_file)
        self.specs = list(principles) if principles is not None else _detectable()
        self.name = "hybrid" if hybrid else "llm"

    def detect(self, source: str) -> Detection:
        """Ask (or answer from the cache), then parse; an unreadable reply gives no findings and says why."""
        evidence = measure(source) if self.hybrid else None
        messages = agent.build_messages(source, self.specs, evidence=evidence, template=self.template)
        params: dict[str, Any] = {"temperature": 0.0}
        key = call_key(self.model, params, messages, sample_index=None, slot=f"detect:{self.name}")
        cached = self.cache.get(key) if self.cache is not None else None
        if cached is None:
            answer = self.model.invoke(messages, **params)
            cached = CachedReply(text=answer.text)
            if self.cache is not None:
                self.cache.put(key, cached)
        parsed = agent.parse(cached.text, [spec.name for spec in self.specs])
        return Detection(
            detector=self.name,
            findings=parsed.findings,
            model=model_name(self.model),
            prompt_hash=self.template.short_hash,
            raw_reply=cached.text,
            parse_error=parsed.error,
        )


def _detectable() -> list[PrincipleSpec]:
    """The registered principles a detector judges: all but the compiler's."""
    return [spec for spec in REGISTRY if spec.decided_by != "compiler"]
