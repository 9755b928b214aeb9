"""The analysis time limit holds however long a video says it is.

A Matroska file of a few seconds whose Segment Duration is patched to 1e15 (ticks of 1 ms:
~30,000 years) must not make the decode plan seek its way through the declared length: the
run ends within `analysis-time-limit-s` plus start-up, with a result or a one-line error,
and its memory stays bounded.
"""

from __future__ import annotations

import json
import struct
import subprocess
import sys
from pathlib import Path

import pytest

resource = pytest.importorskip("resource")

#: The configured analysis time limit (s) of these runs.
LIMIT_S = 2.0
#: Interpreter start-up and imports, before the draft's clock starts (the probe runs on it).
MARGIN_S = 8.0
#: Peak resident memory (MiB) of any process of one run.
MAX_RSS_MIB = 1024
#: Declared Segment Duration (in TimestampScale ticks, 1 ms by default).
DECLARED_DURATION = 1e15

INFO_ID = b"\x15\x49\xa9\x66"
DURATION_ID = b"\x44\x89"

# Runs `cmd` (argv as JSON) in its own session with a time limit; prints the exit status, the
# wall time and the peak RSS of the run's processes (its decoders are its children, reaped).
_MEASURE = r"""
import json, os, resource, signal, subprocess, sys, time
cmd, timeout_s = json.loads(sys.argv[1]), float(sys.argv[2])
started = time.monotonic()
proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
try:
    out, err = proc.communicate(timeout=timeout_s)
    code = proc.returncode
except subprocess.TimeoutExpired:
    os.killpg(proc.pid, signal.SIGKILL)
    out, err = proc.communicate()
    code = None
elapsed = time.monotonic() - started
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
rss_mib = rss / (1 << 20) if sys.platform == "darwin" else rss / 1024
print(json.dumps({"code": code, "elapsed_s": elapsed, "rss_mib": rss_mib,
                  "stdout": out.decode(errors="replace")[-4000:], "stderr": err.decode(errors="replace")[-4000:]}))
"""


def _ffmpeg() -> str:
    import imageio_ffmpeg

    return imageio_ffmpeg.get_ffmpeg_exe()


def _mkv_declaring(path: Path, declared: float) -> Path:
    """A 6 s H.264 + AAC Matroska file (~300 KB, a keyframe every second) whose Segment
    Duration says `declared` ticks."""
    subprocess.run([_ffmpeg(), "-y", "-hide_banner", "-loglevel", "error",
                    "-f", "lavfi", "-i", "testsrc2=s=320x180:r=30:d=6",
                    "-f", "lavfi", "-i", "sine=f=440:d=6",
                    "-c:v", "libx264", "-preset", "ultrafast", "-g", "30", "-pix_fmt", "yuv420p",
                    "-c:a", "aac", "-shortest", str(path)], check=True, capture_output=True)
    data = bytearray(path.read_bytes())
    info = data.find(INFO_ID)
    at = data.find(DURATION_ID, info)
    assert info >= 0 and at > info, "no Segment Info / Duration element written"
    size_byte = data[at + 2]
    assert size_byte in (0x84, 0x88), f"unexpected Duration size {size_byte:#x}"
    size = size_byte & 0x0F
    data[at + 3 : at + 3 + size] = struct.pack(">d" if size == 8 else ">f", declared)
    path.write_bytes(bytes(data))
    return path


def _measure(cmd: list[str], cwd: Path, env: dict[str, str], timeout_s: float) -> dict:
    run = subprocess.run([sys.executable, "-c", _MEASURE, json.dumps(cmd), str(timeout_s)],
                         capture_output=True, text=True, cwd=cwd, env=env, timeout=timeout_s + 30)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


@pytest.fixture()
def hostile(tmp_path: Path) -> Path:
    return _mkv_declaring(tmp_path / "declares_forever.mkv", DECLARED_DURATION)


@pytest.fixture()
def env(tmp_path: Path) -> dict[str, str]:
    import os

    env = dict(os.environ)
    env.pop("PRELINT_DEBUG", None)
    env.update(PRELINT_CACHE_DIR=str(tmp_path / "cache"), XDG_CACHE_HOME=str(tmp_path / "xdg"), NO_COLOR="1",
               PRELINT_DECODE_WORKERS="2")  # two decode workers: the plan cuts the video into stretches
    return env


def test_lint_ends_within_the_time_limit_with_bounded_memory(hostile: Path, env: dict[str, str]) -> None:
    folder = hostile.parent
    (folder / "prelint.toml").write_text(f"analysis-time-limit-s = {LIMIT_S}\n")
    # the rules that read the media facts (the text rules have nothing to read in this draft)
    cmd = [sys.executable, "-m", "prelint.cli", "lint", "--no-cache", "--no-ocr", "--select", "HOOK,PACE,SPEC",
           "--config", str(folder / "prelint.toml"), hostile.name]
    run = _measure(cmd, folder, env, LIMIT_S + MARGIN_S)
    report = f"exit {run['code']} after {run['elapsed_s']:.1f} s\nstderr:\n{run['stderr']}"
    assert run["code"] is not None, f"still running after {LIMIT_S + MARGIN_S:g} s (limit {LIMIT_S:g} s)\n{report}"
    assert run["elapsed_s"] < LIMIT_S + MARGIN_S, report
    assert run["rss_mib"] < MAX_RSS_MIB, f"peak RSS {run['rss_mib']:.0f} MiB\n{report}"
    assert "Traceback" not in run["stderr"], report
    if run["code"] == 2:  # an error: one line naming the file
        lines = [ln for ln in run["stderr"].splitlines() if ln.strip()]
        assert len(lines) == 1 and hostile.name in lines[0], report
    else:  # a result
        assert run["code"] in (0, 1) and hostile.name in run["stdout"], report


def test_analysis_decodes_what_is_there_instead_of_planning_the_declared_length(
        hostile: Path, env: dict[str, str]) -> None:
    """Not only a timely error: the plan stops where the packets stop, so the 6 s are analysed."""
    limit_s = 3 * LIMIT_S  # room for a loaded machine: the analysis itself takes about a second
    code = ("import json, sys\n"
            "from prelint.media import analyze\n"
            "from prelint.media.facts import AnalysisSettings\n"
            f"facts = analyze(sys.argv[1], AnalysisSettings(analysis_time_limit_s={limit_s}), use_cache=False)\n"
            "print(json.dumps({'frames': len(facts.series), 'last_s': facts.series.times_s[-1]}))\n")
    run = _measure([sys.executable, "-c", code, str(hostile)], hostile.parent, env, limit_s + MARGIN_S)
    report = f"exit {run['code']} after {run['elapsed_s']:.1f} s\nstderr:\n{run['stderr']}"
    assert run["code"] == 0, report
    assert run["rss_mib"] < MAX_RSS_MIB, f"peak RSS {run['rss_mib']:.0f} MiB\n{report}"
    facts = json.loads(run["stdout"].strip().splitlines()[-1])
    assert facts["frames"] == 180  # 6 s at 30 fps, every frame analysed once
    assert facts["last_s"] == pytest.approx(179 / 30, abs=1e-3)


def test_fix_refuses_a_video_whose_declared_length_runs_past_its_frames(tmp_path: Path, env: dict[str, str]) -> None:
    """`prelint fix` would read frames for the declared length: a header
    saying 1e9 s made the write run without end. Its frames end at 6 s: refused, nothing written."""
    hostile = _mkv_declaring(tmp_path / "declares_long.mkv", 1e9)
    cmd = [sys.executable, "-m", "prelint.cli", "fix", "--no-cache", hostile.name, "-o", "fixed.mp4"]
    run = _measure(cmd, tmp_path, env, 60)
    report = f"exit {run['code']} after {run['elapsed_s']:.1f} s\nstderr:\n{run['stderr']}"
    assert run["code"] == 2, report
    assert "its frames end at 6.0 s" in run["stderr"] and "Traceback" not in run["stderr"], report
    assert not (tmp_path / "fixed.mp4").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".fixed.mp4")]


def test_the_probe_and_the_analysis_of_a_draft_share_one_time_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """A probe slowed by its file (a 20 MB packet of parameter sets took 2 s to read) used to start
    the analysis' clock afresh: the lint ran 8.8 s under a limit of 5 s. The analysis reuses the probe
    and its clock."""
    from prelint.config import Config
    from prelint.context import Facts
    from prelint.draft import Draft
    from prelint.errors import AnalysisTimeout
    from prelint.media import analysis, container

    sample = Path(__file__).resolve().parents[2] / "fixtures" / "sample" / "sample.mp4"
    probes: list[str] = []
    real_probe = container.probe
    def counted_probe(path, deadline=None):  # type: ignore[no-untyped-def]
        probes.append(str(path))
        return real_probe(path, deadline)

    monkeypatch.setattr(container, "probe", counted_probe)
    monkeypatch.setattr(analysis, "probe", counted_probe)
    facts = Facts(draft=Draft(video=sample), config=Config(cache=False, analysis_time_limit_s=30))
    facts.get("probe")
    assert facts.analysis_started is not None
    facts.analysis_started -= 31  # the probe took the whole limit
    with pytest.raises(AnalysisTimeout, match="time limit of 30 s"):
        facts.get("media")
    assert probes == [str(sample)]  # probed once
