"""Providers of the shared facts (see prelint.context.FACT_PROVIDERS). Heavy imports happen here, lazily."""

from __future__ import annotations

from typing import Any

from prelint.context import Facts
from prelint.errors import Skip


def _video(facts: Facts) -> Any:
    if facts.draft.video is None:
        raise Skip("no video given")
    return facts.draft.video


def _analysis_started(facts: Facts) -> float:
    """When the draft's analysis clock started (its probe's start): the probe and the analysis
    share one `analysis-time-limit-s`."""
    import time

    if facts.analysis_started is None:
        facts.analysis_started = time.monotonic()
    return facts.analysis_started


def analysis_deadline(facts: Facts) -> Any:
    """The draft's analysis deadline (Deadline), started with its probe."""
    from prelint.media.deadline import Deadline

    return Deadline(facts.config.analysis_time_limit_s, _analysis_started(facts))


def provide_probe(facts: Facts) -> Any:
    from prelint.media.container import probe

    return probe(_video(facts), analysis_deadline(facts))


def provide_media(facts: Facts) -> Any:
    from prelint.media.analysis import analyze
    from prelint.media.facts import AnalysisSettings

    video = _video(facts)
    probed = facts.get("probe")  # a broken file fails here with the probe's clear message
    settings = AnalysisSettings(analysis_time_limit_s=facts.config.analysis_time_limit_s,
                                decode_workers=facts.decode_workers)
    progress = None
    if facts.progress is not None:
        report = facts.progress
        label = str(video)

        def progress(fraction: float) -> None:
            report(label, fraction)

    return analyze(video, settings, progress=progress, use_cache=facts.config.cache,
                   probed=probed, started=_analysis_started(facts))


def provide_text(facts: Facts) -> Any:
    from prelint.text import build_text_facts

    return build_text_facts(facts.draft, facts.config)


def provide_content(facts: Facts) -> Any:
    from prelint.content import build_content

    return build_content(facts)
