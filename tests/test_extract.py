"""Extracting the C program from model replies shaped like real model output."""

from __future__ import annotations

import pytest

from declean.agents.extract import extract_c_code, looks_like_c
from declean.errors import DecleanError, ReplyParseError

PROGRAM = """\
#include <stdio.h>

#define VECTOR_LENGTH 3

static void print_vector(const int values[], int length)
{
    for (int i = 0; i < length; i++) {
        printf("%d ", values[i]);
    }
    printf("\\n");
}

int main(void)
{
    const int a[VECTOR_LENGTH] = {1, 2, 3};
    print_vector(a, VECTOR_LENGTH);
    return 0;
}
"""

HELPER_ONLY = """\
static int add(int a, int b)
{
    return a + b;
}
"""


def fenced(code: str, tag: str = "c", fence: str = "```") -> str:
    return f"{fence}{tag}\n{code}{fence}\n"


# --- one fenced block -----------------------------------------------------------------------------------


def test_typical_reply_with_prose_around() -> None:
    reply = (
        "Here is the solution:\n\n"
        + fenced(PROGRAM)
        + "\nThis program initialises the vector in `main()` and prints it with a helper function.\n"
    )
    assert extract_c_code(reply) == PROGRAM


@pytest.mark.parametrize("tag", ["c", "C", "cpp", "c++", "h", "", "c title=main.c", "{.c}", "C99"])
def test_accepted_fence_tags(tag: str) -> None:
    assert extract_c_code("Solution:\n" + fenced(PROGRAM, tag) + "Done.") == PROGRAM


def test_tilde_fences() -> None:
    assert extract_c_code("Code:\n~~~c\n" + PROGRAM + "~~~\nEnd.") == PROGRAM


def test_longer_fence_is_closed_only_by_a_long_enough_fence() -> None:
    code = PROGRAM.replace("return 0;", "/* ``` */\n    return 0;")
    assert extract_c_code("````c\n" + code + "```\n````\n") == code + "```\n"


def test_crlf_line_endings() -> None:
    reply = ("Here you go:\n" + fenced(PROGRAM) + "Hope this helps!\n").replace("\n", "\r\n")
    result = extract_c_code(reply)
    assert result == PROGRAM
    assert "\r" not in result


def test_indented_fence_inside_a_markdown_list() -> None:
    indented = "".join(f"    {line}" if line.strip() else line for line in PROGRAM.splitlines(True))
    reply = "1. Define the helper and `main`:\n\n    ```c\n" + indented + "    ```\n\n2. Compile it.\n"
    assert extract_c_code(reply) == PROGRAM


def test_missing_closing_fence_runs_to_the_end() -> None:
    assert extract_c_code("Here is the fixed program:\n```c\n" + PROGRAM) == PROGRAM


def test_truncated_reply_is_taken_as_is() -> None:
    truncated = PROGRAM[: PROGRAM.index("return 0;")]
    assert extract_c_code("```c\n" + truncated) == truncated.rstrip() + "\n"


def test_missing_closing_fence_drops_prose_after_the_last_brace() -> None:
    reply = "```c\n" + PROGRAM + "\nThe helper prints the values\nseparated by spaces.\n"
    assert extract_c_code(reply) == PROGRAM


def test_closing_fence_glued_to_the_last_line() -> None:
    reply = "```c\n" + PROGRAM.rstrip("\n") + "```\nThat's all."
    assert extract_c_code(reply) == PROGRAM


def test_result_ends_with_exactly_one_newline_and_no_leading_blank_lines() -> None:
    reply = "```c\n\n\n   \n" + PROGRAM + "\n\n  \n```"
    assert extract_c_code(reply) == PROGRAM
    assert extract_c_code("```c\n" + PROGRAM.rstrip("\n") + "```") == PROGRAM


def test_code_indentation_inside_the_block_is_kept() -> None:
    assert '        printf("%d ", values[i]);\n' in extract_c_code(fenced(PROGRAM))


# --- several blocks -------------------------------------------------------------------------------------


def test_explanation_block_then_code_block() -> None:
    reply = (
        "Let me first restate the task:\n"
        "```text\nInput: none\nOutput: the vector, e.g. int main(void) { ... } prints 1 2 3\n```\n"
        "Now the implementation:\n" + fenced(PROGRAM) + "Example output:\n```\n1 2 3\n```\n"
    )
    assert extract_c_code(reply) == PROGRAM


def test_block_defining_main_wins_over_a_longer_helper_block() -> None:
    long_helpers = HELPER_ONLY * 10
    reply = "Helpers:\n" + fenced(long_helpers) + "Main program:\n" + fenced(PROGRAM)
    assert len(long_helpers) > len(PROGRAM)
    assert extract_c_code(reply) == PROGRAM


def test_several_mains_pick_the_longest_never_concatenate() -> None:
    short = "#include <stdio.h>\nint main(void) { return 0; }\n"
    reply = "A first try:\n" + fenced(short) + "A better version:\n" + fenced(PROGRAM) + "Use the second."
    result = extract_c_code(reply)
    assert result == PROGRAM
    assert result.count("int main") == 1


def test_no_main_anywhere_picks_the_longest_c_block() -> None:
    reply = "Header:\n" + fenced("int add(int a, int b);\n", "h") + "Source:\n" + fenced(HELPER_ONLY)
    assert extract_c_code(reply) == HELPER_ONLY


def test_compile_command_and_output_blocks_are_ignored() -> None:
    reply = (
        fenced("gcc -std=gnu17 -Wall -o vec vec.c\n./vec\n", "bash")
        + fenced(PROGRAM)
        + fenced("1 2 3\n", "console")
    )
    assert extract_c_code(reply) == PROGRAM


def test_mistagged_program_is_still_found() -> None:
    reply = "Output:\n" + fenced("1 2 3\n", "text") + "Code:\n" + fenced(PROGRAM, "plaintext")
    assert extract_c_code(reply) == PROGRAM


def test_c_tagged_snippet_is_taken_when_nothing_else_qualifies() -> None:
    assert extract_c_code("Change the line to:\n```c\nsum += values[i];\n```") == "sum += values[i];\n"


def test_reasoning_sections_are_dropped() -> None:
    draft = "#include <stdio.h>\nint main(void)\n{\n    /* a much longer draft */\n" + "    ;\n" * 40 + "}\n"
    reply = "<think>\nFirst draft:\n" + fenced(draft) + "Hmm, simpler.\n</think>\n\n" + fenced(PROGRAM)
    assert extract_c_code(reply) == PROGRAM


def test_reasoning_without_its_opening_tag() -> None:
    reply = "Thinking about it...\n" + fenced(HELPER_ONLY * 5) + "</think>\n" + fenced(PROGRAM)
    assert extract_c_code(reply) == PROGRAM


# --- no fence at all ------------------------------------------------------------------------------------


def test_bare_code() -> None:
    assert extract_c_code(PROGRAM) == PROGRAM
    assert extract_c_code("\n\n" + PROGRAM + "\n\n\n") == PROGRAM


def test_bare_code_with_prose_before_and_after() -> None:
    reply = "Sure! Here is the corrected program:\n\n" + PROGRAM + "\nThe fix was a missing semicolon.\n"
    assert extract_c_code(reply) == PROGRAM


def test_bare_code_keeps_a_leading_comment() -> None:
    code = "/* Prints a vector. */\n" + PROGRAM
    assert extract_c_code("Here it is:\n" + code) == code


def test_bare_code_with_markdown_heading() -> None:
    assert extract_c_code("## Solution\n\n" + PROGRAM) == PROGRAM


def test_bare_code_without_include() -> None:
    code = "int main(void)\n{\n    return 0;\n}\n"
    assert extract_c_code(code) == code


def test_unclear_leading_lines_are_kept() -> None:
    code = "MyInt counter = 0;\nint main(void) { return counter; }\n"
    assert extract_c_code(code) == code


# --- no code --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "reply",
    [
        "",
        "   \n\t\n",
        "I cannot help with that.",
        "I'm sorry, but I can't write that program. Could you clarify the output format?",
        "The function should add the vectors (element by element) and print them.",
        "```\nI cannot help with that.\n```",
        "Compile it with:\n```bash\ngcc -o vec vec.c\n```\n",
        "```c\n```",
        "<think>\n</think>\n",
    ],
)
def test_replies_without_code_raise_with_the_raw_reply(reply: str) -> None:
    with pytest.raises(ReplyParseError) as caught:
        extract_c_code(reply)
    assert caught.value.raw == reply
    assert str(caught.value)
    assert isinstance(caught.value, DecleanError)


def test_error_message_names_the_block_tags() -> None:
    with pytest.raises(ReplyParseError, match="bash"):
        extract_c_code("```bash\nmake\n```")


# --- looks_like_c ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (PROGRAM, True),
        (HELPER_ONLY, True),
        ("#include <stdlib.h>\n", True),
        ("  #  include <stdio.h>\n", True),
        ("struct point *make_point(int x, int y)\n{\n", True),
        ("int main(int argc, char *argv[]) {", True),
        ("int x = 5;", False),
        ("I cannot help with that.", False),
        ("def main():\n    print('hi')\n", False),
        ("Call print_vector(a, 3) to print it.", False),
        ("", False),
    ],
)
def test_looks_like_c(text: str, expected: bool) -> None:
    assert looks_like_c(text) is expected
