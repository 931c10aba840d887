"""SRP by inlining: helpers called exactly once are folded into their caller, which then does their job too.

A helper qualifies when it is called exactly once (a helper called twice would become duplicated logic,
a DRY violation) and :mod:`~declean.tools.transforms.inlining` can inline it safely. The helper's
definition and prototypes are deleted; its leading comments move above the inlined copy.

Levels: 1 inlines one helper; 2 about half of the single-call helpers; 3 all of them, round after round,
so helpers of inlined helpers follow (at most three rounds, i.e. three call levels). A helper is only
inlined once its caller is no longer waiting to be inlined itself, so copies land in their final
function. Expression helpers come first, then ``void`` helpers, then helpers ending in a ``return``.
"""

from __future__ import annotations

import math
import sys

from tree_sitter import Node, Tree

from declean.tools.cparse import enclosing_function, function_name, functions, has_errors, parse
from declean.tools.transforms.base import Level, TransformResult, not_applicable
from declean.tools.transforms.inlining import (
    Helper,
    Rewriter,
    analyze,
    call_sites,
    leading_comments,
    plan_call,
    removal_edits,
)

PRINCIPLE = "SRP"
_ROUNDS = 3
_PREFERENCE = {"expression": 0, "void": 1, "tail": 2}


def inline_helpers(source: str, level: Level = 2) -> TransformResult:
    """Inline helpers called exactly once into their caller and delete them (see the module docstring)."""
    if has_errors(parse(source)):
        return not_applicable(PRINCIPLE, level, "the program does not parse")
    rewriter = Rewriter.start(source)
    reasons: dict[str, str] = {}
    budget: int | None = None
    for _ in range(_ROUNDS):
        ready = _ready(rewriter.tree, reasons)
        if budget is None:
            budget = {1: 1, 2: math.ceil(len(ready) / 2), 3: sys.maxsize}[level]
        waiting = {helper.name for helper, _ in ready}
        done = 0
        for name in [helper.name for helper, caller in ready if caller not in waiting]:
            done += _inline(rewriter, name) if done < budget else 0
        budget -= done
        if not done or not budget or level < 3:
            break
    if not rewriter.marks:
        return not_applicable(PRINCIPLE, level, _why_not(reasons))
    return TransformResult(
        principle=PRINCIPLE, level=level, applied=True, code=rewriter.source, locations=rewriter.locations()
    )


def _ready(tree: Tree, reasons: dict[str, str]) -> list[tuple[Helper, str]]:
    """Helpers called exactly once whose call can be inlined, with their caller, best first."""
    found = []
    for function in functions(tree):
        calls = [
            call for call in call_sites(tree, function.name) if enclosing_function(call) != function.node
        ]
        caller = enclosing_function(calls[0]) if len(calls) == 1 else None
        if function.name == "main" or caller is None:
            continue
        helper = _inlinable(tree, function.name, calls[0])
        if isinstance(helper, str):
            reasons.setdefault(function.name, helper)
        else:
            found.append((helper, function_name(caller) or ""))
    return sorted(found, key=lambda pair: _PREFERENCE[pair[0].kind])


def _inlinable(tree: Tree, name: str, call: Node) -> Helper | str:
    helper = analyze(tree, name)
    plan = helper if isinstance(helper, str) else plan_call(tree, helper, call)
    return plan if isinstance(plan, str) else helper


def _inline(rewriter: Rewriter, name: str) -> int:
    """Inline the helper ``name`` at its single call and delete it; 1 when done, 0 when not."""
    tree = rewriter.tree
    helper, calls = analyze(tree, name), call_sites(tree, name)
    if isinstance(helper, str) or len(calls) != 1:
        return 0
    edits = plan_call(tree, helper, calls[0], leading_comments(helper.definition))
    caller = enclosing_function(calls[0])
    if isinstance(edits, str) or caller is None:
        return 0
    rewriter.apply(edits + removal_edits(tree, helper, True), f"inlined {name} into {function_name(caller)}")
    return 1


def _why_not(reasons: dict[str, str]) -> str:
    if not reasons:
        return "no helper is called exactly once"
    listed = "; ".join(f"{name}: {reason}" for name, reason in sorted(reasons.items()))
    return f"no helper called exactly once can be inlined safely ({listed})"
