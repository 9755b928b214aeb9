"""`prelint-pre-commit`: the command pre-commit runs (the `entry` of .pre-commit-hooks.yaml).

pre-commit runs `entry [args] file names...` with no `--` before the file names, so a committed
file named `--write-baseline=intro.mp4` or `-ointro.mp4` would reach a plain `prelint` as an
option. This entry puts `--` before the trailing file names: every argument from the first one
that names an existing file the hook lints (a video, subtitles or `*.prelint.toml`, read with the
hook's own `files` pattern) is a path; the arguments before it are the hook's `args`, passed as
options, and `--write-baseline` among them is refused.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

import re

#: The `files` pattern of .pre-commit-hooks.yaml (a test keeps the two equal). pre-commit selects files
#: with it, so the same pattern, with Python's case folding (ſ matches s, ı matches i), decides here
#: which trailing arguments are those files; `str.lower()` would not, and `--write-baseline=x.ſrt`
#: would reach prelint as an option.
HOOK_FILES = r"(?i)\.(mp4|mov|m4v|webm|mkv|srt|vtt|ass)$|[^/]\.prelint\.toml$"
_HOOK_FILES = re.compile(HOOK_FILES)
#: Options a hook never takes: a baseline written by a hook would make every commit pass.
REFUSED_OPTIONS = ("--write-baseline",)


def lints(argument: str) -> bool:
    """True when `argument` names an existing file of a kind the hook passes (link or file)."""
    return _HOOK_FILES.search(argument) is not None and os.path.lexists(argument)


def value_options() -> set[str]:
    """The lint command's options that take a value (`--config FILE`, `-o FILE`)."""
    import click

    from prelint.cli import lint_command

    return {name for p in lint_command.params if isinstance(p, click.Option) and not p.is_flag for name in p.opts}


def hook_arguments(args: Sequence[str]) -> list[str]:
    """`lint`, the options, `--`, then the file names (see the module docstring). A trailing
    argument is a file name when it matches the hook's files pattern, or when it exists and is not
    the value of the option before it (a team that widens `files` in its own config gets every
    existing file read as a path too)."""
    args = list(args)
    if "--" in args:
        return ["lint", *args]
    takes_value = value_options()
    first_file = len(args)
    while first_file > 0:
        candidate = args[first_file - 1]
        before = args[first_file - 2] if first_file >= 2 else ""
        if lints(candidate) or (os.path.lexists(candidate) and before not in takes_value):
            first_file -= 1
        else:
            break
    return ["lint", *args[:first_file], "--", *args[first_file:]]


def refused_option(args: Sequence[str]) -> str | None:
    """The first option before `--` that a hook may not take, or None."""
    for argument in args:
        if argument == "--":
            return None
        if any(argument == name or argument.startswith(name + "=") for name in REFUSED_OPTIONS):
            return argument
    return None


def main() -> None:
    from prelint.cli import main as prelint_main
    from prelint.errors import EXIT_ERROR
    from prelint.terminal import visible

    arguments = hook_arguments(sys.argv[1:])
    refused = refused_option(arguments)
    if refused is not None:
        print(f"prelint: error: {visible(refused)}: the pre-commit hook never writes a baseline "
              "(run `prelint --write-baseline FILE` yourself)", file=sys.stderr)
        sys.exit(EXIT_ERROR)
    prelint_main(args=arguments, prog_name="prelint")


if __name__ == "__main__":
    main()
