"""Inline a C helper at one call site, by syntax alone, or refuse: the machinery behind SRP and DRY.

A helper qualifies (:func:`analyze`) when it is ``void`` without an early ``return`` or ends in its only
``return <expr>;``, and is not recursive, variadic, address-taken, named in a macro, using ``static``
locals, labels, ``goto``, ``__func__`` or preprocessor lines. A call site is rewritten (:func:`plan_call`):

* by substitution, the returned expression with each parameter replaced by its argument, when the body
  is that one ``return``, every argument is side-effect free and each parameter is used at most once,
  never written, address-taken or under ``sizeof``; this works in any context, loop conditions included;
* else by a block replacing the statement that holds the call (an expression statement, ``return``, the
  condition of an ``if``, or a declaration: ``T x = f(a);`` becomes ``T x; { ...; x = ...; }``):
  parameters become locals initialised with the arguments (array parameters become pointers, ``const``
  kept), then the body, then the statement with the call replaced by the returned expression. An argument
  that is the caller's variable of the parameter's name, never written by the body, is used directly.
  A call in a loop header, behind ``&&``/``||``/``?:``, under ``sizeof``, inside a macro's arguments or
  next to other side effects cannot be hoisted and is refused.

Conversions stay exact: a returned expression or argument whose type is not known to equal the declared
one gets a cast. A helper name that would capture a caller name gets a derived fresh name (``length_2``);
a helper reading a global that the caller shadows, or a name declared after the caller, is refused.
No literal, name or comment is invented, and no comment is lost.
"""

from __future__ import annotations

from declean.tools.transforms.inlining.call_plan import plan_call
from declean.tools.transforms.inlining.helpers import Helper, analyze, call_sites, callee_names, removal_edits
from declean.tools.transforms.inlining.layout import leading_comments
from declean.tools.transforms.inlining.rewriter import Rewriter

__all__ = [
    "Helper",
    "Rewriter",
    "analyze",
    "call_sites",
    "callee_names",
    "leading_comments",
    "plan_call",
    "removal_edits",
]
