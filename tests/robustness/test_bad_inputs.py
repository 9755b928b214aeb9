"""Hostile and broken drafts through the real CLI: findings or one clear error line, never a
traceback, a hang or a changed input file.

Every case of corpus.py runs once (in parallel, in a session fixture) with the folder it lives
in hashed before and after; the tests below then judge each run.
"""

from __future__ import annotations

import json
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from cli_runner import CliRun, can_drop_read_override, run_cli
from corpus import Case

pytestmark = pytest.mark.slow  # the corpus of every case is built and linted once: about a minute

ERROR_LINE = re.compile(r"^prelint: error: (?P<path>.+?): (?P<problem>.+)$")

CASE_NAMES = (
    "zero_byte", "text_as_mp4", "png_as_mp4", "jpeg_as_mp4",
    "truncated_no_moov", "truncated_mid_mdat", "corrupt_mid_stream", "unknown_codec",
    "huge_declared_resolution", "huge_declared_16k",
    "audio_only", "video_without_audio", "single_frame", "eight_k_frame", "timestamp_gap_10h", "rotated", "vfr",
    "directory_named_mp4", "broken_symlink", "symlink_loop", "fifo_named_mp4", "fifo_named_metadata",
    "device_named_mp4", "unreadable",
    "metadata_bad_toml", "metadata_invalid_utf8", "metadata_wrong_type", "metadata_unknown_key",
    "metadata_nul_in_title", "metadata_subtitles_traversal", "metadata_subtitles_absolute",
    "metadata_subtitles_symlink_out", "metadata_only_broken",
    "subtitles_broken_timestamps", "subtitles_binary_garbage", "subtitles_invalid_utf8", "subtitles_empty",
    "subtitles_vtt_no_header",
    "title_empty", "title_whitespace", "title_10000_chars", "title_emoji_only", "title_control_chars",
    "title_rtl", "title_mixed_scripts",
    "config_bad_toml", "config_invalid_utf8", "config_unknown_key", "config_wrong_type", "config_wrong_number",
    "config_unknown_rule_options", "config_bad_option_value", "config_bad_platform",
    "batch",
)


def _run_case(case: Case, env: dict[str, str]) -> CliRun:
    args = [str(p) for p in case.paths] + list(case.args)
    if "--no-ocr" not in args:
        args.append("--no-ocr")  # OCR is not what these cases test; it only costs time
    unreadable = case.name == "unreadable"
    return run_cli(*args, cwd=case.cwd or case.folder, env={**env, **case.env}, watch=case.folder,
                   without_read_override=unreadable)


@pytest.fixture(scope="session")
def outcomes(corpus: dict[str, Case], cli_env: dict[str, str]) -> dict[str, CliRun]:
    parallel = [c for c in corpus.values() if c.name != "unreadable"]
    with ThreadPoolExecutor(max_workers=3) as pool:
        runs = dict(zip((c.name for c in parallel), pool.map(lambda c: _run_case(c, cli_env), parallel)))
    if can_drop_read_override():  # after the pool: a preexec_fn is only safe with no other threads
        runs["unreadable"] = _run_case(corpus["unreadable"], cli_env)
    return runs


def test_corpus_has_every_case(corpus: dict[str, Case]) -> None:
    assert tuple(corpus) == CASE_NAMES


def assert_one_error_line(run: CliRun, case: Case) -> re.Match[str]:
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, f"expected exactly one stderr line\n{run.describe()}"
    match = ERROR_LINE.match(lines[0])
    assert match, f"not 'prelint: error: <path>: <problem>'\n{run.describe()}"
    if case.error_file:
        assert case.error_file in match["path"], f"the error names {match['path']!r}, not {case.error_file}"
    if case.error_words:
        problem = match["problem"].lower()
        assert any(w in problem for w in case.error_words), f"{problem!r} says none of {case.error_words}"
    return match


@pytest.mark.parametrize("name", [n for n in CASE_NAMES if n != "batch"])
def test_bad_input_gives_findings_or_one_clear_error(name: str, corpus: dict[str, Case],
                                                      outcomes: dict[str, CliRun]) -> None:
    case = corpus[name]
    if name not in outcomes:
        pytest.skip("running as root and the capability to obey file modes cannot be dropped here")
    run = outcomes[name]
    assert not run.timed_out, f"hang: no exit within the timeout\n{run.describe()}"
    assert "Traceback" not in run.stderr + run.stdout, run.describe()
    assert run.returncode != 3, f"a check crashed\n{run.describe()}"
    if case.expect == "findings":
        assert run.returncode in (0, 1), run.describe()
        assert "prelint: error" not in run.stderr, run.describe()
    elif case.expect == "error":
        assert run.returncode == 2, run.describe()
        assert_one_error_line(run, case)
    else:
        assert run.returncode in (0, 1, 2), run.describe()
        if run.returncode == 2:
            assert_one_error_line(run, case)


@pytest.mark.parametrize("name", CASE_NAMES)
def test_nothing_changed_or_written_beside_the_inputs(name: str, outcomes: dict[str, CliRun]) -> None:
    if name not in outcomes:
        pytest.skip("not run (see the bad-input test)")
    run = outcomes[name]
    assert run.before is not None and run.after is not None
    assert run.before, "the snapshot saw no files: the test would prove nothing"
    added = sorted(set(run.after) - set(run.before))
    removed = sorted(set(run.before) - set(run.after))
    changed = sorted(k for k in run.before if k in run.after and run.before[k] != run.after[k])
    assert (added, removed, changed) == ([], [], []), run.describe()


def test_batch_lints_the_good_drafts_and_reports_each_bad_one(corpus: dict[str, Case],
                                                              outcomes: dict[str, CliRun]) -> None:
    run = outcomes["batch"]
    assert not run.timed_out and "Traceback" not in run.stderr, run.describe()
    assert run.returncode == 2, run.describe()
    report = json.loads(run.stdout)
    linted = sorted(Path(d["path"]).name for d in report["drafts"])
    failed = sorted(Path(e["path"]).name for e in report["errors"])
    assert linted == ["good1.mp4", "good2.mp4"], run.describe()
    assert failed == ["cut.mp4", "empty.mp4", "meta_broken.prelint.toml", "notes.mp4", "stuck.mp4"], run.describe()
    for draft in report["drafts"]:
        assert draft["errors"] == [] and {r["code"] for r in draft["rules"]} >= {"SPEC001", "SPEC003", "HOOK001"}
        assert draft["verdict"] in ("pass", "info", "warn", "error")
    messages = {Path(e["path"]).name: e["message"] for e in report["errors"]}
    assert "empty" in messages["empty.mp4"] and "moov" in messages["cut.mp4"]
    assert "toml" in messages["meta_broken.prelint.toml"].lower()
    assert "not a regular file" in messages["stuck.mp4"]
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 5 and all(ERROR_LINE.match(line) for line in lines), run.describe()


def test_unreadable_file_is_a_clear_error_even_for_root(corpus: dict[str, Case],
                                                        outcomes: dict[str, CliRun]) -> None:
    """Root reads mode-000 files, so the run drops CAP_DAC_OVERRIDE first; this proves the drop works."""
    if "unreadable" not in outcomes:
        pytest.skip("cannot drop CAP_DAC_OVERRIDE in this sandbox: unreadable files cannot be simulated as root")
    run = outcomes["unreadable"]
    assert run.returncode == 2 and "permission denied" in run.stderr, run.describe()


def test_control_characters_in_a_file_name_keep_the_error_on_one_line(cli_env: dict[str, str], tmp_path: Path) -> None:
    """A newline or an ANSI escape in a file name is shown escaped: one line, no terminal tricks."""
    (tmp_path / "bad\nname.mp4").write_bytes(b"")
    (tmp_path / "red\x1b[31m.mp4").write_bytes(b"")
    run = run_cli(str(tmp_path), "--no-ocr", cwd=tmp_path, env=cli_env, watch=tmp_path)
    assert run.returncode == 2 and "Traceback" not in run.stderr, run.describe()
    lines = run.stderr.strip().splitlines()
    # FFmpeg would print such a name as it is: refused before anything is read
    assert len(lines) == 2 and all(ERROR_LINE.match(line) and "control character" in line for line in lines), run.describe()
    assert "bad\\nname.mp4" in run.stderr and "red\\x1b[31m.mp4" in run.stderr and "\x1b" not in run.stderr


PROBE_ERROR_CASES = ("zero_byte", "text_as_mp4", "png_as_mp4", "jpeg_as_mp4", "truncated_no_moov", "unknown_codec",
                     "huge_declared_resolution", "huge_declared_16k", "audio_only", "directory_named_mp4",
                     "broken_symlink", "symlink_loop", "fifo_named_mp4", "device_named_mp4")


@pytest.mark.parametrize("name", PROBE_ERROR_CASES)
def test_inspect_gives_the_same_one_line_error(name: str, corpus: dict[str, Case], cli_env: dict[str, str]) -> None:
    case = corpus[name]
    run = run_cli("inspect", str(case.paths[0]), cwd=case.folder, env=cli_env, watch=case.folder)
    assert not run.timed_out and "Traceback" not in run.stderr, run.describe()
    assert run.returncode == 2, run.describe()
    assert_one_error_line(run, case)
    assert run.before == run.after


@pytest.mark.parametrize("name", PROBE_ERROR_CASES)
def test_python_api_raises_only_prelint_errors(name: str, corpus: dict[str, Case]) -> None:
    """`prelint.lint(path)` on a bad video raises an InputError naming the file (no other exception)."""
    import prelint
    from prelint.errors import InputError

    case = corpus[name]
    with pytest.raises(InputError) as raised:
        prelint.lint(case.paths[0], select=["SPEC003"], config={})
    assert case.error_file and case.error_file in str(raised.value)
    words = case.error_words + (("no such file",) if "symlink" in name else ())  # engine.lint checks exists() first
    assert any(w in raised.value.message.lower() for w in words), raised.value.message
