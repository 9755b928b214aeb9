from __future__ import annotations

import subprocess
import sys


def test_import_is_light():
    code = "import sys, prelint.media; print('cv2' in sys.modules, 'av' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_inspect_text(analysed):
    from prelint.media.inspect_text import format_inspect_text

    text = format_inspect_text(analysed["cuts"])
    assert "360x640" in text
    assert "cut" in text and "2.000s" in text
    assert "silence  0.000s - 2.500s" in text


def test_settings_key_is_stable():
    from prelint.media.facts import AnalysisSettings

    # pinned: a change to the analysis settings or ANALYSIS_VERSION must change the cache key on purpose
    assert AnalysisSettings().key() == "a21-02ff5682eb901621"
    assert AnalysisSettings().hook_window_s == 3.0


def test_make_fixtures_writes_video_and_truth(tmp_path):
    import json

    from fixtures.make_fixtures import make_fixtures

    written = make_fixtures(tmp_path, only=["vfr"])
    assert written["vfr"].exists()
    truth = json.loads((tmp_path / "vfr.truth.json").read_text())
    assert truth["transitions"] == [{"kind": "cut", "start_s": 2.0, "end_s": 2.0}]
    assert truth["first_sound_s"] == 1.0


def test_submodules_do_not_shadow_the_package_functions():
    code = ("import pkgutil, importlib, prelint.media as m\n"
            "for info in pkgutil.iter_modules(m.__path__):\n"
            "    importlib.import_module('prelint.media.' + info.name)\n"
            "from prelint.media import analyze, probe\n"
            "print(callable(analyze), callable(probe), callable(m.analyze), callable(m.probe))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True"] * 4
