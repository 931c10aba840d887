"""Docker-specific behaviour of :class:`DockerSandbox` and of the image builder.

The generic attacks run against this backend through ``make_sandbox`` in ``test_containment.py``; here
are the things only Docker has: the daemon and image checks, the container configuration as the engine
reports it, the exact status reporting of the in-container runner, and container clean-up.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docker
import docker.errors
import pytest

from declean.errors import SandboxError, SandboxImageError, SandboxUnavailableError
from declean.sandbox.base import MIB, Sandbox, SandboxLimits
from declean.sandbox.docker import DEFAULT_IMAGE, DockerSandbox
from declean.sandbox.image import apt_mirror, build_image, image_exists

HELLO = '#include <stdio.h>\nint main(void) { puts("hello, docker"); return 0; }\n'

SEGFAULT = "int main(void) { volatile int *p = 0; *p = 1; return 0; }\n"

ABORT = "#include <stdlib.h>\nint main(void) { abort(); }\n"

SLEEPER = "#include <unistd.h>\nint main(void) { sleep(60); return 0; }\n"

ECHO = r"""
#include <stdio.h>
int main(void) {
    int c;
    while ((c = getchar()) != EOF) {
        putchar(c);
    }
    return 0;
}
"""

PROBE = r"""
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

static void status_field(const char *name) {
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    while (f != NULL && fgets(line, sizeof line, f) != NULL) {
        if (strncmp(line, name, strlen(name)) == 0) {
            printf("%s", line);
        }
    }
    if (f != NULL) {
        fclose(f);
    }
}

int main(void) {
    printf("uid=%d gid=%d euid=%d\n", (int)getuid(), (int)getgid(), (int)geteuid());
    char cwd[256];
    printf("cwd=%s\n", getcwd(cwd, sizeof cwd) ? cwd : "?");
    printf("TMPDIR=%s\n", getenv("TMPDIR") ? getenv("TMPDIR") : "");
    FILE *root = fopen("/declean-probe", "w");
    printf("root_write=%s\n", root ? "ok" : strerror(errno));
    FILE *scratch = fopen("/scratch/probe", "w");
    printf("scratch_write=%s\n", scratch ? "ok" : strerror(errno));
    int s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons(53)};
    inet_pton(AF_INET, "1.1.1.1", &addr.sin_addr);
    int rc = s < 0 ? -1 : connect(s, (struct sockaddr *)&addr, sizeof addr);
    printf("connect=%s\n", rc == 0 ? "ok" : strerror(errno));
    struct rlimit lim;
    getrlimit(RLIMIT_CPU, &lim);
    printf("cpu=%llu:%llu\n", (unsigned long long)lim.rlim_cur, (unsigned long long)lim.rlim_max);
    getrlimit(RLIMIT_NOFILE, &lim);
    printf("nofile=%llu\n", (unsigned long long)lim.rlim_cur);
    getrlimit(RLIMIT_CORE, &lim);
    printf("core=%llu\n", (unsigned long long)lim.rlim_cur);
    getrlimit(RLIMIT_FSIZE, &lim);
    printf("fsize=%llu\n", (unsigned long long)lim.rlim_cur);
    status_field("CapEff");
    status_field("NoNewPrivs");
    return 0;
}
"""


# --- no daemon needed ----------------------------------------------------------------------------------


def test_no_daemon_gives_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """With nothing listening, construction fails fast with what to do, never a raw Docker exception."""
    monkeypatch.setenv("DOCKER_HOST", "unix:///nonexistent/declean-docker.sock")
    started = time.monotonic()
    with pytest.raises(SandboxUnavailableError) as raised:
        DockerSandbox()
    message = str(raised.value)
    assert "no Docker daemon answers" in message
    assert "--sandbox local" in message
    assert "dockerd" in message
    assert time.monotonic() - started < 5


def test_no_daemon_behind_a_given_client() -> None:
    """A client made by the caller that cannot reach its daemon is reported the same way."""
    client = docker.DockerClient(base_url="unix:///nonexistent/declean-docker.sock", version="1.41")
    try:
        with pytest.raises(SandboxUnavailableError, match="--sandbox local"):
            DockerSandbox(client=client)
    finally:
        client.close()


def test_apt_mirror_from_deb822_sources(tmp_path: Path) -> None:
    """The main archive of a ``.sources`` file is chosen; security and other suites are not."""
    (tmp_path / "debian.sources").write_text(
        "Types: deb\n"
        "# http://snapshot.example/archive\n"
        "URIs: http://mirror.example/debian-security\n"
        "Suites: bookworm-security\n"
        "Components: main\n"
        "\n"
        "Types: deb deb-src\n"
        "URIs: http://mirror.example/debian/\n"
        "Suites: bookworm bookworm-updates\n"
        "Components: main\n"
    )
    (tmp_path / "other.sources.disabled").write_text("Types: deb\nURIs: http://wrong/\nSuites: bookworm\n")
    assert apt_mirror(tmp_path / "missing.list", tmp_path) == "http://mirror.example/debian"


def test_apt_mirror_from_one_line_sources(tmp_path: Path) -> None:
    """Classic ``deb [options] URI SUITE COMPONENTS`` lines work; comments and deb-src are skipped."""
    sources = tmp_path / "sources.list"
    sources.write_text(
        "# deb http://commented.example/debian bookworm main\n"
        "deb-src http://src.example/debian bookworm main\n"
        "deb http://security.example/debian-security bookworm-security main\n"
        "deb [arch=amd64 signed-by=/usr/share/keyrings/k.gpg] https://mirror.example/debian bookworm main\n"
    )
    assert apt_mirror(sources, tmp_path / "no-such-dir") == "https://mirror.example/debian"


def test_apt_mirror_none_without_debian_sources(tmp_path: Path) -> None:
    """No usable source: ``None``, so the caller can fall back or ask for ``--mirror``."""
    (tmp_path / "node.list").write_text("deb https://deb.nodesource.com/node_20.x nodistro main\n")
    assert apt_mirror(tmp_path / "missing.list", tmp_path) is None


@pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("debootstrap", path="/usr/sbin:/sbin") is None,
    reason="needs root and debootstrap to get as far as the daemon check",
)
def test_build_image_without_daemon_fails_clearly(monkeypatch: pytest.MonkeyPatch) -> None:
    """No daemon: a :class:`SandboxImageError` saying so, before any debootstrap work."""
    monkeypatch.setenv("DOCKER_HOST", "unix:///nonexistent/declean-docker.sock")
    with pytest.raises(SandboxImageError, match="no Docker daemon answers"):
        build_image("declean-test-never-built:x", log=lambda _message: None)


# --- with a daemon -------------------------------------------------------------------------------------


@pytest.fixture
def client() -> Iterator[Any]:
    """A client of the running daemon; skips when there is none."""
    try:
        made = docker.from_env()
        made.ping()
    except docker.errors.DockerException as error:
        pytest.skip(f"no Docker daemon: {error}")
    yield made
    made.close()


@pytest.fixture
def docker_sandbox(client: Any) -> Iterator[DockerSandbox]:
    """The Docker backend with default limits; skips when the image is missing."""
    if not image_exists(DEFAULT_IMAGE, client):
        pytest.skip(f"image {DEFAULT_IMAGE} missing: run .ci/docker-up.sh")
    with DockerSandbox(client=client) as made:
        yield made


def unique_limits(**overrides: Any) -> SandboxLimits:
    """Run limits with an odd memory size, to find this test's containers among concurrent ones."""
    memory = (200 + int.from_bytes(os.urandom(1), "big")) * MIB
    return SandboxLimits(memory_bytes=memory, **overrides)


def containers_with_memory(client: Any, memory: int) -> list[dict[str, Any]]:
    """Every declean container (running or not) whose memory limit is ``memory``."""
    found = []
    for summary in client.api.containers(all=True, filters={"label": "declean.sandbox"}):
        attrs = client.api.inspect_container(summary["Id"])
        if attrs["HostConfig"]["Memory"] == memory:
            found.append(attrs)
    return found


@pytest.mark.docker
def test_missing_image_gives_a_clear_error(client: Any) -> None:
    """An image that is not there: say how to build it or which image to use instead."""
    with pytest.raises(SandboxUnavailableError) as raised:
        DockerSandbox("declean-no-such-image:never", client=client)
    assert "declean sandbox image" in str(raised.value)
    assert "gcc" in str(raised.value)


@pytest.mark.docker
def test_hello_world(docker_sandbox: DockerSandbox) -> None:
    """Compiles to an ELF binary, runs it, reports the output and the timings."""
    assert isinstance(docker_sandbox, Sandbox) and docker_sandbox.name == "docker"
    compiled = docker_sandbox.compile(HELLO)
    assert compiled.ok, compiled.failure_reason()
    assert compiled.program is not None and compiled.program.binary.startswith(b"\x7fELF")
    assert compiled.stdout == "" and compiled.diagnostics == []
    run = docker_sandbox.run(compiled.program)
    assert (run.exit_code, run.signal, run.stdout, run.stderr) == (0, None, "hello, docker\n", "")
    assert run.ok and 0 < run.wall_seconds < 5 and run.cpu_seconds >= 0


@pytest.mark.docker
def test_compile_errors_are_parsed(docker_sandbox: DockerSandbox) -> None:
    """gcc's errors come back parsed, with the raw text, and no program."""
    result = docker_sandbox.compile("int main(void) {\n    return missing;\n}\n")
    assert not result.ok and result.program is None
    assert result.exit_code == 1
    assert [(d.line, d.severity) for d in result.errors] == [(2, "error")]
    assert "missing" in result.errors[0].message and "main.c:2:" in result.stderr


@pytest.mark.docker
def test_link_error_is_parsed(docker_sandbox: DockerSandbox) -> None:
    """A linker error has no line but is still an error diagnostic."""
    result = docker_sandbox.compile("void nowhere(void);\nint main(void) { nowhere(); return 0; }\n")
    assert not result.ok and result.program is None and result.errors
    assert "undefined reference to `nowhere'" in result.stderr


@pytest.mark.docker
@pytest.mark.parametrize(("source", "signal"), [(SEGFAULT, 11), (ABORT, 6)], ids=["SIGSEGV", "SIGABRT"])
def test_crash_is_reported_as_a_signal(docker_sandbox: DockerSandbox, source: str, signal: int) -> None:
    """The program is not PID 1, so it dies of its signal; no shell chatter reaches its stderr."""
    compiled = docker_sandbox.compile(source)
    assert compiled.program is not None
    run = docker_sandbox.run(compiled.program)
    assert (run.exit_code, run.signal) == (None, signal)
    assert run.stderr == ""


@pytest.mark.docker
def test_lockdown_seen_from_inside(client: Any) -> None:
    """uid 65534, read-only root, writable scratch, no network, no capabilities, the rlimits."""
    limits = SandboxLimits(cpu_seconds=3, open_files=40, file_size_bytes=2 * MIB)
    with DockerSandbox(client=client, run_limits=limits) as sandbox:
        compiled = sandbox.compile(PROBE)
        assert compiled.program is not None, compiled.stderr
        run = sandbox.run(compiled.program)
    assert run.ok, run.failure_reason()
    lines = dict(
        line.split("=", 1) if "=" in line else line.split(":", 1) for line in run.stdout.splitlines()
    )
    facts = {key.strip(): value.strip() for key, value in lines.items()}
    assert facts["uid"] == "65534 gid" or run.stdout.startswith("uid=65534 gid=65534 euid=65534")
    assert facts["cwd"] == "/scratch" and facts["TMPDIR"] == "/scratch"
    assert facts["root_write"] == "Read-only file system"
    assert facts["scratch_write"] == "ok"
    assert facts["connect"] in ("Network is unreachable", "Network unreachable")
    assert facts["cpu"] == "3:4" and facts["nofile"] == "40" and facts["core"] == "0"
    assert facts["fsize"] == str(2 * MIB)
    assert facts["CapEff"] == "0000000000000000" and facts["NoNewPrivs"] == "1"


@pytest.mark.docker
def test_container_configuration_seen_by_the_engine(client: Any) -> None:
    """Inspect a running container from outside: every lock-down option is what the limits say."""
    limits = unique_limits(processes=20, scratch_bytes=8 * MIB, wall_seconds=20)
    with DockerSandbox(client=client, run_limits=limits) as sandbox:
        compiled = sandbox.compile(SLEEPER)
        assert compiled.program is not None
        running = threading.Thread(target=sandbox.run, args=(compiled.program,))
        running.start()
        try:
            attrs = _wait_for_container(client, limits.memory_bytes)
        finally:
            for found in containers_with_memory(client, limits.memory_bytes):
                client.api.kill(found["Id"])
            running.join(timeout=30)
    host, config = attrs["HostConfig"], attrs["Config"]
    assert host["NetworkMode"] == "none" and config.get("NetworkDisabled") is True
    assert host["ReadonlyRootfs"] is True and host["CapDrop"] == ["ALL"]
    assert host["SecurityOpt"] == ["no-new-privileges"]
    assert host["MemorySwap"] == host["Memory"] == limits.memory_bytes
    assert host["PidsLimit"] == limits.processes + 1
    assert host["LogConfig"]["Type"] == "none"
    assert config["User"] == "65534:65534" and config["WorkingDir"] == "/scratch"
    assert "TMPDIR=/scratch" in config["Env"]
    assert host["Tmpfs"]["/scratch"].startswith(f"size={8 * MIB},") and "exec" in host["Tmpfs"]["/scratch"]
    assert "mode=0700" in host["Tmpfs"]["/tmp"]
    ulimits = {u["Name"]: (u["Soft"], u["Hard"]) for u in host["Ulimits"]}
    assert ulimits == {
        "cpu": (limits.cpu_seconds, limits.cpu_seconds + 1),
        "fsize": (limits.file_size_bytes, limits.file_size_bytes),
        "nofile": (limits.open_files, limits.open_files),
        "core": (0, 0),
    }


def _wait_for_container(client: Any, memory: int) -> dict[str, Any]:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        found = containers_with_memory(client, memory)
        if found and found[0]["State"]["Running"]:
            return found[0]
        time.sleep(0.05)
    raise AssertionError("the sandbox container never showed up")


@pytest.mark.docker
def test_containers_are_removed_even_after_a_timeout(client: Any) -> None:
    """After normal runs and a killed one, no container of this sandbox is left behind."""
    limits = unique_limits(wall_seconds=1.5)
    with DockerSandbox(client=client, run_limits=limits) as sandbox:
        result = sandbox.compile_and_run(SLEEPER, [""])
        hello = sandbox.compile_and_run(HELLO, ["", ""])
    assert result.runs[0].timed_out and result.runs[0].exit_code is None
    assert 1.5 <= result.runs[0].wall_seconds < 8
    assert hello.ok
    assert containers_with_memory(client, limits.memory_bytes) == []


@pytest.mark.docker
def test_exit_statuses_are_exact(docker_sandbox: DockerSandbox) -> None:
    """``exit(n)`` for n above 128 stays an exit status; a real kill is a signal."""
    source = '#include <stdlib.h>\n#include <stdio.h>\nint main(void){int n; scanf("%d",&n); exit(n);}\n'
    result = docker_sandbox.compile_and_run(source, ["0", "7", "137", "255"])
    assert [(r.exit_code, r.signal) for r in result.runs] == [(0, None), (7, None), (137, None), (255, None)]


@pytest.mark.docker
def test_large_stdin_and_output_do_not_deadlock(client: Any) -> None:
    """A program that writes while we still send its input: both flow, nothing is lost."""
    limits = SandboxLimits(output_bytes=4 * MIB)
    payload = "".join(f"line {i}\n" for i in range(200_000))
    with DockerSandbox(client=client, run_limits=limits) as sandbox:
        result = sandbox.compile_and_run(ECHO, [payload])
    run = result.runs[0]
    assert run.ok, run.failure_reason()
    assert run.stdout == payload


@pytest.mark.docker
def test_stderr_at_the_cap_keeps_the_status(client: Any) -> None:
    """The runner's status line does not count against the program's stderr cap."""
    cap = 4096
    source = (
        "#include <stdio.h>\n#include <string.h>\n"
        f"int main(void) {{ char b[{cap}]; memset(b, 'E', sizeof b); fwrite(b, 1, sizeof b, stderr); "
        "return 3; }\n"
    )
    with DockerSandbox(client=client, run_limits=SandboxLimits(output_bytes=cap)) as sandbox:
        result = sandbox.compile_and_run(source, [""])
    run = result.runs[0]
    assert (run.exit_code, run.output_limit_exceeded, run.stderr_truncated) == (3, False, False)
    assert run.stderr == "E" * cap


@pytest.mark.docker
def test_closed_sandbox_refuses_work(client: Any) -> None:
    """After ``close`` (idempotent) the sandbox raises instead of touching a closed client."""
    if not image_exists(DEFAULT_IMAGE, client):
        pytest.skip(f"image {DEFAULT_IMAGE} missing")
    sandbox = DockerSandbox(client=client)
    sandbox.close()
    sandbox.close()
    with pytest.raises(SandboxError, match="closed"):
        sandbox.compile(HELLO)
    client.ping()
