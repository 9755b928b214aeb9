"""SPEC011 damaged-video: decoder damage reports counted over the one decode pass."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

import prelint

SAMPLE = Path(__file__).resolve().parents[2] / "fixtures" / "sample" / "sample.mp4"


def _damaged(folder: Path, spots: int) -> Path:
    data = bytearray(SAMPLE.read_bytes())
    start = data.find(b"mdat") + 40_000
    rng = random.Random(7)
    for k in range(spots):
        at = start + k * 60_000
        data[at : at + 600] = bytes(rng.randrange(256) for _ in range(600))
    path = folder / f"damaged{spots}.mp4"
    path.write_bytes(bytes(data))
    return path


def _result(path: Path):  # type: ignore[no-untyped-def]
    return prelint.lint(path, select=["SPEC011"], config={"cache": False, "ocr": False}).result("damaged-video")


def test_a_clean_video_passes() -> None:
    result = _result(SAMPLE)
    assert not result.findings and result.metrics["decode_errors"] == 0


@pytest.mark.parametrize("spots", [1, 6])
def test_bytes_damaged_in_the_stream_are_reported_with_what_the_decoder_said(spots: int, tmp_path: Path) -> None:
    (finding,) = _result(_damaged(tmp_path, spots)).findings
    assert finding.code == "SPEC011" and finding.evidence["decode_errors"] >= 1
    assert finding.evidence["examples"] and all("@" in e for e in finding.evidence["examples"])
