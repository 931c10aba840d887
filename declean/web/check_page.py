"""The Check page: paste or upload C, see NO_COMPILE with gcc's errors under the lines, or the detector's
labels with explanations, highlighted lines and the static evidence; then say whether they were right."""

from __future__ import annotations

from collections import defaultdict
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
    Label,
    Legend,
    Li,
    P,
    Pre,
    Progress,
    Small,
    Span,
    Summary,
    Textarea,
    Ul,
)
from starlette.datastructures import UploadFile
from starlette.requests import Request

from declean.data.feedback_store import Feedback
from declean.principles import REGISTRY
from declean.web.guards import CSRF_FIELD, csrf_ok, csrf_token, source_too_large
from declean.web.layout import evidence_table, numbered_code, page

if TYPE_CHECKING:
    from declean.web.app import WebState
    from declean.web.checking import CheckResult
    from declean.web.jobs import Job


def check_form(session: Any) -> Any:
    return Form(
        Label("C source", Textarea(name="code", rows="14", placeholder="#include <stdio.h>\n...", id="code")),
        Label("or upload a .c file", Input(type="file", name="upload", accept=".c,.h,text/x-csrc")),
        Label(
            "stdin (optional: the program is run on it)",
            Textarea(name="stdin", rows="3", id="stdin"),
        ),
        Input(type="hidden", name=CSRF_FIELD, value=csrf_token(session)),
        Button("Check", type="submit", id="check"),
        hx_post="/check",
        hx_target="#result",
        hx_swap="outerHTML",
        hx_encoding="multipart/form-data",
    )


def index(state: WebState, session: Any) -> Any:
    return page(
        "Check your C",
        H2("Check your C code"),
        P(
            f"Labels: {', '.join(REGISTRY.names())}. The detector is ",
            Span(state.checker.detector.name, cls="label"),
            ".",
        ),
        check_form(session),
        Div(id="result"),
        signed_in=state.signed_in(session),
        review=state.dataset is not None,
    )


async def submit(state: WebState, request: Request, session: Any) -> Any:
    form = await request.form()
    if not csrf_ok(session, _text(form.get(CSRF_FIELD))):
        return error_box("This form expired: reload the page and try again.")
    code = _text(form.get("code"))
    upload = form.get("upload")
    if isinstance(upload, UploadFile) and upload.filename:
        raw = await upload.read(state.max_source_bytes + 1)
        if len(raw) > state.max_source_bytes:
            return error_box(
                f"Too large: {upload.filename} is over the {state.max_source_bytes // 1024} KiB limit."
            )
        try:
            code = raw.decode("utf-8")
        except UnicodeDecodeError:
            return error_box(f"{upload.filename} is not UTF-8 text.")
    code = _lines(code)
    if not code.strip():
        return error_box("Paste some C code or choose a .c file first.")
    too_large = source_too_large(code, state.max_source_bytes)
    if too_large:
        return error_box(f"Too large: {too_large}.")
    wait = state.rate_limit_wait(session, request)
    if wait > 0:
        return error_box(
            f"Too many checks: wait {wait:.0f} s (at most {state.limiter.limit} every "
            f"{state.limiter.window:.0f} s)."
        )
    job = state.checker.submit(code, _lines(_text(form.get("stdin"))))
    return job_panel(state, job, session)


def poll(state: WebState, key: str, session: Any) -> Any:
    job = state.checker.get(key)
    if job is None:
        return error_box("This result is no longer kept: check the code again.")
    return job_panel(state, job, session)


def job_panel(state: WebState, job: Job, session: Any) -> Any:
    if not job.done:
        return Div(
            P(f"Checking with {state.checker.detector.name}… {job.elapsed():.0f} s"),
            Progress(),
            Small("A model-based detector takes tens of seconds; other students are not held up."),
            id="result",
            hx_get=f"/result/{job.key}",
            hx_trigger="every 1s",
            hx_swap="outerHTML",
            aria_busy="true",
        )
    return result_panel(job, job.result(), session)


def result_panel(job: Job, result: CheckResult, session: Any) -> Any:
    errors: dict[int, list[str]] = defaultdict(list)
    for error in result.compiler_errors:
        if error.line is not None:
            errors[error.line].append(error.message)
    highlighted = {
        line
        for finding in result.findings
        for location in finding.locations
        for line in range(location.start_line, location.end_line + 1)
    }
    parts: list[Any] = [H3("Result")]
    if result.error:
        parts.append(error_box(result.error))
    if result.findings:
        parts.append(
            Ul(
                *[
                    Li(
                        Span(finding.label, cls="label"),
                        " ",
                        finding.explanation,
                        *(
                            [
                                Small(
                                    " ("
                                    + "; ".join(dict.fromkeys(loc.describe() for loc in finding.locations))
                                    + ")"
                                )
                            ]
                            if finding.locations
                            else []
                        ),
                        id=f"finding-{finding.label}",
                    )
                    for finding in result.findings
                ],
                id="labels",
            )
        )
    elif not result.error:
        parts.append(P("No principle violated: clean code.", id="labels"))
    parts.append(numbered_code(job.code, highlighted, errors))
    if result.run is not None:
        note = " (timed out)" if result.run.timed_out else f" (exit {result.run.exit_code})"
        parts.append(Details(Summary(f"Output on your stdin{note}"), Pre(result.run.stdout), open=True))
    if result.evidence:
        parts.append(Details(Summary("Static evidence"), evidence_table(result.evidence)))
    parts.append(feedback_form(job, result, session))
    return Div(*parts, id="result")


def feedback_form(job: Job, result: CheckResult, session: Any) -> Any:
    agree = [
        Fieldset(
            Legend(f"{label}: right?"),
            Label(Input(type="radio", name=f"agree_{label}", value="yes"), "agree"),
            Label(Input(type="radio", name=f"agree_{label}", value="no"), "disagree"),
        )
        for label in result.labels
    ]
    corrected = Fieldset(
        Legend("The labels this code deserves"),
        *[
            Label(
                Input(type="checkbox", name="corrected", value=name, checked=name in result.labels),
                name,
            )
            for name in REGISTRY.names()
        ],
    )
    return Form(
        H3("Was this right?"),
        *agree,
        corrected,
        Label("Comment", Textarea(name="comment", rows="2")),
        Input(type="hidden", name="key", value=job.key),
        Input(type="hidden", name=CSRF_FIELD, value=csrf_token(session)),
        Button("Send feedback", type="submit", cls="secondary", id="send-feedback"),
        hx_post="/feedback",
        hx_swap="outerHTML",
        id="feedback",
    )


async def save_feedback(state: WebState, request: Request, session: Any) -> Any:
    form = await request.form()
    if not csrf_ok(session, _text(form.get(CSRF_FIELD))):
        return error_box("This form expired: reload the page and try again.")
    job = state.checker.get(_text(form.get("key")))
    if job is None or not job.done:
        return error_box("This result is no longer kept: check the code again, then send feedback.")
    result = job.result()
    known = set(REGISTRY.names())
    corrected = [name for name in REGISTRY.names() if name in {_text(v) for v in form.getlist("corrected")}]
    agree = {
        label: _text(form.get(f"agree_{label}")) == "yes"
        for label in result.labels
        if _text(form.get(f"agree_{label}")) in ("yes", "no")
    }
    feedback = Feedback(
        who=state.who(session),
        code=job.code,
        detector=result.detector,
        detector_version=result.detector_version,
        model=result.model,
        prompt_hash=result.prompt_hash,
        predicted=[label for label in result.labels if label in known],
        agree=agree,
        corrected=corrected,
        comment=_text(form.get("comment"))[:4000],
    )
    number = state.feedback.add(feedback)
    return Div(P(f"Thank you: feedback #{number} saved."), id="feedback")


def error_box(message: str) -> Any:
    return Div(P(message), cls="error-box", id="result", role="alert")


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _lines(text: str) -> str:
    """Browsers send a textarea's line breaks as CRLF: the program is the same with LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
