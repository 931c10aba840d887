"""The flags of ``declean run`` that shape the graph's work, validated before any model or server starts."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from declean.errors import ConfigurationError
from declean.graphs.fix_policy import FixPolicy
from declean.samples import JudgePolicy, LabelPlan, OnCollateral, OnRejection, OnUnclean, Strategy


class RunOptions(BaseModel):
    """The flags that shape the graph's work, validated before any model or server starts."""

    model_config = ConfigDict(frozen=True)

    principles: list[str]
    samples: int
    temperature: float | None
    max_fix_attempts: int
    fix_policy: FixPolicy
    judge: JudgePolicy
    on_rejection: OnRejection
    strategy: Strategy
    level: Literal[1, 2, 3]
    verify: bool
    on_collateral: OnCollateral
    on_unclean: OnUnclean
    label_plan: LabelPlan
    adequacy_check: bool
    sanitize: bool
    bug_warnings: bool
    trace_dir: Path
    concurrency: int
    retries: int
    sandbox_backend: Literal["auto", "local", "docker"]
    progress: Literal["auto", "rich", "plain", "off"]

    @field_validator("principles")
    @classmethod
    def _known_and_applicable(cls, principles: list[str]) -> list[str]:
        from declean.principles import REGISTRY

        if not principles:
            raise ValueError("name at least one principle")
        specs = REGISTRY.resolve(principles)
        cannot = [spec.name for spec in specs if not spec.can_declean]
        if cannot:
            raise ValueError(f"{', '.join(cannot)} cannot be a de-clean step")
        if len(set(principles)) != len(principles):
            raise ValueError(f"{','.join(principles)} repeats a principle")
        return principles

    @classmethod
    def from_flags(cls, **flags: Any) -> RunOptions:
        """The options, or one :class:`ConfigurationError` naming every bad flag."""
        try:
            return cls(**flags)
        except ValidationError as error:
            problems = "; ".join(f"--{_flag(e['loc'][0])}: {_plain(e['msg'])}" for e in error.errors())
            raise ConfigurationError(problems) from None


def _flag(field: object) -> str:
    """The command-line flag of an option field."""
    return {"sandbox_backend": "sandbox", "samples": "samples"}.get(str(field), str(field).replace("_", "-"))


def _plain(message: str) -> str:
    """Pydantic's message without its ``Value error, `` prefix."""
    return message.removeprefix("Value error, ")
