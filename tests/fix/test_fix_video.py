"""`prelint fix` on a real (tiny) draft: what it cuts, what it writes, what it refuses."""

from __future__ import annotations

import os
from pathlib import Path

import prelint
from prelint.model import Status

from .conftest import BEEP_S, BLACK_S, FPS, METADATA, beep_time, first_frame_luma, frame_count, make_draft, run_cli, \
    snapshot

ONE_FRAME = 1.0 / FPS


def invoke(*args: str, cwd: Path, monkeypatch):
    """The command in this process (for runs that end before any video is read: no start-up cost)."""
    from click.testing import CliRunner

    from prelint.cli import main

    monkeypatch.chdir(cwd)
    return CliRunner().invoke(main, list(args))


def _cuts(stdout: str) -> list[tuple[float, float]]:
    """The `cut A–B s` lines of the report."""
    out = []
    for line in stdout.splitlines():
        line = line.strip()
        if line.startswith("cut "):
            span = line.split()[1]
            start, end = span.split("–")
            out.append((float(start), float(end)))
    return out


def test_the_fixed_draft_passes_black_opening_slow_start_and_long_ending(fixed_draft):
    folder, video, fixed, proc, _ = fixed_draft
    assert proc.returncode in (0, 1), proc.stderr
    assert fixed.is_file()
    before = prelint.lint(video, select=["HOOK001", "HOOK003", "PACE005"])
    after = prelint.lint(fixed, title="t", select=["HOOK001", "HOOK003", "PACE005"])
    # the picture moves once it appears: the late first change is the black lead-in, one HOOK003 finding
    assert {r.code: r.status for r in before.rules} == {"HOOK001": Status.PASS, "HOOK003": Status.WARN,
                                                        "PACE005": Status.WARN}
    assert before.result("HOOK001").metrics["covered_by"] == "HOOK003"
    assert {r.code: r.status for r in after.rules} == {"HOOK001": Status.PASS, "HOOK003": Status.PASS,
                                                       "PACE005": Status.PASS}
    assert "covered_by" not in after.result("HOOK001").metrics
    fixed_line = next(line for line in proc.stdout.splitlines() if line.startswith("Fixed:"))
    for rule in ("HOOK003 black-opening", "PACE005 long-ending"):
        assert rule in fixed_line


def test_the_duration_is_the_original_minus_the_cuts(fixed_draft):
    folder, video, fixed, proc, _ = fixed_draft
    cuts = _cuts(proc.stdout)
    assert len(cuts) == 2, proc.stdout
    (lead_start, lead_end), (end_start, end_end) = cuts
    assert lead_start == 0.0 and abs(lead_end - BLACK_S) <= ONE_FRAME  # the black lead-in, to the frame
    assert abs(end_end - 7.2) <= ONE_FRAME and 0.3 <= end_end - end_start <= 1.0  # the still ending shortened
    removed = (lead_end - lead_start) + (end_end - end_start)
    original, result = frame_count(video), frame_count(fixed)
    assert abs(result - (original - round(removed * FPS))) <= 1
    assert first_frame_luma(fixed) > 40  # the fixed video opens on the picture, not on a last black frame


def test_the_sound_stays_in_sync(fixed_draft):
    folder, video, fixed, proc, _ = fixed_draft
    lead_in = _cuts(proc.stdout)[0][1]
    source_beep, fixed_beep = beep_time(video), beep_time(fixed)
    assert abs(source_beep - BEEP_S) <= ONE_FRAME
    assert abs((source_beep - fixed_beep) - lead_in) <= ONE_FRAME


def test_only_the_named_output_is_written(fixed_draft):
    folder, video, fixed, proc, before = fixed_draft
    after = snapshot(folder)
    assert set(after) - set(before) == {"fixed.mp4"}  # no temporary file left, no sound file, no cache
    assert {k: v for k, v in after.items() if k in before} == before  # the draft and its metadata untouched
    assert "not written: run again with --write-metadata" in proc.stdout


def test_output_over_the_input_is_refused(tmp_path: Path, monkeypatch):
    video = make_draft(tmp_path)
    os.symlink("draft.mp4", tmp_path / "link.mp4")
    os.link(video, tmp_path / "hard.mp4")
    os.mkfifo(tmp_path / "fifo.mp4")
    before = snapshot(tmp_path)
    for target, expected in (("draft.mp4", "one of the files"), ("./draft.mp4", "one of the files"),
                             ("hard.mp4", "one of the files"), ("link.mp4", "symbolic link"),
                             ("fifo.mp4", "not a regular file"), ("draft.prelint.toml", "name it .mp4"),
                             ("report.txt", "name it .mp4")):
        result = invoke("fix", "draft.mp4", "-o", target, cwd=tmp_path, monkeypatch=monkeypatch)
        assert result.exit_code == 2, (target, result.output)
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("prelint: error: "), result.stderr
        assert expected in result.stderr and result.stdout == ""
    result = invoke("fix", "draft.mp4", cwd=tmp_path, monkeypatch=monkeypatch)
    assert result.exit_code == 2 and "-o/--output FILE is required" in result.stderr
    assert snapshot(tmp_path) == before
    # and as a user runs it: one line, no traceback
    proc = run_cli("fix", "draft.mp4", "-o", "hard.mp4", cwd=tmp_path)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr


def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, monkeypatch):
    (tmp_path / "broken.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42" + os.urandom(2000))
    (tmp_path / "bad.prelint.toml").write_text('title = "unclosed\n', encoding="utf-8")
    for args in (("fix", "missing.mp4", "-o", "out.mp4"), ("fix", "bad.prelint.toml", "--diff"),
                 ("fix", ".", "-o", "out.mp4"), ("fix", "broken.mp4", "-o", "out.mp4", "--preset", "fastest"),
                 ("fix", "broken.mp4", "-o", "out.mp4", "--crf", "99")):
        result = invoke(*args, cwd=tmp_path, monkeypatch=monkeypatch)
        assert result.exit_code == 2, (args, result.output)
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("prelint: error: "), result.stderr
    proc = run_cli("fix", "broken.mp4", "-o", "out.mp4", cwd=tmp_path)  # as a user runs it: no traceback
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and proc.stderr.startswith("prelint: error: broken.mp4")
    assert not (tmp_path / "out.mp4").exists()


def test_diff_shows_the_text_fixes_and_changes_no_file(tmp_path: Path):
    make_draft(tmp_path)
    before = snapshot(tmp_path)
    proc = run_cli("fix", "draft.mp4", "--diff", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr  # fixes are pending
    assert snapshot(tmp_path) == before
    out = proc.stdout
    assert "--- a/draft.prelint.toml" in out and "+++ b/draft.prelint.toml" in out
    assert '-title = "  3个技巧让蛋糕不塌！！！ "' in out and '+title = "3个技巧让蛋糕不塌！"' in out
    assert '+caption = "新手也能学会？ #烘焙 #蛋糕"   # inline tags' in out
    assert '+hashtags = ["家常甜品"]' in out
    assert "cut 0.00–1.20 s" in out  # the planned cuts too


def test_write_metadata_rewrites_only_the_text(tmp_path: Path, monkeypatch):
    make_draft(tmp_path)
    result = invoke("fix", "draft.mp4", "-o", "out/fixed.mp4", cwd=tmp_path, monkeypatch=monkeypatch)
    assert result.exit_code == 2 and "folder out does not exist" in result.stderr
    metadata = tmp_path / "note.prelint.toml"  # a text-only draft: no video beside it
    metadata.write_text(METADATA.replace("draft's text", "draft's text (ünïcode)"), encoding="utf-8")
    os.chmod(metadata, 0o640)
    result = invoke("fix", "note.prelint.toml", "-o", "fixed.mp4", cwd=tmp_path, monkeypatch=monkeypatch)
    assert result.exit_code == 2 and "no video" in result.stderr
    result = invoke("fix", "note.prelint.toml", "--write-metadata", cwd=tmp_path, monkeypatch=monkeypatch)
    assert result.exit_code in (0, 1), result.output
    assert f"wrote {metadata.name}" in result.stdout
    assert metadata.read_text(encoding="utf-8") == (
        "# the draft's text (ünïcode), kept by hand\n"
        'title = "3个技巧让蛋糕不塌！"\n'
        'caption = "新手也能学会？ #烘焙 #蛋糕"   # inline tags\n'
        'hashtags = ["家常甜品"]\n'
    )
    assert oct(os.stat(metadata).st_mode & 0o777) == oct(0o640)
    assert not (tmp_path / "fixed.mp4").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    result = invoke("fix", "note.prelint.toml", "--diff", cwd=tmp_path, monkeypatch=monkeypatch)
    assert result.exit_code == 0 and "nothing to fix safely" in result.stdout  # nothing left to fix safely
    os.symlink("note.prelint.toml", tmp_path / "linked.prelint.toml")
    result = invoke("fix", "linked.prelint.toml", "--write-metadata", cwd=tmp_path, monkeypatch=monkeypatch)
    assert result.exit_code == 2 and "symbolic link" in result.stderr


def _gray_frames(path: Path, width: int, height: int):
    import subprocess

    import numpy as np

    from .conftest import ffmpeg

    raw = subprocess.run([ffmpeg(), "-v", "error", "-i", str(path), "-f", "rawvideo", "-pix_fmt", "gray", "-"],
                         capture_output=True, check=True, timeout=60).stdout
    return np.frombuffer(raw, np.uint8).reshape(-1, height, width).astype(int)


def test_a_rotated_phone_video_stays_upright(tmp_path: Path):
    import subprocess

    from prelint.media import probe

    from .conftest import ffmpeg

    make_draft(tmp_path, name="stored.mp4", metadata=None)
    # the same pictures stored sideways with a 90° display rotation, as phones record them
    subprocess.run([ffmpeg(), "-y", "-v", "error", "-display_rotation:v:0", "90", "-i", str(tmp_path / "stored.mp4"),
                    "-c", "copy", str(tmp_path / "phone.mp4")], check=True, timeout=60)
    source = probe(tmp_path / "phone.mp4")
    assert (source.width, source.height) == (320, 180) and source.rotation in (90, 270)
    proc = run_cli("fix", "phone.mp4", "-o", "fixed.mp4", "--preset", "ultrafast", cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.stderr
    fixed = probe(tmp_path / "fixed.mp4")
    assert (fixed.width, fixed.height) == (320, 180)
    lead_in = round(_cuts(proc.stdout)[0][1] * FPS)
    shown = _gray_frames(tmp_path / "phone.mp4", 320, 180)  # as a player shows it: turned upright
    written = _gray_frames(tmp_path / "fixed.mp4", 320, 180)
    for k in (0, 20, 60):
        assert abs(shown[lead_in + k] - written[k]).mean() < 6, k


def test_cut_dead_air_joins_the_sections_in_sync(tmp_path: Path):
    import subprocess

    from .conftest import RATE, ffmpeg

    # a talking-like draft: the picture cuts every 1.5 s, the sound pauses from 3 to 6 s, a beep at 7 s
    parts = [f"testsrc2=s=180x320:d=1.5:r={FPS}" + (",negate" if i % 2 else "") for i in range(6)]
    inputs = [arg for part in parts for arg in ("-f", "lavfi", "-i", part)]
    sound = (f"sine=f=440:d=9:sample_rate={RATE},"
             "volume='if(between(t,3,6),0,if(between(t,7,7.1),1,0.3))':eval=frame")
    subprocess.run([ffmpeg(), "-y", "-v", "error", *inputs, "-f", "lavfi", "-i", sound, "-filter_complex",
                    "".join(f"[{i}:v]" for i in range(6)) + "concat=n=6:v=1:a=0,format=yuv420p[v]",
                    "-map", "[v]", "-map", "6:a", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac",
                    "-shortest", str(tmp_path / "talk.mp4")], check=True, timeout=60)
    proc = run_cli("fix", "talk.mp4", "-o", "fixed.mp4", "--cut-dead-air", "--preset", "ultrafast", cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.stderr
    ((start, end),) = _cuts(proc.stdout)
    assert abs(start - 3.3) <= 2 * ONE_FRAME and abs(end - 5.7) <= 2 * ONE_FRAME  # 0.3 s of pause kept each side
    removed = round((end - start) * FPS)
    source, fixed = tmp_path / "talk.mp4", tmp_path / "fixed.mp4"
    assert abs(frame_count(fixed) - (frame_count(source) - removed)) <= 1
    assert abs((beep_time(source) - beep_time(fixed)) - removed / FPS) <= ONE_FRAME
    shown, written = _gray_frames(source, 180, 320), _gray_frames(fixed, 180, 320)
    first = round(start * FPS)
    for k in (first - 1, first, first + 10):  # both sides of the join are the right frames
        original = k if k < first else k + removed
        assert abs(shown[original] - written[k]).mean() < 6, k


def test_a_progress_bar_is_drawn_on_a_terminal_while_the_fix_is_written(tmp_path: Path):
    """On a terminal, `prelint fix` shows how far the analysis and the write are, each bar ending its
    line at 100 % (stdout, the report, carries no bar)."""
    from cli_runner import run_on_terminal

    make_draft(tmp_path)
    env = {**os.environ, "PRELINT_CACHE_DIR": str(tmp_path / "cache")}
    status, stdout, text = run_on_terminal(["fix", "draft.mp4", "-o", "fixed.mp4", "--preset", "ultrafast"], tmp_path, env)
    assert status in (0, 1), text
    assert "analysing draft.mp4 [" in text and "writing fixed.mp4 [" in text
    assert "writing fixed.mp4 [####################] 100%\r\n" in text  # the write's bar ran to its end
    assert b"\r" not in stdout and b"Fixed:" in stdout


def test_the_drafts_tags_are_not_copied_into_the_fixed_video(tmp_path: Path):
    import subprocess

    from .conftest import ffmpeg

    make_draft(tmp_path, name="plain.mp4", metadata=None)
    subprocess.run([ffmpeg(), "-y", "-v", "error", "-i", str(tmp_path / "plain.mp4"), "-c", "copy",
                    "-metadata", "title=加微信 abc123", "-metadata", "comment=line one\nline two",
                    str(tmp_path / "tagged.mp4")], check=True, timeout=60)
    proc = run_cli("fix", "tagged.mp4", "-o", "fixed.mp4", "--preset", "ultrafast", cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.stderr
    listing = subprocess.run([ffmpeg(), "-hide_banner", "-i", str(tmp_path / "fixed.mp4")], capture_output=True,
                             text=True, timeout=60).stderr
    assert "abc123" not in listing and "line two" not in listing
    assert "abc123" in subprocess.run([ffmpeg(), "-hide_banner", "-i", str(tmp_path / "tagged.mp4")],
                                      capture_output=True, text=True, timeout=60).stderr
