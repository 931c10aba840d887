"""``python -m declean``: the same as the ``declean`` command."""

from declean.cli import app

app()
