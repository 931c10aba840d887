"""How the commands word an error for the terminal."""

from __future__ import annotations

from rich.markup import escape


def error_line(error: object) -> str:
    """``error:`` and the message, for a rich console: brackets in the message (a path, C code such as
    ``a[i]``, an extra such as ``declean[cluster]``) are printed as they are, not read as markup."""
    return f"[red]error:[/red] {escape(str(error))}"
