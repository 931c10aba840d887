"""What the trace writer scrubs from every line: secret environment values and anything shaped like a key."""

from __future__ import annotations

import pytest

from declean.tracing.writer import REDACTED, redact

KEYS = [
    "sk-proj-abcdefghijklmnopqrstuv",
    "sk_live_abcdefghijklmnop1234",
    "lsv2_pt_0123456789abcdef0123",
    "lsv2-0123456789abcdef0123xx",
    "pk-abcdefghijklmnopqrstuvwx",
    "pk_test_abcdefghijklmnopqr",
]


@pytest.mark.parametrize("key", KEYS)
def test_a_key_shaped_string_is_scrubbed_wherever_it_is(key: str) -> None:
    line = f'{{"messages":[{{"content":"use {key} please"}}],"reply":"{key}"}}'
    assert redact(line) == f'{{"messages":[{{"content":"use {REDACTED} please"}}],"reply":"{REDACTED}"}}'


def test_words_that_only_look_alike_are_kept() -> None:
    line = '{"code":"int task_count_for_the_whole_run = 0; /* mask-abcdefghijklmnopqrs */","sk-short":1}'
    assert redact(line) == line


def test_a_secret_from_the_environment_is_scrubbed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DECLEAN_API_KEY", "plain-secret-value")
    assert redact('{"header":"Bearer plain-secret-value"}') == f'{{"header":"Bearer {REDACTED}"}}'
