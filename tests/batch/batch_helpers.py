"""Helpers for batch tests: folders of text-only drafts (metadata files), running the CLI, folder fingerprints."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

LONG_TITLE = "震惊！99%的人都不知道这个秘密，赶紧收藏转发给你的朋友们吧真的太好用了"  # > 30 chars: SPEC001


def write_text_draft(path: Path, title: str, hashtags: tuple[str, ...] = ()) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    tags = ", ".join(f'"{t}"' for t in hashtags)
    path.write_text(f'title = "{title}"\nhashtags = [{tags}]\n', encoding="utf-8")
    return path


def make_text_project(tmp_path: Path) -> Path:
    """project/drafts with 3 lintable text drafts, one excluded folder and one broken metadata file."""
    project = tmp_path / "project"
    drafts = project / "drafts"
    write_text_draft(drafts / "a.prelint.toml", LONG_TITLE)  # SPEC001 warn + SPEC002 info
    write_text_draft(drafts / "sub" / "b.prelint.toml", "三个技巧让蛋糕不塌", ("烘焙", "蛋糕"))  # clean
    write_text_draft(drafts / "sub" / "c.prelint.toml", LONG_TITLE + "！", ("烘焙",))  # SPEC001 warn
    write_text_draft(drafts / "skip" / "d.prelint.toml", LONG_TITLE)  # excluded by config
    (drafts / "broken.prelint.toml").write_text('title = "unterminated\n', encoding="utf-8")
    (project / "prelint.toml").write_text('exclude = ["skip"]\nselect = ["SPEC001", "SPEC002"]\n', encoding="utf-8")
    return project


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "prelint.cli", *args], cwd=cwd, capture_output=True, text=True, timeout=120, env=env
    )


def folder_state(folder: Path) -> dict[str, str]:
    """Every file under folder with its sha256: to prove a run wrote nothing there."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
        for p in sorted(folder.rglob("*"))
    }
