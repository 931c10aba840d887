"""``run.json``: which run an output directory holds, so ``--resume`` continues exactly that run."""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from declean.errors import ConfigurationError
from declean.problems import Problem

MANIFEST_FILE = "run.json"


class RunManifest(BaseModel):
    """The run's identity: its id, its problems, and the settings that decide its results."""

    model_config = ConfigDict(use_attribute_docstrings=True)

    run_id: str
    created: float
    """Unix time the run first started."""
    problems_sha256: str
    """Fingerprint of the problems (ids, statements, stdin, solutions): a resume must use the same."""
    problem_count: int
    settings: dict[str, Any]
    """What a resumed run must repeat: models, sandbox, principles, strategies, limits, policies."""

    @classmethod
    def load(cls, out_dir: Path) -> RunManifest | None:
        """The manifest in ``out_dir``; ``None`` when there is none."""
        path = out_dir / MANIFEST_FILE
        if not path.exists():
            return None
        try:
            return cls.model_validate_json(path.read_text(encoding="utf-8"))
        except ValueError as error:
            raise ConfigurationError(f"{path} is not a declean run manifest: {error}") from error

    def save(self, out_dir: Path) -> None:
        """Write atomically: a crash leaves the old manifest or the new one, never half of one."""
        out_dir.mkdir(parents=True, exist_ok=True)
        partial = out_dir / f".{MANIFEST_FILE}.partial"
        with partial.open("w", encoding="utf-8") as handle:
            handle.write(self.model_dump_json(indent=2) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        partial.replace(out_dir / MANIFEST_FILE)

    def differences(self, problems: Sequence[Problem], settings: Mapping[str, Any]) -> list[str]:
        """How ``problems`` and ``settings`` differ from what this run was started with."""
        found = []
        if fingerprint(problems) != self.problems_sha256:
            found.append(f"the problems changed ({self.problem_count} then, {len(problems)} now)")
        for key in sorted(set(self.settings) | set(settings)):
            before, now = self.settings.get(key), _plain(settings.get(key))
            if before != now:
                found.append(f"{key}: {before!r} then, {now!r} now")
        return found

    @classmethod
    def new(cls, run_id: str, problems: Sequence[Problem], settings: Mapping[str, Any]) -> RunManifest:
        """The manifest of a run starting now."""
        return cls(
            run_id=run_id,
            created=time.time(),
            problems_sha256=fingerprint(problems),
            problem_count=len(problems),
            settings=_plain(dict(settings)),
        )


def fingerprint(problems: Sequence[Problem]) -> str:
    """A hash of the problems' content, in order."""
    payload = json.dumps([problem.model_dump(mode="json") for problem in problems], sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()


def _plain(value: Any) -> Any:
    """Settings as they read back from JSON (tuples become lists), so a comparison is fair."""
    return json.loads(json.dumps(value, default=str))
