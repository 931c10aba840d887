"""Problem statements the pipeline turns into clean and de-cleaned C programs, and their loader.

A problems file is YAML (``.yaml``/``.yml``: a top-level list of problems, or a mapping whose only key is
``problems:``) or JSON Lines (``.jsonl``: one problem object per line, blank lines allowed).
:func:`load_problems` validates the whole file first and raises one :class:`ProblemFileError` listing
every error, each as ``file:line: problem #N (id 'x'): field 'f': message`` (``#N`` counts from 1), so
nothing runs on a half-valid file. YAML is read with PyYAML's safe loader: no Python objects are built.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_serializer,
)
from pydantic_core import PydanticCustomError

from declean.errors import ProblemFileError

Loc = tuple[int | str, ...]
LineOf = Callable[[Loc], int]
Issue = tuple[int, str]

_ID_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-")
_MAX_REPORTED = 20
_UNPARSED = object()
"""Stands for an item whose syntax error is already reported, so it is not validated too."""
SUFFIXES = (".yaml", ".yml", ".jsonl")


class Problem(BaseModel):
    """One programming exercise: a statement for the generator and the stdin cases its program runs on."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)

    id: str = Field(min_length=1, max_length=100)
    """Unique in its file; only letters, digits, ``_``, ``.``, ``-`` and not starting with ``.`` or
    ``-``, because it becomes part of file names and sample ids."""

    statement: str
    """What the program must do, including the exact output format; must not be blank."""

    stdin: list[str] = Field(default_factory=lambda: [""], min_length=1)
    """The stdin cases every program version is run on; the default is one case with empty stdin."""

    solution: str | None = None
    """A known-clean C program for the statement; when given, generation is skipped."""

    expected: list[str] | None = None
    """The exact stdout a correct program prints for each stdin case, in order (one per case); optional.
    Compared with trailing whitespace at line ends and trailing newlines ignored."""

    @field_validator("id")
    @classmethod
    def _check_id(cls, value: str) -> str:
        if not set(value) <= _ID_CHARS or value[0] in ".-":
            raise PydanticCustomError(
                "problem_id",
                "must use only letters, digits, '_', '.', '-' and not start with '.' or '-'",
            )
        return value

    @field_validator("statement", "solution")
    @classmethod
    def _check_not_blank(cls, value: str | None) -> str | None:
        if value is not None and not value.strip():
            raise PydanticCustomError("blank", "must not be empty or blank")
        return value

    @field_validator("stdin", "expected", mode="before")
    @classmethod
    def _check_is_list(cls, value: object, info: ValidationInfo) -> object:
        if isinstance(value, str):
            what = "stdin cases" if info.field_name == "stdin" else "expected outputs, one per stdin case"
            raise PydanticCustomError(
                "list_not_string",
                'must be a list of {what}, not a single string (write ["..."])',
                {"what": what},
            )
        return value

    @field_validator("expected")
    @classmethod
    def _check_one_per_case(cls, value: list[str] | None, info: ValidationInfo) -> list[str] | None:
        stdin = info.data.get("stdin")
        if value is None or stdin is None or len(value) == len(stdin):
            return value
        cases = f"{len(stdin)} stdin case{'s' if len(stdin) != 1 else ''}"
        if stdin == [""]:
            cases += " (a problem without stdin has one empty case)"
        raise PydanticCustomError(
            "expected_count",
            "has {count} output(s) but the problem has {cases}: give exactly one expected output per "
            "stdin case, in the same order",
            {"count": len(value), "cases": cases},
        )

    @model_serializer(mode="wrap")
    def _omit_absent_expected(self, handler: SerializerFunctionWrapHandler) -> Any:
        """Leave ``expected`` out while unset, so a problem dumps (and fingerprints) as it did before the
        field existed."""
        data = handler(self)
        if self.expected is None and isinstance(data, dict):
            data.pop("expected", None)
        return data


def _field_name(loc: Loc) -> str:
    return "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in loc).lstrip(".")


def _validate_item(raw: object, number: int, line_of: LineOf) -> tuple[Problem | None, list[Issue]]:
    """Validate one raw item; ``line_of(loc)`` gives the best line for a pydantic location."""
    ident = raw.get("id") if isinstance(raw, dict) else None
    label = f"problem #{number}" + (f" (id {ident!r})" if isinstance(ident, str) else "")
    if not isinstance(raw, dict):
        kind = "nothing" if raw is None else type(raw).__name__
        return None, [
            (line_of(()), f"{label}: expected a mapping of fields (id, statement, ...), got {kind}")
        ]
    try:
        return Problem.model_validate(raw), []
    except ValidationError as error:
        issues: list[Issue] = []
        for detail in error.errors(include_url=False):
            loc: Loc = tuple(detail["loc"])
            message = detail["msg"]
            if detail["type"] == "extra_forbidden":
                message += f" (known fields: {', '.join(Problem.model_fields)})"
            elif detail["type"] == "string_type" and isinstance(detail["input"], int | float):
                message += f" (got {detail['input']!r}; quote it)"
            where = f"field {_field_name(loc)!r}: " if loc else ""
            issues.append((line_of(loc), f"{label}: {where}{message}"))
        return None, issues


def _check_items(items: list[tuple[object, LineOf]]) -> tuple[list[Problem], list[Issue]]:
    """Validate every parsed item and check that ids are unique across the file."""
    problems: list[Problem] = []
    issues: list[Issue] = []
    first_seen: dict[str, tuple[int, int]] = {}
    for number, (raw, line_of) in enumerate(items, start=1):
        if raw is _UNPARSED:
            continue
        problem, item_issues = _validate_item(raw, number, line_of)
        issues += item_issues
        problems += [problem] if problem else []
        ident, line = raw.get("id") if isinstance(raw, dict) else None, line_of(("id",))
        if isinstance(ident, str) and ident in first_seen:
            other, other_line = first_seen[ident]
            first = f"problem #{other} at line {other_line}"
            issues.append((line, f"problem #{number}: duplicate id {ident!r}, first used by {first}"))
        elif isinstance(ident, str):
            first_seen[ident] = (number, line)
    return problems, issues


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _yaml_line_of(node: yaml.Node) -> LineOf:
    """The line of the deepest node a pydantic location reaches (a field's key line, a list item's line)."""

    def line_of(loc: Loc) -> int:
        current, line = node, _line(node)
        for part in loc:
            if isinstance(current, yaml.MappingNode):
                pairs = [
                    (k, v) for k, v in current.value if isinstance(k, yaml.ScalarNode) and k.value == part
                ]
                if not pairs:
                    break
                line, current = _line(pairs[-1][0]), pairs[-1][1]
            elif (
                isinstance(current, yaml.SequenceNode) and isinstance(part, int) and part < len(current.value)
            ):
                current = current.value[part]
                line = _line(current)
        return line

    return line_of


def _duplicate_keys(node: yaml.Node, number: int) -> list[Issue]:
    """PyYAML silently keeps the last of repeated keys; a problem file with one is a mistake."""
    seen: dict[str, int] = {}
    issues: list[Issue] = []
    for key, _ in node.value if isinstance(node, yaml.MappingNode) else []:
        if isinstance(key, yaml.ScalarNode) and key.value in seen:
            message = f"field {key.value!r} given twice (also line {seen[key.value]})"
            issues.append((_line(key), f"problem #{number}: {message}"))
        elif isinstance(key, yaml.ScalarNode):
            seen[key.value] = _line(key)
    return issues


def _yaml_error(error: yaml.YAMLError, text: str) -> Issue:
    if isinstance(error, yaml.reader.ReaderError):
        line = text[: error.position].count("\n") + 1
        code = error.character if isinstance(error.character, int) else ord(error.character)
        return line, f"invalid YAML: control character U+{code:04X} is not allowed (a NUL byte?)"
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        text = " ".join(part for part in (error.context, error.problem) if part)
        return (mark.line + 1 if mark else 0), f"invalid YAML: {text}"
    return 0, f"invalid YAML: {error}"


def _items_node(root: yaml.Node | None) -> tuple[yaml.SequenceNode | None, list[Issue]]:
    """The sequence of problem nodes: the root list, or the list under a root ``problems:`` key."""
    node = root
    if isinstance(root, yaml.MappingNode):
        node = None
        for key, value in root.value:
            if not isinstance(key, yaml.ScalarNode) or key.value != "problems":
                line = _line(key)
                return None, [(line, f"unknown top-level key {key.value!r}; expected only 'problems:'")]
            node = value
    if node is None or (isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null")):
        where = node or root
        return None, [(_line(where) if where else 1, "no problems")]
    if not isinstance(node, yaml.SequenceNode):
        return None, [(_line(node), "expected a list of problems")]
    if not node.value:
        return None, [(_line(node), "no problems")]
    return node, []


def _load_yaml(text: str) -> tuple[list[Problem], list[Issue]]:
    try:
        loader = yaml.SafeLoader(text)
    except yaml.YAMLError as error:
        return [], [_yaml_error(error, text)]
    items: list[tuple[object, LineOf]] = []
    issues: list[Issue] = []
    try:
        items_node, issues = _items_node(loader.get_single_node())
        for number, node in enumerate(items_node.value if items_node else [], start=1):
            issues += _duplicate_keys(node, number)
            try:
                raw: object = loader.construct_object(node, deep=True)
            except yaml.YAMLError as error:
                issues.append(_yaml_error(error, text))
                raw = _UNPARSED
            items.append((raw, _yaml_line_of(node)))
    except yaml.YAMLError as error:
        return [], [_yaml_error(error, text)]
    finally:
        loader.dispose()
    problems, item_issues = _check_items(items)
    return problems, issues + item_issues


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"key {key!r} given twice")
        result[key] = value
    return result


def _constant_line(line: int) -> LineOf:
    return lambda _loc: line


def _load_jsonl(text: str) -> tuple[list[Problem], list[Issue]]:
    items: list[tuple[object, LineOf]] = []
    issues: list[Issue] = []
    for lineno, line in enumerate(text.split("\n"), start=1):  # not splitlines(): U+2028 is valid JSON
        if not line.strip():
            continue
        try:
            raw: object = json.loads(line, object_pairs_hook=_unique_keys)
        except json.JSONDecodeError as error:
            issues.append((lineno, f"invalid JSON: {error.msg} (column {error.colno})"))
            raw = _UNPARSED
        except ValueError as error:
            issues.append((lineno, f"invalid JSON: {error}"))
            raw = _UNPARSED
        items.append((raw, _constant_line(lineno)))
    if not items:
        return [], [(1, "no problems")]
    problems, item_issues = _check_items(items)
    return problems, issues + item_issues


def load_problems(path: Path) -> list[Problem]:
    """Load and validate every problem of a ``.yaml``/``.yml``/``.jsonl`` file, or raise one error for all."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ProblemFileError(
            f"{path}: unknown extension {path.suffix!r}; expected one of {', '.join(SUFFIXES)}"
        )
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ProblemFileError(f"{path}: no such file") from None
    except OSError as error:
        raise ProblemFileError(f"{path}: cannot read: {error.strerror or error}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ProblemFileError(f"{path}:{line}: not valid UTF-8") from None
    problems, issues = _load_yaml(text) if suffix in (".yaml", ".yml") else _load_jsonl(text)
    if issues:
        lines = [
            f"{path}:{line}: {message}" if line else f"{path}: {message}" for line, message in sorted(issues)
        ]
        if len(lines) > _MAX_REPORTED:
            lines[_MAX_REPORTED:] = [f"... and {len(lines) - _MAX_REPORTED} more errors"]
        head = [] if len(issues) == 1 else [f"{path}: {len(issues)} errors"]
        raise ProblemFileError("\n".join(head + lines))
    return problems
