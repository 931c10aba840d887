"""The Review page: a dataset's unreviewed records one by one, with the change from the parent, the
outputs and the evidence; accept, reject or relabel with the keyboard. Decisions go through the same
:func:`declean.review.apply.apply_reviews` as a Label Studio pull: into ``review.jsonl`` and a new version."""

from __future__ import annotations

import datetime as dt
import hmac
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fasthtml.common import (
    H2,
    H3,
    Button,
    Details,
    Div,
    Fieldset,
    Form,
    Input,
    Kbd,
    Label,
    Legend,
    P,
    Pre,
    Script,
    Small,
    Summary,
    Textarea,
)
from starlette.requests import Request

from declean.data.records import DatasetRecord
from declean.data.store import DatasetDir
from declean.principles import REGISTRY
from declean.review.apply import apply_reviews
from declean.review.tasks import evidence_text, outputs_text, parent_diff, provenance_text
from declean.review.verdicts import TaskReview, Verdict
from declean.web.guards import CSRF_FIELD, csrf_ok, csrf_token
from declean.web.layout import numbered_code, page

if TYPE_CHECKING:
    from declean.web.app import WebState

ACTIONS = ("accept", "relabel", "reject")
SHORTCUTS = Script(src="/static/review-keys.js")


def unreviewed(dataset: Path) -> tuple[list[DatasetRecord], dict[str, DatasetRecord], int]:
    """The current version's records nobody reviewed (train first), every record by id, and the total."""
    store = DatasetDir(dataset)
    version = store.existing_index().version()
    records = store.records(version)
    rejected = store.rejected(version)
    by_id = {record.id: record for record in [*records, *rejected]}
    waiting = [record for record in records if record.review is None]
    return waiting, by_id, len(records) + len(rejected)


REVIEWER = "reviewer"


def reviewer(state: WebState, session: Any) -> str | None:
    """Who may decide: the name given with the review password, or anyone when there is no password."""
    if state.review_password is None:
        return state.who(session)
    name = session.get(REVIEWER)
    return f"reviewer:{name}" if isinstance(name, str) and name else None


def sign_in_form(session: Any, message: str = "") -> Any:
    return Div(
        *([P(message, role="alert")] if message else []),
        Form(
            Label(
                "Your name (kept with every decision)", Input(name="name", required=True, id="reviewer-name")
            ),
            Label(
                "Review password",
                Input(name="password", type="password", required=True, id="review-password"),
            ),
            Input(type="hidden", name=CSRF_FIELD, value=csrf_token(session)),
            Button("Start reviewing", type="submit", id="start-review"),
            hx_post="/review/login",
            hx_target="#review",
            hx_swap="outerHTML",
        ),
        id="review",
    )


async def sign_in(state: WebState, request: Request, session: Any) -> Any:
    form = await request.form()
    sent = form.get(CSRF_FIELD)
    if not csrf_ok(session, sent if isinstance(sent, str) else None):
        return sign_in_form(session, "This form expired: try again.")
    password, name = str(form.get("password") or ""), str(form.get("name") or "").strip()[:80]
    if state.review_password is None or not hmac.compare_digest(password, state.review_password) or not name:
        return sign_in_form(session, "Wrong password, or no name given.")
    session[REVIEWER] = name
    return next_panel(state, session)


def review_index(state: WebState, session: Any) -> Any:
    panel = next_panel(state, session) if reviewer(state, session) else sign_in_form(session)
    return page(
        "Review",
        H2("Review the dataset"),
        P(
            "Keys: ",
            Kbd("a"),
            " accept, ",
            Kbd("s"),
            " save the ticked labels (relabel), ",
            Kbd("r"),
            " reject. Decisions go to review.jsonl and make a new dataset version.",
        ),
        panel,
        SHORTCUTS,
        signed_in=state.signed_in(session),
        review=True,
    )


def next_panel(state: WebState, session: Any, message: str = "") -> Any:
    assert state.dataset is not None
    waiting, by_id, total = unreviewed(state.dataset)
    notice = [P(message, id="notice")] if message else []
    if not waiting:
        return Div(*notice, P(f"Every record is reviewed ({total} records)."), id="review")
    record = waiting[0]
    parent = by_id.get(record.parent_id or "")
    return Div(
        *notice,
        Small(f"{total - len(waiting)} of {total} reviewed; this is {record.id} ({record.split})"),
        H3(f"Problem {record.problem_id}"),
        P(record.statement),
        numbered_code(record.code),
        Details(Summary("Change from its parent version"), Pre(parent_diff(record, parent)), open=True),
        Details(Summary("Outputs"), Pre(outputs_text(record))),
        Details(Summary("Static evidence"), Pre(evidence_text(record)), open=True),
        Small(provenance_text(record)),
        decision_form(record, session),
        id="review",
    )


def decision_form(record: DatasetRecord, session: Any) -> Any:
    return Form(
        Fieldset(
            Legend("Labels: every principle the code violates"),
            *[
                Label(
                    Input(type="checkbox", name="labels", value=name, checked=name in record.labels),
                    name,
                )
                for name in REGISTRY.names()
            ],
        ),
        Label("Reason or comment (say why when you reject)", Textarea(name="comment", rows="2")),
        Input(type="hidden", name="record_id", value=record.id),
        Input(type="hidden", name=CSRF_FIELD, value=csrf_token(session)),
        Div(
            Button("Accept (a)", name="action", value="accept", id="accept", type="submit"),
            Button(
                "Save labels (s)",
                name="action",
                value="relabel",
                id="relabel",
                type="submit",
                cls="secondary",
            ),
            Button("Reject (r)", name="action", value="reject", id="reject", type="submit", cls="contrast"),
            role="group",
        ),
        hx_post="/review/decide",
        hx_target="#review",
        hx_swap="outerHTML",
    )


async def decide_record(state: WebState, request: Request, session: Any) -> Any:
    assert state.dataset is not None
    form = await request.form()
    sent = form.get(CSRF_FIELD)
    name = reviewer(state, session)
    if name is None:
        return sign_in_form(session, "Sign in to review: nothing was saved.")
    if not csrf_ok(session, sent if isinstance(sent, str) else None):
        return next_panel(state, session, "This form expired: nothing was saved; decide again.")
    action = str(form.get("action") or "")
    record_id = str(form.get("record_id") or "")
    _, by_id, _ = unreviewed(state.dataset)
    record = by_id.get(record_id)
    if action not in ACTIONS or record is None:
        return next_panel(state, session, "Unknown record or action: nothing was saved.")
    labels = (
        record.labels
        if action in ("accept", "reject")
        else [name for name in REGISTRY.names() if name in {str(value) for value in form.getlist("labels")}]
    )
    verdict = Verdict(
        reviewer=name,
        labels=labels,
        adequate=action != "reject",
        different=True,
        comment=str(form.get("comment") or "")[:4000],
        updated=dt.datetime.now(dt.UTC).isoformat(timespec="microseconds"),
    )
    outcome = apply_reviews(
        state.dataset,
        [TaskReview(record_id=record.id, verdicts=[verdict])],
        source="web",
        project="declean serve",
    )
    done = ", ".join(f"{entry.action} {entry.record_id}" for entry in outcome.entries) or "nothing changed"
    return next_panel(state, session, f"Saved: {done} (dataset {outcome.version}).")
