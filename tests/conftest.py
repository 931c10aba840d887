"""Shared fixtures: real sandboxes, never mocks.

``make_sandbox`` and ``sandbox`` are parametrised over every backend: the local (bubblewrap) one always
runs; the Docker one skips with the reason when no daemon answers or the gcc image is missing, except
where ``DECLEAN_REQUIRE_DOCKER=1`` (CI sets it): there a missing engine fails the test instead.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import structlog

from declean.errors import SandboxUnavailableError
from declean.sandbox.base import Sandbox, SandboxLimits
from declean.sandbox.local import LocalSandbox
from declean.testing import ScriptedChatModel
from tests.corpus_run import respond
from tests.fake_openai_server import FakeServer, fake_openai_server

SandboxFactory = Callable[..., Sandbox]
"""``make_sandbox(run_limits=..., compile_limits=...)`` -> a backend built with those limits."""


def _make_local(**limits: SandboxLimits) -> Sandbox:
    return LocalSandbox(**limits)


def _make_docker(**limits: SandboxLimits) -> Sandbox:
    from declean.sandbox.docker import DockerSandbox

    try:
        return DockerSandbox(**limits)
    except SandboxUnavailableError as error:
        if os.environ.get("DECLEAN_REQUIRE_DOCKER") == "1":
            pytest.fail(f"DECLEAN_REQUIRE_DOCKER=1 but the Docker backend is unavailable: {error}")
        pytest.skip(f"Docker backend unavailable: {error}")


@pytest.fixture(scope="session")
def local_sandbox() -> Iterator[LocalSandbox]:
    """One bubblewrap sandbox with default limits, shared by the tests that only use it."""
    with LocalSandbox() as sandbox:
        yield sandbox


_FACTORIES: dict[str, Callable[..., Sandbox]] = {"local": _make_local, "docker": _make_docker}


@pytest.fixture(params=["local", pytest.param("docker", marks=pytest.mark.docker)])
def make_sandbox(request: pytest.FixtureRequest) -> Iterator[SandboxFactory]:
    """A factory for the parametrised backend; every sandbox it made is closed after the test."""
    made: list[Sandbox] = []
    factory = _FACTORIES[request.param]

    def make(**limits: SandboxLimits) -> Sandbox:
        sandbox = factory(**limits)
        made.append(sandbox)
        return sandbox

    yield make
    for sandbox in made:
        sandbox.close()


@pytest.fixture
def sandbox(make_sandbox: SandboxFactory) -> Sandbox:
    """The parametrised backend with default limits."""
    return make_sandbox()


Script = list[tuple[str, "str | Exception"]]
"""(marker the prompt must contain, reply text or an exception to raise) per expected model call."""


@pytest.fixture
def scripted() -> Iterator[Callable[[Script], ScriptedChatModel]]:
    """Builds scripted models and fails the test on any unexpected call or unused script entry."""
    made: list[ScriptedChatModel] = []

    def make(script: Script) -> ScriptedChatModel:
        made.append(ScriptedChatModel(script=list(script)))
        return made[-1]

    yield make
    problems = [problem for model in made for problem in model.check_finished()]
    assert not problems, problems


POSTGRES_URL_FILE = Path("/tmp/declean-postgres.url")
"""Where .ci/postgres-up.sh writes the URL of the server it started."""


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """The URL of a real PostgreSQL server: ``DECLEAN_TEST_POSTGRES_URL``, else the file postgres-up.sh wrote.

    Without either the test skips, except where ``DECLEAN_REQUIRE_POSTGRES=1``: there it fails.
    """
    url = os.environ.get("DECLEAN_TEST_POSTGRES_URL", "").strip()
    if not url and POSTGRES_URL_FILE.is_file():
        url = POSTGRES_URL_FILE.read_text().strip()
    if url:
        return url
    if os.environ.get("DECLEAN_REQUIRE_POSTGRES") == "1":
        pytest.fail(
            "DECLEAN_REQUIRE_POSTGRES=1 but no PostgreSQL server: run .ci/postgres-up.sh "
            f"or set DECLEAN_TEST_POSTGRES_URL ({POSTGRES_URL_FILE} is missing)"
        )
    pytest.skip("no PostgreSQL server: run .ci/postgres-up.sh or set DECLEAN_TEST_POSTGRES_URL")


RAY_ADDRESS_FILE = Path("/tmp/declean-ray.address")
"""Where .ci/ray-up.sh writes the address of the cluster it started."""


@pytest.fixture(scope="session")
def ray_address() -> str:
    """The address of a real Ray cluster of at least two nodes: ``DECLEAN_TEST_RAY_ADDRESS``, else the file
    ray-up.sh wrote. Without either (or without Ray installed) the test skips, except where
    ``DECLEAN_REQUIRE_RAY=1``: there it fails."""
    address = os.environ.get("DECLEAN_TEST_RAY_ADDRESS", "").strip()
    if not address and RAY_ADDRESS_FILE.is_file():
        address = RAY_ADDRESS_FILE.read_text().strip()
    missing = ""
    try:
        import ray  # noqa: F401
    except ImportError:
        missing = "Ray is not installed (pip install 'declean[cluster]')"
    if not address:
        missing = (
            missing
            or f"no Ray cluster: run .ci/ray-up.sh or set DECLEAN_TEST_RAY_ADDRESS ({RAY_ADDRESS_FILE})"
        )
    if not missing:
        return address
    if os.environ.get("DECLEAN_REQUIRE_RAY") == "1":
        pytest.fail(f"DECLEAN_REQUIRE_RAY=1 but {missing}")
    pytest.skip(missing)


@pytest.fixture
def offline_datasets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """``datasets.load_dataset`` reads local files only and caches under the test's directory."""
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    yield


@pytest.fixture(autouse=True)
def fresh_logging() -> Iterator[None]:
    """``declean``'s CLI callback configures structlog to print to the ``sys.stderr`` of the moment; under
    ``CliRunner`` that stream is closed after the command, so later tests would log into a closed file."""
    yield
    structlog.reset_defaults()


@pytest.fixture(scope="module")
def corpus_server() -> Iterator[FakeServer]:
    """A fake OpenAI server on loopback answering as the deterministic corpus model (one per module)."""
    with fake_openai_server(respond) as running:
        yield running
