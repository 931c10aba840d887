"""Build the Docker backend's gcc image without a registry: debootstrap a minimal Debian, import it.

``python -m declean.sandbox.image [--tag TAG] [--mirror URL]`` does the same from the command line.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

import docker
import docker.errors
import requests
import structlog

from declean.errors import SandboxImageError

DEFAULT_IMAGE = "declean-gcc:bookworm"
"""Tag of the image the Docker backend runs gcc and the programs in."""

SUITE = "bookworm"
PACKAGES = ("gcc", "libc6-dev")
FALLBACK_MIRROR = "http://deb.debian.org/debian"
"""Only used when apt has no Debian source configured at all."""

_APT_SOURCES = Path("/etc/apt/sources.list")
_APT_SOURCES_DIR = Path("/etc/apt/sources.list.d")
_TRIMMED = (
    "var/cache/apt",
    "var/lib/apt/lists",
    "usr/share/doc",
    "usr/share/man",
    "usr/share/info",
    "usr/share/locale",
    "usr/share/lintian",
    "var/log",
)
_IMAGE_CHANGES = (
    "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
    "ENV LANG=C.UTF-8",
    'CMD ["/bin/sh"]',
)
_TAR_CHUNK = 1024 * 1024
_QUIET_DEBOOTSTRAP = tuple(
    f"I: {step}"
    for step in ("Retrieving", "Validating", "Extracting", "Unpacking", "Configuring", "Checking", "Found")
)

Log = Callable[[str], None]
_logger = structlog.get_logger(__name__)


def image_exists(tag: str, client: Any) -> bool:
    """Whether the engine behind ``client`` has an image called ``tag``."""
    try:
        client.images.get(tag)
    except docker.errors.ImageNotFound:
        return False
    return True


def apt_mirror(sources: Path = _APT_SOURCES, sources_dir: Path = _APT_SOURCES_DIR) -> str | None:
    """The Debian mirror apt already uses for the main archive (not security), or ``None``."""
    files = [sources] if sources.is_file() else []
    if sources_dir.is_dir():
        files += sorted(p for p in sources_dir.iterdir() if p.suffix in (".list", ".sources"))
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        entries = _deb822_entries(text) if path.suffix == ".sources" else _one_line_entries(text)
        for uri, suites in entries:
            if _is_main_debian_archive(uri, suites):
                return uri.rstrip("/")
    return None


def _one_line_entries(text: str) -> Iterator[tuple[str, list[str]]]:
    for raw in text.splitlines():
        words = raw.split("#", 1)[0].split()
        if len(words) < 3 or words[0] != "deb":
            continue
        rest = words[1:]
        if rest[0].startswith("["):
            while rest and not rest[0].endswith("]"):
                rest = rest[1:]
            rest = rest[1:]
        if len(rest) >= 2:
            yield rest[0], [rest[1]]


def _deb822_entries(text: str) -> Iterator[tuple[str, list[str]]]:
    for stanza in text.split("\n\n"):
        fields: dict[str, str] = {}
        for raw in stanza.splitlines():
            if raw.startswith("#") or ":" not in raw or raw[:1].isspace():
                continue
            key, value = raw.split(":", 1)
            fields[key.strip().lower()] = value.strip()
        if fields.get("enabled", "yes").lower() == "no" or "deb" not in fields.get("types", "").split():
            continue
        suites = fields.get("suites", "").split()
        for uri in fields.get("uris", "").split():
            yield uri, suites


def _is_main_debian_archive(uri: str, suites: list[str]) -> bool:
    return uri.startswith(("http://", "https://")) and "security" not in uri and SUITE in suites


def build_image(
    tag: str = DEFAULT_IMAGE,
    *,
    mirror: str | None = None,
    client: Any = None,
    log: Log | None = None,
) -> str:
    """Debootstrap Debian with gcc, trim it and ``docker import`` it as ``tag``; returns the tag.

    Needs root, ``debootstrap`` and a Docker daemon. ``mirror`` defaults to the one apt uses here.
    Raises :class:`SandboxImageError` saying what to fix.
    """
    say = log or (lambda message: _logger.info("image_build", message=message))
    debootstrap = _find_debootstrap()
    if os.geteuid() != 0:
        raise SandboxImageError("building the gcc image runs debootstrap, which needs root: run it as root")
    client = client if client is not None else _connect()
    mirror = mirror or apt_mirror() or FALLBACK_MIRROR
    started = time.monotonic()
    workdir = Path(tempfile.mkdtemp(prefix="declean-image-", dir="/var/tmp"))
    rootfs = workdir / "rootfs"
    try:
        say(f"debootstrap {SUITE} from {mirror} into {rootfs}")
        _debootstrap(debootstrap, rootfs, mirror, say)
        _trim(rootfs)
        say(f"importing {rootfs} as {tag}")
        _import(client, rootfs, tag)
    finally:
        _remove_tree(workdir, say)
    size = client.images.get(tag).attrs.get("Size", 0)
    say(f"built {tag}: {size / 1e6:.0f} MB in {time.monotonic() - started:.0f}s")
    return tag


def _find_debootstrap() -> str:
    found = shutil.which("debootstrap") or shutil.which("debootstrap", path="/usr/sbin:/sbin")
    if found is None:
        raise SandboxImageError("debootstrap is not installed: apt-get install debootstrap")
    return found


def _connect() -> Any:
    try:
        client = docker.from_env()
        client.ping()
    except (docker.errors.DockerException, requests.exceptions.RequestException) as error:
        raise SandboxImageError(
            f"no Docker daemon answers ({error}): start dockerd (e.g. .ci/docker-up.sh) and retry"
        ) from error
    return client


def _debootstrap(debootstrap: str, rootfs: Path, mirror: str, say: Log) -> None:
    argv = [
        debootstrap,
        "--variant=minbase",
        f"--include={','.join(PACKAGES)}",
        SUITE,
        str(rootfs),
        mirror,
    ]
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert process.stdout is not None
    tail: list[str] = []
    for line in process.stdout:
        tail = [*tail[-19:], line.rstrip()]
        if line.startswith(_QUIET_DEBOOTSTRAP):
            continue
        say(line.rstrip())
    if process.wait() != 0:
        raise SandboxImageError(
            f"debootstrap failed with status {process.returncode} (mirror {mirror}); last output:\n"
            + "\n".join(tail)
        )


def _trim(rootfs: Path) -> None:
    for relative in _TRIMMED:
        directory = rootfs / relative
        if directory.is_dir() and not directory.is_symlink():
            for child in directory.iterdir():
                if child.is_dir() and not child.is_symlink():
                    shutil.rmtree(child)
                else:
                    child.unlink()


def _import(client: Any, rootfs: Path, tag: str) -> None:
    repository, _, version = (
        tag.rpartition(":") if ":" in tag.rsplit("/", maxsplit=1)[-1] else (tag, "", "latest")
    )
    tar = subprocess.Popen(
        ["tar", "--numeric-owner", "-C", str(rootfs), "-c", "."],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert tar.stdout is not None and tar.stderr is not None
    try:
        client.api.import_image_from_stream(
            _chunks(tar.stdout), repository=repository, tag=version, changes=list(_IMAGE_CHANGES)
        )
    except docker.errors.DockerException as error:
        tar.kill()
        raise SandboxImageError(f"docker import of {tag} failed: {error}") from error
    finally:
        status = tar.wait()
        message = tar.stderr.read().decode(errors="replace")
    if status != 0:
        raise SandboxImageError(f"tar of the root filesystem failed with status {status}: {message}")


def _chunks(stream: IO[bytes]) -> Iterator[bytes]:
    while chunk := stream.read(_TAR_CHUNK):
        yield chunk


def _remove_tree(workdir: Path, say: Log) -> None:
    """Delete the build tree, but never through a mount debootstrap may have left behind."""
    mounted = [m for m in _mount_points() if m == workdir or workdir in m.parents]
    for mount in sorted(mounted, key=lambda p: len(p.parts), reverse=True):
        subprocess.run(["umount", str(mount)], check=False, capture_output=True)
    if any(m == workdir or workdir in m.parents for m in _mount_points()):
        say(f"leaving {workdir} in place: something is still mounted under it")
        return
    shutil.rmtree(workdir, ignore_errors=True)


def _mount_points() -> list[Path]:
    with open("/proc/self/mounts", encoding="utf-8") as mounts:
        return [Path(line.split()[1].replace("\\040", " ")) for line in mounts if line.strip()]


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry: build the image, print its tag; exit 1 with the reason on failure."""
    parser = argparse.ArgumentParser(prog="python -m declean.sandbox.image", description=__doc__)
    parser.add_argument("--tag", default=DEFAULT_IMAGE, help=f"image tag (default {DEFAULT_IMAGE})")
    parser.add_argument("--mirror", default=None, help="Debian mirror URL (default: the one apt uses)")
    args = parser.parse_args(argv)
    try:
        tag = build_image(args.tag, mirror=args.mirror, log=lambda m: print(m, file=sys.stderr, flush=True))
    except SandboxImageError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(tag)
    return 0


if __name__ == "__main__":
    sys.exit(main())
