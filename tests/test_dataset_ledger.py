"""The test-set ledger: a test split is evaluated once; a second time needs ``again`` and is marked."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from declean.data.ledger import LEDGER_FILE, Ledger, LedgerEntry
from declean.errors import DatasetError, TestSetReusedError


def entry(version: str = "v1", split: str = "test", detector: str = "lint") -> LedgerEntry:
    return LedgerEntry(
        version=version,
        fingerprint="f" * 64,
        split=split,  # type: ignore[arg-type]
        detector=detector,
        model="qwen2.5-coder-1.5b-instruct",
        prompt_hash="abc123",
        scores={"jaccard_DRY": 0.5},
    )


def test_a_second_evaluation_of_a_test_split_is_refused_and_says_when(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path)
    [first] = ledger.record(entry())
    said = rf"already evaluated 1 time\(s\), first on {re.escape(first.when)}"
    with pytest.raises(TestSetReusedError, match=said):
        ledger.record(entry(detector="llm"))
    assert len(ledger.entries()) == 1


def test_again_evaluates_it_anyway_and_the_entry_says_so(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path)
    ledger.record(entry())
    [second] = ledger.record(entry(detector="llm"), again=True)
    assert second.again and [e.again for e in ledger.entries()] == [False, True]
    assert len(ledger.uses("v1")) == 2


def test_other_splits_and_other_versions_are_free(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path)
    ledger.record(entry())
    ledger.record(entry(split="train"))
    ledger.record(entry(split="train"))
    ledger.record(entry(version="v2"))
    assert [(e.version, e.split) for e in ledger.entries()] == [
        ("v1", "test"),
        ("v1", "train"),
        ("v1", "train"),
        ("v2", "test"),
    ]


def test_a_corrupt_ledger_line_names_the_file_and_line(tmp_path: Path) -> None:
    Ledger(tmp_path).record(entry())
    with (tmp_path / LEDGER_FILE).open("a") as handle:
        handle.write('{"version": "v1"}\n')
    with pytest.raises(DatasetError, match=rf"{LEDGER_FILE}:2: not a ledger entry"):
        Ledger(tmp_path).entries()


def test_one_evaluation_of_several_detectors_is_one_use(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path)
    recorded = ledger.record(entry(detector="lint"), entry(detector="llm"))
    assert [e.again for e in recorded] == [False, False]
    with pytest.raises(TestSetReusedError):
        ledger.record(entry(detector="hybrid"))
