"""DRY by inlining: a helper called two or more times is copied into its call sites, so its logic repeats.

Nothing moves between functions beyond the copies themselves and no other kind of duplication is made
up: a program without a helper called at least twice is not applicable. Copies are made by
:mod:`~declean.tools.transforms.inlining`; a call it cannot rewrite safely keeps calling the helper.

Levels: 1 inlines one call of one helper (the helper stays, so its logic now exists twice); 2 inlines
every call of one helper and deletes it (its leading comments go above the first copy); 3 does that for
every helper called two or more times, callers before the helpers they call. Larger helpers go first.

With ``refuses`` (the DRY principle passes its static verifier) a rewrite is only returned when it sees
the duplication and no other principle got worse: copies of a one-line helper are too short to be
repeated logic, so below level 3 the next helper is tried, and otherwise the transform does not apply.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from tree_sitter import Node, Tree

from declean.tools.cparse import enclosing_function, function_name, functions, has_errors, parse
from declean.tools.transforms.base import Level, TransformResult, not_applicable
from declean.tools.transforms.inlining import (
    Helper,
    Rewriter,
    analyze,
    call_sites,
    callee_names,
    leading_comments,
    plan_call,
    removal_edits,
)

PRINCIPLE = "DRY"


def duplicate_logic(
    source: str, level: Level = 2, refuses: Callable[[str, str], str | None] | None = None
) -> TransformResult:
    """Copy repeated helpers into their call sites (see the module docstring). ``refuses(before, after)``
    says why a rewrite is not kept, or ``None`` to keep it (every rewrite is kept without it)."""
    tree = parse(source)
    if has_errors(tree):
        return not_applicable(PRINCIPLE, level, "the program does not parse")
    reasons: dict[str, str] = {}
    helpers = _repeated(tree, reasons)
    if not helpers:
        reason = "no helper is called two or more times" if not reasons else _listed(reasons)
        return not_applicable(PRINCIPLE, level, reason)
    for names, rewriter in _attempts(source, helpers, level):
        refusal = refuses(source, rewriter.source) if refuses is not None else None
        if refusal is None:
            return TransformResult(
                principle=PRINCIPLE,
                level=level,
                applied=True,
                code=rewriter.source,
                locations=rewriter.locations(),
            )
        if rewriter.marks:
            unseen = f"its copies do not register as duplicated logic ({refusal})"
            reasons |= dict.fromkeys(names, unseen)
    unsafe = "no call can be inlined safely"
    reasons |= {helper.name: unsafe for helper in helpers if helper.name not in reasons}
    return not_applicable(PRINCIPLE, level, _listed(reasons))


def _attempts(source: str, helpers: list[Helper], level: Level) -> Iterator[tuple[list[str], Rewriter]]:
    """The candidate rewrites of a level, best first: one helper at a time below level 3."""
    tree = parse(source)
    if level == 3:
        rewriter = Rewriter.start(source)
        for name in _callers_first(helpers):
            _inline_all(rewriter, name)
        yield [helper.name for helper in helpers], rewriter
        return
    if level == 2:
        counts = {helper.name: _inlinable(tree, helper) for helper in helpers}
        whole = [helper for helper in helpers if counts[helper.name] == len(call_sites(tree, helper.name))]
        helpers = whole + [helper for helper in helpers if helper not in whole and counts[helper.name]]
    for helper in helpers:
        rewriter = Rewriter.start(source)
        if level == 1:
            _inline_one(rewriter, helper.name)
        else:
            _inline_all(rewriter, helper.name)
        yield [helper.name], rewriter


def _repeated(tree: Tree, reasons: dict[str, str]) -> list[Helper]:
    """Analysable helpers called two or more times, largest body first."""
    found = []
    for function in functions(tree):
        if function.name == "main" or len(call_sites(tree, function.name)) < 2:
            continue
        helper = analyze(tree, function.name)
        if isinstance(helper, str):
            reasons[function.name] = helper
        else:
            found.append(helper)
    return sorted(found, key=lambda helper: -len(helper.body.text or b""))


def _inlinable(tree: Tree, helper: Helper) -> int:
    return sum(not isinstance(plan_call(tree, helper, call), str) for call in call_sites(tree, helper.name))


def _caller_name(call: Node) -> str:
    caller = enclosing_function(call)
    return (function_name(caller) if caller is not None else None) or "file scope"


def _inline_one(rewriter: Rewriter, name: str) -> None:
    """Inline the first call of ``name`` that can be; the helper stays."""
    tree = rewriter.tree
    helper = analyze(tree, name)
    if isinstance(helper, str):
        return
    for call in call_sites(tree, name):
        edits = plan_call(tree, helper, call)
        if not isinstance(edits, str):
            rewriter.apply(edits, f"copy 2 of {name} in {_caller_name(call)}")
            return


def _inline_all(rewriter: Rewriter, name: str) -> None:
    """Inline every call of ``name`` that can be; delete the helper when no call is left."""
    tree = rewriter.tree
    helper = analyze(tree, name)
    if isinstance(helper, str):
        return
    whole = _inlinable(tree, helper) == len(call_sites(tree, name))
    copy, index = (1 if whole else 2), 0
    while not isinstance(helper, str) and index < len(calls := call_sites(tree, name)):
        comments = leading_comments(helper.definition) if whole and copy == 1 else None
        edits = plan_call(tree, helper, calls[index], comments)
        if isinstance(edits, str):
            index += 1
            continue
        rewriter.apply(edits, f"copy {copy} of {name} in {_caller_name(calls[index])}")
        copy += 1
        tree = rewriter.tree
        helper = analyze(tree, name)
    if not isinstance(helper, str) and not call_sites(tree, name):
        rewriter.apply(removal_edits(tree, helper, whole))


def _callers_first(helpers: list[Helper]) -> list[str]:
    """Helper names ordered so that a helper comes before the helpers it calls."""
    remaining, ordered = list(helpers), []
    while remaining:
        called = set().union(*(callee_names(helper.body) for helper in remaining))
        pick = next((helper for helper in remaining if helper.name not in called), remaining[0])
        ordered.append(pick.name)
        remaining.remove(pick)
    return ordered


def _listed(reasons: dict[str, str]) -> str:
    listed = "; ".join(f"{name}: {reason}" for name, reason in sorted(reasons.items()))
    return f"no helper called two or more times can be copied safely and visibly ({listed})"
