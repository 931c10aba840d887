"""The report's charts as coordinates: one horizontal bar chart per label (a bar per detector for Jaccard,
its 95 % interval as an error bar, an axis from 0 to 1) and the learning curve. The template only draws
what is computed here, as inline SVG."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from declean.evaluate.table import Comparison, CurvePoint

WIDTH = 560
"""Width of every chart, in SVG units."""
_LEFT = 140
"""Where the plot starts: the detector names are right-aligned before it."""
_PLOT = 340
"""Width of the 0..1 axis."""
_TOP = 10
_BAR = 18
_GAP = 12
_NAME = 20
"""Detector names longer than this many characters are shortened (the full name is the bar's tooltip)."""
TICKS = (0.0, 0.25, 0.5, 0.75, 1.0)
COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b")


class Tick(BaseModel):
    """A tick of an axis: where its text goes, and the text."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    x: float
    """Horizontal position (the tick's own position on a horizontal axis)."""
    y: float
    """Vertical position (the tick's own position on a vertical axis)."""
    text: str
    """What the tick says."""


class Bar(BaseModel):
    """One detector's bar in one label's chart."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    detector: str
    """The detector's full name."""
    name: str
    """The name as shown (shortened when long)."""
    y: float
    """Top of the bar."""
    width: float
    """Length of the bar: the Jaccard on the axis."""
    value: str
    """The Jaccard as text."""
    value_x: float
    """Where the value's text starts (after the bar and its interval)."""
    low: float | None
    """Where the 95 % interval starts on the axis; ``None`` without an interval."""
    high: float | None
    """Where it ends."""
    interval: str
    """The interval as text (for the tooltip), empty without one."""


class BarChart(BaseModel):
    """One label's chart: Jaccard per detector with its interval."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    label: str
    """The label charted."""
    width: int
    """SVG width."""
    height: int
    """SVG height."""
    left: float
    """x of the axis' 0."""
    right: float
    """x of the axis' 1."""
    top: float
    """y where the bars start."""
    axis_y: float
    """y of the horizontal axis."""
    bar_height: float
    """Height of a bar."""
    ticks: list[Tick]
    """0, 0.25 ... 1 under the axis."""
    bars: list[Bar]
    """A bar per detector, top to bottom."""


class Series(BaseModel):
    """One label's line in the learning curve."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    label: str
    """The label."""
    colour: str
    """Its stroke colour."""
    points: str
    """SVG polyline points."""
    legend_y: float
    """y of its legend entry, right of the plot."""


class CurveChart(BaseModel):
    """The trained detector's Jaccard per label against the share of the train problems fitted on."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    width: int
    """SVG width."""
    height: int
    """SVG height."""
    left: float
    """x of the horizontal axis' 0 %."""
    right: float
    """x of its 100 %."""
    top: float
    """y of Jaccard 1."""
    bottom: float
    """y of Jaccard 0 (the horizontal axis)."""
    x_ticks: list[Tick]
    """The measured shares, under the axis."""
    y_ticks: list[Tick]
    """0, 0.25 ... 1 left of the plot."""
    series: list[Series]
    """A line per label."""


def bar_chart(comparison: Comparison, label: str) -> BarChart:
    """The chart of ``label``: a bar per detector, in the comparison's order."""
    bars = []
    for row, (name, scores) in enumerate(comparison.detectors.items()):
        value = scores.per_label[label].jaccard
        interval = comparison.interval(name, f"{label}.jaccard")
        low, high = (None, None) if interval is None else (_x(interval[0]), _x(interval[1]))
        bars.append(
            Bar(
                detector=name,
                name=name if len(name) <= _NAME else name[: _NAME - 1] + "…",
                y=_TOP + row * (_BAR + _GAP),
                width=_x(value) - _LEFT,
                value=f"{value:.2f}",
                value_x=max(_x(value), high or 0.0) + 6,
                low=low,
                high=high,
                interval="" if interval is None else f"95 % interval [{interval[0]:.2f}, {interval[1]:.2f}]",
            )
        )
    axis_y = _TOP + len(bars) * (_BAR + _GAP) - _GAP + 8
    return BarChart(
        label=label,
        width=WIDTH,
        height=int(axis_y + 42),
        left=_LEFT,
        right=_LEFT + _PLOT,
        top=_TOP,
        axis_y=axis_y,
        bar_height=_BAR,
        ticks=[Tick(x=_x(tick), y=axis_y + 15, text=f"{tick:g}") for tick in TICKS],
        bars=bars,
    )


def curve_chart(curve: Sequence[CurvePoint], labels: Sequence[str]) -> CurveChart | None:
    """The learning curve, ``None`` without points."""
    if not curve:
        return None
    left, right, top, bottom = 50.0, 50.0 + _PLOT, 12.0, 212.0
    shown = [label for label in labels if any(label in point.jaccard for point in curve)]

    def position(fraction: float, jaccard: float) -> tuple[float, float]:
        return left + _clamp(fraction) * (right - left), bottom - _clamp(jaccard) * (bottom - top)

    series = []
    for index, label in enumerate(shown):
        points = [position(p.fraction, p.jaccard[label]) for p in curve if label in p.jaccard]
        series.append(
            Series(
                label=label,
                colour=COLOURS[index % len(COLOURS)],
                points=" ".join(f"{x:.1f},{y:.1f}" for x, y in points),
                legend_y=top + 10 + index * 18,
            )
        )
    return CurveChart(
        width=WIDTH,
        height=int(bottom + 42),
        left=left,
        right=right,
        top=top,
        bottom=bottom,
        x_ticks=[Tick(x=position(p.fraction, 0)[0], y=bottom + 15, text=f"{p.fraction:.0%}") for p in curve],
        y_ticks=[Tick(x=left - 6, y=position(0, tick)[1] + 4, text=f"{tick:g}") for tick in TICKS],
        series=series,
    )


def _x(value: float) -> float:
    """Where ``value`` (0..1, clamped) is on a bar chart's axis."""
    return _LEFT + _clamp(value) * _PLOT


def _clamp(value: float) -> float:
    return min(1.0, max(0.0, value))
