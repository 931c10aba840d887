"""The ``declean`` command line: talks to a person, reads files and settings; nothing below it does."""

from declean.cli.app import app

__all__ = ["app"]
