"""A principle defined outside the declean package, as an application would: GOTO, control flow by goto.

One module holds the definition, the measure and verdict, and the de-clean prompt (a file next to it);
there is no procedural transform, so the model writes the rewrite.
"""

from __future__ import annotations

from pathlib import Path

from tree_sitter import Tree

from declean.principles import Measurement, PrincipleSpec
from declean.prompts import load_prompt_file
from declean.tools.cparse import descendants_of_type


def measure_goto(tree: Tree) -> Measurement:
    """Every ``goto`` statement is a violation."""
    gotos = descendants_of_type(tree.root_node, "goto_statement")
    return Measurement(
        score=len(gotos),
        violated=bool(gotos),
        summary=f"{len(gotos)} goto statements",
        examples=[f"line {node.start_point.row + 1}" for node in gotos[:5]],
        values={"gotos": len(gotos)},
    )


GOTO = PrincipleSpec(
    name="GOTO",
    title="control flow by goto",
    definition="Loops or branches are written with labels and goto statements instead of for, while or if.",
    detection_hints="A goto that only jumps to one cleanup block at the end of a function is accepted C.",
    measure=measure_goto,
    declean_prompt=load_prompt_file(Path(__file__).with_name("declean_goto.txt")),
)
