"""The dataset card: ``README.md`` with the YAML metadata the Hugging Face Hub and ``load_dataset`` read,
and prose saying how the current version was made (a Jinja2 template, ``templates/card.md.j2``)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from jinja2 import Environment, PackageLoader, StrictUndefined

from declean.data.records import DatasetRecord
from declean.data.split import CLEAN
from declean.data.store import DATA_DIR, VERSIONS_DIR, DatasetIndex
from declean.errors import ConfigurationError
from declean.principles import REGISTRY


def render_card(index: DatasetIndex, records: list[DatasetRecord], *, name: str, test_uses: int = 0) -> str:
    """The card of ``index``'s current version, whose records are ``records``."""
    current = index.version()
    environment = Environment(
        loader=PackageLoader("declean.data", "templates"),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )
    prompt_hashes: dict[str, set[str]] = defaultdict(set)
    for record in records:
        for prompt, value in record.prompt_hashes.items():
            prompt_hashes[prompt].add(value[:12])
    no_compile = current.no_compile.natural + current.no_compile.breakage + current.no_compile.feedback
    feedback_exports = [run for run in current.runs if run.settings.get("kind") == "feedback"]
    return environment.get_template("card.md.j2").render(
        name=name,
        current=current,
        versions=index.versions,
        settings=current.settings,
        size_category=size_category(current.records),
        version_paths={v.name: f"{VERSIONS_DIR}/{v.name}/{DATA_DIR}" for v in index.versions},
        runs=[run for run in current.runs if run.settings.get("kind") != "feedback"],
        feedback_exports=feedback_exports,
        feedback_records=sum(record.source == "feedback" for record in records),
        version_dirs={v.name: f"{VERSIONS_DIR}/{v.name}" for v in index.versions},
        principle_names=", ".join(f"`{label}`" for label in current.label_names if label != "NO_COMPILE"),
        label_rows=[_label_row(label) for label in current.label_names],
        columns=[*current.label_names, CLEAN],
        run_models={run.run_id: _models(run.settings) for run in current.runs},
        run_strategies={run.run_id: _strategies(run.settings) for run in current.runs},
        prompt_hashes={prompt: sorted(values) for prompt, values in sorted(prompt_hashes.items())},
        no_compile_share=no_compile / current.records if current.records else 0.0,
        test_uses=test_uses,
    )


def size_category(records: int) -> str:
    """The Hub's ``size_categories`` value for ``records`` rows."""
    for bound, label in (
        (1_000, "n<1K"),
        (10_000, "1K<n<10K"),
        (100_000, "10K<n<100K"),
        (1_000_000, "100K<n<1M"),
    ):
        if records < bound:
            return label
    return "1M<n<10M"


@dataclass(frozen=True)
class _LabelRow:
    name: str
    definition: str


def _label_row(label: str) -> _LabelRow:
    try:
        definition = REGISTRY.get(label).definition
    except ConfigurationError:
        definition = "(not registered in this declean)"
    return _LabelRow(label, " ".join(definition.split()).replace("|", "\\|"))


def _models(settings: dict[str, object]) -> str:
    default = str(settings.get("model", "?"))
    per_role = settings.get("role_models")
    roles = per_role if isinstance(per_role, dict) else {}
    models = [str(roles.get(role, default)) for role in ("generator", "fixer", "declean", "judge")]
    return models[0] + " (all roles)" if len(set(models)) == 1 else " / ".join(models)


def _strategies(settings: dict[str, object]) -> str:
    strategies = settings.get("strategies")
    if not isinstance(strategies, dict):
        return "?"
    return ", ".join(f"{label} {strategy}" for label, strategy in strategies.items())
