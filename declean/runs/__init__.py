"""Whole runs: concurrency, checkpoints and resume, the output directory, the summary."""

from declean.runs.manifest import MANIFEST_FILE, RunManifest
from declean.runs.output import PROBLEMS_FILE, REJECTIONS_FILE, SAMPLES_FILE, SUMMARY_FILE, OutputDir
from declean.runs.runner import run_problems, run_problems_async
from declean.runs.summary import RunSummary

__all__ = [
    "MANIFEST_FILE",
    "PROBLEMS_FILE",
    "REJECTIONS_FILE",
    "SAMPLES_FILE",
    "SUMMARY_FILE",
    "OutputDir",
    "RunManifest",
    "RunSummary",
    "run_problems",
    "run_problems_async",
]
