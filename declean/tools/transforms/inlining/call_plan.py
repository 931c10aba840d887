"""The edits that inline a helper at one call: by substitution where it is exact, else by hoisting, with
the helper's leading comments placed above the copy."""

from __future__ import annotations

from tree_sitter import Node, Tree

from declean.tools.cparse import Edit, enclosing_function, source_bytes, text, walk
from declean.tools.transforms.inlining.c_types import opaque_types, type_table
from declean.tools.transforms.inlining.helpers import Helper
from declean.tools.transforms.inlining.hoisting import hoisted
from declean.tools.transforms.inlining.layout import line_indent, reindent
from declean.tools.transforms.inlining.names import declared_names, file_scope_names
from declean.tools.transforms.inlining.substitution import CallSite, substitutable, substituted, value_at_call


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
    site = CallSite(source_bytes(tree), tree, helper, call, args, types, opaque_types(tree))
    if substitutable(site):
        main: Edit | str = Edit(call.start_byte, call.end_byte, value_at_call(site, substituted(site), call))
    else:
        main = hoisted(site)
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
