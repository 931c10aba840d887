"""Build (once, with the host's gcc) and find ``declean-launch``, the local sandbox's starter.

It replaces ``prlimit`` plus Python's uid switch: one static exec that sets the rlimits, drops to the
sandbox uid and reaps every orphan the sandbox leaves (see ``launcher.c``). Python can then start it with
vfork, which matters for a large parent process.
"""

from __future__ import annotations

import functools
import hashlib
import os
import subprocess
from importlib import resources
from pathlib import Path

from declean.errors import SandboxUnavailableError
from declean.paths import cache_dir


@functools.cache
def launcher_path() -> Path:
    """The built launcher for this source, building it into the cache directory when missing."""
    source = resources.files(__package__).joinpath("launcher.c").read_bytes()
    target = cache_dir() / "bin" / f"declean-launch-{hashlib.sha256(source).hexdigest()[:12]}"
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f"{target.name}.partial-{os.getpid()}")
    source_file = target.with_name(f"{target.name}-{os.getpid()}.c")
    source_file.write_bytes(source)
    try:
        _build(source_file, partial)
        partial.chmod(0o755)
        partial.replace(target)
    finally:
        source_file.unlink(missing_ok=True)
        partial.unlink(missing_ok=True)
    return target


def _build(source: Path, output: Path) -> None:
    """Static when the C library allows it (a faster exec), dynamic otherwise."""
    base = ["gcc", "-O2", "-Wall", "-o", str(output), str(source)]
    errors = ""
    for extra in (["-static"], []):
        build = subprocess.run([*base, *extra], capture_output=True, text=True, check=False)
        if build.returncode == 0:
            return
        errors = build.stderr.strip()
    raise SandboxUnavailableError(f"could not build the sandbox launcher with gcc: {errors}")
