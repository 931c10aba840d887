"""What the ``trained`` detector sees of a program: the static measures and the shape of its syntax tree."""

from __future__ import annotations

import statistics

from declean.principles.verify import measure
from declean.tools.cparse import functions, parse, text, walk

NODE_TYPES = (
    "number_literal",
    "string_literal",
    "char_literal",
    "identifier",
    "call_expression",
    "function_definition",
    "compound_statement",
    "declaration",
    "assignment_expression",
    "binary_expression",
    "for_statement",
    "while_statement",
    "do_statement",
    "if_statement",
    "switch_statement",
    "return_statement",
    "preproc_def",
    "preproc_function_def",
    "enumerator",
    "ERROR",
)
"""Syntax node types whose share of all nodes is a feature (``ast.share.<type>``)."""


def features(source: str) -> dict[str, float]:
    """The numbers the classifiers see, by name; the same source always gives the same dict.

    - ``<PRINCIPLE>.score`` and ``<PRINCIPLE>.<value>``: every measured principle's score and each of its
      :attr:`~declean.principles.base.Measurement.values` (``MC.magic_literals``, ``NAME.share``...);
    - ``parse_errors``: 1 when tree-sitter could not parse part of the program;
    - ``ast.nodes``, ``ast.lines``: the syntax tree's size and the source's lines;
    - ``ast.share.<type>``: nodes of each of :data:`NODE_TYPES` per syntax node;
    - ``ast.functions``, ``ast.function_lines_mean``, ``ast.function_lines_max``: defined functions and
      their length in lines;
    - ``ast.identifier_length_mean``, ``ast.short_identifier_share``: over the distinct identifiers, their
      mean length and the share of one or two characters.

    Code that does not compile, or does not parse, still gives every feature.
    """
    evidence = measure(source)
    found: dict[str, float] = {"parse_errors": float(evidence.parse_errors)}
    for principle, measured in evidence.measures.items():
        found[f"{principle}.score"] = float(measured.score)
        found.update({f"{principle}.{name}": float(value) for name, value in measured.values.items()})
    tree = parse(source)
    nodes = list(walk(tree.root_node))
    counts = dict.fromkeys(NODE_TYPES, 0)
    for node in nodes:
        if node.type in counts:
            counts[node.type] += 1
    found["ast.nodes"] = float(len(nodes))
    found["ast.lines"] = float(len(source.splitlines()))
    found.update({f"ast.share.{kind}": count / max(len(nodes), 1) for kind, count in counts.items()})
    lengths = [end - start + 1 for start, end in (function.lines for function in functions(tree))]
    found["ast.functions"] = float(len(lengths))
    found["ast.function_lines_mean"] = statistics.fmean(lengths) if lengths else 0.0
    found["ast.function_lines_max"] = float(max(lengths, default=0))
    names = {text(node) for node in nodes if node.type == "identifier"}
    found["ast.identifier_length_mean"] = statistics.fmean(map(len, names)) if names else 0.0
    found["ast.short_identifier_share"] = sum(len(name) <= 2 for name in names) / max(len(names), 1)
    return found
