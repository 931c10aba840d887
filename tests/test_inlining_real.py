"""The inlining machinery on real code, independent of the DRY and SRP policies that drive it.

Every call of every helper of every real program (``tests/corpus/real``) that :func:`plan_call` accepts is
inlined alone (the helper deleted when that was its only call), compiled and run in the real sandbox: it
must behave exactly like the original. Then the bugs the real corpus found, as small programs.
"""

from __future__ import annotations

import pytest

from declean.sandbox.local import LocalSandbox
from declean.tools.cparse import functions, has_errors, parse
from declean.tools.transforms.inlining import (
    Rewriter,
    analyze,
    call_sites,
    leading_comments,
    plan_call,
    removal_edits,
)
from tests.corpus_index import CorpusProgram
from tests.real_grid import PROGRAMS
from tests.transform_checks import same_output


def each_call_inlined(source: str) -> list[tuple[str, str]]:
    """``(helper#call, code)`` for every call that can be inlined, one rewrite per call."""
    tree = parse(source)
    found = []
    for function in functions(tree) if not has_errors(tree) else []:
        helper, calls = analyze(tree, function.name), call_sites(tree, function.name)
        for index, call in enumerate(calls if not isinstance(helper, str) else []):
            assert not isinstance(helper, str)
            only = len(calls) == 1
            edits = plan_call(tree, helper, call, leading_comments(helper.definition) if only else None)
            if isinstance(edits, str):
                continue
            rewriter = Rewriter.start(source)
            rewriter.apply(edits, f"inlined {function.name}")
            after = analyze(rewriter.tree, function.name)
            if only and not isinstance(after, str) and not call_sites(rewriter.tree, function.name):
                rewriter.apply(removal_edits(rewriter.tree, after, True))
            found.append((f"{function.name}#{index}", rewriter.source))
    return found


@pytest.mark.parametrize("program", PROGRAMS, ids=[program.name for program in PROGRAMS])
def test_every_inlinable_call_keeps_behaviour(local_sandbox: LocalSandbox, program: CorpusProgram) -> None:
    for _, code in each_call_inlined(program.source):
        same_output(local_sandbox, program.source, code, program.stdin)


def test_the_real_corpus_has_calls_to_inline() -> None:
    assert sum(len(each_call_inlined(program.source)) for program in PROGRAMS) >= 90


LEADING_BLANK_LINE = """
#include <stdio.h>

int twice(int n);

int main(void)
{
    int total = 0;
    for (int i = 0; i < 3; i++)
    {
        total += 1;
        printf("%d\\n", twice(total));
    }
    return 0;
}

/*
 * Twice its argument.
 */
int twice(int n)
{
    int doubled = n * 2;
    return doubled;
}
"""
"""The file starts with a blank line: tree-sitter's root node then starts at byte 1 and its text is
one byte short, so comments and removals were cut at the wrong offsets (``/*`` lost its ``/``)."""

STRUCT_POINTER = """#include <stdio.h>
#include <stdlib.h>

struct node
{
    int value;
    struct node *next;
};

struct node *make_node(int value)
{
    struct node *made = malloc(sizeof *made);
    made->value = value;
    made->next = NULL;
    return made;
}

int main(void)
{
    struct node *head = make_node(7);
    char *label = head->value > 5 ? "big" : "small";
    printf("%d %s\\n", head->value, label);
    free(head);
    return 0;
}
"""
"""A helper returning a pointer, in the initialiser of a pointer variable: the split declaration assigned
``*head = made`` (gcc: incompatible types when assigning to type 'struct node' from 'struct node *')."""


@pytest.mark.parametrize("source", [LEADING_BLANK_LINE, STRUCT_POINTER], ids=["blank-line", "pointer"])
def test_regressions_found_on_real_code(local_sandbox: LocalSandbox, source: str) -> None:
    rewrites = each_call_inlined(source)
    assert rewrites
    for _, code in rewrites:
        assert "/*\n" not in source or "/*\n" in code
        assert "*head =" not in code
        same_output(local_sandbox, source, code, [""])
