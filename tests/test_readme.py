"""README is the user's manual: it must name every rule, config key, format and exit code that exists."""

from __future__ import annotations

import re
from pathlib import Path

from prelint.config import KEYS
from prelint.docs import rules_markdown
from prelint.formats import FORMATS
from prelint.registry import load_rules

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_rules_table_is_generated_from_the_registry():
    block = re.search(r"<!-- rules:start[^>]*-->\n(.*?)<!-- rules:end -->", README, re.S)
    assert block, "README lost its rules block markers"
    assert block.group(1) == rules_markdown(load_rules()), "run: prelint rules --format markdown, paste into README"


def test_every_config_key_and_format_is_documented():
    for key in KEYS:
        assert f"`{key}" in README, key
    for name in FORMATS:
        assert f"--format {name}" in README or f"`{name}`" in README, name


def test_exit_codes_and_quick_start_commands_are_documented():
    for code in ("| 0 |", "| 1 |", "| 2 |", "| 3 |"):
        assert code in README
    assert 'python3 -m pip install . && prelint fixtures/sample/sample.mp4' in README
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    test_command = 'python3 -m pip install -e ".[test]" && python3 -m pytest'
    assert test_command in README and test_command in ci
    assert not re.search(r"[A-Z]+-(TABLE|SECTION|CONFIG)\b", README), "a placeholder is left in README"
