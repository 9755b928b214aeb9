"""Generated media fixtures for the media-engine tests (session scoped, deterministic)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from fixtures.synth import (
    AudioSpec,
    GroundTruth,
    ShotSpec,
    TransitionSpec,
    VideoSpec,
    make_video,
)


@dataclass(frozen=True)
class Clip:
    path: Path
    truth: GroundTruth
    spec: VideoSpec

    @property
    def frame_s(self) -> float:
        return 1.0 / self.spec.fps


SPECS: dict[str, VideoSpec] = {
    # hard cuts at 2.0 and 3.5 s, a 2-frame flash at 1.0 s, speech from 2.5 s
    "cuts": VideoSpec(
        shots=(ShotSpec(2.0, 1), ShotSpec(1.5, 2), ShotSpec(2.0, 3)),
        flashes=(1.0,), grain=6.0,
        audio=AudioSpec(sounds=((2.5, 4.5, "speech"), (5.0, 5.5, "tone"))),
    ),
    # dissolve, then a fade out / fade in through black
    "gradual": VideoSpec(
        shots=(ShotSpec(2.0, 4), ShotSpec(2.0, 5), ShotSpec(2.0, 6)),
        transitions=(TransitionSpec("dissolve", 0.5), TransitionSpec("fade", 0.4, 0.2)),
    ),
    # one shot, very fast pan, no cut
    "pan": VideoSpec(shots=(ShotSpec(3.0, 7, pan_px_per_s=1100.0, tilt_px_per_s=300.0),)),
    # stored 640x360 with 90 degree rotation, letterboxed, one cut at 1.0 s
    "rotated": VideoSpec(shots=(ShotSpec(1.0, 8), ShotSpec(1.0, 9)), width=640, height=360,
                         rotation=90, letterbox_px=40),
    # variable frame rate: every 3rd frame dropped, cut at 1.5 s
    "vfr": VideoSpec(shots=(ShotSpec(1.5, 10), ShotSpec(1.5, 11)), vfr_drop_every=3),
    # B-frame encode with a fixed GOP and no scene-cut keyframes: after the hook window the
    # decoder skips unreferenced frames; cuts at 3.7 s and 5.2 s
    "bframes": VideoSpec(shots=(ShotSpec(3.7, 12), ShotSpec(1.5, 13), ShotSpec(1.3, 14)),
                         preset="medium", gop=30, extra_args=("-x264-params", "scenecut=0")),
}


@pytest.fixture(scope="session")
def media_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("media")


class MadeOnFirstUse(Mapping[str, Any]):
    """SPECS by name, each value made on first use: a test file that reads one clip renders one."""

    def __init__(self, make: Callable[[str], Any]) -> None:
        self._make = make
        self._made: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in SPECS:
            raise KeyError(name)
        if name not in self._made:
            self._made[name] = self._make(name)
        return self._made[name]

    def __iter__(self) -> Iterator[str]:
        return iter(SPECS)

    def __len__(self) -> int:
        return len(SPECS)


@pytest.fixture(scope="session")
def clips(media_dir: Path) -> Mapping[str, Clip]:
    def render(name: str) -> Clip:
        path = media_dir / f"{name}.mp4"
        return Clip(path, make_video(path, SPECS[name]), SPECS[name])

    return MadeOnFirstUse(render)


@pytest.fixture(scope="session")
def analysed(clips: Mapping[str, Clip]):  # noqa: ANN201
    from prelint.media import analyze

    return MadeOnFirstUse(lambda name: analyze(clips[name].path, use_cache=False))


@pytest.fixture
def started_segments(monkeypatch: pytest.MonkeyPatch) -> list:
    """Every decode stretch started during the test, in order (DecodeProcess's first argument)."""
    from prelint.media.ffmpeg_process import DecodeProcess

    started: list = []
    original = DecodeProcess.__init__

    def record(self, segment, *args, **kwargs):  # type: ignore[no-untyped-def]
        started.append(segment)
        original(self, segment, *args, **kwargs)

    monkeypatch.setattr(DecodeProcess, "__init__", record)
    return started
