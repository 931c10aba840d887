"""The side-by-side table and the HTML report, from hand-made scores: one inline SVG chart per label, nothing
fetched from anywhere, code and explanations escaped, the misclassified list capped and the cap said."""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser

import pytest
from pydantic import ValidationError

from declean.evaluate.bootstrap import Interval
from declean.evaluate.charts import bar_chart
from declean.evaluate.metrics import Case, score
from declean.evaluate.report import MISCLASSIFIED_SHOWN, Misclassified, render_report
from declean.evaluate.table import Comparison, CurvePoint, comparison_table, detector_table, estimate

LABELS = ["DRY", "SRP", "MC"]
CODE = '#include <stdio.h>\nint main(void) { int a = 1 && 2; if (a < 3) printf("%d & <b>\\n", a); }\n'


def case(sample: str, truth: list[str], predicted: list[str]) -> Case:
    return Case(sample_id=sample, problem_id=sample, truth=truth, predicted=predicted)


# "lint": DRY tp 1, fn 1 -> Jaccard 1/2; SRP fp 1 -> 0; MC tp 2 -> 1. "llm<x>": everything right.
CASES = {
    "lint": [
        case("1", ["DRY"], ["DRY"]),
        case("2", ["DRY", "MC"], ["MC"]),
        case("3", [], ["SRP"]),
        case("4", ["MC"], ["MC"]),
    ],
    "llm<x>": [
        case("1", ["DRY"], ["DRY"]),
        case("2", ["DRY", "MC"], ["DRY", "MC"]),
        case("3", [], []),
        case("4", ["MC"], ["MC"]),
    ],
}
INTERVALS: dict[str, dict[str, Interval]] = {
    "lint": {"DRY.jaccard": (0.25, 0.75), "micro.f1": (0.5, 0.9), "exact_match": (0.0, 0.8)},
    "llm<x>": {"DRY.jaccard": (1.0, 1.0)},
}


def comparison(curve: list[CurvePoint] | None = None) -> Comparison:
    return Comparison(
        detectors={name: score(cases, LABELS) for name, cases in CASES.items()},
        intervals=INTERVALS,
        labels=LABELS,
        split="test",
        dataset_version="v3",
        samples=4,
        problems=4,
        curve=curve or [],
    )


def wrong(prefix: str, count: int) -> list[Misclassified]:
    return [
        Misclassified(
            sample_id=f"{prefix}-{index}",
            problem_id="p",
            truth=["DRY"],
            predicted=["SRP"],
            code=CODE,
            explanations={"SRP": "does <two> things & more <script>alert(1)</script>"},
            raw_reply='{"SRP": {"violated": true}} <i>',
        )
        for index in range(count)
    ]


def test_the_table_has_a_row_per_detector_with_jaccard_and_its_interval() -> None:
    table = comparison_table(comparison())
    assert table.headers == ["detector", "DRY", "SRP", "MC", "micro F1", "exact match"]
    # lint: DRY 1/2 with its interval; SRP and MC have none given; micro: tp 3, fp 1, fn 1 -> F1 0.75
    assert table.rows[0] == [
        "lint",
        "0.50 [0.25, 0.75]",
        "0.00",
        "1.00",
        "0.75 [0.50, 0.90]",
        "0.50 [0.00, 0.80]",
    ]
    # SRP never occurs and llm<x> never gives it: Jaccard 1 by convention
    assert table.rows[1] == ["llm<x>", "1.00 [1.00, 1.00]", "1.00", "1.00", "1.00", "1.00"]
    assert "4 samples, 4 problems" in table.title
    assert estimate(2 / 3, (0.5, 0.875)) == "0.67 [0.50, 0.88]" and estimate(0.5, None, digits=3) == "0.500"


def test_the_detector_table_has_every_label_then_micro_and_macro() -> None:
    table = detector_table(comparison(), "lint")
    assert [row[0] for row in table.rows] == ["DRY", "SRP", "MC", "micro", "macro"]
    dry = dict(zip(table.headers, table.rows[0], strict=True))
    assert dry["support"] == "2" and dry["predicted"] == "1" and dry["TP / FP / FN"] == "1 / 0 / 1"
    assert dry["precision"] == "1.00" and dry["recall"] == "0.50" and dry["Jaccard"] == "0.50 [0.25, 0.75]"
    assert dry["location overlap"] == "-"
    assert "exact match 0.50 [0.00, 0.80]" in table.title and "Hamming loss 0.167" in table.title  # 2 / 12


def test_a_comparison_must_score_every_label_and_interval_only_known_detectors() -> None:
    with pytest.raises(ValidationError, match="no scores for NAME"):
        Comparison(
            detectors={"lint": score(CASES["lint"], LABELS)},
            labels=[*LABELS, "NAME"],
            split="test",
            dataset_version="v3",
            samples=4,
            problems=4,
        )
    with pytest.raises(ValidationError, match="intervals for unknown detector"):
        Comparison.model_validate({**comparison().model_dump(), "intervals": {"lint": {}, "lnt": {}}})


def test_a_chart_bar_is_the_jaccard_and_its_whisker_the_interval_on_a_zero_to_one_axis() -> None:
    chart = bar_chart(comparison(), "DRY")
    span = chart.right - chart.left
    assert [tick.text for tick in chart.ticks] == ["0", "0.25", "0.5", "0.75", "1"]
    assert [(tick.x - chart.left) / span for tick in chart.ticks] == [0.0, 0.25, 0.5, 0.75, 1.0]
    lint, llm = chart.bars
    assert lint.width / span == 0.5 and lint.value == "0.50"
    assert lint.low is not None and lint.high is not None
    assert ((lint.low - chart.left) / span, (lint.high - chart.left) / span) == (0.25, 0.75)
    assert llm.width / span == 1.0 and lint.y < llm.y
    assert bar_chart(comparison(), "SRP").bars[0].low is None  # no interval given: no whisker


class Page(HTMLParser):
    """What the tests look at in the page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: Counter[str] = Counter()
        self.classes: Counter[str] = Counter()
        self.external: list[str] = []
        self.sample_ids: list[str] = []
        self.codes: list[str] = []
        self.svg_texts: list[str] = []
        self._in_code = self._in_svg = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        found = dict(attrs)
        self.classes.update(f"{tag}.{name}" for name in (found.get("class") or "").split())
        for name, value in attrs:
            if name in ("src", "href", "xlink:href", "action") and value and not value.startswith("#"):
                self.external.append(value)
        if tag == "details" and found.get("data-sample-id"):
            self.sample_ids.append(str(found["data-sample-id"]))
        self._in_code = tag == "pre" and found.get("class") == "code"
        if tag == "pre" and self._in_code:
            self.codes.append("")
        self._in_svg = self._in_svg or tag == "svg"

    def handle_endtag(self, tag: str) -> None:
        if tag == "pre":
            self._in_code = False
        if tag == "svg":
            self._in_svg = False

    def handle_data(self, data: str) -> None:
        if self._in_code:
            self.codes[-1] += data
        if self._in_svg and data.strip():
            self.svg_texts.append(data.strip())


def parse(page: str) -> Page:
    parsed = Page()
    parsed.feed(page)
    parsed.close()
    return parsed


def test_the_report_is_self_contained_with_one_chart_per_label() -> None:
    page = render_report(comparison(), {"lint": wrong("lint", 2), "llm<x>": []})
    parsed = parse(page)
    assert parsed.tags["svg"] == len(LABELS)
    assert parsed.classes["rect.bar"] == len(LABELS) * 2  # a bar per detector in each chart
    # whiskers (a line and two caps) only where an interval was given: DRY for both detectors
    assert parsed.classes["line.whisker"] == 2 * 3
    assert all(f"Jaccard of {label}" in parsed.svg_texts for label in LABELS)
    assert {"0", "0.25", "0.5", "0.75", "1"} <= set(parsed.svg_texts)
    assert parsed.external == [] and not re.search(r"https?://|url\(|@import", page)
    assert parsed.tags["script"] == parsed.tags["link"] == parsed.tags["img"] == parsed.tags["iframe"] == 0
    assert "default-src 'none'" in page
    assert parsed.tags["table"] == 1 + 2  # the summary and one per detector
    assert "0.50 [0.25, 0.75]" in page and "llm&lt;x&gt;" in page and "llm<x>" not in page


def test_code_explanations_and_replies_are_escaped() -> None:
    page = render_report(comparison(), {"lint": wrong("lint", 1)})
    parsed = parse(page)
    assert parsed.codes == [CODE]  # the <pre> holds exactly the code once unescaped by the parser
    assert "#include &lt;stdio.h&gt;" in page and "1 &amp;&amp; 2" in page and "a &lt; 3" in page
    assert "#include <stdio.h>" not in page and "<b>" not in page
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "does &lt;two&gt; things &amp; more" in page and "<i>" not in page
    assert "missed DRY" in page and "wrongly gave SRP" in page


def test_the_misclassified_list_is_capped_and_says_how_many_were_left_out() -> None:
    misclassified = {"lint": wrong("lint", MISCLASSIFIED_SHOWN + 7), "llm<x>": wrong("llm", 3)}
    parsed = parse(page := render_report(comparison(), misclassified))
    shown = Counter(sample_id.split("-")[0] for sample_id in parsed.sample_ids)
    assert shown == {"lint": MISCLASSIFIED_SHOWN, "llm": 3}
    assert f"lint: misclassified samples ({MISCLASSIFIED_SHOWN + 7})" in page
    assert f"7 more misclassified sample(s) not shown (the first {MISCLASSIFIED_SHOWN} of 57" in page
    assert page.count("not shown") == 1  # nothing left out for llm<x>
    few = parse(render_report(comparison(), misclassified, shown=5))
    assert Counter(sample_id.split("-")[0] for sample_id in few.sample_ids) == {"lint": 5, "llm": 3}


def test_a_curve_adds_a_chart() -> None:
    curve = [
        CurvePoint(fraction=0.1, problems=3, jaccard={"DRY": 0.2, "MC": 0.4}),
        CurvePoint(fraction=1.0, problems=30, jaccard={"DRY": 0.6, "MC": 0.7}),
    ]
    page = render_report(comparison(curve), {})
    parsed = parse(page)
    assert parsed.tags["svg"] == len(LABELS) + 1 and parsed.tags["polyline"] == 2  # DRY and MC lines
    assert {"10%", "100%"} <= set(parsed.svg_texts) and "None given." in page
