"""Loop peeling: the first pass of a loop written out before it, so the loop's body exists twice.

The shapes, all exact for any input:

* ``while (C) B`` becomes ``if (C) { B  while (C) B }``; ``C`` may have side effects (``scanf``), it is
  still evaluated the same number of times in the same order;
* ``for (T i = S; i < E; i++) B`` (or ``<=``, ``++i``, ``i += 1``) becomes
  ``if (S < E) { B[i := S] }  for (T i = S + 1; i < E; i++) B`` when no pass can change ``S`` or ``E``:
  they are side-effect free and their variables are the function's own, never written by ``B`` and never
  address-taken;
* any other ``for`` loop counting by a step from such an ``S`` (``i++``, ``i--``, ``i += X``, ``i -= X``
  with a side-effect free ``X``) keeps the rest of the loop inside the ``if``:
  ``if (C[i := S]) { B[i := S]  for (T i = S + X; C; i += X) B }`` (``s[i] != '\\0'``, ``i >= 0``,
  ``c <= MAX; c += STEP``). ``X`` is evaluated after the first pass in both, so it may even change.

In the written-out pass ``i`` is replaced by ``S`` when both are plain ``int`` (``values[0]``); otherwise
the pass declares ``T i = S;`` itself and the test reads ``(T)S``. The body may leave or restart the loop
only by one guard clause (:mod:`~declean.tools.transforms.first_pass`), which keeps the rest of the loop
inside the ``if`` too when it leaves. A body that writes the counter, redeclares it, jumps (``goto``,
labels), holds ``static`` locals or preprocessor lines, or declares a name the loop header (or the body
before that declaration) uses, is not peeled; nor is a loop that is not a statement of a block (the body
of an ``if`` with an ``else`` would take the new ``if``'s place).
"""

from __future__ import annotations

import re

from tree_sitter import Node, Tree

from declean.tools.cparse import Edit, declarator_name, descendants_of_type, enclosing_function, text, walk
from declean.tools.transforms.first_pass import Exit, loop_exit, pass_lines
from declean.tools.transforms.inlining.layout import indent_unit, line_indent, reindent
from declean.tools.transforms.inlining.names import declarations, declared_names, rewrite

_EFFECTS = ("call_expression", "assignment_expression", "update_expression", "comma_expression")
_BLOCKS = ("compound_statement", "case_statement")
_ATOM = re.compile(r"-?[\w.]+")
_INT = re.compile(r"-?[0-9]+")
_DECIMAL = re.compile(r"0|[1-9][0-9]*")


def peel(source: bytes, tree: Tree, loop: Node) -> Edit | str:
    """The edit that writes the first pass of ``loop`` out before it, or why it cannot be peeled."""
    body = loop.child_by_field_name("body")
    if body is None or loop.type not in ("for_statement", "while_statement"):
        return "not a for or while loop"
    if loop.parent is None or loop.parent.type not in _BLOCKS:
        return "the loop is not a statement of a block"
    refusal = _body_refusal(loop, body)
    exit = loop_exit(loop, body)
    if refusal is not None or isinstance(exit, str):
        return refusal or str(exit)
    indent = line_indent(source, loop.start_byte)
    unit = indent_unit(source, tree, enclosing_function(loop) or tree.root_node)
    if loop.type == "for_statement":
        return _peeled_for(loop, body, exit, indent, unit)
    condition = loop.child_by_field_name("condition")
    assert condition is not None
    rest = reindent(indent + text(loop), indent + unit)
    lines = pass_lines(body, exit, {}, indent=indent + unit, unit=unit, loop=rest)
    bare = condition.named_children[0] if condition.named_children else condition
    return Edit(loop.start_byte, loop.end_byte, _guarded(text(bare), lines, indent))


def _peeled_for(loop: Node, body: Node, exit: Exit | None, indent: str, unit: str) -> Edit | str:
    counter = _counter(loop)
    if isinstance(counter, str):
        return counter
    declaration, name, start, condition, step, flat = counter
    leaves = exit is not None and exit.jump.type == "break_statement"
    flat = flat and not leaves
    if _writes(body, name) or name in declared_names(body):
        return "the body writes or redeclares the loop counter"
    kind = " ".join(text(declaration.child_by_field_name("type") or declaration).split())
    plain = kind == "int" and _int_constant(start)
    used = any(_named(node, name) for node in walk(body))
    following = _following(start, step, kind)
    offset, rest = loop.start_byte, text(loop)
    rest = rest[: start.start_byte - offset] + following + rest[start.end_byte - offset :]
    inner = indent + unit
    lines = [inner + text(declaration)] if used and not plain else []
    loop_lines = [] if flat else reindent(indent + rest, inner)
    lines += pass_lines(
        body, exit, {name: text(start)} if plain else {}, indent=inner, unit=unit, loop=loop_lines
    )
    first = _operand(start) if plain else f"({kind}){_operand(start)}"
    guard = rewrite(condition, {n.start_byte: first for n in walk(condition) if _named(n, name)})
    peeled = _guarded(guard, lines, indent)
    return Edit(loop.start_byte, loop.end_byte, peeled + ("\n" + indent + rest if flat else ""))


def _counter(loop: Node) -> tuple[Node, str, Node, Node, str, bool] | str:
    """``(declaration, name, start, condition, step, flat)`` of a ``for`` loop counting by a step (``+
    1``, ``- 1``, ``+ X``, ``- X``), ``flat`` when it counts up by one while ``i < E`` with a bound no
    pass can change; or why it is no such loop."""
    declaration = loop.child_by_field_name("initializer")
    condition = loop.child_by_field_name("condition")
    update = loop.child_by_field_name("update")
    parts = declaration.children_by_field_name("declarator") if declaration is not None else []
    if declaration is None or declaration.type != "declaration" or len(parts) != 1:
        return "the loop does not declare one counter"
    start = parts[0].child_by_field_name("value")
    counter = declarator_name(parts[0].child_by_field_name("declarator"), strict=True)
    if start is None or counter is None or parts[0].child_by_field_name("declarator") != counter:
        return "the counter has no start value"
    name = text(counter)
    step = _step(name, update)
    if condition is None or step is None:
        return "the loop does not count by a step"
    function = enclosing_function(loop)
    if function is None or not _invariant(start, loop, function, name):
        return "a pass could change the start"
    bound = _bound(name, condition)
    flat = step == "+ 1" and bound is not None and _invariant(bound, loop, function, name)
    return declaration, name, start, condition, step, flat


def _step(name: str, update: Node | None) -> str | None:
    """What the update adds to the counter (``+ 1``, ``- 1``, ``+ X``, ``- (a + b)``): ``i++``, ``++i``,
    ``i--``, ``--i``, ``i += X`` or ``i -= X`` with ``X`` side-effect free and free of the counter."""
    if update is None:
        return None
    flat = "".join(text(update).split())
    if flat in (f"{name}++", f"++{name}"):
        return "+ 1"
    if flat in (f"{name}--", f"--{name}"):
        return "- 1"
    if update.type != "assignment_expression" or not _named(update.child_by_field_name("left"), name):
        return None
    operator = text(update.child_by_field_name("operator") or update)
    amount = update.child_by_field_name("right")
    if operator not in ("+=", "-=") or amount is None or descendants_of_type(amount, *_EFFECTS):
        return None
    if any(_named(node, name) for node in walk(amount)):
        return None
    return f"{operator[0]} {_summand(amount)}"


def _summand(expression: Node) -> str:
    """``expression`` as an operand of ``+`` or ``-``: :func:`_operand`, and a macro whose body could bind to
    a neighbouring operator once expanded (``#define STEP 1 << 2`` in ``S + STEP``) in parentheses too."""
    body = _macro_body(expression)
    whole = body is None or bool(_ATOM.fullmatch(body))
    return _operand(expression) if whole else f"({text(expression)})"


def _int_constant(expression: Node) -> bool:
    """A decimal ``int``: a literal, or a macro defined as one (``MIN_CELSIUS`` for ``-20``), which the
    written-out pass can use for the counter as it is, as a student would."""
    if expression.type == "number_literal":
        return text(expression).isdigit()
    body = _macro_body(expression)
    return body is not None and _INT.fullmatch(body) is not None and abs(int(body)) < 2**31


def _macro_body(expression: Node) -> str | None:
    """The body of the object-like macro an identifier names (``?`` when it is defined more than once,
    so which body applies is not known here), or ``None``."""
    if expression.type != "identifier":
        return None
    root = expression
    while root.parent is not None:
        root = root.parent
    bodies = [
        text(value).strip() if (value := macro.child_by_field_name("value")) else ""
        for macro in descendants_of_type(root, "preproc_def")
        if _named(macro.child_by_field_name("name"), text(expression))
    ]
    return None if not bodies else bodies[0] if len(bodies) == 1 else "?"


def _following(start: Node, step: str, kind: str) -> str:
    """The counter's second value: ``S`` plus its step, folded when both are decimal numbers (``010`` is
    octal). A floating counter adds to ``(T)S``, as the loop's ``i += X`` adds to ``i``, so the sum rounds
    the same; a macro that could bind to the ``+`` once expanded is parenthesised."""
    sign, amount = step.split(" ", 1)
    if _DECIMAL.fullmatch(text(start)) and _DECIMAL.fullmatch(amount):
        return str(int(text(start)) + int(amount) if sign == "+" else int(text(start)) - int(amount))
    first = _summand(start)
    floating = "float" in kind or "double" in kind
    return f"({kind}){first} {step}" if floating else f"{first} {step}"


def _bound(name: str, condition: Node) -> Node | None:
    """``E`` of a condition ``i < E`` or ``i <= E`` (or ``E > i``, ``E >= i``)."""
    if condition.type != "binary_expression" or len(condition.named_children) != 2:
        return None
    left, right = condition.named_children
    operator = text(condition.child_by_field_name("operator") or condition)
    if text(left) == name and operator in ("<", "<="):
        return right
    return left if text(right) == name and operator in (">", ">=") else None


def _invariant(expression: Node, loop: Node, function: Node, counter: str) -> bool:
    """Side-effect free, and every variable in it is the function's own, unwritten and never aliased."""
    if descendants_of_type(expression, *_EFFECTS) or "->" in text(expression):
        return False
    if any(node.type == "pointer_expression" and text(node).startswith("*") for node in walk(expression)):
        return False
    own = {text(name) for name, declaration in declarations(function) if not _static(declaration)}
    body = loop.child_by_field_name("body")
    for node in walk(expression):
        name = text(node)
        if node.type != "identifier" or name.isupper():
            continue
        if name == counter or name not in own or _address_taken(function, name):
            return False
        if body is not None and _writes(body, name):
            return False
    return True


def _static(declaration: Node) -> bool:
    return any(
        child.type == "storage_class_specifier" and text(child) == "static" for child in declaration.children
    )


def _body_refusal(loop: Node, body: Node) -> str | None:
    kinds = {node.type for node in walk(body)}
    if kinds & {"goto_statement", "labeled_statement"} or any(
        _outside_switch(case, body) for case in descendants_of_type(body, "case_statement")
    ):
        return "the body jumps"
    if any(kind.startswith("preproc") for kind in kinds):
        return "the body holds preprocessor lines"
    if any(_static(node) for node in descendants_of_type(body, "declaration")):
        return "the body has static locals"
    if _scope_clash(loop, body):
        return "a name the body declares is used by the loop header or before its declaration"
    return None


def _outside_switch(case: Node, body: Node) -> bool:
    node = case.parent
    while node is not None and node != body and node.type != "switch_statement":
        node = node.parent
    return node is None or node == body


def _scope_clash(loop: Node, body: Node) -> bool:
    """A name the body declares at its top level is used by the loop header, or by the body before its
    declaration: the written-out pass puts those declarations in scope of what follows it."""
    if body.type != "compound_statement":
        return False
    declared: dict[str, int] = {}
    for child in body.named_children:
        if child.type == "declaration":
            for name, _ in declarations(child):
                declared.setdefault(text(name), child.start_byte)
    header = [node for child in loop.children if child != body for node in walk(child)]
    if any(node.type == "identifier" and text(node) in declared for node in header):
        return True
    return any(
        node.type == "identifier" and node.start_byte < declared.get(text(node), -1) for node in walk(body)
    )


def _writes(scope: Node, name: str) -> bool:
    """``name`` (or a part of it) is assigned, incremented or address-taken under ``scope``."""
    for node in walk(scope):
        target = None
        if node.type == "assignment_expression":
            target = node.child_by_field_name("left")
        elif node.type == "update_expression" or (
            node.type == "pointer_expression" and text(node).startswith("&")
        ):
            target = node.child_by_field_name("argument")
        if target is not None and _root(target) == name:
            return True
    return False


def _address_taken(function: Node, name: str) -> bool:
    return any(
        node.type == "pointer_expression"
        and text(node).startswith("&")
        and (argument := node.child_by_field_name("argument")) is not None
        and _root(argument) == name
        for node in walk(function)
    )


def _root(node: Node) -> str | None:
    """The variable an lvalue belongs to: ``a`` for ``a``, ``a[i]``, ``a.b``, ``(a)``."""
    while node.type in ("subscript_expression", "field_expression", "parenthesized_expression"):
        inner = node.named_children[0] if node.named_children else None
        if inner is None or (node.type == "field_expression" and "->" in text(node)):
            return None
        node = inner
    return text(node) if node.type == "identifier" else None


def _named(node: Node | None, name: str) -> bool:
    return node is not None and node.type == "identifier" and text(node) == name


def _operand(expression: Node) -> str:
    atomic = ("identifier", "number_literal", "char_literal", "parenthesized_expression", "call_expression")
    return text(expression) if expression.type in atomic else f"({text(expression)})"


def _guarded(condition: str, lines: list[str], indent: str) -> str:
    return f"if ({condition}) {{\n" + "\n".join(lines) + f"\n{indent}}}"
