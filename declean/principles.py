"""The clean-code principles declean labels; a leaf module every layer may import."""

from __future__ import annotations

from typing import Literal, get_args

Principle = Literal["DRY", "SRP", "MC", "NAME"]
"""DRY: repeated logic; SRP: a function doing several jobs; MC: magic constants; NAME: meaningless names."""
PRINCIPLES: tuple[Principle, ...] = get_args(Principle)
DEFAULT_PRINCIPLE_ORDER: tuple[Principle, ...] = ("DRY", "SRP", "MC", "NAME")
