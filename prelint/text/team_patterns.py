"""Regular expressions written by a team in its config (`[tool.prelint.lexicon] extend`: `pattern`
and `exceptions`), run by RE2 (the `google-re2` package), whose matching time is linear in the text.

Python's `re` backtracks: `(a|a)*b`, `(a|aa)+c` or `.*.*.*=` on a few dozen hostile characters never
returns, and no syntax check catches every such shape. A config file comes with the repository it
lints, so its patterns are untrusted input: they never reach `re`. RE2 has no lookaround and no
backreferences; a pattern that uses them is a config error. The built-in lexicons
(`prelint/data/lexicons/*.toml`) are ours and tested, and stay on `re`.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterator

#: Memory RE2 may use for one compiled team pattern (program and matching cache), bytes. A pattern
#: that needs more (`a{2,1000}` fifty times over) is refused at once instead of compiling for seconds.
MAX_PATTERN_MEMORY = 1 << 20
#: Largest RE2 program of one team pattern, and of all of a config's team patterns and exceptions
#: together (RE2 instructions). RE2's time is linear in the text but grows with the program when
#: its DFA gives up: `.{0,1000}c` (9,005 instructions) took 16 s per MB of subtitles. Ordinary
#: patterns take 10 to 200 (`加我微信` 16, a WeChat id pattern 120).
MAX_PATTERN_PROGRAM = 1_000
MAX_TOTAL_PROGRAM = 5_000
#: A team pattern's matches are shorter than this (characters): each search reads at most twice this much. RE2 is
#: linear in what one search reads, but a search for `X.*y|X` reads to the end of what it is given
#: at every match, so searching a whole field once per match cost matches × field length (a 1 MB
#: title of 最 under an exception `最.*x|最` took 443 s). A match this long or longer is not counted.
MAX_TEAM_MATCH = 100


class PatternError(ValueError):
    """The pattern is not valid RE2 syntax, or too large."""


def _options(ignore_case: bool) -> Any:
    import re2

    options = re2.Options()
    options.case_sensitive = not ignore_case
    options.log_errors = False  # RE2 would print its own error lines on stderr
    options.max_mem = MAX_PATTERN_MEMORY
    return options


def _explain(raw: str) -> str:
    if "perl operator" in raw and any(op in raw for op in ("(?=", "(?!", "(?<")):
        return f"{raw} (lookahead and lookbehind are not supported in team patterns, which run on RE2)"
    if "escape sequence" in raw and any(f"\\{d}" in raw for d in "123456789"):
        return f"{raw} (backreferences are not supported in team patterns, which run on RE2)"
    if "too large" in raw:
        return f"{raw} (the pattern needs more than {MAX_PATTERN_MEMORY >> 20} MiB; make its repetitions smaller)"
    return f"{raw} (team patterns use RE2 syntax)"


@dataclass(frozen=True, eq=False)
class TeamPattern:
    """A compiled team pattern. `finditer(text)` has Python's `re` interface (character offsets)
    and runs in time linear in the text."""

    pattern: str
    ignore_case: bool
    _compiled: Any = field(repr=False)

    def search(self, text: str, pos: int, endpos: int) -> tuple[int, int] | None:
        """The first match inside text[pos:endpos], as character offsets. RE2 is given that stretch
        and one character either side, so `^`, `$` and `\\b` still see the field's real edges."""
        before = text[max(0, pos - 1):pos].encode()
        inside = text[pos:endpos].encode()
        data = before + inside + text[endpos:endpos + 1].encode()
        m = self._compiled.search(data, len(before), len(before) + len(inside))
        if m is None:
            return None
        start_byte, end_byte = m.span()
        start = pos + len(data[len(before):start_byte].decode())
        return start, start + len(data[start_byte:end_byte].decode())

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Span]:
        """Non-empty matches in text[pos:endpos], left to right, without overlap, each shorter than
        MAX_TEAM_MATCH characters; every search reads at most 2 × MAX_TEAM_MATCH characters."""
        end = len(text) if endpos is None else min(endpos, len(text))
        overlong_until = -1  # where the last over-long match was cut: a match starting there continues it
        while pos < end:
            window_end = min(end, pos + 2 * MAX_TEAM_MATCH)
            found = self.search(text, pos, window_end)
            cut_short = window_end < end  # a match may go on past the window
            if found is None:
                if not cut_short:
                    return
                pos = window_end - MAX_TEAM_MATCH + 1  # a match starting before here would have fitted
                continue
            start, stop = found
            if cut_short and start > window_end - MAX_TEAM_MATCH:
                pos = start  # search again from the match, with room for a whole match
                continue
            if stop == start:
                pos = start + 1  # an empty match counts for nothing
                continue
            if stop - start >= MAX_TEAM_MATCH or start == overlong_until:
                pos = overlong_until = stop  # too long to be a phrase: not counted, and not read again
                continue
            yield Span(start, stop)
            pos = stop

    def spans(self, text: str) -> "Spans":
        """Every match in `text` (as finditer finds them), for coverage tests by bisection."""
        starts: list[int] = []
        ends: list[int] = []
        for m in self.finditer(text):
            starts.append(m.start())
            ends.append(m.end())
        return Spans(starts, ends)


@dataclass(frozen=True)
class Span:
    """Where a team pattern matched (character offsets); `start()` and `end()` as on `re` matches."""

    begin: int
    finish: int

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish


@dataclass(frozen=True)
class Spans:
    starts: list[int]
    ends: list[int]

    def cover(self, start: int, end: int) -> bool:
        """True when one match spans [start, end]. Matches do not overlap and come in order, so only
        the last match starting at or before `start` can reach `end`."""
        i = bisect_right(self.starts, start) - 1
        return i >= 0 and self.ends[i] >= end


@lru_cache(maxsize=512)
def compile_team_pattern(pattern: str, ignore_case: bool = True) -> TeamPattern:
    """Compile a team pattern with RE2; PatternError (a sentence for a config error) when RE2 refuses it."""
    try:
        import re2
    except ImportError as exc:  # a broken install: the package is a dependency
        raise PatternError(f"team patterns need the google-re2 package ({exc})") from None
    try:
        compiled = re2.compile(pattern, _options(ignore_case))
    except re2.error as exc:
        raw = exc.args[0] if exc.args else str(exc)
        raw = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
        raise PatternError(_explain(raw)) from None
    if compiled.programsize > MAX_PATTERN_PROGRAM:
        raise PatternError(f"the pattern is too large for a team pattern ({compiled.programsize} RE2 instructions, "
                           f"at most {MAX_PATTERN_PROGRAM}): make its repetitions smaller")
    return TeamPattern(pattern, ignore_case, compiled)


def program_size(pattern: str) -> int:
    """RE2 instructions of a team pattern that compiles (see compile_team_pattern)."""
    return int(compile_team_pattern(pattern)._compiled.programsize)
