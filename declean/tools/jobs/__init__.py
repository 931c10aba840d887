"""Jobs: what each part of a C function does, read from its syntax tree alone (the SRP measure's model).

A function body is cut into *units* (:mod:`~declean.tools.jobs.units`): every simple statement
(expression, declaration, ``return``) and every branch or loop header. Each unit plays one role:

* ``input`` reads (``scanf``, ``fgets``, ``getchar``, ``fscanf``, ``getline``, ``read``, ...) or parses
  what was read (``sscanf``, ``strtol``, ``atoi``, ...); so do a prompt printed right before a read and
  the *stored input* of a read loop: writes into the variables input lands in, whole copies of them and
  counters indexing them (:mod:`~declean.tools.jobs.stored_input`);
* ``output`` prints (``printf``, ``puts``, ``putchar``, ``fprintf``, ``fputs``, ...), unless it is a
  ``message``: a print that ends its path (an error or a confirmation before ``return``, ``break`` or
  ``continue``, or at the end of the function), which is no job;
* ``computation`` writes data: assignments, ``++``/``--``, declarations initialised with an expression
  (not a bare name, literal or list), library calls writing their first argument (``strcpy``,
  ``sprintf``, ...) and ``return`` of an expression. Updating state (globals, through pointer
  parameters) is computation too;
* ``delegation`` calls one of the program's functions and at most stores or returns the result: the job
  is the callee's, so ``main`` calling helpers in turn and passing results along does none;
* ``control`` (conditions and loop headers) and ``setup`` (plain declarations, ``return x;``) do none.

A *state machine* (a ``switch`` on a variable its cases assign, with the loop running it) is one job,
however long; a *computing loop* is a loop computing a result, outside any loop that reads or prints
(:mod:`~declean.tools.jobs.control_flow`).

Which pieces of state are *unrelated* is not a separate job here: syntax cannot tell a memo table and
its call counter, or two out-parameters of one computation, from unrelated state, so state updates are
computation. How much of a job makes it substantial, and so when a function mixes jobs, is the SRP
principle's call (:mod:`declean.principles.srp`); :func:`extra_jobs` sums a verdict over a program.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from tree_sitter import Node, Tree

from declean.tools.cparse import Function, functions, text, walk
from declean.tools.jobs.control_flow import computing_loops, mark_messages_and_prompts, merge_state_machines
from declean.tools.jobs.stored_input import absorb_stored_input, root, targets_of
from declean.tools.jobs.units import JOBS, Job, Role, Unit, cut


@dataclass(frozen=True)
class FunctionJobs:
    """One function's units with their roles, and its computing loops."""

    name: str
    lines: tuple[int, int]
    units: tuple[Unit, ...]
    computing_loops: tuple[Node, ...]

    def weights(self) -> Counter[Role]:
        """How many units play each role."""
        return Counter(unit.role for unit in self.units)

    def returns_computed(self) -> bool:
        """It returns what it computed: a ``return`` computes, or reads a variable a computation writes."""
        computed = {
            variable
            for unit in self.units
            if unit.role == "computation"
            for target in targets_of(unit.node)
            if (variable := root(target)[0]) is not None
        }
        returns = [unit for unit in self.units if unit.node.type == "return_statement"]
        return any(
            unit.role == "computation"
            or any(node.type == "identifier" and text(node) in computed for node in walk(unit.node))
            for unit in returns
        )

    def spans_of(self, role: Role) -> list[tuple[int, int]]:
        """First and last lines of the stretches of units playing ``role`` (with the computing loops, for
        computation); a stretch ends where a unit of another job starts, not at units doing no job."""
        spans: list[list[int]] = []
        stretch = False
        for unit in self.units:
            if unit.role == role and stretch:
                spans[-1][1] = max(spans[-1][1], unit.end_line)
            elif unit.role == role:
                spans.append([unit.line, unit.end_line])
            stretch = unit.role == role or (stretch and unit.role not in JOBS)
        if role == "computation":
            spans += [[loop.start_point.row + 1, loop.end_point.row + 1] for loop in self.computing_loops]
        merged: list[tuple[int, int]] = []
        for first, last in sorted(spans):
            if merged and first <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], last))
            else:
                merged.append((first, last))
        return merged


Verdict = Callable[[FunctionJobs], tuple[Job, ...]]
"""The jobs a function does substantially enough to count (two or more: it mixes jobs)."""


def function_jobs(function: Function, helpers: frozenset[str]) -> FunctionJobs:
    """The roles of ``function``'s units; ``helpers`` are the names of the functions the program defines."""
    own = mark_messages_and_prompts(function.node, cut(function.body, helpers))
    units = merge_state_machines(function.body, absorb_stored_input(own))
    return FunctionJobs(
        function.name, function.lines, tuple(units), computing_loops(function.body, units, own)
    )


def program_jobs(tree: Tree) -> list[FunctionJobs]:
    """The jobs of every function a program defines, in source order."""
    defined = functions(tree)
    helpers = frozenset(function.name for function in defined)
    return [function_jobs(function, helpers) for function in defined]


def extra_jobs(functions_jobs: Iterable[FunctionJobs], verdict: Verdict) -> int:
    """The jobs functions do beyond their first: 0 when no function mixes jobs."""
    return sum(max(0, len(verdict(jobs)) - 1) for jobs in functions_jobs)


__all__ = [
    "JOBS",
    "FunctionJobs",
    "Job",
    "Role",
    "Unit",
    "Verdict",
    "extra_jobs",
    "function_jobs",
    "program_jobs",
]
