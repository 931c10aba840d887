"""DRY by writing out a loop's first pass: the second form of the DRY transform, for programs where no
helper is called twice.

A loop is peeled (:mod:`~declean.tools.transforms.peeling`): its first pass is written out before it,
so its body exists twice, once for the first input and once for the rest. When the body calls a helper
that is called nowhere else, that helper is now called twice, and it is copied into the written-out pass
(:mod:`~declean.tools.transforms.helper_copies`) with its locals renamed where they would clash: the
helper's logic then exists in the helper and in its caller. Where that is refused (or the helper cannot
be inlined) the written-out pass calls a twin of the helper instead
(:mod:`~declean.tools.transforms.twin`), a copy of its definition under another name.

Levels, how much is duplicated: 1 peels one loop and copies its helper into the written-out pass only
(the helper stays, called by the loop); 2 copies the helper into the loop as well and deletes it, so the
caller holds the logic twice; 3 peels every loop whose pass is big enough to be seen, copying their
helpers everywhere. Loops with larger bodies (helpers included) go first, and each level falls back to
the smaller rewrites (a pass with the helper copied, with its twin, bare) when a larger one is refused.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from tree_sitter import Node, Tree

from declean.tools.cparse import (
    Edit,
    descendants_of_type,
    enclosing_function,
    function_name,
    functions,
    parse,
    text,
    walk,
)
from declean.tools.transforms.base import Level
from declean.tools.transforms.helper_copies import inline_all, inline_one
from declean.tools.transforms.inlining import Rewriter, call_sites
from declean.tools.transforms.peeling import peel
from declean.tools.transforms.twin import twin_edits

Copying = Literal["everywhere", "first pass", "twin", "none"]
_VISIBLE = 20
"""Syntax nodes a loop's body and helper need before level 3 peels it among others."""
_COPIES: dict[Level, tuple[Copying, ...]] = {
    1: ("first pass", "twin", "none"),
    2: ("everywhere", "first pass", "twin", "none"),
    3: ("everywhere", "first pass", "twin", "none"),
}


def peeled_attempts(source: str, level: Level, reasons: dict[str, str]) -> Iterator[tuple[str, Rewriter]]:
    """Candidate rewrites of a level, best first, each with what it duplicated; ``reasons`` collects why
    loops cannot be peeled."""
    tree = parse(source)
    data = source.encode()
    loops: list[tuple[Node, Edit, str | None]] = []
    for loop in descendants_of_type(tree.root_node, "for_statement", "while_statement"):
        edit = peel(data, tree, loop)
        if isinstance(edit, str):
            reasons[_where(loop)] = edit
        else:
            loops.append((loop, edit, _single_helper(tree, loop)))
    loops.sort(key=lambda found: -_weight(tree, found[0], found[2]))
    visible = [found for found in loops if _weight(tree, found[0], found[2]) >= _VISIBLE]
    if level == 3 and len(visible) > 1:
        yield "every loop", _peel_every(source, visible)
    for loop, edit, helper in loops:
        for copying in _COPIES[level] if helper is not None else ("none",):
            rewriter = Rewriter.start(source)
            rewriter.apply([edit], _peeled(loop))
            if helper is not None and copying == "everywhere" and not inline_all(rewriter, helper):
                continue
            if helper is not None and copying == "first pass" and not inline_one(rewriter, helper):
                continue
            if helper is not None and copying == "twin" and not _twin(rewriter, helper):
                continue
            yield _where(loop), rewriter


def _peel_every(source: str, loops: list[tuple[Node, Edit, str | None]]) -> Rewriter:
    """Every outermost peelable loop peeled, bottom up so earlier offsets hold; then helpers copied."""
    outermost = [found for found in loops if not any(_within(found[0], other[0]) for other in loops)]
    rewriter = Rewriter.start(source)
    for loop, edit, _ in sorted(outermost, key=lambda found: -found[0].start_byte):
        rewriter.apply([edit], _peeled(loop))
    for helper in dict.fromkeys(helper for _, _, helper in outermost if helper is not None):
        inline_all(rewriter, helper)
    return rewriter


def _peeled(loop: Node) -> str:
    return f"first pass of a {loop.type.removesuffix('_statement')} loop written out before it"


def _twin(rewriter: Rewriter, helper: str) -> bool:
    """The first call of ``helper`` made to call a copy of it defined right after it."""
    tree = rewriter.tree
    calls = call_sites(tree, helper)
    edits = twin_edits(tree, calls[0], rewriter.source.encode()) if calls else "no call"
    if isinstance(edits, str):
        return False
    rewriter.apply(edits, f"copy of {helper} for the first pass")
    return True


def _single_helper(tree: Tree, loop: Node) -> str | None:
    """The largest function the loop body calls that is called nowhere else."""
    body = loop.child_by_field_name("body")
    sizes = {function.name: _size(function.body) for function in functions(tree) if function.name != "main"}
    found: list[tuple[int, str]] = []
    for call in descendants_of_type(body, "call_expression") if body is not None else []:
        callee = call.child_by_field_name("function")
        name = text(callee) if callee is not None else ""
        if name in sizes and len(call_sites(tree, name)) == 1:
            found.append((sizes[name], name))
    return max(found)[1] if found else None


def _weight(tree: Tree, loop: Node, helper: str | None) -> int:
    body = loop.child_by_field_name("body")
    sizes = {function.name: _size(function.body) for function in functions(tree)}
    return (_size(body) if body is not None else 0) + (sizes.get(helper, 0) if helper is not None else 0)


def _size(node: Node) -> int:
    return sum(1 for found in walk(node) if found.is_named)


def _within(node: Node, outer: Node) -> bool:
    return node != outer and outer.start_byte <= node.start_byte and node.end_byte <= outer.end_byte


def _where(loop: Node) -> str:
    function = enclosing_function(loop)
    name = (function_name(function) if function is not None else None) or "file scope"
    return f"loop at line {loop.start_point.row + 1} of {name}"
