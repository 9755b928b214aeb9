"""A committed file named like an option is linted as a file, never obeyed as an option.

pre-commit runs `entry [args] file names...` with no `--`: a committed copy of a video named
`--write-baseline=intro.mp4` reached `prelint` as `--write-baseline intro.mp4`, and the run
replaced the team's intro video with a baseline. The hook's entry, `prelint-pre-commit`, reads
the trailing file names as paths; and no report or baseline is ever written over a file named
like something prelint reads, nor over the config file it found.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from prelint.pre_commit import HOOK_FILES, hook_arguments

pytestmark = pytest.mark.slow  # pre-commit itself and many CLI runs: about 20 s on 2 cores

SAMPLE = Path(__file__).resolve().parents[2] / "fixtures" / "sample" / "sample.mp4"
HOOKS = Path(__file__).resolve().parents[2] / ".pre-commit-hooks.yaml"
PRELINT = Path(sysconfig.get_path("scripts")) / "prelint"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    root.mkdir()
    shutil.copyfile(SAMPLE, root / "intro.mp4")
    (root / "intro.prelint.toml").write_text('title = "戚风蛋糕的做法"\n', encoding="utf-8")
    (root / "--write-baseline=intro.mp4").write_bytes(b"not really a video\n")
    (root / "-ointro.prelint.toml").write_text('title = "三个技巧"\n', encoding="utf-8")
    (root / "prelint.toml").write_text('select = ["SPEC001", "RISK"]\n', encoding="utf-8")
    return root


def _env(root: Path) -> dict[str, str]:
    return dict(os.environ, NO_COLOR="1", PRELINT_CACHE_DIR=str(root.parent / "cache"),
                PRE_COMMIT_HOME=str(root.parent / "pc-home"))


def test_trailing_existing_file_names_become_paths(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    args = ["--platform", "tiktok", "--fail-on", "error", "--write-baseline=intro.mp4", "-ointro.prelint.toml", "intro.mp4"]
    assert hook_arguments(args) == ["lint", "--platform", "tiktok", "--fail-on", "error", "--",
                                    "--write-baseline=intro.mp4", "-ointro.prelint.toml", "intro.mp4"]
    assert hook_arguments(["--", "a.mp4"]) == ["lint", "--", "a.mp4"]


def test_the_hook_lints_a_file_named_like_an_option_and_changes_nothing(repo: Path) -> None:
    before = {p.name: _digest(p) for p in repo.iterdir()}
    files = sorted(p.name for p in repo.iterdir() if p.name != "prelint.toml")
    done = subprocess.run([sys.executable, "-m", "prelint.pre_commit", "--fail-on", "error", *files], cwd=repo,
                          env=_env(repo), capture_output=True, text=True, timeout=300)
    assert {p.name: _digest(p) for p in repo.iterdir()} == before
    assert "--write-baseline=intro.mp4" in done.stdout + done.stderr  # linted (an unreadable video), not obeyed
    assert "not a video file" in done.stdout + done.stderr
    assert done.returncode == 2, done.stdout + done.stderr


@pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")
def test_pre_commit_with_the_published_hook_entry(repo: Path) -> None:
    pytest.importorskip("pre_commit")
    import yaml

    (hook,) = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert hook["entry"] == "prelint-pre-commit"
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    config = {"repos": [{"repo": "local", "hooks": [{
        "id": hook["id"], "name": hook["name"], "entry": f"{sys.executable} -m prelint.pre_commit",
        "language": "system", "files": hook["files"], "types": hook["types"], "require_serial": True,
        "args": ["--fail-on", "error"],
    }]}]}
    (repo / ".pre-commit-config.yaml").write_text(json.dumps(config), encoding="utf-8")
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    before = {p.name: _digest(p) for p in repo.iterdir() if p.is_file()}
    done = subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files"], cwd=repo,
                          env=_env(repo), capture_output=True, text=True, timeout=300)
    assert {p.name: _digest(p) for p in repo.iterdir() if p.is_file()} == before
    assert "not a video file" in done.stdout, done.stdout + done.stderr


@pytest.mark.parametrize("option", ["-o", "--write-baseline"])
@pytest.mark.parametrize("target", ["intro.mp4", "other.mov", "notes.srt", "x.prelint.toml", "prelint.toml", "pyproject.toml"])
def test_no_output_replaces_a_file_named_like_an_input(repo: Path, option: str, target: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from prelint.cli import main

    path = repo / target
    if not path.exists():
        path.write_text("keep me\n", encoding="utf-8")
    before = _digest(path)
    monkeypatch.chdir(repo)  # in this process: the refusal comes before any video is read
    for name, value in _env(repo).items():
        monkeypatch.setenv(name, value)
    done = CliRunner().invoke(main, ["intro.prelint.toml", option, target])
    assert done.exit_code == 2, done.output
    assert "refusing to write" in done.stderr and "Traceback" not in done.output
    assert _digest(path) == before


def test_the_config_that_was_found_is_an_input(tmp_path: Path) -> None:
    """A config under another name (`--config team.toml`) is refused as an output too."""
    (tmp_path / "team.toml").write_text('select = ["SPEC001"]\n', encoding="utf-8")
    (tmp_path / "a.prelint.toml").write_text('title = "三个技巧"\n', encoding="utf-8")
    before = _digest(tmp_path / "team.toml")
    done = subprocess.run([str(PRELINT), "a.prelint.toml", "--config", "team.toml", "--write-baseline", "team.toml"],
                          cwd=tmp_path, env=_env(tmp_path), capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "one of the files being linted" in done.stderr, done.stderr
    assert _digest(tmp_path / "team.toml") == before


def test_the_dot_prelint_toml_config_is_never_linted_as_a_draft(tmp_path: Path) -> None:
    (tmp_path / ".prelint.toml").write_text('select = ["SPEC001"]\n', encoding="utf-8")
    (tmp_path / "a.prelint.toml").write_text('title = "三个技巧"\n', encoding="utf-8")
    done = subprocess.run([str(PRELINT), ".", "--format", "json"], cwd=tmp_path, env=_env(tmp_path),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert [d["path"] for d in json.loads(done.stdout)["drafts"]] == ["a.prelint.toml"]
    named = subprocess.run([str(PRELINT), ".prelint.toml"], cwd=tmp_path, env=_env(tmp_path),
                           capture_output=True, text=True, timeout=120)
    assert named.returncode == 2 and "config file" in named.stderr, named.stderr


def test_the_hook_reads_file_names_with_the_pattern_pre_commit_selects_them_with() -> None:
    import yaml

    (hook,) = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert hook["files"] == HOOK_FILES


@pytest.mark.parametrize("name", ["--write-baseline=x.\u017frt", "--write-baseline=x.a\u017f\u017f",
                                  "--write-baseline=x.prel\u0131nt.toml", "--output=r.\u017frt"])
def test_letters_that_case_fold_to_a_draft_suffix_are_paths_too(name: str, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Python's (?i) matches ſ (long s) to s and ı (dotless i) to i, as pre-commit's does; lower() does not."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / name).write_text("x", encoding="utf-8")
    assert hook_arguments(["--fail-on", "error", name]) == ["lint", "--fail-on", "error", "--", name]


def test_a_hook_never_writes_a_baseline(repo: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "prelint.pre_commit", "--write-baseline", "b.json", "intro.prelint.toml"],
                          cwd=repo, env=_env(repo), capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "never writes a baseline" in done.stderr, done.stderr
    assert not (repo / "b.json").exists()


@pytest.mark.parametrize("target", ["x.\u017frt", "x.prel\u0131nt.toml", "PYPROJECT.TOML"])
def test_no_report_takes_a_name_that_case_folds_to_an_input(repo: Path, target: str) -> None:
    done = subprocess.run([str(PRELINT), "intro.prelint.toml", "--write-baseline", target], cwd=repo, env=_env(repo),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "refusing to write" in done.stderr, done.stderr
    assert not (repo / target).exists()


@pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")
def test_pre_commit_fails_on_findings_whatever_the_other_files_are_named(repo: Path) -> None:
    pytest.importorskip("pre_commit")
    import yaml

    (hook,) = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    for path in list(repo.iterdir()):
        if path.name != "prelint.toml":
            path.unlink()
    (repo / "bad.prelint.toml").write_text('title = "震惊！99%的人都不知道 加微信 abc12345"\n', encoding="utf-8")
    (repo / "--write-baseline=x.\u017frt").write_text("", encoding="utf-8")
    (repo / "--write-baseline=..").mkdir()
    (repo / "--write-baseline=.." / "pwned.\u017frt").write_text("", encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    config = {"repos": [{"repo": "local", "hooks": [{
        "id": hook["id"], "name": hook["name"], "entry": f"{sys.executable} -m prelint.pre_commit",
        "language": "system", "files": hook["files"], "types": hook["types"], "require_serial": True,
    }]}]}
    (repo / ".pre-commit-config.yaml").write_text(json.dumps(config), encoding="utf-8")
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    done = subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files"], cwd=repo,
                          env=_env(repo), capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "RISK003" in done.stdout
    assert not (repo.parent / "pwned.\u017frt").exists() or (repo.parent / "pwned.\u017frt").stat().st_size == 0


def test_a_widened_files_pattern_still_reads_existing_files_as_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "-oreport.html.avi").write_text("x", encoding="utf-8")
    (tmp_path / "team.toml").write_text("", encoding="utf-8")
    args = ["--config", "team.toml", "-oreport.html.avi", "a.avi"]
    (tmp_path / "a.avi").write_text("x", encoding="utf-8")
    assert hook_arguments(args) == ["lint", "--config", "team.toml", "--", "-oreport.html.avi", "a.avi"]
