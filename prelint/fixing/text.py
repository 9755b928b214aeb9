"""Safe text fixes to a draft's metadata file (`clip.prelint.toml`), and the edit that applies them.

Safe means the meaning of the text cannot change:

- surrounding whitespace of the title and caption is removed;
- stacked ``!`` / ``?`` marks (``！！！``, ``??``, ``!！``) become one;
- a hashtag that appears again (in the title, the caption or the `hashtags` list, compared without
  ``#`` and case) is removed where it repeats: the first in reading order (title, caption, list) stays;
- hashtags over the platform's limit (SPEC002's, so ``[options.SPEC002] max`` counts) are dropped
  from the end: the `hashtags` list's last ones first, then the caption's last inline ones; a title's
  hashtags are never touched.

Anything else (a title over the platform's length, clickbait, contact details, absolute claims) is
only suggested. The file is edited in place, token by token: comments, key order, quoting and
every other key stay as they were, and the result is parsed again and compared with what was
meant before anything is written (`MetadataEdit.new_text`).
"""

from __future__ import annotations

import difflib
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from prelint.draft import HASHTAG_PATTERN
from prelint.errors import ConfigError

STACKED = (re.compile(r"[!！]{2,}"), re.compile(r"[?？]{2,}"))
#: Characters that may follow a hashtag's closing ``#`` (the ``#话题#`` style).
TAG_CLOSERS = re.compile(r"#(?=$|[\s，,。！!？?、；;：:])")


@dataclass(frozen=True)
class TextFix:
    field: str  # "title", "caption" or "hashtags"
    what: str

    def __str__(self) -> str:
        return f"{self.field}: {self.what}"


@dataclass
class TextValues:
    """A draft's text as its metadata file holds it (hashtags as the file's raw items)."""

    title: str | None
    caption: str | None
    hashtags: list[str] | None
    hashtags_is_string: bool = False

    def tags(self) -> tuple[str, ...]:
        return tuple(self.hashtags or ())


@dataclass(frozen=True)
class TextPlan:
    before: TextValues
    after: TextValues
    fixes: tuple[TextFix, ...] = ()
    not_fixed: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.fixes)


def plan_text_fixes(values: TextValues, hashtag_limit: int | None) -> TextPlan:
    """The safe fixes of `values`; `hashtag_limit` is SPEC002's limit when it fired (None: not over)."""
    after = TextValues(values.title, values.caption, list(values.hashtags) if values.hashtags is not None else None,
                       values.hashtags_is_string)
    fixes: list[TextFix] = []
    not_fixed: list[str] = []
    for name in ("title", "caption"):
        text = getattr(after, name)
        if text is None:
            continue
        stripped = text.strip()
        if stripped != text:
            fixes.append(TextFix(name, "surrounding whitespace removed"))
            text = stripped
        for pattern in STACKED:
            found = [m.group(0) for m in pattern.finditer(text)]
            if found:
                text = pattern.sub(lambda m: m.group(0)[0], text)
                fixes.append(TextFix(name, "stacked punctuation " + ", ".join(f"「{s}」 → 「{s[0]}」" for s in dict.fromkeys(found))))
        setattr(after, name, text)
    _dedupe_hashtags(after, fixes)
    if hashtag_limit is not None:
        _limit_hashtags(after, hashtag_limit, fixes, not_fixed)
    return TextPlan(values, after, tuple(fixes), tuple(not_fixed))


@dataclass(frozen=True)
class _Tag:
    field: str  # "title", "caption" or "list"
    key: str
    start: int = 0  # inline: span of "#tag" in the field's text; list: the item's index
    end: int = 0


def _tag_key(tag: str) -> str:
    return unicodedata.normalize("NFC", tag.strip().lstrip("#").strip()).casefold()


def _occurrences(values: TextValues) -> list[_Tag]:
    out: list[_Tag] = []
    for name in ("title", "caption"):
        text = getattr(values, name) or ""
        for m in HASHTAG_PATTERN.finditer(text):
            out.append(_Tag(name, _tag_key(m.group(1)), m.start(), m.end()))
    for i, item in enumerate(values.hashtags or ()):
        if _tag_key(item):
            out.append(_Tag("list", _tag_key(item), i, i))
    return out


def _dedupe_hashtags(values: TextValues, fixes: list[TextFix]) -> None:
    seen: set[str] = set()
    repeats: list[_Tag] = []
    for tag in _occurrences(values):
        if tag.key in seen:
            repeats.append(tag)
        seen.add(tag.key)
    if repeats:
        _remove(values, repeats, fixes, "duplicate hashtag")


def _limit_hashtags(values: TextValues, limit: int, fixes: list[TextFix], not_fixed: list[str]) -> None:
    tags = _occurrences(values)
    surplus = len(tags) - limit
    if surplus <= 0:
        return
    droppable = [t for t in tags if t.field == "list"][::-1] + [t for t in tags if t.field == "caption"][::-1]
    dropped = droppable[:surplus]
    if dropped:
        _remove(values, dropped, fixes, f"over the platform's limit of {limit}, dropped")
    if len(dropped) < surplus:
        not_fixed.append(f"hashtags: {len(tags) - len(dropped)} remain over the limit of {limit}; the title's "
                         "hashtags are not removed automatically")


def _remove(values: TextValues, tags: list[_Tag], fixes: list[TextFix], why: str) -> None:
    """Remove the given hashtag occurrences (inline spans and list items) from `values`."""
    for name in ("title", "caption"):
        text = getattr(values, name)
        spans = sorted(((t.start, t.end) for t in tags if t.field == name), reverse=True)
        if not spans or text is None:
            continue
        removed = []
        for start, end in spans:
            removed.append(text[start:end])
            if TAG_CLOSERS.match(text, end):
                end += 1
            if start > 0 and text[start - 1] in " \t\u3000":
                start -= 1
            elif end < len(text) and text[end] in " \t\u3000":
                end += 1
            text = text[:start] + text[end:]
        setattr(values, name, text.strip())
        fixes.append(TextFix(name, f"{why}: " + " ".join(reversed(removed))))
    indexes = sorted((t.start for t in tags if t.field == "list"), reverse=True)
    if indexes and values.hashtags is not None:
        removed = []
        for i in indexes:
            removed.append(values.hashtags.pop(i))
        fixes.append(TextFix("hashtags", f"{why}: " + " ".join(_hash(t) for t in reversed(removed))))


def _hash(tag: str) -> str:
    return tag if tag.startswith("#") else "#" + tag


# --- the metadata file ------------------------------------------------------------------------


@dataclass(frozen=True)
class MetadataEdit:
    path: Path
    old_text: str
    new_text: str
    changed_keys: tuple[str, ...] = field(default=())

    def diff(self) -> str:
        name = str(self.path)
        lines = difflib.unified_diff(self.old_text.splitlines(keepends=True), self.new_text.splitlines(keepends=True),
                                     fromfile=f"a/{name}", tofile=f"b/{name}")
        out = "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)
        return out


def read_values(path: Path, raw_text: str) -> TextValues:
    """The title, caption and hashtags exactly as the metadata file holds them."""
    data = _loads(raw_text, path)
    tags = data.get("hashtags")
    is_string = isinstance(tags, str)
    if is_string:
        tags = tags.split()
    return TextValues(data.get("title"), data.get("caption"), list(tags) if tags is not None else None, is_string)


def edit_metadata(path: Path, raw_text: str, plan: TextPlan) -> MetadataEdit:
    """The metadata file's text with the plan's new values in place of the old ones.

    Raises ConfigError when the file cannot be edited token by token (then it is left alone)."""
    data = _loads(raw_text, path)
    text = raw_text
    expected = dict(data)
    changed: list[str] = []
    for key in ("title", "caption", "hashtags"):
        old = getattr(plan.before, key)
        new = getattr(plan.after, key)
        if old == new or key not in data:
            continue
        value: Any = new
        if key == "hashtags" and plan.after.hashtags_is_string:
            value = " ".join(new or [])
        span = _value_span(text, key, data[key])
        if span is None:
            raise ConfigError(f"cannot edit key {key!r} in place (write it as `{key} = ...` on its own line); "
                              "apply the fixes by hand", path)
        start, end = span
        text = text[:start] + _encode(value, text[start:end]) + text[end:]
        expected[key] = value
        changed.append(key)
    if _loads(text, path) != expected:  # never write an edit that does not read back as meant
        raise ConfigError("cannot edit the file in place safely; apply the fixes by hand", path)
    return MetadataEdit(path, raw_text, text, tuple(changed))


def _loads(text: str, path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError) as exc:
        raise ConfigError(f"invalid TOML: {exc}", path) from None


_KEY_LINE = r"(?m)^[ \t]*(?:{k}|\"{k}\"|'{k}')[ \t]*=[ \t]*"


def _value_span(text: str, key: str, value: Any) -> tuple[int, int] | None:
    """(start, end) of the top-level `key`'s value token in `text`, checked by parsing it back."""
    for match in re.finditer(_KEY_LINE.format(k=re.escape(key)), text):
        start = match.end()
        line_ends = [m.start() for m in re.finditer("\n", text[start:])]
        for line_end in [start + e for e in line_ends] + [len(text)]:
            if _parses_to(text[start:line_end], value):
                line_start = text.rfind("\n", start, line_end) + 1
                for end in range(max(start, line_start), line_end + 1):
                    if _parses_to(text[start:end], value):
                        return start, end
        # not this occurrence (e.g. a `title =` line inside a multi-line string): try the next
    return None


def _parses_to(token: str, value: Any) -> bool:
    try:
        return tomllib.loads("v = " + token).get("v") == value
    except (tomllib.TOMLDecodeError, RecursionError):
        return False


def _encode(value: Any, old_token: str) -> str:
    """`value` as a TOML token, in the style of the token it replaces."""
    if isinstance(value, list):
        quote = "'" if old_token.lstrip("[ \t\r\n").startswith("'") else '"'
        items = [_string(v, quote) for v in value]
        if "\n" in old_token and items:
            indent = re.search(r"\n([ \t]*)\S", old_token)
            pad = indent.group(1) if indent and indent.group(1) else "  "
            return "[\n" + "".join(f"{pad}{item},\n" for item in items) + "]"
        return "[" + ", ".join(items) + "]"
    multi = old_token.startswith(('"""', "'''"))
    if multi and "\n" in value:
        newline = "\n" if old_token[3:4] in ("\n", "\r") or value.startswith("\n") else ""
        return '"""' + newline + _escape(value, multiline=True) + '"""'
    return _string(value, "'" if old_token.startswith("'") else '"')


def _string(value: str, quote: str) -> str:
    if quote == "'" and "'" not in value and not any(_needs_escape(ch) for ch in value):
        return f"'{value}'"
    return '"' + _escape(value) + '"'


def _needs_escape(ch: str) -> bool:
    return ch in '"\\' or (ord(ch) < 0x20 and ch != "\t") or ch == "\x7f"


def _escape(value: str, multiline: bool = False) -> str:
    out = []
    for ch in value:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\n" if multiline else "\\n")
        elif ch == "\t":
            out.append("\t")
        elif ord(ch) < 0x20 or ch == "\x7f":
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "".join(out)
