"""A principle registered from outside the package (``tests/custom_principle``: GOTO) runs through the
graph like a built-in one: its prompt, its measure as the step's verifier, its label and evidence."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from declean import Context, Problem, build_graph
from declean.errors import ConfigurationError
from declean.principles import REGISTRY, register
from declean.principles.verify import check_step, detect
from declean.sandbox.local import LocalSandbox
from declean.testing import GENERATOR, ScriptedChatModel, fenced
from tests import programs
from tests.custom_principle import GOTO

ADD_WITH_GOTO = programs.CLEAN.replace(
    """    for (int i = 0; i < length; i++) {
        sum[i] = left[i] + right[i];
    }
}""",
    """    int i = 0;
next:
    if (i < length) {
        sum[i] = left[i] + right[i];
        i++;
        goto next;
    }
}""",
)
PROMPT_MARKER = "control flow by goto (GOTO)"


@pytest.fixture
def registered_goto() -> Iterator[None]:
    register(GOTO)
    yield
    REGISTRY.unregister("GOTO")


def vectors() -> Problem:
    return Problem(id="vectors", statement=programs.VECTORS_STATEMENT)


def run(model: ScriptedChatModel, sandbox: LocalSandbox, tmp_path: Path, principles: list[object]) -> dict:  # type: ignore[type-arg]
    context = Context(
        llm=model, sandbox=sandbox, principles=principles, label_plan="chain", trace_dir=tmp_path
    )  # type: ignore[arg-type]
    return build_graph().invoke({"problem": vectors()}, context=context)


def test_a_spec_passed_in_the_context_is_applied_with_its_prompt_and_verified_by_its_measure(
    local_sandbox: LocalSandbox, tmp_path: Path
) -> None:
    model = ScriptedChatModel(
        script=[(GENERATOR, fenced(programs.CLEAN)), (PROMPT_MARKER, fenced(ADD_WITH_GOTO))]
    )
    out = run(model, local_sandbox, tmp_path, ["MC", GOTO])
    assert model.check_finished() == []
    [clean, mc, goto] = out["samples"]
    assert (clean.labels, mc.labels, goto.labels) == ([], ["MC"], ["MC", "GOTO"])
    assert "goto next;" in goto.code and goto.parent_id == mc.id
    assert goto.evidence is not None and goto.evidence["GOTO"].values == {"gotos": 1}
    assert clean.evidence is not None and not clean.evidence["GOTO"].violated
    assert goto.prompt_hashes["declean_goto"] == GOTO.declean_prompt.short_hash  # type: ignore[union-attr]
    [prompt] = model.prompts_with(PROMPT_MARKER)
    assert GOTO.definition in prompt
    assert out["rejections"] == []


def test_a_rewrite_without_goto_is_not_violated(local_sandbox: LocalSandbox, tmp_path: Path) -> None:
    echo_with_comment = programs.CLEAN.replace("return 0;", "return 0; /* done */")
    model = ScriptedChatModel(
        script=[(GENERATOR, fenced(programs.CLEAN)), (PROMPT_MARKER, fenced(echo_with_comment))]
    )
    out = run(model, local_sandbox, tmp_path, [GOTO])
    [rejection] = out["rejections"]
    assert (rejection.principle, rejection.reason) == ("GOTO", "not_violated")
    assert "GOTO evidence 0 -> 0" in rejection.detail


def test_registered_by_name_it_joins_the_vocabulary(
    registered_goto: None, local_sandbox: LocalSandbox, tmp_path: Path
) -> None:
    assert "GOTO" in REGISTRY.names()
    assert detect(ADD_WITH_GOTO) == ["GOTO"]
    assert check_step("GOTO", programs.CLEAN, ADD_WITH_GOTO).verified
    model = ScriptedChatModel(
        script=[(GENERATOR, fenced(programs.CLEAN)), (PROMPT_MARKER, fenced(ADD_WITH_GOTO))]
    )
    out = run(model, local_sandbox, tmp_path, ["GOTO"])
    assert [sample.labels for sample in out["samples"]] == [[], ["GOTO"]]


def test_unknown_and_unappliable_principles_are_refused_before_anything_runs() -> None:
    model = ScriptedChatModel()
    with pytest.raises(ConfigurationError, match="unknown principle 'GOTO'"):
        Context(llm=model, sandbox=object(), principles=["DRY", "GOTO"], trace_dir=None)  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError, match="cannot be a de-clean step"):
        Context(llm=model, sandbox=object(), principles=["NO_COMPILE"], trace_dir=None)  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError, match="already registered"):
        register(REGISTRY.get("DRY"))
