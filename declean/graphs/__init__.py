"""The LangGraph state machine: state, context, nodes and the compiled graph."""

from declean.graphs.context import Context
from declean.graphs.pipeline import build_graph, build_sample_graph

__all__ = ["Context", "build_graph", "build_sample_graph"]
