"""``declean dataset info``: what a dataset directory holds, as one serialisable report."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict

from declean.data.ledger import Ledger, LedgerEntry
from declean.data.store import DatasetDir, VersionInfo
from declean.runs.balance import LabelBalance, label_balance


class DatasetInfo(BaseModel):
    """A dataset's versions, the chosen version's numbers, its label co-occurrence and the ledger."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    path: str
    current: str
    versions: list[VersionInfo]
    version: VersionInfo
    """The version described in detail (the current one unless asked otherwise)."""
    co_occurrence: LabelBalance
    """Each label's share of the version's records and the phi coefficient of every pair."""
    ledger: list[LedgerEntry]


def dataset_info(path: Path, version: str | None = None) -> DatasetInfo:
    """Read ``path``'s index, ``version``'s records and the ledger."""
    store = DatasetDir(path)
    index = store.existing_index()
    chosen = index.version(version)
    records = store.records(chosen)
    return DatasetInfo(
        path=str(path),
        current=index.version().name,
        versions=index.versions,
        version=chosen,
        co_occurrence=label_balance([record.labels for record in records], chosen.label_names),
        ledger=Ledger(path).entries(),
    )
