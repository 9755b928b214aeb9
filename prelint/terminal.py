"""Text from a draft made safe to print on a terminal: control characters shown, never executed.

Titles, captions, subtitles, on-screen text, file names and ignore reasons come from files anyone
may commit. Printed raw, `ESC[2J` clears the screen, `ESC]0;…BEL` retitles the terminal and a
newline adds a fake summary line. Like git quoting a file name, every control character (C0, DEL,
C1), lone surrogates (a file name that is not UTF-8), the bidirectional overrides (which reorder what is shown) and the line and paragraph
separators are written as escapes (`\\x1b`, `\\n`, `\\u202e`); emoji, CJK text and joiners stay.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    return match.group().encode("unicode_escape").decode("ascii")


_UNSAFE_KEEPING_LINES = re.compile(_UNSAFE.pattern.replace("\x00-\x1f", "\x00-\x08\x0b-\x1f"))


def visible(text: str, keep_lines: bool = False) -> str:
    """`text` with every character that a terminal would act on written as an escape (line breaks
    and tabs kept with `keep_lines`, for documents such as the HTML report), and `##[`, which a
    GitHub Actions log reads as a command anywhere in a line, written `#\\x23[`."""
    return (_UNSAFE_KEEPING_LINES if keep_lines else _UNSAFE).sub(_escape, text).replace("##[", "#\\x23[")


def log_safe_line(line: str) -> str:
    """A line of human-readable output that a GitHub Actions log cannot take for a workflow command:
    the runner strips leading whitespace (any Unicode space) and reads `::name …::`, so a line whose
    text starts with `::` after its spaces gets its first colon written as `\\x3a`."""
    stripped = line.lstrip()
    if stripped.startswith("::"):
        return line[: len(line) - len(stripped)] + "\\x3a" + stripped[1:]
    return line


def log_safe(text: str) -> str:
    """Human-readable output with every line made safe by log_safe_line."""
    return "\n".join(log_safe_line(line) for line in text.split("\n"))


# What JSON and XML writers leave raw: C0 controls are already escaped by json and replaced by the
# JUnit writer, but a carriage return in XML text (it sends the cursor back over the line), DEL, C1
# controls (0x9b is a CSI on many terminals), bidi overrides and the line separators pass through,
# and `cat report.json` would act on them.
_RAW_IN_DOCUMENTS = re.compile("[\r\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def json_visible(document: str) -> str:
    """A JSON document with those characters written as `\\uXXXX` escapes (the same JSON value)."""
    return _RAW_IN_DOCUMENTS.sub(lambda m: f"\\u{ord(m.group()):04x}", document)


def xml_visible(document: str) -> str:
    """An XML document with those characters written as character references (the same text)."""
    return _RAW_IN_DOCUMENTS.sub(lambda m: f"&#x{ord(m.group()):x};", document)
