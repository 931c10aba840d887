"""``declean serve`` in headless Chromium: the real app (the lint detector, the bubblewrap sandbox, a real
dataset) served by uvicorn on 127.0.0.1 and driven with Playwright as a student and a reviewer would.

Every page's requests go through a route that aborts and records any request to another host: the app
must load nothing from a CDN. Screenshots go to ``$DECLEAN_SCREENSHOT_DIR`` when set, else to the test's
directory. Chromium is required where ``DECLEAN_REQUIRE_CHROMIUM=1``; elsewhere its absence skips.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, FilePayload, Locator, Page, Route, expect, sync_playwright

from declean.data.feedback import export_feedback
from declean.data.store import DatasetDir
from declean.detect.lint import LintDetector
from declean.sandbox.local import LocalSandbox
from tests import web_support
from tests.review_support import copy_dataset, make_dataset
from tests.web_support import (
    BROKEN_PROGRAM,
    HOSTILE_COMMENT,
    HOSTILE_OUTPUT,
    HOSTILE_PROGRAM,
    LOCAL_HOST,
    MAGIC_LINES,
    MAGIC_PROGRAM,
    UPLOADED_PROGRAM,
    LiveServer,
    journal_lines,
    make_state,
    screenshot_dir,
    shown_record,
)

CHECK_TIMEOUT_MS = 60_000
"""A check compiles and runs in the sandbox; the page polls every second."""


@dataclass
class Visit:
    """One browser page on the app, with every request it tried to make to another host."""

    page: Page
    url: str
    off_host: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def route(self, route: Route) -> None:
        if urlsplit(route.request.url).hostname == LOCAL_HOST:
            route.continue_()
        else:
            self.off_host.append(route.request.url)
            route.abort()

    def open(self, path: str) -> None:
        response = self.page.goto(self.url + path)
        assert response is not None and response.status == 200, path

    def finish(self, screenshot: Path | None = None) -> None:
        """Screenshot the page, then: nothing was asked of another host, no script failed."""
        if screenshot is not None:
            self.page.screenshot(path=str(screenshot), full_page=True)
        assert self.off_host == [], f"the page asked another host: {self.off_host}"
        assert self.page_errors == [], f"the page's scripts failed: {self.page_errors}"


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory, local_sandbox: LocalSandbox) -> Path:
    base = tmp_path_factory.mktemp("web-dataset")
    return copy_dataset(make_dataset(base, local_sandbox), base / "served")


@pytest.fixture(scope="module")
def live(
    tmp_path_factory: pytest.TempPathFactory, local_sandbox: LocalSandbox, dataset: Path
) -> Iterator[LiveServer]:
    state = make_state(tmp_path_factory.mktemp("web-state"), LintDetector(), local_sandbox, dataset=dataset)
    with web_support.serve(state) as server:
        yield server


@pytest.fixture(scope="module")
def browser(live: LiveServer) -> Iterator[Browser]:
    """Started after the server and its dataset: Playwright's sync API keeps an event loop running in
    this thread, where building a dataset (``asyncio.run``) could no longer run."""
    executable = web_support.chromium_path()
    playwright = sync_playwright().start()
    try:
        launched = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        try:
            yield launched
        finally:
            launched.close()
    finally:
        playwright.stop()


@pytest.fixture
def visit(browser: Browser, live: LiveServer) -> Iterator[Visit]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.set_default_timeout(CHECK_TIMEOUT_MS)
    visit = Visit(page=page, url=live.url)
    page.route("**/*", visit.route)
    page.on("pageerror", lambda error: visit.page_errors.append(str(error)))
    try:
        yield visit
    finally:
        context.close()


def check(visit: Visit, code: str | None, stdin: str = "") -> None:
    """Paste ``code`` (when given) and ``stdin`` on the Check page, press Check, wait for the labels."""
    page = visit.page
    if code is not None:
        page.fill("#code", code)
    if stdin:
        page.fill("#stdin", stdin)
    page.click("#check")
    expect(page.locator("#labels")).to_be_visible(timeout=CHECK_TIMEOUT_MS)


def result(page: Page) -> Locator:
    """The innermost ``#result``: the check's answer (see :func:`test_a_result_replaces_the_result_area`)."""
    return page.locator("#result").last


def test_pasted_code_gets_labels_and_feedback(visit: Visit, live: LiveServer, tmp_path: Path) -> None:
    page = visit.page
    visit.open("/")
    check(visit, MAGIC_PROGRAM, stdin="100\n")

    expect(page.locator("#labels")).to_contain_text("MC")
    expect(page.locator("#finding-MC")).to_contain_text("86400")
    lines = page.locator(".code .line")
    expect(lines).to_have_count(len(MAGIC_PROGRAM.splitlines()))
    expect(page.locator("#line-9")).to_contain_text("long total = seconds + day * 86400;")
    for number in MAGIC_LINES:
        expect(page.locator(f"#line-{number}")).to_have_class(re.compile(r"\bhit\b"))
    expect(page.locator("#line-1")).not_to_have_class(re.compile(r"\bhit\b"))
    expect(page.locator(".code .line.hit")).to_have_count(len(MAGIC_LINES))
    expect(result(page)).to_contain_text("Output on your stdin (exit 0)")
    expect(result(page).locator("pre").first).to_contain_text("0 100\n24 100\n48 100")

    form = page.locator("#feedback")
    form.locator("input[name=agree_MC][value=no]").check()
    form.locator("input[name=corrected][value=MC]").uncheck()
    form.locator("input[name=corrected][value=SRP]").check()
    form.locator("input[name=corrected][value=NAME]").check()
    form.locator("textarea[name=comment]").fill("The 3 is a count of days, not magic.")
    page.screenshot(path=str(screenshot_dir(tmp_path) / "check.png"), full_page=True)
    page.click("#send-feedback")
    expect(page.locator("#feedback")).to_contain_text("feedback #")

    [row] = live.state.feedback.entries()
    assert row.code == MAGIC_PROGRAM
    assert row.predicted == ["MC"]
    assert row.agree == {"MC": False}
    assert row.corrected == ["SRP", "NAME"]
    assert row.comment == "The 3 is a count of days, not magic."
    assert row.who.startswith("anonymous:") and len(row.who) > len("anonymous:")
    assert row.detector == "lint"
    expect(page.locator("#feedback")).to_contain_text(f"feedback #{row.id} saved")
    visit.finish()

    # ... and it is in the export the next dataset build takes in.
    exported = export_feedback(live.state.feedback.path, tmp_path / "feedback-export")
    [record] = exported.records
    assert (record.code, record.labels, record.source) == (MAGIC_PROGRAM, ["SRP", "NAME"], "feedback")


def test_code_that_does_not_compile_shows_gcc_errors_under_its_lines(visit: Visit, tmp_path: Path) -> None:
    page = visit.page
    visit.open("/")
    check(visit, BROKEN_PROGRAM)

    expect(page.locator("#labels")).to_contain_text("NO_COMPILE")
    error = page.locator(".code .error")
    expect(error).to_have_count(1)
    expect(error).to_have_text("error: expected ',' or ';' before 'printf'")
    # gcc names the line of the token after the missing semicolon; the message sits right under it
    assert error.evaluate("element => element.previousElementSibling.id") == "line-5"
    expect(page.locator("#line-5")).to_contain_text('printf("%d\\n", total);')
    expect(page.locator(".code .line")).to_have_count(len(BROKEN_PROGRAM.splitlines()))
    visit.finish(screenshot_dir(tmp_path) / "check-no-compile.png")


def test_uploaded_file_is_checked(visit: Visit) -> None:
    page = visit.page
    visit.open("/")
    upload: FilePayload = {"name": "prog.c", "mimeType": "text/x-csrc", "buffer": UPLOADED_PROGRAM.encode()}
    page.set_input_files("input[name=upload]", files=[upload])
    check(visit, None, stdin="2880\n")

    expect(page.locator("#labels")).to_contain_text("MC")
    expect(page.locator("#line-8")).to_contain_text('printf("%d days\\n", minutes / 1440);')
    expect(page.locator("#line-8")).to_have_class(re.compile(r"\bhit\b"))
    expect(page.locator(".code .line")).to_have_count(len(UPLOADED_PROGRAM.splitlines()))
    expect(result(page)).to_contain_text("2 days")
    visit.finish()


def test_hostile_code_and_output_stay_text(visit: Visit) -> None:
    page = visit.page
    visit.open("/")
    check(visit, HOSTILE_PROGRAM, stdin="go\n")

    expect(page.locator("#line-3")).to_contain_text(HOSTILE_COMMENT)
    expect(result(page)).to_contain_text(HOSTILE_OUTPUT)
    page.wait_for_timeout(500)  # time for an injected onerror to fire, had any markup got through
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#injected").count() == 0
    assert result(page).locator("img, script, b").count() == 0
    visit.finish()


def test_review_with_the_keyboard(visit: Visit, live: LiveServer, dataset: Path, tmp_path: Path) -> None:
    page = visit.page
    visit.open("/review")
    before = len(journal_lines(dataset))
    panel = page.locator("#review")

    first = shown_record(panel.inner_text())
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.keyboard.press("a")
    expect(page.locator("#notice")).to_contain_text(f"Saved: accept {first}")
    lines = journal_lines(dataset)
    assert len(lines) == before + 1
    accepted = lines[-1]
    assert (accepted["action"], accepted["source"], accepted["record_id"]) == ("accept", "web", first)
    [reviewer] = accepted["reviewers"]
    assert reviewer.startswith("anonymous:")

    second = shown_record(panel.inner_text())
    assert second != first
    boxes = panel.locator("input[name=labels]")
    ticked = {box.get_attribute("value") for box in boxes.all() if box.is_checked()}
    toggled = boxes.nth(1)  # SRP: ticked or not, the labels change
    toggled.set_checked(not toggled.is_checked())
    wanted = ticked ^ {toggled.get_attribute("value")}
    page.click("#relabel")
    expect(page.locator("#notice")).to_contain_text(f"Saved: relabel {second}")
    relabelled = journal_lines(dataset)[-1]
    assert (relabelled["action"], relabelled["source"], relabelled["record_id"]) == ("relabel", "web", second)
    assert set(relabelled["after"]) == wanted
    assert set(relabelled["before"]) == ticked

    third = shown_record(panel.inner_text())
    assert third not in (first, second)
    comment = panel.locator("textarea[name=comment]")
    comment.press_sequentially("a rushed copy; reads nothing")  # a, s and r typed here decide nothing
    assert len(journal_lines(dataset)) == before + 2
    assert comment.input_value() == "a rushed copy; reads nothing"
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("r")
    expect(page.locator("#notice")).to_contain_text(f"Saved: reject {third}")
    lines = journal_lines(dataset)
    assert len(lines) == before + 3
    rejected = lines[-1]
    assert (rejected["action"], rejected["source"], rejected["record_id"]) == ("reject", "web", third)
    assert "a rushed copy; reads nothing" in rejected["reason"]
    assert [verdict["comment"] for verdict in rejected["verdicts"]] == ["a rushed copy; reads nothing"]
    assert shown_record(panel.inner_text()) not in (first, second, third)

    store = DatasetDir(dataset)
    version = store.existing_index().version()
    assert third in {record.id for record in store.rejected(version)}
    visit.finish(screenshot_dir(tmp_path) / "review.png")


def test_dashboard_shows_counts_and_review_progress(
    visit: Visit, live: LiveServer, dataset: Path, tmp_path: Path
) -> None:
    page = visit.page
    visit.open("/review")  # one decision of its own, so the test also stands alone
    decided = shown_record(page.locator("#review").inner_text())
    page.keyboard.press("a")
    expect(page.locator("#notice")).to_contain_text(f"Saved: accept {decided}")

    visit.open("/dashboard")
    store = DatasetDir(dataset)
    version = store.existing_index().version()
    records = [*store.records(version), *store.rejected(version)]
    latest = {line["record_id"]: line["action"] for line in journal_lines(dataset)}
    actions = sorted(set(latest.values()))
    expected = (
        f"Reviewed {len(latest)} of {len(records)} records ({len(latest) / len(records) * 100:.0f}%); "
        + ", ".join(f"{action} {list(latest.values()).count(action)}" for action in actions)
    )
    expect(page.locator("#review-progress")).to_have_text(expected)
    assert "accept" in actions

    table = page.locator("#counts")
    expect(table).to_be_visible()
    header = [cell.strip() for cell in table.locator("thead th").all_inner_texts()]
    assert header == ["split", *version.label_names, "clean", "records"]
    rows = {
        cells[0]: cells[1:]
        for cells in (
            [cell.strip() for cell in row.locator("td").all_inner_texts()]
            for row in table.locator("tbody tr").all()
        )
    }
    assert rows == {
        split: [str(version.counts[split].get(column, 0)) for column in header[1:]]
        for split in version.splits()
    }
    expect(page.locator("#feedback-count")).to_have_text(f"Feedback received: {live.state.feedback.count()}")
    expect(page.get_by_role("link", name="Review")).to_have_attribute("href", "/review")
    visit.finish(screenshot_dir(tmp_path) / "dashboard.png")


def test_a_result_replaces_the_result_area(visit: Visit) -> None:
    """Each answer to the Check form (the polling panel, the result, an error) carries ``id="result"``:
    it must take the place of the page's ``#result``, not land inside it as a second element with that id."""
    page = visit.page
    visit.open("/")
    check(visit, MAGIC_PROGRAM, stdin="100\n")
    expect(page.locator("#result")).to_have_count(1)
    page.fill("#code", "")
    page.click("#check")
    expect(page.locator("[role=alert]")).to_contain_text("Paste some C code")
    expect(page.locator("#result")).to_have_count(1)
    visit.finish()


def test_pasted_code_keeps_its_line_endings(visit: Visit, live: LiveServer) -> None:
    """A browser submits a textarea's lines joined by CRLF (the HTML form rules): the code checked, cached
    and stored with feedback must be the program as written, the same as when the file is uploaded."""
    page = visit.page
    visit.open("/")
    check(visit, UPLOADED_PROGRAM, stdin="60\n")
    key = page.locator("#feedback input[name=key]").get_attribute("value")
    assert key is not None
    job = live.state.checker.get(key)
    assert job is not None
    assert (job.code, job.stdin) == (UPLOADED_PROGRAM, "60\n")
    visit.finish()
