"""`prelint-pre-commit`: the command pre-commit runs (the `entry` of .pre-commit-hooks.yaml).

pre-commit runs `entry [args] file names...` with no `--` before the file names, so a committed
file named `--write-baseline=intro.mp4` or `-ointro.mp4` would reach a plain `prelint` as an
option. This entry puts `--` before the trailing file names: every argument from the first one
that names an existing file the hook lints (a video, subtitles or `*.prelint.toml`) is a path;
the arguments before it are the hook's `args`, passed as options.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from prelint.draft import METADATA_SUFFIX, SUBTITLE_SUFFIXES, VIDEO_SUFFIXES


def lints(argument: str) -> bool:
    """True when `argument` names an existing file of a kind the hook passes (link or file)."""
    return argument.lower().endswith(VIDEO_SUFFIXES + SUBTITLE_SUFFIXES + (METADATA_SUFFIX,)) and os.path.lexists(argument)


def hook_arguments(args: Sequence[str]) -> list[str]:
    """`lint`, the options, `--`, then the file names (see the module docstring)."""
    args = list(args)
    if "--" in args:
        return ["lint", *args]
    first_file = len(args)
    while first_file > 0 and lints(args[first_file - 1]):
        first_file -= 1
    return ["lint", *args[:first_file], "--", *args[first_file:]]


def main() -> None:
    from prelint.cli import main as prelint_main

    prelint_main(args=hook_arguments(sys.argv[1:]), prog_name="prelint")


if __name__ == "__main__":
    main()
