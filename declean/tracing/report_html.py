"""The HTML fragments of ``declean trace report``: escaped, inline-styled, readable without JavaScript.

Every piece of text from the trace goes through :func:`esc`; a fragment that is already HTML is wrapped in
:class:`Html` so table cells pass it through unchanged. Collapsing uses ``<details>``; the little script at
the end only adds a filter box (hidden without it).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from declean.tracing.diffs import VersionDiff
from declean.tracing.lineage import RouteView, StepView

CSS = """
:root{color-scheme:light dark;--ok:#1a7f37;--bad:#cf222e;--okbg:#dafbe1;--badbg:#ffebe9;--mute:#6e7781;
--line:#d0d7de;--hunk:#0969da;--hunkbg:#ddf4ff}
@media (prefers-color-scheme:dark){:root{--okbg:#12361f;--badbg:#4a1c1f;--line:#444c56;--hunkbg:#0c2d4a}}
body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1200px;padding:0 1rem 4rem}
code,pre{font:12.5px/1.4 ui-monospace,monospace}
h1{font-size:1.4rem}h2{border-bottom:1px solid var(--line);padding-bottom:.2rem;margin-top:2rem}
nav a{margin-right:1rem}
table{border-collapse:collapse;margin:.5rem 0 1rem}
th,td{border:1px solid var(--line);padding:.2rem .5rem;text-align:left;vertical-align:top}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
td.detail{white-space:pre-wrap;max-width:45rem;overflow-wrap:anywhere}
.status.ended{color:var(--ok)}.status.crashed,.warnings li,.errors li{color:var(--bad);font-weight:600}
details>summary{cursor:pointer}
.problem{border:1px solid var(--line);border-radius:6px;margin:.6rem 0;padding:.3rem .7rem}
.problem>summary{font-weight:600}
.sample h4{margin:.6rem 0 .2rem}
.chain{color:var(--mute)}
.steps{list-style:none;padding-left:0;margin:0}
.step{border-left:4px solid var(--line);margin:.4rem 0;padding:.3rem .6rem}
.step.accepted{border-color:var(--ok)}.step.rejected{border-color:var(--bad)}
.verdict{font-weight:700;padding:0 .4rem;border-radius:4px}
.accepted .verdict,.badge.accepted{color:var(--ok);background:var(--okbg)}
.rejected .verdict,.badge.rejected{color:var(--bad);background:var(--badbg)}
.badge{padding:0 .3rem;border-radius:4px}
.facts{display:flex;flex-wrap:wrap;gap:.1rem 1.2rem;margin:.2rem 0}.facts div{white-space:nowrap}
.facts dt,.facts dd{display:inline;margin:0}.facts dt{color:var(--mute)}.facts dt::after{content:": "}
.detail{white-space:pre-wrap;overflow-wrap:anywhere}
pre{overflow-x:auto;border:1px solid var(--line);border-radius:4px;padding:.4rem 0;margin:.3rem 0}
pre.code{padding:.4rem .6rem}
.diff span{display:block;padding:0 .6rem}
.diff .add{background:var(--okbg)}.diff .del{background:var(--badbg)}
.diff .hunk{color:var(--hunk);background:var(--hunkbg)}.diff .file{color:var(--mute);font-weight:600}
#tools{position:sticky;top:0;background:Canvas;padding:.4rem 0;border-bottom:1px solid var(--line)}
"""

SCRIPT = """
(function(){
const tools=document.getElementById('tools');tools.hidden=false;
const box=document.getElementById('filter'),only=document.getElementById('only-rejected');
function apply(){const q=box.value.toLowerCase(),r=only.checked;
 for(const p of document.querySelectorAll('#lineage .problem')){let any=false;
  for(const s of p.querySelectorAll('.sample')){
   const show=(!q||s.dataset.search.includes(q))&&(!r||s.querySelector('.step.rejected')!==null);
   s.hidden=!show;any=any||show;}
  p.hidden=!any;}}
box.addEventListener('input',apply);only.addEventListener('change',apply);
for(const [id,open] of [['expand',true],['collapse',false]]){
 document.getElementById(id).addEventListener('click',()=>{
  for(const d of document.querySelectorAll('#lineage details.problem'))d.open=open;});}
})();
"""

CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"
"""No request leaves the page: no fonts, images, scripts or frames from anywhere."""


class Html(str):
    """Markup that is already escaped."""

    __slots__ = ()


def esc(value: object) -> str:
    """Text (or a number) as HTML, quotes included."""
    return html.escape(str(value), quote=True)


def cell(value: object) -> str:
    """A table cell's content: markup as is, numbers right-aligned, anything else escaped."""
    if isinstance(value, Html):
        return f"<td>{value}</td>"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f'<td class="num">{esc(value)}</td>'
    return f"<td>{esc(value)}</td>"


def table(headers: Sequence[str], rows: Iterable[Sequence[object]], attrs: str = "") -> str:
    """A table with a header row; ``attrs`` (trusted) is added to the ``<table>`` tag."""
    head = "".join(f"<th>{esc(name)}</th>" for name in headers)
    body = "".join("<tr>" + "".join(cell(value) for value in row) + "</tr>" for row in rows)
    return f"<table {attrs}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def seconds(value: float) -> str:
    """A duration: seconds with two decimals, plus h/m/s when long."""
    if value < 60:
        return f"{value:.2f} s"
    minutes, rest = divmod(int(value), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{value:.0f} s ({hours}h {minutes:02d}m {rest:02d}s)"


def page(title: str, body: str) -> str:
    """The whole document: inline style, the body, the optional script."""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title><style>{CSS}</style></head>\n<body>\n{body}\n"
        f"<script>{SCRIPT}</script></body></html>\n"
    )


def anchor(verdict: str, sample_id: str) -> str:
    """The stable element id of a step (a rejected and an accepted step may share a sample id)."""
    return "step-" + verdict + "-" + "_".join(sample_id.split())


def diff_html(diff: str) -> str:
    """A unified diff, one coloured ``<span>`` per line: ``file``, ``hunk``, ``add``, ``del`` or ``ctx``."""
    spans = []
    for line in diff.splitlines():
        if line.startswith(("+++", "---")):
            kind = "file"
        elif line.startswith("@@"):
            kind = "hunk"
        else:
            kind = {"+": "add", "-": "del"}.get(line[:1], "ctx")
        spans.append(f'<span class="{kind}">{esc(line)}\n</span>')
    return '<pre class="diff">' + "".join(spans) + "</pre>"


@dataclass(frozen=True)
class StepCode:
    """What a step's code looks like in the report: a diff from its base, or the whole code (no base)."""

    diff: VersionDiff | None = None
    code: str | None = None


def code_html(code: StepCode | None) -> str:
    """The collapsible diff (or whole code) of a step; nothing when the step has no code."""
    if code is not None and code.diff is not None and not code.diff.diff:
        return f'<p class="same">identical to <code>{esc(code.diff.before)}</code></p>'
    if code is not None and code.diff is not None:
        return (
            f'<details class="change"><summary>diff from <code>{esc(code.diff.before)}</code></summary>'
            f"{diff_html(code.diff.diff)}</details>"
        )
    if code is not None and code.code is not None:
        return (
            '<details class="change"><summary>code (no earlier version)</summary>'
            f'<pre class="code">{esc(code.code)}</pre></details>'
        )
    return ""


def routes_html(routes: Sequence[RouteView]) -> str:
    """The collapsible list of route decisions."""
    if not routes:
        return ""
    items = "".join(
        f'<li><code>{esc(route.node)} → {esc(route.goto)}</code> <span class="detail">{esc(route.reason)}'
        f"</span></li>"
        for route in routes
    )
    summary = f"<summary>{len(routes)} route decision(s)</summary>"
    return f'<details class="routes">{summary}<ol>{items}</ol></details>'


def step_html(step: StepView, code: StepCode | None) -> str:
    """One step: verdict, reason, the facts, its routes and its diff."""
    facts = {
        "stage": step.principle or "clean",
        "labels": "+".join(step.labels) or "none",
        "strategy": step.strategy or "-",
        "fix attempts": step.fix_attempts,
        "duration": seconds(step.duration_seconds),
        "model calls": step.model_calls,
        "tokens in/out": f"{step.input_tokens:,} / {step.output_tokens:,}",
        "events": f"seq {step.first_seq} to {step.last_seq}",
    }
    dl = "".join(f"<div><dt>{esc(name)}</dt><dd>{esc(value)}</dd></div>" for name, value in facts.items())
    detail = f'<div class="detail">{esc(step.detail)}</div>' if step.detail else ""
    ident = esc(anchor(step.verdict, step.sample_id))
    return (
        f'<li class="step {step.verdict}" id="{ident}" data-sample-id="{esc(step.sample_id)}">'
        f'<div class="head"><span class="verdict">{step.verdict}</span> <code class="sample-id">'
        f'{esc(step.sample_id)}</code> <span class="reason">{esc(step.reason)}</span></div>'
        f'<dl class="facts">{dl}</dl>{detail}{routes_html(step.routes)}{code_html(code)}</li>'
    )


def chain_html(steps: Sequence[StepView]) -> str:
    """The sample's path in one line: each stage with its verdict."""
    badges = (
        f'<a class="badge {step.verdict}" href="#{esc(anchor(step.verdict, step.sample_id))}">'
        f"{esc(step.principle or 'clean')}"
        f"{' ✓' if step.verdict == 'accepted' else ' ✗ ' + esc(step.reason)}</a>"
        for step in steps
    )
    return '<div class="chain">' + " → ".join(badges) + "</div>"
