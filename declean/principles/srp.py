"""SRP, the Single Responsibility Principle: a function doing several jobs.

Measured per function as statements and branches: the longest function, the most branched one, and the
mean statements per function (which rises whenever a helper's job moves into its caller).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field
from tree_sitter import Tree

from declean.principles.base import Measurement, PrincipleSpec
from declean.prompts import load_prompt
from declean.tools.cparse import functions, walk
from declean.tools.transforms.srp import inline_helpers

_STATEMENTS = frozenset(
    {"expression_statement", "declaration", "return_statement", "if_statement", "for_statement",
     "while_statement", "do_statement", "switch_statement", "break_statement", "continue_statement",
     "goto_statement"}
)  # fmt: skip
_BRANCHES = frozenset(
    {"if_statement", "for_statement", "while_statement", "do_statement", "case_statement",
     "conditional_expression"}
)  # fmt: skip


class SrpThresholds(BaseModel):
    """Where the SRP measure starts to mean a violation; calibrated on ``tests/corpus/labeled``."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    statements: int = Field(default=20, ge=1)
    """SRP when one function has at least this many statements ..."""
    branches: int = Field(default=4, ge=0)
    """... and at least this many branches and loops."""


def measure(tree: Tree, thresholds: SrpThresholds = SrpThresholds()) -> Measurement:  # noqa: B008
    """Statements and branches per function."""
    sizes: list[tuple[int, int, str]] = []
    for function in functions(tree.root_node):
        statements = sum(1 for node in walk(function.body) if node.type in _STATEMENTS)
        branches = sum(1 for node in walk(function.body) if node.type in _BRANCHES)
        sizes.append((statements, branches, function.name))
    if not sizes:
        values = {"functions": 0, "longest_statements": 0, "max_branches": 0, "mean_statements": 0.0}
        return Measurement(score=0.0, violated=False, summary="no functions", values=values)
    longest_statements, _, longest_name = max(sizes)
    max_branches = max(branches for _, branches, _ in sizes)
    mean = round(sum(statements for statements, _, _ in sizes) / len(sizes), 2)
    return Measurement(
        score=mean,
        violated=longest_statements >= thresholds.statements and max_branches >= thresholds.branches,
        summary=(
            f"longest function {longest_name}: {longest_statements} statements, {max_branches} branches "
            f"(of {len(sizes)} functions)"
        ),
        examples=[longest_name],
        values={
            "functions": len(sizes),
            "longest_statements": longest_statements,
            "max_branches": max_branches,
            "mean_statements": mean,
        },
    )


SPEC = PrincipleSpec(
    name="SRP",
    title="Single Responsibility Principle",
    definition=(
        "A function does several distinct jobs, for example it reads input, computes a result and prints "
        "a report, or updates unrelated pieces of state, instead of the one job it is named for."
    ),
    detection_hints=(
        "A function whose parts all serve one job (a state machine's switch, a loop computing one result) "
        "does not violate it, however long; main calling helpers in turn is fine."
    ),
    measure=measure,
    transform=inline_helpers,
    declean_prompt=load_prompt("declean_srp"),
)
