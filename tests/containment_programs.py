"""Bounded attack programs for the containment suite, and the host-side tools that watch them.

Every program reads a token first from stdin and renames itself to it (``prctl(PR_SET_NAME)``) before
doing anything else, so every process it ever forks carries the token as its ``comm``: the test scans the
host's ``/proc`` for that name to find survivors. Every attack is bounded on its own (a fork bomb stops at
300 children, a malloc bomb at 3 GiB, loops and sleeps end after at most 60 s) so that a sandbox failure,
or a positive control run on the bare host, cannot take the machine down.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import selectors
import signal
import socket
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from declean.sandbox.base import DEFAULT_COMPILE_FLAGS

PRELUDE = r"""
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char token[64] = "attack";

/* Read the token from stdin and take it as this process's name: every child inherits it. */
__attribute__((unused)) static void take_token(void) {
    if (scanf("%63s", token) != 1) {
        strcpy(token, "attack");
    }
    prctl(PR_SET_NAME, token, 0, 0, 0);
}

__attribute__((unused)) static double monotonic_seconds(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

__attribute__((unused)) static double cpu_seconds(void) {
    struct timespec now;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

/* Sleep for `seconds` of wall-clock time, whatever interrupts the sleep. */
__attribute__((unused)) static void bounded_sleep(double seconds) {
    double end = monotonic_seconds() + seconds;
    for (double left = seconds; left > 0; left = end - monotonic_seconds()) {
        struct timespec pause = {(time_t)left, (long)((left - (double)(time_t)left) * 1e9)};
        nanosleep(&pause, NULL);
    }
}
"""

CPU_LOOP = (
    PRELUDE
    + r"""
/* stdin: TOKEN [CPU_SECONDS]. Spins until it has used CPU_SECONDS (default 30) of CPU, or 60 s of wall. */
int main(void) {
    take_token();
    double goal = 30.0;
    if (scanf("%lf", &goal) != 1) {
        goal = 30.0;
    }
    double wall_end = monotonic_seconds() + 60.0;
    volatile unsigned long spins = 0;
    double used = 0.0;
    while (used < goal && monotonic_seconds() < wall_end) {
        for (int i = 0; i < 1000000; i++) {
            spins++;
        }
        used = cpu_seconds();
    }
    printf("done cpu=%.2f\n", used);
    return 0;
}
"""
)

SLEEP_FOREVER = (
    PRELUDE
    + r"""
/* stdin: TOKEN. Sleeps 60 s ("forever" for a sandbox run), then says it woke. */
int main(void) {
    take_token();
    printf("sleeping\n");
    fflush(stdout);
    bounded_sleep(60.0);
    printf("woke\n");
    return 0;
}
"""
)

MALLOC_BOMB = (
    PRELUDE
    + r"""
/* stdin: TOKEN [GOAL_MIB]. Allocates and touches 16 MiB blocks up to GOAL_MIB (default 3072),
   printing the running total after each so a kill still shows how much it got. */
int main(void) {
    take_token();
    long goal_mib = 3072;
    if (scanf("%ld", &goal_mib) != 1) {
        goal_mib = 3072;
    }
    const long block_mib = 16;
    long got_mib = 0;
    while (got_mib < goal_mib) {
        char *block = malloc((size_t)block_mib << 20);
        if (block == NULL) {
            printf("malloc-failed\n");
            break;
        }
        memset(block, 0x5a, (size_t)block_mib << 20);
        got_mib += block_mib;
        printf("got=%ld\n", got_mib);
        fflush(stdout);
    }
    printf("total=%ld\n", got_mib);
    return 0;
}
"""
)

FORK_BOMB = (
    PRELUDE
    + r"""
/* stdin: TOKEN [GOAL]. Forks up to GOAL (default 300) children that close their streams and sleep 30 s;
   reports how many forks succeeded and exits without waiting for them. */
int main(void) {
    take_token();
    int goal = 300;
    if (scanf("%d", &goal) != 1) {
        goal = 300;
    }
    fflush(stdout);
    int forks = 0;
    int error = 0;
    while (forks < goal) {
        pid_t pid = fork();
        if (pid == 0) {
            close(0);
            close(1);
            close(2);
            bounded_sleep(30.0);
            _exit(0);
        }
        if (pid < 0) {
            error = errno;
            break;
        }
        forks++;
    }
    printf("forks=%d errno=%d\n", forks, error);
    return 0;
}
"""
)

FILE_WRITER = (
    PRELUDE
    + r"""
/* stdin: TOKEN GOAL_BYTES DIR... Ignores SIGXFSZ and writes files DIR/TOKEN-<i> in 1 MiB blocks, a new
   file whenever one is refused (size limit), the next directory when a fresh file takes nothing (full or
   unwritable), until GOAL_BYTES in total. Reports per directory and the total. */
int main(void) {
    take_token();
    long long goal = 1LL << 30;
    if (scanf("%lld", &goal) != 1) {
        goal = 1LL << 30;
    }
    signal(SIGXFSZ, SIG_IGN);
    static char block[1 << 20];
    memset(block, 'x', sizeof block);
    long long total = 0;
    char dir[256];
    while (total < goal && scanf("%255s", dir) == 1) {
        long long in_dir = 0;
        long long largest = 0;
        int files = 0;
        for (int i = 0; i < 4096 && total < goal; i++) {
            char path[512];
            snprintf(path, sizeof path, "%s/%s-%d", dir, token, i);
            int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
            if (fd < 0) {
                break;
            }
            files++;
            long long in_file = 0;
            while (total < goal) {
                ssize_t n = write(fd, block, sizeof block);
                if (n <= 0) {
                    break;
                }
                in_file += n;
                in_dir += n;
                total += n;
            }
            close(fd);
            if (in_file > largest) {
                largest = in_file;
            }
            if (in_file == 0) {
                break;
            }
        }
        printf("dir=%s bytes=%lld files=%d largest=%lld\n", dir, in_dir, files, largest);
        fflush(stdout);
    }
    printf("total=%lld\n", total);
    return 0;
}
"""
)

OUTPUT_FLOOD = (
    PRELUDE
    + r"""
/* stdin: TOKEN FD [GOAL_BYTES]. Writes 'A's to FD (1 or 2) until GOAL_BYTES (default 200 MiB). */
int main(void) {
    take_token();
    int fd = 1;
    long long goal = 200LL << 20;
    if (scanf("%d", &fd) != 1) {
        fd = 1;
    }
    if (scanf("%lld", &goal) != 1) {
        goal = 200LL << 20;
    }
    static char block[65536];
    memset(block, 'A', sizeof block);
    long long sent = 0;
    while (sent < goal) {
        ssize_t n = write(fd, block, sizeof block);
        if (n <= 0) {
            break;
        }
        sent += n;
    }
    return 0;
}
"""
)

NETWORK_CLIENT = (
    PRELUDE
    + r"""
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>

/* stdin: TOKEN PORT ABSTRACT_NAME. Connects to 127.0.0.1:PORT over TCP and to the abstract unix socket
   "\0ABSTRACT_NAME", sends a greeting on each, reports tcp=ok|fail and unix=ok|fail. */
int main(void) {
    take_token();
    int port = 0;
    char abstract_name[100] = "none";
    if (scanf("%d %99s", &port, abstract_name) != 2) {
        printf("bad input\n");
        return 2;
    }
    char greeting[128];
    snprintf(greeting, sizeof greeting, "hello from %s\n", token);

    int tcp = socket(AF_INET, SOCK_STREAM, 0);
    if (tcp < 0) {
        printf("tcp=fail socket errno=%d %s\n", errno, strerror(errno));
    } else {
        struct sockaddr_in address;
        memset(&address, 0, sizeof address);
        address.sin_family = AF_INET;
        address.sin_port = htons((unsigned short)port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (connect(tcp, (struct sockaddr *)&address, sizeof address) == 0) {
            if (write(tcp, greeting, strlen(greeting)) < 0) {
                printf("tcp write failed errno=%d\n", errno);
            }
            printf("tcp=ok\n");
        } else {
            printf("tcp=fail errno=%d %s\n", errno, strerror(errno));
        }
        close(tcp);
    }

    int local = socket(AF_UNIX, SOCK_STREAM, 0);
    if (local < 0) {
        printf("unix=fail socket errno=%d %s\n", errno, strerror(errno));
    } else {
        struct sockaddr_un address;
        memset(&address, 0, sizeof address);
        address.sun_family = AF_UNIX;
        size_t length = strlen(abstract_name);
        memcpy(address.sun_path + 1, abstract_name, length);
        socklen_t size = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + length);
        if (connect(local, (struct sockaddr *)&address, size) == 0) {
            if (write(local, greeting, strlen(greeting)) < 0) {
                printf("unix write failed errno=%d\n", errno);
            }
            printf("unix=ok\n");
        } else {
            printf("unix=fail errno=%d %s\n", errno, strerror(errno));
        }
        close(local);
    }
    return 0;
}
"""
)

FILE_PROBE = (
    PRELUDE
    + r"""
extern char **environ;

/* stdin: TOKEN, then lines "R PATH" (read and print), "W PATH" (overwrite), "C PATH" (create),
   "E -" (print the environment). */
int main(void) {
    take_token();
    char mode[8];
    char path[1024];
    while (scanf("%7s %1023s", mode, path) == 2) {
        if (strcmp(mode, "R") == 0) {
            int fd = open(path, O_RDONLY);
            if (fd < 0) {
                printf("OPEN-FAIL %s errno=%d\n", path, errno);
                continue;
            }
            char buffer[4096];
            ssize_t n = read(fd, buffer, sizeof buffer - 1);
            close(fd);
            buffer[n < 0 ? 0 : n] = '\0';
            printf("OPEN-OK %s\n%s\n", path, buffer);
        } else if (strcmp(mode, "W") == 0) {
            int fd = open(path, O_WRONLY | O_TRUNC);
            const char text[] = "overwritten from inside\n";
            if (fd >= 0 && write(fd, text, sizeof text - 1) > 0) {
                printf("WRITE-OK %s\n", path);
            } else {
                printf("WRITE-FAIL %s errno=%d\n", path, errno);
            }
            if (fd >= 0) {
                close(fd);
            }
        } else if (strcmp(mode, "C") == 0) {
            int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
            if (fd >= 0) {
                printf("CREATE-OK %s\n", path);
                close(fd);
            } else {
                printf("CREATE-FAIL %s errno=%d\n", path, errno);
            }
        } else if (strcmp(mode, "E") == 0) {
            for (char **entry = environ; *entry != NULL; entry++) {
                printf("ENV %s\n", *entry);
            }
        }
    }
    return 0;
}
"""
)

SEGFAULT = r"""
#include <stddef.h>

int main(void) {
    volatile int *nowhere = NULL;
    *nowhere = 42;
    return 0;
}
"""

SETSID_ORPHAN = (
    PRELUDE
    + r"""
/* stdin: TOKEN. Double fork: the child starts a new session and forks a grandchild that closes its
   streams, ignores SIGHUP and sleeps 60 s; the child and the parent exit at once. */
int main(void) {
    take_token();
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        setsid();
        pid_t grandchild = fork();
        if (grandchild == 0) {
            close(0);
            close(1);
            close(2);
            signal(SIGHUP, SIG_IGN);
            bounded_sleep(60.0);
            _exit(0);
        }
        _exit(grandchild > 0 ? 0 : 1);
    }
    int status = -1;
    if (child > 0) {
        waitpid(child, &status, 0);
    }
    printf("spawned child_status=%d\n", status);
    return 0;
}
"""
)


def include_source(path: Path | str) -> str:
    """A program that ``#include``s a file by absolute path: gcc echoes its content in the error."""
    return f'#include "{path}"\n\nint main(void) {{\n    return 0;\n}}\n'


def incbin_source(path: Path | str) -> str:
    """A program whose assembler pulls a file into the binary (``.incbin``) and prints it at run time."""
    return (
        "#include <stdio.h>\n\n"
        '__asm__(".section .rodata\\n"\n'
        '        ".global canary_data\\n"\n'
        '        "canary_data:\\n"\n'
        f'        ".incbin \\"{path}\\"\\n"\n'
        '        ".byte 0\\n"\n'
        '        ".previous\\n");\n\n'
        "extern const char canary_data[];\n\n"
        "int main(void) {\n"
        "    puts(canary_data);\n"
        "    return 0;\n"
        "}\n"
    )


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

HELLO = r"""
#include <stdio.h>

int main(void) {
    printf("Hello, world!\n");
    return 0;
}
"""


def exit_with(code: int) -> str:
    """A program that prints a line and exits with ``code``."""
    return f'#include <stdio.h>\n\nint main(void) {{\n    puts("exiting");\n    return {code};\n}}\n'


def summing_worker(index: int) -> str:
    """Program ``index`` of the concurrency test: sums the integers on stdin, scaled by ``index + 1``."""
    return (
        "#include <stdio.h>\n\n"
        "int main(void) {\n"
        "    long value, sum = 0;\n"
        "    int count = 0;\n"
        '    while (scanf("%ld", &value) == 1) {\n'
        "        sum += value;\n"
        "        count++;\n"
        "    }\n"
        f'    printf("worker {index}: count=%d sum=%ld\\n", count, sum * {index + 1});\n'
        "    return 0;\n"
        "}\n"
    )


# --- the host side --------------------------------------------------------------------------------------


def new_token() -> str:
    """A unique process name: 14 characters, under the kernel's 15-character ``comm`` limit."""
    return "dc" + secrets.token_hex(6)


def new_secret() -> str:
    """A random secret that can only come out of the sandbox by reading a canary."""
    return "DECLEAN_SECRET_" + secrets.token_hex(16)


@dataclass(frozen=True)
class HostRun:
    """One unsandboxed run of a positive control."""

    returncode: int | None
    """Exit status, ``-signal`` when killed by one, ``None`` when the timeout killed it."""
    stdout: bytes
    stderr: bytes
    timed_out: bool
    wall_seconds: float


def host_compile(source: str, workdir: Path, name: str) -> Path:
    """Compile ``source`` with the bare host gcc and the sandboxes' flags; return the executable."""
    source_path = workdir / f"{name}.c"
    binary = workdir / name
    source_path.write_text(source)
    completed = host_gcc(source_path, binary)
    if completed.returncode != 0:
        raise AssertionError(f"host gcc failed on {name}: {completed.stderr}")
    return binary


def host_gcc(source_path: Path, binary: Path) -> subprocess.CompletedProcess[str]:
    """Run the bare host gcc on one file with ``DEFAULT_COMPILE_FLAGS`` and ``-lm``."""
    return subprocess.run(
        ["gcc", *DEFAULT_COMPILE_FLAGS, "-o", str(binary), str(source_path), "-lm"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def host_run(
    binary: Path,
    stdin: str = "",
    *,
    timeout: float,
    cwd: Path,
    env: dict[str, str] | None = None,
) -> HostRun:
    """Run ``binary`` unsandboxed in its own session; past ``timeout`` the session is killed."""
    started = time.monotonic()
    with subprocess.Popen(
        [str(binary)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=cwd,
        env=env,
        start_new_session=True,
    ) as process:
        try:
            stdout, stderr = process.communicate(stdin.encode(), timeout=timeout)
            timed_out = False
        except subprocess.TimeoutExpired:
            _kill_group(process.pid)
            stdout, stderr = process.communicate(timeout=10)
            timed_out = True
    return HostRun(
        returncode=None if timed_out else process.returncode,
        stdout=stdout,
        stderr=stderr,
        timed_out=timed_out,
        wall_seconds=time.monotonic() - started,
    )


def host_count_output(binary: Path, stdin: str, *, fd: int, timeout: float, cwd: Path) -> int:
    """Run ``binary`` unsandboxed and count (without keeping) what it writes to ``fd`` (1 or 2)."""
    stream = subprocess.PIPE
    with subprocess.Popen(
        [str(binary)],
        stdin=subprocess.PIPE,
        stdout=stream if fd == 1 else subprocess.DEVNULL,
        stderr=stream if fd == 2 else subprocess.DEVNULL,
        cwd=cwd,
        start_new_session=True,
    ) as process:
        assert process.stdin is not None
        process.stdin.write(stdin.encode())
        process.stdin.close()
        pipe = process.stdout if fd == 1 else process.stderr
        assert pipe is not None
        deadline = time.monotonic() + timeout
        total = 0
        try:
            while chunk := os.read(pipe.fileno(), 1 << 20):
                total += len(chunk)
                if time.monotonic() > deadline:
                    raise AssertionError(f"host output flood still running after {timeout}s")
        finally:
            _kill_group(process.pid)
    return total


def _kill_group(pgid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pgid, signal.SIGKILL)


def live_processes_named(name: str) -> list[int]:
    """Pids of every process on the host (any pid namespace) whose ``comm`` is ``name``, zombies excluded."""
    pids: list[int] = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            if Path(entry.path, "comm").read_text().rstrip("\n") != name:
                continue
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        state = stat.rsplit(")", 1)[1].split()[0]
        if state != "Z":
            pids.append(int(entry.name))
    return pids


def survivors_after(name: str, grace_seconds: float = 5.0) -> list[int]:
    """Poll until no process named ``name`` is alive, for at most ``grace_seconds``; return what is left.

    A kill is asynchronous, so a process may linger for milliseconds after the sandbox returned; one that
    is still alive after the grace period survived (the attack programs sleep 30-60 s).
    """
    deadline = time.monotonic() + grace_seconds
    while True:
        alive = live_processes_named(name)
        if not alive or time.monotonic() >= deadline:
            return alive
        time.sleep(0.02)


def wait_for_processes_named(name: str, count: int, timeout: float = 5.0) -> list[int]:
    """Poll until at least ``count`` processes named ``name`` are alive (or the timeout); return them."""
    deadline = time.monotonic() + timeout
    while True:
        alive = live_processes_named(name)
        if len(alive) >= count or time.monotonic() >= deadline:
            return alive
        time.sleep(0.02)


def kill_processes_named(name: str) -> None:
    """SIGKILL every process named ``name`` until none is left (cleanup after a positive control)."""
    deadline = time.monotonic() + 10.0
    while alive := live_processes_named(name):
        for pid in alive:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        if time.monotonic() > deadline:
            raise AssertionError(f"could not kill leftover control processes {name}: {alive}")
        time.sleep(0.02)


class ConnectionLog:
    """A listening socket whose thread logs every connection it accepts and what the peer sent.

    ``close()`` stops the thread and then drains the accept queue without blocking, so a connection the
    kernel completed just before the program exited is counted too: no sleep needed to be sure.
    """

    def __init__(self, listener: socket.socket) -> None:
        self._listener = listener
        self._listener.listen(64)
        self._listener.setblocking(False)
        self.received: list[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @classmethod
    def tcp_loopback(cls) -> ConnectionLog:
        """Listen on 127.0.0.1 on a free port."""
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.bind(("127.0.0.1", 0))
        return cls(listener)

    @classmethod
    def abstract_unix(cls, name: str) -> ConnectionLog:
        """Listen on the abstract unix socket ``\\0name`` (scoped to the network namespace)."""
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind("\0" + name)
        return cls(listener)

    @property
    def port(self) -> int:
        return int(self._listener.getsockname()[1])

    def _serve(self) -> None:
        with selectors.DefaultSelector() as selector:
            selector.register(self._listener, selectors.EVENT_READ)
            while not self._stop.is_set():
                if selector.select(0.05):
                    self._accept_pending()

    def _accept_pending(self) -> None:
        while True:
            try:
                connection, _ = self._listener.accept()
            except BlockingIOError:
                return
            with connection:
                connection.settimeout(2.0)
                try:
                    self.received.append(connection.recv(4096))
                except OSError:
                    self.received.append(b"")

    def close(self) -> list[bytes]:
        """Stop listening; return what every accepted connection sent (one entry per connection)."""
        self._stop.set()
        self._thread.join(timeout=10)
        self._accept_pending()
        self._listener.close()
        return self.received
