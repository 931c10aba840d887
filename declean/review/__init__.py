"""Human review of a dataset: Label Studio push and pull, the review journal, agreement statistics.

``push_dataset`` makes a Label Studio project of a dataset split; ``apply_reviews`` applies reviewers'
verdicts (from the server or an export file) as a new dataset version, every decision in
``review.jsonl``; ``review_stats`` says how reviewers and the pipeline agree.
"""

from declean.review.apply import PullOutcome, apply_reviews
from declean.review.config import label_config
from declean.review.decide import Decision, decide
from declean.review.journal import ReviewEntry, ReviewJournal
from declean.review.label_studio import LabelStudioConnection
from declean.review.push import PushOutcome, push_dataset
from declean.review.stats import ReviewStats, review_stats
from declean.review.verdicts import TaskReview, Verdict, parse_export, read_export

__all__ = [
    "Decision",
    "LabelStudioConnection",
    "PullOutcome",
    "PushOutcome",
    "ReviewEntry",
    "ReviewJournal",
    "ReviewStats",
    "TaskReview",
    "Verdict",
    "apply_reviews",
    "decide",
    "label_config",
    "parse_export",
    "push_dataset",
    "read_export",
    "review_stats",
]
