"""Review without a server: the labeling config, tasks, verdicts, decisions, applying them to a real
dataset (new version, review.jsonl, rejected records kept aside), statistics and the connection's errors."""

from __future__ import annotations

import dataclasses
import json
import socket
from pathlib import Path
from xml.etree import ElementTree

import httpx
import pytest
from typer.testing import CliRunner

from declean.cli.app import app
from declean.data.build import build_dataset
from declean.data.records import DatasetRecord
from declean.data.store import BuildSettings, DatasetDir
from declean.errors import ReviewError
from declean.principles import NO_COMPILE, REGISTRY
from declean.review import (
    LabelStudioConnection,
    ReviewJournal,
    apply_reviews,
    decide,
    label_config,
    parse_export,
    review_stats,
)
from declean.review.tasks import task_data
from declean.review.verdicts import Verdict, read_export
from declean.sandbox.local import LocalSandbox
from tests.review_support import annotation, copy_dataset, current_records, export_task, make_dataset

pytestmark = pytest.mark.usefixtures("offline_datasets")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, local_sandbox: LocalSandbox) -> Path:
    return make_dataset(tmp_path_factory.mktemp("review"), local_sandbox)


@pytest.fixture
def dataset(built: Path, tmp_path: Path) -> Path:
    return copy_dataset(built, tmp_path / "dataset")


def _verdict(
    reviewer: str, labels: list[str], *, reject: bool = False, at: str = "t1", number: int = 1
) -> Verdict:
    return Verdict(
        reviewer=reviewer,
        annotation_id=number,
        labels=labels,
        adequate=not reject,
        different=True,
        updated=at,
    )


# The labeling config -------------------------------------------------------------------------------------


def test_the_config_offers_every_registered_label_with_a_reason_box_and_the_two_questions() -> None:
    root = ElementTree.fromstring(label_config())
    labels = next(node for node in root.iter("Choices") if node.get("name") == "labels")
    assert [choice.get("value") for choice in labels] == list(REGISTRY.names())
    assert labels.get("choice") == "multiple"
    for name in REGISTRY.names():
        shown = next(view for view in root.iter("View") if view.get("whenChoiceValue") == name)
        assert shown.get("visibleWhen") == "choice-selected"
        assert shown.find("TextArea").get("name") == f"reason_{name}"  # type: ignore[union-attr]
    for question in ("adequate", "different"):
        node = next(node for node in root.iter("Choices") if node.get("name") == question)
        assert node.get("required") == "true" and [c.get("value") for c in node] == ["yes", "no"]
    fields = {node.get("value") for node in root.iter("Text")}
    assert fields == {"$statement", "$code", "$diff", "$outputs", "$evidence", "$provenance"}


def test_a_hostile_definition_stays_an_attribute_value() -> None:
    base = REGISTRY.get("MC")
    hostile = dataclasses.replace(
        base, name="GOTO", title='Goto "jumps"', definition='Uses <script>alert(1)</script> & "goto".'
    )
    root = ElementTree.fromstring(label_config([base, hostile]))
    choice = next(node for node in root.iter("Choice") if node.get("value") == "GOTO")
    assert choice.get("hint") == 'Goto "jumps": Uses <script>alert(1)</script> & "goto".'
    assert not list(root.iter("script"))


# Tasks ---------------------------------------------------------------------------------------------------


def test_a_task_shows_numbered_code_the_parent_diff_outputs_and_evidence(built: Path) -> None:
    records = {record.id: record for record in current_records(built)}
    child = next(r for r in records.values() if r.source == "accepted" and r.parent_id in records)
    data = task_data(child, records[child.parent_id or ""], "v1")
    assert data["sample_id"] == child.id and data["dataset_version"] == "v1"
    lines = data["code"].splitlines()
    assert len(lines) == len(child.code.splitlines())
    assert lines[0].strip().startswith("1 | ")
    assert data["diff"].startswith("--- parent ") and "\n+" in data["diff"] and "\n-" in data["diff"]
    assert "case 1: stdin" in data["outputs"] and child.outputs[0].splitlines()[0] in data["outputs"]
    for name in ("DRY", "SRP", "MC", "NAME"):
        assert f"{name}: " in data["evidence"]
    broken = next(r for r in records.values() if r.source == "breakage")
    broken_data = task_data(broken, records.get(broken.parent_id or ""), "v1")
    assert broken_data["outputs"].startswith("does not compile: ")
    assert broken_data["evidence"].startswith("NO_COMPILE (breakage")


# Decisions -----------------------------------------------------------------------------------------------


def test_one_reviewer_accepts_relabels_or_rejects() -> None:
    assert decide(["MC"], [_verdict("a", ["MC"])]).action == "accept"
    relabel = decide(
        ["MC"],
        [
            Verdict(
                reviewer="a",
                annotation_id=1,
                labels=["MC", "NAME"],
                reasons={"NAME": "x, y, z"},
                adequate=True,
                different=True,
            )
        ],
    )
    assert relabel.action == "relabel" and relabel.labels == ["MC", "NAME"]
    assert relabel.reason == "+NAME (x, y, z)"
    dropped = decide(["MC", "DRY"], [_verdict("a", ["DRY"])])
    assert dropped.action == "relabel" and dropped.reason == "-MC"
    reject = decide(
        ["MC"],
        [
            Verdict(
                reviewer="a",
                annotation_id=1,
                labels=["MC"],
                adequate=True,
                different=False,
                comment="same as s2",
            )
        ],
    )
    assert reject.action == "reject" and reject.labels == ["MC"]
    assert reject.reason == "a: not different enough from the rest: same as s2"


def test_several_reviewers_vote_and_a_tie_decides_nothing() -> None:
    tie = decide(["MC"], [_verdict("a", ["MC"]), _verdict("b", ["MC"], reject=True)])
    assert tie.action == "disputed" and tie.labels == ["MC"]
    assert decide(
        ["MC"], [_verdict("a", ["MC"]), _verdict("b", ["MC"], reject=True), _verdict("c", ["MC"])]
    ).action == ("accept")
    split = decide(["MC"], [_verdict("a", ["MC"]), _verdict("b", ["MC", "DRY"])])
    assert split.action == "disputed" and "DRY" in split.reason
    majority = decide(
        ["MC"], [_verdict("a", ["MC", "DRY"]), _verdict("b", ["DRY"]), _verdict("c", ["MC", "DRY"])]
    )
    assert majority.action == "relabel" and majority.labels == ["DRY", "MC"]
    # A reviewer who changed their mind counts once, with their latest annotation.
    changed = decide(
        ["MC"], [_verdict("a", ["MC"], reject=True, at="t1"), _verdict("a", ["MC"], at="t2", number=2)]
    )
    assert changed.action == "accept" and changed.reviewers == ["a"]


# Reading exports -----------------------------------------------------------------------------------------


def test_an_export_is_read_with_reviewers_named_and_skips_ignored(tmp_path: Path) -> None:
    items = [
        export_task(
            7,
            "r/one",
            [
                annotation(11, 1, ["MC", "NAME"], reasons={"NAME": "a, b", "DRY": "unticked"}),
                annotation(12, {"id": 2, "email": "b@x.test"}, ["MC"], adequate="no", comment="wrong output"),
                annotation(13, 3, [], cancelled=True),
            ],
        ),
        export_task(8, "r/two", [annotation(14, 3, [], cancelled=True)]),
    ]
    path = tmp_path / "export.json"
    path.write_text(json.dumps(items), encoding="utf-8")
    reviews = read_export(path)
    assert [review.record_id for review in reviews] == ["r/one"]
    first, second = reviews[0].verdicts
    assert (first.reviewer, first.labels, first.reasons) == ("user 1", ["MC", "NAME"], {"NAME": "a, b"})
    assert (second.reviewer, second.adequate, second.rejects, second.comment) == (
        "b@x.test",
        False,
        True,
        "wrong output",
    )
    assert parse_export(items, "x", {1: "a@x.test"})[0].verdicts[0].reviewer == "a@x.test"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[{", "export.json:1: not JSON"),
        ('{"tasks": []}', "expected a list of tasks"),
        ('[{"id": 1, "data": {"text": "x"}}]', "export.json: task 1: no sample_id in its data"),
        (
            '[{"id": 1, "data": {"sample_id": "r/x"}, "annotations": [{"result": []}]}]',
            "task 1 (r/x): an annotation without an id",
        ),
    ],
)
def test_a_malformed_export_names_the_file_and_the_task(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "export.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ReviewError, match=r"export\.json") as caught:
        read_export(path)
    assert message in str(caught.value)


# Applying reviews ----------------------------------------------------------------------------------------


def _pick(dataset: Path) -> dict[str, DatasetRecord]:
    records = current_records(dataset)
    train = [r for r in records if r.split == "train" and r.source == "accepted"]
    with_child = next(
        r
        for r in train
        if any(c.parent_id == r.id and c.source == "breakage" for c in records) and "SRP" not in r.labels
    )
    others = [r for r in train if r.id != with_child.id]
    return {"relabel": with_child, "accept": others[0], "reject": others[1], "tie": others[2]}


def test_a_pull_accepts_rejects_and_relabels_into_a_new_version(dataset: Path) -> None:
    chosen = _pick(dataset)
    before = {record.id: record for record in current_records(dataset)}
    relabelled = [*chosen["relabel"].labels, "SRP"]
    items = [
        export_task(
            1, chosen["accept"].id, [annotation(1, {"id": 1, "email": "a@x.test"}, chosen["accept"].labels)]
        ),
        export_task(
            2,
            chosen["reject"].id,
            [annotation(2, 1, chosen["reject"].labels, adequate="no", comment="prints junk")],
        ),
        export_task(
            3, chosen["relabel"].id, [annotation(3, 1, relabelled, reasons={"SRP": "main does it all"})]
        ),
        export_task(
            4,
            chosen["tie"].id,
            [annotation(4, 1, chosen["tie"].labels), annotation(5, 2, chosen["tie"].labels, different="no")],
        ),
    ]
    outcome = apply_reviews(dataset, parse_export(items, "test"), source="export", project="export.json")
    assert outcome.created and outcome.version == "v2"
    assert outcome.counts() == {"accept": 1, "reject": 1, "relabel": 1, "disputed": 1}

    store = DatasetDir(dataset)
    index = store.existing_index()
    version = index.version()
    assert version.made_by == "review" and version.parent == "v1" and version.rejected == 1
    after = {record.id: record for record in store.records(version)}
    rejected = store.rejected(version)
    assert [record.id for record in rejected] == [chosen["reject"].id]
    assert (
        rejected[0].review is not None
        and rejected[0].review.reason == "user 1: not an adequate solution: prints junk"
    )
    assert chosen["reject"].id not in after
    accepted = after[chosen["accept"].id]
    assert accepted.review is not None and accepted.review.status == "accepted"
    assert accepted.review.reviewers == ["a@x.test"]
    changed = after[chosen["relabel"].id]
    assert changed.review is not None and changed.review.status == "relabelled"
    assert set(changed.labels) == set(relabelled) and changed.review.labels_before == chosen["relabel"].labels
    children = [r for r in after.values() if r.parent_id == changed.id and r.source == "breakage"]
    assert children and all(set(child.labels) == {*relabelled, NO_COMPILE} for child in children)
    assert after[chosen["tie"].id].review is None
    # Everything else is as it was, split included; v1 is still on disk, whole.
    untouched = set(after) - {chosen["accept"].id, chosen["relabel"].id} - {child.id for child in children}
    assert all(after[i] == before[i] for i in untouched)
    assert {r.id for r in store.records(index.version("v1"))} == set(before)

    entries = ReviewJournal(dataset).entries(index)
    assert [entry.action for entry in entries] == ["accept", "reject", "relabel", "disputed"]
    relabel_entry = entries[2]
    assert relabel_entry.before == chosen["relabel"].labels and set(relabel_entry.after) == set(relabelled)
    assert relabel_entry.task_id == 3 and relabel_entry.annotation_ids == [3]
    assert relabel_entry.relabelled_children == [child.id for child in children]
    assert relabel_entry.version == "v2" and relabel_entry.source == "export"
    assert relabel_entry.facets["source"] == ["accepted"]

    # The exports leave the rejected record out; datasets reads the review column.
    import datasets

    loaded = datasets.load_dataset(str(dataset))
    ids = {row["id"] for split in loaded.values() for row in split}
    assert chosen["reject"].id not in ids and chosen["accept"].id in ids
    row = next(row for row in loaded["train"] if row["id"] == chosen["accept"].id)
    assert row["review"]["status"] == "accepted"

    # The same annotations again decide nothing and make no version.
    again = apply_reviews(dataset, parse_export(items, "test"), source="export")
    assert not again.entries and again.unchanged == 4 and not again.created and again.version == "v2"


def test_an_edited_annotation_is_decided_again_and_can_bring_a_record_back(dataset: Path) -> None:
    record = _pick(dataset)["reject"]
    rejecting = [export_task(9, record.id, [annotation(9, 1, record.labels, adequate="no")])]
    apply_reviews(dataset, parse_export(rejecting, "t"), source="export")
    restoring = [export_task(9, record.id, [annotation(9, 1, record.labels, updated="2026-12-05T08:00:00Z")])]
    outcome = apply_reviews(dataset, parse_export(restoring, "t"), source="export")
    assert outcome.version == "v3" and outcome.counts() == {"accept": 1}
    store = DatasetDir(dataset)
    version = store.existing_index().version()
    assert not store.rejected(version)
    back = next(r for r in store.records(version) if r.id == record.id)
    assert back.review is not None and back.review.status == "accepted" and back.split == record.split
    entry = ReviewJournal(dataset).entries()[-1]
    assert entry.status_before == "rejected"


def test_a_rebuild_from_the_same_runs_keeps_decisions_and_never_brings_rejected_back(
    dataset: Path, local_sandbox: LocalSandbox, built: Path
) -> None:
    chosen = _pick(dataset)
    items = [
        export_task(1, chosen["reject"].id, [annotation(1, 1, chosen["reject"].labels, adequate="no")]),
        export_task(2, chosen["relabel"].id, [annotation(2, 1, [*chosen["relabel"].labels, "SRP"])]),
    ]
    apply_reviews(dataset, parse_export(items, "t"), source="export")
    run = built.parent / "run"
    outcome = build_dataset(
        [run], dataset, local_sandbox, BuildSettings(seed=1, test_size=0.5, no_compile_share=0.2)
    )
    store = DatasetDir(dataset)
    records = {r.id: r for r in store.records(outcome.version)}
    assert chosen["reject"].id not in records
    assert [r.id for r in store.rejected(outcome.version)] == [chosen["reject"].id]
    kept = records[chosen["relabel"].id]
    assert "SRP" in kept.labels and kept.review is not None


def test_a_crash_between_the_journal_and_the_commit_loses_nothing(
    dataset: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = _pick(dataset)["accept"]
    items = [export_task(1, record.id, [annotation(1, 1, record.labels)])]
    import declean.review.apply as apply_module

    def crash(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(apply_module, "revise", crash)
    with pytest.raises(OSError):
        apply_reviews(dataset, parse_export(items, "t"), source="export")
    monkeypatch.undo()
    journal = ReviewJournal(dataset)
    index = DatasetDir(dataset).existing_index()
    assert len(journal.entries()) == 1 and not journal.entries(index) and index.current == "v1"
    outcome = apply_reviews(dataset, parse_export(items, "t"), source="export")
    assert outcome.created and outcome.version == "v2"
    assert len(journal.entries(DatasetDir(dataset).existing_index())) == 1
    assert review_stats(dataset).actions == {"accept": 1}


def test_a_label_no_principle_has_is_not_applied(dataset: Path) -> None:
    record = _pick(dataset)["accept"]
    items = [export_task(1, record.id, [annotation(1, 1, [*record.labels, "GOTO"])])]
    outcome = apply_reviews(dataset, parse_export(items, "t"), source="export")
    assert not outcome.entries and "GOTO" in outcome.warnings[0] and not outcome.created


# Statistics ----------------------------------------------------------------------------------------------


def test_stats_count_agreement_with_the_pipeline_and_between_reviewers(dataset: Path) -> None:
    chosen = _pick(dataset)
    records = [chosen["accept"], chosen["reject"], chosen["relabel"], chosen["tie"]]
    # Reviewer a agrees with the pipeline on everything but adds SRP to one record; b reviews two of them.
    items = [
        export_task(
            1, records[0].id, [annotation(1, 1, records[0].labels), annotation(2, 2, records[0].labels)]
        ),
        export_task(2, records[1].id, [annotation(3, 1, records[1].labels, adequate="no")]),
        export_task(
            3,
            records[2].id,
            [annotation(4, 1, [*records[2].labels, "SRP"]), annotation(5, 2, [*records[2].labels, "SRP"])],
        ),
        export_task(4, records[3].id, [annotation(6, 1, records[3].labels)]),
    ]
    apply_reviews(dataset, parse_export(items, "t"), source="export")
    stats = review_stats(dataset)
    assert stats.reviewed == 4 and stats.actions == {"accept": 2, "reject": 1, "relabel": 1}
    assert stats.reviewers == ["user 1", "user 2"] and stats.multi_reviewed == 2
    srp = next(row for row in stats.pipeline if row.question == "SRP")
    # Keeping verdicts: a on 3 records, b on 2: 5 pairs, the two on records[2] disagree with the pipeline.
    assert srp.pairs == 5 and srp.agreement == pytest.approx(3 / 5)
    assert srp.kappa == pytest.approx(0.0)  # the pipeline never said SRP here: no agreement beyond chance
    mc = next(row for row in stats.pipeline if row.question == "MC")
    assert mc.agreement == 1.0
    inter_srp = next(row for row in stats.inter_annotator if row.question == "SRP")
    assert inter_srp.pairs == 2 and inter_srp.agreement == 1.0 and inter_srp.kappa == pytest.approx(1.0)
    rejected_rows = [row for row in stats.rejections if row.rejected]
    assert rejected_rows and all(row.rejected == 1 for row in rejected_rows)
    assert {(row.facet, row.value) for row in rejected_rows} >= {("source", "accepted")}
    relabelled = {(row.facet, row.value): row.relabelled for row in stats.rejections}
    assert relabelled[("source", "accepted")] == 1 and relabelled[("model", "ScriptedChatModel")] == 1
    assert stats.by_split["train"][0] == 4


# The CLI -------------------------------------------------------------------------------------------------


def test_pull_from_an_export_file_and_stats_through_the_cli(dataset: Path, tmp_path: Path) -> None:
    record = _pick(dataset)["accept"]
    export = tmp_path / "project-1-at-2026-12-04.json"
    export.write_text(
        json.dumps([export_task(1, record.id, [annotation(1, 1, record.labels)])]), encoding="utf-8"
    )
    runner = CliRunner()
    pulled = runner.invoke(app, ["review", "pull", str(dataset), "--from-export", str(export)])
    assert pulled.exit_code == 0, pulled.output
    said = " ".join(pulled.output.split())  # rich wraps at 80 columns, after a path of any length
    assert "decisions accept 1" in said and "new version v2" in said
    shown = runner.invoke(app, ["review", "stats", str(dataset)])
    assert shown.exit_code == 0 and "1 of" in shown.output and "Reviewer vs pipeline" in shown.output
    as_json = json.loads(runner.invoke(app, ["review", "stats", str(dataset), "--json"]).output)
    assert as_json["reviewed"] == 1
    bad = runner.invoke(app, ["review", "pull", str(tmp_path / "nowhere"), "--from-export", str(export)])
    assert bad.exit_code == 2 and "not a declean dataset" in bad.output


# The connection's errors ---------------------------------------------------------------------------------

LEGACY = "0123456789abcdef0123456789abcdef01234567"


def _refusing(request: httpx.Request) -> httpx.Response:
    return httpx.Response(401, json={"detail": "Invalid token."}, request=request)


def test_a_refused_legacy_token_is_one_error_that_says_which_token_is_expected() -> None:
    connection = LabelStudioConnection(
        "http://ls.test", LEGACY, http_client=httpx.Client(transport=httpx.MockTransport(_refusing))
    )
    with pytest.raises(ReviewError) as caught:
        connection.whoami()
    message = str(caught.value)
    assert (
        "HTTP 401" in message
        and "read it as a legacy token" in message
        and "personal access token" in message
    )
    assert LEGACY not in message


def test_a_personal_access_token_is_told_apart() -> None:
    import jwt

    token = jwt.encode({"exp": 4102444800, "token_type": "refresh"}, "s" * 32, algorithm="HS256")
    connection = LabelStudioConnection(
        "http://ls.test", token, http_client=httpx.Client(transport=httpx.MockTransport(_refusing))
    )
    with pytest.raises(ReviewError, match="read it as a personal access token") as caught:
        connection.whoami()
    assert token not in str(caught.value)


def test_an_unreachable_server_and_a_missing_project_are_clear_errors() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        unused_tcp_port = int(probe.getsockname()[1])
    connection = LabelStudioConnection(f"http://127.0.0.1:{unused_tcp_port}", LEGACY)
    with pytest.raises(ReviewError, match=f"cannot reach Label Studio at http://127.0.0.1:{unused_tcp_port}"):
        connection.whoami()

    def no_projects(request: httpx.Request) -> httpx.Response:
        assert request.url.path == "/api/projects/", request.url
        return httpx.Response(
            200, json={"count": 0, "next": None, "previous": None, "results": []}, request=request
        )

    answering = LabelStudioConnection(
        "http://ls.test", LEGACY, http_client=httpx.Client(transport=httpx.MockTransport(no_projects))
    )
    with pytest.raises(ReviewError, match="no project titled 'declean: d'"):
        answering.project("declean: d")


def test_no_token_is_one_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LABEL_STUDIO_API_KEY", raising=False)
    with pytest.raises(ReviewError, match="no Label Studio token"):
        LabelStudioConnection("http://ls.test", None)


# An export Label Studio 1.23.2 wrote ---------------------------------------------------------------------

REAL_EXPORT = Path(__file__).parent / "data" / "label_studio_export.json"
"""Saved from tests/test_review_label_studio.py's project (DECLEAN_SAVE_LABEL_STUDIO_EXPORT): two reviewers'
annotations, made through the REST API, of tasks pushed from the same fixture dataset."""


def test_a_real_label_studio_export_applies_to_the_dataset_it_was_made_from(dataset: Path) -> None:
    reviews = read_export(REAL_EXPORT)
    assert len(reviews) == 4 and sum(len(review.verdicts) for review in reviews) == 5
    outcome = apply_reviews(dataset, reviews, source="export", project=str(REAL_EXPORT))
    assert outcome.counts() == {"accept": 2, "reject": 1, "relabel": 1} and not outcome.warnings
    rejected = next(entry for entry in outcome.entries if entry.action == "reject")
    assert rejected.reason == "user 1: not an adequate solution: does not read the input"
    assert {reviewer for entry in outcome.entries for reviewer in entry.reviewers} == {"user 1", "user 4"}
