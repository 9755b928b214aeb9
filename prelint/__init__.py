"""prelint — a pre-publish linter for short-form video drafts.

    import prelint
    report = prelint.lint("draft.mp4", title="3个技巧让蛋糕不塌")
    for finding in report.findings:
        print(finding.code, finding.message)

Heavy libraries (OpenCV, snownlp, OCR) are imported only when a rule needs them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "check",
    "Option",
    "Rule",
    "Context",
    "Skip",
    "Draft",
    "Finding",
    "RuleResult",
    "Report",
    "Level",
    "Status",
    "Config",
    "lint",
    "lint_draft",
    "lint_rule",
    "load_rules",
    "PrelintError",
    "InputError",
    "ConfigError",
    "UsageError",
]

_EXPORTS = {
    "check": "prelint.rules",
    "Option": "prelint.rules",
    "Rule": "prelint.rules",
    "Context": "prelint.context",
    "Skip": "prelint.errors",
    "Draft": "prelint.draft",
    "Finding": "prelint.model",
    "RuleResult": "prelint.model",
    "Report": "prelint.model",
    "Level": "prelint.model",
    "Status": "prelint.model",
    "Config": "prelint.config",
    "lint": "prelint.engine",
    "lint_draft": "prelint.engine",
    "lint_rule": "prelint.engine",
    "load_rules": "prelint.registry",
    "PrelintError": "prelint.errors",
    "InputError": "prelint.errors",
    "ConfigError": "prelint.errors",
    "UsageError": "prelint.errors",
}

# jieba keeps its dictionary cache in the user's private folder, never a shared /tmp/jieba.cache
from prelint import jieba_cache as _jieba_cache  # noqa: E402

_jieba_cache.install()

if TYPE_CHECKING:
    from prelint.config import Config
    from prelint.context import Context
    from prelint.draft import Draft
    from prelint.engine import lint, lint_draft, lint_rule
    from prelint.errors import ConfigError, InputError, PrelintError, Skip, UsageError
    from prelint.model import Finding, Level, Report, RuleResult, Status
    from prelint.registry import load_rules
    from prelint.rules import Option, Rule, check


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'prelint' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
