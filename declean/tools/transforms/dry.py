"""DRY by copying logic that runs more than once: a helper called two or more times is copied into its
call sites (first form) or, where there is none, a loop's first pass is written out before it (second
form, :mod:`~declean.tools.transforms.dry_blocks`), so the same logic is written out twice.

Nothing moves between functions beyond the copies themselves and no other kind of duplication is made
up. Copies are made by :mod:`~declean.tools.transforms.inlining` (or, in the second form, as a twin of
the helper); a call it cannot rewrite safely keeps calling the helper.

First-form levels: 1 inlines one call of one helper (the helper stays, so its logic now exists twice); 2
inlines every call of one helper and deletes it (its leading comments go above the first copy); 3 does
that for every helper called two or more times, callers before the helpers they call. Larger helpers go
first.

With ``refuses`` (the DRY principle passes its static verifier) a rewrite is only returned when it sees
the duplication and no other principle got worse: copies of a one-line helper are too short to be
repeated logic, so below level 3 the next helper is tried, then the second form's rewrites (whose levels
its module gives), and otherwise the transform does not apply.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator

from tree_sitter import Tree

from declean.tools.cparse import functions, has_errors, parse
from declean.tools.transforms.base import Level, TransformResult, not_applicable
from declean.tools.transforms.dry_blocks import peeled_attempts
from declean.tools.transforms.helper_copies import inlinable_calls, inline_all, inline_one
from declean.tools.transforms.inlining import Helper, Rewriter, analyze, call_sites, callee_names

PRINCIPLE = "DRY"


def duplicate_logic(
    source: str, level: Level = 2, refuses: Callable[[str, str], str | None] | None = None
) -> TransformResult:
    """Copy logic that runs more than once (see the module docstring). ``refuses(before, after)`` says why
    a rewrite is not kept, or ``None`` to keep it (every rewrite is kept without it)."""
    tree = parse(source)
    if has_errors(tree):
        return not_applicable(PRINCIPLE, level, "the program does not parse")
    reasons: dict[str, str] = {}
    loops: dict[str, str] = {}
    helpers = _repeated(tree, reasons)
    attempts = itertools.chain(
        _attempts(source, helpers, level) if helpers else (),
        (([where], rewriter) for where, rewriter in peeled_attempts(source, level, loops)),
    )
    for names, rewriter in attempts:
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
            target = reasons if names[0] in {helper.name for helper in helpers} else loops
            target |= dict.fromkeys(names, unseen)
    unsafe = "no call can be inlined safely"
    reasons |= {helper.name: unsafe for helper in helpers if helper.name not in reasons}
    return not_applicable(PRINCIPLE, level, _why_not(reasons, loops))


def _attempts(source: str, helpers: list[Helper], level: Level) -> Iterator[tuple[list[str], Rewriter]]:
    """The candidate rewrites of a level, best first: one helper at a time below level 3."""
    tree = parse(source)
    if level == 3:
        rewriter = Rewriter.start(source)
        for name in _callers_first(helpers):
            inline_all(rewriter, name)
        yield [helper.name for helper in helpers], rewriter
        return
    if level == 2:
        counts = {helper.name: inlinable_calls(tree, helper) for helper in helpers}
        whole = [helper for helper in helpers if counts[helper.name] == len(call_sites(tree, helper.name))]
        helpers = whole + [helper for helper in helpers if helper not in whole and counts[helper.name]]
    for helper in helpers:
        rewriter = Rewriter.start(source)
        if level == 1:
            inline_one(rewriter, helper.name)
        else:
            inline_all(rewriter, helper.name)
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


def _callers_first(helpers: list[Helper]) -> list[str]:
    """Helper names ordered so that a helper comes before the helpers it calls."""
    remaining, ordered = list(helpers), []
    while remaining:
        called = set().union(*(callee_names(helper.body) for helper in remaining))
        pick = next((helper for helper in remaining if helper.name not in called), remaining[0])
        ordered.append(pick.name)
        remaining.remove(pick)
    return ordered


def _why_not(helpers: dict[str, str], loops: dict[str, str]) -> str:
    first = "no helper is called two or more times"
    if helpers:
        listed = "; ".join(f"{name}: {reason}" for name, reason in sorted(helpers.items()))
        first = f"no helper called two or more times can be copied safely and visibly ({listed})"
    if not loops:
        return f"{first}, and no loop to write a first pass of"
    listed = "; ".join(f"{where}: {reason}" for where, reason in loops.items())
    return f"{first}, and no loop's first pass can be written out safely and visibly ({listed})"
