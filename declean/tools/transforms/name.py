"""NAME: rename a program's own identifiers to meaningless names, by code, scope-aware.

What is renamed: local variables (``static`` ones too), parameters, helper functions and globals the file
defines. What never is: ``main``; anything the file only declares (library functions, ``extern`` globals);
macros, macro parameters and every free name written inside a macro body (the body is opaque text that
may refer to it); struct/union/enum tags, members, typedef names (and any name tree-sitter read as a type),
enumerators and labels; names the preprocessor tests; names a library identifier the program uses also
has; one-letter names such as the loop indices ``i``, ``j``, ``k`` (renaming them proves nothing). Two
variables of the same name in different scopes are different symbols (see
:mod:`declean.tools.transforms.scopes`); a renamed definition's parameters are renamed in its prototypes.

Every new name is unique in the program: it collides with no keyword, no name the program writes (its
identifiers, types, members, labels, macro words, library names) and no common libc name, so scoping is
unchanged; none is conventional in the symbol's role (``n`` for a count, a swap's ``a``/``b``), so the
NAME measure judges each meaningless. Levels: 1 renames about a quarter of the candidates (at least one,
the longest, most meaningful names first), 2 about half plus every helper function, 3 all. The result is
deterministic.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from tree_sitter import Node, Tree

from declean.tools.cparse import Edit, apply_edits, descendants_of_type, has_errors, parse, text
from declean.tools.name_facts import facts_of
from declean.tools.name_roles import could_be_conventional
from declean.tools.transforms.base import Level, Location, TransformResult, not_applicable
from declean.tools.transforms.line_map import LineMap
from declean.tools.transforms.scopes import Resolution, Symbol, resolve

PRINCIPLE: Final = "NAME"


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


_FUNCTION_NAMES = ("f", "g", "h", "do_it", "stuff", "process", "handle", "func", "work", "run_it", "go")
_VARIABLE_NAMES = (
    *("a", "b", "c", "d", "x1", "x2", "tmp", "data", "val", "temp", "x", "y", "z", "n", "m"),
    *("p", "q", "r", "s", "t", "u", "v", "w", "foo", "bar", "baz", "obj", "thing", "res", "aux"),
)
C_KEYWORDS = _words(
    "auto break case char const continue default do double else enum extern float for goto if inline int "
    "long register restrict return short signed sizeof static struct switch typedef union unsigned void "
    "volatile while _Alignas _Alignof _Atomic _Bool _Complex _Generic _Imaginary _Noreturn _Static_assert "
    "_Thread_local asm typeof bool true false nullptr alignas alignof constexpr static_assert "
    "thread_local"
)
LIBC_NAMES = _words(
    "printf scanf fprintf fscanf sprintf snprintf sscanf puts gets fgets fputs putchar getchar getc putc "
    "fgetc fputc fopen fclose fread fwrite fflush fseek ftell rewind feof ferror perror remove rename "
    "tmpfile stdin stdout stderr EOF NULL FILE BUFSIZ malloc calloc realloc free exit abort "
    "atexit atoi atol atof "
    "strtol strtoul strtod qsort bsearch rand srand abs labs div ldiv system getenv strlen strcpy strncpy "
    "strcat strncat strcmp strncmp strchr strrchr strstr strtok memcpy memmove memset memcmp memchr "
    "strdup isalpha isdigit isalnum isspace isupper islower toupper tolower ispunct isxdigit sqrt pow exp "
    "log log10 log2 sin cos tan asin acos atan atan2 floor ceil round fabs fmod hypot cbrt trunc gamma "
    "lgamma tgamma erf y0 y1 yn j0 j1 jn time clock difftime signal raise errno assert index rindex random "
    "srandom read write open close link unlink sleep pipe dup fork wait kill max min main stat access "
    "select poll socket bind listen accept connect send recv int8_t int16_t int32_t int64_t uint8_t "
    "uint16_t uint32_t uint64_t size_t ssize_t ptrdiff_t wchar_t va_list va_start va_arg va_end"
)


def rename_identifiers(source: str, level: Level = 2) -> TransformResult:
    """Rename the program's own symbols to meaningless names (see the module docstring for the rules)."""
    tree = parse(source)
    if has_errors(tree):
        return not_applicable(PRINCIPLE, level, "tree-sitter reports parse errors")
    resolution = resolve(tree)
    candidates = renamable(resolution, _type_names(tree))
    if not candidates:
        return not_applicable(
            PRINCIPLE,
            level,
            "nothing to rename: no local, parameter, helper function or global of two or more "
            "characters outside macro bodies",
        )
    chosen = sorted(select(candidates, level), key=lambda symbol: symbol.position)
    new_names = dict(zip(chosen, _fresh_names(chosen, resolution), strict=True))
    renames = dict(new_names)
    for symbol, twins in _prototype_twins(resolution).items():
        renames.update({twin: new_names[symbol] for twin in twins if symbol in new_names})
    edits = [
        Edit(node.start_byte, node.end_byte, new)
        for symbol, new in renames.items()
        for node in (*symbol.declarations, *symbol.uses)
    ]
    code = apply_edits(source, edits)
    lines = LineMap(edits, code)
    by_name = {symbol.name: new for symbol, new in new_names.items() if symbol.scope.kind == "file"}
    locations = [
        Location(
            function=by_name.get(symbol.function, symbol.function) if symbol.function else None,
            start_line=lines.lines(symbol.anchor.start_byte, symbol.anchor.end_byte)[0],
            end_line=lines.lines(symbol.anchor.start_byte, symbol.anchor.end_byte)[1],
            detail=f"renamed {symbol.name} -> {new}",
        )
        for symbol, new in new_names.items()
    ]
    return TransformResult(principle=PRINCIPLE, level=level, applied=True, code=code, locations=locations)


def renamable(resolution: Resolution, type_names: set[str]) -> list[Symbol]:
    """The symbols the transform may rename, in source order."""
    pinned = resolution.macro_words | resolution.tested | type_names
    pinned |= {text(node) for node in resolution.unresolved}
    return [symbol for symbol in resolution.symbols if _renamable(symbol, pinned)]


def _type_names(tree: Tree) -> set[str]:
    """Typedef names, and any name tree-sitter took for a type where it could be an expression."""
    tags = ("struct_specifier", "union_specifier", "enum_specifier")
    found = descendants_of_type(tree.root_node, "type_identifier")
    return {text(node) for node in found if node.parent is None or node.parent.type not in tags}


def _renamable(symbol: Symbol, pinned: set[str]) -> bool:
    if symbol.kind == "enumerator" or symbol.scope.kind == "prototype":
        return False
    if len(symbol.name) < 2 or symbol.name == "main" or symbol.name in pinned:
        return False
    return symbol.defined or symbol.scope.kind != "file"


def select(candidates: list[Symbol], level: Level) -> list[Symbol]:
    """The symbols a level renames: the most meaningful (longest) names first."""
    ranked = sorted(candidates, key=lambda symbol: (-len(symbol.name), symbol.position))
    if level == 3:
        return ranked
    if level == 1:
        return ranked[: max(1, (len(ranked) + 2) // 4)]
    half = ranked[: max(1, (len(ranked) + 1) // 2)]
    return half + [symbol for symbol in ranked[len(half) :] if symbol.kind == "function"]


def _fresh_names(chosen: list[Symbol], resolution: Resolution) -> list[str]:
    """One new name per symbol: functions from the function pool, the rest from the variable pool, never
    a name whose role would make it conventional there (``n`` for a count, ``c`` for a character, a
    swap's ``a``/``b``, a loop counter's single letter: see :mod:`declean.tools.name_roles`)."""
    used = set(resolution.names) | C_KEYWORDS | LIBC_NAMES
    names = []
    for symbol in chosen:
        facts = facts_of(symbol, resolution)
        pool = _pool(_FUNCTION_NAMES, "f") if symbol.kind == "function" else _pool(_VARIABLE_NAMES, "x")
        name = next(c for c in pool if c not in used and not could_be_conventional(c, facts))
        used.add(name)
        names.append(name)
    return names


def _pool(names: tuple[str, ...], stem: str) -> Iterator[str]:
    yield from names
    number = 1
    while True:
        yield f"{stem}{number}"
        number += 1


def _prototype_twins(resolution: Resolution) -> dict[Symbol, list[Symbol]]:
    """Each definition's parameter -> the parameters at the same position in the function's prototypes."""
    twins: dict[Symbol, list[Symbol]] = {}
    for function in resolution.symbols:
        if function.kind != "function" or not function.defined:
            continue
        lists = [_parameters(node, resolution) for node in function.declarations]
        definition = next((found for found in lists if _in_definition(found)), None)
        for prototype in lists:
            if definition is None or prototype is definition or len(prototype) != len(definition):
                continue
            for own, twin in zip(definition, prototype, strict=True):
                if own is not None and twin is not None:
                    twins.setdefault(own, []).append(twin)
    return twins


def _parameters(name: Node, resolution: Resolution) -> list[Symbol | None]:
    node: Node | None = name.parent
    while node is not None and node.type != "function_declarator":
        node = node.parent
    parameters = node.child_by_field_name("parameters") if node is not None else None
    return resolution.parameter_lists.get(parameters.start_byte, []) if parameters is not None else []


def _in_definition(parameters: list[Symbol | None]) -> bool:
    return any(symbol is not None and symbol.scope.kind == "block" for symbol in parameters)
