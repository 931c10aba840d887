"""Detectors: the lint detector's locations, the detection agent's parsing of real-shaped replies, the llm
and hybrid detectors on a scripted model (through the model cache), NO_COMPILE from a real compile, and
detectors of one's own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from declean.agents import detector as agent
from declean.detect import Detection, Detector, Finding, make_detector
from declean.detect.compiled import detect_file
from declean.detect.lint import LintDetector
from declean.detect.llm import LLMDetector
from declean.errors import ConfigurationError
from declean.models.cache import SqliteModelCache
from declean.principles import REGISTRY
from declean.sandbox.local import LocalSandbox
from declean.testing import DETECT, HYBRID, ScriptedChatModel
from tests.corpus_index import hard_programs
from tests.test_cli_errors import declean

LABELS = ["DRY", "SRP", "MC", "NAME"]
JSON_REPLY = """Here is my review.

```json
{"DRY": {"violated": false, "explanation": "", "function": null, "lines": null},
 "SRP": {"violated": false, "explanation": "", "function": null, "lines": null},
 "MC": {"violated": true, "explanation": "703.0 and 18.5 are bare numbers",
        "function": "bmi", "lines": [8, 13]},
 "NAME": {"violated": "yes", "explanation": "calc, a and b say nothing", "function": "calc", "lines": [6]}}
```
"""
LINES_REPLY = """DRY: no
SRP: yes - main reads, computes and prints
MC: No.
NAME: violated: the names a, b and calc"""


def program(name: str) -> str:
    return next(p.source for p in hard_programs() if p.name == name)


def test_a_json_reply_gives_findings_with_locations() -> None:
    parsed = agent.parse(JSON_REPLY, LABELS)
    assert parsed.error is None and parsed.decided == LABELS
    assert [finding.label for finding in parsed.findings] == ["MC", "NAME"]
    mc, name = parsed.findings
    assert mc.explanation == "703.0 and 18.5 are bare numbers"
    assert [(loc.function, loc.start_line, loc.end_line) for loc in mc.locations] == [("bmi", 8, 13)]
    assert [(loc.start_line, loc.end_line) for loc in name.locations] == [(6, 6)]


def test_labelled_lines_are_read_when_there_is_no_json() -> None:
    parsed = agent.parse(LINES_REPLY, LABELS)
    assert parsed.error is None
    assert [(f.label, f.explanation) for f in parsed.findings] == [
        ("SRP", "main reads, computes and prints"),
        ("NAME", "the names a, b and calc"),
    ]


def test_a_reply_missing_principles_says_which_and_keeps_what_it_read() -> None:
    parsed = agent.parse('{"MC": {"violated": true, "explanation": "bare 42"}}', LABELS)
    assert [f.label for f in parsed.findings] == ["MC"] and parsed.decided == ["MC"]
    assert parsed.error == "no verdict for DRY, SRP, NAME"
    unreadable = agent.parse("I think this code is fine overall.", LABELS)
    assert unreadable.findings == [] and unreadable.error is not None


def test_the_prompt_holds_every_definition_and_the_numbered_code() -> None:
    specs = [spec for spec in REGISTRY if spec.decided_by != "compiler"]
    text = "\n".join(str(m.content) for m in agent.build_messages("int main(void)\n{\n}\n", specs))
    for spec in specs:
        assert " ".join(spec.definition.split()) in text
    assert "  2 | {" in text and HYBRID not in text


def test_the_llm_detector_asks_once_then_answers_from_the_cache(tmp_path: Path) -> None:
    source = program("bmi_calculator")
    model = ScriptedChatModel(script=[(DETECT, JSON_REPLY)])
    with SqliteModelCache(tmp_path / "cache.sqlite") as cache:
        first = LLMDetector(model, cache=cache).detect(source)
        again = LLMDetector(model, cache=cache).detect(source)  # a second call would fail the script
    assert not model.check_finished()
    assert first == again and first.labels == ["MC", "NAME"] and first.detector == "llm"
    assert first.raw_reply == JSON_REPLY and first.prompt_hash == agent.prompt().short_hash
    assert model.call_kwargs[0].get("temperature") == 0.0


def test_the_hybrid_detector_puts_the_static_evidence_in_the_prompt() -> None:
    source = '#include <stdio.h>\nint main(void)\n{\n    printf("%d\\n", 7 * 3600);\n    return 0;\n}\n'
    model = ScriptedChatModel(script=[(HYBRID, LINES_REPLY)])
    detection = LLMDetector(model, hybrid=True).detect(source)
    assert detection.detector == "hybrid" and detection.labels == ["SRP", "NAME"]
    prompt = str(model.calls[0][-1].content)
    assert "- MC: the measure flags a violation" in prompt and "3600" in prompt


def test_an_unparseable_reply_is_kept_with_the_reason() -> None:
    model = ScriptedChatModel(script=[(DETECT, "Sorry, I cannot review code.")])
    detection = LLMDetector(model).detect("int main(void) { return 0; }\n")
    assert detection.findings == [] and detection.raw_reply == "Sorry, I cannot review code."
    assert detection.parse_error and "neither a JSON verdict" in detection.parse_error


def test_lint_findings_point_at_lines_and_functions() -> None:
    found = {
        finding.label: finding
        for p in hard_programs()
        for finding in LintDetector().detect(p.source).findings
    }
    assert set(found) == set(LABELS)
    assert all(finding.locations for finding in found.values())
    assert any(location.function for location in found["SRP"].locations)


def test_no_compile_is_the_compilers_verdict(local_sandbox: LocalSandbox) -> None:
    broken = (
        '#include <stdio.h>\nint main(void)\n{\n    int a = 3\n    printf("%d\\n", a);\n    return 0;\n}\n'
    )
    detection = detect_file(LintDetector(), broken, local_sandbox)
    compiled = next(f for f in detection.findings if f.label == "NO_COMPILE")
    assert "gcc rejects it: line 5" in compiled.explanation and compiled.locations[0].start_line == 5
    fine = detect_file(LintDetector(), broken.replace("= 3\n", "= 3;\n"), local_sandbox)
    assert "NO_COMPILE" not in fine.labels


class Always:
    """A detector of one's own: says MC for everything."""

    name = "always-mc"

    def detect(self, source: str) -> Detection:
        return Detection(detector=self.name, findings=[Finding(label="MC", explanation="always")])


def test_a_detector_of_ones_own_by_import_path() -> None:
    made = make_detector("tests.test_detect:Always")
    assert isinstance(made, Detector) and made.detect("").labels == ["MC"]
    with pytest.raises(ConfigurationError, match="not a detector"):
        make_detector("tests.test_detect:LABELS")
    with pytest.raises(ConfigurationError, match="unknown detector 'magic'"):
        make_detector("magic")
    with pytest.raises(ConfigurationError, match="needs a chat model"):
        make_detector("llm")


def test_declean_detect_on_the_command_line(tmp_path: Path) -> None:
    source = tmp_path / "t.c"
    source.write_text(
        '#include <stdio.h>\nint main(void)\n{\n    printf("%d\\n", 7 * 3600)\n    return 0;\n}\n'
    )
    result = declean("detect", str(source), "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    detection = json.loads(result.stdout)
    assert [f["label"] for f in detection["findings"]] == ["MC", "NO_COMPILE"]
    table = declean("detect", str(source), cwd=tmp_path)
    assert "MC, NO_COMPILE" in table.stdout and "gcc rejects it" in table.stdout
    missing = declean("detect", str(source), "--detector", "trained", cwd=tmp_path)
    assert missing.returncode == 2 and "needs --model-file" in missing.stderr
