"""``declean eval --report eval.html``: one self-contained page with detectors side by side.

The page holds the summary table (Jaccard per label with its 95 % interval, micro F1, exact match), one
bar chart per label as inline SVG (a bar per detector, its interval as an error bar, an axis from 0 to 1),
each detector's full scores, the learning curve when there is one, and per detector its misclassified
samples with their code and the detector's explanation (capped; the page says how many were left out).
It needs no network: inline CSS and SVG, no script, no external reference, and a Content-Security-Policy
that would block one. Rendering is Jinja2 with autoescaping on, so code, explanations and replies are
escaped by the engine on their way into the page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined
from pydantic import BaseModel, ConfigDict, Field

from declean.evaluate.charts import bar_chart, curve_chart
from declean.evaluate.table import Comparison, comparison_table, detector_table

MISCLASSIFIED_SHOWN = 50
"""Misclassified samples shown per detector by default; the page says how many more there were."""
TEMPLATE = "eval.html.j2"


class Misclassified(BaseModel):
    """A sample a detector got wrong (its predicted label set is not the true one), to show in the page."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    sample_id: str
    """The sample."""
    problem_id: str
    """The problem it comes from."""
    truth: list[str]
    """Its true labels (empty: clean)."""
    predicted: list[str]
    """The detector's labels (empty: clean)."""
    code: str
    """The sample's C source."""
    explanations: dict[str, str] = Field(default_factory=dict)
    """Predicted label -> the detector's explanation of it."""
    raw_reply: str | None = None
    """The model's reply as it came, for model-based detectors."""
    parse_error: str | None = None
    """Why the reply could not be fully read, if it could not."""

    @property
    def missed(self) -> list[str]:
        """True labels the detector did not give."""
        return [label for label in self.truth if label not in self.predicted]

    @property
    def extra(self) -> list[str]:
        """Labels the detector gave that are not true."""
        return [label for label in self.predicted if label not in self.truth]


def render_report(
    comparison: Comparison,
    misclassified: Mapping[str, Sequence[Misclassified]] | None = None,
    *,
    shown: int = MISCLASSIFIED_SHOWN,
) -> str:
    """The page for ``comparison`` with at most ``shown`` of each detector's ``misclassified`` samples."""
    wrong = {name: list(samples) for name, samples in (misclassified or {}).items()}
    return (
        report_environment()
        .get_template(TEMPLATE)
        .render(
            comparison=comparison,
            summary=comparison_table(comparison),
            charts=[bar_chart(comparison, label) for label in comparison.labels],
            details=[detector_table(comparison, name) for name in comparison.detectors],
            curve=curve_chart(comparison.curve, comparison.labels),
            misclassified={name: samples[:shown] for name, samples in wrong.items()},
            totals={name: len(samples) for name, samples in wrong.items()},
        )
    )


@cache
def report_environment() -> Environment:
    """The report's template (a package file), with every value escaped and an undefined name an error."""
    return Environment(
        loader=PackageLoader("declean.evaluate", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
