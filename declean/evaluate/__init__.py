"""Evaluating detectors on a dataset split: scores per label with intervals that resample problems,
side by side, with every prediction kept (:mod:`~declean.evaluate.evaluation`)."""
