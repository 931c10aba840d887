"""Choosing a backend by name."""

from __future__ import annotations

from contextlib import closing

import pytest

from declean.errors import ConfigurationError
from declean.sandbox import get_sandbox
from declean.sandbox.local import LocalSandbox


def test_local_by_name() -> None:
    with closing(get_sandbox("local")) as sandbox:
        assert isinstance(sandbox, LocalSandbox)


def test_unknown_backend_is_refused() -> None:
    with pytest.raises(ConfigurationError, match="auto, local or docker"):
        get_sandbox("firecracker")


def test_auto_falls_back_to_local_when_docker_cannot_serve(monkeypatch: pytest.MonkeyPatch) -> None:
    """With no daemon reachable at DOCKER_HOST, auto picks the local backend instead of failing."""
    monkeypatch.setenv("DOCKER_HOST", "unix:///nonexistent/declean-docker.sock")
    sandbox = get_sandbox("auto")
    assert sandbox.name == "local"
