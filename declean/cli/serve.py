"""``declean serve``: the web app where students paste C and get labels, give feedback, and where staff
review a dataset."""

from __future__ import annotations

import os
import secrets
from contextlib import ExitStack, closing
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from declean.cli.detect import DetectorOption, ModelFileOption, ModelOption, PromptOption, ProviderOption
from declean.cli.messages import error_line
from declean.errors import DecleanError

errors = Console(stderr=True)
SECRET_VARIABLE = "DECLEAN_WEB_SECRET"
REVIEW_PASSWORD_VARIABLE = "DECLEAN_REVIEW_PASSWORD"
LOOPBACK = ("127.0.0.1", "localhost", "::1")
OAUTH_VARIABLES = ("OAUTH_CLIENT_ID", "OAUTH_CLIENT_SECRET")
"""Hugging Face OAuth app credentials, under the names Hugging Face Spaces set."""


def serve(
    dataset: Annotated[
        Path | None, typer.Option("--dataset", help="A dataset directory: enables the Review page.")
    ] = None,
    detector: DetectorOption = "lint",
    prompt: PromptOption = None,
    model_file: ModelFileOption = None,
    provider: ProviderOption = None,
    model: ModelOption = None,
    host: Annotated[str, typer.Option(help="The address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="The port to listen on.")] = 8000,
    feedback_db: Annotated[
        Path, typer.Option("--feedback-db", help="Where feedback is kept (SQLite; made if missing).")
    ] = Path("feedback.sqlite"),
    sandbox_backend: Annotated[
        str, typer.Option("--sandbox", help="Where code is compiled and run: local, docker, auto.")
    ] = "local",
    checks_per_minute: Annotated[int, typer.Option(help="Checks one client may ask for a minute.")] = 10,
) -> None:
    """Serve the Check, Feedback, Review and Dashboard pages (everything from the package; no CDN)."""
    import uvicorn

    from declean.cli.models import open_models, settings_from
    from declean.data.feedback_store import FeedbackStore
    from declean.data.store import DatasetDir
    from declean.detect import MODEL_DETECTORS, make_detector
    from declean.sandbox import get_sandbox
    from declean.web.app import HuggingFaceLogin, WebState, create_app
    from declean.web.guards import RateLimiter
    from declean.web.jobs import Checker

    review_password = os.environ.get(REVIEW_PASSWORD_VARIABLE) or None
    if dataset is not None and review_password is None and host not in LOOPBACK:
        errors.print(
            f"[red]error:[/red] --dataset on {host} would let anyone who reaches the app decide the "
            f"dataset's labels: set {REVIEW_PASSWORD_VARIABLE} (the Review page then asks for it), "
            "or serve on 127.0.0.1",
            highlight=False,
        )
        raise typer.Exit(2)
    try:
        with ExitStack() as resources:
            if dataset is not None:
                DatasetDir(dataset).existing_index()
            chat = None
            if detector in MODEL_DETECTORS:
                chat = open_models(
                    resources, settings_from({"provider": provider, "model": model}), errors
                ).llm
            found = make_detector(detector, model=chat, prompt_file=prompt, model_file=model_file)
            sandbox = resources.enter_context(closing(get_sandbox(sandbox_backend)))
            checker = Checker(found, sandbox)
            resources.callback(checker.close)
            state = WebState(
                checker=checker,
                feedback=FeedbackStore(feedback_db),
                dataset=dataset,
                limiter=RateLimiter(limit=checks_per_minute),
                review_password=review_password,
            )
            client_id, client_secret = (os.environ.get(name, "") for name in OAUTH_VARIABLES)
            login = HuggingFaceLogin(client_id, client_secret) if client_id and client_secret else None
            app = create_app(state, secret_key=_secret_key(feedback_db), huggingface=login)
            errors.print(f"declean serve: http://{host}:{port} (detector {found.name})", highlight=False)
            uvicorn.run(app, host=host, port=port, log_level="warning")
    except DecleanError as error:
        errors.print(error_line(error), highlight=False)
        raise typer.Exit(2) from error


def _secret_key(feedback_db: Path) -> str:
    """``DECLEAN_WEB_SECRET``, else a key kept beside the feedback database (sessions survive restarts)."""
    from_environment = os.environ.get(SECRET_VARIABLE)
    if from_environment:
        return from_environment
    path = feedback_db.with_name(feedback_db.name + ".session-key")
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_urlsafe(32))
    return path.read_text().strip()
