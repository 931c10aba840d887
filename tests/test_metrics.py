"""The static measurements and the step verdicts built on them."""

from __future__ import annotations

import functools

from declean.principles import mc
from declean.principles.dry import DryThresholds
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


def test_magic_literals_exclude_definitions_data_and_neutral_values() -> None:
    evidence = measure(MAGIC)["MC"]
    # 12 (size), 12 (bound), 7, 14 (case), 11 (an index past the small ones); not the 10, 5, 80, {3,4,5},
    # the 0s, 1s or the index 2
    assert evidence.values["magic_literals"] == 5
    assert evidence.values["repeated_values"] == 1  # 12
    assert evidence.values["named_constants"] == 4  # LIMIT, WIDTH, RED, GREEN
    assert evidence.examples[0] == "line 6: 12 (written 2 times)"


def test_meaningless_names() -> None:
    assert all(
        is_meaningless(name) for name in ["a", "x1", "tmp", "data", "do_it", "f2", "ab3", "arr2", "val"]
    )
    assert not any(
        is_meaningless(name) for name in ["total", "count", "read_values", "average", "id", "word1"]
    )


def test_loop_indices_in_for_headers_are_exempt_but_not_elsewhere() -> None:
    source = "int main(void) { int k = 2; for (int i = 0; i < k; i++) { } return k; }\n"
    evidence = measure(source)["NAME"]
    assert (evidence.values["declared"], evidence.values["meaningless"]) == (1, 1)
    assert evidence.examples == ["line 1: k (a single letter)"]


def test_duplicates_are_found_through_renamed_copies() -> None:
    """The three inlined print blocks of the DRY program: the second and third repeat the first."""
    clean, repeated = measure(programs.CLEAN)["DRY"], measure(programs.DRY)["DRY"]
    assert (clean.score, clean.violated) == (0, False)
    assert repeated.violated and repeated.score >= DryThresholds().duplicated_nodes
    assert (repeated.values["copies"], repeated.values["near_copies"]) == (2, 0)
    assert repeated.examples == ["lines 24-28 repeat lines 19-23", "lines 29-33 repeat lines 19-23"]


def test_a_helper_called_twice_is_not_repetition() -> None:
    """The clean program prints three vectors through one helper; the stats program loops twice over the
    same array doing different work."""
    assert measure(programs.CLEAN)["DRY"].values["copies"] == 0
    assert measure(programs.STATS)["DRY"].values["copies"] == 0


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


def test_srp_counts_the_jobs_functions_mix() -> None:
    """Inlining the printing helper only lengthens main; inlining the adding one makes it compute too."""
    clean, printed, merged = (
        measure(source)["SRP"] for source in (programs.CLEAN, programs.DRY, programs.DRY_SRP)
    )
    assert (clean.values["functions"], printed.values["functions"], merged.values["functions"]) == (3, 2, 1)
    assert (clean.score, printed.score, merged.score) == (0, 0, 1)
    assert merged.summary == "main mixes computation and output (of 1 functions)"
    assert merged.examples == ["main (lines 5-30): computation lines 11-13; output lines 14-26"]
    assert merged.values["computing_loops"] == 1 and merged.values["most_jobs"] == 2


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
    stricter = functools.partial(mc.measure, thresholds=mc.McThresholds(magic_literals=6))
    assert not stricter(tree).violated


def test_evidence_covers_only_the_principles_asked_for() -> None:
    assert list(measure(MAGIC).measures) == ["DRY", "SRP", "MC", "NAME"]
    assert list(measure(MAGIC, ["MC"]).measures) == ["MC"]
    assert detect(programs.DRY_SRP_MC_NAME, ["NAME", "MC"]) == ["NAME", "MC"]
