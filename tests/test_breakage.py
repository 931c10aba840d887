"""Breaking compiling programs so that gcc rejects them: each kind on small programs, exact edits for some,
the seeded order, then the first candidate of every kind on real programs compiled in the real sandbox."""

from __future__ import annotations

import itertools
import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from declean.sandbox.local import LocalSandbox
from declean.tools.breakage import BREAKAGE_KINDS, Breakage, BreakageKind, break_code, breakage_sites
from declean.tools.cparse import has_errors, parse
from tests.corpus_index import CorpusProgram, clean_programs, real_programs

SMALL = """\
#include <stdio.h>

static int add(int left, int right)
{
    return left + right;
}

static void greet(void)
{
    printf("hello\\n");
}

int main(void)
{
    int count = 0;
    for (int i = 0; i < 3; i++) {
        count = add(count, i);
    }
    greet();
    printf("%d\\n", count);
    return 0;
}
"""

TRAPS = """\
#include <stdio.h>

#define SHOW(x) printf("%d\\n", x)

int total = 5;

static int sum(int how_many, ...)
{
    return how_many;
}

static int legacy()
{
    return 1;
}

int main(void)
{
    int total = 1;
    int index = 2;
    int value = 3;
    int *p = &value;
    value = 4;
    *p = 5;
    for (int k = 0; k < 2; k++);
    SHOW(value);
#ifdef DEBUG
    printf("%d\\n", index);
#endif
    printf("%d %d %d %d\\n", total, index, sum(1, 2), legacy());
    return 0;
}
"""
"""Every trap a kind must step around: a shadowed global, a library name, a variadic and an unprototyped
function, a statement that would merge with the next, an empty loop body, a macro, an ``#ifdef``."""

SLACK: dict[BreakageKind, int] = {"missing_brace": 1}
"""How far from the reported line a kind's diff may reach (two equal closing lines blur a deletion)."""


def lines(breakages: list[Breakage]) -> list[int]:
    return [breakage.line for breakage in breakages]


def changed_lines(original: str, broken: str) -> tuple[int, int]:
    """First and last 1-based line of ``original`` that ``broken`` changed (common prefix and suffix cut)."""
    before, after = original.splitlines(), broken.splitlines()
    shortest = min(len(before), len(after))
    prefix = 0
    while prefix < shortest and before[prefix] == after[prefix]:
        prefix += 1
    suffix = 0
    while suffix < shortest - prefix and before[-1 - suffix] == after[-1 - suffix]:
        suffix += 1
    return prefix + 1, len(before) - suffix


def test_missing_semicolon_removes_one_semicolon_per_statement_but_not_in_a_for_header() -> None:
    sites = breakage_sites(SMALL, "missing_semicolon")
    assert lines(sites) == [5, 10, 15, 17, 19, 20, 21]
    assert sites[2].code == SMALL.replace("int count = 0;", "int count = 0")
    assert sites[2].description == "removed the ';' after `int count = 0` on line 15"
    assert sites[3].code == SMALL.replace("count = add(count, i);", "count = add(count, i)")
    assert all(site.kind == "missing_semicolon" for site in sites)


def test_missing_semicolon_skips_statements_that_would_merge_macros_and_empty_statements() -> None:
    described = [site.description for site in breakage_sites(TRAPS, "missing_semicolon")]
    assert "removed the ';' after `value = 4` on line 23" not in described
    assert "removed the ';' after `*p = 5` on line 24" in described
    assert not [line for line in described if "SHOW" in line or "after ``" in line or "line 28" in line]


def test_wrong_argument_count_drops_the_last_argument_or_adds_one() -> None:
    sites = breakage_sites(SMALL, "wrong_argument_count")
    assert [(site.line, site.code) for site in sites] == [
        (17, SMALL.replace("add(count, i);", "add(count);")),
        (19, SMALL.replace("greet();", "greet(0);")),
    ]
    assert sites[0].description == "dropped the last argument `i` of the call to `add` on line 17"
    assert sites[1].description == "added an extra argument `0` to the call `greet()` on line 19"


def test_wrong_argument_count_leaves_variadic_unprototyped_and_library_calls_alone() -> None:
    assert breakage_sites(TRAPS, "wrong_argument_count") == []


def test_missing_brace_deletes_each_closing_line() -> None:
    sites = breakage_sites(SMALL, "missing_brace")
    assert lines(sites) == [6, 11, 18, 22]
    source_lines = SMALL.splitlines(keepends=True)
    for site in sites:
        assert site.code == "".join(source_lines[: site.line - 1] + source_lines[site.line :])
    assert (
        sites[2].description == "removed the '}' on line 18 that closes the `for` loop body opened on line 16"
    )
    assert (
        sites[3].description == "removed the '}' on line 22 that closes the body of `main` opened on line 14"
    )


def test_missing_brace_keeps_the_rest_of_a_shared_line() -> None:
    source = (
        "int main(void)\n{\n    int n = 0;\n    if (n) {\n        n = 1;\n    } else {\n        n = 2; }\n}\n"
    )
    codes = {site.line: site.code for site in breakage_sites(source, "missing_brace")}
    assert codes[6] == source.replace("    } else {", "    else {")
    assert codes[7] == source.replace("n = 2; }", "n = 2;")


def test_misspelt_identifier_changes_uses_of_locals_to_names_the_file_lacks() -> None:
    sites = breakage_sites(SMALL, "misspelt_identifier")
    misspelt = Counter(site.description.split("`")[1] for site in sites)
    assert misspelt == {"left": 1, "right": 1, "count": 3, "i": 3}
    words = set(re.findall(r"\w+", SMALL))
    for site in sites:
        name, wrong = site.description.split("`")[1::2]
        assert wrong not in words
        assert re.sub(rf"\b{wrong}\b", name, site.code) == SMALL
    assert not [site for site in sites if site.line in (3, 8, 15)]


def test_misspelt_identifier_never_touches_macro_arguments_or_ifdef_code() -> None:
    sites = breakage_sites(TRAPS, "misspelt_identifier")
    assert sites
    assert not [site for site in sites if site.line in (26, 28)]


def test_missing_declaration_deletes_a_used_local_declaration_only() -> None:
    sites = breakage_sites(SMALL, "missing_declaration")
    assert [(site.line, site.code) for site in sites] == [(15, SMALL.replace("    int count = 0;\n", ""))]
    assert sites[0].description == (
        "deleted the declaration `int count = 0;` on line 15, so `count` is undeclared where used"
    )


def test_missing_declaration_skips_names_something_else_would_answer_to() -> None:
    sites = breakage_sites(TRAPS, "missing_declaration")
    assert lines(sites) == [21, 22]
    assert "`value`" in sites[0].description and "`p`" in sites[1].description


def test_type_error_uses_a_scalar_as_a_struct_or_a_function() -> None:
    sites = breakage_sites(SMALL, "type_error")
    assert len(sites) == 2 * 8
    assert sites[0].code == SMALL.replace("return left + right;", "return left.value + right;")
    assert sites[1].code == SMALL.replace("return left + right;", "return left() + right;")
    assert sites[0].description == "used the int `left` as a struct (`left.value`) on line 5"
    assert sites[1].description == "called the int `left` as a function (`left()`) on line 5"


def test_type_error_skips_pointers_and_macro_arguments() -> None:
    sites = breakage_sites(TRAPS, "type_error")
    assert not [site for site in sites if "`p`" in site.description or site.line in (26, 28)]


def test_a_program_that_does_not_parse_gives_nothing() -> None:
    broken = "int main(void)\n{\n    int n = ;\n    return n\n"
    assert has_errors(parse(broken))
    assert all(breakage_sites(broken, kind) == [] for kind in BREAKAGE_KINDS)
    assert break_code(broken, "seed") == []


def test_unknown_kinds_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown breakage kinds"):
        break_code(SMALL, "seed", ["missing_paren"])  # type: ignore[list-item]


def test_every_site_of_the_small_programs_is_a_compile_error(local_sandbox: LocalSandbox) -> None:
    for source in (SMALL, TRAPS):
        assert local_sandbox.compile(source).ok
        for kind in BREAKAGE_KINDS:
            for site in breakage_sites(source, kind):
                result = local_sandbox.compile(site.code)
                assert not result.ok and result.errors, (kind, site.description, result.stderr)


def test_break_code_groups_every_site_by_kind_in_seeded_order() -> None:
    candidates = break_code(SMALL, "sample-7")
    every_site = [site for kind in BREAKAGE_KINDS for site in breakage_sites(SMALL, kind)]
    assert sorted(candidates, key=repr) == sorted(every_site, key=repr)
    kinds_in_order = list(dict.fromkeys(candidate.kind for candidate in candidates))
    assert len(kinds_in_order) == len(BREAKAGE_KINDS)
    runs = sum(1 for before, after in itertools.pairwise(candidates) if before.kind != after.kind)
    assert runs == len(BREAKAGE_KINDS) - 1
    assert [c.kind for c in break_code(SMALL, "sample-7", ["type_error"])] == ["type_error"] * 16


def test_the_same_seed_gives_the_same_order_and_other_seeds_others() -> None:
    assert break_code(SMALL, "sample-7") == break_code(SMALL, "sample-7")
    orders = {tuple(c.description for c in break_code(SMALL, f"sample-{index}")) for index in range(10)}
    assert len(orders) == 10
    first_kinds = {break_code(SMALL, f"sample-{index}")[0].kind for index in range(30)}
    assert len(first_kinds) >= 4


@pytest.mark.parametrize("hash_seed", ["0", "4242"])
def test_the_order_is_the_same_in_another_process(hash_seed: str) -> None:
    script = (
        "import json, sys\n"
        "from declean.tools.breakage import break_code\n"
        "candidates = break_code(sys.stdin.read(), 'seed-x')\n"
        "print(json.dumps([[c.kind, c.line, c.description] for c in candidates]))\n"
    )
    environment = {**os.environ, "PYTHONHASHSEED": hash_seed}
    done = subprocess.run(
        [sys.executable, "-c", script],
        input=SMALL,
        capture_output=True,
        text=True,
        check=True,
        env=environment,
        cwd=Path(__file__).parent.parent,
    )
    here = [[c.kind, c.line, c.description] for c in break_code(SMALL, "seed-x")]
    assert json.loads(done.stdout) == here


def _sample() -> list[CorpusProgram]:
    """Every third real program tree-sitter parses (nine use implicit-int ``main()``), and the first
    five clean ones: about 25 programs of every size and style."""
    parsed = [program for program in real_programs() if not has_errors(parse(program.source))]
    return parsed[::3] + clean_programs()[:5]


CORPUS_SAMPLE = _sample()


@pytest.mark.parametrize("program", CORPUS_SAMPLE, ids=[program.name for program in CORPUS_SAMPLE])
def test_the_first_candidate_of_every_kind_fails_to_compile(
    local_sandbox: LocalSandbox, program: CorpusProgram
) -> None:
    assert local_sandbox.compile(program.source).ok
    problems = []
    for kind in BREAKAGE_KINDS:
        candidates = break_code(program.source, program.name, [kind])
        if not candidates:
            continue
        first = candidates[0]
        result = local_sandbox.compile(first.code)
        if result.ok or not result.errors:
            problems.append(f"{kind}: {first.description} compiled ({result.stderr[:300]})")
        start, end = changed_lines(program.source, first.code)
        slack = SLACK.get(kind, 0)
        if not (first.line - slack <= start and end <= first.line + slack):
            problems.append(f"{kind}: {first.description} changed lines {start}-{end}")
    assert not problems, problems


def test_the_sample_has_sites_of_every_kind() -> None:
    with_sites = Counter(
        kind for program in CORPUS_SAMPLE for kind in BREAKAGE_KINDS if breakage_sites(program.source, kind)
    )
    assert len(CORPUS_SAMPLE) >= 20
    assert all(with_sites[kind] >= 0.75 * len(CORPUS_SAMPLE) for kind in BREAKAGE_KINDS), with_sites
