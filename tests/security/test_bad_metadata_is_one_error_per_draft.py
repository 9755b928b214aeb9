"""One bad metadata file is one error record for its draft; the batch goes on with the others.
Names no file system accepts (a NUL, a component over 255 bytes) and nesting too deep for the
TOML parser are the draft's input errors, not a ValueError, OSError or RecursionError that ends
the run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import prelint
from cli_runner import run_cli
from prelint.errors import PrelintError

BAD = {
    "nul": ('title = "t"\nsubtitles = "clip\\u0000.srt"\n', "NUL"),
    "long-name": (f'title = "t"\nsubtitles = "{"a" * 300}.srt"\n', "subtitles"),
    "deep-hashtags": ("hashtags = " + "[" * 100_000 + "]" * 100_000 + "\n", "nested too deeply"),
    "deep-title": ("title = " + "[" * 100_000 + "]" * 100_000 + "\n", "nested too deeply"),
    "ignore-not-a-list": ('title = "t"\nignore = 5\n', "ignore"),
}


@pytest.fixture()
def drafts(tmp_path: Path) -> Path:
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "good.prelint.toml").write_text('title = "3个技巧让蛋糕不塌"\n', encoding="utf-8")
    for name, (text, _) in BAD.items():
        (folder / f"{name}.prelint.toml").write_text(text, encoding="utf-8")
    return folder


def test_each_bad_metadata_file_is_one_error_and_the_batch_goes_on(drafts: Path, cli_env: dict[str, str],
                                                                   tmp_path: Path) -> None:
    run = run_cli(str(drafts), "--format", "json", "--select", "SPEC001", cwd=tmp_path, env=cli_env, timeout_s=60)
    assert run.returncode == 2, run.describe()
    report = json.loads(run.stdout)
    assert [Path(d["path"]).name for d in report["drafts"]] == ["good.prelint.toml"]
    errors = {Path(e["path"]).name: e["message"] for e in report["errors"]}
    assert sorted(errors) == sorted(f"{name}.prelint.toml" for name in BAD), errors
    for name, (_, words) in BAD.items():
        assert words in errors[f"{name}.prelint.toml"], errors
    lines = run.stderr.strip().splitlines()
    assert len(lines) == len(BAD) and all(len(line) < 400 for line in lines), run.describe()


@pytest.mark.parametrize("name", sorted(BAD))
def test_library_raises_the_drafts_input_error(name: str, drafts: Path) -> None:
    with pytest.raises(PrelintError) as raised:
        prelint.lint(drafts / f"{name}.prelint.toml", select=["SPEC001"], config={})
    assert raised.value.path == str(drafts / f"{name}.prelint.toml")
