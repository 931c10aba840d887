"""Detectors: C source in, labels with explanations and locations out, all behind one small interface.

Built in: ``lint`` (the static measures), ``llm`` (the detection prompt on a chat model), ``hybrid`` (the
prompt with the static evidence in it), ``trained`` (a scikit-learn classifier fitted on a dataset's train
split). Your own is any object with a ``name`` and a ``detect(source) -> Detection``
(:class:`~declean.detect.base.Detector`); on the command line name it ``package.module:attribute`` (an
instance, or a callable taking no arguments that returns one).
"""

from __future__ import annotations

import importlib
from pathlib import Path

from langchain_core.language_models import BaseChatModel

from declean.detect.base import Detection, Detector, Finding, Location
from declean.errors import ConfigurationError
from declean.models.cache import ModelCache

DETECTOR_NAMES = ("lint", "llm", "hybrid", "trained")
MODEL_DETECTORS = frozenset({"llm", "hybrid"})


def make_detector(
    name: str,
    *,
    model: BaseChatModel | None = None,
    cache: ModelCache | None = None,
    prompt_file: Path | None = None,
    model_file: Path | None = None,
) -> Detector:
    """The detector called ``name``; ``llm``/``hybrid`` need ``model``, ``trained`` needs ``model_file``."""
    if name == "lint":
        from declean.detect.lint import LintDetector

        return LintDetector()
    if name in MODEL_DETECTORS:
        if model is None:
            raise ConfigurationError(f"the {name} detector needs a chat model")
        from declean.detect.llm import LLMDetector

        return LLMDetector(model, hybrid=name == "hybrid", cache=cache, prompt_file=prompt_file)
    if name == "trained":
        if model_file is None:
            raise ConfigurationError(
                "the trained detector needs --model-file (make one with `declean detect train DATASET`)"
            )
        from declean.detect.trained import TrainedDetector

        return TrainedDetector(model_file)
    if ":" in name:
        return _imported(name)
    raise ConfigurationError(
        f"unknown detector {name!r}: use one of {', '.join(DETECTOR_NAMES)} or package.module:attribute"
    )


def _imported(path: str) -> Detector:
    module_name, _, attribute = path.partition(":")
    try:
        found = getattr(importlib.import_module(module_name), attribute)
    except (ImportError, AttributeError) as error:
        raise ConfigurationError(f"cannot import detector {path!r}: {error}") from error
    made_by_call = isinstance(found, type) or (callable(found) and not isinstance(found, Detector))
    detector = found() if made_by_call else found
    if not isinstance(detector, Detector):
        raise ConfigurationError(f"{path!r} is not a detector: it needs a name and a detect(source) method")
    return detector


__all__ = [
    "DETECTOR_NAMES",
    "MODEL_DETECTORS",
    "Detection",
    "Detector",
    "Finding",
    "Location",
    "make_detector",
]
