"""Labels that tell the truth: label plans, complete labels for clean versions (repair, relabel, reject),
and transform bugs recorded as such without asking a model. Real gcc and sandbox, scripted models."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest

from declean import Context, Problem, build_graph
from declean.graphs.plan import after_accepted, first_steps, order_for
from declean.principles import PrincipleSpec, dry, get
from declean.principles.verify import check_attempt, check_step, measure
from declean.problems import load_problems
from declean.runs import run_problems
from declean.runs.balance import label_balance
from declean.samples import Sample, Step
from declean.sandbox.local import LocalSandbox
from declean.testing import FIXER, ScriptedChatModel, fenced
from declean.tools.transforms.base import Level, TransformResult
from tests import programs

REPAIRER = "You clean up C programs"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "problems.yaml"
MAGIC = programs.CLEAN.replace("#define VECTOR_LENGTH 4\n\n", "").replace("VECTOR_LENGTH", "4")
"""The vectors program with its size written as a bare 4 (six times): MC by the measures."""


def clean_sample(code: str = programs.CLEAN) -> Sample:
    return Sample(
        id="p/s0/clean",
        problem_id="p",
        sample_index=0,
        statement="s",
        labels=[],
        code=code,
        parent_id=None,
        stdin=[""],
        outputs=[""],
        lineage=[Step(made_by="given")],
    )


def walk(plan: Any, order: list[str]) -> list[list[str]]:
    """The label sets a plan makes when every step is accepted (applied principles, in order)."""
    made: list[list[str]] = []
    stack = first_steps(plan, order, clean_sample())
    while stack:
        step, *stack = stack
        path = [*[s.principle for s in step.base.lineage if s.principle], step.principle]
        made.append(path)
        sample = step.base.model_copy(
            update={"lineage": [*step.base.lineage, Step(made_by="declean", principle=step.principle)]}
        )
        stack = [*after_accepted(plan, order, sample, step.principle), *stack]
    return made


def test_plans_make_chains_shuffled_chains_or_every_subset() -> None:
    order = ["DRY", "SRP", "MC", "NAME"]
    assert walk("chain", order) == [
        ["DRY"],
        ["DRY", "SRP"],
        ["DRY", "SRP", "MC"],
        ["DRY", "SRP", "MC", "NAME"],
    ]
    subsets = walk("all-subsets", order)
    assert len(subsets) == 15 and len({frozenset(s) for s in subsets}) == 15
    assert all(s == sorted(s, key=order.index) for s in subsets)
    shuffled = order_for("balanced", order, "problem-7", 0)
    assert len(shuffled) == 3 and set(shuffled) < set(order)
    assert shuffled == order_for("balanced", order, "problem-7", 0)  # a resume plans the same
    orders = {tuple(order_for("balanced", order, f"p{n}", 0)) for n in range(40)}
    assert len(orders) > 10
    assert {o[0] for o in orders} == set(order)
    assert {next(iter(set(order) - set(o))) for o in orders} == set(order)  # each left out in turn


def test_balanced_and_all_subsets_plans_keep_labels_apart() -> None:
    order = ["DRY", "SRP", "MC", "NAME"]
    balanced: list[list[str]] = []
    for permutation in itertools.permutations(order):
        balanced += walk("chain", list(permutation)[:3])
    for sets in (balanced, walk("all-subsets", order)):
        balance = label_balance(sets, order)
        assert all(0.35 <= share <= 0.65 for share in balance.shares.values()), balance
        assert balance.worst_phi() <= 0.2, balance
    chained = label_balance(walk("chain", order), order)
    assert chained.shares["DRY"] == 1.0 and chained.phi["DRY/SRP"] is None


@pytest.fixture
def run(local_sandbox: LocalSandbox, tmp_path: Path) -> Any:
    def run(model: ScriptedChatModel, solution: str, **settings: Any) -> dict[str, Any]:
        problem = Problem(id="vectors", statement=programs.VECTORS_STATEMENT, solution=solution)
        context = Context(llm=model, sandbox=local_sandbox, trace_dir=tmp_path, **settings)
        result: dict[str, Any] = build_graph().invoke({"problem": problem}, context=context)
        assert model.check_finished() == []
        return result

    return run


def test_all_subsets_makes_every_label_set_with_procedural_transforms(run: Any) -> None:
    out = run(ScriptedChatModel(), programs.CLEAN, principles=["MC", "NAME"], label_plan="all-subsets")
    ids = [sample.id for sample in out["samples"]]
    assert ids == ["vectors/s0/clean", "vectors/s0/MC", "vectors/s0/MC+NAME", "vectors/s0/NAME"]
    assert [sample.labels for sample in out["samples"]] == [[], ["MC"], ["MC", "NAME"], ["NAME"]]
    assert (
        out["samples"][2].parent_id == "vectors/s0/MC" and out["samples"][3].parent_id == "vectors/s0/clean"
    )


def test_an_unclean_clean_version_is_labelled_with_what_it_violates(run: Any) -> None:
    out = run(ScriptedChatModel(), MAGIC, principles=["NAME"], label_plan="chain")
    clean, named = out["samples"]
    assert clean.id == "vectors/s0/clean" and clean.labels == ["MC"]
    assert clean.lineage[0].pre_existing == ["MC"]
    assert named.id == "vectors/s0/NAME" and named.labels == ["MC", "NAME"]


def test_an_unclean_clean_version_can_be_rejected(run: Any) -> None:
    out = run(ScriptedChatModel(), MAGIC, principles=["NAME"], on_unclean="reject")
    assert out["samples"] == []
    [rejection] = out["rejections"]
    assert (rejection.stage, rejection.reason) == ("clean", "not_clean")
    assert rejection.detail.startswith("violates MC (")


def test_an_unclean_clean_version_is_repaired_by_the_fixer_and_reverified(run: Any) -> None:
    changed_output = programs.CLEAN.replace('printf("%s:", label);', 'printf("%s =", label);')
    model = ScriptedChatModel(
        script=[
            (REPAIRER, fenced(changed_output)),  # named, but prints otherwise: sent back
            (FIXER, fenced(programs.CLEAN)),
        ]
    )
    out = run(model, MAGIC, principles=[], on_unclean="repair")
    [clean] = out["samples"]
    assert clean.labels == [] and clean.code.strip() == programs.CLEAN.strip()
    assert clean.lineage[0].repaired == ["MC"] and clean.fix_attempts == 2
    [request] = model.prompts_with(REPAIRER)
    assert "MC (magic constants)" in request and "magic literals" in request
    [resend] = model.prompts_with(FIXER)
    assert "must print exactly what it printed before" in resend
    assert {"repairer", "fixer"} <= set(clean.prompt_hashes)


def test_a_repair_that_never_removes_the_violation_is_not_clean(run: Any) -> None:
    model = ScriptedChatModel(script=[(REPAIRER, fenced(MAGIC)), (REPAIRER, fenced(MAGIC))])
    out = run(model, MAGIC, principles=[], on_unclean="repair", max_fix_attempts=2)
    [rejection] = out["rejections"]
    assert rejection.reason == "not_clean" and "after 2 repair attempts" in rejection.detail


def broken_transform(edit: Any) -> PrincipleSpec:
    def transform(source: str, level: Level = 2) -> TransformResult:
        return TransformResult(principle="BROKEN", level=level, applied=True, code=edit(source))

    mc = get("MC")
    return PrincipleSpec(
        name="BROKEN", title="broken", definition="d", measure=mc.measure, transform=transform
    )


@pytest.mark.parametrize(
    ("edit", "what"),
    [
        (lambda code: code.replace("int sum[VECTOR_LENGTH];", "int sum[VECTOR_LENGTH]"), "does not compile"),
        (lambda code: code.replace("return 0;\n}", "return *(int *)0;\n}"), "fails to run"),
        (lambda code: code.replace("left[i] + right[i]", "left[i] + right[i] + 11"), "changes the output"),
    ],
)
def test_a_transform_output_that_fails_is_a_transform_error_and_no_model_is_asked(
    run: Any, edit: Any, what: str
) -> None:
    spec = broken_transform(edit)
    out = run(
        ScriptedChatModel(),
        programs.CLEAN,
        principles=[spec],
        strategies={"BROKEN": "procedural"},
        judge_policy="llm",
    )
    [rejection] = out["rejections"]
    assert rejection.reason == "transform_error", rejection.detail
    assert f"transform's output {what}" in rejection.detail
    assert "diff from its base:\n--- a/program.c" in rejection.detail


def test_the_summary_reports_label_shares_and_phi(local_sandbox: LocalSandbox, tmp_path: Path) -> None:
    problems = [
        Problem(id=f"v{n}", statement=programs.VECTORS_STATEMENT, solution=programs.CLEAN) for n in range(3)
    ]
    context = Context(
        llm=ScriptedChatModel(),
        sandbox=local_sandbox,
        principles=["MC", "NAME"],
        label_plan="all-subsets",
        trace_dir=tmp_path / "traces",
    )
    run_problems(problems, context, tmp_path / "out")
    balance = json.loads((tmp_path / "out" / "summary.json").read_text())["label_balance"]
    assert balance["samples"] == 9
    assert balance["shares"] == {
        "MC": pytest.approx(2 / 3, abs=0.001),
        "NAME": pytest.approx(2 / 3, abs=0.001),
    }
    assert balance["phi"]["MC/NAME"] == pytest.approx(-0.5)


def test_a_transform_may_worsen_what_the_version_already_violates(
    local_sandbox: LocalSandbox, tmp_path: Path
) -> None:
    """The examples' vector_add solution already violates NAME (``a``, ``b``); copying its printing
    helper into main also copies loop counters, so NAME's evidence rises. NAME is among the labels, so the
    DRY transform applies (it used to refuse, and the model was asked instead) and the judge accepts."""
    [problem] = [p for p in load_problems(EXAMPLES) if p.id == "vector_add"]
    context = Context(
        llm=ScriptedChatModel(),
        sandbox=local_sandbox,
        trace_dir=tmp_path,
        principles=["DRY"],
        label_plan="chain",
    )
    out: dict[str, Any] = build_graph().invoke({"problem": problem}, context=context)
    clean, repeated = out["samples"]
    assert clean.labels == ["NAME"] and out["rejections"] == []
    assert repeated.labels == ["NAME", "DRY"] and repeated.lineage[-1].strategy == "procedural"
    before, after = measure(clean.code), measure(repeated.code)
    assert after["NAME"].score > before["NAME"].score and after["DRY"].violated
    assert check_step("DRY", clean.code, repeated.code).collateral == ["NAME"]  # unlabelled, it would be


def test_an_attempt_is_refused_for_a_new_violation_only() -> None:
    """The same DRY attempt, with its size written as a bare 4: collateral MC from the clean program, none
    from the program that already has the bare 4s."""
    copied = dry.transform(programs.CLEAN, 2)
    assert copied.applied and copied.code is not None
    with_fours = copied.code.replace("#define VECTOR_LENGTH 4\n\n", "").replace("VECTOR_LENGTH", "4")
    assert measure(programs.CLEAN).violated() == [] and measure(MAGIC).violated() == ["MC"]
    from_clean = check_attempt("DRY", programs.CLEAN, with_fours)
    assert from_clean.verified and from_clean.collateral == ["MC"]
    from_magic = check_attempt("DRY", MAGIC, with_fours)
    assert from_magic.verified and from_magic.collateral == []
