"""declean: verified, labeled code-quality datasets of C programs, made by LLM agents.

Public API::

    from declean import Context, Problem, build_graph
    graph = build_graph()
    out = graph.invoke({"problem": Problem(id="p", statement="...")}, context=Context(llm=..., sandbox=...))
    out["samples"], out["rejections"]
"""

from declean.graphs import Context, build_graph
from declean.problems import Problem, load_problems
from declean.samples import Rejection, Sample

__all__ = ["Context", "Problem", "Rejection", "Sample", "build_graph", "load_problems"]
