"""Configuration: `[tool.prelint]` in pyproject.toml, or `prelint.toml` / `.prelint.toml`.

The nearest file walking up from the draft (or the working folder) wins. Unknown keys,
wrong types and broken TOML are errors that name the file and the key.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from prelint.draft import PLATFORMS, read_toml
from prelint.errors import ConfigError
from prelint.model import Level
from prelint.safe_io import MAX_CONFIG_BYTES

CONFIG_FILES = ("prelint.toml", ".prelint.toml", "pyproject.toml")
LIST_KEYS = ("select", "ignore", "extend-select", "exclude")


@dataclass(frozen=True)
class Config:
    """Settings for a run. Every field has a default; see README 'Configuration'."""

    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    platform: str = "douyin"
    fail_on: Level = Level.WARN
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    lexicon: dict[str, Any] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()
    ocr: bool = True
    cache: bool = True
    analysis_time_limit_s: float = 600.0
    broken_plugins: str = "error"  # "warn": a plugin that fails to load is reported and left out
    source: Path | None = None

    def override(self, **values: Any) -> "Config":
        """Apply command-line values (None means not given)."""
        return replace(self, **{k: v for k, v in values.items() if v is not None})


KEYS: dict[str, type | tuple[type, ...]] = {
    "select": list,
    "ignore": list,
    "extend-select": list,
    "exclude": list,
    "platform": str,
    "fail-on": str,
    "options": dict,
    "lexicon": dict,
    "ocr": bool,
    "cache": bool,
    "analysis-time-limit-s": (int, float),
    "broken-plugins": str,
}


def find_config_file(start: Path) -> Path | None:
    """Walk up from `start` to the first prelint.toml, .prelint.toml or pyproject.toml with [tool.prelint].

    A candidate that exists but is no regular file (a FIFO, a link to /dev/zero, a broken link) is a
    ConfigError, not skipped: the team's config is never silently ignored, nor read forever."""
    folder = start if start.is_dir() else start.parent
    folder = folder.resolve()
    for candidate_dir in (folder, *folder.parents):
        for name in CONFIG_FILES:
            candidate = candidate_dir / name
            if not (candidate.exists() or candidate.is_symlink()):
                continue
            if name == "pyproject.toml":
                data = read_toml(candidate, MAX_CONFIG_BYTES, "config file")
                if "prelint" not in data.get("tool", {}):
                    continue
            return candidate
    return None


def load_config(path: Path | None) -> Config:
    """Read and validate one config file (None gives the defaults)."""
    if path is None:
        return Config()
    data = read_toml(path, MAX_CONFIG_BYTES, "config file")
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("prelint", {})
        prefix = "tool.prelint."
    else:
        prefix = ""
    return config_from_dict(data, path, prefix)


def config_from_dict(data: dict[str, Any], path: Path | None = None, prefix: str = "") -> Config:
    values: dict[str, Any] = {"source": path}
    for key, value in data.items():
        if key not in KEYS:
            raise ConfigError(f"unknown key '{prefix}{key}' (known: {', '.join(KEYS)})", path)
        expected = KEYS[key]
        if isinstance(value, bool) and expected in ((int, float),):
            raise ConfigError(f"key '{prefix}{key}' must be a number", path)
        if not isinstance(value, expected):
            kind = {list: "a list", str: "a string", dict: "a table", bool: "true or false"}.get(expected, "a number")  # type: ignore[call-overload]
            raise ConfigError(f"key '{prefix}{key}' must be {kind}, got {type(value).__name__}", path)
        if expected == (int, float) and not math.isfinite(value):
            raise ConfigError(f"key '{prefix}{key}' must be a finite number, got {value!r}", path)
        if key == "analysis-time-limit-s" and not 0 < value <= MAX_ANALYSIS_TIME_LIMIT_S:
            raise ConfigError(f"key '{prefix}{key}' must be more than 0 and at most {MAX_ANALYSIS_TIME_LIMIT_S:.0f} "
                              f"seconds (a day), got {value!r}", path)
        if key in LIST_KEYS:
            if not all(isinstance(v, str) for v in value):
                raise ConfigError(f"key '{prefix}{key}' must be a list of strings", path)
            value = tuple(value)
        if key == "broken-plugins" and value not in ("error", "warn"):
            raise ConfigError(f"key '{prefix}broken-plugins' must be \"error\" or \"warn\", got {value!r}", path)
        if key == "platform" and value not in PLATFORMS:
            raise ConfigError(f"key '{prefix}platform' must be one of {', '.join(PLATFORMS)}, got {value!r}", path)
        if key == "fail-on":
            try:
                value = Level.parse(value)
            except ValueError as exc:
                raise ConfigError(f"key '{prefix}fail-on': {exc}", path) from None
        if key == "options":
            for rule, table in value.items():
                if not isinstance(table, dict):
                    raise ConfigError(f"key '{prefix}options.{rule}' must be a table of option values", path)
        values[key.replace("-", "_")] = value
    return Config(**values)


def resolve_rule_options(rule: Any, config: Config) -> dict[str, Any]:
    """The rule's options: defaults, overridden by `[options.<name or code>]`, type-checked."""
    resolved = rule.default_options()
    where = config.source
    for key in (rule.code, rule.name):
        table = config.options.get(key, {})
        for opt_name, value in table.items():
            try:
                opt = rule.option(opt_name)
            except KeyError:
                known = ", ".join(o.config_name for o in rule.options) or "none"
                raise ConfigError(
                    f"unknown option 'options.{key}.{opt_name}' (options of {rule.name}: {known})", where
                ) from None
            try:
                resolved[opt.key] = opt.coerce(_checked_option_value(opt.default, value, opt.unit))
            except ValueError as exc:
                raise ConfigError(f"option 'options.{key}.{opt_name}': {exc}", where) from None
    return resolved


#: Largest analysis time limit (s): a day. Larger values overflow the timer.
MAX_ANALYSIS_TIME_LIMIT_S = 86_400.0
#: Largest magnitude of a numeric rule option: every option is a count, a length, a share or a
#: duration far below it, and -1e308 overflows the rules' arithmetic.
MAX_OPTION_MAGNITUDE = 1e9


#: Units of options that cannot be negative (durations, counts, sizes, shares).
NON_NEGATIVE_UNITS = frozenset({"s", "findings", "chars", "px", "hashtags", "items", "terms", "words", "bytes",
                                "emoji", "kinds", "share", "fraction", "points", "points (0–100)", "luma (0–255)", "×"})


def _checked_option_value(default: Any, value: Any, unit: str = "") -> Any:
    """What `Option.coerce` does not check: a number is finite (inf and nan are TOML numbers), a count
    (integer default) is a whole number, a list holds values of the default's kind (strings for an
    empty default: every list option is a list of terms or names). Raises ValueError."""
    if isinstance(default, (int, float)) and not isinstance(default, bool) and isinstance(value, (int, float)) \
            and not isinstance(value, bool):
        if not math.isfinite(value):
            raise ValueError(f"expected a finite number, got {value!r}")
        if abs(value) > MAX_OPTION_MAGNITUDE:
            raise ValueError(f"expected a number between -{MAX_OPTION_MAGNITUDE:.0e} and {MAX_OPTION_MAGNITUDE:.0e}, got {value!r}")
        if unit in NON_NEGATIVE_UNITS and value < 0:
            raise ValueError(f"expected a number of 0 or more, got {value!r}")
        if isinstance(default, int) and value != int(value):
            raise ValueError(f"expected a whole number, got {value!r}")
        return int(value) if isinstance(default, int) else value
    if isinstance(default, (list, tuple)) and isinstance(value, (list, tuple)):
        kinds = {type(v) for v in default} or {str}
        for item in value:
            if type(item) not in kinds:
                names = " or ".join(sorted(k.__name__ for k in kinds)).replace("str", "strings")
                raise ValueError(f"expected a list of {names}, got an item {item!r}")
    return value


def check_option_tables(config: Config, rules: dict[str, Any]) -> None:
    """Every `[options.X]` table must name a known rule (by code or name)."""
    for key in config.options:
        if key not in rules:
            raise ConfigError(f"'options.{key}' does not name a known rule", config.source)
