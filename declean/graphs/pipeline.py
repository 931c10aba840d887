"""The problem graph: fan out one sample subgraph per generation with ``Send``, gather their samples."""

from __future__ import annotations

from typing import Any, Literal

from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph
from langgraph.runtime import Runtime
from langgraph.types import Command, Send

from declean.graphs.context import Context
from declean.graphs.sample_nodes import (
    accept_clean,
    compile_node,
    declean,
    fix,
    generate,
    judge_node,
    run_node,
)
from declean.graphs.state import InputState, OutputState, ProblemState, SampleInput, SampleState
from declean.tracing.events import Route

SAMPLE_NODE = "sample"


def build_sample_graph() -> CompiledStateGraph[SampleState, Context, SampleInput, OutputState]:
    """One sample: generate, compile (fix) and run, accept_clean, then (declean, compile, run, judge)*."""
    builder = StateGraph(
        SampleState, context_schema=Context, input_schema=SampleInput, output_schema=OutputState
    )
    builder.add_node("generate", generate)
    builder.add_node("compile", compile_node)
    builder.add_node("fix", fix)
    builder.add_node("run", run_node)
    builder.add_node("accept_clean", accept_clean)
    builder.add_node("declean", declean)
    builder.add_node("judge", judge_node)
    builder.add_edge(START, "generate")
    return builder.compile(name="declean-sample")


async def fan_out(state: ProblemState, runtime: Runtime[Context]) -> Command[Literal["sample"]]:
    """One ``Send`` per generation; a problem that gives its solution needs only one."""
    problem = state["problem"]
    count = 1 if problem.solution is not None else runtime.context.samples_per_problem
    reason = f"{count} sample(s): " + ("solution given" if problem.solution else "samples_per_problem")
    runtime.context.trace.emit(Route, node="fan_out", goto=SAMPLE_NODE, reason=reason, problem_id=problem.id)
    sends = [Send(SAMPLE_NODE, SampleInput(problem=problem, sample_index=index)) for index in range(count)]
    return Command(goto=sends)


def build_graph(**compile_options: Any) -> CompiledStateGraph[ProblemState, Context, InputState, OutputState]:
    """The compiled declean graph: input ``{"problem": Problem}``, output ``{"samples", "rejections"}``.

    ``compile_options`` go to ``StateGraph.compile`` (a ``checkpointer``, for instance). Mount it as a
    subgraph or invoke it with ``graph.invoke({"problem": p}, context=Context(llm=..., sandbox=...))``.
    """
    builder = StateGraph(
        ProblemState, context_schema=Context, input_schema=InputState, output_schema=OutputState
    )
    builder.add_node("fan_out", fan_out)
    builder.add_node(SAMPLE_NODE, build_sample_graph())
    builder.add_edge(START, "fan_out")
    builder.add_edge(SAMPLE_NODE, END)
    return builder.compile(name="declean", **compile_options)
