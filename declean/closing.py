"""One home for "a resource usable in ``with``, closed on exit": the caches, the sandboxes and the
resolved models all end the same way."""

from __future__ import annotations

from abc import ABC, abstractmethod
from types import TracebackType
from typing import Self


class ClosesOnExit(ABC):
    """``with resource: ...`` returns the resource and calls its :meth:`close` on the way out."""

    @abstractmethod
    def close(self) -> None:
        """Release what the resource holds. Idempotent."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
