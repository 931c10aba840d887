"""Clones in C function bodies: runs of statements that repeat an earlier run, found on normalised syntax
trees (:mod:`~declean.tools.normalised`), within a function or across functions.

* An exact (type-2) clone is a run of consecutive statements of one block (a compound statement, a
  ``case``, the body of a control statement) whose tokens equal an earlier run's up to values, with the
  names of the two runs corresponding consistently: only names and literals differ. Called functions,
  operators and structure must match, so loops that share a skeleton but read, transpose or print are
  no clones.
* A near (type-3) clone is a loop or a whole function body whose blind tokens are at least
  :attr:`CloneSettings.near_similarity` alike an earlier one's (difflib's ratio), with at most
  :attr:`CloneSettings.near_conflicts` inconsistent names where they align: a flipped comparison,
  another predicate called, one more term; a swap of two indices makes two conflicts.

Only runs that do real work count (:class:`CloneSettings`): enough syntax nodes and statements (nested
ones included), and a loop, ``if`` or ``switch`` among them or more than one shape of statement, so a run
of look-alike ``printf`` lines is no clone. Larger clones are taken first, and a run overlapping a copy
already counted is not counted again.
"""

from __future__ import annotations

import difflib
import itertools
from collections import defaultdict
from dataclasses import dataclass

from tree_sitter import Node, Tree

from declean.tools.cparse import functions, line_range, walk
from declean.tools.normalised import LOOPS, Normaliser, Statement, name_conflicts, tokens_of


@dataclass(frozen=True)
class CloneSettings:
    """What makes a run of statements a clone."""

    min_nodes: int = 20
    """Named syntax nodes a run needs."""
    min_statements: int = 3
    """Statements a run needs, nested ones included."""
    near_min_nodes: int = 30
    """Named syntax nodes a loop or function body needs to be compared as a near clone."""
    near_similarity: float = 0.93
    """Share of alike tokens (difflib's ratio) that makes a loop or body a near clone of another."""
    near_conflicts: int = 1
    """Inconsistently corresponding names a near clone may have."""


@dataclass(frozen=True)
class Fragment:
    """A run of consecutive statements."""

    start_byte: int
    end_byte: int
    lines: tuple[int, int]
    """1-based first and last line."""
    nodes: int
    """Named syntax nodes in the run."""

    def overlaps(self, other: Fragment) -> bool:
        """The two runs share a byte."""
        return self.start_byte < other.end_byte and other.start_byte < self.end_byte


@dataclass(frozen=True)
class Clone:
    """A run that repeats an earlier one."""

    copy: Fragment
    original: Fragment
    exact: bool
    """Equal up to names and literals; ``False`` for a near clone."""


_Run = tuple[Statement, ...]


def find_clones(tree: Tree | Node, settings: CloneSettings = CloneSettings()) -> list[Clone]:
    """Every copy of an earlier run of statements in the functions of ``tree``, in source order."""
    root = tree.root_node if isinstance(tree, Tree) else tree
    normaliser = Normaliser()
    bodies = [
        tuple(normaliser.statement(node) for node in _statements(function.body))
        for function in functions(root)
    ]
    blocks = [
        tuple(normaliser.statement(node) for node in block)
        for function in functions(root)
        for block in _blocks(function.body)
    ]
    groups = _exact_groups(blocks, settings)
    pairs = _near_pairs(bodies, blocks, settings)
    return _counted(groups, pairs)


def _exact_groups(blocks: list[_Run], settings: CloneSettings) -> list[list[Fragment]]:
    """Runs equal up to names, largest first: each group in source order."""
    by_shape: dict[tuple[int, ...], list[_Run]] = defaultdict(list)
    for block in blocks:
        nodes = list(itertools.accumulate((s.nodes for s in block), initial=0))
        statements = list(itertools.accumulate((s.statements for s in block), initial=0))
        for start, end in itertools.combinations(range(len(block) + 1), 2):
            big = nodes[end] - nodes[start] >= settings.min_nodes
            if big and statements[end] - statements[start] >= settings.min_statements:
                run = block[start:end]
                if any(s.control for s in run) or len({s.shape for s in run}) > 1:
                    by_shape[tuple(statement.shape for statement in run)].append(run)
    groups = []
    for runs in by_shape.values():
        classes: list[tuple[list[str], list[Fragment]]] = []
        for run in runs if len(runs) > 1 else []:
            tokens = tokens_of(run)
            pairs = [(index, index) for index in range(len(tokens))]
            match = next((c for c in classes if not name_conflicts(c[0], tokens, pairs)), None)
            if match is None:
                classes.append((tokens, [_fragment(run)]))
            else:
                match[1].append(_fragment(run))
        groups += [sorted(members, key=lambda f: f.start_byte) for _, members in classes if len(members) > 1]
    return sorted(groups, key=lambda group: (-group[0].nodes, group[0].start_byte))


def _near_pairs(
    bodies: list[_Run], blocks: list[_Run], settings: CloneSettings
) -> list[tuple[Fragment, Fragment]]:
    """Loops and function bodies alike enough, largest first: ``(original, copy)`` in source order."""
    loops = [(statement,) for block in blocks for statement in block if statement.node.type in LOOPS]
    units = [run for run in [*bodies, *loops] if run and sum(s.nodes for s in run) >= settings.near_min_nodes]
    blind = {id(run): [token for statement in run for token in statement.blind] for run in units}
    pairs = []
    for first, second in itertools.combinations(units, 2):
        one, other = _fragment(first), _fragment(second)
        if one.overlaps(other):
            continue
        matcher = difflib.SequenceMatcher(None, blind[id(first)], blind[id(second)], autojunk=False)
        bound = settings.near_similarity
        if matcher.real_quick_ratio() < bound or matcher.quick_ratio() < bound or matcher.ratio() < bound:
            continue
        aligned = [
            (a + offset, b + offset) for a, b, size in matcher.get_matching_blocks() for offset in range(size)
        ]
        if name_conflicts(tokens_of(first), tokens_of(second), aligned) <= settings.near_conflicts:
            pairs.append((one, other) if one.start_byte < other.start_byte else (other, one))
    return sorted(pairs, key=lambda pair: (-pair[1].nodes, pair[1].start_byte))


def _counted(groups: list[list[Fragment]], pairs: list[tuple[Fragment, Fragment]]) -> list[Clone]:
    """Exact copies, then near ones; a run overlapping a copy already counted is not counted again."""
    copies: list[Clone] = []
    for group in groups:
        kept = group[0]
        for fragment in group[1:]:
            if fragment.overlaps(kept):
                continue
            kept = fragment
            if not any(fragment.overlaps(clone.copy) for clone in copies):
                copies.append(Clone(copy=fragment, original=group[0], exact=True))
    for original, copy in pairs:
        if not any(copy.overlaps(clone.copy) for clone in copies):
            copies.append(Clone(copy=copy, original=original, exact=False))
    return sorted(copies, key=lambda clone: clone.copy.start_byte)


def _statements(block: Node) -> list[Node]:
    return [child for child in block.named_children if child.type != "comment"]


def _blocks(body: Node) -> list[list[Node]]:
    """The statement lists under ``body``: compound statements, ``case`` bodies, bare control bodies."""
    found = []
    for node in walk(body):
        if node.type == "compound_statement":
            found.append(_statements(node))
        elif node.type == "case_statement":
            value = node.child_by_field_name("value")
            found.append([child for child in _statements(node) if child != value])
        elif node.type in LOOPS or node.type in ("if_statement", "else_clause"):
            inner = node.child_by_field_name("consequence" if node.type == "if_statement" else "body")
            inner = inner if node.type != "else_clause" else node.named_children[-1]
            if inner is not None and inner.type != "compound_statement":
                found.append([inner])
    return [block for block in found if block]


def _fragment(run: _Run) -> Fragment:
    first, last = run[0].node, run[-1].node
    return Fragment(
        start_byte=first.start_byte,
        end_byte=last.end_byte,
        lines=(line_range(first)[0], line_range(last)[1]),
        nodes=sum(statement.nodes for statement in run),
    )
