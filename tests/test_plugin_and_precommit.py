"""Third-party checks plug in through entry points; pre-commit runs prelint on file names."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PLUGIN_MODULE = '''
import prelint

@prelint.check(code="ACME001", name="acme-no-todo", level="warn")
def no_todo(ctx):
    """What it checks: the title still says TODO."""
    if "TODO" in (ctx.draft.title or ""):
        yield ctx.finding("Title still says TODO", hint="Write the real title")
'''


@pytest.fixture(scope="module")
def plugin_site(tmp_path_factory) -> Path:
    """A plugin package created elsewhere, installed with pip into its own folder."""
    src = tmp_path_factory.mktemp("acme-src")
    (src / "acme_prelint.py").write_text(PLUGIN_MODULE, encoding="utf-8")
    (src / "pyproject.toml").write_text(
        textwrap.dedent(
            """
            [build-system]
            requires = ["setuptools>=61"]
            build-backend = "setuptools.build_meta"

            [project]
            name = "acme-prelint"
            version = "1.0"

            [project.entry-points."prelint.checks"]
            ACME = "acme_prelint"
            """
        ),
        encoding="utf-8",
    )
    target = tmp_path_factory.mktemp("acme-site")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(src)],
        check=True, capture_output=True, text=True, timeout=300,
    )
    return target


def _env_with(site: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(site), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return env


def test_installed_plugin_is_listed_and_runs(plugin_site, tmp_path):
    env = _env_with(plugin_site)
    rules = subprocess.run([sys.executable, "-m", "prelint.cli", "rules"], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert rules.returncode == 0
    assert "ACME001" in rules.stdout and "acme-no-todo" in rules.stdout
    proc = subprocess.run(
        [sys.executable, "-m", "prelint.cli", "--title", "TODO title", "--select", "ACME", "--format", "json"],
        capture_output=True, text=True, env=env, cwd=tmp_path,
    )
    assert proc.returncode == 1, proc.stderr
    (rule,) = json.loads(proc.stdout)["drafts"][0]["rules"]
    assert rule["code"] == "ACME001" and rule["status"] == "warn"
    assert rule["findings"][0]["message"] == "Title still says TODO"
    assert rule["findings"][0]["hint"] == "Write the real title"
    ok = subprocess.run([sys.executable, "-m", "prelint.cli", "--title", "done", "--select", "ACME001"],
                        capture_output=True, text=True, env=env, cwd=tmp_path)
    assert ok.returncode == 0


def _fake_plugin(site: Path, name: str, entry_points: str, module: str | None = None) -> None:
    dist = site / f"{name}-1.0.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text(f"[prelint.checks]\n{entry_points}\n", encoding="utf-8")
    if module is not None:
        (site / f"{name}.py").write_text(module, encoding="utf-8")


def test_a_broken_plugin_is_listed_as_a_warning_and_stops_a_lint_with_exit_2(tmp_path):
    site = tmp_path / "site"
    _fake_plugin(site, "broken_plugin", "BRK = broken_plugin_missing")
    rules = subprocess.run([sys.executable, "-m", "prelint.cli", "rules"], capture_output=True, text=True,
                           env=_env_with(site), cwd=tmp_path)
    assert rules.returncode == 0 and "SPEC001" in rules.stdout
    assert "plugin BRK = broken_plugin_missing: could not be loaded: ModuleNotFoundError" in rules.stderr
    lint = subprocess.run([sys.executable, "-m", "prelint.cli", "--title", "家常菜", "--select", "SPEC001"],
                          capture_output=True, text=True, env=_env_with(site), cwd=tmp_path)
    assert lint.returncode == 2, lint.stderr
    assert lint.stderr.count("\n") == 1 and "plugin BRK = broken_plugin_missing" in lint.stderr


def test_a_plugin_declaring_a_builtin_code_never_replaces_it(tmp_path):
    site = tmp_path / "site"
    module = (
        "from prelint import check\n"
        "@check(code='HOOK001', name='my-slow-start', level='warn')\n"
        "def mine(ctx):\n    '''mine'''\n    return []\n"
    )
    _fake_plugin(site, "aaa_clash", "AAA = aaa_clash", module)
    rules = subprocess.run([sys.executable, "-m", "prelint.cli", "rules"], capture_output=True, text=True,
                           env=_env_with(site), cwd=tmp_path)
    assert "HOOK001   slow-start" in rules.stdout, rules.stdout
    assert "plugin AAA = aaa_clash: declares HOOK001, which HOOK = prelint.checks.hook already declares" in rules.stderr
    lint = subprocess.run([sys.executable, "-m", "prelint.cli", "--title", "家常菜", "--select", "SPEC001"],
                          capture_output=True, text=True, env=_env_with(site), cwd=tmp_path)
    assert lint.returncode == 2 and "declares HOOK001" in lint.stderr


def _hook_definition() -> dict:
    import yaml  # pre-commit depends on PyYAML

    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return hook


def test_precommit_runs_prelint_on_metadata_file_names(tmp_path):
    """pre-commit on a content repo: our hook's id, file pattern and entry, with the metadata re-linting its draft.

    The hook runs as a `local`/`system` hook built from .pre-commit-hooks.yaml so the test needs
    no network (a `language: python` hook would have pre-commit pip-install prelint into a venv).
    """
    if shutil.which("pre-commit") is None and shutil.which("git") is None:
        pytest.skip("pre-commit or git not installed")
    hook = _hook_definition()
    assert hook["id"] == "prelint" and hook["entry"] == "prelint-pre-commit"
    repo = tmp_path / "content"
    repo.mkdir()
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    config = {
        "repos": [{"repo": "local", "hooks": [{
            "id": hook["id"], "name": hook["name"], "entry": f"{sys.executable} -m prelint.pre_commit",
            "language": "system", "files": hook["files"], "types": hook["types"],
        }]}]
    }
    (repo / ".pre-commit-config.yaml").write_text(json.dumps(config), encoding="utf-8")
    (repo / "prelint.toml").write_text('select = ["SPEC001"]\n', encoding="utf-8")
    (repo / "post.prelint.toml").write_text('title = "' + "长" * 40 + '"\n', encoding="utf-8")
    (repo / "notes.txt").write_text("not linted\n", encoding="utf-8")
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "pc-home"))
    precommit = [sys.executable, "-m", "pre_commit", "run", "--all-files"]
    failed = subprocess.run(precommit, cwd=repo, capture_output=True, text=True, env=env, timeout=300)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "SPEC001" in failed.stdout and "post.prelint.toml" in failed.stdout
    (repo / "post.prelint.toml").write_text('title = "三个技巧"\n', encoding="utf-8")
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    passed = subprocess.run(precommit, cwd=repo, capture_output=True, text=True, env=env, timeout=300)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    subprocess.run([*git, "commit", "-qm", "x"], cwd=repo, check=True, env=env)


def test_hook_file_pattern_matches_videos_metadata_and_subtitles_only():
    import re

    hook = _hook_definition()
    pattern = re.compile(hook["files"])
    for name in ("a.mp4", "b/C.MOV", "x.m4v", "y.webm", "z.mkv", "clip.prelint.toml", "clip.srt", "subs/clip.zh.VTT", "c.ass"):
        assert pattern.search(name), name
    for name in ("a.txt", "prelint.toml", ".prelint.toml", "sub/.prelint.toml", "pyproject.toml", "a.mp4.bak", "notes.srt.txt"):
        assert not pattern.search(name), name
    assert hook["require_serial"] is True  # one process per commit: a video and its metadata are linted once


def test_a_commit_that_changes_only_subtitles_lints_their_draft(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git not installed")
    hook = _hook_definition()
    repo = tmp_path / "content"
    (repo / "subs").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    config = {"repos": [{"repo": "local", "hooks": [{
        "id": hook["id"], "name": hook["name"], "entry": f"{sys.executable} -m prelint.pre_commit",
        "language": "system", "files": hook["files"], "types": hook["types"], "require_serial": hook["require_serial"],
    }]}]}
    (repo / ".pre-commit-config.yaml").write_text(json.dumps(config), encoding="utf-8")
    (repo / "prelint.toml").write_text('select = ["RISK003"]\n', encoding="utf-8")
    (repo / "post.prelint.toml").write_text('title = "家常红烧肉"\nsubtitles = "subs/post.zh.srt"\n', encoding="utf-8")
    (repo / "subs" / "post.zh.srt").write_text("1\n00:00:00,000 --> 00:00:02,000\n加微信 abc12345 领菜谱\n", encoding="utf-8")
    subprocess.run(["git", "add", "subs/post.zh.srt"], cwd=repo, check=True)
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "pc-home"))
    run = subprocess.run([sys.executable, "-m", "pre_commit", "run", "--files", "subs/post.zh.srt"], cwd=repo,
                         capture_output=True, text=True, env=env, timeout=300)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "post.prelint.toml" in run.stdout and "RISK003" in run.stdout


def test_prelint_debug_shows_the_traceback_of_a_crashing_check(tmp_path):
    site = tmp_path / "site"
    module = (
        "from prelint import check\n"
        "@check(code='ZZZ001', name='zzz-crash', level='warn')\n"
        "def crash(ctx):\n    '''crashes'''\n    raise ValueError('boom in the plugin')\n"
    )
    _fake_plugin(site, "zzz_crash", "ZZZ = zzz_crash", module)
    env = _env_with(site)
    quiet = subprocess.run([sys.executable, "-m", "prelint.cli", "--title", "家常菜", "--select", "ZZZ"],
                           capture_output=True, text=True, env=env, cwd=tmp_path)
    assert quiet.returncode == 3 and "Traceback" not in quiet.stderr and "boom in the plugin" in quiet.stderr
    debug = subprocess.run([sys.executable, "-m", "prelint.cli", "--title", "家常菜", "--select", "ZZZ"],
                           capture_output=True, text=True, env={**env, "PRELINT_DEBUG": "1"}, cwd=tmp_path)
    assert debug.returncode == 3 and "Traceback" in debug.stderr and "zzz_crash.py" in debug.stderr


def test_a_team_may_choose_to_lint_on_without_a_broken_plugin(tmp_path):
    """`broken-plugins = "warn"`: the failure is one warning line and the lint goes on without it."""
    site = tmp_path / "site"
    _fake_plugin(site, "broken_plugin", "BRK = broken_plugin_missing")
    (tmp_path / "prelint.toml").write_text('broken-plugins = "warn"\n', encoding="utf-8")
    lint = subprocess.run([sys.executable, "-m", "prelint.cli", "--title", "家常菜", "--select", "SPEC001"],
                          capture_output=True, text=True, env=_env_with(site), cwd=tmp_path)
    assert lint.returncode == 0, lint.stderr
    assert lint.stderr.count("\n") == 1 and "warning: plugin BRK = broken_plugin_missing" in lint.stderr
    assert "PASS" in lint.stdout
    (tmp_path / "prelint.toml").write_text('broken-plugins = "ignore"\n', encoding="utf-8")
    bad = subprocess.run([sys.executable, "-m", "prelint.cli", "--title", "家常菜"], capture_output=True, text=True,
                         env=_env_with(site), cwd=tmp_path)
    assert bad.returncode == 2 and "broken-plugins" in bad.stderr


def test_a_plugin_that_calls_sys_exit_is_broken_not_a_pass(tmp_path):
    """A plugin calling sys.exit(0) on import, or from its check, ended prelint silently with exit 0:
    every draft, and every commit through the hook, passed."""
    site = tmp_path / "site"
    _fake_plugin(site, "exit_on_import", "EXI = exit_on_import", "import sys\nsys.exit('\\x1b[31mbye')\n")
    lint = subprocess.run([sys.executable, "-m", "prelint.cli", "--title", "加VX领取", "--select", "RISK003"],
                          capture_output=True, text=True, env=_env_with(site), cwd=tmp_path)
    assert lint.returncode == 2, (lint.returncode, lint.stderr)
    assert "plugin EXI = exit_on_import: could not be loaded: SystemExit" in lint.stderr and "\x1b" not in lint.stderr
    site2 = tmp_path / "site2"
    module = (
        "import sys\nfrom prelint import check\n"
        "@check(code='EXC001', name='exits', level='warn')\n"
        "def leave(ctx):\n    '''exits'''\n    sys.exit(0)\n"
    )
    _fake_plugin(site2, "exit_in_check", "EXC = exit_in_check", module)
    lint = subprocess.run([sys.executable, "-m", "prelint.cli", "--title", "加VX领取"],
                          capture_output=True, text=True, env=_env_with(site2), cwd=tmp_path)
    assert lint.returncode == 3 and "check EXC001 (exits) failed: SystemExit" in lint.stderr, (lint.returncode, lint.stderr)
