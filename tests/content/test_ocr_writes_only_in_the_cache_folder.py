"""OCR's engine (onnxruntime) writes a device id and a database under the user's cache on import;
prelint keeps them in its own cache folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the state folder is Linux's XDG cache")
def test_importing_the_ocr_engine_writes_nothing_outside_prelints_cache(tmp_path: Path) -> None:
    home, xdg = tmp_path / "home", tmp_path / "xdg"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PRELINT_CACHE_DIR"}
    env.update(HOME=str(home), XDG_CACHE_HOME=str(xdg))
    code = ("from prelint.content import ocr; ocr._import_onnxruntime(); import os, onnxruntime; "
            "print(os.environ['XDG_CACHE_HOME'])")
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(xdg)  # restored after the import
    written = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file())
    assert written, "onnxruntime wrote no state: nothing to keep in place"
    assert all(name.startswith(os.path.join("xdg", "prelint", "onnxruntime")) for name in written), written
