"""The connection to a Label Studio server, through ``label-studio-sdk`` 2.x.

Every SDK or network failure leaves this module as one :class:`~declean.errors.ReviewError` saying what
to do; the token never appears in a message. The HTTP client can be passed in (``httpx.Client`` with a
``MockTransport`` in tests), as httpx does with its transports.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar, cast

import httpx

from declean.errors import ReviewError
from declean.review.config import LABELS
from declean.review.tasks import KEY

if TYPE_CHECKING:
    from label_studio_sdk import LabelStudio as SdkClient

DEFAULT_URL = "http://127.0.0.1:8080"
URL_VARIABLE = "LABEL_STUDIO_URL"
TOKEN_VARIABLE = "LABEL_STUDIO_API_KEY"
_T = TypeVar("_T")


@dataclass(frozen=True)
class ExistingTask:
    """A task already in the project."""

    id: int
    record_id: str
    predictions: dict[str, list[str]]
    """Model version (dataset version) -> the labels it predicted."""
    annotations: int


def token_kind(token: str) -> str:
    """``personal access token`` (a JWT) or ``legacy token``: the SDK sends them differently."""
    return "personal access token" if token.count(".") == 2 and token.startswith("eyJ") else "legacy token"


class LabelStudioConnection:
    """One server, one user."""

    def __init__(
        self, url: str | None = None, token: str | None = None, *, http_client: httpx.Client | None = None
    ) -> None:
        self.url = (url or os.environ.get(URL_VARIABLE) or DEFAULT_URL).rstrip("/")
        token = token or os.environ.get(TOKEN_VARIABLE)
        if not token:
            raise ReviewError(
                f"no Label Studio token: pass --token or set {TOKEN_VARIABLE} (Label Studio: Account & "
                "Settings, then Personal Access Token or Legacy Token)"
            )
        self._kind = token_kind(token)
        try:
            from label_studio_sdk import LabelStudio
        except ImportError as error:
            raise ReviewError(
                "label-studio-sdk is not installed: pip install 'declean[review]' (or the dev extra)"
            ) from error

        with self._errors("connect"):
            # The SDK's client forwards untyped ``*args, **kwargs`` to its typed base.
            self._sdk: SdkClient = LabelStudio(  # type: ignore[no-untyped-call]
                base_url=self.url, api_key=token, httpx_client=http_client or httpx.Client(timeout=60)
            )

    def whoami(self) -> str:
        """The user the token belongs to (checks the server and the token)."""
        user = self._call("check the token", self._sdk.users.whoami)
        return str(user.email or user.username or f"user {user.id}")

    def users(self) -> dict[int, str]:
        """User id -> e-mail, to name reviewers."""
        users = self._call("list users", self._sdk.users.list)
        return {int(user.id): str(user.email or user.username or f"user {user.id}") for user in users}

    def find_project(self, title: str) -> int | None:
        """The id of the project titled ``title``; ``None`` when there is none."""
        projects: list[Any] = self._call("list projects", lambda: list(self._sdk.projects.list(title=title)))
        matching = [project for project in projects if project.title == title]
        if len(matching) > 1:
            ids = ", ".join(str(project.id) for project in matching)
            raise ReviewError(
                f"{self.url}: {len(matching)} projects are titled {title!r} (ids {ids}); rename one"
            )
        return int(matching[0].id) if matching else None

    def project(self, title: str) -> int:
        """The id of the project titled ``title``, which must exist."""
        found = self.find_project(title)
        if found is None:
            raise ReviewError(
                f"{self.url}: no project titled {title!r}; push the dataset first (`declean review push`) "
                "or pass --project"
            )
        return found

    def create_project(self, title: str, label_config: str, description: str) -> int:
        project: Any = self._call(
            "create the project",
            lambda: self._sdk.projects.create(
                title=title, label_config=label_config, description=description
            ),
        )
        return int(project.id)

    def label_config(self, project_id: int) -> str:
        project = self._call("read the project", lambda: self._sdk.projects.get(id=project_id))
        return str(project.label_config or "")

    def set_label_config(self, project_id: int, label_config: str) -> None:
        self._call(
            "update the labeling config",
            lambda: self._sdk.projects.update(id=project_id, label_config=label_config),
        )

    def tasks(self, project_id: int) -> list[ExistingTask]:
        """Every task of the project that declean pushed, with its predictions."""
        raw: list[Any] = self._call(
            "list tasks", lambda: list(self._sdk.tasks.list(project=project_id, fields="all"))
        )
        tasks = []
        for task in raw:
            data = task.data if isinstance(task.data, dict) else {}
            record_id = data.get(KEY)
            if not isinstance(record_id, str) or task.id is None:
                continue
            tasks.append(
                ExistingTask(
                    id=int(task.id),
                    record_id=record_id,
                    predictions=_predictions(getattr(task, "predictions", None) or []),
                    annotations=int(getattr(task, "total_annotations", 0) or 0),
                )
            )
        return tasks

    def import_tasks(self, project_id: int, tasks: list[dict[str, Any]]) -> None:
        # The SDK types the request as its own models; Label Studio takes the same JSON as plain dicts.
        request = cast("list[Any]", tasks)
        self._call("import tasks", lambda: self._sdk.projects.import_tasks(id=project_id, request=request))

    def add_prediction(self, task_id: int, result: list[dict[str, Any]], model_version: str) -> None:
        self._call(
            "add a prediction",
            lambda: self._sdk.predictions.create(task=task_id, result=result, model_version=model_version),
        )

    def export(self, project_id: int) -> object:
        """The project's annotated tasks, as Label Studio's JSON export."""
        chunks = self._call(
            "export annotations",
            lambda: b"".join(self._sdk.projects.exports.download_sync(id=project_id, export_type="JSON")),
        )
        try:
            return json.loads(chunks)
        except json.JSONDecodeError as error:
            raise ReviewError(
                f"{self.url}: the export of project {project_id} is not JSON ({error})"
            ) from error

    def _call(self, what: str, action: Callable[[], _T]) -> _T:
        with self._errors(what):
            return action()
        raise AssertionError("unreachable")  # pragma: no cover (the context manager re-raises)

    @contextmanager
    def _errors(self, what: str) -> Iterator[None]:
        from label_studio_sdk.core.api_error import ApiError

        try:
            yield
        except ApiError as error:
            raise self._api_error(what, error) from None
        except httpx.ConnectError as error:
            raise ReviewError(
                f"cannot reach Label Studio at {self.url} to {what} ({error}); start it "
                f"(`label-studio start`) or pass --url / set {URL_VARIABLE}"
            ) from None
        except httpx.HTTPError as error:
            raise ReviewError(f"Label Studio at {self.url} did not answer to {what} ({error})") from None

    def _api_error(self, what: str, error: Any) -> ReviewError:
        status = error.status_code
        detail = _detail(error.body)
        if status == 401:
            return ReviewError(
                f"Label Studio at {self.url} refused the token (HTTP 401: {detail}). declean read it as a "
                f"{self._kind}: a personal access token (a JWT, Account & Settings > Personal Access Token) "
                "is exchanged for an access token and sent as Bearer; a legacy token (Account & Settings > "
                "Legacy Token) is sent as 'Token' and works only if the organisation allows legacy tokens "
                "(Organization > API Tokens Settings). Copy the right one into "
                f"{TOKEN_VARIABLE} or --token"
            )
        if status == 403:
            return ReviewError(
                f"Label Studio at {self.url}: the token's user may not {what} (HTTP 403: {detail})"
            )
        if status == 404:
            return ReviewError(
                f"Label Studio at {self.url}: not found when trying to {what} (HTTP 404: {detail})"
            )
        return ReviewError(f"Label Studio at {self.url} failed to {what} (HTTP {status}: {detail})")


def _detail(body: object) -> str:
    if isinstance(body, dict):
        for key in ("detail", "validation_errors", "message"):
            if key in body:
                return str(body[key])[:300]
    return str(body)[:300]


def _predictions(predictions: list[Any]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for prediction in predictions:
        item = prediction if isinstance(prediction, dict) else prediction.dict()
        labels: list[str] = []
        for result in item.get("result") or []:
            if result.get("from_name") == LABELS:
                labels = list(result.get("value", {}).get("choices", []))
        found[str(item.get("model_version") or "")] = labels
    return found
