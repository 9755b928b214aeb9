"""Hand-built reports for format tests: a video draft with media facts, frames and subtitles, a text draft, an error."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from prelint.content.model import ContentText, TextSpan
from prelint.draft import Draft
from prelint.formats import DraftError, RunOutput
from prelint.media.facts import AudioFacts, FrameSeries, MediaFacts, ProbeFacts, SampledFrame, Shot, Silence, Transition
from prelint.model import Finding, Level, Report, RuleResult, Status
from prelint.registry import load_rules

HOSTILE_TITLE = '<script>alert("x")</script> 震惊！3个技巧 & "quotes"'
HOSTILE_SUBTITLE = "<img src=x onerror=alert(1)>字幕"


def frame_image(seed: int, height: int = 64, width: int = 36) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return rng.integers(0, 255, size=(height, width, 3), dtype=np.uint8)


def video_media(path: str, duration_s: float = 6.0) -> MediaFacts:
    times = tuple(round(i / 10, 2) for i in range(int(duration_s * 10)))
    probe = ProbeFacts(
        path=path, size_bytes=123456, duration_s=duration_s, width=360, height=640, coded_width=360, coded_height=640,
        rotation=0, fps=30.0, is_vfr=False, video_codec="h264", audio_codec="aac", has_audio=True,
        bitrate_bps=800000, frame_count=int(duration_s * 30),
    )
    frames = (
        SampledFrame(0.0, "first", frame_image(1)),
        *(SampledFrame(t, "hook", frame_image(int(t * 10) + 2)) for t in (0.5, 1.0, 1.5, 2.0, 2.5)),
        SampledFrame(4.0, "shot", frame_image(99)),
    )
    return MediaFacts(
        probe=probe,
        shots=(Shot(0.0, 2.0), Shot(2.5, 6.0)),
        transitions=(Transition("dissolve", 2.0, 2.5),),
        series=FrameSeries(times_s=times, diff=tuple(0.01 for _ in times), motion=tuple(float(i % 7) for i in range(len(times)))),
        audio=AudioFacts(
            has_audio=True, first_sound_s=0.8, silences=(Silence(0.0, 0.8),), loudness_lufs=-16.0,
            loudness_times_s=times, loudness_db=tuple(-60.0 if t < 0.8 else -18.0 for t in times), sample_rate=48000,
        ),
        frames=frames,
        settings_key="test",
        analysis_seconds=0.1,
    )


def video_report(path: str) -> Report:
    content = ContentText(
        subtitles=(TextSpan(1.0, 2.5, "第一句", "subtitles"), TextSpan(3.0, 4.5, HOSTILE_SUBTITLE, "subtitles")),
        screen=(TextSpan(0.0, 1.5, "屏幕文字", "screen", box=(1, 2, 3, 4), confidence=0.9),),
    )
    slow = Finding(
        "HOOK001", "slow-start", Level.WARN, "Nothing changes before 2.0 s", hint="Cut the first 1.5 s",
        start_s=0.0, end_s=2.0, evidence={"first_change_s": 2.0},
    )
    title = Finding(
        "SPEC001", "title-length", Level.ERROR, "Title is 40 characters", hint="Cut 10 characters",
        field="title", start=30, end=40, evidence={"chars": 40, "title": HOSTILE_TITLE},
    )
    subtitle = Finding(
        "MATCH001", "duration-claim", Level.INFO, "Subtitle says something", field="subtitles", start=4, end=8,
        evidence={"text": HOSTILE_SUBTITLE},
    )
    rules = (
        RuleResult("HOOK001", "slow-start", Status.WARN, (slow,), {"first_change_s": 2.0}),
        RuleResult("SPEC001", "title-length", Status.ERROR, (title,), {"chars": 40, "limit": 30}),
        RuleResult("MATCH001", "duration-claim", Status.INFO, (subtitle,)),
        RuleResult("SPEC002", "hashtag-count", Status.PASS, (), {"hashtags": 2}),
        RuleResult("PACE003", "dead-air", Status.SKIPPED, reason="no audio track"),
    )
    return Report(path=path, rules=rules, platform="douyin", media=video_media(path), content=content)


def text_report() -> Report:
    finding = Finding("SPEC002", "hashtag-count", Level.INFO, "No hashtag", hint="Add 2–3 topics", field="hashtags")
    return Report(path=None, rules=(RuleResult("SPEC002", "hashtag-count", Status.INFO, (finding,)),), platform="douyin")


@pytest.fixture
def sample_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> RunOutput:
    """Two drafts (a video 'my clip.mp4' in a folder with a space, a text-only draft) and one unreadable file."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "drafts 2024"
    folder.mkdir()
    video = folder / "my clip.mp4"
    video.write_bytes(b"")
    rel = "drafts 2024/my clip.mp4"
    rules = load_rules()
    drafts = (
        Draft(video=video, title=HOSTILE_TITLE, caption="caption <b>bold</b>", hashtags=("美食",)),
        Draft(title="plain"),
    )
    return RunOutput(
        reports=(video_report(rel), text_report()),
        draft_errors=(DraftError("drafts 2024/broken.mp4", "not a video file (moov atom not found)"),),
        rules={code: rules[code] for code in ("SPEC001", "SPEC002") if code in rules},
        fail_on=Level.WARN,
        version="0.1.0",
        drafts=drafts,
    )
