"""Copies of a helper at its call sites, made by :mod:`~declean.tools.transforms.inlining` on a
:class:`~declean.tools.transforms.inlining.Rewriter` that remembers where each copy went."""

from __future__ import annotations

from tree_sitter import Node, Tree

from declean.tools.cparse import enclosing_function, function_name
from declean.tools.transforms.inlining import (
    Helper,
    Rewriter,
    analyze,
    call_sites,
    leading_comments,
    plan_call,
    removal_edits,
)


def inlinable_calls(tree: Tree, helper: Helper) -> int:
    """How many calls of ``helper`` can be inlined."""
    return sum(not isinstance(plan_call(tree, helper, call), str) for call in call_sites(tree, helper.name))


def caller_name(call: Node) -> str:
    """The function holding ``call``, or ``file scope``."""
    caller = enclosing_function(call)
    return (function_name(caller) if caller is not None else None) or "file scope"


def inline_one(rewriter: Rewriter, name: str) -> bool:
    """Inline the first call of ``name`` that can be; the helper stays. False when none can be."""
    tree = rewriter.tree
    helper = analyze(tree, name)
    if isinstance(helper, str):
        return False
    for call in call_sites(tree, name):
        edits = plan_call(tree, helper, call)
        if not isinstance(edits, str):
            rewriter.apply(edits, f"copy 2 of {name} in {caller_name(call)}")
            return True
    return False


def inline_all(rewriter: Rewriter, name: str) -> bool:
    """Inline every call of ``name`` that can be; delete the helper when no call is left. False when no
    call can be inlined."""
    tree = rewriter.tree
    helper = analyze(tree, name)
    if isinstance(helper, str):
        return False
    whole = inlinable_calls(tree, helper) == len(call_sites(tree, name))
    first = copy = 1 if whole else 2
    index = 0
    while not isinstance(helper, str) and index < len(calls := call_sites(tree, name)):
        comments = leading_comments(helper.definition) if whole and copy == 1 else None
        edits = plan_call(tree, helper, calls[index], comments)
        if isinstance(edits, str):
            index += 1
            continue
        rewriter.apply(edits, f"copy {copy} of {name} in {caller_name(calls[index])}")
        copy += 1
        tree = rewriter.tree
        helper = analyze(tree, name)
    if not isinstance(helper, str) and not call_sites(tree, name):
        rewriter.apply(removal_edits(tree, helper, whole))
    return copy > first
