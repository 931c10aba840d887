"""The containment suite: bounded attacks against every sandbox backend, each with a positive control.

Each attack is first run on the bare host (host gcc + subprocess, in a temporary directory) by a
module-scoped fixture that asserts the attack really does its harm there: that is the positive control,
and the sandboxed test depends on it, so a test cannot pass with an attack that would not have worked
anyway. The sandboxed outcome is then checked from outside the sandbox wherever it can be (process scan
of the host's ``/proc``, listener logs, files and free space on the host, canary files), not only from
the result object.

The attack programs live in ``containment_programs.py``; every one of them is bounded by itself.
"""

from __future__ import annotations

import re
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from declean.sandbox.base import MIB, Sandbox, SandboxLimits
from declean.sandbox.results import CompileAndRunResult, CompiledProgram, RunResult
from tests.conftest import SandboxFactory
from tests.containment_programs import (
    CPU_LOOP,
    ECHO,
    FILE_PROBE,
    FILE_WRITER,
    FORK_BOMB,
    HELLO,
    MALLOC_BOMB,
    NETWORK_CLIENT,
    OUTPUT_FLOOD,
    SEGFAULT,
    SETSID_ORPHAN,
    SLEEP_FOREVER,
    ConnectionLog,
    HostRun,
    exit_with,
    host_compile,
    host_count_output,
    host_gcc,
    host_run,
    incbin_source,
    include_source,
    kill_processes_named,
    new_secret,
    new_token,
    summing_worker,
    survivors_after,
    wait_for_processes_named,
)

GIB = 1024 * MIB


# --- helpers -------------------------------------------------------------------------------------------


def compile_ok(sandbox: Sandbox, source: str) -> CompiledProgram:
    """Compile in the sandbox and insist it worked (the attacks are valid C)."""
    result = sandbox.compile(source)
    assert result.ok and result.program is not None, (
        f"compile failed: {result.failure_reason()}\n{result.stderr}"
    )
    return result.program


def timed_run(sandbox: Sandbox, program: CompiledProgram, stdin: str) -> tuple[RunResult, float]:
    """Run and measure the wall-clock time from outside the sandbox."""
    started = time.monotonic()
    result = sandbox.run(program, stdin)
    return result, time.monotonic() - started


def assert_no_survivors(token: str) -> None:
    """No process of the attack (every one carries the token as its name) is alive on the host."""
    survivors = survivors_after(token)
    if survivors:
        kill_processes_named(token)
    assert survivors == [], f"processes of the sandboxed program survived the run: pids {survivors}"


def last_int(pattern: str, text: str) -> int | None:
    """The integer captured by ``pattern`` in its last match in ``text``."""
    found = re.findall(pattern, text)
    return int(found[-1]) if found else None


@pytest.fixture
def token() -> Iterator[str]:
    """A fresh process name for one sandboxed attack; whatever still carries it afterwards is killed, so a
    failing test cannot leave its processes running."""
    name = new_token()
    yield name
    kill_processes_named(name)


@pytest.fixture(scope="module")
def host_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A scratch directory on the host for the positive controls."""
    return tmp_path_factory.mktemp("host-controls")


# --- basic behaviour -----------------------------------------------------------------------------------


def test_hello_world(sandbox: Sandbox) -> None:
    """A trivial program compiles, runs and its stdout comes back exactly, with exit status 0."""
    result = sandbox.compile_and_run(HELLO, [""])
    assert result.ok, result.failure_reason()
    assert [run.stdout for run in result.runs] == ["Hello, world!\n"]
    assert result.runs[0].exit_code == 0 and result.runs[0].signal is None


def test_stdin_echo_over_several_cases(sandbox: Sandbox) -> None:
    """One compile, one run per stdin case, in order; each run sees exactly its own stdin."""
    cases = ["", "one line\n", "a\nb\nc\n", "no trailing newline", "héllo ✓\n", "x" * 100_000]
    result = sandbox.compile_and_run(ECHO, cases)
    assert result.ok, result.failure_reason()
    assert [run.stdout for run in result.runs] == cases


def test_compile_error_diagnostics(sandbox: Sandbox) -> None:
    """A compile error gives no program and no runs, parsed diagnostics with line/column/severity, and
    the raw gcc text."""
    source = (
        "#include <stdio.h>\n"
        "\n"
        "int main(void) {\n"
        "    int unused_here;\n"
        "    int x = undeclared_thing + 1;\n"
        "    return x;\n"
        "}\n"
    )
    result = sandbox.compile_and_run(source, ["ignored\n"])
    assert not result.ok and result.runs == []
    compiled = result.compile
    assert compiled.program is None
    errors = compiled.errors
    assert len(errors) >= 1
    assert (errors[0].line, errors[0].column, errors[0].severity) == (5, 13, "error")
    assert "undeclared_thing" in errors[0].message
    warnings = [d for d in compiled.diagnostics if d.severity == "warning"]
    assert any(d.line == 4 and "unused_here" in d.message for d in warnings), compiled.diagnostics
    assert "undeclared_thing" in compiled.stderr and "error:" in compiled.stderr
    reason = compiled.failure_reason()
    assert reason is not None and "line 5" in reason


@pytest.mark.parametrize("code", [1, 3, 42, 255])
def test_nonzero_exit_code_is_reported(sandbox: Sandbox, code: int) -> None:
    """A program's own non-zero exit status comes back as ``exit_code``, not as a signal."""
    result = sandbox.compile_and_run(exit_with(code), [""])
    run = result.runs[0]
    assert (run.exit_code, run.signal, run.timed_out) == (code, None, False)
    assert run.stdout == "exiting\n"
    assert not run.ok and run.failure_reason() == f"exited with status {code}"


def test_exit_status_above_128_is_not_mistaken_for_a_signal(sandbox: Sandbox) -> None:
    """``exit(139)`` is the program's own status, not a SIGSEGV: the backend must tell them apart.

    bubblewrap reports death by signal ``n`` as exit ``128 + n``, so the local backend cannot tell them
    apart yet: the test pins that documented ambiguity and fails the day it is resolved.
    """
    run = sandbox.compile_and_run(exit_with(139), [""]).runs[0]
    if sandbox.name == "local":
        assert (run.exit_code, run.signal) == (None, 11)
        return
    assert (run.exit_code, run.signal) == (139, None)


# --- CPU -----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cpu_loop_control(host_dir: Path) -> HostRun:
    """Unsandboxed, the loop burns 2.5 CPU-seconds (past the 1 s soft and 2 s hard limits) and ends."""
    binary = host_compile(CPU_LOOP, host_dir, "cpu_loop")
    run = host_run(binary, f"{new_token()} 2.5", timeout=30, cwd=host_dir)
    assert run.returncode == 0, run
    used = float(run.stdout.decode().split("done cpu=")[1])
    assert used >= 2.5
    return run


def test_cpu_loop_is_killed_by_cpu_limit(
    make_sandbox: SandboxFactory, cpu_loop_control: HostRun, token: str
) -> None:
    """A 30-CPU-second loop is killed by the 1 s CPU limit (SIGXCPU or SIGKILL), long before its end and
    before the wall clock, and leaves no process behind."""
    sandbox = make_sandbox(run_limits=SandboxLimits(cpu_seconds=1, wall_seconds=20))
    program = compile_ok(sandbox, CPU_LOOP)
    result, elapsed = timed_run(sandbox, program, token)
    assert result.signal in (signal.SIGXCPU, signal.SIGKILL), result
    assert result.signal_name in ("SIGXCPU", "SIGKILL")
    assert not result.timed_out and result.exit_code is None
    assert "done" not in result.stdout
    assert elapsed < 10, f"the CPU limit should fire after ~1-2 s, took {elapsed:.1f}s"
    assert_no_survivors(token)


# --- wall clock ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sleep_control(host_dir: Path) -> HostRun:
    """Unsandboxed, the sleeper is still asleep after 1.5 s (only our timeout ends it)."""
    binary = host_compile(SLEEP_FOREVER, host_dir, "sleep_forever")
    token = new_token()
    try:
        run = host_run(binary, token, timeout=1.5, cwd=host_dir)
    finally:
        kill_processes_named(token)
    assert run.timed_out and b"sleeping" in run.stdout and b"woke" not in run.stdout
    return run


def test_sleep_forever_times_out(make_sandbox: SandboxFactory, sleep_control: HostRun, token: str) -> None:
    """A program sleeping 60 s is killed at the 2 s wall-clock limit, reported as ``timed_out``, and no
    process of it is left on the host afterwards. While it sleeps, the host's /proc scan does see it: the
    survivor checks of this suite can see sandboxed processes."""
    sandbox = make_sandbox(run_limits=SandboxLimits(wall_seconds=2))
    program = compile_ok(sandbox, SLEEP_FOREVER)
    with ThreadPoolExecutor(max_workers=1) as pool:
        pending = pool.submit(timed_run, sandbox, program, token)
        seen_while_running = wait_for_processes_named(token, 1, timeout=10)
        result, elapsed = pending.result(timeout=60)
    assert seen_while_running, "the host never saw the sandboxed sleeper in /proc"
    assert result.timed_out, result
    assert result.exit_code is None and not result.ok
    assert "woke" not in result.stdout
    assert elapsed < 15, f"the wall-clock limit is 2 s, the run took {elapsed:.1f}s"
    assert_no_survivors(token)


# --- memory --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def malloc_control(host_dir: Path) -> HostRun:
    """Unsandboxed, the bomb gets and touches 1 GiB, four times the sandboxed limit (the sandboxed run
    asks for 3 GiB; the control stops at 1 GiB to keep the suite fast)."""
    binary = host_compile(MALLOC_BOMB, host_dir, "malloc_bomb")
    run = host_run(binary, f"{new_token()} 1024", timeout=60, cwd=host_dir)
    assert run.returncode == 0 and b"total=1024\n" in run.stdout, run.stdout[-200:]
    return run


def test_malloc_bomb_is_contained(make_sandbox: SandboxFactory, malloc_control: HostRun, token: str) -> None:
    """A 3 GiB touched-pages allocation fails or is killed under a 256 MiB memory limit: the program gets
    at most 256 MiB by its own count, and nothing of it survives."""
    limit = 256 * MIB
    sandbox = make_sandbox(run_limits=SandboxLimits(memory_bytes=limit, wall_seconds=20))
    program = compile_ok(sandbox, MALLOC_BOMB)
    result, elapsed = timed_run(sandbox, program, f"{token} 3072")
    got_mib = last_int(r"got=(\d+)", result.stdout) or 0
    assert got_mib * MIB <= limit, f"the program touched {got_mib} MiB under a {limit // MIB} MiB limit"
    assert "total=3072" not in result.stdout
    assert "malloc-failed" in result.stdout or result.signal is not None, result
    assert elapsed < 15
    assert_no_survivors(token)


# --- processes -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fork_bomb_control(host_dir: Path) -> int:
    """Unsandboxed (as root), all 300 forks succeed and the children outlive their parent."""
    binary = host_compile(FORK_BOMB, host_dir, "fork_bomb")
    token = new_token()
    try:
        run = host_run(binary, f"{token} 300", timeout=30, cwd=host_dir)
        alive = wait_for_processes_named(token, 300)
    finally:
        kill_processes_named(token)
    assert run.returncode == 0 and b"forks=300 " in run.stdout, run
    assert len(alive) >= 300, f"only {len(alive)} children seen alive on the host"
    return len(alive)


def test_fork_bomb_is_contained(make_sandbox: SandboxFactory, fork_bomb_control: int, token: str) -> None:
    """A 300-child fork bomb gets fewer forks than the 16-process limit, and none of its children is
    alive on the host after the run."""
    limit = 16
    sandbox = make_sandbox(run_limits=SandboxLimits(processes=limit, wall_seconds=20))
    program = compile_ok(sandbox, FORK_BOMB)
    result, elapsed = timed_run(sandbox, program, f"{token} 300")
    forks = last_int(r"forks=(\d+)", result.stdout)
    assert forks is not None, result
    assert forks < limit, f"{forks} forks succeeded under a {limit}-process limit"
    assert elapsed < 15
    assert_no_survivors(token)


@pytest.fixture(scope="module")
def setsid_control(host_dir: Path) -> int:
    """Unsandboxed, the double-forked ``setsid()`` grandchild outlives the program and its session."""
    binary = host_compile(SETSID_ORPHAN, host_dir, "setsid_orphan")
    token = new_token()
    try:
        run = host_run(binary, token, timeout=30, cwd=host_dir)
        alive = wait_for_processes_named(token, 1)
    finally:
        kill_processes_named(token)
    assert run.returncode == 0 and b"spawned child_status=0" in run.stdout, run
    assert len(alive) == 1, f"expected the orphan alive on the host, saw {alive}"
    return alive[0]


def test_setsid_orphan_does_not_survive(
    make_sandbox: SandboxFactory, setsid_control: int, token: str
) -> None:
    """A grandchild that calls ``setsid()``, closes its streams and sleeps 60 s does not outlive the run."""
    sandbox = make_sandbox(run_limits=SandboxLimits(wall_seconds=20))
    program = compile_ok(sandbox, SETSID_ORPHAN)
    result, elapsed = timed_run(sandbox, program, token)
    assert result.ok and "spawned child_status=0" in result.stdout, result
    assert elapsed < 15
    assert_no_survivors(token)


# --- files ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def file_write_control(host_dir: Path) -> int:
    """Unsandboxed, one 64 MiB file (past every sandboxed bound below) lands on the host disk."""
    binary = host_compile(FILE_WRITER, host_dir, "file_writer")
    token = new_token()
    workdir = host_dir / "file-writer"
    workdir.mkdir()
    try:
        run = host_run(binary, f"{token} {64 * MIB} .", timeout=60, cwd=workdir)
        size = (workdir / f"{token}-0").stat().st_size
    finally:
        shutil.rmtree(workdir)
    assert run.returncode == 0 and f"total={64 * MIB}".encode() in run.stdout, run
    assert size == 64 * MIB
    return size


_WRITE_TARGETS = (".", "/tmp", "/dev/shm", "/dev", "/var/tmp", "/run", "/")
"""Every directory a program might write to: the scratch, /tmp, and anything else that happens to be
writable inside the sandbox."""


def _host_files_named(token: str) -> list[Path]:
    places = {Path(tempfile.gettempdir()), Path("/tmp"), Path("/var/tmp"), Path("/dev/shm"), Path.cwd()}
    return [path for place in places if place.is_dir() for path in place.glob(f"{token}*")]


def test_large_file_write_is_contained(
    make_sandbox: SandboxFactory, file_write_control: int, token: str
) -> None:
    """Writing 1 GiB (file after file, in every directory that might be writable, SIGXFSZ ignored) stops at
    the 4 MiB file-size limit per file and at the 16 MiB scratch cap per writable place (scratch, /tmp, a
    /dev/shm if there is one), far below 1 GiB; nothing lands on the host's disk."""
    file_limit, scratch = 4 * MIB, 16 * MIB
    sandbox = make_sandbox(
        run_limits=SandboxLimits(file_size_bytes=file_limit, scratch_bytes=scratch, wall_seconds=30)
    )
    program = compile_ok(sandbox, FILE_WRITER)
    free_before = shutil.disk_usage(tempfile.gettempdir()).free
    result, elapsed = timed_run(sandbox, program, f"{token} {GIB} {' '.join(_WRITE_TARGETS)}")
    free_after = shutil.disk_usage(tempfile.gettempdir()).free

    per_dir = {
        match["dir"]: (int(match["bytes"]), int(match["largest"]))
        for match in re.finditer(
            r"dir=(?P<dir>\S+) bytes=(?P<bytes>\d+) files=\d+ largest=(?P<largest>\d+)", result.stdout
        )
    }
    total = last_int(r"total=(\d+)", result.stdout)
    assert total is not None and per_dir, result
    assert all(largest <= file_limit for _, largest in per_dir.values()), per_dir
    uncapped = {directory: written for directory, (written, _) in per_dir.items() if written > scratch}
    assert uncapped == {}, f"wrote past the {scratch // MIB} MiB scratch cap: {uncapped}; all: {per_dir}"
    assert total <= len(_WRITE_TARGETS) * scratch < GIB
    assert elapsed < 25
    assert _host_files_named(token) == []
    assert free_before - free_after < 512 * MIB, "the host lost free space during the run"
    assert_no_survivors(token)


@dataclass(frozen=True)
class Canaries:
    """Files on the host holding a random secret: the sandbox must never see them."""

    secret: str
    files: tuple[Path, ...]
    header: Path
    """A file whose content is valid-looking C tokens spelling the secret, for ``#include``."""


@pytest.fixture(scope="module")
def canaries(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Canaries]:
    """The secret in a temporary directory, in /root and in /var/tmp (wherever this user may write)."""
    secret = new_secret()
    directory = tmp_path_factory.mktemp("canary")
    name = f"declean-canary-{new_token()}"
    candidates = [directory / "secret.txt", Path("/root") / f".{name}", Path("/var/tmp") / name]
    files: list[Path] = []
    for path in candidates:
        try:
            path.write_text(f"{secret}\n")
        except OSError:
            continue
        files.append(path)
    header = directory / "secret.h"
    header.write_text(f"{secret} here;\n")
    try:
        yield Canaries(secret=secret, files=tuple(files), header=header)
    finally:
        for path in files:
            path.unlink(missing_ok=True)


def _probe_script(token: str, canaries: Canaries, writable: Path, created: Path) -> str:
    lines = [token]
    for path in canaries.files:
        lines += [f"R {path}", f"R /proc/1/root{path}", f"R /proc/self/root{path}", f"R /proc/1/cwd{path}"]
    lines += ["R /etc/hostname", "R /etc/passwd", f"W {writable}", f"C {created}", "E -"]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def host_file_control(host_dir: Path, canaries: Canaries) -> HostRun:
    """Unsandboxed, the program reads every canary, /etc/hostname and the environment, overwrites a file
    and creates one."""
    binary = host_compile(FILE_PROBE, host_dir, "file_probe")
    writable, created = host_dir / "writable.txt", host_dir / "created.txt"
    writable.write_text("original\n")
    env_secret = new_secret()
    env = {"PATH": "/usr/bin:/bin", "DECLEAN_CANARY": env_secret}
    script = _probe_script(new_token(), canaries, writable, created)
    run = host_run(binary, script, timeout=30, cwd=host_dir, env=env)
    stdout = run.stdout.decode()
    assert run.returncode == 0, run
    assert stdout.count(canaries.secret) >= len(canaries.files), stdout
    assert "OPEN-OK /etc/hostname" in stdout and env_secret in stdout
    assert writable.read_text() == "overwritten from inside\n" and created.exists()
    return run


@pytest.mark.usefixtures("host_file_control")
def test_host_files_are_invisible(
    make_sandbox: SandboxFactory,
    canaries: Canaries,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    token: str,
) -> None:
    """Canary files outside /usr (temp dir, /root, /var/tmp, also via /proc/1/root), the test's
    environment and, for the local backend, /etc are unreadable; a host file cannot be overwritten or
    created."""
    env_secret = new_secret()
    monkeypatch.setenv("DECLEAN_CANARY", env_secret)
    writable, created = tmp_path / "writable.txt", tmp_path / "created.txt"
    writable.write_text("original\n")
    sandbox = make_sandbox()
    program = compile_ok(sandbox, FILE_PROBE)
    result, _ = timed_run(sandbox, program, _probe_script(token, canaries, writable, created))
    assert result.ok, result
    assert "OPEN-FAIL" in result.stdout, "the probe did not run"
    for text in (result.stdout, result.stderr):
        assert canaries.secret not in text
        assert env_secret not in text
    if sandbox.name == "local":
        assert "OPEN-OK" not in result.stdout, result.stdout
    assert writable.read_text() == "original\n"
    assert not created.exists()
    assert f"WRITE-OK {writable}" not in result.stdout and f"CREATE-OK {created}" not in result.stdout
    assert_no_survivors(token)


@pytest.fixture(scope="module")
def include_control(host_dir: Path, canaries: Canaries) -> None:
    """Unsandboxed, gcc prints the secret in its error for ``#include``, and ``.incbin`` bakes it into a
    binary that prints it."""
    source = host_dir / "include_canary.c"
    source.write_text(include_source(canaries.header))
    completed = host_gcc(source, host_dir / "include_canary")
    assert completed.returncode != 0 and canaries.secret in completed.stderr, completed.stderr
    binary = host_compile(incbin_source(canaries.header), host_dir, "incbin_canary")
    run = host_run(binary, "", timeout=30, cwd=host_dir)
    assert canaries.secret.encode() in run.stdout


@pytest.mark.parametrize("make_source", [include_source, incbin_source], ids=["include", "incbin"])
def test_compile_time_read_of_host_file_does_not_leak(
    sandbox: Sandbox,
    canaries: Canaries,
    include_control: None,
    make_source: Callable[[Path], str],
) -> None:
    """``#include "<canary>"`` and ``.incbin "<canary>"`` fail inside the sandbox: the secret is in no
    diagnostic, no output and no binary."""
    result = sandbox.compile(make_source(canaries.header))
    texts = [result.stdout, result.stderr, *(d.message for d in result.diagnostics)]
    if result.program is not None:
        assert canaries.secret.encode() not in result.program.binary
        run = sandbox.run(result.program, "")
        texts += [run.stdout, run.stderr]
    assert all(canaries.secret not in text for text in texts), texts
    assert not result.ok, "the canary file should not exist inside the sandbox"
    assert str(canaries.header) in result.stderr, result.stderr


# --- output --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def output_flood_control(host_dir: Path) -> dict[int, int]:
    """Unsandboxed, the flood writes all of its 200 MiB on stdout, and on stderr."""
    binary = host_compile(OUTPUT_FLOOD, host_dir, "output_flood")
    counts = {
        fd: host_count_output(binary, f"{new_token()} {fd}", fd=fd, timeout=60, cwd=host_dir) for fd in (1, 2)
    }
    assert counts == {1: 200 * MIB, 2: 200 * MIB}
    return counts


@pytest.mark.parametrize("fd", [1, 2], ids=["stdout", "stderr"])
def test_output_flood_is_truncated(
    make_sandbox: SandboxFactory, output_flood_control: dict[int, int], fd: int, token: str
) -> None:
    """200 MiB of output is cut at the 64 KiB cap: the sandbox is killed at once, the result says the cap
    was exceeded and which stream was truncated, and it holds at most the cap."""
    cap = 64 * 1024
    sandbox = make_sandbox(run_limits=SandboxLimits(output_bytes=cap, wall_seconds=20))
    program = compile_ok(sandbox, OUTPUT_FLOOD)
    result, elapsed = timed_run(sandbox, program, f"{token} {fd}")
    flooded, other = (result.stdout, result.stderr) if fd == 1 else (result.stderr, result.stdout)
    assert result.output_limit_exceeded, result.failure_reason()
    assert (result.stdout_truncated, result.stderr_truncated) == (fd == 1, fd == 2)
    assert result.truncated and not result.ok
    assert 0 < len(flooded.encode()) <= cap and set(flooded) == {"A"}
    assert other == ""
    assert elapsed < 15, f"the output cap should stop the run at once, took {elapsed:.1f}s"
    assert_no_survivors(token)


# --- network -------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def network_control(host_dir: Path) -> list[bytes]:
    """Unsandboxed, the client reaches a TCP listener on 127.0.0.1 and an abstract unix socket."""
    binary = host_compile(NETWORK_CLIENT, host_dir, "network_client")
    token = new_token()
    tcp, unix = ConnectionLog.tcp_loopback(), ConnectionLog.abstract_unix(f"declean-{token}")
    try:
        run = host_run(binary, f"{token} {tcp.port} declean-{token}", timeout=30, cwd=host_dir)
    finally:
        received = tcp.close() + unix.close()
    assert b"tcp=ok" in run.stdout and b"unix=ok" in run.stdout, run
    assert received == [f"hello from {token}\n".encode()] * 2
    return received


def test_network_is_unreachable(
    make_sandbox: SandboxFactory, network_control: list[bytes], token: str
) -> None:
    """Inside the sandbox a connect to the host's 127.0.0.1 listener and to its abstract unix socket both
    fail, and the listeners log no connection at all."""
    sandbox = make_sandbox()
    program = compile_ok(sandbox, NETWORK_CLIENT)
    tcp, unix = ConnectionLog.tcp_loopback(), ConnectionLog.abstract_unix(f"declean-{token}")
    try:
        result, _ = timed_run(sandbox, program, f"{token} {tcp.port} declean-{token}")
    finally:
        received = tcp.close() + unix.close()
    assert received == [], f"the sandbox reached the host: {received}"
    assert "tcp=fail" in result.stdout and "unix=fail" in result.stdout, result
    assert_no_survivors(token)


# --- crashes -------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def segfault_control(host_dir: Path) -> HostRun:
    """Unsandboxed, the program dies of SIGSEGV."""
    binary = host_compile(SEGFAULT, host_dir, "segfault")
    run = host_run(binary, "", timeout=30, cwd=host_dir)
    assert run.returncode == -signal.SIGSEGV
    return run


def test_segfault_is_reported_as_sigsegv(sandbox: Sandbox, segfault_control: HostRun) -> None:
    """A null-pointer write comes back as signal 11 / SIGSEGV with no exit code."""
    result = sandbox.compile_and_run(SEGFAULT, [""])
    run = result.runs[0]
    assert (run.signal, run.signal_name, run.exit_code) == (11, "SIGSEGV", None), run
    assert not run.timed_out and not run.ok
    assert run.failure_reason() == "killed by signal SIGSEGV"


# --- concurrency ---------------------------------------------------------------------------------------


def test_concurrent_compile_and_run(sandbox: Sandbox) -> None:
    """Eight compile_and_run calls at once on one sandbox, each with its own program and stdin, all
    succeed with their own output (no crossed files, no uid or scratch sharing)."""
    workers = 8
    start = threading.Barrier(workers)

    def work(index: int) -> CompileAndRunResult:
        cases = [" ".join(str(index * 100 + k) for k in range(n)) + "\n" for n in (1, 3, 5)]
        start.wait(timeout=30)
        return sandbox.compile_and_run(summing_worker(index), cases)

    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(work, range(workers)))

    for index, result in enumerate(results):
        assert result.ok, f"worker {index}: {result.failure_reason()}"
        expected = [
            f"worker {index}: count={n} sum={sum(index * 100 + k for k in range(n)) * (index + 1)}\n"
            for n in (1, 3, 5)
        ]
        assert [run.stdout for run in result.runs] == expected
