"""The Label Studio labeling config, generated from the principle registry.

One task shows a dataset record: the problem, the code with line numbers, the change from its parent
version, its outputs and the static evidence. The reviewer ticks every label the code deserves (pre-filled
from the pipeline as a prediction), gives a reason for each label ticked, answers the two questions the
seed's reviewers answered (an adequate solution? different enough from the rest?) and may comment.
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.etree import ElementTree

from declean.principles import REGISTRY, PrincipleSpec

LABELS = "labels"
"""The ``Choices`` holding the labels; its values are the registry's names."""
ADEQUATE = "adequate"
DIFFERENT = "different"
COMMENT = "comment"
REASON_PREFIX = "reason_"
"""``reason_<LABEL>``: the ``TextArea`` for the reason a label was ticked."""
YES, NO = "yes", "no"
CODE = "code"
"""The object every control labels."""
DATA_FIELDS = ("statement", "code", "diff", "outputs", "evidence", "provenance")
"""The task data the config shows; every task carries each of them."""

_STYLE = """
.declean-question { margin-top: 0.6em; }
"""


def reason_field(label: str) -> str:
    return f"{REASON_PREFIX}{label}"


def label_config(specs: Sequence[PrincipleSpec] | None = None) -> str:
    """The labeling config (XML) for ``specs`` (every registered label when ``None``)."""
    chosen = list(specs) if specs is not None else list(REGISTRY)
    view = ElementTree.Element("View")
    ElementTree.SubElement(view, "Style").text = _STYLE
    _section(view, "Problem", "statement")
    _section(view, "Code (line numbers added)", CODE)
    _section(view, "Change from its parent version", "diff")
    _section(view, "Outputs on the problem's inputs", "outputs")
    _section(view, "Static evidence (declean's measures)", "evidence")
    _section(view, "How it was made", "provenance")

    ElementTree.SubElement(view, "Header", value="Labels: tick every principle the code violates")
    choices = ElementTree.SubElement(
        view, "Choices", name=LABELS, toName=CODE, choice="multiple", showInline="true"
    )
    for spec in chosen:
        ElementTree.SubElement(choices, "Choice", value=spec.name, hint=f"{spec.title}: {spec.definition}")
    for spec in chosen:
        shown = ElementTree.SubElement(
            view,
            "View",
            visibleWhen="choice-selected",
            whenTagName=LABELS,
            whenChoiceValue=spec.name,
        )
        ElementTree.SubElement(
            shown,
            "TextArea",
            name=reason_field(spec.name),
            toName=CODE,
            placeholder=f"Why {spec.name}? (line numbers help)",
            maxSubmissions="1",
            editable="true",
            rows="2",
        )
    _question(view, ADEQUATE, "Is it an adequate solution to the problem?")
    _question(view, DIFFERENT, "Is it different enough from the rest of the dataset?")
    ElementTree.SubElement(view, "Header", value="Comment (say why when you answer no)")
    ElementTree.SubElement(
        view, "TextArea", name=COMMENT, toName=CODE, rows="3", maxSubmissions="1", editable="true"
    )
    ElementTree.indent(view)
    return ElementTree.tostring(view, encoding="unicode")


def _section(view: ElementTree.Element, title: str, field: str) -> None:
    # Label Studio shows ``Text`` in its own font whatever style it is given; line breaks and indentation
    # survive, and the line numbers are in the text.
    ElementTree.SubElement(view, "Header", value=title)
    ElementTree.SubElement(view, "Text", name=field, value=f"${field}")


def _question(view: ElementTree.Element, name: str, text: str) -> None:
    box = ElementTree.SubElement(view, "View", className="declean-question")
    ElementTree.SubElement(box, "Header", value=text)
    choices = ElementTree.SubElement(
        box, "Choices", name=name, toName=CODE, choice="single-radio", showInline="true", required="true"
    )
    ElementTree.SubElement(choices, "Choice", value=YES)
    ElementTree.SubElement(choices, "Choice", value=NO)
