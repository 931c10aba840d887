"""The detection agent: a program (and, for the hybrid detector, the static evidence) in, labels out.

``build_messages`` and ``parse`` are pure; the model call between them is the detector's
(:mod:`declean.detect.llm`). The reply is read as JSON first and, failing that, as labelled lines
(``MC: yes - the rate 0.21 is bare``), since a small model does not always keep to JSON; what cannot be
read is reported, and the raw reply is kept by the caller.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from langchain_core.messages import BaseMessage

from declean.detect.base import Finding, Location
from declean.principles.base import Evidence, PrincipleSpec
from declean.prompts import PromptTemplate, load_prompt, load_prompt_file

PROMPT_NAME = "detect"
_YES = frozenset({"yes", "true", "violated", "y", "1"})
_NO = frozenset({"no", "false", "not violated", "n", "0", "clean", "ok"})


@dataclass(frozen=True)
class ParsedDetection:
    """What could be read from a reply."""

    findings: list[Finding] = field(default_factory=list)
    decided: list[str] = field(default_factory=list)
    """Principles the reply gave a verdict on (violated or not)."""
    error: str | None = None
    """What could not be read, if anything."""


def prompt(path: Path | None = None) -> PromptTemplate:
    """The packaged detection prompt, or one's own file in the same ``[system]``/``[user]`` format (its
    placeholders: ``$definitions``, ``$code``, ``$evidence``, ``$names``)."""
    return load_prompt(PROMPT_NAME) if path is None else load_prompt_file(path)


def build_messages(
    source: str,
    specs: Sequence[PrincipleSpec],
    *,
    evidence: Evidence | None = None,
    template: PromptTemplate | None = None,
) -> list[BaseMessage]:
    """The definitions from the registry, the numbered program, and (hybrid) the static evidence."""
    definitions = "\n".join(
        f"- {spec.name} ({spec.title}): {' '.join(spec.definition.split())}" for spec in specs
    )
    numbered = "\n".join(f"{number:>3} | {line}" for number, line in enumerate(source.splitlines(), start=1))
    return (template or prompt()).render(
        definitions=definitions,
        code=numbered,
        evidence=_evidence_text(evidence, specs) if evidence is not None else "",
        names=", ".join(spec.name for spec in specs),
    )


def parse(reply: str, labels: Sequence[str]) -> ParsedDetection:
    """Findings for ``labels`` from a JSON reply, else from labelled lines; never raises."""
    parsed = _from_json(reply, labels)
    if parsed is not None:
        return parsed
    parsed = _from_lines(reply, labels)
    if parsed.decided:
        return parsed
    return ParsedDetection(error="the reply holds neither a JSON verdict nor a labelled line per principle")


def _evidence_text(evidence: Evidence, specs: Sequence[PrincipleSpec]) -> str:
    lines = ["Static analysis of this program (exact counts; the judgement is yours):"]
    for spec in specs:
        measured = evidence.measures.get(spec.name)
        if measured is None:
            continue
        verdict = "flags a violation" if measured.violated else "finds no violation"
        examples = f" (e.g. {'; '.join(measured.examples[:3])})" if measured.examples else ""
        lines.append(f"- {spec.name}: the measure {verdict}: {measured.summary}{examples}")
    return "\n".join(lines) + "\n"


def _from_json(reply: str, labels: Sequence[str]) -> ParsedDetection | None:
    start, end = reply.find("{"), reply.rfind("}")
    if start == -1 or end <= start:
        return None
    try:
        document = json.loads(reply[start : end + 1])
    except json.JSONDecodeError:
        return None
    if not isinstance(document, dict):
        return None
    by_name = {str(key).strip().upper(): value for key, value in document.items()}
    findings, decided, missing = [], [], []
    for label in labels:
        entry = by_name.get(label.upper())
        violated = _verdict(entry.get("violated") if isinstance(entry, dict) else entry)
        if violated is None:
            missing.append(label)
            continue
        decided.append(label)
        if violated and isinstance(entry, dict):
            findings.append(_finding(label, entry))
        elif violated:
            findings.append(Finding(label=label, explanation=""))
    error = f"no verdict for {', '.join(missing)}" if missing else None
    return ParsedDetection(findings=findings, decided=decided, error=error) if decided else None


def _finding(label: str, entry: dict[str, Any]) -> Finding:
    explanation = str(entry.get("explanation") or "").strip()
    function = entry.get("function")
    lines = entry.get("lines")
    locations = []
    if isinstance(lines, list) and lines and all(isinstance(line, int) and line > 0 for line in lines):
        locations.append(
            Location(
                function=str(function) if isinstance(function, str) and function else None,
                start_line=min(lines),
                end_line=max(lines),
            )
        )
    return Finding(label=label, explanation=explanation, locations=locations)


def _from_lines(reply: str, labels: Sequence[str]) -> ParsedDetection:
    findings, decided = [], []
    for label in labels:
        pattern = rf"^\W*{re.escape(label)}\W*[:\-=]\s*(not violated|violated|yes|no|true|false)\b\W*(.*)$"
        match = re.search(pattern, reply, flags=re.IGNORECASE | re.MULTILINE)
        if match is None:
            continue
        decided.append(label)
        if _verdict(match.group(1)):
            findings.append(Finding(label=label, explanation=match.group(2).strip()))
    missing = [label for label in labels if label not in decided]
    return ParsedDetection(
        findings=findings, decided=decided, error=f"no verdict for {', '.join(missing)}" if missing else None
    )


def _verdict(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _YES:
            return True
        if word in _NO:
            return False
    return None
