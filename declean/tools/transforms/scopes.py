"""Scope resolution for C: which declaration every identifier in a program refers to.

Shared by the rename (NAME) and constant-inlining (MC) transforms. The rules follow C's ordinary
namespace:

* file scope holds functions, globals, and enumerators declared outside functions; all declarations of
  one name in one scope are one symbol (a prototype and its definition, ``extern`` and definition, or
  ``#if``/``#else`` alternatives);
* a ``compound_statement`` and a ``for_statement`` each open a block scope; a function's parameters live
  in a scope around its body; a parameter list outside a definition is a throwaway prototype scope;
* a name is visible from its declarator onwards (before its initializer), so walking the tree in source
  order and looking the innermost scope up first gives the declaration a use refers to, shadowing included;
* a block-scope ``extern`` or function declaration refers to the file-scope symbol of that name;
* struct members, tags, typedef names and labels are other node types and never symbols; macros are not
  parsed by tree-sitter (their bodies are opaque text), so identifiers that resolve to nothing are
  macros, library names or enumerators of headers (``unresolved``, with ``#if`` operands), every free
  word of a macro body (not its own parameters) is collected in ``macro_words``, and names tested by
  ``#ifdef`` or ``defined()`` go to ``tested``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal

from tree_sitter import Node, Tree

from declean.tools.cparse import DECLARATOR_WRAPPERS, declarator_name, text, walk

SymbolKind = Literal["function", "variable", "parameter", "enumerator"]

_NAME_NODES = ("identifier", "type_identifier", "field_identifier", "statement_identifier")
_MACRO_TOKENS = re.compile(
    rb'"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'|/\*.*?\*/|//[^\n]*|\.?\d(?:[eEpP][+-]|[\w.])*|([A-Za-z_]\w*)',
    re.DOTALL,
)


@dataclass(eq=False)
class Symbol:
    """One declared entity; identity is the object, so two shadowing variables are two symbols."""

    name: str
    kind: SymbolKind
    scope: Scope = field(repr=False)
    anchor: Node
    """The node whose lines locate the declaration (declaration, parameter or function declarator)."""
    function: str | None
    """The function it lives in; ``None`` at file scope."""
    declarations: list[Node] = field(default_factory=list)
    uses: list[Node] = field(default_factory=list)
    defined: bool = False
    """File scope: the file defines it (a function body, or a non-``extern`` variable declaration)."""

    @property
    def position(self) -> int:
        """Byte offset of its first declaration."""
        return self.declarations[0].start_byte


@dataclass(eq=False)
class Scope:
    """A C scope; ``kind`` is ``file``, ``block`` or ``prototype``."""

    kind: str
    parent: Scope | None
    function: str | None
    names: dict[str, Symbol] = field(default_factory=dict)

    def lookup(self, name: str) -> Symbol | None:
        """The innermost visible symbol called ``name``."""
        scope: Scope | None = self
        while scope is not None:
            if name in scope.names:
                return scope.names[name]
            scope = scope.parent
        return None

    def file_scope(self) -> Scope:
        """The outermost scope."""
        return self if self.parent is None else self.parent.file_scope()


@dataclass
class Resolution:
    """Every symbol of a program with its declarations and uses."""

    symbols: list[Symbol]
    unresolved: list[Node]
    """Identifiers bound to no declaration: macros, library names, ``#if`` operands."""
    tested: set[str]
    """Names tested by ``#ifdef``, ``#ifndef`` or ``defined()``."""
    macro_words: set[str]
    """Every identifier a macro body uses other than its parameters, and ``#undef`` arguments."""
    names: set[str]
    """Every name the program writes anywhere (identifiers, types, members, labels, macro words)."""
    parameter_lists: dict[int, list[Symbol | None]]
    """Start byte of each ``parameter_list`` -> its parameters' symbols (``None`` when unnamed)."""
    symbol_at: dict[int, Symbol]
    """Start byte of each declaring or using identifier -> its symbol."""


def macro_identifiers(body: bytes) -> list[tuple[int, int]]:
    """Byte spans of the identifiers in a macro body, skipping strings, characters, comments, numbers."""
    return [match.span(1) for match in _MACRO_TOKENS.finditer(body) if match.group(1) is not None]


@functools.lru_cache(maxsize=8)
def resolve(tree: Tree) -> Resolution:
    """Bind every identifier of ``tree`` to its declaration (see the module docstring for the rules).

    Cached per tree, like its parse and index (:mod:`declean.tools.cparse`): the NAME measure, the NAME
    and MC transforms and the breakage finders resolve the same program, so callers must not change what
    they get. Those calls come close together: 8 entries answer as many as 32 did (141 against 147 of
    347 in ``bench/overhead.py``'s run), and each entry keeps its tree alive (32 cost 8 MiB of peak
    memory over 1,000 problems)."""
    resolver = _Resolver()
    resolver.visit(tree.root_node, Scope(kind="file", parent=None, function=None))
    names = {text(node) for node in walk(tree.root_node) if node.type in _NAME_NODES}
    symbol_at = {node.start_byte: symbol for symbol in resolver.symbols for node in symbol.declarations}
    symbol_at.update({node.start_byte: symbol for symbol in resolver.symbols for node in symbol.uses})
    return Resolution(
        symbols=sorted(resolver.symbols, key=lambda symbol: symbol.position),
        unresolved=resolver.unresolved,
        tested=resolver.tested,
        macro_words=resolver.macro_words,
        names=names | resolver.macro_words,
        parameter_lists=resolver.parameter_lists,
        symbol_at=symbol_at,
    )


class _Resolver:
    """Walks the tree in source order with a scope stack, binding identifiers as it meets them."""

    def __init__(self) -> None:
        self.symbols: list[Symbol] = []
        self.unresolved: list[Node] = []
        self.tested: set[str] = set()
        self.macro_words: set[str] = set()
        self.parameter_lists: dict[int, list[Symbol | None]] = {}

    def visit(self, node: Node, scope: Scope) -> None:
        handler = _HANDLERS.get(node.type)
        if handler is not None:
            handler(self, node, scope)
        elif node.type == "identifier":
            self._use(node, scope)
        else:
            self.visit_children(node.children, scope)

    def visit_children(self, nodes: Iterable[Node], scope: Scope) -> None:
        for child in nodes:
            self.visit(child, scope)

    def _use(self, node: Node, scope: Scope) -> None:
        symbol = scope.lookup(text(node))
        if symbol is None:
            self.unresolved.append(node)
        else:
            symbol.uses.append(node)

    def declare(
        self, node: Node, scope: Scope, kind: SymbolKind, anchor: Node, *, defines: bool = False
    ) -> Symbol:
        name = text(node)
        symbol = scope.names.get(name)
        if symbol is None:
            symbol = Symbol(name=name, kind=kind, scope=scope, anchor=anchor, function=scope.function)
            self.symbols.append(symbol)
            scope.names[name] = symbol
        if defines and not symbol.defined:
            symbol.defined, symbol.anchor = True, anchor
        symbol.declarations.append(node)
        return symbol

    def link_to_file_scope(self, node: Node, scope: Scope, kind: SymbolKind, anchor: Node) -> None:
        """A block-scope ``extern`` or function declaration: the file-scope entity of that name."""
        symbol = self.declare(node, scope.file_scope(), kind, anchor)
        scope.names[symbol.name] = symbol

    def visit_function_definition(self, node: Node, scope: Scope) -> None:
        self.visit_children(node.children_by_field_name("type"), scope)
        declarator = node.child_by_field_name("declarator")
        name = declarator_name(declarator, strict=True)
        function_scope = Scope(kind="block", parent=scope, function=text(name) if name else None)
        if name is not None and declarator is not None:
            self.declare(name, scope, "function", declarator, defines=True)
        self.visit_declarator(declarator, function_scope, parameters_scope=function_scope)
        self.visit_children(node.children_by_field_name("body"), function_scope)

    def visit_declaration(self, node: Node, scope: Scope) -> None:
        extern = any(
            text(child) == "extern" for child in node.children if child.type == "storage_class_specifier"
        )
        for index, child in enumerate(node.children):
            if node.field_name_for_child(index) != "declarator":
                self.visit(child, scope)
                continue
            value = child.child_by_field_name("value") if child.type == "init_declarator" else None
            inner = child.child_by_field_name("declarator") if value is not None else child
            self.visit_declarator(inner, scope)
            name = declarator_name(inner, strict=True)
            if name is not None:
                self._declare_declared(name, inner, node, scope, extern=extern)
            if value is not None:
                self.visit(value, scope)

    def _declare_declared(
        self, name: Node, declarator: Node | None, node: Node, scope: Scope, *, extern: bool
    ) -> None:
        is_function = _outer_function_declarator(declarator)
        kind: SymbolKind = "function" if is_function else "variable"
        if scope.kind != "file" and (extern or is_function):
            self.link_to_file_scope(name, scope, kind, node)
        else:
            self.declare(
                name, scope, kind, node, defines=scope.kind == "file" and not extern and not is_function
            )

    def visit_declarator(
        self, declarator: Node | None, scope: Scope, parameters_scope: Scope | None = None
    ) -> None:
        """The parts of a declarator that are not its name: array sizes and parameter lists."""
        while declarator is not None and declarator.type != "identifier":
            if declarator.type == "parenthesized_declarator":
                declarator = declarator.named_children[0] if declarator.named_children else None
                continue
            if declarator.type == "array_declarator":
                self.visit_children(declarator.children_by_field_name("size"), scope)
            elif declarator.type == "function_declarator":
                parameters = declarator.child_by_field_name("parameters")
                if parameters is not None:
                    self.visit_parameter_list(parameters, scope, parameters_scope)
                parameters_scope = None
            elif declarator.type not in DECLARATOR_WRAPPERS:
                return
            declarator = declarator.child_by_field_name("declarator")

    def visit_parameter_list(self, node: Node, scope: Scope, into: Scope | None = None) -> None:
        inner = into or Scope(kind="prototype", parent=scope, function=scope.function)
        found: list[Symbol | None] = []
        for parameter in node.named_children:
            if parameter.type != "parameter_declaration":
                self.visit(parameter, inner)
                continue
            self.visit_children(parameter.children_by_field_name("type"), inner)
            declarator = parameter.child_by_field_name("declarator")
            self.visit_declarator(declarator, inner)
            name = declarator_name(declarator, strict=True)
            found.append(self.declare(name, inner, "parameter", parameter) if name is not None else None)
        self.parameter_lists[node.start_byte] = found

    def visit_enumerator(self, node: Node, scope: Scope) -> None:
        self.visit_children(node.children_by_field_name("value"), scope)
        name = node.child_by_field_name("name")
        if name is not None:
            self.declare(name, scope, "enumerator", node, defines=True)

    def visit_block(self, node: Node, scope: Scope) -> None:
        self.visit_children(node.children, Scope(kind="block", parent=scope, function=scope.function))

    def visit_macro(self, node: Node, scope: Scope) -> None:
        """A macro body's free words: every identifier in it but the macro's own parameters."""
        value, parameters = node.child_by_field_name("value"), node.child_by_field_name("parameters")
        body = (value.text or b"") if value is not None else b""
        own = (
            {text(parameter) for parameter in parameters.named_children} if parameters is not None else set()
        )
        self.macro_words.update({body[start:end].decode() for start, end in macro_identifiers(body)} - own)

    def visit_preprocessor_condition(self, node: Node, scope: Scope) -> None:
        for index, child in enumerate(node.children):
            if node.field_name_for_child(index) in ("condition", "name"):
                self._collect_condition(child, tested=node.type in ("preproc_ifdef", "preproc_elifdef"))
            else:
                self.visit(child, scope)

    def _collect_condition(self, node: Node, *, tested: bool) -> None:
        if node.type == "identifier":
            if tested:
                self.tested.add(text(node))
            else:
                self.unresolved.append(node)
        for child in node.children:
            self._collect_condition(child, tested=tested or node.type == "preproc_defined")

    def visit_preprocessor_call(self, node: Node, scope: Scope) -> None:
        argument = node.child_by_field_name("argument")
        body = (argument.text or b"") if argument is not None else b""
        self.macro_words.update(body[start:end].decode() for start, end in macro_identifiers(body))


def _outer_function_declarator(declarator: Node | None) -> bool:
    """True when a declarator declares a function (not a pointer to one)."""
    while declarator is not None and declarator.type in ("attributed_declarator", "parenthesized_declarator"):
        declarator = declarator.named_children[0] if declarator.named_children else None
    return declarator is not None and declarator.type == "function_declarator"


_HANDLERS: dict[str, Callable[[_Resolver, Node, Scope], None]] = {
    "function_definition": _Resolver.visit_function_definition,
    "declaration": _Resolver.visit_declaration,
    "parameter_list": _Resolver.visit_parameter_list,
    "enumerator": _Resolver.visit_enumerator,
    "compound_statement": _Resolver.visit_block,
    "for_statement": _Resolver.visit_block,
    "preproc_def": _Resolver.visit_macro,
    "preproc_function_def": _Resolver.visit_macro,
    "preproc_if": _Resolver.visit_preprocessor_condition,
    "preproc_elif": _Resolver.visit_preprocessor_condition,
    "preproc_ifdef": _Resolver.visit_preprocessor_condition,
    "preproc_elifdef": _Resolver.visit_preprocessor_condition,
    "preproc_call": _Resolver.visit_preprocessor_call,
}
