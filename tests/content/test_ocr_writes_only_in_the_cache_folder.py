"""OCR's engine (onnxruntime) starts its telemetry on import: a session file in the temporary
folder, and a device id and a database under the user's cache. prelint turns its telemetry off
and keeps any state it still writes in prelint's own cache folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

#: Make an OCR session as a lint does, then print the environment the user left.
_OCR_SESSION = (
    "import glob, os, onnxruntime; from rapidocr import RapidOCR; "
    "model = sorted(glob.glob(os.path.join(os.path.dirname(__import__('rapidocr').__file__), 'models', '*.onnx')))[0]; "
    "onnxruntime.InferenceSession(model, providers=['CPUExecutionProvider']); "
    "print(os.environ['XDG_CACHE_HOME'])"
)


def _run_and_list_written(tmp_path: Path, code: str) -> list[str]:
    """Run `code` with an empty home, cache and temporary folder; the files it wrote there."""
    home, xdg, tmp = tmp_path / "home", tmp_path / "xdg", tmp_path / "tmp"
    for folder in (home, tmp):
        folder.mkdir(parents=True)
    env = {k: v for k, v in os.environ.items() if k not in ("PRELINT_CACHE_DIR", "ORT_DISABLE_TELEMETRY")}
    env.update(HOME=str(home), XDG_CACHE_HOME=str(xdg), TMPDIR=str(tmp))
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == str(xdg)  # the cache setting is as the user left it
    return sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the state folder is Linux's XDG cache")
def test_the_ocr_engine_writes_no_telemetry_and_nothing_outside_prelints_cache(tmp_path: Path) -> None:
    # What onnxruntime writes depends on the machine (it wrote nothing on one CI host): a plain
    # session shows it, and only then is there something to stop.
    plain = _run_and_list_written(tmp_path / "plain", _OCR_SESSION)
    if not plain:
        pytest.skip("onnxruntime writes nothing on this machine")
    code = "from prelint.content import ocr; ocr._import_onnxruntime(); " + _OCR_SESSION
    written = _run_and_list_written(tmp_path / "prelint", code)
    assert written == [], written
