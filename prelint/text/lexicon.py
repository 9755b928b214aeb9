"""Lexicons: the word lists of the text rules, as data.

Built-in lexicons live in `prelint/data/lexicons/*.toml`, one file per rule (files there without a
`[lexicon]` table are other word lists and are skipped). Each file has a
`[lexicon]` table (the rule it serves, default level, negation and mention cues) and
`[[entry]]` tables::

    [[entry]]
    term = "最佳"                 # a literal phrase, or `pattern = "..."` (a regular expression)
    category = "superlative"
    level = "warn"                # optional, defaults to the file's level
    note = "广告法第九条(三) 最佳"
    exceptions = ["最佳(方法|时间)"]  # regexes: a match they cover is not a finding
    weight = 1.0                  # clickbait score points (other rules ignore it)
    negatable = true              # 不要/拒绝 … just before it cancels the match

Users extend them from config (`[tool.prelint.lexicon]`, see `apply_config`); their patterns and
exceptions run on RE2, in linear time (prelint/text/team_patterns.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, Iterable, Mapping

from prelint.errors import ConfigError
from prelint.model import Level
from prelint.text.team_patterns import MAX_TOTAL_PROGRAM, program_size

LEXICON_PACKAGE = "prelint.data"
LEXICON_FOLDER = "lexicons"
ENTRY_KEYS = ("term", "pattern", "category", "level", "note", "exceptions", "weight", "negatable")
CONFIG_ENTRY_KEYS = ("rule",) + ENTRY_KEYS
CONFIG_KEYS = ("extend", "allow", "remove")
#: Entries a team may add with `lexicon.extend`, and phrases it may allow with `lexicon.allow`.
MAX_TEAM_ENTRIES = 500
HEADER_KEYS = (
    "rule", "code", "level", "description", "merge", "negation_cues", "negation_window", "mention_cues",
    "mention_window", "mention_before_cues", "mention_after_patterns", "mention_before_patterns",
)


@dataclass(frozen=True)
class LexiconEntry:
    """One term or pattern of a lexicon."""

    key: str  # the term, or the pattern's source: how users name it in `remove`
    is_pattern: bool
    category: str
    level: Level
    note: str = ""
    exceptions: tuple[str, ...] = ()
    weight: float = 1.0
    negatable: bool = False
    origin: str = "builtin"  # "builtin" or "config"


@dataclass(frozen=True)
class Lexicon:
    """All entries serving one rule, plus the cues that cancel a match."""

    rule: str  # rule name, e.g. "absolute-terms"
    code: str
    level: Level
    entries: tuple[LexiconEntry, ...]
    description: str = ""
    negation_cues: tuple[str, ...] = ()
    negation_window: int = 4  # characters before a match searched for a negation cue
    mention_cues: tuple[str, ...] = ()
    mention_window: int = 12  # characters after a match searched for a mention cue (骗局, 套路)
    mention_before_cues: tuple[str, ...] = ()  # in the clause before: 网友说 / 所谓 … (reported speech)
    # regexes for a word discussed as a topic: an "after" pattern must match right at the match's end
    # (震惊|体, “震惊”|标题), a "before" pattern must match ending right at its start (所谓|震惊)
    mention_after_patterns: tuple[str, ...] = ()
    mention_before_patterns: tuple[str, ...] = ()
    merge: str = "category"  # overlapping matches merge: "all", or only within one "category"


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: sets are cached per config
class LexiconSet:
    """Every lexicon, by rule name, plus phrases the user allowed (never findings)."""

    lexicons: dict[str, Lexicon] = field(default_factory=dict)
    allow: tuple[str, ...] = ()

    def __getitem__(self, rule: str) -> Lexicon:
        return self.lexicons[rule]

    def rule_for(self, name_or_code: str) -> str | None:
        for name, lexicon in self.lexicons.items():
            if name_or_code in (name, lexicon.code):
                return name
        return None

    def terms(self) -> tuple[str, ...]:
        """Multi-character terms of every lexicon, for a segmenter's user dictionary: literal terms
        plus the Chinese phrases spelled out inside patterns (万万没想到 in '万万没想到|…')."""
        import re

        found: dict[str, None] = {}
        for lexicon in self.lexicons.values():
            for entry in lexicon.entries:
                if not entry.is_pattern:
                    if len(entry.key) > 1:
                        found.setdefault(entry.key, None)
                    continue
                for phrase in re.findall(r"[\u4e00-\u9fff]{2,}", entry.key):
                    found.setdefault(phrase, None)
        return tuple(found)


def _fail(where: str, message: str, source: str) -> ConfigError:
    if source == "config":
        return ConfigError(f"key '{where}': {message}")
    return ConfigError(f"{where}: {message}", source)


def parse_entry(raw: Mapping[str, Any], where: str, default_level: Level, origin: str, allowed_keys: Iterable[str]) -> LexiconEntry:
    """Validate one entry table; raise ConfigError naming `where` and the key."""
    if not isinstance(raw, Mapping):
        raise _fail(where, f"must be a table, got {type(raw).__name__}", origin)
    allowed = tuple(allowed_keys)
    unknown = sorted(set(raw) - set(allowed))
    if unknown:
        raise _fail(f"{where}.{unknown[0]}", f"unknown key (allowed: {', '.join(allowed)})", origin)
    has_term, has_pattern = "term" in raw, "pattern" in raw
    if has_term == has_pattern:
        raise _fail(where, "needs exactly one of 'term' or 'pattern'", origin)
    key_name = "term" if has_term else "pattern"
    key = raw[key_name]
    if not isinstance(key, str) or not key.strip():
        raise _fail(f"{where}.{key_name}", "must be a non-empty string", origin)
    if has_pattern:
        _compile(key, f"{where}.pattern", origin)
    category = raw.get("category", "custom")
    if not isinstance(category, str) or not category:
        raise _fail(f"{where}.category", "must be a non-empty string", origin)
    level = default_level
    if "level" in raw:
        try:
            level = Level.parse(raw["level"]) if isinstance(raw["level"], str) else Level.parse("?")
        except ValueError as exc:
            raise _fail(f"{where}.level", str(exc), origin) from None
    note = raw.get("note", "")
    if not isinstance(note, str):
        raise _fail(f"{where}.note", "must be a string", origin)
    exceptions = raw.get("exceptions", [])
    if isinstance(exceptions, str):
        exceptions = [exceptions]
    if not isinstance(exceptions, list) or not all(isinstance(x, str) and x for x in exceptions):
        raise _fail(f"{where}.exceptions", "must be a list of non-empty strings (regular expressions)", origin)
    for i, exception in enumerate(exceptions):
        _compile(exception, f"{where}.exceptions[{i}]", origin)
    weight = raw.get("weight", 1.0)
    if isinstance(weight, bool) or not isinstance(weight, (int, float)) or weight < 0:
        raise _fail(f"{where}.weight", f"must be a number ≥ 0, got {weight!r}", origin)
    negatable = raw.get("negatable", False)
    if not isinstance(negatable, bool):
        raise _fail(f"{where}.negatable", "must be true or false", origin)
    return LexiconEntry(
        key=key,
        is_pattern=has_pattern,
        category=category,
        level=level,
        note=note,
        exceptions=tuple(exceptions),
        weight=float(weight),
        negatable=negatable,
        origin="config" if origin == "config" else "builtin",
    )


def _compile(pattern: str, where: str, origin: str) -> None:
    """Check a pattern compiles: built-in ones with Python's `re`, a team's (origin "config") with RE2,
    which matches in linear time (see prelint/text/team_patterns.py)."""
    if origin == "config":
        from prelint.text.team_patterns import PatternError, compile_team_pattern

        try:
            compile_team_pattern(pattern)
        except PatternError as exc:
            raise _fail(where, f"invalid regular expression: {exc}", origin) from None
        return
    try:
        re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise _fail(where, f"invalid regular expression: {exc}", origin) from None


def parse_lexicon_file(text: str, source: str) -> Lexicon:
    """Parse one lexicon TOML file (a ConfigError names the file and key when it is broken)."""
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML: {exc}", source) from None
    header = data.get("lexicon")
    if not isinstance(header, dict):
        raise ConfigError("missing [lexicon] table", source)
    unknown = sorted(set(header) - set(HEADER_KEYS))
    if unknown:
        raise ConfigError(f"lexicon.{unknown[0]}: unknown key", source)
    for required in ("rule", "code", "level"):
        if not isinstance(header.get(required), str):
            raise ConfigError(f"lexicon.{required}: required string", source)
    level = Level.parse(header["level"])
    entries = tuple(
        parse_entry(raw, f"entry[{i}]", level, source, ENTRY_KEYS) for i, raw in enumerate(data.get("entry", []))
    )
    return Lexicon(
        rule=header["rule"],
        code=header["code"],
        level=level,
        entries=entries,
        description=header.get("description", ""),
        negation_cues=tuple(header.get("negation_cues", ())),
        negation_window=int(header.get("negation_window", 4)),
        mention_cues=tuple(header.get("mention_cues", ())),
        mention_window=int(header.get("mention_window", 12)),
        mention_before_cues=tuple(header.get("mention_before_cues", ())),
        mention_after_patterns=tuple(header.get("mention_after_patterns", ())),
        mention_before_patterns=tuple(header.get("mention_before_patterns", ())),
        merge=header.get("merge", "category"),
    )


@lru_cache(maxsize=1)
def builtin_lexicons() -> LexiconSet:
    """The lexicons shipped in `prelint/data/lexicons/*.toml`, read once per process."""
    from importlib.resources import files

    folder = files(LEXICON_PACKAGE).joinpath(LEXICON_FOLDER)
    lexicons: dict[str, Lexicon] = {}
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if item.name.endswith(".toml"):
            text = item.read_text("utf-8")
            if not re.search(r"^\[lexicon\]", text, re.MULTILINE):
                continue  # another rule's word list in the same folder (match_concepts.toml), not a lexicon
            lexicon = parse_lexicon_file(text, f"prelint/data/lexicons/{item.name}")
            lexicons[lexicon.rule] = lexicon
    return LexiconSet(lexicons=lexicons)


def apply_config(base: LexiconSet, raw: Mapping[str, Any] | None) -> LexiconSet:
    """Apply the config's `[tool.prelint.lexicon]` table to the built-in lexicons.

    Keys:
      extend = [{rule = "absolute-terms", term = "宇宙第一", category = "rank", level = "warn"}, ...]
          entries added to a rule's lexicon (rule by name or code; a `term` that already
          exists replaces the built-in entry, e.g. to change its level)
      allow = ["品牌名最佳"]   phrases never reported: a match inside one is dropped (brand or product names)
      remove = ["首选"]        built-in terms or patterns switched off, in every lexicon
    A bad value raises ConfigError naming the key, e.g. `lexicon.extend[0].rule`.
    """
    if not raw:
        return base
    if not isinstance(raw, Mapping):
        raise ConfigError("key 'lexicon' must be a table")
    unknown = sorted(set(raw) - set(CONFIG_KEYS))
    if unknown:
        raise ConfigError(f"unknown key 'lexicon.{unknown[0]}' (known: {', '.join(CONFIG_KEYS)})")
    allow = raw.get("allow", [])
    if not isinstance(allow, list) or not all(isinstance(a, str) and a.strip() for a in allow):
        raise ConfigError("key 'lexicon.allow' must be a list of non-empty strings")
    if len(allow) > MAX_TEAM_ENTRIES:
        # each allowed phrase is looked for around every distinct match: 55,000 phrases made a lint 9× slower
        raise ConfigError(f"key 'lexicon.allow' holds {len(allow)} phrases, more than {MAX_TEAM_ENTRIES}")
    remove = raw.get("remove", [])
    if not isinstance(remove, list) or not all(isinstance(r, str) and r for r in remove):
        raise ConfigError("key 'lexicon.remove' must be a list of strings")
    known_keys = {e.key for lex in base.lexicons.values() for e in lex.entries}
    for i, key in enumerate(remove):
        if key not in known_keys:
            raise ConfigError(f"key 'lexicon.remove[{i}]': {key!r} is not a built-in term or pattern")
    extend = raw.get("extend", [])
    if not isinstance(extend, list):
        raise ConfigError("key 'lexicon.extend' must be a list of tables")
    if len(extend) > MAX_TEAM_ENTRIES:
        # every term is tried at every position of the text: 31,000 terms took 115 s on 300 KB of text
        raise ConfigError(f"key 'lexicon.extend' holds {len(extend)} entries, more than {MAX_TEAM_ENTRIES}")
    additions: dict[str, list[LexiconEntry]] = {}
    program = 0  # RE2 instructions of the team patterns and exceptions so far
    for i, item in enumerate(extend):
        where = f"lexicon.extend[{i}]"
        if not isinstance(item, Mapping):
            raise ConfigError(f"key '{where}' must be a table like {{rule = \"absolute-terms\", term = \"...\"}}")
        rule_value = item.get("rule")
        rule = base.rule_for(rule_value) if isinstance(rule_value, str) else None
        if rule is None:
            raise ConfigError(
                f"key '{where}.rule' must name a text rule ({', '.join(base.lexicons)}), got {rule_value!r}"
            )
        entry = parse_entry(item, where, base[rule].level, "config", CONFIG_ENTRY_KEYS)
        additions.setdefault(rule, []).append(entry)
        program += _team_program(entry)
        if program > MAX_TOTAL_PROGRAM:
            raise ConfigError(f"key '{where}': the team patterns and exceptions up to here take {program} RE2 "
                              f"instructions together, more than {MAX_TOTAL_PROGRAM}; use fewer or smaller patterns")
    removed = set(remove)
    lexicons: dict[str, Lexicon] = {}
    for name, lexicon in base.lexicons.items():
        added = additions.get(name, [])
        replaced = {e.key for e in added}
        kept = tuple(e for e in lexicon.entries if e.key not in removed and e.key not in replaced)
        lexicons[name] = replace(lexicon, entries=kept + tuple(added))
    return LexiconSet(lexicons=lexicons, allow=base.allow + tuple(allow))


def _team_program(entry: LexiconEntry) -> int:
    patterns = ([entry.key] if entry.is_pattern else []) + list(entry.exceptions)
    return sum(program_size(p) for p in patterns)


def configured_lexicons(raw: Mapping[str, Any] | None) -> LexiconSet:
    """Built-in lexicons with the config's `lexicon` table applied (cached per distinct table)."""
    if not raw:
        return builtin_lexicons()
    return _configured_cached(_freeze(raw))


@lru_cache(maxsize=16)
def _configured_cached(frozen: Any) -> LexiconSet:
    return apply_config(builtin_lexicons(), _thaw(frozen))


def _freeze(value: Any) -> Any:
    if isinstance(value, Mapping):
        return ("__map__", tuple(sorted((str(k), _freeze(v)) for k, v in value.items())))
    if isinstance(value, (list, tuple)):
        return ("__list__", tuple(_freeze(v) for v in value))
    return value


def _thaw(value: Any) -> Any:
    if isinstance(value, tuple) and len(value) == 2 and value[0] == "__map__":
        return {k: _thaw(v) for k, v in value[1]}
    if isinstance(value, tuple) and len(value) == 2 and value[0] == "__list__":
        return [_thaw(v) for v in value[1]]
    return value
