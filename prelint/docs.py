"""Rule documentation rendered for the README (`prelint rules --format markdown`)."""

from __future__ import annotations

from prelint.rules import Rule, _toml_value

FAMILY_TITLES = {
    "HOOK": "Hook — the first seconds",
    "PACE": "Pacing",
    "CTA": "Call to action",
    "RISK": "Clickbait and risky terms",
    "MATCH": "Title vs content",
    "SPEC": "Platform specs",
}
FAMILY_ORDER = ("HOOK", "PACE", "CTA", "RISK", "MATCH", "SPEC")


def rules_markdown(rules: dict[str, Rule]) -> str:
    """One table per family: code, name, default level, what it checks, options with defaults."""
    families: dict[str, list[Rule]] = {}
    for rule in rules.values():
        families.setdefault(rule.family, []).append(rule)
    order = [f for f in FAMILY_ORDER if f in families] + sorted(f for f in families if f not in FAMILY_ORDER)
    out: list[str] = []
    for family in order:
        out.append(f"### {FAMILY_TITLES.get(family, family)} (`{family}`)")
        out.append("")
        out.append("| code | name | level | what it checks | options (default) |")
        out.append("|---|---|---|---|---|")
        for rule in families[family]:
            options = "<br>".join(
                f"`{o.config_name} = {_toml_value(o.default)}`" + (f" {o.unit}" if o.unit else "") for o in rule.options
            )
            summary = rule.summary.replace("|", "\\|")
            out.append(f"| {rule.code} | `{rule.name}` | {rule.level.value} | {summary} | {options or '—'} |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"
