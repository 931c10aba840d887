"""Procedural "does not compile" samples: break a compiling C program so that gcc rejects it with an error.

Each :data:`BreakageKind` is one mistake a student makes. :func:`breakage_sites` lists every place a kind
applies, each as the whole broken program made by one byte-range edit of the original (everything else is
kept byte for byte); :func:`break_code` orders the candidates by a seed. Sites are chosen so that gcc 12
(``-std=gnu17``) should reject the result with an *error*, not a warning: gcc only warns about implicit
function declarations and int/pointer conversions, so no edit relies on those. Nothing here compiles: the
caller compiles the candidates in order and keeps the first one gcc rejects.

Code gcc may never see is left alone: anything under ``#if``/``#ifdef`` and the arguments of the file's
function-like macros (a macro may drop an argument). Names come from the scope resolver, so a shadowed or
shadowing name is never mistaken for another.
"""

from __future__ import annotations

import bisect
import hashlib
import random
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict
from tree_sitter import Node, Tree

from declean.tools.cparse import (
    Edit,
    apply_edits,
    descendants_of_type,
    enclosing_function,
    function_name,
    has_errors,
    parse,
    walk,
)
from declean.tools.cparse import text as node_text
from declean.tools.transforms.scopes import Resolution, Symbol, resolve

BreakageKind = Literal[
    "missing_semicolon",
    "missing_brace",
    "misspelt_identifier",
    "missing_declaration",
    "type_error",
    "wrong_argument_count",
]
"""One way of breaking a program."""

BREAKAGE_KINDS: tuple[BreakageKind, ...] = get_args(BreakageKind)
"""Every kind, in declaration order."""


class Breakage(BaseModel):
    """One broken version of a program."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    kind: BreakageKind
    """How it was broken."""
    line: int
    """1-based line of the edit, in the original source."""
    description: str
    """What was done, as one sentence."""
    code: str
    """The broken program."""


_C_KEYWORD_LIST = """
    auto break case char const continue default do double else enum extern float for goto if inline int
    long register restrict return short signed sizeof static struct switch typedef union unsigned void
    volatile while asm typeof bool true false unix linux errno assert main NULL EOF"""
_C_KEYWORDS = frozenset(_C_KEYWORD_LIST.split())
"""Keywords and names a hosted gnu17 program may see without declaring them (``unix`` and ``linux`` are
predefined macros)."""

_LIBRARY_NAME_LIST = """
    a64l abort abs acos acosh alloca arc4random asctime asin asinh atan atan2 atanh atexit atof atoi
    atol bcmp bcopy bsearch bzero calloc cbrt ceil clearenv clearerr clock copysign cos cosh ctermid
    ctime daylight difftime div dprintf drand48 drem dysize ecvt erand48 erf erfc exit exp exp2 expm1
    fabs fclose fcvt fdim fdopen feof ferror fflush ffs fgetc fgetpos fgets fileno finite flockfile
    floor fma fmax fmemopen fmin fmod fopen fprintf fputc fputs fread free freopen frexp fscanf fseek
    fseeko fsetpos ftell ftello ftrylockfile funlockfile fwrite gamma gcvt getc getchar getdelim getenv
    getline getloadavg getsubopt getw gmtime hypot ilogb index initstate isalnum isalpha isascii isblank
    iscntrl isdigit isgraph isinf islower isnan isprint ispunct isspace isupper isxdigit j0 j1 jn
    jrand48 l64a labs lcong48 ldexp ldiv lgamma llabs lldiv llrint llround localtime log log10 log1p
    log2 logb lrand48 lrint lround malloc mblen mbstowcs mbtowc memccpy memchr memcmp memcpy memmove
    memset mkdtemp mkstemp mkstemps mktemp mktime modf mrand48 nan nanosleep nearbyint nextafter
    nexttoward nrand48 pclose perror popen pow printf pselect putc putchar putenv puts putw qecvt qfcvt
    qgcvt qsort rand random realloc reallocarray realpath remainder remove remquo rename renameat rewind
    rindex rint round rpmatch scalb scalbln scalbn scanf seed48 select setbuf setbuffer setenv
    setlinebuf setstate setvbuf signgam significand sin sinh snprintf sprintf sqrt srand srand48 srandom
    sscanf stderr stdin stdout stpcpy stpncpy strcasecmp strcat strchr strcmp strcoll strcpy strcspn
    strdup strerror strftime strlen strncasecmp strncat strncmp strncpy strndup strnlen strpbrk strrchr
    strsep strsignal strspn strstr strtod strtof strtok strtol strtold strtoq strtoul strtouq strxfrm
    system tan tanh tempnam tgamma time timegm timelocal timezone tmpfile tmpnam toascii tolower toupper
    trunc tzname tzset ungetc unsetenv valloc vdprintf vfprintf vfscanf vprintf vscanf vsnprintf
    vsprintf vsscanf wcstombs wctomb y0 y1 yn"""
_LIBRARY_NAMES = frozenset(_LIBRARY_NAME_LIST.split())
"""Functions and objects glibc's ``stdio``, ``stdlib``, ``string``, ``ctype``, ``math``, ``time`` and
``errno`` headers declare under gnu17 (no underscores; the ``f``/``l`` math variants are implied): a
variable that falls back to one of these, or a misspelling that hits one, may only draw a warning."""

_CONDITIONALS = frozenset({"preproc_if", "preproc_ifdef", "preproc_elif", "preproc_elifdef", "preproc_else"})
_SCALAR_TYPES = frozenset({"primitive_type", "sized_type_specifier"})
_CONTINUING_TOKEN_LIST = (
    "- + * / % & | ^ < > = ? : . -> , ; ( [ << >> && || == != <= >= += -= *= /= %= &= |= ^= <<= >>="
)
_CONTINUING_TOKENS = frozenset(_CONTINUING_TOKEN_LIST.split())
"""Tokens that could continue an expression once the ``;`` before them is gone."""
_BLOCK_OWNERS = {
    "if_statement": "`if` block",
    "else_clause": "`else` block",
    "for_statement": "`for` loop body",
    "while_statement": "`while` loop body",
    "do_statement": "`do` loop body",
    "switch_statement": "`switch` body",
    "case_statement": "block under a `case` label",
}
_IDENTIFIER = re.compile(r"[A-Za-z_]\w*")
_SNIPPET_LENGTH = 40


def breakage_sites(source: str, kind: BreakageKind) -> list[Breakage]:
    """Every way of applying ``kind`` to ``source``, in source order (empty when none applies or the
    source does not parse cleanly)."""
    program = _Program.of(source)
    return program.sites(kind) if program is not None else []


def break_code(source: str, seed: str, kinds: Sequence[BreakageKind] = BREAKAGE_KINDS) -> list[Breakage]:
    """Candidate breakages in a deterministic order chosen by ``seed``: the kinds shuffled by the seed, and
    within each kind its sites shuffled by the seed (the same order in every process). The caller compiles
    them in order and keeps the first one gcc rejects with an error."""
    unknown = [kind for kind in kinds if kind not in BREAKAGE_KINDS]
    if unknown:
        raise ValueError(f"unknown breakage kinds {unknown}; known: {list(BREAKAGE_KINDS)}")
    program = _Program.of(source)
    if program is None:
        return []
    order = list(dict.fromkeys(kinds))
    _random(seed, "kinds").shuffle(order)
    candidates: list[Breakage] = []
    for kind in order:
        sites = program.sites(kind)
        _random(seed, kind).shuffle(sites)
        candidates += sites
    return candidates


def _random(seed: str, purpose: str) -> random.Random:
    """A generator seeded by ``seed`` and ``purpose`` through SHA-256: the same in every process."""
    return random.Random(hashlib.sha256(f"{seed}/{purpose}".encode()).digest())


@dataclass(frozen=True)
class _Site:
    """One edit with what to say about it; ``variant`` orders two sites that edit the same bytes."""

    edit: Edit
    line: int
    description: str
    variant: int = 0


@dataclass
class _Program:
    """A cleanly parsed program and what every kind needs to know about it."""

    source: str
    data: bytes
    tree: Tree

    @classmethod
    def of(cls, source: str) -> _Program | None:
        """The program, or ``None`` when tree-sitter cannot parse all of it."""
        tree = parse(source)
        return None if has_errors(tree) else cls(source=source, data=source.encode(), tree=tree)

    def sites(self, kind: BreakageKind) -> list[Breakage]:
        """Every breakage of one kind, in source order."""
        finders = {
            "missing_semicolon": self._missing_semicolons,
            "missing_brace": self._missing_braces,
            "misspelt_identifier": self._misspellings,
            "missing_declaration": self._missing_declarations,
            "type_error": self._type_errors,
            "wrong_argument_count": self._wrong_argument_counts,
        }
        found = sorted(finders[kind](), key=lambda site: (site.edit.start, site.variant))
        return [
            Breakage(
                kind=kind,
                line=site.line,
                description=site.description,
                code=apply_edits(self.source, [site.edit]),
            )
            for site in found
        ]

    @cached_property
    def resolution(self) -> Resolution:
        """Every symbol with its declarations and uses."""
        return resolve(self.tree)

    @cached_property
    def macros(self) -> frozenset[str]:
        """Names the file ``#define``s."""
        return _defined_names(self.tree, "preproc_def", "preproc_function_def")

    @cached_property
    def function_macros(self) -> frozenset[str]:
        """Names of the file's function-like macros."""
        return _defined_names(self.tree, "preproc_function_def")

    @cached_property
    def words(self) -> frozenset[str]:
        """Every identifier-like word of the file, comments and strings included."""
        return frozenset(_IDENTIFIER.findall(self.source))

    @cached_property
    def tokens(self) -> list[Node]:
        """Every token but comments, in source order."""
        return [
            node for node in walk(self.tree.root_node) if node.child_count == 0 and node.type != "comment"
        ]

    @cached_property
    def token_starts(self) -> list[int]:
        """Start byte of each of :attr:`tokens`."""
        return [token.start_byte for token in self.tokens]

    def next_token(self, offset: int) -> Node | None:
        """The first token starting at or after byte ``offset``."""
        index = bisect.bisect_left(self.token_starts, offset)
        return self.tokens[index] if index < len(self.tokens) else None

    def active(self, node: Node) -> bool:
        """True for code inside a function that gcc surely compiles as written: not under a preprocessor
        conditional, not in an argument of one of the file's function-like macros."""
        if enclosing_function(node) is None:
            return False
        parent = node.parent
        while parent is not None:
            if parent.type in _CONDITIONALS or self._macro_arguments(parent):
                return False
            parent = parent.parent
        return True

    def _macro_arguments(self, node: Node) -> bool:
        """True when ``node`` is the argument list of a call of one of the file's function-like macros."""
        call = node.parent
        if node.type != "argument_list" or call is None or call.type != "call_expression":
            return False
        callee = call.child_by_field_name("function")
        return callee is not None and node_text(callee) in self.function_macros

    def taken(self, name: str) -> bool:
        """True when ``name`` is a keyword, a macro of the file or a name the standard headers declare."""
        library = name in _LIBRARY_NAMES or (name[-1] in "fl" and name[:-1] in _LIBRARY_NAMES)
        return library or name in _C_KEYWORDS or name in self.macros

    def line_of(self, offset: int) -> int:
        """1-based line holding byte ``offset``."""
        return self.data.count(b"\n", 0, offset) + 1

    def local_symbols(self) -> Iterator[Symbol]:
        """Variables and parameters declared inside functions."""
        for symbol in self.resolution.symbols:
            if symbol.kind in ("variable", "parameter") and symbol.function is not None:
                yield symbol

    def _missing_semicolons(self) -> Iterator[_Site]:
        """The ``;`` of each statement and declaration in a function body, outside ``for`` headers."""
        statements = ("expression_statement", "return_statement", "declaration")
        for node in descendants_of_type(self.tree.root_node, *statements):
            semicolon = node.children[-1] if node.children else None
            if semicolon is None or semicolon.type != ";" or semicolon.is_missing:
                continue
            if not self.active(node) or node.parent is None or node.parent.type == "for_statement":
                continue
            if not self._statement_needs_semicolon(node, semicolon):
                continue
            before = self.data[node.start_byte : semicolon.start_byte].decode()
            line = semicolon.start_point.row + 1
            yield _Site(
                Edit(semicolon.start_byte, semicolon.end_byte, ""),
                line,
                f"removed the ';' after `{_snippet(before)}` on line {line}",
            )

    def _statement_needs_semicolon(self, node: Node, semicolon: Node) -> bool:
        """True when dropping the statement's ``;`` leaves two tokens no C expression can join."""
        if node.type == "expression_statement":
            expression = node.named_children[0] if node.named_children else None
            if expression is None or self._macro_statement(expression):
                return False
        if node.type == "declaration" and not node.children_by_field_name("declarator"):
            return False
        following = self.next_token(semicolon.end_byte)
        if following is None:
            return True
        following_text = node_text(following)
        if node.type == "return_statement" and not node.named_children:
            return following_text == "}"
        return following_text not in _CONTINUING_TOKENS and not following_text.startswith("#")

    def _macro_statement(self, expression: Node) -> bool:
        """True when a statement's expression is one of the file's macros or a call of one: its expansion
        may bring its own ``;`` or braces."""
        if expression.type == "identifier":
            return node_text(expression) in self.macros
        callee = expression.child_by_field_name("function") if expression.type == "call_expression" else None
        return callee is not None and node_text(callee) in self.function_macros

    def _missing_braces(self) -> Iterator[_Site]:
        """The closing ``}`` of each block in a function, the body included: the braces no longer pair."""
        for block in descendants_of_type(self.tree.root_node, "compound_statement"):
            close = block.children[-1] if block.children else None
            if close is None or close.type != "}" or close.is_missing or not self.active(block):
                continue
            line, opened = close.start_point.row + 1, block.start_point.row + 1
            yield _Site(
                self._removal(close.start_byte, close.end_byte),
                line,
                f"removed the '}}' on line {line} that closes the {self._block_owner(block)} opened on "
                f"line {opened}",
            )

    def _block_owner(self, block: Node) -> str:
        """What a block is the body of, for a description."""
        parent = block.parent
        if parent is None:
            return "block"
        if parent.type == "function_definition":
            name = function_name(parent)
            return f"body of `{name}`" if name else "function body"
        return _BLOCK_OWNERS.get(parent.type, "block")

    def _misspellings(self) -> Iterator[_Site]:
        """Each use of a local variable or parameter, not as a callee, misspelt to a name nothing has."""
        for symbol in self.local_symbols():
            for use in symbol.uses:
                if not self.active(use) or _callee(use):
                    continue
                wrong = self.misspelling(symbol.name, use.start_byte)
                if wrong is None:
                    continue
                line = use.start_point.row + 1
                yield _Site(
                    Edit(use.start_byte, use.end_byte, wrong),
                    line,
                    f"misspelt `{symbol.name}` as `{wrong}` on line {line}",
                )

    def misspelling(self, name: str, position: int) -> str | None:
        """One misspelling of ``name`` that names nothing (picked by ``position``), or ``None``."""
        candidates = [
            wrong for wrong in _misspellings(name) if not self.taken(wrong) and wrong not in self.words
        ]
        return candidates[position % len(candidates)] if candidates else None

    def _missing_declarations(self) -> Iterator[_Site]:
        """Each one-line declaration of block variables of which one is used later and would then resolve
        to nothing."""
        by_declaration: dict[int, tuple[Node, list[Symbol]]] = {}
        for symbol in self.local_symbols():
            anchor = symbol.anchor
            if symbol.kind == "variable" and anchor.type == "declaration":
                by_declaration.setdefault(anchor.start_byte, (anchor, []))[1].append(symbol)
        for declaration, symbols in by_declaration.values():
            parent = declaration.parent
            if parent is None or parent.type != "compound_statement" or not self.active(declaration):
                continue
            if declaration.start_point.row != declaration.end_point.row:
                continue
            orphans = [symbol.name for symbol in symbols if self._orphaned(symbol, declaration)]
            if not orphans:
                continue
            line = declaration.start_point.row + 1
            names = " and ".join(f"`{name}`" for name in orphans)
            verb = "is" if len(orphans) == 1 else "are"
            yield _Site(
                self._removal(declaration.start_byte, declaration.end_byte),
                line,
                f"deleted the declaration `{_snippet(node_text(declaration))}` on line {line}, so {names} "
                f"{verb} undeclared where used",
            )

    def _orphaned(self, symbol: Symbol, declaration: Node) -> bool:
        """True when deleting ``declaration`` leaves a later use of ``symbol`` bound to nothing at all."""
        if len(symbol.declarations) != 1 or self.taken(symbol.name):
            return False
        outer = symbol.scope.parent
        if outer is not None and outer.lookup(symbol.name) is not None:
            return False
        return any(use.start_byte >= declaration.end_byte and self.active(use) for use in symbol.uses)

    def _type_errors(self) -> Iterator[_Site]:
        """Each use of a scalar local or parameter, made a member access and, separately, a call."""
        for symbol in self.local_symbols():
            type_name = _scalar_type(symbol)
            if type_name is None:
                continue
            for use in symbol.uses:
                if not self.active(use) or _callee(use):
                    continue
                line = use.start_point.row + 1
                name = symbol.name
                yield _Site(
                    Edit(use.start_byte, use.end_byte, f"{name}.value"),
                    line,
                    f"used the {type_name} `{name}` as a struct (`{name}.value`) on line {line}",
                )
                yield _Site(
                    Edit(use.start_byte, use.end_byte, f"{name}()"),
                    line,
                    f"called the {type_name} `{name}` as a function (`{name}()`) on line {line}",
                    variant=1,
                )

    def _wrong_argument_counts(self) -> Iterator[_Site]:
        """Each call of a function the file defines with a fixed prototype (never ``()`` or ``...``)."""
        for symbol in self.resolution.symbols:
            if symbol.kind != "function" or not symbol.defined or symbol.name in self.macros:
                continue
            if not all(_prototyped(declaration) for declaration in symbol.declarations):
                continue
            for use in symbol.uses:
                call = use.parent
                arguments = call.child_by_field_name("arguments") if call is not None else None
                if call is None or arguments is None or not _callee(use) or not self.active(call):
                    continue
                site = self._argument_edit(symbol.name, arguments)
                if site is not None:
                    yield site

    def _argument_edit(self, name: str, arguments: Node) -> _Site | None:
        """Drop a call's last argument (when that stays on one line), or give an empty call a ``0``."""
        values = [child for child in arguments.named_children if child.type != "comment"]
        if not values:
            close = arguments.children[-1]
            line = close.start_point.row + 1
            return _Site(
                Edit(close.start_byte, close.start_byte, "0"),
                line,
                f"added an extra argument `0` to the call `{name}()` on line {line}",
            )
        last = values[-1]
        start = values[-2].end_byte if len(values) > 1 else arguments.children[0].end_byte
        if self.line_of(start) != last.end_point.row + 1:
            return None
        line = last.end_point.row + 1
        return _Site(
            Edit(start, last.end_byte, ""),
            line,
            f"dropped the last argument `{_snippet(node_text(last))}` of the call to `{name}` on line {line}",
        )

    def _removal(self, start: int, end: int) -> Edit:
        """Delete ``start:end``: its whole line when nothing else is on it, else with the blanks that would
        be left dangling (after it when code follows on its line, else before it)."""
        data = self.data
        line_start = data.rfind(b"\n", 0, start) + 1
        line_end = data.find(b"\n", end)
        line_end = len(data) if line_end < 0 else line_end
        before, after = data[line_start:start], data[end:line_end]
        if not before.strip() and not after.strip():
            return Edit(line_start, min(line_end + 1, len(data)), "")
        if after.strip():
            return Edit(start, end + len(after) - len(after.lstrip(b" \t")), "")
        return Edit(start - (len(before) - len(before.rstrip(b" \t"))), end, "")


def _defined_names(tree: Tree, *definitions: str) -> frozenset[str]:
    """Names of the macros of the given definition node types."""
    names = (node.child_by_field_name("name") for node in descendants_of_type(tree.root_node, *definitions))
    return frozenset(node_text(name) for name in names if name is not None)


def _callee(use: Node) -> bool:
    """True when ``use`` is the function a call calls."""
    parent = use.parent
    return (
        parent is not None
        and parent.type == "call_expression"
        and parent.child_by_field_name("function") == use
    )


def _prototyped(declaration: Node) -> bool:
    """True when the function declarator naming ``declaration`` has a fixed parameter list: not ``()``,
    not K&R, not variadic."""
    declarator = declaration.parent
    if declarator is None or declarator.type != "function_declarator":
        return False
    parameters = declarator.child_by_field_name("parameters")
    if parameters is None:
        return False
    entries = [child for child in parameters.named_children if child.type != "comment"]
    return bool(entries) and all(entry.type == "parameter_declaration" for entry in entries)


def _scalar_type(symbol: Symbol) -> str | None:
    """The type of a variable or parameter declared with a scalar type and a bare name, else ``None``."""
    declared = symbol.declarations[0] if len(symbol.declarations) == 1 else None
    holder = declared.parent if declared is not None else None
    if holder is not None and holder.type == "init_declarator":
        holder = holder.parent
    if (
        holder is None
        or holder != symbol.anchor
        or holder.type not in ("declaration", "parameter_declaration")
    ):
        return None
    type_node = holder.child_by_field_name("type")
    if type_node is None or type_node.type not in _SCALAR_TYPES or node_text(type_node) == "void":
        return None
    return " ".join(node_text(type_node).split())


def _misspellings(name: str) -> list[str]:
    """Typos of ``name``: two adjacent letters swapped, one letter dropped, one letter doubled."""
    swaps = [name[:i] + name[i + 1] + name[i] + name[i + 2 :] for i in range(len(name) - 1)]
    drops = [name[:i] + name[i + 1 :] for i in range(len(name))] if len(name) >= 3 else []
    doubles = [name[: i + 1] + name[i:] for i in range(len(name)) if name[i].isalpha()]
    found = dict.fromkeys(wrong for wrong in (*swaps, *drops, *doubles) if _plain_identifier(wrong))
    found.pop(name, None)
    return list(found)


def _plain_identifier(name: str) -> bool:
    """A valid identifier outside the reserved ``__x`` and ``_X`` forms."""
    return bool(_IDENTIFIER.fullmatch(name)) and not name.startswith("__") and not re.match(r"_[A-Z]", name)


def _snippet(code: str) -> str:
    """Code on one line, shortened for a sentence."""
    flat = " ".join(code.split())
    return flat if len(flat) <= _SNIPPET_LENGTH else flat[: _SNIPPET_LENGTH - 3].rstrip() + "..."
