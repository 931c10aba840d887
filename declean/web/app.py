"""``declean serve``: the FastHTML app. Its detector, sandbox, feedback store and dataset are passed in
(:func:`create_app`), so tests and other apps embed it with their own.

Every asset is served from the package (``static/``): the pages load nothing from another host.
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fasthtml.common import H2, A, Body, FastHTML, Head, Html, Main, P, Title, to_xml
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from declean.data.feedback_store import FeedbackStore
from declean.web import check_page, dashboard, review_page
from declean.web.guards import MAX_SOURCE_BYTES, RateLimiter
from declean.web.jobs import Checker
from declean.web.layout import HEADERS, page

STATIC_DIR = Path(__file__).parent / "static"
_ANONYMOUS = "anonymous_id"
_SIGNED_IN = "signed_in"


@dataclass
class WebState:
    """What the routes share."""

    checker: Checker
    feedback: FeedbackStore
    dataset: Path | None = None
    limiter: RateLimiter = field(default_factory=RateLimiter)
    """Checks per session."""
    address_limiter: RateLimiter | None = None
    """Checks per client address, a looser bound (a script taking a new session for each check, or a
    school behind one address); by default ten times the per-session limit."""
    max_source_bytes: int = MAX_SOURCE_BYTES
    review_password: str | None = None
    """When set, the Review page asks for it (and the reviewer's name) once per session: students who
    can reach the Check page must not decide a dataset's labels."""

    def __post_init__(self) -> None:
        if self.address_limiter is None:
            self.address_limiter = RateLimiter(limit=self.limiter.limit * 10, window=self.limiter.window)

    def who(self, session: Any) -> str:
        """``huggingface:<user>`` when signed in, else ``anonymous:<session id>``."""
        signed = self.signed_in(session)
        if signed:
            return f"huggingface:{signed}"
        return f"anonymous:{anonymous_id(session)}"

    def signed_in(self, session: Any) -> str | None:
        value = session.get(_SIGNED_IN)
        return value if isinstance(value, str) else None

    def rate_limit_wait(self, session: Any, request: Request) -> float:
        """Seconds to wait before this check is allowed (0: allowed, and counted)."""
        address = request.client.host if request.client else "unknown"
        assert self.address_limiter is not None
        return self.limiter.wait(self.who(session)) or self.address_limiter.wait(address)


def anonymous_id(session: Any) -> str:
    value = session.get(_ANONYMOUS)
    if not isinstance(value, str):
        value = uuid.uuid4().hex[:16]
        session[_ANONYMOUS] = value
    return value


@dataclass(frozen=True)
class HuggingFaceLogin:
    """Hugging Face OAuth (an OAuth app's id and secret): who gave feedback, as the seed's demo did."""

    client_id: str
    client_secret: str


def create_app(
    state: WebState, *, secret_key: str | None = None, huggingface: HuggingFaceLogin | None = None
) -> FastHTML:
    """The app serving ``state``; sessions are signed with ``secret_key`` (a random one per process when
    ``None``: sessions then end with the process)."""
    app = FastHTML(
        default_hdrs=False,
        hdrs=HEADERS,
        secret_key=secret_key or secrets.token_urlsafe(32),
        session_cookie="declean_session",
        canonical=False,
        same_site="strict",
        exception_handlers={404: _not_found, 500: _server_error},
        routes=[Mount("/static", StaticFiles(directory=STATIC_DIR), name="static")],
    )

    def index(request: Request) -> Any:
        anonymous_id(request.session)
        return check_page.index(state, request.session)

    async def check(request: Request) -> Any:
        return await check_page.submit(state, request, request.session)

    def result(key: str, request: Request) -> Any:
        return check_page.poll(state, key, request.session)

    async def feedback(request: Request) -> Any:
        return await check_page.save_feedback(state, request, request.session)

    def show_dashboard(request: Request) -> Any:
        return dashboard.dashboard(state, request.session)

    async def decide(request: Request) -> Any:
        return await review_page.decide_record(state, request, request.session)

    def review(request: Request) -> Any:
        return review_page.review_index(state, request.session)

    async def review_login(request: Request) -> Any:
        return await review_page.sign_in(state, request, request.session)

    # Registered by call rather than as decorators: FastHTML's decorators are untyped.
    app.get("/")(index)
    app.post("/check")(check)
    app.get("/result/{key}")(result)
    app.post("/feedback")(feedback)
    app.get("/dashboard")(show_dashboard)
    if state.dataset is not None:
        app.get("/review")(review)
        app.post("/review/decide")(decide)
        app.post("/review/login")(review_login)
    _login(app, state, huggingface)
    return app


def _login(app: FastHTML, state: WebState, huggingface: HuggingFaceLogin | None) -> None:
    if huggingface is None:

        def no_login(request: Request) -> Any:
            return page(
                "Sign in",
                P("Sign-in is not configured: feedback is kept under an anonymous session id."),
                signed_in=state.signed_in(request.session),
                review=state.dataset is not None,
            )

        app.get("/login")(no_login)
        return

    from fasthtml.oauth import HuggingFaceClient, OAuth

    class OptionalSignIn(OAuth):  # type: ignore[misc]  # FastHTML's class is untyped
        """Signing in is optional: every page is open; the redirect stores the user name."""

        def get_auth(self, info: Any, ident: str, session: Any, state_: Any) -> Response:
            session[_SIGNED_IN] = str(info.get("preferred_username") or ident)
            return Response(status_code=303, headers={"location": "/"})

    client = HuggingFaceClient(huggingface.client_id, huggingface.client_secret)
    oauth = OptionalSignIn(app, client, skip=[r"/.*"])

    def login(request: Request) -> Any:
        return Response(status_code=303, headers={"location": oauth.login_link(request)})

    app.get("/login")(login)


def _not_found(request: Request, exc: Exception) -> Response:
    return _error_page("Not found", "There is no page here.", 404)


def _server_error(request: Request, exc: Exception) -> Response:
    return _error_page("Something went wrong", "The server could not answer; try again.", 500)


def _error_page(title: str, message: str, status: int) -> Response:
    body = to_xml(
        Html(
            Head(Title(f"{title} · declean"), *HEADERS),
            Body(Main(H2(title), P(message), A("Home", href="/"), cls="container")),
        )
    )
    return HTMLResponse(f"<!doctype html>\n{body}", status_code=status)
