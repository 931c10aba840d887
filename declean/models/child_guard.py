"""``python -m declean.models.child_guard PARENT_PID|0 MODULE ARGS...``: run ``MODULE`` as ``__main__``, ended
by the kernel when the declean process that started it dies.

declean stops the servers it starts when it exits, but ``atexit`` does not run when declean is killed
(SIGTERM, SIGKILL, an out-of-memory kill), and an orphaned embedded-model server goes on holding 2.7 GB and
both cores. ``prctl(PR_SET_PDEATHSIG)`` makes the kernel send SIGTERM instead; it is set here, in the child
after ``exec``, because setting it from the parent needs ``preexec_fn``, which is unsafe in a process with
threads. Outside Linux the module runs unguarded.
"""

from __future__ import annotations

import ctypes
import os
import runpy
import signal
import sys

_PR_SET_PDEATHSIG = 1
"""``prctl`` option from ``<linux/prctl.h>``."""


def guard(parent_pid: int) -> None:
    """Die with ``parent_pid``; exit now if it is already gone (it died before the guard was set). 0: no
    guard (a parent thread other than the main one may end before the process)."""
    if parent_pid == 0:
        return
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    if os.getppid() != parent_pid:
        sys.exit(f"declean (pid {parent_pid}) exited before its server started")


def main() -> None:
    """Guard, then hand over to the module with its own arguments."""
    parent_pid, module, *arguments = sys.argv[1:]
    guard(int(parent_pid))
    sys.argv = [module, *arguments]
    runpy.run_module(module, run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
