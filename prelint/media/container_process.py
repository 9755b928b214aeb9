"""Reading a draft's container in a child process under a memory limit.

FFmpeg's demuxers and tag readers allocate what a file declares before prelint can look at it: a
2.8 KB FLV declaring 268 million keyframes took 2.1 GB, a Matroska block of 255 zlib laces 3.5 GB,
an ID3 tag of compressed frames 2 GB, all inside prelint's own process, which has no memory limit.
So every PyAV opening of a draft (the probe, the decode planner, the subtitle stream listing, the
sound's sample rate for `prelint fix`) runs in a worker process with `RLIMIT_DATA` set
(CONTAINER_DATA_LIMIT), started with `python -P` (nothing imported from the working folder), and
killed when the draft's time limit passes. Workers are kept for the next request (a start costs
about 0.25 s); one that fails or is killed is never reused.

Requests and answers are one JSON line each. The worker side is `python -P -m
prelint.media.container_process`.
"""

from __future__ import annotations

import json
import os
import selectors
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

from prelint.errors import AnalysisTimeout, InputError
from prelint.media.deadline import Deadline

#: Data memory of a container worker: what the largest legitimate container index needs (a 3-hour
#: Matroska file's cues and a phone video's sample tables take a few MB) with Python and PyAV.
CONTAINER_DATA_LIMIT = 512 * 1024 * 1024
#: Idle workers kept for later requests (the probe and the planner run side by side).
MAX_IDLE_WORKERS = 2
#: Longest wait (s) for a request without a deadline of its own.
DEFAULT_TIMEOUT_S = 120.0

_MEMORY_MESSAGE = (f"reading its container needs more than {CONTAINER_DATA_LIMIT >> 20} MiB of memory (a file that "
                   "declares far more than it holds); export the video again")


class _Worker:
    def __init__(self) -> None:
        self.proc = start_python_worker("prelint.media.container_process", CONTAINER_DATA_LIMIT, soft_only=True)

    def ask(self, request: dict[str, Any], timeout_s: float) -> dict[str, Any] | None:
        """The answer, or None when the worker died or did not answer within timeout_s."""
        assert self.proc.stdin is not None and self.proc.stdout is not None
        try:
            self.proc.stdin.write(json.dumps(request).encode() + b"\n")
            self.proc.stdin.flush()
        except OSError:
            return None
        answer = read_json_line(self.proc.stdout, timeout_s)
        return answer if isinstance(answer, dict) else None

    def close(self) -> None:
        if self.proc.poll() is None:
            for child in _children(self.proc.pid):  # its ffmpeg (the stream listing), if any
                try:
                    os.kill(child, 9)
                except OSError:
                    pass
            self.proc.kill()
        self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream is not None:
                stream.close()


def _children(pid: int) -> list[int]:
    """The processes `pid` started (Linux; elsewhere none are known)."""
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as fh:
            return [int(p) for p in fh.read().split()]
    except (OSError, ValueError):
        return []


def start_python_worker(module: str, data_limit: int, soft_only: bool = False,
                        extra_env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    """`python -P -m module` with pipes for stdin and stdout: nothing imported from the working
    folder (no PYTHON* variables, PYTHONSAFEPATH, started in the root folder), RLIMIT_DATA set to
    data_limit (see memory_limited for soft_only)."""
    from prelint.media.ffmpeg_process import memory_limited

    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONSAFEPATH"] = "1"
    for name, value in (extra_env or {}).items():
        env.setdefault(name, value)
    return subprocess.Popen([sys.executable, "-P", "-m", module], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, env=env, cwd=os.path.abspath(os.sep),
                            preexec_fn=memory_limited(data_limit, soft_only=soft_only))


def read_json_line(stream: Any, timeout_s: float) -> Any:
    """One JSON line from a worker process, or None when it ended, said nothing within timeout_s
    or wrote something that is not JSON."""
    line = _read_line(stream, timeout_s)
    if line is None:
        return None
    try:
        return json.loads(line)
    except ValueError:
        return None


def _read_line(stream: Any, timeout_s: float) -> bytes | None:
    import time

    end = time.monotonic() + timeout_s
    buffer = b""
    fd = stream.fileno()
    with selectors.DefaultSelector() as selector:
        selector.register(fd, selectors.EVENT_READ)
        while True:
            left = end - time.monotonic()
            if left <= 0 or not selector.select(left):
                return None
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                return None  # the worker ended (killed at its memory limit, or crashed)
            buffer += chunk
            if buffer.endswith(b"\n"):
                return buffer


_lock = threading.Lock()
_idle: list[_Worker] = []


def _take() -> _Worker:
    with _lock:
        while _idle:
            worker = _idle.pop()
            if worker.proc.poll() is None:
                return worker
            worker.close()
    return _Worker()


def _give_back(worker: _Worker) -> None:
    with _lock:
        if len(_idle) < MAX_IDLE_WORKERS and worker.proc.poll() is None:
            _idle.append(worker)
            return
    worker.close()


def close_workers() -> None:
    """End the idle workers (they also end with prelint's process: their input closes)."""
    with _lock:
        workers, _idle[:] = list(_idle), []
    for worker in workers:
        worker.close()


def run(task: str, path: str | os.PathLike[str], deadline: Deadline | None = None, **args: Any) -> Any:
    """The worker's answer to `task` about the draft at `path`. Raises the InputError or
    AnalysisTimeout the task raised, AnalysisTimeout when `deadline` passes first (the worker is
    killed), and InputError when the worker runs out of memory or dies."""
    deadline = deadline if deadline is not None else Deadline(DEFAULT_TIMEOUT_S)
    remaining = deadline.remaining()
    request = {"task": task, "path": os.path.abspath(os.fspath(path)), "remaining_s": None if remaining == float("inf") else remaining,
               "args": args}
    worker = _take()
    answer = worker.ask(request, min(remaining, 10 * 24 * 3600.0) + 1.0)
    if answer is None:
        died = worker.proc.poll() is not None
        worker.close()
        if not died or deadline.expired():
            raise deadline.error(path) if deadline.limit_s != float("inf") else AnalysisTimeout(
                "reading its container did not end", path)
        raise InputError(_MEMORY_MESSAGE, path)
    if "ok" in answer:
        _give_back(worker)
        return answer["ok"]
    worker.close()  # a worker whose task failed is never reused
    kind, message = answer.get("error"), str(answer.get("message", ""))
    if kind == "timeout":
        raise deadline.error(path) if deadline.limit_s != float("inf") else AnalysisTimeout(message, path)
    if kind == "memory":
        raise InputError(_MEMORY_MESSAGE, path)
    raise InputError(message or "unreadable or not a video", path)


# ------------------------------------------------------------------ the worker side

def _task_probe(path: Path, deadline: Deadline, args: dict[str, Any]) -> Any:
    import dataclasses

    from prelint.media.container import probe_here

    return dataclasses.asdict(probe_here(path, deadline))


def _task_plan(path: Path, deadline: Deadline, args: dict[str, Any]) -> Any:
    from prelint.media.decode_plan import plan_here

    return plan_here(path, deadline, args)


def _task_subtitle_streams(path: Path, deadline: Deadline, args: dict[str, Any]) -> Any:
    from prelint.media.container import open_container

    with open_container(path, deadline.remaining()) as container:
        return [[i, s.codec_context.name if s.codec_context else ""] for i, s in enumerate(container.streams.subtitles)]


def _task_audio_sample_rate(path: Path, deadline: Deadline, args: dict[str, Any]) -> Any:
    from prelint.media.container import open_container

    with open_container(path, deadline.remaining()) as container:
        rate = container.streams.audio[0].codec_context.sample_rate if container.streams.audio else 0
    return int(rate) if rate and rate > 0 else None


_TASKS = {"probe": _task_probe, "plan": _task_plan, "subtitle_streams": _task_subtitle_streams,
          "audio_sample_rate": _task_audio_sample_rate}


def _answer(request: dict[str, Any]) -> dict[str, Any]:
    remaining = request.get("remaining_s")
    deadline = Deadline(float("inf") if remaining is None else float(remaining))
    try:
        return {"ok": _TASKS[request["task"]](Path(request["path"]), deadline, request.get("args") or {})}
    except MemoryError:
        return {"error": "memory"}
    except AnalysisTimeout as exc:
        return {"error": "timeout", "message": exc.message}
    except InputError as exc:
        return {"error": "input", "message": exc.message}
    except Exception as exc:  # noqa: BLE001 — FFmpeg's failed allocations arrive as its own errors
        if "Cannot allocate memory" in str(exc) or getattr(exc, "errno", None) == 12:
            return {"error": "memory"}
        return {"error": "input", "message": f"unreadable or not a video: {str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__}"}


def end_with(pid: int) -> None:
    """End this worker process as soon as prelint's own process (`pid`) ends, however it ended: a
    prelint killed outright left its pool workers running for good (the forkserver they come from
    stays alive while they do), and its QR worker scanning a costly picture for a minute."""
    import threading

    def watch() -> None:
        import select
        import time

        try:
            ended = os.pidfd_open(pid)  # Linux 5.3: readable once the process has ended
        except (AttributeError, OSError):
            ended = None
        if ended is not None:
            select.select([ended], [], [])
        else:
            while True:
                time.sleep(1.0)
                try:
                    os.kill(pid, 0)
                except ProcessLookupError:
                    break
                except PermissionError:
                    pass
        os._exit(1)

    threading.Thread(target=watch, name="prelint-watch-parent", daemon=True).start()


def main() -> None:
    end_with(os.getppid())
    for line in sys.stdin.buffer:
        try:
            request = json.loads(line)
        except ValueError:
            return
        sys.stdout.write(json.dumps(_answer(request)) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
