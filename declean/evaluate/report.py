"""``declean eval --report eval.html``: one self-contained page (inline CSS and SVG, no network) with the
side-by-side table, a bar chart per label with each detector's interval, the learning curve when there
is one, and each detector's misclassified samples with their code and the detector's explanation."""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from declean.evaluate.evaluation import CurvePoint, Evaluation, Prediction

MISCLASSIFIED_SHOWN = 50
"""Misclassified samples shown per detector; the page says how many more there were."""
_CHART_WIDTH = 420
_BAR_HEIGHT = 22


@dataclass(frozen=True)
class Bar:
    """One detector's bar in one label's chart, in SVG coordinates."""

    detector: str
    y: int
    width: float
    low: float
    high: float
    value: float


def render_report(evaluation: Evaluation) -> str:
    """The page for ``evaluation`` (with the trained detector's learning curve, if measured)."""
    curve = evaluation.curve
    environment = Environment(
        loader=PackageLoader("declean.evaluate", "templates"),
        autoescape=select_autoescape(default=True),
        undefined=StrictUndefined,
    )
    records = {record.id: record for record in evaluation.records}
    wrong = {
        result.name: [p for p in result.predictions if set(p.predicted) != set(p.truth)]
        for result in evaluation.results
    }
    return environment.get_template("eval.html.j2").render(
        evaluation=evaluation,
        charts={label: _bars(evaluation, label) for label in evaluation.labels},
        chart_width=_CHART_WIDTH,
        bar_height=_BAR_HEIGHT,
        misclassified={name: found[:MISCLASSIFIED_SHOWN] for name, found in wrong.items()},
        left_out={name: max(0, len(found) - MISCLASSIFIED_SHOWN) for name, found in wrong.items()},
        code={record_id: record.code for record_id, record in records.items()},
        explain=_explanations,
        curve=curve or [],
        curve_lines=_curve_lines(curve or [], evaluation.labels),
    )


def _bars(evaluation: Evaluation, label: str) -> list[Bar]:
    bars = []
    for row, result in enumerate(evaluation.results):
        value = result.scores.per_label[label].jaccard
        low, high = result.intervals.get(f"{label}.jaccard", (value, value))
        bars.append(
            Bar(
                detector=result.name,
                y=row * (_BAR_HEIGHT + 8) + 4,
                width=value * _CHART_WIDTH,
                low=low * _CHART_WIDTH,
                high=high * _CHART_WIDTH,
                value=value,
            )
        )
    return bars


def _explanations(prediction: Prediction) -> list[str]:
    return [f"{finding.label}: {finding.explanation}" for finding in prediction.findings]


def _curve_lines(curve: list[CurvePoint], labels: list[str]) -> dict[str, str]:
    """Label -> SVG polyline points over the fractions (x) and Jaccard (y)."""
    if not curve:
        return {}
    return {
        label: " ".join(
            f"{40 + point.fraction * (_CHART_WIDTH - 40):.1f},{200 - point.jaccard.get(label, 0.0) * 180:.1f}"
            for point in curve
        )
        for label in labels
        if any(label in point.jaccard for point in curve)
    }
