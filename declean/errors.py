"""Every error declean raises on purpose, in one hierarchy.

``DecleanError``
    The root: catch it to handle anything declean refuses to do.

``SandboxError``
    Something went wrong *around* a sandboxed program, never inside it: a crash, a timeout or a
    compile error of the untrusted code is a result, not an exception.

    ``SandboxUnavailableError``
        The backend cannot work on this machine (bubblewrap missing, user namespaces blocked, no
        Docker daemon, no gcc image). The message says how to fix it.

    ``SandboxImageError``
        Building the Docker gcc image failed.

``InputFileError``
    An input file that cannot be used (unreadable, not UTF-8); the message names the file and line.

    ``ProblemFileError``
        A problems file that cannot be used; the message names the file, the line or item, and the
        field. Nothing runs on a half-valid file.

``ReplyParseError``
    A model reply that the agent's parser cannot use (no code block, no verdict). Carries the raw reply.

``ProviderError``
    No model can be reached: a missing API key, an unreachable server, the embedded model not installed
    or not matching its published hash. Raised before any work starts.

``ConfigurationError``
    A setting or argument that cannot be honoured (an unknown backend name, an empty uid pool, a
    ``--resume`` with other settings than the run it continues).

``TraceNotFoundError``
    ``declean trace`` was asked about a run, sample or event that is not in the traces.

``DatasetError``
    A run directory, feedback database or directory, or dataset that cannot be used; the message names
    the file and the line.

    ``TestSetReusedError``
        A dataset version's test split was already evaluated; the ledger says when.

``ReviewError``
    A review round trip that cannot be done: a Label Studio server that does not answer, a token it
    refuses (the message says which kinds of token it takes), a missing project, an export that is not
    Label Studio's JSON (the message names the file and the task). Nothing is written when it is raised.
"""

from __future__ import annotations


class DecleanError(Exception):
    """The root of every error declean raises on purpose."""


class SandboxError(DecleanError):
    """A failure of the sandbox machinery itself, not of the program inside it."""


class SandboxUnavailableError(SandboxError):
    """The sandbox backend cannot run on this machine; the message says how to fix it."""


class SandboxImageError(SandboxError):
    """Building the gcc image for the Docker backend failed."""


class ProviderError(DecleanError):
    """No model can be reached with the configured provider; the message says how to fix it."""


class ConfigurationError(DecleanError):
    """A setting or argument that cannot be honoured."""


class InputFileError(DecleanError):
    """An input file that cannot be used; the message names the file and the line."""


class ProblemFileError(InputFileError):
    """A problems file that cannot be used; the message names the file, the line or item and the field."""


class ReplyParseError(DecleanError):
    """A model reply the agent's parser cannot use; ``raw`` keeps the reply as it came."""

    def __init__(self, message: str, raw: str) -> None:
        super().__init__(message)
        self.raw = raw


class TraceNotFoundError(DecleanError):
    """A run, sample or event named by the user is not in the traces."""


class DatasetError(DecleanError):
    """A run directory, feedback database or directory, or dataset that cannot be used (not a run, a corrupt
    line, a newer format); the message names the file and the line. Nothing is written when it is raised."""


class TestSetReusedError(DatasetError):
    """A dataset version's test split was evaluated before; the message says when. Pass ``again`` to
    evaluate it anyway (the ledger records that too)."""

    __test__ = False


class ReviewError(DecleanError):
    """A review round trip that cannot be done (server, token, project or export); never carries a token."""
