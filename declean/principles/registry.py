"""The registry of principles: which labels exist, and the spec behind each name."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from declean.errors import ConfigurationError
from declean.principles.base import Principle, PrincipleSpec


class PrincipleRegistry:
    """Principles by name, in registration order (the canonical label order)."""

    def __init__(self, specs: Iterable[PrincipleSpec] = ()) -> None:
        self._specs: dict[Principle, PrincipleSpec] = {}
        for spec in specs:
            self.register(spec)

    def register(self, spec: PrincipleSpec, *, replace: bool = False) -> PrincipleSpec:
        """Add ``spec``; a name already taken is refused unless ``replace``."""
        if spec.name in self._specs and not replace:
            raise ConfigurationError(f"principle {spec.name} is already registered (pass replace=True)")
        self._specs[spec.name] = spec
        return spec

    def unregister(self, name: Principle) -> None:
        """Remove a principle (a missing one is ignored)."""
        self._specs.pop(name, None)

    def get(self, name: Principle) -> PrincipleSpec:
        """The spec named ``name``; an unknown name is a :class:`ConfigurationError` listing the known."""
        try:
            return self._specs[name]
        except KeyError:
            raise ConfigurationError(f"unknown principle {name!r}: use one of {list(self._specs)}") from None

    def resolve(self, items: Iterable[Principle | PrincipleSpec]) -> tuple[PrincipleSpec, ...]:
        """Names looked up, specs taken as they are."""
        return tuple(item if isinstance(item, PrincipleSpec) else self.get(item) for item in items)

    def names(self) -> tuple[Principle, ...]:
        """Every label, in canonical order."""
        return tuple(self._specs)

    def measured(self) -> tuple[PrincipleSpec, ...]:
        """The principles a static measure decides (every label but ``NO_COMPILE``)."""
        return tuple(spec for spec in self._specs.values() if spec.measure is not None)

    def declean_targets(self) -> tuple[PrincipleSpec, ...]:
        """The principles a de-clean step can target (a transform or a prompt)."""
        return tuple(spec for spec in self._specs.values() if spec.can_declean)

    def __contains__(self, name: object) -> bool:
        return name in self._specs

    def __iter__(self) -> Iterator[PrincipleSpec]:
        return iter(tuple(self._specs.values()))
