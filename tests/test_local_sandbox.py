"""Behaviour specific to the bubblewrap backend: identity, probing, result decoding, limits config."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from declean.errors import ConfigurationError, SandboxUnavailableError
from declean.sandbox.base import SandboxLimits
from declean.sandbox.local import LocalSandbox
from declean.sandbox.uids import DEFAULT_UID_BASE, UidPool

ID_PROGRAM = """\
#include <stdio.h>
#include <unistd.h>
int main(void) { printf("%d %d\\n", (int)getuid(), (int)geteuid()); return 0; }
"""


def test_program_never_runs_as_root(local_sandbox: LocalSandbox) -> None:
    """As root declean drops to a pool uid; otherwise the program runs as the calling user."""
    result = local_sandbox.compile_and_run(ID_PROGRAM, [""])
    assert result.ok, result.failure_reason()
    uid, euid = map(int, result.runs[0].stdout.split())
    assert uid != 0 and euid != 0
    if os.geteuid() == 0:
        assert DEFAULT_UID_BASE <= uid < DEFAULT_UID_BASE + 16


def test_environment_is_cleared(local_sandbox: LocalSandbox) -> None:
    """No variable of the host (API keys included) reaches the program."""
    os.environ["DECLEAN_TEST_SECRET"] = "sk-should-never-leak"
    try:
        program = (
            "#include <stdio.h>\nextern char **environ;\n"
            "int main(void){ for (char **e = environ; *e; e++) puts(*e); return 0; }\n"
        )
        result = local_sandbox.compile_and_run(program, [""])
    finally:
        del os.environ["DECLEAN_TEST_SECRET"]
    assert result.ok
    assert "sk-should-never-leak" not in result.runs[0].stdout
    assert {line.split("=")[0] for line in result.runs[0].stdout.split()} <= {"PATH", "LC_ALL", "PWD"}


def test_nonzero_exit_is_an_exit_code_not_a_signal(local_sandbox: LocalSandbox) -> None:
    result = local_sandbox.compile_and_run("int main(void) { return 3; }\n", [""])
    run = result.runs[0]
    assert (run.exit_code, run.signal, run.ok) == (3, None, False)
    assert run.failure_reason() == "exited with status 3"


def test_abort_is_decoded_as_sigabrt(local_sandbox: LocalSandbox) -> None:
    result = local_sandbox.compile_and_run("#include <stdlib.h>\nint main(void) { abort(); }\n", [""])
    run = result.runs[0]
    assert (run.exit_code, run.signal, run.signal_name) == (None, 6, "SIGABRT")


def test_compile_error_keeps_raw_text_and_no_program(local_sandbox: LocalSandbox) -> None:
    result = local_sandbox.compile("int main(void) { return missing; }\n")
    assert not result.ok
    assert result.program is None
    assert "missing" in result.stderr
    assert result.errors[0].line == 1
    assert (
        result.failure_reason() == "compile error: line 1: 'missing' undeclared (first use in this function)"
    )


def test_runs_are_skipped_when_compile_fails(local_sandbox: LocalSandbox) -> None:
    result = local_sandbox.compile_and_run("int main(void) { syntax error }\n", ["a", "b"])
    assert result.runs == []
    assert result.failure_reason() is not None and result.failure_reason().startswith("compile error")


def test_binary_does_not_leak_into_compile_stdout(local_sandbox: LocalSandbox) -> None:
    result = local_sandbox.compile("int main(void) { return 0; }\n")
    assert result.ok and result.stdout == ""
    assert result.program is not None and result.program.binary.startswith(b"\x7fELF")
    assert "binary" not in result.model_dump(mode="json")["program"]


def test_missing_bwrap_is_a_clear_error() -> None:
    with pytest.raises(SandboxUnavailableError, match="apt-get install bubblewrap"):
        LocalSandbox(bwrap="declean-no-such-bwrap")


def test_blocked_user_namespaces_are_explained() -> None:
    """A bwrap that fails like Ubuntu's AppArmor restriction does gets the sysctl hint."""
    with tempfile.TemporaryDirectory() as directory:
        Path(directory).chmod(0o755)  # the probe may run as an unprivileged pool uid
        fake = Path(directory) / "bwrap"
        fake.write_text("#!/bin/sh\necho 'bwrap: setting up uid map: Permission denied' >&2\nexit 1\n")
        fake.chmod(0o755)
        with pytest.raises(SandboxUnavailableError, match="apparmor_restrict_unprivileged_userns"):
            LocalSandbox(bwrap=str(fake))


def test_uid_pool_hands_out_distinct_uids_and_takes_them_back(tmp_path: Path) -> None:
    pool = UidPool(base=3_000_000, count=2, lock_dir=tmp_path)
    with pool.lease() as first, pool.lease() as second:
        assert first != second
        assert {first, second} == {3_000_000, 3_000_001}
    with pool.lease() as again:
        assert again in (3_000_000, 3_000_001)


def test_uid_pool_is_exclusive_across_pools(tmp_path: Path) -> None:
    """Two pools on one lock dir (two declean processes) never lease the same uid at once."""
    first_pool = UidPool(base=3_000_000, count=2, lock_dir=tmp_path)
    second_pool = UidPool(base=3_000_000, count=2, lock_dir=tmp_path)
    with first_pool.lease() as taken, second_pool.lease() as other:
        assert taken != other


def test_empty_uid_pool_is_refused() -> None:
    with pytest.raises(ConfigurationError):
        UidPool(count=0)


def test_custom_limits_are_applied() -> None:
    """A tighter output cap is honoured, which proves limits are passed through, not defaults."""
    sandbox = LocalSandbox(run_limits=SandboxLimits(output_bytes=1024))
    program = '#include <stdio.h>\nint main(void){ for (int i = 0; i < 1000; i++) puts("0123456789"); }\n'
    run = sandbox.compile_and_run(program, [""]).runs[0]
    assert run.stdout_truncated and run.output_limit_exceeded
    assert len(run.stdout) == 1024


def test_back_to_back_runs_on_one_uid_all_start(tmp_path: Path) -> None:
    """A pool of one uid: each run starts while the kernel may still be tearing down the previous
    sandbox's processes (they count against RLIMIT_NPROC); every run must still start and succeed."""
    if os.geteuid() != 0:
        pytest.skip("uid pools are only used when declean runs as root")
    sandbox = LocalSandbox(uid_pool=UidPool(base=2_100_000_000, count=1, lock_dir=tmp_path))
    compiled = sandbox.compile('#include <stdio.h>\nint main(void) { puts("ok"); return 0; }\n')
    assert compiled.program is not None
    runs = [sandbox.run(compiled.program) for _ in range(30)]
    assert [run.stdout for run in runs] == ["ok\n"] * 30
    assert zombies_of(2_100_000_000) == [], "the launcher must reap each sandbox's orphaned init"


def test_a_timed_out_sandbox_leaves_no_process_behind(tmp_path: Path) -> None:
    """Stopping at the wall clock goes through the launcher, which kills and reaps the whole tree."""
    if os.geteuid() != 0:
        pytest.skip("uid pools are only used when declean runs as root")
    pool = UidPool(base=2_100_000_001, count=1, lock_dir=tmp_path)
    sandbox = LocalSandbox(uid_pool=pool, run_limits=SandboxLimits(wall_seconds=1.0))
    run = sandbox.compile_and_run(
        "#include <unistd.h>\nint main(void) { sleep(30); return 0; }\n", [""]
    ).runs[0]
    assert run.timed_out
    assert processes_of(2_100_000_001) == []


def processes_of(uid: int) -> list[str]:
    """``pid state`` of every process whose real uid is ``uid``."""
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
        except OSError:
            continue
        if int(fields.get("Uid", "-1").split()[0]) == uid:
            found.append(f"{status.parent.name} {fields.get('State', '?').strip()}")
    return found


def zombies_of(uid: int) -> list[str]:
    return [process for process in processes_of(uid) if " Z" in process]
