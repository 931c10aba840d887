"""Inline a C helper at one call site, by syntax alone, or refuse: the machinery behind SRP and DRY.

A helper qualifies (:func:`analyze`) when it is ``void`` without an early ``return`` or ends in its only
``return <expr>;``, and is not recursive, variadic, address-taken, named in a macro, using ``static``
locals, labels, ``goto``, ``__func__`` or preprocessor lines. A call site is rewritten (:func:`plan_call`):

* by substitution, the returned expression with each parameter replaced by its argument, when the body
  is that one ``return``, every argument is side-effect free and each parameter is used at most once,
  never written, address-taken or under ``sizeof``; this works in any context, loop conditions included;
* else by a block replacing the statement that holds the call (an expression statement, ``return``, the
  condition of an ``if``, or a declaration: ``T x = f(a);`` becomes ``T x; { ...; x = ...; }``):
  parameters become locals initialised with the arguments (array parameters become pointers, ``const``
  kept), then the body, then the statement with the call replaced by the returned expression. An argument
  that is the caller's variable of the parameter's name, never written by the body, is used directly.
  A call in a loop header, behind ``&&``/``||``/``?:``, under ``sizeof``, inside a macro's arguments or
  next to other side effects cannot be hoisted and is refused.

Conversions stay exact: a returned expression or argument whose type is not known to equal the declared
one gets a cast. A helper name that would capture a caller name gets a derived fresh name (``length_2``);
a helper reading a global that the caller shadows, or a name declared after the caller, is refused.
No literal, name or comment is invented, and no comment is lost.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from tree_sitter import Node, Tree

from declean.tools.cparse import Edit, apply_edits, descendants_of_type, function_name, parse, text, walk
from declean.tools.transforms.base import Location

Kind = Literal["expression", "void", "tail"]
_EFFECTS = ("call_expression", "assignment_expression", "update_expression")
_STATEMENTS = ("expression_statement", "return_statement", "declaration", "if_statement")
_HOSTS = (*_STATEMENTS, "switch_statement", "while_statement", "do_statement", "for_statement")
_ATOMS = ("identifier", "number_literal", "string_literal", "char_literal", "call_expression")
_ATOMS_MORE = (*_ATOMS, "parenthesized_expression", "subscript_expression", "field_expression")
_LIBRARY = dict.fromkeys(
    ("sqrt", "pow", "fabs", "floor", "ceil", "round", "exp", "log", "log10", "sin", "cos", "tan", "atan",
     "atan2", "hypot", "fmod", "atof", "strtod"), "double",
) | dict.fromkeys(
    ("abs", "atoi", "rand", "getchar", "putchar", "toupper", "tolower", "printf", "scanf", "strcmp"), "int"
)  # fmt: skip
_RANKS = ("int", "long", "long long", "float", "double", "long double")
_PARTS = ("field_expression", "subscript_expression")
_TRUTH_OPS = ("==", "!=", "<", ">", "<=", ">=", "&&", "||")
_TRUTH_TARGETS = ("int", "bool", "_Bool")


@dataclass(frozen=True)
class Param:
    """One named parameter of a helper."""

    name: str
    node: Node
    """Its ``parameter_declaration``."""
    type: str | None
    """Normalised arithmetic-or-struct type; ``None`` for pointers and arrays (never cast to)."""


@dataclass(frozen=True)
class Helper:
    """A function that can be inlined, with what inlining it needs to know."""

    name: str
    definition: Node
    body: Node
    kind: Kind
    params: tuple[Param, ...]
    returned: Node | None
    """The returned expression (``None`` for ``void`` helpers)."""
    return_type: str | None
    declared: frozenset[str]
    """Names the helper declares (parameters and locals)."""
    free: frozenset[str]
    """Names the body uses without declaring them (globals, functions, macros)."""


def call_sites(tree: Tree, name: str) -> list[Node]:
    """The calls ``name(...)`` in source order."""
    return [
        call
        for call in descendants_of_type(tree.root_node, "call_expression")
        if (callee := call.child_by_field_name("function")) is not None and text(callee) == name
    ]


def enclosing_function(node: Node) -> Node | None:
    """The ``function_definition`` around ``node``."""
    while node.parent is not None and node.type != "function_definition":
        node = node.parent
    return node if node.type == "function_definition" else None


def callee_names(node: Node) -> set[str]:
    """Names of the functions called under ``node``."""
    return {text(call.children[0]) for call in descendants_of_type(node, "call_expression")}


def declarator_name(node: Node | None) -> Node | None:
    """The identifier a declarator (or declaration part) declares."""
    while node is not None and node.type != "identifier":
        found = node.child_by_field_name("declarator")
        node = found or next((c for c in node.named_children if c.type.endswith("declarator")), None)
    return node


def declarations(scope: Node) -> list[tuple[Node, Node]]:
    """``(identifier, declaration)`` for every parameter and variable declared under ``scope``."""
    found = []
    for node in descendants_of_type(scope, "parameter_declaration", "declaration"):
        for part in node.children_by_field_name("declarator"):
            name = declarator_name(part)
            if name is not None and name.parent is not None and name.parent.type != "function_declarator":
                found.append((name, node))
    return found


def declared_names(scope: Node) -> set[str]:
    """Names of the parameters and variables declared under ``scope``."""
    return {text(name) for name, _ in declarations(scope)}


def file_scope_names(tree: Tree) -> dict[str, int]:
    """Names declared at file scope (functions, globals, types, tags, enumerators, macros): first byte."""
    found: dict[str, int] = {}
    for node in tree.root_node.children:
        parts = node.children_by_field_name("declarator") + node.children_by_field_name("name")
        names = [part if part.type == "type_identifier" else declarator_name(part) for part in parts]
        if node.type != "function_definition":
            tags = descendants_of_type(
                node, "struct_specifier", "union_specifier", "enum_specifier", "enumerator"
            )
            names += [tag.child_by_field_name("name") for tag in tags]
        for name in names:
            if name is not None:
                found.setdefault(text(name), node.start_byte)
    return found


def _normalised(node: Node | None) -> str:
    return " ".join(text(node).split()) if node is not None else ""


def _plain_type(declaration: Node, name: Node) -> str | None:
    owner = name.parent
    plain = owner == declaration or (owner is not None and owner.type == "init_declarator")
    return _normalised(declaration.child_by_field_name("type")) if plain else None


def type_table(tree: Tree, scope: Node | None) -> dict[str, str]:
    """Plain (non-pointer) types of the names visible in ``scope``; ambiguous names left out."""
    pairs: list[tuple[str, str | None]] = []
    for node in tree.root_node.children:
        if node.type == "function_definition" or descendants_of_type(node, "function_declarator")[:1]:
            declared = declarator_name(node.child_by_field_name("declarator"))
            pairs.append((text(declared) if declared is not None else "", return_type(node)))
        elif node.type == "declaration":
            pairs += [(text(name), _plain_type(owner, name)) for name, owner in declarations(node)]
    for field in descendants_of_type(tree.root_node, "field_declaration"):
        for part in field.children_by_field_name("declarator"):
            plain = (
                _normalised(field.child_by_field_name("type")) if part.type == "field_identifier" else None
            )
            pairs.append(("." + text(part), plain))
    for define in descendants_of_type(tree.root_node, "preproc_def"):
        value = define.child_by_field_name("value")
        pairs.append((text(define.children[1]), _literal_type(text(value)) if value is not None else None))
    if scope is not None:
        pairs += [(text(name), _plain_type(owner, name)) for name, owner in declarations(scope)]
    table: dict[str, str | None] = {}
    for key, kind in pairs:
        table[key] = kind if table.get(key, kind) == kind else None
    return {key: kind for key, kind in table.items() if kind is not None}


def return_type(definition: Node) -> str | None:
    """A function's plain return type; ``None`` when it returns a pointer."""
    declarator = definition.child_by_field_name("declarator")
    pointer = declarator is not None and declarator.type == "pointer_declarator"
    return None if pointer else _normalised(definition.child_by_field_name("type"))


def type_of(expr: Node, types: dict[str, str]) -> str | None:
    """The type of a simple expression, ``"truth"`` for 0/1 results, ``None`` when unsure."""
    kind, named = expr.type, expr.named_children
    if kind == "parenthesized_expression" and len(named) == 1:
        return type_of(named[0], types)
    if kind == "identifier":
        return types.get(text(expr))
    if kind == "call_expression":
        callee = text(expr.children[0])
        return types.get(callee, _LIBRARY.get(callee))
    if kind == "char_literal":
        return "int"
    if kind == "number_literal":
        return _literal_type(text(expr))
    operator = expr.child_by_field_name("operator")
    if operator is not None and (text(operator) in _TRUTH_OPS or text(operator) == "!"):
        return "truth"
    if kind == "field_expression":
        return types.get("." + text(expr.child_by_field_name("field") or expr))
    if kind == "unary_expression" and text(operator or expr) in ("-", "+"):
        return type_of(named[0], types)
    if kind in ("binary_expression", "conditional_expression") and len(named) in (2, 3):
        left, right = ("int" if t == "truth" else t for t in (type_of(side, types) for side in named[-2:]))
        if left in _RANKS and right in _RANKS and text(operator or expr) not in ("<<", ">>"):
            return max(left, right, key=_RANKS.index)
        return left if left == right and left in _RANKS else None
    return None


def _literal_type(literal: str) -> str | None:
    literal = literal.strip().strip("()").lower()
    if re.fullmatch(r"(0x[0-9a-f]+|\d+)", literal):
        return "int"
    return "double" if re.fullmatch(r"(\d+\.?\d*|\.\d+)(e[+-]?\d+)?", literal) else None


def convert(expr: Node, rendered: str, target: str | None, types: dict[str, str], opaque: set[str]) -> str:
    """``rendered`` (the text of ``expr``) converted to ``target`` like an assignment would."""
    actual = type_of(expr, types)
    needless = target is None or target.split()[0] in ("struct", "union", "enum") or target in opaque
    if needless or actual == target or (actual == "truth" and target in _TRUTH_TARGETS):
        return rendered
    operand = rendered if expr.type in _ATOMS_MORE else f"({rendered})"
    return f"({target}){operand}"


def opaque_types(tree: Tree) -> set[str]:
    """Typedef names of structs, unions and enums (never cast to)."""
    found = set()
    for node in tree.root_node.children:
        kind = node.child_by_field_name("type")
        if node.type == "type_definition" and kind is not None and kind.type != "primitive_type":
            found |= {text(part) for part in node.children_by_field_name("declarator")}
    return found


def _params(definition: Node) -> tuple[Param, ...] | str:
    parameters = descendants_of_type(
        definition.child_by_field_name("declarator") or definition, "parameter_list"
    )
    if not parameters or descendants_of_type(parameters[0], "variadic_parameter", "comment"):
        return "variadic or commented parameter list"
    found = []
    for node in parameters[0].named_children:
        name = declarator_name(node.child_by_field_name("declarator"))
        if node.type != "parameter_declaration" or (name is None and text(node) != "void"):
            return "unnamed or old-style parameter"
        if name is not None:
            if name.parent is not None and name.parent.type == "function_declarator":
                return "function-typed parameter"
            found.append(Param(text(name), node, _plain_type(node, name)))
    return tuple(found)


def _shape(body: Node, is_void: bool) -> tuple[Kind, Node | None] | str:
    returns = descendants_of_type(body, "return_statement")
    statements = [child for child in body.named_children if child.type != "comment"]
    last = statements[-1] if statements else None
    if is_void:
        if returns and (len(returns) > 1 or returns[0] != last or returns[0].named_child_count):
            return "early return"
        return "void", None
    if len(returns) != 1 or returns[0] != last or not last.named_children:
        return "not a single final return"
    if descendants_of_type(last, "comment"):
        return "comment inside the return"
    return ("expression" if len(statements) == 1 else "tail"), last.named_children[0]


def analyze(tree: Tree, name: str) -> Helper | str:
    """The helper called ``name``, or why it cannot be inlined."""
    definitions = [node for node in tree.root_node.children if node.type == "function_definition"]
    mine = [node for node in definitions if function_name(node) == name]
    if name == "main" or len(mine) != 1 or (body := mine[0].child_by_field_name("body")) is None:
        return "not a single defined helper"
    definition = mine[0]
    if _reaches(definitions, name, name):
        return "recursive"
    if any(text(node) == "static" for node in descendants_of_type(body, "storage_class_specifier")):
        return "uses static locals"
    if descendants_of_type(body, "goto_statement", "labeled_statement") or "__func__" in text(body):
        return "uses goto, labels or __func__"
    if any(node.type.startswith("preproc") for node in walk(body)):
        return "has preprocessor lines"
    if _address_taken(tree, name) or _in_macros(tree, name):
        return "address taken or named in a macro"
    params = _params(definition)
    if isinstance(params, str):
        return params
    kind_type = return_type(definition)
    shape = _shape(body, kind_type == "void")
    if isinstance(shape, str):
        return shape
    locals_ = declared_names(body)
    declared = {param.name for param in params} | locals_
    if len(declared) < len(params) + len(locals_):
        return "a parameter is redeclared in the body"
    macros, direct = macro_words(tree), {text(node) for node in identifiers(body)}
    expanded = set().union(*(macros[word] for word in direct & set(macros)))
    if expanded & declared:
        return "a macro it uses names one of its locals"
    free = frozenset((direct | expanded) - declared)
    return Helper(name, definition, body, shape[0], params, shape[1], kind_type, frozenset(declared), free)


def _reaches(definitions: list[Node], start: str, goal: str) -> bool:
    bodies = {function_name(node): node for node in definitions}
    seen, stack = set(), [start]
    while stack:
        current = bodies.get(stack.pop())
        for callee in callee_names(current) if current is not None else set():
            if callee == goal:
                return True
            if callee not in seen:
                seen.add(callee)
                stack.append(callee)
    return False


def _address_taken(tree: Tree, name: str) -> bool:
    for node in descendants_of_type(tree.root_node, "identifier"):
        parent = node.parent
        if text(node) != name or parent is None or parent.type == "function_declarator":
            continue
        if parent.type != "call_expression" or parent.child_by_field_name("function") != node:
            return True
    return False


def _in_macros(tree: Tree, name: str) -> bool:
    return any(name in words for words in macro_words(tree).values())


def macro_words(tree: Tree) -> dict[str, set[str]]:
    """Each macro's name -> the words of its body (a macro body may name any variable in scope)."""
    found: dict[str, set[str]] = {}
    for node in descendants_of_type(tree.root_node, "preproc_def", "preproc_function_def"):
        body, params = node.child_by_field_name("value"), node.child_by_field_name("parameters")
        words = set(re.findall(r"[A-Za-z_]\w*", text(body) if body else ""))
        found[text(node.children[1])] = words - {text(p) for p in (params.named_children if params else [])}
    return found


def identifiers(node: Node) -> Iterator[Node]:
    """Identifier nodes under ``node``."""
    return (found for found in walk(node) if found.type == "identifier")


def is_pure(node: Node) -> bool:
    """No calls, assignments or increments under ``node``."""
    return not descendants_of_type(node, *_EFFECTS)


def inside(node: Node, outer: Node) -> bool:
    """``node`` lies within ``outer``."""
    return outer.start_byte <= node.start_byte and node.end_byte <= outer.end_byte


def fresh_name(base: str, taken: set[str]) -> str:
    """``base_2``, ``base_3``, ... : the first one not in ``taken``."""
    suffix = 2
    while f"{base}_{suffix}" in taken:
        suffix += 1
    return f"{base}_{suffix}"


def rewrite(node: Node, replacements: dict[int, str]) -> str:
    """The text of ``node`` with identifier nodes (keyed by start byte) replaced."""
    edits = [
        Edit(
            found.start_byte - node.start_byte,
            found.end_byte - node.start_byte,
            replacements[found.start_byte],
        )
        for found in identifiers(node)
        if found.start_byte in replacements
    ]
    return apply_edits(text(node), edits)


def line_indent(source: bytes, offset: int) -> str:
    """The leading whitespace of the line holding byte ``offset``."""
    start = source.rfind(b"\n", 0, offset) + 1
    line = source[start:offset].decode()
    return line[: len(line) - len(line.lstrip())]


def reindent(block: str, indent: str) -> list[str]:
    """The lines of ``block`` moved to ``indent``, relative indentation kept."""
    lines = block.strip("\n").rstrip().split("\n")
    margin = min((len(line) - len(line.lstrip()) for line in lines if line.strip()), default=0)
    return [indent + line[margin:] if line.strip() else "" for line in lines]


def leading_comments(definition: Node) -> list[Node]:
    """The comments directly above a top-level definition."""
    found: list[Node] = []
    node = definition.prev_sibling
    below = definition
    while node is not None and node.type == "comment" and node.end_point.row + 1 >= below.start_point.row:
        before = node.prev_sibling
        if before is not None and before.end_point.row == node.start_point.row:
            break
        found.insert(0, node)
        below, node = node, before
    return found


@dataclass(frozen=True)
class _Site:
    """One call being planned."""

    source: bytes
    tree: Tree
    helper: Helper
    call: Node
    args: list[Node]
    caller_types: dict[str, str]
    opaque: set[str]


def plan_call(tree: Tree, helper: Helper, call: Node, comments: list[Node] | None = None) -> list[Edit] | str:
    """The edits that inline ``helper`` at ``call`` (the first one is the inlined copy), or why not.

    ``comments`` (the helper's leading comments, when it is being deleted) are placed above the copy.
    """
    caller = enclosing_function(call)
    arguments = call.child_by_field_name("arguments")
    if caller is None or arguments is None:
        return "call outside a function"
    args = arguments.named_children
    if len(args) != len(helper.params) or any(arg.type == "comment" for arg in args):
        return "arguments differ from the parameters or hold comments"
    if helper.free & declared_names(caller):
        return "the caller shadows a name the helper uses"
    first = file_scope_names(tree)
    used = {text(node) for node in walk(helper.body) if node.type in ("identifier", "type_identifier")}
    if any(first.get(name, 0) > caller.start_byte for name in used - helper.declared):
        return "the helper uses a name declared after the caller"
    types = type_table(tree, caller)
    site = _Site(tree.root_node.text or b"", tree, helper, call, args, types, opaque_types(tree))
    if _substitutable(site):
        main: Edit | str = Edit(call.start_byte, call.end_byte, _result(site, _substituted(site), call))
    else:
        main = _hoisted(site)
    if isinstance(main, str) or not comments:
        return main if isinstance(main, str) else [main]
    anchor = tree.root_node.descendant_for_byte_range(main.start, main.end) or call
    while anchor.parent is not None and anchor.parent.type not in ("compound_statement", "translation_unit"):
        anchor = anchor.parent
    indent = line_indent(site.source, anchor.start_byte)
    words = site.source[comments[0].start_byte : comments[-1].end_byte].decode()
    note = "\n".join(reindent(words, indent)).lstrip() + "\n" + indent
    if anchor.start_byte == main.start:
        return [Edit(main.start, main.end, note + main.replacement)]
    return [main, Edit(anchor.start_byte, anchor.start_byte, note)]


def _substitutable(site: _Site) -> bool:
    helper, returned = site.helper, site.helper.returned
    if helper.kind != "expression" or returned is None or descendants_of_type(helper.body, "comment"):
        return False
    for param in helper.params:
        uses = [node for node in identifiers(returned) if text(node) == param.name]
        if len(uses) > 1 or any(_modified(node, param.type is None) for node in uses):
            return False
    if not all(is_pure(arg) for arg in site.args):
        return False
    return is_pure(returned) or all(arg.type in ("identifier", "number_literal") for arg in site.args)


def _modified(node: Node, pointer: bool) -> bool:
    """A parameter use that writes the parameter itself, takes its address or sits under ``sizeof``."""
    if any(kind in ("sizeof_expression", "alignof_expression") for kind in _ancestor_types(node)):
        return True
    through = ("parenthesized_expression",) if pointer else ("parenthesized_expression", *_PARTS)
    while node.parent is not None and node.parent.type in through and node == node.parent.named_children[0]:
        node = node.parent
    parent = node.parent
    if parent is None:
        return False
    assigned = parent.type == "assignment_expression" and node == parent.children[0]
    address = parent.type == "pointer_expression" and text(parent).startswith("&")
    return assigned or address or parent.type == "update_expression"


def _ancestor_types(node: Node) -> Iterator[str]:
    while node.parent is not None:
        node = node.parent
        yield node.type


def _uses(helper: Helper, param: Param) -> list[Node]:
    return [node for node in identifiers(helper.body) if text(node) == param.name]


def _aliases(site: _Site) -> set[str]:
    """Parameters whose argument is the caller's variable of the same name, which the body never writes.

    Such a parameter needs no local: the copy reads the caller's variable directly.
    """
    caller = enclosing_function(site.call)
    names = [text(node) for arg in site.args for node in identifiers(arg)]
    found = set()
    for param, arg in zip(site.helper.params, site.args, strict=True):
        same = arg.type == "identifier" and text(arg) == param.name and names.count(param.name) == 1
        local = caller is not None and param.name in declared_names(caller)
        typed = param.type is None or (
            param.type == site.caller_types.get(param.name)
            and param.type not in site.opaque
            and param.type.split()[0] not in ("struct", "union")
        )
        uses = _uses(site.helper, param)
        if same and local and typed and not any(_modified(node, param.type is None) for node in uses):
            found.add(param.name)
    return found


def _substituted(site: _Site) -> str:
    """The returned expression with each parameter replaced by its (converted) argument."""
    helper, replacements = site.helper, {}
    assert helper.returned is not None
    for param, arg in zip(helper.params, site.args, strict=True):
        converted = convert(arg, text(arg), param.type, site.caller_types, site.opaque)
        for use in (node for node in identifiers(helper.returned) if text(node) == param.name):
            postfix = use.parent is not None and use.parent.type in (*_PARTS, "call_expression")
            bare = arg.type in _ATOMS_MORE and (converted == text(arg) or not postfix)
            replacements[use.start_byte] = converted if bare else f"({converted})"
    return rewrite(helper.returned, replacements)


def _result(site: _Site, rendered: str, call: Node) -> str:
    """The returned expression as it replaces ``call``: converted, parenthesised where needed."""
    returned = site.helper.returned
    assert returned is not None
    types = type_table(site.tree, site.helper.definition)
    converted = convert(returned, rendered, site.helper.return_type, types, site.opaque)
    parent = call.parent
    top = parent is not None and (
        parent.type in ("argument_list", "init_declarator", "return_statement", "expression_statement")
        or parent.type == "parenthesized_expression"
        or (parent.type == "assignment_expression" and parent.child_by_field_name("right") == call)
    )
    atomic = returned.type in _ATOMS_MORE and converted == rendered
    return converted if atomic or (top and returned.type != "comma_expression") else f"({converted})"


def _host(call: Node, tree: Tree) -> Node | str:
    """The statement a call can be hoisted out of, or why there is none."""
    macros = {text(n.children[1]) for n in descendants_of_type(tree.root_node, "preproc_function_def")}
    node: Node | None = call
    while node is not None and node.type not in _HOSTS:
        node = node.parent
    if node is None or node.type not in _STATEMENTS:
        return "the call is in a loop header"
    if node.type == "declaration" and (node.parent is None or node.parent.type != "compound_statement"):
        return "a declaration outside a block"
    child, parent = call, call.parent
    while parent is not None and child != node:
        operator = text(parent.child_by_field_name("operator") or parent)
        conditional = parent.type == "conditional_expression" and child != parent.children[0]
        if conditional or (operator in ("&&", "||") and child == parent.child_by_field_name("right")):
            return "the call is evaluated conditionally"
        if parent.type in ("sizeof_expression", "alignof_expression"):
            return "the call is not evaluated"
        if parent.type == "call_expression" and text(parent.children[0]) in macros:
            return "the call is a macro argument"
        child, parent = parent, parent.parent
    scope = node.child_by_field_name("condition") if node.type == "if_statement" else node
    for effect in descendants_of_type(scope or node, *_EFFECTS):
        if not inside(effect, call) and not inside(call, effect):
            return "other side effects in the same statement"
    return node


def _renames(site: _Site, host: Node, aliases: set[str]) -> dict[str, str] | str:
    """Fresh names for helper names that would capture a caller name in the copy."""
    outside = {text(node) for node in identifiers(host) if not inside(node, site.call)}
    clashes = (site.helper.declared - aliases) & outside
    for index, param in enumerate(site.helper.params):
        args = site.args[index:] if param.name not in aliases else []
        if any(text(node) == param.name for arg in args for node in identifiers(arg)):
            clashes |= {param.name}
    if clashes & set(file_scope_names(site.tree)).union(*macro_words(site.tree).values()):
        return "a clashing helper name is also a global name"
    taken = set(re.findall(r"\w+", site.source.decode()))
    renames: dict[str, str] = {}
    for name in sorted(clashes):
        renames[name] = fresh_name(name, taken)
        taken.add(renames[name])
    return renames


def _binding(param: Param, name: str, value: str) -> str:
    declaration = param.node
    declared = declarator_name(declaration.child_by_field_name("declarator"))
    assert declared is not None and declared.parent is not None
    target, new = declared, name
    if declared.parent.type == "array_declarator":
        target = declared.parent
        nested = target.parent is not None and target.parent.type in (
            "array_declarator",
            "function_declarator",
        )
        new = f"(*{name})" if nested else f"*{name}"
    base, data = declaration.start_byte, declaration.text or b""
    head, tail = data[: target.start_byte - base].decode(), data[target.end_byte - base :].decode()
    return f"{head}{new}{tail} = {value};"


def _hoisted(site: _Site) -> Edit | str:
    helper, call = site.helper, site.call
    host = _host(call, site.tree)
    if isinstance(host, str):
        return host
    if helper.kind == "void" and (host.type != "expression_statement" or host.named_children[0] != call):
        return "a void call used as a value"
    aliases = _aliases(site)
    renames = _renames(site, host, aliases)
    if isinstance(renames, str):
        return renames
    parent = host.parent
    alone = parent is not None and parent.type == "compound_statement" and parent.named_children == [host]
    target = parent if alone and parent is not None and host.type != "declaration" else host
    indent = line_indent(site.source, host.start_byte)
    inner = line_indent(site.source, target.start_byte) + _unit(site.source, site.tree, helper)
    lines = []
    for param, arg in zip(helper.params, site.args, strict=True):
        if param.name in aliases:
            continue
        if _uses(helper, param):
            lines.append(inner + _binding(param, renames.get(param.name, param.name), text(arg)))
        elif not is_pure(arg):
            lines.append(f"{inner}{text(arg)};")
    mapping = {n.start_byte: renames[text(n)] for n in identifiers(helper.definition) if text(n) in renames}
    statements = _statements(helper, mapping)
    local = any(child.type == "declaration" for child in helper.body.named_children)
    if helper.kind == "void" and not lines and not local and parent and parent.type == "compound_statement":
        return Edit(host.start_byte, host.end_byte, "\n".join(reindent(statements, indent)).lstrip())
    lines += reindent(statements, inner) if statements.strip() else []
    head = ""
    if helper.kind != "void":
        assert helper.returned is not None
        final = _final(site, host, _result(site, rewrite(helper.returned, mapping), call))
        if isinstance(final, str):
            return final
        head, statement = final
        if not lines and not head:
            return Edit(host.start_byte, host.end_byte, statement)
        lines += reindent(indent + statement, inner)
    outer = line_indent(site.source, target.start_byte)
    return Edit(target.start_byte, target.end_byte, head + "{\n" + "\n".join(lines) + "\n" + outer + "}")


def _unit(source: bytes, tree: Tree, helper: Helper) -> str:
    """The indentation step of the program, read from the helper or else from any function."""
    definitions = [
        helper.definition,
        *(node for node in tree.root_node.children if node != helper.definition),
    ]
    for definition in definitions:
        body = definition.child_by_field_name("body")
        first = body.named_children[0] if body is not None and body.named_children else None
        if body is not None and first is not None and first.start_point.row > body.start_point.row:
            outer = line_indent(source, definition.start_byte)
            return line_indent(source, first.start_byte)[len(outer) :] or "    "
    return "    "


def _statements(helper: Helper, mapping: dict[int, str]) -> str:
    body = helper.body
    statements = [child for child in body.named_children if child.type != "comment"]
    dropped = statements[-1] if statements and statements[-1].type == "return_statement" else None
    edits = [Edit(0, 1, ""), Edit(body.end_byte - body.start_byte - 1, body.end_byte - body.start_byte, "")]
    if dropped is not None:
        edits.append(Edit(dropped.start_byte - body.start_byte, dropped.end_byte - body.start_byte, ""))
    edits += [
        Edit(node.start_byte - body.start_byte, node.end_byte - body.start_byte, mapping[node.start_byte])
        for node in identifiers(body)
        if node.start_byte in mapping and (dropped is None or not inside(node, dropped))
    ]
    return "\n".join(line.rstrip() for line in apply_edits(text(body), edits).split("\n"))


def _final(site: _Site, host: Node, value: str) -> tuple[str, str] | str:
    call = site.call
    if host.type != "declaration":
        offset = host.start_byte
        return "", apply_edits(text(host), [Edit(call.start_byte - offset, call.end_byte - offset, value)])
    parts = host.children_by_field_name("declarator")
    declarator = parts[0].child_by_field_name("declarator") if len(parts) == 1 else None
    initial = parts[0].child_by_field_name("value") if len(parts) == 1 else None
    name = declarator_name(declarator)
    if declarator is None or initial is None or name is None or initial.type == "initializer_list":
        return "an initialiser that cannot be split"
    holder = declarator if declarator.type == "pointer_declarator" else host
    qualifiers = [
        text(node) for node in holder.children if node.type in ("type_qualifier", "storage_class_specifier")
    ]
    if qualifiers or descendants_of_type(declarator, "array_declarator", "function_declarator"):
        return "a const, static or array variable"
    if any(text(node) == text(name) for node in identifiers(initial)):
        return "the variable is used in its own initialiser"
    data, base = host.text or b"", host.start_byte
    head = data[: parts[0].start_byte - base] + (declarator.text or b"") + data[parts[0].end_byte - base :]
    offset = initial.start_byte
    rest = apply_edits(text(initial), [Edit(call.start_byte - offset, call.end_byte - offset, value)])
    indent = line_indent(site.source, host.start_byte)
    return head.decode() + "\n" + indent, f"{text(declarator)} = {rest};"


def _removal(data: bytes, start: int, end: int) -> Edit:
    start = data.rfind(b"\n", 0, start) + 1
    end = data.find(b"\n", end)
    end = len(data) if end < 0 else end + 1
    if data[end : end + 1] == b"\n" and (start == 0 or data[start - 2 : start] == b"\n\n"):
        end += 1
    return Edit(start, end, "")


def removal_edits(tree: Tree, helper: Helper, with_comments: bool) -> list[Edit]:
    """Edits deleting the helper's definition (with its leading comments) and its prototypes."""
    data = tree.root_node.text or b""
    comments = leading_comments(helper.definition) if with_comments else []
    edits = [_removal(data, (comments or [helper.definition])[0].start_byte, helper.definition.end_byte)]
    for node in tree.root_node.children:
        parts = node.children_by_field_name("declarator")
        prototype = node.type == "declaration" and len(parts) == 1 and parts[0].type == "function_declarator"
        if prototype and text(declarator_name(parts[0]) or node) == helper.name:
            edits.append(_removal(data, node.start_byte, node.end_byte))
    return edits


def _moved(edits: list[Edit], start: int, end: int) -> tuple[int, int] | None:
    """Where the bytes ``start:end`` are after ``edits``: an edit covering them gives its new text;
    ``None`` when an edit deletes or cuts them."""
    for edit in edits:
        if edit.start <= start and end <= edit.end:
            if not edit.replacement:
                return None
            begin = edit.start + sum(_growth(e) for e in edits if e is not edit and e.end <= edit.start)
            return begin, begin + len(edit.replacement.encode())
        if edit.start < start < edit.end or edit.start < end < edit.end:
            return None
    before = sum(_growth(e) for e in edits if e.end <= start)
    within = sum(_growth(e) for e in edits if e.end < end or e.start < e.end == end)
    return start + before, end + within


def _growth(edit: Edit) -> int:
    return len(edit.replacement.encode()) - (edit.end - edit.start)


@dataclass
class Rewriter:
    """A program rewritten edit by edit, remembering where each inlined copy went."""

    source: str
    marks: list[tuple[int, int, str]]

    @classmethod
    def start(cls, source: str) -> Rewriter:
        """A rewriter over ``source``."""
        return cls(source, [])

    @property
    def tree(self) -> Tree:
        """The current syntax tree."""
        return parse(self.source)

    def apply(self, edits: list[Edit], detail: str | None = None) -> None:
        """Apply ``edits``; with a ``detail``, the first one is an inlined copy it describes.

        A copy an edit rewrites as a whole grows to the edit's new text; one an edit deletes is gone.
        """
        marks = [(*span, what) for *old, what in self.marks if (span := _moved(edits, *old)) is not None]
        if detail is not None:
            new = _moved(edits, edits[0].start, edits[0].end)
            marks += [(*new, detail)] if new is not None else []
        self.marks = marks
        self.source = apply_edits(self.source, edits)

    def locations(self) -> list[Location]:
        """Every inlined copy still present, in the final code."""
        tree, data = self.tree, self.source.encode()
        found = []
        for start, end, detail in sorted(self.marks):
            node = tree.root_node.descendant_for_byte_range(start, start)
            owner = enclosing_function(node) if node is not None else None
            first, last = data.count(b"\n", 0, start) + 1, data.count(b"\n", 0, max(start, end - 1)) + 1
            name = function_name(owner) if owner is not None else None
            found.append(Location(function=name, start_line=first, end_line=last, detail=detail))
        return found
