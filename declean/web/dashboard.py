"""The Dashboard: the dataset's counts per label and split, the latest evaluation (a table and a bar
chart per label, from the ledger), review progress and how much feedback came in."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fasthtml.common import H2, H3, Div, P, Svg, Table, Tbody, Td, Th, Thead, Tr
from fasthtml.svg import Rect, Text

from declean.data.ledger import Ledger, LedgerEntry
from declean.data.store import DatasetDir
from declean.review.stats import review_stats
from declean.web.layout import page

if TYPE_CHECKING:
    from declean.web.app import WebState

_BAR_WIDTH = 260
_ROW = 22


def dashboard(state: WebState, session: Any) -> Any:
    parts: list[Any] = [
        H2("Dashboard"),
        P(f"Feedback received: {state.feedback.count()}", id="feedback-count"),
    ]
    if state.dataset is None:
        parts.append(P("No dataset: start with `declean serve --dataset DIR` to see it here."))
    else:
        parts += dataset_section(state)
    return page("Dashboard", *parts, signed_in=state.signed_in(session), review=state.dataset is not None)


def dataset_section(state: WebState) -> list[Any]:
    assert state.dataset is not None
    store = DatasetDir(state.dataset)
    version = store.existing_index().version()
    columns = [*version.label_names, "clean", "records"]
    counts = Table(
        Thead(Tr(Th("split"), *[Th(column) for column in columns])),
        Tbody(
            *[
                Tr(Td(split), *[Td(str(version.counts[split].get(column, 0))) for column in columns])
                for split in version.splits()
            ]
        ),
        id="counts",
    )
    stats = review_stats(state.dataset)
    progress = P(
        f"Reviewed {stats.reviewed} of {stats.records} records ({stats.share * 100:.0f}%); "
        + (", ".join(f"{action} {count}" for action, count in stats.actions.items()) or "no decisions yet"),
        id="review-progress",
    )
    return [
        H3(f"Dataset {state.dataset.name}, version {version.name}"),
        counts,
        H3("Review"),
        progress,
        H3("Latest evaluation"),
        evaluation_section(latest_evaluation(Ledger(state.dataset).entries()), version.label_names),
    ]


def latest_evaluation(entries: list[LedgerEntry]) -> list[LedgerEntry]:
    """The entries of the most recent evaluation: the latest entry of each detector on the version and
    split evaluated last."""
    if not entries:
        return []
    last = entries[-1]
    latest: dict[str, LedgerEntry] = {}
    for entry in entries:
        if entry.version == last.version and entry.split == last.split:
            latest[entry.detector] = entry
    return list(latest.values())


def evaluation_section(entries: list[LedgerEntry], labels: list[str]) -> Any:
    if not entries:
        return P(
            "No evaluation yet: `declean eval DATASET --detectors lint,...` records one here.",
            id="evaluation",
        )
    first = entries[0]
    scored = [label for label in labels if any(f"jaccard_{label}" in entry.scores for entry in entries)]
    table = Table(
        Thead(Tr(Th("detector"), *[Th(f"Jaccard {label}") for label in scored])),
        Tbody(
            *[
                Tr(
                    Td(entry.detector),
                    *[Td(_score(entry.scores.get(f"jaccard_{label}"))) for label in scored],
                )
                for entry in entries
            ]
        ),
    )
    charts = [Div(H3(label), bar_chart(entries, label), cls="chart") for label in scored]
    return Div(P(f"{first.split} split of {first.version}, {first.when}"), table, *charts, id="evaluation")


def bar_chart(entries: list[LedgerEntry], label: str) -> Any:
    """One bar per detector: its Jaccard on ``label`` (0 to 1)."""
    bars: list[Any] = []
    for row, entry in enumerate(entries):
        value = entry.scores.get(f"jaccard_{label}") or 0.0
        top = row * _ROW
        bars += [
            Text(entry.detector, x=0, y=top + 15, font_size=12),
            Rect(x=90, y=top + 4, width=round(_BAR_WIDTH * value, 1), height=14, fill="#4a6fd8"),
            Text(_score(value), x=96 + round(_BAR_WIDTH * value, 1), y=top + 15, font_size=12),
        ]
    return Svg(
        *bars,
        width=90 + _BAR_WIDTH + 50,
        height=max(1, len(entries)) * _ROW + 4,
        role="img",
        aria_label=f"Jaccard on {label} per detector",
    )


def _score(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"
