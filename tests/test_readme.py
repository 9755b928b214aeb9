"""README is the user's manual: it must name every rule, config key, format and exit code that exists."""

from __future__ import annotations

import re
from pathlib import Path

from prelint.config import KEYS
from prelint.docs import rules_markdown
from prelint.formats import FORMATS
from prelint.registry import load_rules

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
#: The README and the reference pages it links to
MANUAL = README + "".join(page.read_text(encoding="utf-8") for page in sorted((ROOT / "docs").glob("*.md")))


def test_rules_table_is_generated_from_the_registry():
    block = re.search(r"<!-- rules:start[^>]*-->\n(.*?)<!-- rules:end -->", README, re.S)
    assert block, "README lost its rules block markers"
    assert block.group(1) == rules_markdown(load_rules()), "run: prelint rules --format markdown, paste into README"


def test_every_config_key_and_format_is_documented():
    for key in KEYS:
        assert f"`{key}" in README and f"`{key}" in MANUAL, key
    for name in FORMATS:
        assert f"--format {name}" in MANUAL or f"`{name}`" in README, name


def test_every_page_the_readme_links_to_exists():
    for target in re.findall(r"\]\(((?:docs/)?[A-Za-z_-]+\.md)(?:#[^)]*)?\)", README):
        assert (ROOT / target).is_file(), target


def test_exit_codes_and_quick_start_commands_are_documented():
    for code in ("| 0 |", "| 1 |", "| 2 |", "| 3 |"):
        assert code in README
    assert 'python3 -m pip install . && prelint fixtures/sample/sample.mp4' in README
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    test_command = 'python3 -m pip install -e ".[test]" && python3 -m pytest'
    assert test_command in README and test_command in ci
    assert not re.search(r"[A-Z]+-(TABLE|SECTION|CONFIG)\b", README), "a placeholder is left in README"


def test_the_pre_commit_snippet_pins_no_revision_this_repository_lacks():
    """A copied snippet must work: its `rev:` is a placeholder to fill in, or a tag this repository has,
    and its hook id is one the repository publishes."""
    import subprocess

    snippets = re.findall(r"```yaml\n(repos:.*?)```", README, re.S)
    assert snippets, "README lost its pre-commit snippet"
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    tags = subprocess.run(["git", "tag", "--list"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    for snippet in snippets:
        (rev,) = re.findall(r"^\s*rev:\s*(.+?)\s*(?:#.*)?$", snippet, re.M)
        assert rev.startswith("<") or rev in tags, f"rev {rev!r} is no tag of this repository"
        for hook_id in re.findall(r"^\s*- id:\s*(\S+)", snippet, re.M):
            assert re.search(rf"^- id: {re.escape(hook_id)}$", hooks, re.M), hook_id
