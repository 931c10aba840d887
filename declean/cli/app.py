"""The ``declean`` command: one typer app, one module per command group."""

from __future__ import annotations

import logging
import sys
from typing import Annotated

import structlog
import typer

from declean.cli.cache import cache_app
from declean.cli.dataset import dataset_app
from declean.cli.detect import detect_app
from declean.cli.evaluate import evaluate_command
from declean.cli.feedback import feedback_app
from declean.cli.lint import lint
from declean.cli.review import review_app
from declean.cli.run import run
from declean.cli.sandbox import sandbox_app
from declean.cli.serve import serve
from declean.cli.trace import trace_app

app = typer.Typer(no_args_is_help=True, help="Verified, labeled code-quality datasets of C programs.")
app.add_typer(sandbox_app, name="sandbox")
app.add_typer(cache_app, name="cache")
app.add_typer(trace_app, name="trace")
app.add_typer(dataset_app, name="dataset")
app.add_typer(detect_app, name="detect")
app.add_typer(review_app, name="review")
app.add_typer(feedback_app, name="feedback")
app.command("run")(run)
app.command("lint")(lint)
app.command("eval")(evaluate_command)
app.command("serve")(serve)


@app.callback()
def main(verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log debug events.")] = False) -> None:
    """Logs go to stderr, so stdout stays clean for --json."""
    level = logging.DEBUG if verbose else logging.WARNING
    structlog.configure(
        wrapper_class=structlog.make_filtering_bound_logger(level),
        logger_factory=structlog.PrintLoggerFactory(file=sys.stderr),
    )
