"""The problems loader: valid YAML/JSONL files, every kind of bad file, and the shipped examples."""

from __future__ import annotations

import json
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest
from pydantic import ValidationError

from declean.errors import DecleanError, ProblemFileError
from declean.problems import Problem, load_problems

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "problems.yaml"

GOOD_YAML = """\
# two problems
problems:
  - id: vector_add
    statement: |
      Add two vectors and then display the results.
  - id: sum_vec.v2
    statement: Sum a vector read from stdin.
    stdin:
      - |
        3
        1 2 3
      - "0\\n"
    solution: |
      #include <stdio.h>
      int main(void) { return 0; }
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def load_error(path: Path) -> str:
    with pytest.raises(ProblemFileError) as caught:
        load_problems(path)
    return str(caught.value)


# --- the model ------------------------------------------------------------------------------------------


def test_problem_defaults_and_frozen() -> None:
    problem = Problem(id="p1", statement="Print hello.")
    assert problem.stdin == [""]
    assert problem.solution is None
    with pytest.raises(ValidationError):
        problem.id = "other"  # type: ignore[misc]


@pytest.mark.parametrize("ident", ["", "has space", "a/b", "../etc", ".hidden", "-rf", "é", "x" * 101])
def test_problem_rejects_unsafe_ids(ident: str) -> None:
    with pytest.raises(ValidationError):
        Problem(id=ident, statement="s")


@pytest.mark.parametrize("ident", ["a", "sum_vec", "sum-vec.v2", "A_1", "_x", "0"])
def test_problem_accepts_file_safe_ids(ident: str) -> None:
    assert Problem(id=ident, statement="s").id == ident


@pytest.mark.parametrize(
    "fields",
    [
        {"statement": "   \n"},
        {"stdin": []},
        {"stdin": "5 3"},
        {"solution": "  "},
        {"unknown": 1},
    ],
)
def test_problem_rejects_bad_fields(fields: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        Problem.model_validate({"id": "p", "statement": "s", **fields})


def test_problem_fields_have_descriptions() -> None:
    for name, field in Problem.model_fields.items():
        assert field.description, name


def test_expected_outputs_one_per_stdin_case() -> None:
    problem = Problem(id="p", statement="s", stdin=["1\n", "2\n"], expected=["one\n", "two\n"])
    assert problem.expected == ["one\n", "two\n"]
    assert Problem(id="p", statement="s", expected=[""]).expected == [""]
    assert Problem(id="p", statement="s").expected is None


def test_absent_expected_is_left_out_of_dumps() -> None:
    """A problem without expected outputs dumps (and so fingerprints a run) as it did before the field."""
    assert "expected" not in Problem(id="p", statement="s").model_dump(mode="json")
    assert Problem(id="p", statement="s", expected=["x"]).model_dump()["expected"] == ["x"]


def test_yaml_expected_count_mismatch_names_the_expected_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "p.yaml",
        """\
        problems:
          - id: primes
            statement: Print primes.
            stdin:
              - "1\\n"
              - "30\\n"
            expected:
              - |
                No primes up to 1.
          - id: hello
            statement: Print hello.
            expected: ["hello\\n", "again\\n"]
        """,
    )
    lines = load_error(path).splitlines()
    assert lines[1] == (
        f"{path}:7: problem #1 (id 'primes'): field 'expected': has 1 output(s) but the problem has "
        "2 stdin cases: give exactly one expected output per stdin case, in the same order"
    )
    assert lines[2].startswith(f"{path}:12: problem #2 (id 'hello'): field 'expected': has 2 output(s) ")
    assert "1 stdin case (a problem without stdin has one empty case)" in lines[2]


def test_yaml_expected_given_as_one_string_gets_a_hint(tmp_path: Path) -> None:
    path = write(tmp_path, "p.yaml", '- id: a\n  statement: s\n  expected: "hi"\n')
    assert (
        "p.yaml:3: problem #1 (id 'a'): field 'expected': must be a list of expected outputs"
        in load_error(path)
    )


def test_jsonl_expected_count_mismatch_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    rows = [
        {"id": "a", "statement": "s", "stdin": ["1", "2"], "expected": ["x", "y"]},
        {"id": "b", "statement": "s", "stdin": ["1", "2", "3"], "expected": ["x"]},
    ]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    assert load_error(path).startswith(f"{path}:2: problem #2 (id 'b'): field 'expected': has 1 output(s)")


# --- good files -----------------------------------------------------------------------------------------


def test_loads_yaml_mapping_with_problems_key(tmp_path: Path) -> None:
    problems = load_problems(write(tmp_path, "p.yaml", GOOD_YAML))
    assert [p.id for p in problems] == ["vector_add", "sum_vec.v2"]
    assert problems[0].statement == "Add two vectors and then display the results.\n"
    assert problems[0].stdin == [""]
    assert problems[1].stdin == ["3\n1 2 3\n", "0\n"]
    assert problems[1].solution is not None
    assert problems[1].solution.startswith("#include <stdio.h>\n")


def test_loads_yaml_top_level_list_and_yml_suffix(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "p.YML",
        """\
        - id: a
          statement: First.
        - {id: b, statement: Second., stdin: ["1", "2"]}
        """,
    )
    problems = load_problems(path)
    assert [(p.id, p.stdin) for p in problems] == [("a", [""]), ("b", ["1", "2"])]


def test_loads_jsonl_with_blank_lines_and_crlf(tmp_path: Path) -> None:
    rows = [{"id": "a", "statement": "First."}, {"id": "b", "statement": "Second.", "stdin": ["1\n", ""]}]
    path = tmp_path / "p.jsonl"
    path.write_bytes(("\r\n".join([json.dumps(rows[0]), "", "   ", json.dumps(rows[1]), ""])).encode())
    problems = load_problems(path)
    assert [p.id for p in problems] == ["a", "b"]
    assert problems[1].stdin == ["1\n", ""]


def test_accepts_a_str_path_and_a_utf8_bom(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"id": "a", "statement": "Caf\xc3\xa9 prices."}\n')
    assert load_problems(str(path))[0].statement == "Café prices."  # type: ignore[arg-type]


# --- bad YAML files -------------------------------------------------------------------------------------


def test_yaml_wrong_field_type_names_file_line_item_and_field(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "problems.yaml",
        """\
        problems:
          - id: first
            statement: One.
          - id: second
            statement: Two.
          - id: sum_vec
            statement: |
              Sum a vector.
            stdin: 5
        """,
    )
    message = load_error(path)
    assert message.startswith(f"{path}:9: problem #3 (id 'sum_vec'): field 'stdin': ")
    assert "valid list" in message
    assert "\n" not in message


def test_yaml_collects_every_error_of_the_file(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "many.yaml",
        """\
        - id: ok
          statement: Fine.
        - id: bad id
          statement: Two.
        - id: no_statement
          stdin: ["1"]
        - id: typo
          statment: Three.
          statement: Three.
        - id: numbers
          statement: Four.
          stdin:
            - "1"
            - 25
        - just a string
        - id: empty_stdin
          statement: Five.
          stdin: []
        """,
    )
    message = load_error(path)
    lines = message.splitlines()
    assert lines[0] == f"{path}: 6 errors"
    expected = [
        f"{path}:3: problem #2 (id 'bad id'): field 'id': must use only letters",
        f"{path}:5: problem #3 (id 'no_statement'): field 'statement': Field required",
        f"{path}:8: problem #4 (id 'typo'): field 'statment': Extra inputs are not permitted",
        f"{path}:14: problem #5 (id 'numbers'): field 'stdin[1]': Input should be a valid string (got 25",
        f"{path}:15: problem #6: expected a mapping",
        f"{path}:18: problem #7 (id 'empty_stdin'): field 'stdin': List should have at least 1 item",
    ]
    for prefix in expected:
        assert any(line.startswith(prefix) for line in lines), (prefix, message)
    assert "known fields: id, statement, stdin, solution" in message


def test_yaml_stdin_given_as_one_string_gets_a_hint(tmp_path: Path) -> None:
    path = write(tmp_path, "p.yaml", '- id: a\n  statement: s\n  stdin: "1 2 3"\n')
    assert "p.yaml:3: problem #1 (id 'a'): field 'stdin': must be a list of stdin cases" in load_error(path)


def test_yaml_blank_statement_and_solution(tmp_path: Path) -> None:
    path = write(tmp_path, "p.yaml", '- id: a\n  statement: "  "\n  solution: ""\n')
    message = load_error(path)
    assert "p.yaml:2: problem #1 (id 'a'): field 'statement': must not be empty or blank" in message
    assert "p.yaml:3: problem #1 (id 'a'): field 'solution': must not be empty or blank" in message


def test_yaml_unquoted_number_id(tmp_path: Path) -> None:
    path = write(tmp_path, "p.yaml", "- id: 007\n  statement: s\n")
    assert "p.yaml:1: problem #1: field 'id': Input should be a valid string (got 7; quote it)" in load_error(
        path
    )


def test_yaml_duplicate_ids_name_both_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "dup.yaml",
        """\
        - id: sum_vec
          statement: One.
        - id: other
          statement: Two.
        - id: sum_vec
          statement: Three.
        """,
    )
    message = load_error(path)
    assert message == f"{path}:5: problem #3: duplicate id 'sum_vec', first used by problem #1 at line 1"


def test_yaml_duplicate_key_in_one_item(tmp_path: Path) -> None:
    path = write(tmp_path, "p.yaml", "- id: a\n  statement: One.\n  statement: Two.\n")
    assert load_error(path) == f"{path}:3: problem #1: field 'statement' given twice (also line 2)"


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ('- id: a\n  statement: "unterminated\n- id: b\n', 4, "invalid YAML"),
        ("- id: a\n  statement: [1, 2\n", 3, "invalid YAML"),
        ("- id: a\n\tstatement: tab\n", 2, "invalid YAML"),
        ("- id: a\n  statement: x\n---\n- id: b\n  statement: y\n", 3, "single document"),
    ],
)
def test_yaml_syntax_errors_have_their_line(tmp_path: Path, text: str, line: int, fragment: str) -> None:
    path = write(tmp_path, "syntax.yaml", text)
    message = load_error(path)
    assert message.startswith(f"{path}:{line}: ")
    assert fragment in message


def test_yaml_python_tags_are_refused_not_run(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    path = write(
        tmp_path,
        "evil.yaml",
        f"""\
        - id: a
          statement: s
          stdin: !!python/object/apply:os.system ["touch {marker}"]
        """,
    )
    message = load_error(path)
    assert message.startswith(f"{path}:3: invalid YAML")
    assert "python/object/apply" in message
    assert not marker.exists()


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", ":1: no problems"),
        ("# nothing but a comment\n", ":1: no problems"),
        ("[]\n", ":1: no problems"),
        ("problems: []\n", ":1: no problems"),
        ("problems:\n", ":1: no problems"),
        ("version: 1\nproblems: []\n", ":1: unknown top-level key 'version'"),
        ("just text\n", ":1: expected a list of problems"),
        ("problems:\n  id: a\n  statement: s\n", ":2: expected a list of problems"),
    ],
)
def test_yaml_bad_top_level_shapes(tmp_path: Path, text: str, fragment: str) -> None:
    path = write(tmp_path, "top.yaml", text)
    assert load_error(path).startswith(f"{path}{fragment}")


def test_yaml_merge_keys_still_validate(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "merge.yaml",
        """\
        - &base
          id: a
          statement: Shared statement.
        - <<: *base
          id: b
          stdin: 3
        """,
    )
    assert load_error(path).startswith(f"{path}:6: problem #2 (id 'b'): field 'stdin': ")


def test_many_errors_are_capped(tmp_path: Path) -> None:
    items = "".join(f"- id: p{i}\n  statement: ''\n" for i in range(30))
    message = load_error(write(tmp_path, "p.yaml", items))
    lines = message.splitlines()
    assert lines[0].endswith(": 30 errors")
    assert lines[-1] == "... and 10 more errors"
    assert len(lines) == 22


# --- bad JSONL files ------------------------------------------------------------------------------------


def test_jsonl_errors_name_the_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "p.jsonl",
        """\
        {"id": "a", "statement": "One."}

        {"id": "sum_vec", "statement": "Two.", "stdin": "5"}
        {"id": "c", "statement": "Three.", oops}
        [1, 2]
        {"id": "d", "id": "e", "statement": "Four."}
        {"id": "a", "statement": "Five.", "stdin": [1]}
        """,
    )
    lines = load_error(path).splitlines()
    assert lines[0] == f"{path}: 6 errors"
    assert lines[1].startswith(f"{path}:3: problem #2 (id 'sum_vec'): field 'stdin': ")
    assert lines[2].startswith(f"{path}:4: invalid JSON: Expecting property name")
    assert lines[3].startswith(f"{path}:5: problem #4: expected a mapping")
    assert lines[4] == f"{path}:6: invalid JSON: key 'id' given twice"
    assert (
        f"{path}:7: problem #6 (id 'a'): field 'stdin[0]': Input should be a valid string (got 1; quote it)"
        in lines
    )
    assert f"{path}:7: problem #6: duplicate id 'a', first used by problem #1 at line 1" in lines


def test_jsonl_empty_file(tmp_path: Path) -> None:
    path = write(tmp_path, "p.jsonl", "\n  \n")
    assert load_error(path) == f"{path}:1: no problems"


# --- the file itself ------------------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.yaml"
    assert load_error(path) == f"{path}: no such file"


def test_directory_is_not_a_file(tmp_path: Path) -> None:
    path = tmp_path / "dir.yaml"
    path.mkdir()
    assert load_error(path).startswith(f"{path}: cannot read")


@pytest.mark.parametrize("name", ["p.txt", "p.json", "problems"])
def test_unknown_extension(tmp_path: Path, name: str) -> None:
    path = write(tmp_path, name, "[]")
    message = load_error(path)
    assert message.startswith(f"{path}: unknown extension")
    assert ".yaml, .yml, .jsonl" in message


def test_invalid_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_bytes(b"- id: a\n  statement: caf\xe9\n")
    assert load_error(path) == f"{path}:2: not valid UTF-8"


def test_problem_file_error_is_a_declean_error() -> None:
    assert issubclass(ProblemFileError, DecleanError)


# --- the shipped examples -------------------------------------------------------------------------------


def test_shipped_examples_load() -> None:
    problems = load_problems(EXAMPLES)
    assert len(problems) >= 10
    assert len({p.id for p in problems}) == len(problems)
    with_stdin = [p for p in problems if len(p.stdin) >= 3]
    assert len(with_stdin) >= 4
    for problem in with_stdin:
        assert all(case.strip() == "" or case.endswith("\n") for case in problem.stdin), problem.id
    assert len([p for p in problems if p.solution]) >= 2
    assert all(p.expected is not None and len(p.expected) == len(p.stdin) for p in problems)


def _solved_cases() -> list[tuple[str, str, int]]:
    return [
        (problem.id, problem.solution, index)
        for problem in load_problems(EXAMPLES)
        if problem.solution
        for index in range(len(problem.stdin))
    ]


@pytest.mark.skipif(shutil.which("gcc") is None, reason="host gcc not installed")
@pytest.mark.parametrize(("ident", "solution", "case"), _solved_cases())
def test_shipped_solutions_compile_cleanly_and_run(
    tmp_path: Path, ident: str, solution: str, case: int
) -> None:
    source, binary = tmp_path / f"{ident}.c", tmp_path / ident
    source.write_text(solution, encoding="utf-8")
    compiled = subprocess.run(
        ["gcc", "-std=gnu17", "-Wall", "-Wextra", "-Werror", "-o", str(binary), str(source), "-lm"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert compiled.returncode == 0, compiled.stderr
    problem = next(p for p in load_problems(EXAMPLES) if p.id == ident)
    stdin = problem.stdin[case]
    ran = subprocess.run([str(binary)], input=stdin, capture_output=True, text=True, timeout=10, check=False)
    assert ran.returncode == 0, (stdin, ran.stderr)
    assert ran.stdout.strip(), stdin
    assert ran.stderr == ""
    assert problem.expected is not None and ran.stdout == problem.expected[case]


def test_jsonl_line_numbers_ignore_unicode_line_separators(tmp_path: Path) -> None:
    good = json.dumps({"id": "a", "statement": "one\u2028two"}, ensure_ascii=False)
    path = tmp_path / "p.jsonl"
    path.write_text(good + "\n" + '{"id": "b"}\n', encoding="utf-8")
    assert load_error(path) == f"{path}:2: problem #2 (id 'b'): field 'statement': Field required"
