"""Running the real CLI in a subprocess with a timeout, and snapshots of the folders it must not touch."""

from __future__ import annotations

import ctypes
import hashlib
import os
import resource
import stat
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

#: Seconds one CLI run may take before the test calls it a hang.
CLI_TIMEOUT_S = 90


@dataclass(frozen=True)
class CliRun:
    args: tuple[str, ...]
    returncode: int | None  # None: killed after CLI_TIMEOUT_S
    stdout: str
    stderr: str
    before: dict[str, str] | None = None
    after: dict[str, str] | None = None

    @property
    def timed_out(self) -> bool:
        return self.returncode is None

    def describe(self) -> str:
        return (f"prelint {' '.join(self.args)[:300]}\nexit {self.returncode}\nstdout:\n{self.stdout[-2000:]}"
                f"\nstderr:\n{self.stderr[-2000:]}")


def cli_environment(base: Path) -> dict[str, str]:
    """Environment of a CLI run: its own cache folders under `base`, no debug tracebacks, no colour."""
    env = dict(os.environ)
    env.pop("PRELINT_DEBUG", None)
    env.update(
        PRELINT_CACHE_DIR=str(base / "cache"),
        XDG_CACHE_HOME=str(base / "xdg-cache"),
        NO_COLOR="1",
        PYTHONFAULTHANDLER="1",
    )
    return env


def snapshot(folder: Path) -> dict[str, str]:
    """Every entry under folder (symlinks not followed) -> kind, mode and content hash."""
    out: dict[str, str] = {}
    for root, dirs, files in os.walk(folder, followlinks=False):
        for name in sorted(dirs + files):
            path = Path(root, name)
            rel = str(path.relative_to(folder))
            st = path.lstat()
            mode = stat.S_IMODE(st.st_mode)
            if stat.S_ISLNK(st.st_mode):
                out[rel] = f"link->{os.readlink(path)}"
            elif stat.S_ISDIR(st.st_mode):
                out[rel] = f"dir {mode:o}"
            elif stat.S_ISREG(st.st_mode):
                digest = hashlib.sha256(path.read_bytes()).hexdigest()  # root reads mode-000 files
                out[rel] = f"file {mode:o} {st.st_size} {digest}"
            else:
                out[rel] = f"special {stat.S_IFMT(st.st_mode):o} {mode:o}"
    return out


_LIBC = ctypes.CDLL(None, use_errno=True)  # loaded here: nothing is imported between fork and exec


def drop_file_read_override() -> None:
    """In the child: lose CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH so root obeys file modes."""
    pr_capbset_drop = 24
    for cap in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if _LIBC.prctl(pr_capbset_drop, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def limit_memory(max_bytes: int) -> None:
    """In the child: an address-space limit, so a run that reads without end fails instead of
    taking the machine's memory."""
    resource.setrlimit(resource.RLIMIT_AS, (max_bytes, max_bytes))


def run_cli(*args: str, cwd: Path, env: dict[str, str], watch: Path | None = None,
            without_read_override: bool = False, timeout_s: float = CLI_TIMEOUT_S,
            max_memory_bytes: int | None = None) -> CliRun:
    """Run `python -m prelint.cli ARGS` with a timeout (and an address-space limit, when given);
    snapshot `watch` before and after."""
    before = snapshot(watch) if watch is not None else None
    cmd = [sys.executable, "-m", "prelint.cli", *args]

    def preexec() -> None:
        if without_read_override:
            drop_file_read_override()
        if max_memory_bytes is not None:
            limit_memory(max_memory_bytes)

    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, env=env, timeout=timeout_s,
                              preexec_fn=preexec if without_read_override or max_memory_bytes else None,
                              errors="replace")
        result = CliRun(tuple(args), proc.returncode, proc.stdout, proc.stderr)
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout.decode(errors="replace") if isinstance(exc.stdout, bytes) else (exc.stdout or "")
        err = exc.stderr.decode(errors="replace") if isinstance(exc.stderr, bytes) else (exc.stderr or "")
        result = CliRun(tuple(args), None, out, err)
    after = snapshot(watch) if watch is not None else None
    return CliRun(result.args, result.returncode, result.stdout, result.stderr, before, after)


def can_drop_read_override() -> bool:
    """True when a child process can be made to obey file modes (root without DAC override)."""
    if os.geteuid() != 0:
        return True
    probe = subprocess.run([sys.executable, "-c", "print(1)"], preexec_fn=drop_file_read_override,
                           capture_output=True)
    return probe.returncode == 0


def run_on_terminal(args: list[str], cwd: Path, env: dict[str, str], timeout_s: float = 300) -> tuple[int, bytes, str]:
    """Run `python -m prelint.cli ARGS` with stderr on a pseudo-terminal (where progress bars are
    drawn) and stdout on a pipe: (exit status, stdout, what the terminal showed)."""
    import pty

    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "prelint.cli", *args], cwd=cwd, stdout=subprocess.PIPE,
                            stderr=slave, env=env)
    os.close(slave)
    stdout, _ = proc.communicate(timeout=timeout_s)
    terminal = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the other side closed
            break
        if not chunk:
            break
        terminal += chunk
    os.close(master)
    return proc.returncode, stdout, terminal.decode("utf-8", "replace")


def probe_peaks_mib(path: Path) -> tuple[str, int, int]:
    """`prelint.media.container.probe(path)` in a fresh process: (its one-line outcome — the video
    codec, or the exception's type and message —, the peak MiB of that process, the peak MiB of its
    children: the container worker that reads the file and its ffmpeg). VmHWM is read for the process
    itself: ru_maxrss would carry the forking pytest's peak across exec."""
    code = ("import resource, sys; from prelint.media.container import probe\n"
            "try:\n    print(probe(sys.argv[1]).video_codec)\nexcept Exception as exc:\n    print(type(exc).__name__, exc)\n"
            "hwm = next(l for l in open('/proc/self/status') if l.startswith('VmHWM'))\n"
            "print(int(hwm.split()[1]) // 1024, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)")
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    outcome, peaks = done.stdout.strip().rsplit("\n", 1)
    own_mib, children_mib = map(int, peaks.split())
    return outcome, own_mib, children_mib
