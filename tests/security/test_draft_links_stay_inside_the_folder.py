"""A draft folder comes from anyone: a committed symlink named like a video or a metadata file
that leads out of the folder being linted (to ~/.ssh, another checkout, a private video) is
refused with one error for that draft. Its target is never read, so none of its text is quoted
and none of its key names echoed; the other drafts are still linted."""

from __future__ import annotations

import json
from pathlib import Path

from cli_runner import run_cli

SECRET_TOML = 'title = "SECRET-TITLE-7f3a"\nkey_7f3a = "SECRET-KEY"\n'
SECRET_SRT = "1\n00:00:00,000 --> 00:00:02,000\nSECRET-SUBTITLE-7f3a 加微信 abc123\n"


def _layout(tmp_path: Path) -> tuple[Path, Path]:
    outside = tmp_path / "private"
    outside.mkdir()
    (outside / "secret.toml").write_text(SECRET_TOML, encoding="utf-8")
    (outside / "secret.srt").write_text(SECRET_SRT, encoding="utf-8")
    (outside / "secret.mp4").write_bytes(b"\0\0\0\x18ftypmp42SECRET-VIDEO-7f3a" + bytes(64))
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "good.prelint.toml").write_text('title = "3个技巧让蛋糕不塌"\n', encoding="utf-8")
    return drafts, outside


def _assert_refused(run, drafts: Path, refused: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert run.returncode == 2, run.describe()
    assert "7f3a" not in run.stdout + run.stderr, run.describe()
    report = json.loads(run.stdout)
    assert [d["path"] for d in report["drafts"]] == [str(drafts / "good.prelint.toml")]
    errors = {Path(e["path"]).name: e["message"] for e in report["errors"]}
    assert sorted(errors) == sorted(refused), errors
    for message in errors.values():
        assert "outside" in message, errors
    assert len(run.stderr.strip().splitlines()) == len(refused), run.describe()


def test_metadata_file_linked_out_of_the_folder_is_refused(cli_env: dict[str, str], tmp_path: Path) -> None:
    drafts, outside = _layout(tmp_path)
    (drafts / "leak.prelint.toml").symlink_to(outside / "secret.toml")
    run = run_cli(str(drafts), "--format", "json", "--select", "SPEC001,RISK001", cwd=tmp_path, env=cli_env)
    _assert_refused(run, drafts, ["leak.prelint.toml"])


def test_links_inside_the_folder_are_followed_and_links_out_refused(cli_env: dict[str, str], tmp_path: Path) -> None:
    drafts, outside = _layout(tmp_path)
    (drafts / "shared").mkdir()
    (drafts / "shared" / "meta.toml").write_text('title = "全网最低价"\n', encoding="utf-8")
    (drafts / "linked.prelint.toml").symlink_to(Path("shared") / "meta.toml")
    (outside / "title.toml").write_text('title = "SECRET-TITLE-7f3a"\n', encoding="utf-8")  # valid metadata
    (drafts / "leak.prelint.toml").symlink_to(outside / "title.toml")
    run = run_cli(str(drafts), "--format", "json", "--select", "SPEC001", cwd=tmp_path, env=cli_env)
    assert run.returncode == 2, run.describe()
    assert "7f3a" not in run.stdout + run.stderr, run.describe()
    report = json.loads(run.stdout)
    assert sorted(Path(d["path"]).name for d in report["drafts"]) == ["good.prelint.toml", "linked.prelint.toml"]
    assert [Path(e["path"]).name for e in report["errors"]] == ["leak.prelint.toml"]


def test_video_linked_out_of_the_folder_is_refused(cli_env: dict[str, str], tmp_path: Path) -> None:
    drafts, outside = _layout(tmp_path)
    (drafts / "leak.mp4").symlink_to(outside / "secret.mp4")
    run = run_cli(str(drafts), "--format", "json", "--select", "SPEC001", "--no-ocr", cwd=tmp_path, env=cli_env)
    _assert_refused(run, drafts, ["leak.mp4"])


def test_metadata_beside_a_video_linked_out_of_the_folder_is_refused(cli_env: dict[str, str], tmp_path: Path) -> None:
    drafts, outside = _layout(tmp_path)
    (drafts / "clip.mp4").write_bytes(b"\0\0\0\x18ftypmp42" + bytes(64))
    (drafts / "clip.prelint.toml").symlink_to(outside / "secret.toml")
    run = run_cli(str(drafts / "clip.mp4"), "--format", "json", "--select", "SPEC001", "--no-ocr",
                  cwd=tmp_path, env=cli_env)
    assert run.returncode == 2, run.describe()
    assert "7f3a" not in run.stdout + run.stderr, run.describe()
    (line,) = run.stderr.strip().splitlines()
    assert "clip.prelint.toml" in line and "outside" in line, line


def test_named_file_linked_out_of_its_folder_is_refused(cli_env: dict[str, str], tmp_path: Path) -> None:
    """pre-commit passes the names of committed files: a committed link is not a file the user chose."""
    drafts, outside = _layout(tmp_path)
    (drafts / "leak.prelint.toml").symlink_to(outside / "secret.toml")
    run = run_cli(str(drafts / "leak.prelint.toml"), "--format", "json", cwd=tmp_path, env=cli_env)
    assert run.returncode == 2, run.describe()
    assert "7f3a" not in run.stdout + run.stderr, run.describe()


def test_subtitles_named_from_outside_never_pull_in_a_draft_above_their_repository(tmp_path: Path) -> None:
    """A committed root-level secret.srt, linted by a path from outside, must not make prelint read
    ../secret.prelint.toml beside the repository and quote its title."""
    import subprocess
    import sys

    (tmp_path / "repo" / ".git").mkdir(parents=True)
    (tmp_path / "secret.prelint.toml").write_text('title = "TOP SECRET 加微信 boss888"\n', encoding="utf-8")
    (tmp_path / "repo" / "secret.srt").write_text("1\n00:00:00,000 --> 00:00:01,000\nhi\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "prelint.cli", "--no-cache", str(tmp_path / "repo" / "secret.srt")],
                          cwd=tmp_path.parent, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "TOP SECRET" not in done.stdout + done.stderr and "subtitles with no draft" in done.stderr
