"""Where declean keeps files between runs; a leaf module every layer may import."""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    """``$DECLEAN_CACHE_DIR``, else ``$XDG_CACHE_HOME/declean``, else ``~/.cache/declean``."""
    configured = os.environ.get("DECLEAN_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "declean"
