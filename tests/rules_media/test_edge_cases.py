"""Degenerate media facts never crash a rule: they pass or skip with a reason."""

from __future__ import annotations

from dataclasses import replace

import pytest

from prelint.media.facts import FrameSeries
from prelint.model import Status
from tests.rules_media.drafts import MEDIA_RULES
from tests.rules_media.factories import make_media, run


def empty_series():
    return replace(make_media(duration_s=2.0), series=FrameSeries(), shots=())


@pytest.mark.parametrize("code", MEDIA_RULES)
@pytest.mark.parametrize("media_factory", [
    empty_series,
    lambda: make_media(duration_s=1 / 30),  # a single frame
    lambda: make_media(duration_s=1.0, black_until_s=1.0),  # all black
    lambda: make_media(duration_s=0.5, fps=60.0, cuts=[0.25]),  # shorter than every window
], ids=["no-frames", "one-frame", "all-black", "half-second"])
def test_degenerate_media_passes_or_skips(code, media_factory) -> None:
    result = run(code, media_factory())  # a crashing check raises CheckCrashed here
    if result.status is Status.SKIPPED:
        assert result.reason
    for finding in result.findings:
        assert finding.hint and finding.evidence


def test_all_black_video_reports_the_black_opening_not_a_crash() -> None:
    media = make_media(duration_s=2.0, black_until_s=2.0)
    assert run("HOOK003", media).status is Status.WARN
    assert run("HOOK002", media).status is Status.SKIPPED
    assert run("PACE001", media).status is Status.SKIPPED
