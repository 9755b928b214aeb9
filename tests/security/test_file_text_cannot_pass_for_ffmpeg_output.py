"""Text a video carries cannot pass for what prelint reads in FFmpeg's output.

prelint reads frame times from showinfo's lines, the loudness from the meter's summary and the
display rotation from the stream listing, all on FFmpeg's stderr, where FFmpeg also prints the file's
tags. A 1.8 KB comment tag holding showinfo-like lines with `pts_time:nan` and a fake loudness summary
made a draft with a WeChat QR code and near-silent sound pass RISK003 and SPEC010; a stream title
"rotation of -90.00 degrees" turned a 16:9 draft into a 9:16 one. Now those lines are read only where
FFmpeg itself starts them (tag values are printed indented after their name), tag names with a
line break and file names with control characters are refused, and tags over 1 MiB are refused.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from prelint.errors import InputError
from prelint.media import analyze, probe
from prelint.media.ffmpeg_process import ffmpeg_exe


def _ffmpeg(*args: str) -> None:
    subprocess.run([ffmpeg_exe(), "-v", "error", "-nostdin", "-y", *args], check=True, timeout=120)


def _with_tags(source: Path, target: Path, ffmetadata: str) -> Path:
    meta = target.with_suffix(".txt")
    meta.write_text(";FFMETADATA1\n" + ffmetadata, encoding="utf-8")
    _ffmpeg("-i", str(source), "-i", str(meta), "-map", "0", "-map_metadata", "1", "-c", "copy", str(target))
    return target


def _escaped(lines: list[str]) -> str:
    # ffmetadata: a backslash before a line break keeps it in the value
    return "\\\n".join(line.replace("\\", "\\\\").replace("=", "\\=").replace(";", "\\;").replace("#", "\\#")
                       for line in lines)


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("forged") / "clean.mp4"
    _ffmpeg("-f", "lavfi", "-i", "testsrc2=s=180x320:r=30:d=3", "-f", "lavfi", "-i", "sine=f=440:d=3",
            "-af", "volume=-35dB", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-shortest", str(path))
    return path


def test_showinfo_and_loudness_lines_in_a_tag_change_nothing(clean: Path) -> None:
    forged_lines = [f"[showinfo@small @ 0x0] n:{i} pts:0 pts_time:nan" for i in range(40)]
    forged_lines += [f"[showinfo@big @ 0x0] n:{i} pts:0 pts_time:nan" for i in range(40)]
    forged_lines += ["[Parsed_ebur128_2 @ 0x0] Summary:", "  Integrated loudness:", "    I:         -14.0 LUFS",
                     "  Sample peak:", "    Peak:       -1.0 dBFS"]
    forged = _with_tags(clean, clean.with_name("forged.mp4"), f"comment={_escaped(forged_lines)}\n")
    honest, tampered = analyze(clean, use_cache=False), analyze(forged, use_cache=False)
    assert len(tampered.series) == len(honest.series) == 90
    assert list(tampered.series.times_s) == list(honest.series.times_s)
    assert len(tampered.frames) == len(honest.frames) > 0
    assert honest.audio is not None and tampered.audio is not None
    assert honest.audio.loudness_lufs is not None and honest.audio.loudness_lufs < -40
    assert tampered.audio.loudness_lufs == honest.audio.loudness_lufs


def test_a_rotation_written_in_a_stream_title_is_not_a_rotation(clean: Path) -> None:
    forged = clean.with_name("titled.mp4")
    _ffmpeg("-i", str(clean), "-map", "0", "-c", "copy", "-metadata:s:v:0", "title=rotation of -90.00 degrees", str(forged))
    facts = probe(forged)
    assert facts.rotation == 0 and (facts.width, facts.height) == (180, 320)


def test_a_real_display_rotation_is_still_read(clean: Path) -> None:
    rotated = clean.with_name("rotated.mp4")
    _ffmpeg("-display_rotation:v:0", "90", "-i", str(clean), "-map", "0", "-c", "copy", str(rotated))
    facts = probe(rotated)
    assert facts.rotation == 270 and (facts.width, facts.height) == (320, 180)


def test_a_tag_name_with_a_line_break_is_refused(clean: Path) -> None:
    bad = _with_tags(clean, clean.with_name("keyed.mkv"), "first\\\n[showinfo@small @ 0x0] n:0 pts:0 pts_time:nan=1\n")
    with pytest.raises(InputError, match="tag name .* line break"):
        probe(bad)


def test_tags_over_a_mebibyte_are_refused(clean: Path) -> None:
    big = _with_tags(clean, clean.with_name("tagged.mkv"), "comment=" + "a" * (1 << 20) + "\n")
    with pytest.raises(InputError, match="metadata tags hold"):
        probe(big)


def test_what_ffmpeg_prints_while_it_opens_the_file_is_not_the_listing() -> None:
    """A Matroska CodecID is printed with its line breaks ("Unknown/unsupported AVCodecID …") while
    the file is opened, before the listing's "Input #0" header: lines there are not the listing."""
    from prelint.media.container import _listed_size, _rotation

    forged = ("[matroska,webm @ 0x1] Unknown/unsupported AVCodecID S_UNKNOWNx\n"
              "Stream #0:0: Video: h264 (High), yuv420p(progressive), 720x1280, 30 fps\n"
              "      Display Matrix: rotation of -90.00 degrees\n")
    listing = ("Input #0, matroska,webm, from 'file:/d/land.mkv':\n"
               "  Duration: 00:00:08.00, start: 0.000000, bitrate: 90 kb/s\n"
               "  Stream #0:0: Video: h264 (High), yuv420p(progressive), 1280x720, 30 fps, 30 tbr (default)\n"
               "  Stream #0:1: Subtitle: none\n")
    assert _rotation(forged + listing) == 0 and _listed_size(forged + listing) == (1280, 720)
    assert _rotation(forged) == 0 and _listed_size(forged) == (0, 0)


def test_only_this_runs_meter_opens_the_loudness_summary() -> None:
    from prelint.media.audio import AudioAnalyser
    from prelint.media.facts import AnalysisSettings

    analyser = AudioAnalyser(AnalysisSettings(), "ebur128@meter_5eed")
    forged = ("[ebur128@meter_0000 @ 0x0] Summary:\n  Integrated loudness:\n    I:         -14.0 LUFS\n"
              "  Sample peak:\n    Peak:       -1.0 dBFS\n")
    analyser.meter_text = forged
    assert analyser._meter() == (None, None)  # no summary of this run: prelint's own estimate is used
    analyser.meter_text = forged + ("[ebur128@meter_5eed @ 0x7f] Summary:\n  Integrated loudness:\n"
                                    "    I:         -31.2 LUFS\n  Sample peak:\n    Peak:      -12.5 dBFS\n")
    assert analyser._meter() == (-31.2, -12.5)


def test_a_stream_language_with_a_line_break_is_refused() -> None:
    """FFmpeg prints a stream's language inside its Stream line ("Stream #0:0(eng): Video: …"): a
    Matroska Language holding line breaks printed a forged display matrix in the listing."""
    from types import SimpleNamespace

    from prelint.media.container import _check_tag_names

    def container(language: str) -> SimpleNamespace:
        stream = SimpleNamespace(metadata={"language": language, "handler_name": "VideoHandler"})
        return SimpleNamespace(metadata={"comment": "two\nlines are fine in a value"}, streams=[stream],
                               chapters=lambda: [])

    _check_tag_names(Path("ok.mkv"), container("eng"))
    with pytest.raises(InputError, match="language"):
        _check_tag_names(Path("bad.mkv"), container("eng): Video: h264\n      displaymatrix: rotation of -90.00 degrees\n"))


def test_a_file_with_stream_groups_is_refused(tmp_path: Path) -> None:
    """FFmpeg prints an IAMF mix presentation's labels as they are, line breaks included, between the
    listing's header and its streams: a 120-byte label forged a 90° rotation (and squashed a QR code)."""
    path = tmp_path / "iamf.mp4"
    _ffmpeg("-f", "lavfi", "-i", "color=c=white:s=64x64:r=30:d=1", "-f", "lavfi", "-i", "sine=d=1:sample_rate=48000",
            "-map", "0:v", "-map", "1:a", "-c:v", "libx264", "-c:a", "flac",
            "-stream_group", "type=iamf_audio_element:id=1:st=1:audio_element_type=channel,layer=ch_layout=mono",
            "-stream_group", "type=iamf_mix_presentation:id=2:stg=0:annotations=en=Mix,submix=parameter_id=100:"
            "parameter_rate=48000|element=stg=0:parameter_id=100:annotations=en=Scene|layout=sound_system=stereo",
            str(path))
    with pytest.raises(InputError, match="stream groups"):
        probe(path)


def test_image_subtitles_are_a_note_whatever_name_the_decoder_reports(monkeypatch) -> None:
    from prelint.content import subtitles

    monkeypatch.setattr(subtitles, "embedded_subtitle_streams", lambda video, deadline=None: [(0, "dvdsub"), (1, "pgssub")])
    assert subtitles.read_embedded_subtitles("clip.mkv") == ((), "embedded subtitles are images (dvdsub, pgssub); not read")


def test_a_tag_value_ffmpeg_prints_as_one_endless_line_is_refused() -> None:
    """FFmpeg drops \\b, \\v and \\f when it prints a tag value: a value of them made a line longer than
    the bound prelint reads, and the cut line was glued to the next Stream line, hiding it."""
    from types import SimpleNamespace

    from prelint.media.container import _check_tag_names

    stream = SimpleNamespace(metadata={"language": "eng"})
    glued = SimpleNamespace(metadata={"title": ("A" * 200 + "\x08") * 60}, streams=[stream], chapters=lambda: [])
    with pytest.raises(InputError, match="control character"):
        _check_tag_names(Path("glued.mkv"), glued)


def test_a_tag_named_rotate_is_no_rotation() -> None:
    """Only the display matrix FFmpeg applies rotates the picture; a tag named `rotate` it ignores."""
    from prelint.media.container import _rotation

    listing = ("Input #0, matroska,webm, from 'file:/d/clip.mkv':\n"
               "  Stream #0:0: Video: h264 (High), yuv420p(progressive), 1920x1080, 30 fps (default)\n"
               "    Metadata:\n      rotate          : 90\n")
    assert _rotation(listing) == 0


def test_the_decoded_first_frame_decides_the_rotation_over_the_listing_text(clean: Path, monkeypatch) -> None:
    """The listing's text held three forgeries in turn (a stream group label, a language, a cut tag
    value); the size of the first frame after FFmpeg's own rotation, read from a showinfo line with a
    random name, now decides whether the picture is turned."""
    from prelint.media import container

    monkeypatch.setattr(container, "_rotation", lambda text: 90)  # the text says 90°, the frame is not turned
    facts = container.probe_here(clean)
    assert facts.rotation == 0 and (facts.width, facts.height) == (180, 320)
    rotated = clean.with_name("turned.mp4")
    _ffmpeg("-display_rotation:v:0", "90", "-i", str(clean), "-map", "0", "-c", "copy", str(rotated))
    monkeypatch.setattr(container, "_rotation", lambda text: 0)  # the text hides it, the frame is turned
    facts = container.probe_here(rotated)
    assert facts.rotation in (90, 270) and (facts.width, facts.height) == (320, 180)
