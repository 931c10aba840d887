"""declean: verified, labeled code-quality datasets of C programs, made by LLM agents.

Public API::

    import asyncio
    from declean import Context, Problem, build_graph
    graph = build_graph()
    out = asyncio.run(graph.ainvoke({"problem": Problem(id="p", statement="...")},
                                    context=Context(llm=..., sandbox=...)))
    out["samples"], out["rejections"]

The graph and its context are imported on first use, so tools that only read traces or problems files
(``declean trace``, ``declean lint``) start without loading LangGraph.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from declean.problems import Problem, load_problems
from declean.samples import Rejection, Sample

if TYPE_CHECKING:
    from declean.graphs import Context, build_graph

__all__ = ["Context", "Problem", "Rejection", "Sample", "build_graph", "load_problems"]


def __getattr__(name: str) -> Any:
    if name in ("Context", "build_graph"):
        from declean import graphs

        return getattr(graphs, name)
    raise AttributeError(f"module 'declean' has no attribute {name!r}")
