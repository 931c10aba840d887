"""Provider resolution and its errors, without any model server (the embedded one has its own test)."""

from __future__ import annotations

import contextlib
import hashlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from declean.errors import ProviderError
from declean.models.embedded import ModelSpec, model_path
from declean.models.llama_server import LlamaServer
from declean.models.providers import resolve_models
from declean.settings import Settings
from tests.fake_openai_server import fake_openai_server


@pytest.fixture
def chunk_packages(tmp_path: Path) -> Iterator[tuple[Path, bytes]]:
    """Three importable chunk packages ``fakechunk_part1..3`` holding known bytes."""
    content = b"".join(bytes([index]) * 1000 for index in range(1, 4))
    for index in range(1, 4):
        package = tmp_path / "site" / f"fakechunk_part{index}"
        (package / "data").mkdir(parents=True)
        (package / "__init__.py").write_text("")
        (package / "data" / f"part{index:02d}.bin").write_bytes(bytes([index]) * 1000)
    sys.path.insert(0, str(tmp_path / "site"))
    try:
        yield tmp_path / "cache", content
    finally:
        sys.path.remove(str(tmp_path / "site"))
        for index in range(1, 4):
            sys.modules.pop(f"fakechunk_part{index}", None)


def spec_for(content: bytes, *, sha256: str | None = None, parts: int = 3) -> ModelSpec:
    return ModelSpec(
        name="fake",
        file_name="fake.gguf",
        package_pattern="fakechunk_part{index}",
        chunk_pattern="data/part{index:02d}.bin",
        parts=parts,
        size=len(content),
        sha256=sha256 or hashlib.sha256(content).hexdigest(),
    )


def test_chunks_are_assembled_verified_and_reused(chunk_packages: tuple[Path, bytes]) -> None:
    cache, content = chunk_packages
    assembled = model_path(spec_for(content), cache)
    assert assembled.read_bytes() == content
    stamp_before = assembled.stat().st_mtime_ns
    assert model_path(spec_for(content), cache) == assembled
    assert assembled.stat().st_mtime_ns == stamp_before, "a verified file is not assembled again"


def test_a_hash_mismatch_is_refused_and_leaves_nothing(chunk_packages: tuple[Path, bytes]) -> None:
    cache, content = chunk_packages
    with pytest.raises(ProviderError, match="does not match the published one"):
        model_path(spec_for(content, sha256="0" * 64), cache)
    assert list((cache / "models").iterdir()) == []


def test_a_missing_chunk_package_says_how_to_install(chunk_packages: tuple[Path, bytes]) -> None:
    cache, content = chunk_packages
    with pytest.raises(ProviderError, match=r"fakechunk_part4 is not installed.*declean\[local\]"):
        model_path(spec_for(content, parts=4), cache)


def test_missing_llama_cpp_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ProviderError, match="llama-cpp-python is not installed"):
        LlamaServer(tmp_path / "model.gguf", server_module="declean_no_such_server.server")


def test_openai_without_a_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("DECLEAN_API_KEY", raising=False)
    with pytest.raises(ProviderError, match="OPENAI_API_KEY"):
        resolve_models(Settings(provider="openai").models())


def test_openai_with_a_key_and_per_role_models(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-not-a-real-key-000000")
    with resolve_models(Settings(provider="openai", role_models={"judge": "gpt-4o"}).models()) as models:
        assert models.llm.model_name == "gpt-4o-mini"  # type: ignore[attr-defined]
        assert models.llms["judge"].model_name == "gpt-4o"  # type: ignore[attr-defined]
        assert "sk-test" not in models.description


def test_compatible_server_must_answer_before_work_starts() -> None:
    with pytest.raises(ProviderError, match="no OpenAI-compatible server answers"):
        resolve_models(
            Settings(provider="openai-compatible", base_url="http://127.0.0.1:9/v1", model="m").models()
        )


def test_compatible_server_that_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    with fake_openai_server(lambda messages: "hi") as server:
        settings = Settings(provider="openai-compatible", base_url=server.base_url, model="fake-coder")
        with resolve_models(settings.models()) as models:
            assert models.llm.invoke("hello").content == "hi"
        assert server.requests[-1].body["max_tokens"] == 2048


def test_a_base_url_alone_selects_the_compatible_provider(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DECLEAN_BASE_URL", "http://127.0.0.1:8080/v1")
    assert Settings().provider == "openai-compatible"
    monkeypatch.setenv("DECLEAN_PROVIDER", "local")
    assert Settings().provider == "local"


def _wait_gone(pid: int, seconds: float) -> bool:
    """The process ended within ``seconds`` (a zombie nobody reaped yet has ended too)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError):
            return True
        if state in ("Z", "X"):
            return True
        time.sleep(0.05)
    return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_a_server_started_through_the_guard_dies_when_declean_is_killed(tmp_path: Path) -> None:
    """``atexit`` never runs on SIGKILL; the kernel still ends the guarded child (the embedded model's
    server is started this way). An unguarded one (pid 0) outlives its parent, as before."""
    (tmp_path / "sleeper.py").write_text("import time\ntime.sleep(120)\n")
    parent_code = (
        "import os, subprocess, sys, time\n"
        "guard = sys.argv[1]\n"
        "child = subprocess.Popen([sys.executable, '-m', 'declean.models.child_guard',\n"
        "    str(os.getpid()) if guard == 'on' else '0', 'sleeper'])\n"
        "print(child.pid, flush=True)\n"
        "time.sleep(120)\n"
    )
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), *sys.path])}
    for guard, dies in (("on", True), ("off", False)):
        parent = subprocess.Popen(
            [sys.executable, "-c", parent_code, guard], stdout=subprocess.PIPE, env=environment, text=True
        )
        assert parent.stdout is not None
        child_pid = int(parent.stdout.readline())
        try:
            assert not _wait_gone(child_pid, 0.5), "the child should run while its parent does"
            parent.kill()
            parent.wait()
            assert _wait_gone(child_pid, 20.0 if dies else 1.0) is dies
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.kill(child_pid, signal.SIGKILL)
