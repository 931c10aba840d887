"""NO_COMPILE: code that gcc refuses. Decided by a real compile in the sandbox, never by a measure."""

from __future__ import annotations

from declean.principles.base import PrincipleSpec

SPEC = PrincipleSpec(
    name="NO_COMPILE",
    title="does not compile",
    definition="The program is rejected by the C compiler (gcc, C17): it has a syntax or type error.",
    detection_hints="Only a real compile decides it; its errors are the explanation.",
    decided_by="compiler",
)
