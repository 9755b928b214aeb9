"""The media engine: probe a video, analyse it in one decode pass, cache the facts.

Importing this package is light: OpenCV, PyAV and numpy-heavy code load only when
``probe`` or ``analyze`` is called.
"""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING, Any

from prelint.media.facts import (
    AnalysisSettings,
    AudioFacts,
    Bars,
    FrameSeries,
    MediaFacts,
    ProbeFacts,
    SampledFrame,
    Shot,
    Silence,
    Transition,
)

if TYPE_CHECKING:
    from pathlib import Path


def probe(path: "str | Path") -> ProbeFacts:
    """Container facts without decoding. Raises InputError for unusable files."""
    from prelint.media.probe import probe as _probe

    return _probe(path)


def analyze(path: "str | Path", settings: AnalysisSettings | None = None, **kwargs: Any) -> MediaFacts:
    """One decode pass -> MediaFacts (cached by content hash). See prelint.media.analyze."""
    from prelint.media.analyze import analyze as _analyze

    return _analyze(path, settings if settings is not None else AnalysisSettings(), **kwargs)


class _MediaPackage(types.ModuleType):
    """Keeps `prelint.media.probe` / `.analyze` the functions: importing the submodules of the
    same name (`from prelint.media.probe import ...`) would otherwise rebind them to modules,
    and every later `from prelint.media import probe` got a module ('module' object is not callable).
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if name in ("probe", "analyze") and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _MediaPackage

__all__ = [
    "AnalysisSettings",
    "AudioFacts",
    "Bars",
    "FrameSeries",
    "MediaFacts",
    "ProbeFacts",
    "SampledFrame",
    "Shot",
    "Silence",
    "Transition",
    "analyze",
    "probe",
]
