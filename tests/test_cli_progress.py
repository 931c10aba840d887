"""The run's progress display: counters, the status line, plain and rich output, thread safety."""

from __future__ import annotations

import io
import threading
import time
from typing import Any

import pytest
from rich.console import Console
from rich.text import Text

from declean.cli.progress import RunProgress
from declean.tracing.events import ModelCall, NodeStart, SampleAccepted, SampleRejected


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def console(*, terminal: bool) -> Console:
    return Console(file=io.StringIO(), force_terminal=terminal, width=200)


def output(con: Console) -> str:
    file = con.file
    assert isinstance(file, io.StringIO)
    return Text.from_ansi(file.getvalue()).plain


def model_call(**fields: Any) -> ModelCall:
    defaults: dict[str, Any] = {
        "ts": 0,
        "run_id": "r",
        "seq": 0,
        "role": "generator",
        "model": "m",
        "messages": [],
        "reply": "x",
        "input_tokens": 10,
        "output_tokens": 5,
        "latency_seconds": 0.1,
    }
    return ModelCall(**(defaults | fields))


def accepted(sample_id: str = "p1/s0/clean", labels: list[str] | None = None) -> SampleAccepted:
    return SampleAccepted(ts=0, run_id="r", seq=0, sample={"id": sample_id, "labels": labels or []})


def rejected(reason: str, detail: str = "differs", sample_id: str = "p1/s0/DRY") -> SampleRejected:
    rejection = {"sample_id": sample_id, "reason": reason, "detail": detail}
    return SampleRejected(ts=0, run_id="r", seq=0, rejection=rejection)


def test_counts_events_and_problems() -> None:
    progress = RunProgress(3, console=console(terminal=False), mode="off", clock=FakeClock())
    progress.event(model_call())
    progress.event(model_call(cached=True, input_tokens=None, output_tokens=None))
    progress.event(model_call(reply=None, error="timeout", input_tokens=7, output_tokens=None))
    progress.event(accepted())
    progress.event(rejected("output_mismatch"))
    progress.event(rejected("model_error"))
    progress.event(rejected("output_mismatch"))
    progress.event(NodeStart(ts=0, run_id="r", seq=0, node="generate", inputs={}))
    progress.problem_done("p1", crashed=False)
    progress.problem_done("p2", crashed=True)

    snap = progress.snapshot
    assert (snap.total, snap.done, snap.done_here, snap.crashed) == (3, 2, 2, 1)
    assert snap.accepted == 1
    assert snap.rejected == {"model_error": 1, "output_mismatch": 2}
    assert (snap.model_calls, snap.cached_calls, snap.failed_calls) == (3, 1, 1)
    assert (snap.input_tokens, snap.output_tokens) == (17, 5)


def test_status_line_has_counts_sorted_reasons_rates_and_eta() -> None:
    """The rate is per minute of the session so far; the ETA is the problems left at that rate."""
    clock = FakeClock()
    progress = RunProgress(20, console=console(terminal=False), mode="off", clock=clock)
    for _ in range(12):
        progress.event(accepted())
    progress.event(rejected("output_mismatch"))
    progress.event(rejected("model_error"))
    progress.event(rejected("output_mismatch"))
    for index in range(41):
        progress.event(model_call(cached=index < 10, input_tokens=30, output_tokens=None))
    clock.advance(42)
    for index in range(5):
        progress.problem_done(f"p{index}", crashed=index == 0)

    snap = progress.snapshot
    assert snap.elapsed_seconds == 42
    assert snap.problems_per_minute == pytest.approx(5 / 42 * 60)
    assert snap.accepted_per_minute == pytest.approx(12 / 42 * 60)
    assert snap.eta_seconds == pytest.approx(15 * 42 / 5)
    assert progress.status_line() == (
        "progress: 5/20 problems (1 crashed), 12 accepted, 3 rejected (model_error 1, output_mismatch 2), "
        "41 model calls (10 cached), tokens 1230 in / 0 out, 42s elapsed, 7.1 problems/min, "
        "17.1 accepted/min, ETA 2m 06s"
    )


def test_status_line_without_progress_has_no_eta() -> None:
    clock = FakeClock()
    progress = RunProgress(4, console=console(terminal=False), mode="off", clock=clock)
    assert progress.snapshot.eta_seconds is None
    clock.advance(3 * 3600 + 5 * 60)
    line = progress.status_line()
    assert line.startswith("progress: 0/4 problems, 0 accepted, 0 rejected, 0 model calls (0 cached), ")
    assert line.endswith("3h 05m elapsed, 0.0 problems/min, 0.0 accepted/min, ETA unknown")


def test_already_done_counts_as_done_but_not_in_the_rate() -> None:
    clock = FakeClock()
    progress = RunProgress(10, console=console(terminal=False), mode="off", already_done=6, clock=clock)
    clock.advance(60)
    progress.problem_done("p7", crashed=False)

    snap = progress.snapshot
    assert (snap.done, snap.done_here) == (7, 1)
    assert snap.problems_per_minute == pytest.approx(1.0)
    assert snap.eta_seconds == pytest.approx(3 * 60)
    assert progress.status_line().startswith("progress: 7/10 problems, ")
    assert progress.status_line().endswith("1.0 problems/min, 0.0 accepted/min, ETA 3m 00s")

    clock.advance(60)  # no problem finished since: the rate falls and the ETA grows
    assert progress.snapshot.problems_per_minute == pytest.approx(0.5)
    assert progress.status_line().endswith("2m 00s elapsed, 0.5 problems/min, 0.0 accepted/min, ETA 6m 00s")


def test_eta_is_zero_once_every_problem_is_done() -> None:
    clock = FakeClock()
    progress = RunProgress(2, console=console(terminal=False), mode="off", already_done=1, clock=clock)
    clock.advance(5)
    progress.problem_done("p2", crashed=False)
    assert progress.snapshot.eta_seconds == 0
    assert progress.status_line().endswith(", ETA 0s")


def test_plain_prints_a_line_once_the_interval_has_passed() -> None:
    clock = FakeClock()
    con = console(terminal=False)
    with RunProgress(3, console=con, interval_seconds=10, clock=clock) as progress:
        clock.advance(9)
        progress.problem_done("p1", crashed=False)
        assert output(con) == ""

        clock.advance(1)
        progress.problem_done("p2", crashed=False)
        assert output(con).count("\n") == 1  # the ticker may have printed it just before problem_done
        assert output(con).startswith(("progress: 1/3 problems, ", "progress: 2/3 problems, "))

        progress.event(accepted())
        progress.event(rejected("model_error"))
        progress.problem_done("p3", crashed=True)
        assert output(con).count("progress: ") == 1
    lines = output(con).splitlines()
    assert len(lines) == 2
    assert lines[1].startswith("progress: 3/3 problems (1 crashed), 1 accepted, 1 rejected (model_error 1), ")


def test_plain_ticker_prints_while_no_events_arrive() -> None:
    clock = FakeClock()
    con = console(terminal=False)
    with RunProgress(2, console=con, interval_seconds=0.05, clock=clock):
        time.sleep(0.15)
        assert output(con) == ""
        clock.advance(1)
        for _ in range(200):
            if output(con):
                break
            time.sleep(0.02)
        assert output(con).startswith("progress: 0/2 problems, ")
    assert output(con).count("progress: ") == 2


def test_final_line_on_exit() -> None:
    con = console(terminal=False)
    with RunProgress(1, console=con, clock=FakeClock()) as progress:
        progress.problem_done("p1", crashed=False)
    assert output(con) == progress.status_line() + "\n"


def test_off_prints_nothing() -> None:
    con = console(terminal=True)
    with RunProgress(1, console=con, mode="off", interval_seconds=0, clock=FakeClock()) as progress:
        progress.event(accepted())
        progress.event(rejected("model_error"))
        progress.problem_done("p1", crashed=False)
    assert output(con) == ""
    assert progress.snapshot.accepted == 1


def test_rich_prints_accepted_and_rejected_samples_and_the_final_line() -> None:
    con = console(terminal=True)
    long_detail = "[bold]expected 1 got 2[/bold] " + "x" * 200
    with RunProgress(2, console=con, clock=FakeClock()) as progress:
        progress.event(accepted("p1/s0/clean"))
        progress.event(accepted("p1/s0/DRY+MC", ["DRY", "MC"]))
        progress.event(rejected("output_mismatch", long_detail, sample_id="p1/s0/SRP"))
        progress.problem_done("p1", crashed=False)
    text = output(con)
    assert "accepted p1/s0/clean (clean)\n" in text
    assert "accepted p1/s0/DRY+MC (DRY+MC)\n" in text
    assert f"rejected p1/s0/SRP (output_mismatch: {long_detail[:120]})\n" in text
    assert text.endswith(progress.status_line() + "\n")
    assert "1/2 problems, 2 accepted, 1 rejected (output_mismatch 1)" in text
    # the live panel, redrawn on stop before it is cleared
    assert "1/2 problems • 0:00:00 elapsed • ETA" in text
    assert (
        "\n2 accepted, 1 rejected (output_mismatch 1)\n0 model calls (0 cached), tokens 0 in / 0 out\n"
        in text
    )


def test_rich_panel_shows_the_bar_times_and_counters() -> None:
    clock = FakeClock()
    progress = RunProgress(20, console=console(terminal=True), mode="rich", already_done=2, clock=clock)
    for _ in range(12):
        progress.event(accepted())
    progress.event(rejected("output_mismatch"))
    progress.event(rejected("model_error"))
    progress.event(rejected("output_mismatch"))
    for index in range(41):
        progress.event(model_call(cached=index < 10, input_tokens=30, output_tokens=None))
    progress.event(model_call(reply=None, error="timeout"))
    clock.advance(42)
    for index in range(5):
        progress.problem_done(f"p{index}", crashed=index == 0)

    screen = Console(file=io.StringIO(), force_terminal=True, width=100)
    screen.print(progress)
    bar_row, *counters = output(screen).splitlines()
    assert set(bar_row[:40]) <= set("━╸╺")
    assert bar_row[40:] == "  7/20 problems (1 crashed) • 0:00:42 elapsed • ETA 0:01:50"
    assert counters == [
        "12 accepted, 3 rejected (model_error 1, output_mismatch 2)",
        "42 model calls (10 cached, 1 failed), tokens 1240 in / 5 out",
        "7.1 problems/min, 17.1 accepted/min",
    ]


def test_rich_panel_without_a_finished_problem_has_no_eta() -> None:
    con = Console(file=io.StringIO(), force_terminal=True, width=100)
    con.print(RunProgress(3, console=con, mode="rich", clock=FakeClock()))
    assert output(con).splitlines()[0].endswith(" 0/3 problems • 0:00:00 elapsed • ETA -:--:--")


def test_auto_mode_picks_plain_off_a_terminal() -> None:
    con = console(terminal=False)
    with RunProgress(1, console=con, clock=FakeClock()) as progress:
        progress.event(accepted())
    assert output(con) == progress.status_line() + "\n"


def test_concurrent_calls_give_exact_totals() -> None:
    threads, per_thread = 8, 1000
    progress = RunProgress(threads * per_thread, console=console(terminal=False), mode="off")
    start = threading.Barrier(threads)

    def work(worker: int) -> None:
        start.wait()
        for index in range(per_thread):
            progress.event(model_call(cached=index % 2 == 0))
            if index % 4 == 0:
                progress.event(accepted())
            else:
                progress.event(rejected(f"reason{index % 4}"))
            progress.problem_done(f"w{worker}-{index}", crashed=index % 10 == 0)

    pool = [threading.Thread(target=work, args=(worker,)) for worker in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()

    snap = progress.snapshot
    total = threads * per_thread
    assert (snap.done, snap.crashed) == (total, total // 10)
    assert (snap.model_calls, snap.cached_calls) == (total, total // 2)
    assert (snap.input_tokens, snap.output_tokens) == (10 * total, 5 * total)
    assert snap.accepted == total // 4
    assert snap.rejected == {"reason1": total // 4, "reason2": total // 4, "reason3": total // 4}
