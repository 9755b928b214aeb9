"""Writing reports (`-o FILE`) and baselines (`--write-baseline FILE`) safely.

A linted repository is not trusted: a committed `report.sarif` may be a symbolic link to
`~/.bashrc`, and a mistyped `--write-baseline drafts/v.mp4` names a draft. So an output file is

- never written through a symbolic link, and never over something that is not a regular file;
- never one of the run's inputs (a video, metadata file, subtitles file or baseline read);
- written atomically: a temporary file beside it, renamed over it once complete, so a failed
  or interrupted run leaves the old file (or none) and never a half-written one.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path
from typing import IO, Iterable

from prelint.errors import UsageError


def check_output_target(path: Path, inputs: Iterable[Path], what: str = "report") -> None:
    """UsageError unless `path` may be replaced by an output file (see the module docstring)."""
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


class AtomicOutput:
    """A text file written to a temporary name beside `path` and renamed over it by `commit()`.

    `discard()` (or leaving without commit) removes the temporary file and leaves `path` as it was.
    """

    def __init__(self, path: Path, inputs: Iterable[Path] = (), what: str = "report") -> None:
        self.path = path
        self.what = what
        check_output_target(path, inputs, what)
        folder = path.parent if str(path.parent) else Path(".")
        try:
            fd, self._temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        except OSError as exc:
            raise UsageError(f"cannot write {what} {path}: {exc.strerror or exc}") from None
        os.fchmod(fd, 0o666 & ~_umask())
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


def write_output_file(path: Path, text: str, inputs: Iterable[Path] = (), what: str = "report") -> None:
    """Write `text` to `path` atomically, refusing links, special files and inputs."""
    output = AtomicOutput(path, inputs, what)
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
