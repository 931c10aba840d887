"""The indexed tree walks of ``declean.tools.cparse`` against a plain cursor walk, on every corpus program
(the real code nobody here wrote included) and on code that does not parse."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from tree_sitter import Node

from declean.tools.cparse import descendants_of_type, has_errors, parse, walk
from tests.corpus_index import (
    clean_programs,
    hard2_programs,
    hard_programs,
    heldout_programs,
    labeled_programs,
    real_programs,
)

SOURCES = {
    f"{program.path.parent.name}/{program.name}": program.source
    for programs in (
        clean_programs(),
        labeled_programs(),
        heldout_programs(),
        hard_programs(),
        hard2_programs(),
        real_programs(),
    )
    for program in programs
}
BROKEN = 'int main(void) {\n  int x = ;\n  for (i = 0; i < 3 i++) printf("%d", x\n}\n#define A(\n'


def cursor_walk(node: Node) -> Iterator[Node]:
    """The reference: every node below and including ``node`` in source order, from a tree cursor."""
    cursor = node.walk()
    while True:
        current = cursor.node
        assert current is not None
        yield current
        if cursor.goto_first_child():
            continue
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent():
                return


@pytest.mark.parametrize("name", [*sorted(SOURCES), "broken"])
def test_walks_agree_with_a_cursor_walk_from_every_node(name: str) -> None:
    tree = parse(SOURCES.get(name, BROKEN))
    if name == "broken":
        assert has_errors(tree)
    every = list(cursor_walk(tree.root_node))
    assert descendants_of_type(tree.root_node) == []
    types = sorted({node.type for node in every})
    for node in every:
        expected = list(cursor_walk(node))
        starts = [child.start_byte for child in node.children]
        assert starts == sorted(starts), "indexing must leave a node's children in source order"
        assert list(walk(node)) == expected
        for kinds in (("identifier",), ("call_expression", "number_literal", "ERROR"), tuple(types[:3])):
            assert descendants_of_type(node, *kinds) == [found for found in expected if found.type in kinds]


def test_one_text_parses_to_one_tree_and_another_text_to_its_own_nodes() -> None:
    source = SOURCES["clean/gcd_lcm"]
    first, second = parse(source), parse(source + "\n")
    from_first = descendants_of_type(first.root_node, "identifier")
    from_second = descendants_of_type(second.root_node, "identifier")
    assert [n.start_byte for n in from_first] == [n.start_byte for n in from_second]
    assert all(n.parent is not None for n in from_second)
    assert walk(second.root_node).__next__() == second.root_node != first.root_node
    assert parse(source) is first


def test_indexes_of_many_dropped_trees_do_not_mix_up_nodes() -> None:
    """Trees come and go by the thousand in a run; a node of a new tree must never be found in an old
    tree's index (ids of freed trees are reused)."""
    sources = list(SOURCES.values())[:40]
    for _ in range(5):
        for source in sources:
            tree = parse(source)
            names = [node.text for node in descendants_of_type(tree.root_node, "identifier")]
            assert names == [node.text for node in cursor_walk(tree.root_node) if node.type == "identifier"]
            del tree
        gc.collect()
