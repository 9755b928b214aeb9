"""Rules: a check function plus its code, name, level, options and documentation.

This is the public contract for third-party checks::

    import prelint

    @prelint.check(code="ACME001", name="acme-no-todo", level="warn")
    def no_todo(ctx):
        '''What it checks: the title still says TODO.'''
        if "TODO" in (ctx.draft.title or ""):
            yield ctx.finding("Title still says TODO", hint="Write the real title")
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterable

from prelint.model import Finding, Level

if TYPE_CHECKING:
    from prelint.context import Context

CheckFunction = Callable[["Context"], "Iterable[Finding] | None"]

CODE_PATTERN = re.compile(r"^[A-Z][A-Z0-9]*[0-9]{3}$")
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
DOC_SECTIONS = ("What it checks", "Why it matters", "How to fix", "Options")


@dataclass(frozen=True)
class Option:
    """A named threshold or setting of a rule, with its default, unit and meaning.

    Config files spell the name in kebab-case (`max-first-change-s`); checks read it
    as `ctx.options.max_first_change_s`.
    """

    name: str
    default: Any
    help: str = ""
    unit: str = ""

    @property
    def key(self) -> str:
        return self.name.replace("-", "_")

    @property
    def config_name(self) -> str:
        return self.name.replace("_", "-")

    def coerce(self, value: Any) -> Any:
        """Check a configured value against the default's type; raise ValueError if wrong."""
        default = self.default
        if isinstance(default, bool):
            if not isinstance(value, bool):
                raise ValueError(f"expected true or false, got {value!r}")
            return value
        if isinstance(default, (int, float)) and not isinstance(default, bool):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ValueError(f"expected a number, got {value!r}")
            return type(default)(value) if isinstance(default, float) else value
        if isinstance(default, str):
            if not isinstance(value, str):
                raise ValueError(f"expected a string, got {value!r}")
            return value
        if isinstance(default, (list, tuple)):
            if not isinstance(value, (list, tuple)):
                raise ValueError(f"expected a list, got {value!r}")
            return tuple(value)
        return value


@dataclass(frozen=True)
class Rule:
    """A registered check. Calling it with a Context runs the check."""

    code: str
    name: str
    level: Level
    function: CheckFunction
    options: tuple[Option, ...] = ()
    summary: str = ""
    docs: dict[str, str] = field(default_factory=dict)
    needs: tuple[str, ...] = ()  # facts it reads: "video", "media", "content"; informational
    module: str = ""

    def __call__(self, ctx: "Context") -> "Iterable[Finding] | None":
        return self.function(ctx)

    @property
    def family(self) -> str:
        return self.code.rstrip("0123456789")

    def option(self, key: str) -> Option:
        for opt in self.options:
            if opt.key == key.replace("-", "_"):
                return opt
        raise KeyError(key)

    def default_options(self) -> dict[str, Any]:
        return {opt.key: opt.default for opt in self.options}

    def documentation(self) -> str:
        """The rule's docs in fixed sections, as printed by `prelint rule CODE`."""
        lines = [f"{self.code} {self.name} (default level: {self.level.value})", ""]
        for section in DOC_SECTIONS[:3]:
            text = self.docs.get(section)
            if text:
                lines += [f"{section}:", _indent(text), ""]
        lines.append("Options:")
        if self.options:
            for opt in self.options:
                unit = f" {opt.unit}" if opt.unit else ""
                lines.append(f"  {opt.config_name} = {_toml_value(opt.default)}{unit}  — {opt.help}")
        else:
            lines.append("  (none)")
        extra = self.docs.get("Options")
        if extra:
            lines.append(_indent(extra))
        return "\n".join(lines).rstrip() + "\n"


def check(
    *,
    code: str,
    name: str,
    level: str | Level = "warn",
    options: Iterable[Option] = (),
    needs: Iterable[str] = (),
) -> Callable[[CheckFunction], Rule]:
    """Decorator that turns a function `f(ctx) -> iterable of findings` into a Rule.

    The docstring is the rule's documentation, in the sections
    *What it checks*, *Why it matters*, *How to fix*, *Options*.
    """
    if not CODE_PATTERN.match(code):
        raise ValueError(f"rule code {code!r} must be an upper-case prefix plus 3 digits, e.g. HOOK001")
    if not NAME_PATTERN.match(name):
        raise ValueError(f"rule name {name!r} must be kebab-case, e.g. slow-start")
    parsed_level = Level.parse(level)
    options = tuple(options)

    def decorate(function: CheckFunction) -> Rule:
        docs = parse_doc_sections(function.__doc__ or "")
        summary = _first_sentence(docs.get("What it checks", "")) or name
        return Rule(
            code=code,
            name=name,
            level=parsed_level,
            function=function,
            options=options,
            summary=summary,
            docs=docs,
            needs=tuple(needs),
            module=getattr(function, "__module__", ""),
        )

    return decorate


_SECTION_RE = re.compile(r"^\s*(What it checks|Why it matters|How to fix|Options)\s*:\s*", re.M)


def parse_doc_sections(docstring: str) -> dict[str, str]:
    """Split a check's docstring into its fixed sections (text before any heading is 'What it checks')."""
    import inspect

    text = inspect.cleandoc(docstring)
    sections: dict[str, str] = {}
    matches = list(_SECTION_RE.finditer(text))
    if not matches:
        if text.strip():
            sections["What it checks"] = text.strip()
        return sections
    if matches[0].start() > 0 and text[: matches[0].start()].strip():
        sections["What it checks"] = text[: matches[0].start()].strip()
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        body = text[m.end() : end].strip()
        sections[m.group(1)] = (sections.get(m.group(1), "") + "\n" + body).strip()
    return sections


def _first_sentence(text: str) -> str:
    text = " ".join(text.split())
    for stop in (". ", "。"):
        if stop in text:
            return text.split(stop, 1)[0].rstrip(".") + ("" if stop == ". " else "")
    return text.rstrip(".")


def _indent(text: str) -> str:
    return "\n".join("  " + line if line.strip() else "" for line in text.splitlines())


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return str(value)
