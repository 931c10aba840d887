"""Pull the C program out of a model reply.

:func:`extract_c_code` applies these rules, in order:

1. Line endings are normalised to ``\\n``; ``<think>...</think>`` sections of reasoning models are dropped
   (unless nothing else is left).
2. Fenced blocks are found line by line: a fence is three or more backticks or tildes, indented or not,
   with an optional info string whose first word is the language tag (``c``, ``C``, ``cpp``, ``h``, none,
   ...). A block ends at a fence of the same character at least as long, with nothing after it; a block
   that is never closed runs to the end of the reply. The fence's indentation is removed from its lines.
3. Candidates are the blocks tagged as C/C++ or untagged that look like C (:func:`looks_like_c`); when
   there are none, blocks with any other tag that look like C (a mis-tagged program). Of the
   candidates, the one that defines ``main(`` wins; if several or none do, the longest one (among those
   defining ``main`` if several do). Blocks are never concatenated. A C-tagged block that does not look
   like C is still taken when nothing else qualifies.
4. Without any fenced block, the whole reply is taken if it looks like C, after dropping prose lines
   before the first line that starts code (``#include``/``#define``, a comment, a type or ``main``), and
   prose lines after the last closing brace at the start of a line.
5. Anything else (an empty reply, prose only, only non-C blocks) raises :class:`ReplyParseError`
   carrying the raw reply.

The result has no leading blank lines, no trailing whitespace, and ends with exactly one newline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from declean.errors import ReplyParseError

C_TAGS = frozenset({"c", "h", "cpp", "c++", "cc", "cxx", "hpp", "gnu-c", "c99", "c11", "c17", "objective-c"})
"""Fence tags (lower-cased) that announce C or C++ code."""

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\n]*)$")
_THINK = re.compile(r"<think>.*?(</think>|\Z)", re.DOTALL | re.IGNORECASE)
_INCLUDE = re.compile(r"^[ \t]*#[ \t]*include\b", re.MULTILINE)
_FUNCTION = re.compile(r"\b[A-Za-z_]\w*[\s*]+\**[A-Za-z_]\w*\s*\([^;{}()]*\)\s*\{")
_MAIN = re.compile(r"\bmain\s*\([^;{}()]*\)\s*\{")
_DIRECTIVE = r"[ \t]*#[ \t]*(include|define|undef|ifn?def|if|elif|else|endif|pragma|error|warning|line)\b"
_CODE_START = re.compile(
    rf"^({_DIRECTIVE}|[ \t]*(/\*|//|(static|extern|const|unsigned|signed|struct|enum|union|typedef|void"
    r"|int|char|short|long|float|double|bool|_Bool|size_t|FILE)\b))"
)
_NOT_PROSE = re.compile(rf"[;{{}}=]|^{_DIRECTIVE}|^[ \t]*(/[/*]|\*)")
_TAG = re.compile(r"[^\w+#-]")


@dataclass(frozen=True)
class _Block:
    tag: str
    body: str


def looks_like_c(text: str) -> bool:
    """True if ``text`` has an ``#include`` line or a function definition with a body brace."""
    return bool(_INCLUDE.search(text) or _FUNCTION.search(text))


def _defines_main(text: str) -> bool:
    return bool(_MAIN.search(text))


def _dedent(line: str, indent: str) -> str:
    return line[len(indent) :] if line.startswith(indent) else line.lstrip(" \t")


def _fenced_blocks(lines: list[str]) -> list[_Block]:
    """Every fenced block; an unclosed one runs to the end of the reply."""
    blocks: list[_Block] = []
    index = 0
    while index < len(lines):
        opening = _FENCE.match(lines[index])
        index += 1
        if not opening or (opening["fence"][0] == "`" and "`" in opening["info"]):
            continue
        fence, indent = opening["fence"], opening["indent"]
        tag = _TAG.split(opening["info"].strip().lstrip("{."), maxsplit=1)[0].lower()
        body: list[str] = []
        while index < len(lines):
            line = lines[index]
            index += 1
            closing = _FENCE.match(line)
            if closing and closing["fence"].startswith(fence) and not closing["info"].strip():
                break
            if not closing and line.rstrip().endswith(fence):  # "}```": a closing fence glued to code
                body.append(_dedent(line.rstrip()[: -len(fence)], indent))
                break
            body.append(_dedent(line, indent))
        else:
            body = _strip_trailing_prose(body)
        blocks.append(_Block(tag, "\n".join(body)))
    return blocks


def _is_prose(line: str) -> bool:
    """A line that is blank or that no C program would hold (no ``;{}=``, directive or comment)."""
    return not _NOT_PROSE.search(line)


def _strip_leading_prose(lines: list[str]) -> list[str]:
    start = next((i for i, line in enumerate(lines) if _CODE_START.match(line)), 0)
    if all(_is_prose(line) for line in lines[:start]):
        return lines[start:]
    return lines


def _strip_trailing_prose(lines: list[str]) -> list[str]:
    last_brace = max((i for i, line in enumerate(lines) if line.startswith("}")), default=None)
    if last_brace is None:
        return lines
    tail = lines[last_brace + 1 :]
    if all(_is_prose(line) for line in tail):
        return lines[: last_brace + 1]
    return lines


def _choose(blocks: list[_Block]) -> _Block | None:
    """The block holding the program, by the rules in the module docstring."""
    nonblank = [block for block in blocks if block.body.strip()]
    candidates = [b for b in nonblank if (b.tag in C_TAGS or not b.tag) and looks_like_c(b.body)]
    candidates = candidates or [b for b in nonblank if looks_like_c(b.body)]
    candidates = candidates or [b for b in nonblank if b.tag in C_TAGS]
    if not candidates:
        return None
    with_main = [block for block in candidates if _defines_main(block.body)]
    return max(with_main or candidates, key=lambda block: len(block.body.strip()))


def _finish(lines: list[str]) -> str:
    while lines and not lines[0].strip():
        lines = lines[1:]
    return "\n".join(lines).rstrip() + "\n"


def extract_c_code(reply: str) -> str:
    """The C program in a model reply, ending with exactly one newline; see the module docstring."""
    text = reply.replace("\r\n", "\n").replace("\r", "\n")
    without_thinking = _THINK.sub("", text.split("</think>")[-1] if "<think>" not in text else text)
    if without_thinking.strip():
        text = without_thinking
    if not text.strip():
        raise ReplyParseError("the reply is empty", raw=reply)
    lines = text.split("\n")
    blocks = _fenced_blocks(lines)
    if blocks:
        chosen = _choose(blocks)
        if chosen is None:
            tags = ", ".join(sorted({block.tag or "untagged" for block in blocks}))
            raise ReplyParseError(f"no C code in the reply's fenced blocks ({tags})", raw=reply)
        return _finish(chosen.body.split("\n"))
    if not looks_like_c(text):
        raise ReplyParseError("no C code in the reply (no fenced block, no #include, no function)", raw=reply)
    return _finish(_strip_trailing_prose(_strip_leading_prose(lines)))
