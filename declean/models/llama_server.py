"""Serve the embedded model with llama-cpp-python's OpenAI-compatible server, as a child process.

declean starts it on 127.0.0.1 on a free port, waits until it answers, and stops it when the run ends (or
at interpreter exit). Clients reach it through ``ChatOpenAI`` like any other server: one code path.
"""

from __future__ import annotations

import atexit
import importlib.util
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import TracebackType
from typing import IO, Self

from declean.errors import ProviderError
from declean.models.embedded import INSTALL_HINT, QWEN_CODER_1_5B
from declean.paths import cache_dir

CONTEXT_TOKENS = 4096
_START_TIMEOUT_SECONDS = 180.0


def free_port() -> int:
    """A TCP port nothing listens on at the moment (the server binds it right after)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class LlamaServer:
    """``with LlamaServer(model_file) as server: server.base_url``; the process is gone afterwards."""

    def __init__(
        self,
        model_file: Path,
        *,
        alias: str = QWEN_CODER_1_5B.name,
        threads: int | None = None,
        context: int = CONTEXT_TOKENS,
        server_module: str = "llama_cpp.server",
        speculative: int = 0,
    ) -> None:
        if importlib.util.find_spec(server_module.split(".", maxsplit=1)[0]) is None:
            raise ProviderError(f"llama-cpp-python is not installed; {INSTALL_HINT}")
        self.model_file = model_file
        self.alias = alias
        self.server_module = server_module
        self.threads = threads or os.cpu_count() or 1
        self.context = context
        self.speculative = speculative
        """Draft tokens per step by prompt-lookup decoding; 0 (off) by default: on 2 cores
        (``bench/local_model.py``) it sped the fixer x1.11 and a de-clean rewrite x1.23 but slowed the
        generator to x0.26, which writes new text the prompt cannot predict."""
        self.port = 0
        self.log_path = cache_dir() / "llama-server.log"
        self._process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    @property
    def base_url(self) -> str:
        """The OpenAI-compatible endpoint."""
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self) -> Self:
        """Launch the server and wait until ``/v1/models`` answers; a failure says where the log is."""
        self.port = free_port()
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self._log = self.log_path.open("ab")
        command = [
            sys.executable, "-m", "declean.models.child_guard", str(_guarding_pid()), self.server_module,
            "--model", str(self.model_file),
            "--model_alias", self.alias, "--host", "127.0.0.1", "--port", str(self.port),
            "--n_threads", str(self.threads), "--n_threads_batch", str(self.threads),
            "--n_ctx", str(self.context),
        ]  # fmt: skip
        if self.speculative:
            command += [
                "--draft_model", "prompt-lookup-decoding",
                "--draft_model_num_pred_tokens", str(self.speculative),
            ]  # fmt: skip
        environment = {key: value for key, value in os.environ.items() if "KEY" not in key.upper()}
        self._process = subprocess.Popen(
            command, stdout=self._log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=environment
        )
        atexit.register(self.stop)
        self._wait_until_ready()
        return self

    def stop(self) -> None:
        """Terminate the server (kill it if it lingers). Idempotent."""
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self._log is not None:
            self._log.close()
            self._log = None

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + _START_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            assert self._process is not None
            if self._process.poll() is not None:
                self.stop()
                raise ProviderError(f"the embedded model server exited at start; see {self.log_path}")
            if answers(f"{self.base_url}/models"):
                return
            time.sleep(0.25)
        self.stop()
        raise ProviderError(f"the embedded model server did not answer within {_START_TIMEOUT_SECONDS:.0f}s")

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


def _guarding_pid() -> int:
    """Our pid, for the server to die with us; 0 (unguarded) when started from a thread other than the
    main one, since the kernel's signal follows the starting thread, which may end before the process."""
    return os.getpid() if threading.current_thread() is threading.main_thread() else 0


def answers(url: str, api_key: str | None = None) -> bool:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {api_key}"} if api_key else {})
    try:
        with urllib.request.urlopen(request, timeout=2) as response:
            json.load(response)
            return True
    except (urllib.error.URLError, OSError, ValueError):
        return False
