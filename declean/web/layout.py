"""The page shell (vendored Pico CSS and htmx, the navigation) and the pieces every page shows: numbered
code with highlighted lines, and the static evidence. Everything is built from FastHTML components, which
escape text: code, explanations and model replies never become markup."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from fasthtml.common import (
    A,
    Div,
    Footer,
    Header,
    Li,
    Link,
    Main,
    Nav,
    Script,
    Span,
    Strong,
    Table,
    Tbody,
    Td,
    Th,
    Thead,
    Title,
    Tr,
    Ul,
)

from declean.principles.base import Measurement

STATIC = "/static"
HEADERS = (
    Link(rel="stylesheet", href=f"{STATIC}/pico.min.css"),
    Script(src=f"{STATIC}/htmx.min.js"),
    Link(rel="stylesheet", href=f"{STATIC}/declean.css"),
)


def page(title: str, *content: Any, signed_in: str | None = None, review: bool = False) -> tuple[Any, ...]:
    """A whole page: title, navigation, content."""
    links = [Li(A("Check", href="/")), Li(A("Dashboard", href="/dashboard"))]
    if review:
        links.insert(1, Li(A("Review", href="/review")))
    who = Li(Span(f"signed in as {signed_in}")) if signed_in else Li(A("Sign in", href="/login"))
    return (
        Title(f"{title} · declean"),
        Header(Nav(Ul(Li(Strong("declean"))), Ul(*links, who)), cls="container"),
        Main(*content, cls="container"),
        Footer(Div("Code is compiled and run only in a sandbox.", cls="container"), cls="container"),
    )


def numbered_code(
    code: str, highlighted: Iterable[int] = (), errors: Mapping[int, list[str]] | None = None
) -> Any:
    """The code with line numbers; ``highlighted`` lines marked, ``errors`` shown under their lines."""
    marked = set(highlighted)
    rows = []
    for number, text in enumerate(code.splitlines() or [""], start=1):
        rows.append(
            Span(
                Span(str(number), cls="number"),
                text,
                cls="line hit" if number in marked else "line",
                id=f"line-{number}",
            )
        )
        for message in (errors or {}).get(number, []):
            rows.append(Span(f"error: {message}", cls="error"))
    return Div(*rows, cls="code")


def evidence_table(evidence: Mapping[str, Measurement]) -> Any:
    """Each measured principle: verdict, summary, first examples."""
    rows = [
        Tr(
            Td(name),
            Td("violated" if measured.violated else "not violated"),
            Td(measured.summary),
            Td("; ".join(measured.examples[:3])),
        )
        for name, measured in evidence.items()
    ]
    return Table(Thead(Tr(Th("measure"), Th("verdict"), Th("summary"), Th("where"))), Tbody(*rows))
