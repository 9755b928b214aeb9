"""Finding rules: every check, built-in or third-party, comes from the `prelint.checks` entry points.

An entry point's value is a module (all Rule objects defined in it, or in the modules its
`__init__` imports, are collected) or a single Rule object.
"""

from __future__ import annotations

import types
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import Iterable

from prelint.errors import UsageError
from prelint.rules import Rule

ENTRY_POINT_GROUP = "prelint.checks"


@dataclass(frozen=True)
class PluginFailure:
    entry_point: str
    message: str


_cache: tuple[dict[str, Rule], tuple[PluginFailure, ...]] | None = None


def rules_in(obj: object) -> list[Rule]:
    """Rules defined by an entry-point target: a Rule, or a module holding Rules."""
    if isinstance(obj, Rule):
        return [obj]
    if isinstance(obj, types.ModuleType):
        return [v for v in vars(obj).values() if isinstance(v, Rule)]
    raise TypeError(f"expected a module or a prelint check, got {type(obj).__name__}")


def load_rules(refresh: bool = False) -> dict[str, Rule]:
    """All registered rules by code, sorted by code.

    A plugin that fails to load, or declares a code or name another check already has, is
    recorded in `plugin_failures()` (linting then stops with an error naming both); the built-in
    checks load first, so a plugin can never silently replace one.
    """
    global _cache
    if _cache is None or refresh:
        rules: dict[str, Rule] = {}
        owner: dict[str, str] = {}
        failures: list[PluginFailure] = []
        builtin_first = sorted(entry_points(group=ENTRY_POINT_GROUP),
                               key=lambda e: (not e.value.startswith("prelint."), e.name, e.value))
        for ep in builtin_first:
            where = f"{ep.name} = {ep.value}"
            try:
                found = rules_in(ep.load())
            except (Exception, SystemExit) as exc:  # one line, never a traceback, nor a silent exit 0
                failures.append(PluginFailure(where, f"could not be loaded: {type(exc).__name__}: {exc}"))
                continue
            names = {r.name: r.code for r in rules.values()}
            for rule in found:
                other = rules.get(rule.code)
                if other is not None and other.function is rule.function:
                    continue  # the same check reached through two modules
                if other is not None or rule.name in names:
                    clash = rule.code if other is not None else rule.name
                    failures.append(PluginFailure(where, f"declares {clash}, which {owner.get(names.get(rule.name, rule.code), 'another check')} already declares"))
                    continue
                rules[rule.code] = rule
                owner[rule.code] = where
        _cache = (dict(sorted(rules.items())), tuple(failures))
    return _cache[0]


def plugin_failures() -> tuple[PluginFailure, ...]:
    load_rules()
    assert _cache is not None
    return _cache[1]


def lookup(rules: dict[str, Rule], key: str) -> Rule:
    """One rule by code or name (case-insensitive code)."""
    for rule in rules.values():
        if key == rule.name or key.upper() == rule.code:
            return rule
    raise UsageError(f"no rule named or coded {key!r} (see 'prelint rules')")


def expand_selector(rules: dict[str, Rule], selector: str) -> set[str]:
    """Codes matched by a selector: ALL, a code, a code prefix (HOOK, HOOK00) or a rule name."""
    sel = selector.strip()
    if not sel:
        return set()
    if sel.upper() == "ALL":
        return set(rules)
    by_name = {r.name: r.code for r in rules.values()}
    if sel in by_name:
        return {by_name[sel]}
    matched = {code for code in rules if code.startswith(sel.upper())}
    if not matched:
        raise UsageError(f"selector {selector!r} matches no rule (see 'prelint rules')")
    return matched


def select_rules(
    rules: dict[str, Rule],
    select: Iterable[str] = ("ALL",),
    ignore: Iterable[str] = (),
    extend_select: Iterable[str] = (),
) -> list[Rule]:
    chosen: set[str] = set()
    for sel in list(select) + list(extend_select):
        chosen |= expand_selector(rules, sel)
    for sel in ignore:
        chosen -= expand_selector(rules, sel)
    return [rules[c] for c in sorted(chosen)]


def split_selectors(values: Iterable[str]) -> tuple[str, ...]:
    """`--select HOOK,CTA001 --select slow-start` → ('HOOK', 'CTA001', 'slow-start')."""
    out: list[str] = []
    for value in values:
        out += [p.strip() for p in value.split(",") if p.strip()]
    return tuple(out)
