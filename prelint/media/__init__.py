"""The media engine: probe a video, analyse it in one decode pass, cache the facts.

Importing this package is light: OpenCV, PyAV and numpy-heavy code load only when
``probe`` or ``analyze`` is called. The data path, module by module, is described in
prelint.media.analysis.
"""

from __future__ import annotations

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
    """Container facts without decoding. Raises InputError for unusable files. See
    prelint.media.container."""
    from prelint.media.container import probe as _probe

    return _probe(path)


def analyze(path: "str | Path", settings: AnalysisSettings | None = None, **kwargs: Any) -> MediaFacts:
    """One decode pass -> MediaFacts (cached by content hash). See prelint.media.analysis."""
    from prelint.media.analysis import analyze as _analyze

    return _analyze(path, settings if settings is not None else AnalysisSettings(), **kwargs)


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
