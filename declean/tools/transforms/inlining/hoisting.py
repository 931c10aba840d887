"""Inlining by hoisting: the statement holding the call becomes a block of the parameters as locals, the
helper's body, then the statement with the call replaced by the returned expression."""

from __future__ import annotations

import re

from tree_sitter import Node, Tree

from declean.tools.cparse import (
    Edit,
    apply_edits,
    declarator_name,
    descendants_of_type,
    enclosing_function,
    text,
)
from declean.tools.transforms.inlining.helpers import Helper, Param
from declean.tools.transforms.inlining.layout import indent_unit, line_indent, reindent
from declean.tools.transforms.inlining.names import (
    declared_names,
    file_scope_names,
    fresh_name,
    identifiers,
    inside,
    macro_words,
    rewrite,
)
from declean.tools.transforms.inlining.substitution import (
    EFFECTS,
    CallSite,
    is_pure,
    modified,
    param_uses,
    value_at_call,
)

_STATEMENTS = ("expression_statement", "return_statement", "declaration", "if_statement")
_HOSTS = (*_STATEMENTS, "switch_statement", "while_statement", "do_statement", "for_statement")


def hoisted(site: CallSite) -> Edit | str:
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
    inner = line_indent(site.source, target.start_byte) + indent_unit(
        site.source, site.tree, helper.definition
    )
    lines = []
    for param, arg in zip(helper.params, site.args, strict=True):
        if param.name in aliases:
            continue
        if param_uses(helper, param):
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
        final = _final(site, host, value_at_call(site, rewrite(helper.returned, mapping), call))
        if isinstance(final, str):
            return final
        head, statement = final
        if not lines and not head:
            return Edit(host.start_byte, host.end_byte, statement)
        lines += reindent(indent + statement, inner)
    outer = line_indent(site.source, target.start_byte)
    return Edit(target.start_byte, target.end_byte, head + "{\n" + "\n".join(lines) + "\n" + outer + "}")


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
    for effect in descendants_of_type(scope or node, *EFFECTS):
        if not inside(effect, call) and not inside(call, effect):
            return "other side effects in the same statement"
    return node


def _aliases(site: CallSite) -> set[str]:
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
        uses = param_uses(site.helper, param)
        if same and local and typed and not any(modified(node, param.type is None) for node in uses):
            found.add(param.name)
    return found


def _renames(site: CallSite, host: Node, aliases: set[str]) -> dict[str, str] | str:
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


def _final(site: CallSite, host: Node, value: str) -> tuple[str, str] | str:
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
    return head.decode() + "\n" + indent, f"{text(name)} = {rest};"
