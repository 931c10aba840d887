"""``declean serve``'s routes without a browser: the real app on the real sandbox, driven with Starlette's
test client (which keeps the session cookie between requests, as a browser does).

What stands between a request and the sandbox (the CSRF token, the size limit, the rate limit), the
polling of a running check, a detector that fails or writes markup, the error pages, feedback and review
decisions.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from starlette.testclient import TestClient

from declean.data.ledger import Ledger, LedgerEntry
from declean.data.store import DatasetDir
from declean.detect.base import Detection, Detector, Finding, Location
from declean.detect.lint import LintDetector
from declean.sandbox.local import LocalSandbox
from declean.web.app import STATIC_DIR, HuggingFaceLogin, WebState, create_app
from declean.web.guards import RateLimiter
from tests.review_support import copy_dataset, make_dataset
from tests.web_support import (
    LOCAL_HOST,
    MAGIC_PROGRAM,
    csrf_in,
    journal_lines,
    make_state,
    shown_record,
)

POLL_SECONDS = 60.0


class BoomDetector:
    """A detector that fails the way a broken model does."""

    name = "boom"

    def detect(self, source: str) -> Detection:
        raise RuntimeError("model exploded")


class MarkupDetector:
    """A detector whose explanation is markup (as a model's reply may be)."""

    name = "markup"

    def detect(self, source: str) -> Detection:
        finding = Finding(
            label="MC",
            explanation="<script>alert(1)</script> is a magic number",
            locations=[Location(start_line=1, end_line=1)],
        )
        return Detection(detector=self.name, findings=[finding])


class GatedDetector:
    """The lint detector, once ``gate`` is set: a check stays running for as long as the test wants."""

    name = "gated"

    def __init__(self) -> None:
        self.gate = threading.Event()
        self.calls = 0

    def detect(self, source: str) -> Detection:
        assert self.gate.wait(POLL_SECONDS), "the test never opened the gate"
        self.calls += 1
        return LintDetector().detect(source)


@dataclass
class Site:
    """The app of ``state`` and a client with its own session."""

    state: WebState
    client: TestClient

    def csrf(self) -> str:
        """The session's CSRF token, from the Check page's hidden input (this also starts the session)."""
        response = self.client.get("/")
        assert response.status_code == 200
        return csrf_in(response.text)

    def check(self, code: str, stdin: str = "", *, csrf: str | None = None) -> str:
        """The answer to the Check form with ``code`` and ``stdin`` (``csrf`` left out when ``None``)."""
        data = {"code": code, "stdin": stdin}
        if csrf is not None:
            data["csrf"] = csrf
        response = self.client.post("/check", data=data)
        assert response.status_code == 200
        return response.text

    def finished(self, code: str, stdin: str = "") -> str:
        """The result panel of ``code``'s check, polled until the check is done."""
        key = self.state.checker.key(code, stdin)
        deadline = time.monotonic() + POLL_SECONDS
        while True:
            response = self.client.get(f"/result/{key}")
            assert response.status_code == 200
            if "hx-get=" not in response.text:
                return response.text
            assert time.monotonic() < deadline, "the check did not finish"
            time.sleep(0.1)


SiteFactory = Callable[..., Site]


@pytest.fixture(scope="module")
def built_dataset(tmp_path_factory: pytest.TempPathFactory, local_sandbox: LocalSandbox) -> Path:
    return make_dataset(tmp_path_factory.mktemp("web-routes-dataset"), local_sandbox)


@pytest.fixture
def site(tmp_path: Path, local_sandbox: LocalSandbox) -> Iterator[SiteFactory]:
    """``site(detector=..., dataset=..., limiter=...)``: a fresh app and client; checkers closed after."""
    made: list[Site] = []

    def make(
        detector: Detector | None = None,
        *,
        dataset: Path | None = None,
        limiter: RateLimiter | None = None,
        raise_server_exceptions: bool = True,
    ) -> Site:
        state = make_state(
            tmp_path / f"state-{len(made)}",
            detector or LintDetector(),
            local_sandbox,
            dataset=dataset,
            limiter=limiter,
        )
        client = TestClient(create_app(state), raise_server_exceptions=raise_server_exceptions)
        made.append(Site(state=state, client=client))
        return made[-1]

    yield make
    for made_site in made:
        made_site.client.close()
        made_site.state.checker.close()


@pytest.fixture
def dataset(built_dataset: Path, tmp_path: Path) -> Path:
    return copy_dataset(built_dataset, tmp_path / "dataset")


_LINKS = re.compile(r"""\b(?:src|href)\s*=\s*["']([^"']*)["']""")


def links(html: str) -> list[str]:
    return _LINKS.findall(html)


def test_pages_load_only_the_apps_own_assets(site: SiteFactory, dataset: Path) -> None:
    app = site(dataset=dataset)
    index = app.client.get("/")
    assert index.status_code == 200
    assert re.search(r'<input type="hidden" name="csrf" value="[\w-]{20,}"', index.text), index.text
    assets = {url for url in links(index.text) if url.startswith("/static/")}
    assert assets == {"/static/pico.min.css", "/static/htmx.min.js", "/static/declean.css"}
    for path in ("/", "/dashboard", "/review", "/login", "/no-such-page"):
        html = app.client.get(path).text
        for url in links(html):
            parts = urlsplit(url)
            assert parts.scheme in ("", "http") and parts.netloc in ("", LOCAL_HOST), (path, url)
    assert "/static/review-keys.js" in links(app.client.get("/review").text)


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("htmx.min.js", "javascript"),
        ("pico.min.css", "text/css"),
        ("declean.css", "text/css"),
        ("review-keys.js", "javascript"),
    ],
)
def test_static_assets_are_served(site: SiteFactory, path: str, kind: str) -> None:
    response = site().client.get(f"/static/{path}")
    assert response.status_code == 200
    assert kind in response.headers["content-type"]
    assert response.content == (STATIC_DIR / path).read_bytes()


def test_a_check_without_the_right_csrf_token_is_refused(site: SiteFactory) -> None:
    app = site()
    token = app.csrf()
    for sent in (None, "", "not-" + token):
        response = app.check(MAGIC_PROGRAM, csrf=sent)
        assert "This form expired: reload the page and try again." in response
    assert app.state.checker.get(app.state.checker.key(MAGIC_PROGRAM, "")) is None


def test_a_session_without_a_token_is_refused(site: SiteFactory) -> None:
    """No GET first: the session holds no token, so no token sent can match."""
    app = site()
    response = app.check(MAGIC_PROGRAM, csrf="anything")
    assert "This form expired" in response
    assert app.state.checker.get(app.state.checker.key(MAGIC_PROGRAM, "")) is None


def test_a_source_over_64_kib_is_refused(site: SiteFactory) -> None:
    app = site()
    code = MAGIC_PROGRAM + "/*" + "x" * (64 * 1024) + "*/\n"
    response = app.check(code, csrf=app.csrf())
    assert "Too large: the source is" in response
    assert "the limit is 65,536 bytes (64 KiB)" in response
    assert app.state.checker.get(app.state.checker.key(code, "")) is None


def test_an_uploaded_source_over_64_kib_is_refused(site: SiteFactory) -> None:
    app = site()
    code = MAGIC_PROGRAM + "/*" + "x" * (64 * 1024) + "*/\n"
    response = app.client.post(
        "/check",
        data={"csrf": app.csrf()},
        files={"upload": ("big.c", code.encode(), "text/x-csrc")},
    )
    assert "Too large" in response.text


def test_the_states_size_limit_is_the_one_applied(site: SiteFactory) -> None:
    """``WebState.max_source_bytes`` is the limit a deployment sets; a pasted source over it is refused."""
    app = site()
    app.state.max_source_bytes = 1024
    code = MAGIC_PROGRAM + "/*" + "x" * 2048 + "*/\n"
    response = app.check(code, csrf=app.csrf())
    assert "Too large" in response
    assert app.state.checker.get(app.state.checker.key(code, "")) is None


def test_an_upload_over_the_states_size_limit_is_refused_not_cut(site: SiteFactory) -> None:
    """An upload is read up to the limit and one byte more: that byte must make it refused, never checked
    as the cut program."""
    app = site()
    app.state.max_source_bytes = 200
    response = app.client.post(
        "/check",
        data={"csrf": app.csrf()},
        files={"upload": ("long.c", MAGIC_PROGRAM.encode(), "text/x-csrc")},
    )
    assert "Too large" in response.text
    assert "hx-get=" not in response.text


def test_an_upload_that_is_not_utf8_is_refused(site: SiteFactory) -> None:
    app = site()
    response = app.client.post(
        "/check",
        data={"csrf": app.csrf()},
        files={"upload": ("latin.c", b"int main(void) { return 0; } /* \xe9 */\n", "text/x-csrc")},
    )
    assert "latin.c is not UTF-8 text." in response.text


def test_empty_code_is_refused(site: SiteFactory) -> None:
    app = site()
    response = app.check("  \n", csrf=app.csrf())
    assert "Paste some C code or choose a .c file first." in response


def test_the_rate_limit_refuses_the_third_check(site: SiteFactory) -> None:
    app = site(limiter=RateLimiter(limit=2))
    token = app.csrf()
    for number in range(2):
        response = app.check(f"int main(void) {{ return {number}; }}\n", csrf=token)
        assert "Too many checks" not in response
    refused = app.check("int main(void) { return 2; }\n", csrf=token)
    assert "Too many checks: wait" in refused
    assert "at most 2 every 60 s" in refused
    assert app.state.checker.get(app.state.checker.key("int main(void) { return 2; }\n", "")) is None


def test_a_running_check_is_polled_until_its_labels_show(site: SiteFactory) -> None:
    detector = GatedDetector()
    app = site(detector)
    key = app.state.checker.key(MAGIC_PROGRAM, "100\n")
    submitted = app.check(MAGIC_PROGRAM, "100\n", csrf=app.csrf())
    assert f'hx-get="/result/{key}"' in submitted
    assert "Checking with gated" in submitted
    running = app.client.get(f"/result/{key}")
    assert f'hx-get="/result/{key}"' in running.text
    detector.gate.set()
    done = app.finished(MAGIC_PROGRAM, "100\n")
    assert 'id="labels"' in done
    assert 'id="finding-MC"' in done
    assert 'class="line hit"' in done
    assert "0 100\n24 100\n48 100" in done
    assert detector.calls == 1
    again = app.check(MAGIC_PROGRAM, "100\n", csrf=app.csrf())  # cached: answered at once
    assert 'id="finding-MC"' in again
    assert detector.calls == 1


def test_an_unknown_result_key_says_so(site: SiteFactory) -> None:
    response = site().client.get("/result/0123456789abcdef")
    assert response.status_code == 200
    assert "This result is no longer kept" in response.text


def test_a_failing_detector_is_a_message_not_a_traceback(site: SiteFactory) -> None:
    app = site(BoomDetector())
    app.check(MAGIC_PROGRAM, csrf=app.csrf())
    page = app.finished(MAGIC_PROGRAM)
    assert "the boom detector failed: RuntimeError: model exploded" in page
    assert "Traceback" not in page
    assert 'id="line-9"' in page  # the code is still shown


def test_markup_in_an_explanation_is_escaped(site: SiteFactory) -> None:
    app = site(MarkupDetector())
    app.check(MAGIC_PROGRAM, csrf=app.csrf())
    page = app.finished(MAGIC_PROGRAM)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; is a magic number" in page
    assert "<script>alert(1)" not in page


def test_an_unknown_url_is_a_404_page_without_a_traceback(site: SiteFactory) -> None:
    response = site().client.get("/no/such/page")
    assert response.status_code == 404
    assert "There is no page here." in response.text
    assert "Traceback" not in response.text


def test_a_server_error_is_a_page_without_a_traceback(site: SiteFactory, tmp_path: Path) -> None:
    app = site(dataset=tmp_path / "not-a-dataset", raise_server_exceptions=False)
    response = app.client.get("/review")
    assert response.status_code == 500
    assert "The server could not answer; try again." in response.text
    assert "Traceback" not in response.text
    assert "not-a-dataset" not in response.text


def test_feedback_is_stored(site: SiteFactory) -> None:
    app = site()
    token = app.csrf()
    app.check(MAGIC_PROGRAM, csrf=token)
    app.finished(MAGIC_PROGRAM)
    form: dict[str, Any] = {
        "csrf": token,
        "key": app.state.checker.key(MAGIC_PROGRAM, ""),
        "agree_MC": "yes",
        "corrected": ["NAME", "MC", "BOGUS"],
        "comment": "right about 86400",
    }
    response = app.client.post("/feedback", data=form)
    assert "Thank you: feedback #1 saved." in response.text
    [row] = app.state.feedback.entries()
    assert (row.code, row.predicted, row.agree) == (MAGIC_PROGRAM, ["MC"], {"MC": True})
    assert row.corrected == ["MC", "NAME"]  # registry order; unknown names dropped
    assert row.comment == "right about 86400"
    assert row.who.startswith("anonymous:")
    assert (row.detector, row.model, row.prompt_hash) == ("lint", None, None)


def test_feedback_without_the_token_or_a_known_result_is_not_stored(site: SiteFactory) -> None:
    app = site()
    token = app.csrf()
    app.check(MAGIC_PROGRAM, csrf=token)
    app.finished(MAGIC_PROGRAM)
    key = app.state.checker.key(MAGIC_PROGRAM, "")
    refused = app.client.post("/feedback", data={"csrf": "wrong", "key": key, "corrected": "MC"})
    assert "This form expired" in refused.text
    unknown = app.client.post("/feedback", data={"csrf": token, "key": "0" * 32, "corrected": "MC"})
    assert "This result is no longer kept" in unknown.text
    assert app.state.feedback.count() == 0


def test_without_a_dataset_there_is_no_review(site: SiteFactory) -> None:
    app = site(dataset=None)
    assert app.client.get("/review").status_code == 404
    token = app.csrf()
    decide = app.client.post("/review/decide", data={"csrf": token, "action": "accept", "record_id": "x"})
    assert decide.status_code in (404, 405)
    for path in ("/", "/dashboard"):
        html = app.client.get(path).text
        assert 'href="/review"' not in html, path
        assert ">Review<" not in html, path
    assert "No dataset" in app.client.get("/dashboard").text


def test_a_review_decision_is_written_to_the_journal(site: SiteFactory, dataset: Path) -> None:
    app = site(dataset=dataset)
    page = app.client.get("/review")
    assert page.status_code == 200
    assert 'href="/review"' in page.text
    record_id = shown_record(page.text)
    token = csrf_in(page.text)
    data = {"csrf": token, "action": "accept", "record_id": record_id, "comment": "fine"}
    response = app.client.post("/review/decide", data=data)
    assert f"Saved: accept {record_id}" in response.text
    [line] = journal_lines(dataset)
    assert (line["action"], line["source"], line["record_id"]) == ("accept", "web", record_id)
    assert line["project"] == "declean serve"
    [reviewer] = line["reviewers"]
    assert reviewer.startswith("anonymous:")
    assert shown_record(response.text) != record_id


def test_a_review_decision_without_the_token_or_a_known_record_is_not_saved(
    site: SiteFactory, dataset: Path
) -> None:
    app = site(dataset=dataset)
    page = app.client.get("/review").text
    record_id, token = shown_record(page), csrf_in(page)
    expired = app.client.post(
        "/review/decide", data={"csrf": "no", "action": "accept", "record_id": record_id}
    )
    assert "This form expired: nothing was saved; decide again." in expired.text
    unknown = app.client.post(
        "/review/decide", data={"csrf": token, "action": "accept", "record_id": "no/such/record"}
    )
    assert "Unknown record or action: nothing was saved." in unknown.text
    bad_action = app.client.post(
        "/review/decide", data={"csrf": token, "action": "drop", "record_id": record_id}
    )
    assert "Unknown record or action" in bad_action.text
    assert journal_lines(dataset) == []


def test_the_dashboard_shows_the_latest_evaluation_as_a_table_and_a_chart_per_label(
    site: SiteFactory, dataset: Path
) -> None:
    version = DatasetDir(dataset).existing_index().version()
    older = LedgerEntry(
        version=version.name, fingerprint=version.fingerprint, split="validation", detector="llm", scores={}
    )
    entries = [
        LedgerEntry(
            version=version.name,
            fingerprint=version.fingerprint,
            split="test",
            detector=name,
            scores={"jaccard_MC": mc, "jaccard_DRY": 0.5, "micro_f1": 0.7},
        )
        for name, mc in (("lint", 0.86), ("<b>trained</b>", 0.25))
    ]
    Ledger(dataset).record(older, *entries)
    page = site(dataset=dataset).client.get("/dashboard").text
    evaluation = page[page.index('id="evaluation"') :]
    assert "test split of" in evaluation and "llm" not in evaluation  # only the latest evaluation
    assert "<td>0.86</td>" in evaluation and "<td>0.25</td>" in evaluation
    assert evaluation.count("<svg") == 2  # DRY and MC
    assert 'width="223.6"' in evaluation  # 0.86 of the 260-pixel bar
    assert "&lt;b&gt;trained&lt;/b&gt;" in evaluation and "<b>trained" not in evaluation


def test_signing_in_with_hugging_face_is_optional_and_redirects_to_its_authorize_page(
    tmp_path: Path, local_sandbox: LocalSandbox
) -> None:
    state = make_state(tmp_path / "hf", LintDetector(), local_sandbox)
    app = create_app(state, huggingface=HuggingFaceLogin("client-123", "secret-456"))
    with TestClient(app, follow_redirects=False) as client:
        assert client.get("/").status_code == 200  # anonymous use stays open
        login = client.get("/login")
        assert login.status_code == 303
        target = urlsplit(login.headers["location"])
        assert (target.scheme, target.netloc, target.path) == ("https", "huggingface.co", "/oauth/authorize")
        query = parse_qs(target.query)
        assert query["client_id"] == ["client-123"]
        assert query["redirect_uri"][0].endswith("://testserver/redirect")
        assert "secret-456" not in login.headers["location"]
        assert "secret-456" not in client.get("/").text
    state.checker.close()


def test_with_a_review_password_only_a_signed_in_reviewer_decides(site: SiteFactory, dataset: Path) -> None:
    app = site(dataset=dataset)
    app.state.review_password = "staff-only"
    token = app.csrf()
    page = app.client.get("/review").text
    assert 'id="review-password"' in page and 'name="record_id"' not in page
    record = next(r for r in DatasetDir(dataset).records(DatasetDir(dataset).existing_index().version()))
    refused = app.client.post(
        "/review/decide", data={"record_id": record.id, "action": "reject", "csrf": token}
    )
    assert "Sign in to review: nothing was saved." in refused.text
    assert not (dataset / "review.jsonl").exists()
    wrong = app.client.post("/review/login", data={"name": "Ada", "password": "guess", "csrf": token})
    assert "Wrong password" in wrong.text and 'name="record_id"' not in wrong.text
    signed = app.client.post("/review/login", data={"name": "Ada", "password": "staff-only", "csrf": token})
    shown = re.search(r'name="record_id" value="([^"]+)"', signed.text)
    assert shown is not None
    app.client.post("/review/decide", data={"record_id": shown.group(1), "action": "accept", "csrf": token})
    entry = json.loads((dataset / "review.jsonl").read_text().splitlines()[-1])
    assert entry["reviewers"] == ["reviewer:Ada"] and entry["action"] == "accept" and entry["source"] == "web"


def test_serving_a_dataset_beyond_loopback_needs_a_review_password(
    dataset: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from declean.cli.app import app as cli

    monkeypatch.delenv("DECLEAN_REVIEW_PASSWORD", raising=False)
    arguments = [
        "serve",
        "--dataset",
        str(dataset),
        "--host",
        "0.0.0.0",
        "--feedback-db",
        str(tmp_path / "f"),
    ]
    refused = CliRunner().invoke(cli, arguments)
    assert refused.exit_code == 2 and "set DECLEAN_REVIEW_PASSWORD" in refused.output
    assert not (tmp_path / "f").exists()  # refused before anything was made
