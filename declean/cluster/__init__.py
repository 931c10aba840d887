"""Past one machine: ``declean run --executor ray`` works a run's problems out on the workers of a Ray
cluster, each running the same compiled graph with its own sandbox and model client, while the driver alone
writes the results. Ray is imported on first use (``pip install 'declean[cluster]'``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from declean.cluster.executor import RayExecutor

__all__ = ["RayExecutor"]


def __getattr__(name: str) -> Any:
    if name == "RayExecutor":
        from declean.cluster.executor import RayExecutor

        return RayExecutor
    raise AttributeError(f"module 'declean.cluster' has no attribute {name!r}")
