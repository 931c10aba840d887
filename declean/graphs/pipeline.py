"""The problem graph: fan out one sample subgraph per generation with ``Send``, gather their samples."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import Any

from langchain_core.runnables import RunnableConfig
from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph
from langgraph.runtime import Runtime
from langgraph.types import Command, Send

from declean.graphs.adequacy_node import check_clean
from declean.graphs.context import Context
from declean.graphs.label_nodes import declean, judge_node
from declean.graphs.portal import destinations, dual_node, relay
from declean.graphs.sample_nodes import compile_and_run, fix, generate
from declean.graphs.state import InputState, OutputState, ProblemState, SampleInput, SampleState
from declean.problems import Problem
from declean.tasks import all_or_none
from declean.tracing.events import Route

SAMPLE_NODE = "sample"
SAMPLE_NODES: dict[str, Callable[..., Awaitable[Command[Any]]]] = {
    "generate": generate,
    "compile_and_run": compile_and_run,
    "fix": fix,
    "check": check_clean,
    "declean": declean,
    "judge": judge_node,
}


def build_sample_graph(
    *, checkpoint_steps: bool = True
) -> CompiledStateGraph[SampleState, Context, SampleInput, OutputState]:
    """One sample: generate, compile_and_run (fix), check (which then accepts the clean version), and
    (declean, compile_and_run, judge)* as the label plan says.

    With ``checkpoint_steps`` it uses the problem graph's checkpointer (a resumed sample continues from its
    last step); without, a sample is saved only as a whole, when it ends (an interrupted one starts
    again), which saves a checkpoint write per step.
    """
    builder = StateGraph(
        SampleState, context_schema=Context, input_schema=SampleInput, output_schema=OutputState
    )
    for name, node in SAMPLE_NODES.items():
        builder.add_node(name, dual_node(name, node), destinations=destinations(node))
    builder.add_edge(START, "generate")
    return builder.compile(name="declean-sample", checkpointer=None if checkpoint_steps else False)


@functools.cache
def _shared_sample_graph(
    checkpoint_steps: bool,
) -> CompiledStateGraph[SampleState, Context, SampleInput, OutputState]:
    """:func:`build_sample_graph`, compiled once per process for every problem graph to call: compiling
    it takes ~10 ms (LangGraph reads each node's signature and code), which every run paid before its
    first problem. It holds no state of its own between calls; each call brings its config and context."""
    return build_sample_graph(checkpoint_steps=checkpoint_steps)


def fan_out(state: ProblemState, runtime: Runtime[Context]) -> list[Send]:
    """One ``Send`` per generation (:func:`sample_inputs`).

    It routes the problem graph's entry rather than being a node of its own: a node would cost the
    problem a superstep of LangGraph's bookkeeping that decides nothing a router cannot.
    """
    return [Send(SAMPLE_NODE, each) for each in sample_inputs(state["problem"], runtime.context)]


def sample_inputs(problem: Problem, context: Context) -> list[SampleInput]:
    """The input of each of the problem's sample subgraphs, one per generation (a problem that gives its
    solution needs only one); the fan-out's decision is traced as a ``route`` of ``fan_out``."""
    count = 1 if problem.solution is not None else context.samples_per_problem
    reason = f"{count} sample(s): " + ("solution given" if problem.solution else "samples_per_problem")
    context.trace.emit(Route, node="fan_out", goto=SAMPLE_NODE, reason=reason, problem_id=problem.id)
    return [SampleInput(problem=problem, sample_index=index) for index in range(count)]


async def run_samples(problem: Problem, context: Context, config: RunnableConfig) -> OutputState:
    """What the problem graph without a checkpointer returns for ``problem``, without its invocation: the
    sample subgraphs run directly (in ``config``), their outputs joined in the order the graph joins them;
    if one raises, the others are cancelled, as the graph cancels a superstep's other tasks.

    For a caller that keeps no checkpoints and reads only the final state (``run_problems`` with the model
    cache). The problem graph's own invocation does nothing else, yet it took a quarter of a problem's
    time on the event loop (``bench/concurrency.py``, one problem at a time: 17.4 -> 12.9 ms; 18 % of the
    Python calls), most of it when a problem starts and ends, the moments the problems of a wave wait for
    the loop together. The trace is the same event for event; in LangSmith each sample would be a trace of
    its own, so ``run_problems`` invokes the graph when LangSmith is on.
    """
    graph = _shared_sample_graph(False)
    inputs = sample_inputs(problem, context)
    finals = await all_or_none(graph.ainvoke(each, config, context=context) for each in inputs)
    return OutputState(
        samples=[sample for final in finals for sample in final.get("samples", [])],
        rejections=[rejection for final in finals for rejection in final.get("rejections", [])],
        calls=[call for final in finals for call in final.get("calls", [])],
    )


def build_graph(
    *, checkpoint_sample_steps: bool = True, stream_sample_events: bool = True, **compile_options: Any
) -> CompiledStateGraph[ProblemState, Context, InputState, OutputState]:
    """The compiled declean graph: input ``{"problem": Problem}``, output ``{"samples", "rejections"}``.

    ``compile_options`` go to ``StateGraph.compile`` (a ``checkpointer``, for instance). The checkpointer
    saves every step of every sample unless ``checkpoint_sample_steps`` is false: then a sample is saved
    when it ends, and one interrupted is run again from its start (cheap when its model calls are cached,
    see ``declean.runs.runner``).

    Mount it as a subgraph, or run it with ``graph.invoke``, ``graph.ainvoke``, ``graph.stream`` or
    ``graph.astream`` (``{"problem": p}``, ``context=Context(llm=..., sandbox=...)``);
    ``stream_mode="custom"`` yields a ``sample`` or ``rejection`` event as each version is decided.
    Without ``stream_sample_events`` those events stay in the samples' subgraphs (``subgraphs=True`` shows
    them): for a caller that reads only the final state, such as ``run_problems``, which so spares every
    step of every sample LangGraph's concurrent streaming (~8 % of the pipeline's own CPU).
    """
    builder = StateGraph(
        ProblemState, context_schema=Context, input_schema=InputState, output_schema=OutputState
    )
    sample_graph = _shared_sample_graph(checkpoint_sample_steps)

    async def sample(state: SampleInput, runtime: Runtime[Context], config: RunnableConfig) -> OutputState:
        """One sample's subgraph; its ``custom`` events are passed on at the problem graph's level (with
        ``stream_sample_events``), so ``stream_mode="custom"`` sees them without ``subgraphs=True``."""
        final: dict[str, Any]
        if stream_sample_events:
            final = await relay(sample_graph, state, config, runtime.context, runtime.stream_writer)
        else:
            final = await sample_graph.ainvoke(state, config, context=runtime.context)
        return OutputState(
            samples=final.get("samples", []),
            rejections=final.get("rejections", []),
            calls=final.get("calls", []),
        )

    builder.add_node(SAMPLE_NODE, dual_node(SAMPLE_NODE, sample), input_schema=SampleInput)
    builder.add_conditional_edges(START, fan_out, [SAMPLE_NODE])
    builder.add_edge(SAMPLE_NODE, END)
    return builder.compile(name="declean", **compile_options)
