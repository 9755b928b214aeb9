"""SPEC010 loudness: FFmpeg's EBU R128 meter (integrated LUFS, sample peak) in the one audio decode,
and flattened peaks counted in the samples prelint analyses."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

import prelint
from prelint.media.ffmpeg_process import ffmpeg_exe


def _draft(folder: Path, name: str, audio_filter: str) -> Path:
    path = folder / f"{name}.mov"  # PCM sound: a clipped signal stays clipped in the file
    subprocess.run([ffmpeg_exe(), "-v", "error", "-nostdin", "-y",
                    "-f", "lavfi", "-i", "testsrc2=s=180x320:r=30:d=4",
                    "-f", "lavfi", "-i", "anoisesrc=color=pink:amplitude=0.25:d=4:r=48000",
                    "-af", audio_filter, "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "pcm_s16le",
                    "-shortest", str(path)], check=True, timeout=120)
    return path


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("loudness")
    return {"normal": _draft(folder, "normal", "volume=8dB"),
            "quiet": _draft(folder, "quiet", "volume=-24dB"),
            "clipped": _draft(folder, "clipped", "volume=24dB")}


def _result(path: Path):  # type: ignore[no-untyped-def]
    return prelint.lint(path, select=["SPEC010"], config={"cache": False, "ocr": False}).result("loudness")


def test_an_ordinary_mix_passes_with_its_figures(drafts: dict[str, Path]) -> None:
    result = _result(drafts["normal"])
    assert not result.findings
    assert -24 < result.metrics["integrated_lufs"] < -12
    assert result.metrics["clipped_share"] == 0


def test_a_quiet_mix_is_reported_with_how_much_to_raise_it(drafts: dict[str, Path]) -> None:
    (finding,) = _result(drafts["quiet"]).findings
    assert finding.code == "SPEC010" and "quiet" in finding.message
    lufs = finding.evidence["integrated_lufs"]
    assert lufs < -27 and f"{-14 - lufs:.0f} dB" in finding.hint


def test_clipping_is_reported(drafts: dict[str, Path]) -> None:
    findings = _result(drafts["clipped"]).findings
    clipping = [f for f in findings if "clips" in f.message]
    assert clipping and clipping[0].evidence["clipped_share"] > 0.001
    assert clipping[0].evidence["peak_dbfs"] > -0.5
