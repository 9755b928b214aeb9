"""Writing reports (`-o FILE`) and baselines (`--write-baseline FILE`) safely.

A linted repository is not trusted: a committed `report.sarif` may be a symbolic link to
`~/.bashrc`, and a mistyped `--write-baseline drafts/v.mp4` names a draft. So an output file is

- never written through a symbolic link (nor, for a relative path, through a linked folder), and
  never over something that is not a regular file;
- never one of the run's inputs (a video, metadata file, subtitles file, config or baseline read);
- for reports and baselines, never a file named like something prelint reads (a video,
  subtitles, a metadata file or a config file), whether or not this run reads it: a file
  committed as `--write-baseline=intro.mp4` reaches prelint as an option when a hook runner
  passes file names without `--`;
- written atomically: a temporary file beside it, renamed over it once complete, so a failed
  or interrupted run leaves the old file (or none) and never a half-written one.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import IO, Iterable

from prelint.errors import UsageError


def check_output_target(path: Path, inputs: Iterable[Path], what: str = "report") -> None:
    """UsageError unless `path` may be replaced by an output file (see the module docstring)."""
    _refuse_linked_folders(path, what)
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise UsageError(f"cannot write {what} {path}: {exc.strerror or exc}") from None
    if stat.S_ISLNK(st.st_mode):
        raise UsageError(f"refusing to write {what} {path}: it is a symbolic link (remove it or name another file)")
    if not stat.S_ISREG(st.st_mode):
        raise UsageError(f"refusing to write {what} {path}: it exists and is not a regular file")
    for source in inputs:
        try:
            other = os.stat(source)
        except OSError:
            continue
        if (other.st_dev, other.st_ino) == (st.st_dev, st.st_ino):
            raise UsageError(f"refusing to write {what} {path}: it is one of the files being linted ({source})")


def check_report_target(path: Path, inputs: Iterable[Path], what: str = "report") -> None:
    """check_output_target, and UsageError when `path` is named like a file prelint reads."""
    import re

    from prelint.config import CONFIG_FILES
    from prelint.draft import METADATA_SUFFIX, SUBTITLE_SUFFIXES, VIDEO_SUFFIXES

    # compared with Unicode case folding, as pre-commit's (?i) patterns match: x.ſrt is x.srt
    suffixes = "|".join(re.escape(s) for s in VIDEO_SUFFIXES + SUBTITLE_SUFFIXES + (METADATA_SUFFIX,))
    configs = "|".join(re.escape(c) for c in CONFIG_FILES)
    if re.search(rf"(?i)(?:{suffixes})$|^(?:{configs})$", path.name):
        raise UsageError(f"refusing to write the {what} to {path}: it is named like a file prelint reads "
                         "(video, subtitles, metadata or config)")
    check_output_target(path, inputs, what)


def _refuse_linked_folders(path: Path, what: str) -> None:
    """A relative output path may not pass through a symbolic link to a folder: a committed
    `reports -> ~/.ssh` would put `-o reports/config` outside the repository. (The folders of an
    absolute path are the user's own choice.)"""
    if path.is_absolute():
        return
    folder = Path()
    for part in path.parent.parts:
        folder = folder / part
        if part != ".." and folder.is_symlink():
            raise UsageError(f"refusing to write {what} {path}: its folder {folder} is a symbolic link")


class AtomicOutput:
    """A text file written to a temporary name beside `path` and renamed over it by `commit()`.

    `discard()` (or leaving without commit) removes the temporary file and leaves `path` as it was.
    """

    def __init__(self, path: Path, inputs: Iterable[Path] = (), what: str = "report", mode: int | None = None) -> None:
        self.path = path
        self.what = what
        check_output_target(path, inputs, what)
        folder = path.parent if str(path.parent) else Path(".")
        try:
            fd, self._temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        except OSError as exc:
            raise UsageError(f"cannot write {what} {path}: {exc.strerror or exc}") from None
        # the mode is set on the temporary file, before the rename: a chmod by name afterwards would
        # follow a link put in its place meanwhile
        os.fchmod(fd, mode if mode is not None else 0o666 & ~_umask())
        # surrogateescape: a file name that is not UTF-8 is written back as its own bytes
        self.handle: IO[str] = os.fdopen(fd, "w", encoding="utf-8", errors="surrogateescape")

    def write(self, text: str) -> None:
        self.handle.write(text)
        self.handle.flush()

    def commit(self) -> None:
        """Rename the finished file over `path` (os.replace never follows a link at `path`)."""
        self.handle.close()
        try:
            check_output_target(self.path, (), self.what)  # re-checked: a link may have appeared meanwhile
            os.replace(self._temporary, self.path)
        except BaseException:
            self.discard()
            raise

    def discard(self) -> None:
        if not self.handle.closed:
            self.handle.close()
        try:
            os.unlink(self._temporary)
        except FileNotFoundError:
            pass


class ReportOutput:
    """Where the report goes: `-o FILE` or stdout.

    A file is checked before any work (a refused `-o` fails fast), written atomically beside its
    final name and renamed when the run ends (AtomicOutput); a failed run leaves no file.
    """

    def __init__(self, path: Path | None, inputs: Iterable[Path] = ()) -> None:
        self.path = path
        self.inputs = tuple(inputs)
        self.handle: IO[str] | None = None
        self.file: AtomicOutput | None = None
        if path is not None:
            check_report_target(path, self.inputs)

    def write(self, text: str) -> None:
        handle = self._open()
        if text:
            handle.write(text)
            handle.flush()

    def _open(self) -> IO[str]:
        if self.handle is None:
            if self.path is None:
                self.handle = sys.stdout
            else:
                self.file = AtomicOutput(self.path, self.inputs)
                self.handle = self.file.handle
        return self.handle

    def close(self, complete: bool = True) -> None:
        """Put the file in place (complete) or remove what was written (a run that failed)."""
        if self.file is not None:
            self.file.commit() if complete else self.file.discard()


def write_output_file(path: Path, text: str, inputs: Iterable[Path] = (), what: str = "report",
                      mode: int | None = None) -> None:
    """Write `text` to `path` atomically, refusing links, special files and inputs."""
    output = AtomicOutput(path, inputs, what, mode)
    try:
        output.write(text)
    except OSError as exc:
        output.discard()
        raise UsageError(f"cannot write {what} {path}: {exc.strerror or exc}") from None
    except BaseException:
        output.discard()
        raise
    output.commit()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
