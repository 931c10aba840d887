"""Progress of ``declean run``: a live display on a terminal, periodic plain lines in a log."""

from __future__ import annotations

import math
import threading
import time
from collections import Counter
from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING, Literal, Self

from pydantic import BaseModel, ConfigDict
from rich.console import Group, RenderableType
from rich.live import Live
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

from declean.tracing.events import ModelCall, SampleAccepted, SampleRejected

if TYPE_CHECKING:
    from rich.console import Console

    from declean.tracing.events import _Event

Mode = Literal["auto", "rich", "plain", "off"]


class ProgressSnapshot(BaseModel):
    """The counters of a run at one moment."""

    model_config = ConfigDict(frozen=True)

    total: int
    done: int
    """Problems finished, including the ``already_done`` of a resumed run."""
    done_here: int
    """Problems finished by this process: the ones the rates are computed from."""
    crashed: int
    accepted: int
    rejected: dict[str, int]
    """Rejected samples by reason."""
    model_calls: int
    cached_calls: int
    failed_calls: int
    input_tokens: int
    output_tokens: int
    elapsed_seconds: float
    problems_per_minute: float
    """Problems finished here per minute of this session so far: it falls while none finishes, so the
    ETA of a slow stretch grows instead of standing still."""
    accepted_per_minute: float
    eta_seconds: float | None
    """The problems left at that rate; ``None`` until a problem has finished."""


class RunProgress:
    """Counts a run's problems, samples and model calls from its trace events, and shows them.

    The problems are a :class:`rich.progress.Progress` task, which keeps the elapsed time, the speed and
    the time remaining in every mode. ``rich`` shows that Progress in a live panel with the sample, call
    and token counters below it, and prints one line per accepted or rejected sample above it; ``plain``
    prints :meth:`status_line` at most once per ``interval_seconds``; ``off`` only counts. Every mode but
    ``off`` prints a final status line on exit. Safe to call from several threads: ``self._lock`` may be
    held while taking the Progress's lock, never the other way round (nothing the Progress renders calls
    back into this object).

    Rendering a ``RunProgress`` (``console.print(progress)``) gives the live panel as it is now.
    """

    def __init__(
        self,
        total_problems: int,
        *,
        console: Console,
        mode: Mode = "auto",
        interval_seconds: float = 10.0,
        already_done: int = 0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._console = console
        self._mode: Mode = ("rich" if console.is_terminal else "plain") if mode == "auto" else mode
        self._interval = interval_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._already_done = already_done
        self._crashed = 0
        self._accepted = 0
        self._rejected: Counter[str] = Counter()
        self._model_calls = 0
        self._cached_calls = 0
        self._failed_calls = 0
        self._input_tokens = 0
        self._output_tokens = 0
        self._progress = Progress(
            BarColumn(bar_width=40),
            MofNCompleteColumn(),
            TextColumn("{task.description}"),
            TextColumn("•"),
            TimeElapsedColumn(),
            TextColumn("elapsed • ETA"),
            _EtaColumn(already_done),
            console=console,
            get_time=clock,
            speed_estimate_period=math.inf,  # the whole run (rich keeps its last 1000 samples)
        )
        self._task = self._progress.add_task(_problems_label(0), total=total_problems, completed=already_done)
        # A sample of 0 at the start, so rich's speed counts from now rather than from the first finished
        # problem; the ``already_done`` of a resumed run is in ``completed`` but in no sample.
        self._progress.advance(self._task, 0)
        self._last_line = clock()
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None
        self._live: Live | None = None

    def __enter__(self) -> Self:
        """Start the live display (rich) or the periodic status lines (plain)."""
        if self._mode == "rich":
            self._live = Live(self, console=self._console, refresh_per_second=4, transient=True)
            self._live.start()
        elif self._mode == "plain":
            self._ticker = threading.Thread(target=self._tick, name="run-progress", daemon=True)
            self._ticker.start()
        return self

    def __exit__(self, *exc: object) -> None:
        """Stop the display and print the final status line (except in ``off`` mode)."""
        if self._live is not None:
            self._live.stop()
            self._live = None
        if self._ticker is not None:
            self._stop.set()
            self._ticker.join()
            self._ticker = None
        if self._mode != "off":
            self._console.print(self.status_line(), highlight=False, soft_wrap=True, markup=False)

    def __rich__(self) -> RenderableType:
        """The live panel: the problems bar with elapsed time and ETA, then the counters."""
        snap = self.snapshot
        counters = Text("\n".join([_samples(snap), _calls(snap), _rates(snap)]), style="dim")
        return Group(self._progress, counters)

    def event(self, event: _Event) -> None:
        """Count one trace event; meant as a listener of the run's trace writer."""
        if isinstance(event, ModelCall):
            with self._lock:
                self._model_calls += 1
                self._cached_calls += event.cached
                self._failed_calls += event.error is not None
                self._input_tokens += event.input_tokens or 0
                self._output_tokens += event.output_tokens or 0
        elif isinstance(event, SampleAccepted):
            with self._lock:
                self._accepted += 1
            if self._mode == "rich":
                line = f"{event.sample['id']} ({'+'.join(event.sample['labels']) or 'clean'})"
                self._console.print(f"[green]accepted[/green] {escape(line)}")
        elif isinstance(event, SampleRejected):
            rejection = event.rejection
            with self._lock:
                self._rejected[rejection["reason"]] += 1
            if self._mode == "rich":
                line = f"{rejection['sample_id']} ({rejection['reason']}: {str(rejection['detail'])[:120]})"
                self._console.print(f"[yellow]rejected[/yellow] {escape(line)}")

    def problem_done(self, problem_id: str, *, crashed: bool) -> None:
        """Count one finished problem (``crashed`` if it raised) and print a status line if one is due."""
        with self._lock:
            self._progress.advance(self._task)
            if crashed:
                self._crashed += 1
                self._progress.update(self._task, description=_problems_label(self._crashed))
        self._print_if_due()

    @property
    def snapshot(self) -> ProgressSnapshot:
        """The counters now, with the elapsed time, speed and time remaining of the problems task."""
        with self._lock:
            (task,) = self._progress.tasks
            elapsed = task.elapsed or 0.0
            done = int(task.completed)
            return ProgressSnapshot(
                total=int(task.total or 0),
                done=done,
                done_here=done - self._already_done,
                crashed=self._crashed,
                accepted=self._accepted,
                rejected=dict(sorted(self._rejected.items())),
                model_calls=self._model_calls,
                cached_calls=self._cached_calls,
                failed_calls=self._failed_calls,
                input_tokens=self._input_tokens,
                output_tokens=self._output_tokens,
                elapsed_seconds=elapsed,
                problems_per_minute=per_minute(done - self._already_done, elapsed),
                accepted_per_minute=per_minute(self._accepted, elapsed),
                eta_seconds=eta(int(task.total or 0) - done, done - self._already_done, elapsed),
            )

    def status_line(self) -> str:
        """The counters as one plain line, e.g. ``progress: 5/20 problems (1 crashed), 12 accepted, ...``."""
        snap = self.snapshot
        eta = _duration(snap.eta_seconds) if snap.eta_seconds is not None else "unknown"
        return ", ".join(
            [
                f"progress: {snap.done}/{snap.total} {_problems_label(snap.crashed)}",
                _samples(snap),
                _calls(snap),
                f"{_duration(snap.elapsed_seconds)} elapsed",
                _rates(snap),
                f"ETA {eta}",
            ]
        )

    def _print_if_due(self) -> None:
        if self._ticker is None:
            return
        with self._lock:
            now = self._clock()
            if now - self._last_line < self._interval:
                return
            self._last_line = now
        self._console.print(self.status_line(), highlight=False, soft_wrap=True, markup=False)

    def _tick(self) -> None:
        while not self._stop.wait(min(max(self._interval, 0.05), 1.0)):
            self._print_if_due()


def _problems_label(crashed: int) -> str:
    return f"problems ({crashed} crashed)" if crashed else "problems"


def _samples(snap: ProgressSnapshot) -> str:
    reasons = ", ".join(f"{reason} {count}" for reason, count in snap.rejected.items())
    rejected = f"{sum(snap.rejected.values())} rejected" + (f" ({reasons})" if reasons else "")
    return f"{snap.accepted} accepted, {rejected}"


def _calls(snap: ProgressSnapshot) -> str:
    failed = f", {snap.failed_calls} failed" if snap.failed_calls else ""
    return (
        f"{snap.model_calls} model calls ({snap.cached_calls} cached{failed}), "
        f"tokens {snap.input_tokens} in / {snap.output_tokens} out"
    )


def per_minute(count: int, elapsed: float) -> float:
    """``count`` per minute of ``elapsed`` seconds."""
    return count / elapsed * 60 if elapsed > 0 else 0.0


def eta(left: int, done: int, elapsed: float) -> float | None:
    """Seconds for ``left`` problems at the rate ``done`` took ``elapsed``; ``None`` before the first."""
    if left <= 0:
        return 0.0
    return left * elapsed / done if done > 0 and elapsed > 0 else None


class _EtaColumn(ProgressColumn):
    """The panel's ETA from :func:`eta`, which rich's own column would freeze between finished problems."""

    def __init__(self, already_done: int) -> None:
        super().__init__()
        self._already_done = already_done

    def render(self, task: Task) -> Text:
        done, elapsed = int(task.completed), task.elapsed or 0.0
        seconds = eta(int(task.total or 0) - done, done - self._already_done, elapsed)
        if seconds is None:
            return Text("-:--:--", style="progress.remaining")
        return Text(str(timedelta(seconds=math.ceil(seconds))), style="progress.remaining")


def _rates(snap: ProgressSnapshot) -> str:
    return f"{snap.problems_per_minute:.1f} problems/min, {snap.accepted_per_minute:.1f} accepted/min"


def _duration(seconds: float) -> str:
    """``42s``, ``2m 07s`` or ``3h 05m``: the plain line's format for the elapsed time and the ETA."""
    whole = round(seconds)
    if whole < 60:
        return f"{whole}s"
    if whole < 3600:
        return f"{whole // 60}m {whole % 60:02d}s"
    return f"{whole // 3600}h {whole % 3600 // 60:02d}m"
