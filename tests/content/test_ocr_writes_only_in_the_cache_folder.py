"""OCR's engine (onnxruntime) writes a device id and a database under the user's cache on import;
prelint keeps them in its own cache folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def _import_and_list_written(tmp_path: Path, code: str) -> tuple[Path, list[str]]:
    home, xdg = tmp_path / "home", tmp_path / "xdg"
    home.mkdir(parents=True)
    env = {k: v for k, v in os.environ.items() if k != "PRELINT_CACHE_DIR"}
    env.update(HOME=str(home), XDG_CACHE_HOME=str(xdg))
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(xdg)  # the environment is as the user left it
    return xdg, sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the state folder is Linux's XDG cache")
def test_importing_the_ocr_engine_writes_nothing_outside_prelints_cache(tmp_path: Path) -> None:
    # Whether onnxruntime writes its state at all depends on the machine (it wrote nothing on one CI
    # host): a plain import shows it, and only then is there something to keep in place.
    _, plain = _import_and_list_written(tmp_path / "plain", "import os, onnxruntime; print(os.environ['XDG_CACHE_HOME'])")
    if not plain:
        pytest.skip("onnxruntime writes no state on this machine")
    assert any(name.startswith(os.path.join("xdg", "Microsoft")) for name in plain), plain
    code = ("from prelint.content import ocr; ocr._import_onnxruntime(); import os, onnxruntime; "
            "print(os.environ['XDG_CACHE_HOME'])")
    _, written = _import_and_list_written(tmp_path / "prelint", code)
    assert written
    assert all(name.startswith(os.path.join("xdg", "prelint", "onnxruntime")) for name in written), written
