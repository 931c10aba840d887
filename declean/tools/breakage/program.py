"""The program being broken: a cleanly parsed C file with the facts every breakage kind needs (its tokens,
symbols, macros and words, which code gcc surely compiles as written) and the :class:`Site` a kind finds."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from tree_sitter import Node, Tree

from declean.tools.breakage.reserved import standard_name
from declean.tools.cparse import Edit, descendants_of_type, enclosing_function, has_errors, parse, walk
from declean.tools.cparse import text as node_text
from declean.tools.transforms.scopes import Resolution, Symbol, resolve

IDENTIFIER = re.compile(r"[A-Za-z_]\w*")
"""An identifier-like word."""

_CONDITIONALS = frozenset({"preproc_if", "preproc_ifdef", "preproc_elif", "preproc_elifdef", "preproc_else"})
_SNIPPET_LENGTH = 40


@dataclass(frozen=True)
class Site:
    """One edit with what to say about it; ``variant`` orders two sites that edit the same bytes."""

    edit: Edit
    line: int
    description: str
    variant: int = 0


@dataclass
class Program:
    """A cleanly parsed program and what every kind needs to know about it."""

    source: str
    data: bytes
    tree: Tree

    @classmethod
    def of(cls, source: str) -> Program | None:
        """The program, or ``None`` when tree-sitter cannot parse all of it."""
        tree = parse(source)
        return None if has_errors(tree) else cls(source=source, data=source.encode(), tree=tree)

    @cached_property
    def resolution(self) -> Resolution:
        """Every symbol with its declarations and uses."""
        return resolve(self.tree)

    @cached_property
    def macros(self) -> frozenset[str]:
        """Names the file ``#define``s."""
        return _defined_names(self.tree, "preproc_def", "preproc_function_def")

    @cached_property
    def function_macros(self) -> frozenset[str]:
        """Names of the file's function-like macros."""
        return _defined_names(self.tree, "preproc_function_def")

    @cached_property
    def words(self) -> frozenset[str]:
        """Every identifier-like word of the file, comments and strings included."""
        return frozenset(IDENTIFIER.findall(self.source))

    @cached_property
    def tokens(self) -> list[Node]:
        """Every token but comments, in source order."""
        return [
            node for node in walk(self.tree.root_node) if node.child_count == 0 and node.type != "comment"
        ]

    @cached_property
    def token_starts(self) -> list[int]:
        """Start byte of each of :attr:`tokens`."""
        return [token.start_byte for token in self.tokens]

    def next_token(self, offset: int) -> Node | None:
        """The first token starting at or after byte ``offset``."""
        index = bisect.bisect_left(self.token_starts, offset)
        return self.tokens[index] if index < len(self.tokens) else None

    def active(self, node: Node) -> bool:
        """True for code inside a function that gcc surely compiles as written: not under a preprocessor
        conditional, not in an argument of one of the file's function-like macros."""
        if enclosing_function(node) is None:
            return False
        parent = node.parent
        while parent is not None:
            if parent.type in _CONDITIONALS or self._macro_arguments(parent):
                return False
            parent = parent.parent
        return True

    def _macro_arguments(self, node: Node) -> bool:
        """True when ``node`` is the argument list of a call of one of the file's function-like macros."""
        call = node.parent
        if node.type != "argument_list" or call is None or call.type != "call_expression":
            return False
        callee = call.child_by_field_name("function")
        return callee is not None and node_text(callee) in self.function_macros

    def taken(self, name: str) -> bool:
        """True when ``name`` is a keyword, a macro of the file or a name the standard headers declare."""
        return standard_name(name) or name in self.macros

    def line_of(self, offset: int) -> int:
        """1-based line holding byte ``offset``."""
        return self.data.count(b"\n", 0, offset) + 1

    def local_symbols(self) -> Iterator[Symbol]:
        """Variables and parameters declared inside functions."""
        for symbol in self.resolution.symbols:
            if symbol.kind in ("variable", "parameter") and symbol.function is not None:
                yield symbol

    def removal(self, start: int, end: int) -> Edit:
        """Delete ``start:end``: its whole line when nothing else is on it, else with the blanks that would
        be left dangling (after it when code follows on its line, else before it)."""
        data = self.data
        line_start = data.rfind(b"\n", 0, start) + 1
        line_end = data.find(b"\n", end)
        line_end = len(data) if line_end < 0 else line_end
        before, after = data[line_start:start], data[end:line_end]
        if not before.strip() and not after.strip():
            return Edit(line_start, min(line_end + 1, len(data)), "")
        if after.strip():
            return Edit(start, end + len(after) - len(after.lstrip(b" \t")), "")
        return Edit(start - (len(before) - len(before.rstrip(b" \t"))), end, "")


def _defined_names(tree: Tree, *definitions: str) -> frozenset[str]:
    """Names of the macros of the given definition node types."""
    names = (node.child_by_field_name("name") for node in descendants_of_type(tree.root_node, *definitions))
    return frozenset(node_text(name) for name in names if name is not None)


def is_callee(use: Node) -> bool:
    """True when ``use`` is the function a call calls."""
    parent = use.parent
    return (
        parent is not None
        and parent.type == "call_expression"
        and parent.child_by_field_name("function") == use
    )


def snippet(code: str) -> str:
    """Code on one line, shortened for a sentence."""
    flat = " ".join(code.split())
    return flat if len(flat) <= _SNIPPET_LENGTH else flat[: _SNIPPET_LENGTH - 3].rstrip() + "..."
