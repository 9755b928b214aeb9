"""End to end on real (synthetic) videos: parallel workers, HTML with frames from workers, nothing written beside drafts."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from batch_helpers import folder_state, run_cli
from fixtures.synth import AudioSpec, ShotSpec, TransitionSpec, VideoSpec, make_video


@pytest.fixture(scope="module")
def video_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("videos")
    drafts = root / "drafts"
    (drafts / "week 2").mkdir(parents=True)
    specs = {
        "drafts/a.mp4": VideoSpec(shots=(ShotSpec(1.0, seed=1), ShotSpec(1.0, seed=2)), width=180, height=320, audio=AudioSpec(sounds=((0.0, 2.0, "speech"),))),
        "drafts/week 2/b.mp4": VideoSpec(shots=(ShotSpec(2.0, seed=3, content="black"),), width=180, height=320),
        "drafts/week 2/c.mp4": VideoSpec(
            shots=(ShotSpec(1.0, seed=4), ShotSpec(1.0, seed=5)), transitions=(TransitionSpec("dissolve", 0.4),), width=180, height=320
        ),
    }
    for rel, spec in specs.items():
        make_video(root / rel, spec)
    (drafts / "a.prelint.toml").write_text('title = "<script>alert(1)</script> 三个技巧"\n', encoding="utf-8")
    (drafts / "week 2" / "broken.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42 this is not a video")
    return root


def test_parallel_video_batch_streams_and_writes_nothing_beside_drafts(video_folder, tmp_path):
    before = folder_state(video_folder)
    out = tmp_path / "report.jsonl"
    result = run_cli("drafts", "--jobs", "2", "--format", "jsonl", "-o", str(out), cwd=video_folder)
    assert result.returncode == 2, result.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted((r["type"], r["path"]) for r in records) == [
        ("draft", "drafts/a.mp4"), ("draft", "drafts/week 2/b.mp4"), ("draft", "drafts/week 2/c.mp4"),
        ("error", "drafts/week 2/broken.mp4"),
    ]
    by_path = {r["path"]: r for r in records}
    black = {rule["code"]: rule for rule in by_path["drafts/week 2/b.mp4"]["rules"]}
    assert black["HOOK003"]["status"] in ("warn", "error")  # a black opening, measured in a worker process
    assert folder_state(video_folder) == before


def test_html_report_of_a_parallel_batch_has_frames_from_the_workers(video_folder, tmp_path):
    before = folder_state(video_folder)
    page_path = tmp_path / "report.html"
    result = run_cli("drafts", "--jobs", "2", "--no-ocr", "--format", "html", "-o", str(page_path), cwd=video_folder)
    assert result.returncode == 2
    page = page_path.read_text(encoding="utf-8")
    assert page.count('<section class="draft"') == 3
    assert page.count('<svg class="timeline"') == 3
    assert page.count("data:image/jpeg;base64,") >= 3 * 2  # first frame + hook frames of each draft
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; 三个技巧" in page
    assert folder_state(video_folder) == before


def test_every_format_runs_on_a_video_batch(video_folder, monkeypatch, capsys):
    from prelint.batch import LintRequest, run_lint

    monkeypatch.chdir(video_folder)
    paths = (Path("drafts/a.mp4"), Path("drafts/week 2/c.mp4"))
    for name in ("text", "json", "jsonl", "sarif", "github", "junit", "html"):
        code = run_lint(LintRequest(paths=paths, output_format=name, jobs=2, no_ocr=True))
        out = capsys.readouterr().out
        assert code in (0, 1), name
        assert "drafts/a.mp4" in out and "c.mp4" in out, name


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_progress_bar_is_drawn_on_a_terminal_and_erased(tmp_path):
    import os

    from cli_runner import run_on_terminal

    make_video(tmp_path / "long.mp4", VideoSpec(shots=tuple(ShotSpec(4.0, seed=k) for k in range(5)), width=360, height=640))
    env = {**os.environ, "PRELINT_CACHE_DIR": str(tmp_path / "cache")}
    status, stdout, text = run_on_terminal(["long.mp4", "--no-ocr", "--select", "HOOK,PACE"], tmp_path, env, timeout_s=120)
    assert status in (0, 1)
    assert "long.mp4 [" in text and "%" in text  # the bar was drawn while the video was analysed
    last_bar = text.rindex("%")
    assert text[last_bar:].startswith("%\r ") and text.endswith("\r")  # and erased before the report
    assert b"\r" not in stdout and b"long.mp4" in stdout
