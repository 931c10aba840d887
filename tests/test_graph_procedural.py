"""De-clean strategies and static verification inside the graph, with the real transforms and sandbox."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from declean import Context, Problem, build_graph
from declean.principles import apply_transform
from declean.sandbox.local import LocalSandbox
from declean.testing import DECLEAN, GENERATOR, ScriptedChatModel, fenced
from tests import programs


@pytest.fixture
def run_graph(local_sandbox: LocalSandbox, tmp_path: Path) -> Callable[..., dict[str, Any]]:
    def run(problem: Problem, model: ScriptedChatModel, **settings: Any) -> dict[str, Any]:
        settings.setdefault("label_plan", "chain")
        context = Context(llm=model, sandbox=local_sandbox, trace_dir=tmp_path, **settings)
        result: dict[str, Any] = asyncio.run(build_graph().ainvoke({"problem": problem}, context=context))
        return result

    return run


def vectors() -> Problem:
    return Problem(id="vectors", statement=programs.VECTORS_STATEMENT)


def stats() -> Problem:
    return Problem(id="stats", statement=programs.STATS_STATEMENT, stdin=programs.STATS_STDIN)


def test_auto_uses_the_transforms_without_model_calls(scripted, run_graph) -> None:  # type: ignore[no-untyped-def]
    model = scripted([(GENERATOR, fenced(programs.CLEAN))])
    out = run_graph(vectors(), model, principles=["NAME", "MC"])
    clean, named, inlined = out["samples"]
    assert [s.labels for s in out["samples"]] == [[], ["NAME"], ["NAME", "MC"]]
    assert [step.strategy for step in inlined.lineage] == ["llm", "procedural", "procedural"]
    assert inlined.lineage[-1].level == 2
    assert inlined.lineage[-1].locations and inlined.lineage[-1].locations[0].detail.startswith(
        "VECTOR_LENGTH"
    )
    assert named.evidence is not None and named.evidence["NAME"].values["meaningless"] > 0
    assert inlined.evidence is not None and inlined.evidence["MC"].score > clean.evidence["MC"].score
    assert all(s.outputs == [programs.VECTORS_OUTPUT] for s in out["samples"])


def test_procedural_strategy_rejects_what_no_transform_can_do(scripted, run_graph) -> None:  # type: ignore[no-untyped-def]
    """The stats program has no helper called twice: no DRY transform applies, and nothing is guessed."""
    model = scripted([(GENERATOR, fenced(programs.STATS))])
    out = run_graph(stats(), model, principles=["DRY"], strategies={"DRY": "procedural"})
    [rejection] = out["rejections"]
    assert (rejection.principle, rejection.reason) == ("DRY", "not_applicable")
    assert rejection.detail.startswith("no DRY transform applies: ")


def test_auto_falls_back_to_the_model(scripted, run_graph) -> None:  # type: ignore[no-untyped-def]
    duplicated = programs.STATS.replace(
        '    printf("sum: %ld\\nmax: %d\\n", sum_of(values, count), max_of(values, count));',
        "    long total = 0;\n    for (int i = 0; i < count; i++) {\n        total += values[i];\n    }\n"
        '    printf("sum: %ld\\nmax: %d\\n", total, max_of(values, count));',
    )
    model = scripted([(GENERATOR, fenced(programs.STATS)), (DECLEAN["DRY"], fenced(duplicated))])
    out = run_graph(stats(), model, principles=["DRY"], verify_labels=False)
    assert [s.labels for s in out["samples"]] == [[], ["DRY"]]
    assert out["samples"][1].lineage[-1].strategy == "llm"


def test_rewrite_that_violates_nothing_is_not_violated(scripted, run_graph) -> None:  # type: ignore[no-untyped-def]
    commented = programs.CLEAN.replace("int main(void)", "/* entry point */\nint main(void)")
    model = scripted([(GENERATOR, fenced(programs.CLEAN)), (DECLEAN["NAME"], fenced(commented))])
    out = run_graph(vectors(), model, principles=["NAME"], strategies={"NAME": "llm"})
    [rejection] = out["rejections"]
    assert (rejection.principle, rejection.reason) == ("NAME", "not_violated")
    assert "NAME evidence 0 -> 0" in rejection.detail


def renamed_and_inlined() -> str:
    renamed = apply_transform("NAME", programs.CLEAN, 3).code
    assert renamed is not None
    inlined = apply_transform("MC", renamed, 3).code
    assert inlined is not None
    return inlined


def test_collateral_rewrite_is_rejected(scripted, run_graph) -> None:  # type: ignore[no-untyped-def]
    """A NAME rewrite that also inlined the constants violates MC too: rejected by default."""
    model = scripted([(GENERATOR, fenced(programs.CLEAN)), (DECLEAN["NAME"], fenced(renamed_and_inlined()))])
    out = run_graph(vectors(), model, principles=["NAME"], strategies={"NAME": "llm"})
    [rejection] = out["rejections"]
    assert (rejection.principle, rejection.reason) == ("NAME", "collateral")
    assert rejection.detail.startswith("also violates MC")


def test_collateral_rewrite_is_relabelled_by_policy(scripted, run_graph) -> None:  # type: ignore[no-untyped-def]
    model = scripted([(GENERATOR, fenced(programs.CLEAN)), (DECLEAN["NAME"], fenced(renamed_and_inlined()))])
    out = run_graph(
        vectors(), model, principles=["NAME"], strategies={"NAME": "llm"}, on_collateral="relabel"
    )
    assert [s.labels for s in out["samples"]] == [[], ["NAME", "MC"]]
    assert out["samples"][1].lineage[-1].relabelled == ["MC"]
    assert out["samples"][1].id == "vectors/s0/NAME"  # ids name the steps applied; labels say all


def test_a_failed_model_rewrite_is_not_asked_again_in_the_same_sample(scripted, run_graph) -> None:  # type: ignore[no-untyped-def]
    """All subsets of MC, DRY: DRY is planned from the MC rewrite (first: the tree goes depth first) and
    from the clean sample. No DRY transform applies to the stats program; the model's rewrite of the MC
    version violates no more than it did, so for the clean version (the same program) it is not asked
    again."""
    model = scripted([(GENERATOR, fenced(programs.STATS)), (DECLEAN["DRY"], fenced(programs.STATS))])
    out = run_graph(stats(), model, principles=["MC", "DRY"], label_plan="all-subsets")
    assert [s.labels for s in out["samples"]] == [[], ["MC"]]
    first, second = out["rejections"]
    assert (first.sample_id, first.reason) == ("stats/s0/MC+DRY", "not_violated")
    assert (second.sample_id, second.reason) == ("stats/s0/DRY", "not_applicable")
    assert "the model's DRY rewrite already failed on this program" in second.detail
