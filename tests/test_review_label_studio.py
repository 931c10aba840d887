"""The review round trip on a real Label Studio server (.ci/label-studio-up.sh starts one; CI requires it).

A real dataset is pushed; two reviewers annotate through Label Studio's REST API as people would (accept,
reject, relabel, and both on one task); the pull makes a new dataset version with every decision in
``review.jsonl``; the statistics count them; pushing again changes nothing; a hand-downloaded export
applied to a copy of the dataset decides the same.
"""

from __future__ import annotations

import os
import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from declean.data.records import DatasetRecord
from declean.data.store import DatasetDir
from declean.errors import ReviewError
from declean.review import LabelStudioConnection, ReviewJournal, push_dataset, review_stats
from declean.review.apply import PullOutcome
from declean.review.pull import pull_from_export, pull_from_label_studio
from declean.review.push import PushOutcome
from declean.sandbox.local import LocalSandbox
from tests.review_support import copy_dataset, current_records, make_dataset

ROOT = Path(__file__).resolve().parents[1]
ENV_FILE = ROOT / ".ci" / "label-studio.env"


@pytest.fixture(scope="module")
def server() -> tuple[str, str]:
    """URL and token of a real server: ``DECLEAN_TEST_LABEL_STUDIO_URL`` / ``_TOKEN``, else the one
    .ci/label-studio-up.sh started. Skips when none answers; fails where
    ``DECLEAN_REQUIRE_LABEL_STUDIO=1``."""
    url = os.environ.get("DECLEAN_TEST_LABEL_STUDIO_URL", "")
    token = os.environ.get("DECLEAN_TEST_LABEL_STUDIO_TOKEN", "")
    if not (url and token):
        shown = subprocess.run(
            ["bash", "-c", f'. "{ENV_FILE}" && echo "$LABEL_STUDIO_URL" && echo "$LABEL_STUDIO_API_KEY"'],
            capture_output=True,
            text=True,
            check=True,
        )
        url, token = shown.stdout.split()
    try:
        answer = httpx.get(f"{url}/api/projects", headers={"Authorization": f"Token {token}"}, timeout=5)
        problem = None if answer.status_code == 200 else f"{url} answered HTTP {answer.status_code}"
    except httpx.HTTPError as error:
        problem = f"no Label Studio at {url} ({error})"
    if problem is None:
        return url, token
    if os.environ.get("DECLEAN_REQUIRE_LABEL_STUDIO") == "1":
        pytest.fail(f"DECLEAN_REQUIRE_LABEL_STUDIO=1 but {problem}: run .ci/label-studio-up.sh")
    pytest.skip(f"{problem}: run .ci/label-studio-up.sh")


@pytest.fixture(scope="module")
def rest(server: tuple[str, str]) -> Iterator[httpx.Client]:
    """Label Studio's REST API, as a reviewer's browser or script uses it."""
    url, token = server
    with httpx.Client(base_url=url, headers={"Authorization": f"Token {token}"}, timeout=30) as client:
        yield client


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, local_sandbox: LocalSandbox) -> Path:
    return make_dataset(tmp_path_factory.mktemp("ls"), local_sandbox)


def _second_reviewer(rest: httpx.Client) -> int:
    email = f"second-{uuid.uuid4().hex[:8]}@declean.test"
    made = rest.post("/api/users/", json={"email": email, "username": email, "password": "second-reviewer"})
    assert made.status_code == 201, made.text
    return int(made.json()["id"])


def _annotate(
    rest: httpx.Client,
    task_id: int,
    labels: list[str],
    *,
    user: int | None = None,
    answers: dict[str, str] | None = None,
) -> int:
    """Submit an annotation as the token's user (or as ``user``), the way the labeling page does."""
    answers = answers or {}
    result: list[dict[str, Any]] = [
        {
            "from_name": "adequate",
            "to_name": "code",
            "type": "choices",
            "value": {"choices": [answers.get("adequate", "yes")]},
        },
        {
            "from_name": "different",
            "to_name": "code",
            "type": "choices",
            "value": {"choices": [answers.get("different", "yes")]},
        },
    ]
    if labels:
        result.append(
            {"from_name": "labels", "to_name": "code", "type": "choices", "value": {"choices": labels}}
        )
    for label in labels:
        if f"reason_{label}" in answers:
            result.append(
                {
                    "from_name": f"reason_{label}",
                    "to_name": "code",
                    "type": "textarea",
                    "value": {"text": [answers[f"reason_{label}"]]},
                }
            )
    if "comment" in answers:
        result.append(
            {
                "from_name": "comment",
                "to_name": "code",
                "type": "textarea",
                "value": {"text": [answers["comment"]]},
            }
        )
    body: dict[str, Any] = {"result": result, "lead_time": 20.0}
    if user is not None:
        body["completed_by"] = user
    made = rest.post(f"/api/tasks/{task_id}/annotations/", json=body)
    assert made.status_code == 201, made.text
    return int(made.json()["id"])


def _tasks(rest: httpx.Client, project_id: int) -> dict[str, dict[str, Any]]:
    found = rest.get("/api/tasks/", params={"project": project_id, "page_size": 1000, "fields": "all"})
    assert found.status_code == 200, found.text
    return {task["data"]["sample_id"]: task for task in found.json()["tasks"]}


@dataclass
class RoundTrip:
    """A dataset pushed twice, annotated by two reviewers, pulled."""

    url: str
    token: str
    dataset: Path
    title: str
    connection: LabelStudioConnection
    first: PushOutcome
    again: PushOutcome
    train: list[DatasetRecord]
    tasks: dict[str, dict[str, Any]]
    """Record id -> its task right after the first push."""
    tasks_after_second_push: int
    chosen: dict[str, DatasetRecord]
    new_label: str
    outcome: PullOutcome


@pytest.fixture(scope="module")
def round_trip(
    server: tuple[str, str], rest: httpx.Client, built: Path, tmp_path_factory: pytest.TempPathFactory
) -> RoundTrip:
    url, token = server
    dataset = copy_dataset(built, tmp_path_factory.mktemp("round") / "dataset")
    title = f"declean test {uuid.uuid4().hex[:8]}"
    connection = LabelStudioConnection(url, token)
    first = push_dataset(dataset, connection, project=title)
    tasks = _tasks(rest, first.project_id)
    again = push_dataset(dataset, connection, project=title)
    train = [record for record in current_records(dataset) if record.split == "train"]
    accepted = [record for record in train if record.source == "accepted"]
    # The relabelled record has a NO_COMPILE breakage in the split, which must follow it.
    relabel = next(r for r in accepted if any(c.parent_id == r.id and c.source == "breakage" for c in train))
    others = [record for record in accepted if record.id != relabel.id]
    chosen = {"keep": others[0], "reject": others[1], "relabel": relabel, "shared": others[2]}
    new_label = next(name for name in ("SRP", "DRY", "NAME", "MC") if name not in chosen["relabel"].labels)

    second = _second_reviewer(rest)
    _annotate(rest, tasks[chosen["keep"].id]["id"], chosen["keep"].labels)
    _annotate(
        rest,
        tasks[chosen["reject"].id]["id"],
        chosen["reject"].labels,
        answers={"adequate": "no", "comment": "does not read the input"},
    )
    _annotate(
        rest,
        tasks[chosen["relabel"].id]["id"],
        [*chosen["relabel"].labels, new_label],
        answers={f"reason_{new_label}": "see line 3"},
    )
    _annotate(rest, tasks[chosen["shared"].id]["id"], chosen["shared"].labels)
    _annotate(rest, tasks[chosen["shared"].id]["id"], chosen["shared"].labels, user=second)
    outcome = pull_from_label_studio(dataset, connection, project=title)
    return RoundTrip(
        url=url,
        token=token,
        dataset=dataset,
        title=title,
        connection=connection,
        first=first,
        again=again,
        train=train,
        tasks=tasks,
        tasks_after_second_push=len(_tasks(rest, first.project_id)),
        chosen=chosen,
        new_label=new_label,
        outcome=outcome,
    )


def test_a_push_makes_one_task_per_record_with_the_pipeline_labels_and_a_second_push_changes_nothing(
    round_trip: RoundTrip,
) -> None:
    first, again, train = round_trip.first, round_trip.again, round_trip.train
    assert round_trip.connection.whoami() == "reviewer@declean.test"
    assert first.project_created and first.imported == len(train) and first.predictions_added == 0
    assert set(round_trip.tasks) == {record.id for record in train}
    by_id = {record.id: record for record in train}
    for record_id, task in round_trip.tasks.items():
        predicted = [p for p in task["predictions"] if p["model_version"] == "v1"]
        assert len(predicted) == 1
        choices = [r["value"]["choices"] for r in predicted[0]["result"] if r["from_name"] == "labels"]
        assert sorted(choices[0] if choices else []) == sorted(by_id[record_id].labels)
        assert task["data"]["code"].splitlines()[0].strip().startswith("1 | ")
    assert (again.project_created, again.config_updated, again.imported, again.predictions_added) == (
        False,
        False,
        0,
        0,
    )
    assert again.unchanged == len(train) and round_trip.tasks_after_second_push == len(train)


def test_the_pull_applies_accept_reject_relabel_and_two_reviewers_into_a_new_version(
    round_trip: RoundTrip,
) -> None:
    chosen, outcome = round_trip.chosen, round_trip.outcome
    assert outcome.created and outcome.version == "v2"
    assert outcome.counts() == {"accept": 2, "reject": 1, "relabel": 1}
    store = DatasetDir(round_trip.dataset)
    index = store.existing_index()
    version = index.version()
    records = {record.id: record for record in store.records(version)}
    assert chosen["reject"].id not in records
    assert [record.id for record in store.rejected(version)] == [chosen["reject"].id]
    assert round_trip.new_label in records[chosen["relabel"].id].labels
    shared = records[chosen["shared"].id].review
    assert shared is not None and len(shared.reviewers) == 2
    entries = ReviewJournal(round_trip.dataset).entries(index)
    assert {entry.record_id for entry in entries} == {record.id for record in chosen.values()}
    for entry in entries:
        assert (
            entry.source == "label-studio"
            and entry.project == f"{round_trip.url}#{round_trip.first.project_id}"
        )
        assert entry.task_id == round_trip.tasks[entry.record_id]["id"] and entry.annotation_ids
        assert all(reviewer.endswith("@declean.test") for reviewer in entry.reviewers)
    rejected = next(entry for entry in entries if entry.action == "reject")
    assert "not an adequate solution: does not read the input" in rejected.reason
    relabelled = next(entry for entry in entries if entry.action == "relabel")
    assert f"+{round_trip.new_label} (see line 3)" in relabelled.reason
    assert round_trip.token not in (round_trip.dataset / "review.jsonl").read_text(encoding="utf-8")


def test_stats_count_the_round_trip(round_trip: RoundTrip) -> None:
    stats = review_stats(round_trip.dataset)
    assert stats.reviewed == 4 and stats.multi_reviewed == 1 and len(stats.reviewers) == 2
    row = next(row for row in stats.pipeline if row.question == round_trip.new_label)
    assert row.pairs == 4 and row.agreement == pytest.approx(3 / 4)
    inter = next(row for row in stats.inter_annotator if row.question == "reject")
    assert inter.pairs == 1 and inter.agreement == 1.0
    assert any(row.rejected == 1 and row.facet == "source" for row in stats.rejections)


def test_after_the_pull_a_push_adds_only_the_relabel_and_a_pull_decides_nothing(
    round_trip: RoundTrip,
) -> None:
    connection, title = round_trip.connection, round_trip.title
    assert not pull_from_label_studio(round_trip.dataset, connection, project=title).entries
    pushed = push_dataset(round_trip.dataset, connection, project=title)
    # The relabelled record and its NO_COMPILE breakages in the split, whose labels followed it.
    relabel = next(e for e in ReviewJournal(round_trip.dataset).entries() if e.action == "relabel")
    train = {record.id for record in round_trip.train}
    changed = 1 + len([child for child in relabel.relabelled_children if child in train])
    assert changed >= 2
    assert (pushed.imported, pushed.predictions_added) == (0, changed)
    assert push_dataset(round_trip.dataset, connection, project=title).predictions_added == 0
    unreviewed = push_dataset(round_trip.dataset, connection, project=title, only_unreviewed=True)
    assert unreviewed.skipped_reviewed == 3 and unreviewed.imported == 0


def test_an_export_downloaded_by_hand_decides_the_same(
    round_trip: RoundTrip, rest: httpx.Client, built: Path, tmp_path: Path
) -> None:
    exported = rest.get(f"/api/projects/{round_trip.first.project_id}/export", params={"exportType": "JSON"})
    assert exported.status_code == 200, exported.text
    export_file = tmp_path / "project-export.json"
    export_file.write_bytes(exported.content)
    if os.environ.get("DECLEAN_SAVE_LABEL_STUDIO_EXPORT"):
        Path(os.environ["DECLEAN_SAVE_LABEL_STUDIO_EXPORT"]).write_bytes(exported.content)
    fresh = copy_dataset(built, tmp_path / "fresh")
    by_hand = pull_from_export(fresh, export_file)
    assert by_hand.counts() == round_trip.outcome.counts()
    store = DatasetDir(fresh)
    assert [record.id for record in store.rejected(store.existing_index().version())] == [
        round_trip.chosen["reject"].id
    ]


def test_a_bad_token_and_a_missing_project_are_clear_errors(server: tuple[str, str], built: Path) -> None:
    url, token = server
    with pytest.raises(ReviewError, match="refused the token") as caught:
        LabelStudioConnection(url, "f" * 40).whoami()
    assert "f" * 40 not in str(caught.value)
    with pytest.raises(ReviewError, match="no project titled 'declean: nowhere'"):
        pull_from_label_studio(built, LabelStudioConnection(url, token), project="declean: nowhere")
