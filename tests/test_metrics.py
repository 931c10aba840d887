"""The static measurements and the step verdicts built on them."""

from __future__ import annotations

import functools

from declean.principles import mc
from declean.principles.dry import DUPLICATE_WINDOW
from declean.principles.name import is_meaningless
from declean.principles.verify import check_step, detect, measure
from declean.tools.cparse import parse
from tests import programs

MAGIC = """\
#include <stdio.h>
#define LIMIT 10
enum { RED, GREEN = 5 };
static const int WIDTH = 80;
int main(void) {
    int table[12];
    int data[] = {3, 4, 5};
    for (int i = 0; i < 12; i++) { table[i] = i * 7; }
    switch (table[2]) { case 14: puts("fourteen"); break; default: break; }
    printf("%d %d %d\\n", table[11] + LIMIT, WIDTH, data[0]);
    return 0;
}
"""


def test_magic_literals_exclude_definitions_data_and_zero_one() -> None:
    evidence = measure(MAGIC)["MC"]
    # 12 (size), 12 (bound), 7, 2, 14 (case), 11; not the 10, 5, 80, {3,4,5}, 0 or 1
    assert evidence.values["magic_literals"] == 6
    assert evidence.values["named_constants"] == 4  # LIMIT, WIDTH, RED, GREEN
    assert evidence.examples[0] == "line 6: 12"


def test_meaningless_names() -> None:
    assert all(is_meaningless(name) for name in ["a", "x1", "tmp", "data", "do_it", "f2", "ab3"])
    assert not any(is_meaningless(name) for name in ["total", "count", "read_values", "average", "id"])


def test_loop_indices_in_for_headers_are_exempt_but_not_elsewhere() -> None:
    source = "int main(void) { int k = 2; for (int i = 0; i < k; i++) { } return k; }\n"
    evidence = measure(source)["NAME"]
    assert (evidence.values["declared"], evidence.values["meaningless"], evidence.examples) == (1, 1, ["k"])


def test_duplicates_are_found_through_renamed_copies() -> None:
    clean, repeated = measure(programs.CLEAN)["DRY"], measure(programs.DRY)["DRY"]
    assert clean.score == 0
    assert repeated.score >= DUPLICATE_WINDOW and repeated.values["duplicate_blocks"] >= 1
    assert repeated.examples[0].startswith("lines ")


def test_names_and_constants_do_not_change_the_duplicate_shape() -> None:
    """DRY evidence normalises identifiers and literals, so NAME and MC steps cannot move it."""
    shapes = {
        tuple(dry.values.items())
        for dry in (
            measure(source)["DRY"]
            for source in (programs.DRY_SRP, programs.DRY_SRP_MC, programs.DRY_SRP_MC_NAME)
        )
    }
    assert len(shapes) == 1


def test_srp_counts_the_longest_function() -> None:
    clean, merged = measure(programs.CLEAN)["SRP"], measure(programs.DRY_SRP)["SRP"]
    assert (clean.values["functions"], merged.values["functions"]) == (3, 1)
    assert merged.examples == ["main"]
    assert merged.values["longest_statements"] > clean.values["longest_statements"]


def test_detect_labels_the_reference_chain() -> None:
    assert detect(programs.CLEAN) == []
    assert detect(programs.DRY) == ["DRY"]
    assert detect(programs.DRY_SRP) == ["DRY", "SRP"]
    assert detect(programs.DRY_SRP_MC) == ["DRY", "SRP", "MC"]
    assert detect(programs.DRY_SRP_MC_NAME) == ["DRY", "SRP", "MC", "NAME"]


def test_step_verified_when_target_got_worse_and_nothing_else() -> None:
    check = check_step("MC", programs.DRY_SRP, programs.DRY_SRP_MC, labelled=["DRY", "SRP"])
    assert check.verified and check.collateral == []
    assert "MC evidence 0 -> 5" in check.explain()


def test_step_not_verified_when_target_untouched() -> None:
    check = check_step("NAME", programs.CLEAN, programs.CLEAN.replace("return 0;", "return 0; /* done */"))
    assert not check.verified


def test_step_that_also_inlines_constants_is_collateral() -> None:
    """A NAME step that also inlined the constants violates MC too."""
    renamed_and_inlined = programs.DRY_SRP_MC_NAME
    check = check_step("NAME", programs.DRY_SRP, renamed_and_inlined, labelled=["DRY", "SRP"])
    assert check.verified
    assert check.collateral == ["MC"]


def test_collateral_ignores_principles_already_labelled() -> None:
    check = check_step("NAME", programs.DRY_SRP, programs.DRY_SRP_MC_NAME, labelled=["DRY", "SRP", "MC"])
    assert check.collateral == []


def test_verdicts_use_the_thresholds() -> None:
    tree = parse(MAGIC)
    assert measure(MAGIC)["MC"].violated and mc.measure(tree).violated
    stricter = functools.partial(mc.measure, thresholds=mc.McThresholds(magic_literals=7))
    assert not stricter(tree).violated


def test_evidence_covers_only_the_principles_asked_for() -> None:
    assert list(measure(MAGIC).measures) == ["DRY", "SRP", "MC", "NAME"]
    assert list(measure(MAGIC, ["MC"]).measures) == ["MC"]
    assert detect(programs.DRY_SRP_MC_NAME, ["NAME", "MC"]) == ["NAME", "MC"]
