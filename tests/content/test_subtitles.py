"""Subtitle files and embedded streams → timed spans; broken files → one-line InputError naming the file."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from prelint.content.model import ContentText, TextSpan
from prelint.content.subtitles import read_embedded_subtitles, read_subtitle_file
from prelint.errors import InputError

SRT = "1\n00:00:01,000 --> 00:00:02,500\n今天教大家做番茄炒蛋\n\n2\n00:00:03,000 --> 00:00:05,200\n第一步\n打散鸡蛋\n"
VTT = "WEBVTT\n\n00:01.000 --> 00:02.500 align:start\n今天教大家做<b>番茄炒蛋</b>\n\n00:00:03.000 --> 00:00:05.200\n第一步 打散鸡蛋\n"
ASS_HEAD = (
    "[Script Info]\nScriptType: v4.00+\n\n[V4+ Styles]\n"
    "Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, "
    "Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, "
    "MarginV, Encoding\nStyle: Default,Arial,20,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,2,2,2,"
    "10,10,10,1\n\n[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n"
)
ASS = ASS_HEAD + (
    "Dialogue: 0,0:00:01.00,0:00:02.50,Default,,0,0,0,,{\\b1}今天教大家做番茄炒蛋{\\b0}\n"
    "Comment: 0,0:00:02.00,0:00:03.00,Default,,0,0,0,,not shown\n"
    "Dialogue: 0,0:00:03.00,0:00:05.20,Default,,0,0,0,,第一步\\N打散鸡蛋\n"
)
EXPECTED = [(1.0, 2.5, "今天教大家做番茄炒蛋"), (3.0, 5.2, "第一步 打散鸡蛋")]


def _write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("name,text", [("a.srt", SRT), ("a.vtt", VTT), ("a.ass", ASS)])
def test_sidecar_formats_give_the_same_cues(tmp_path: Path, name: str, text: str) -> None:
    spans = read_subtitle_file(_write(tmp_path, name, text))
    assert [(s.start_s, s.end_s, s.text) for s in spans] == EXPECTED
    assert all(s.source == "subtitles" and s.box is None for s in spans)


def test_gbk_encoded_srt_is_read(tmp_path: Path) -> None:
    spans = read_subtitle_file(_write(tmp_path, "gbk.srt", SRT, encoding="gbk"))
    assert spans[0].text == "今天教大家做番茄炒蛋"


def test_broken_srt_timestamp_names_file_and_line(tmp_path: Path) -> None:
    bad = SRT.replace("00:00:03,000 --> 00:00:05,200", "00:00:0x,000 --> 00:00:05,200")
    path = _write(tmp_path, "bad.srt", bad)
    with pytest.raises(InputError) as info:
        read_subtitle_file(path)
    message = str(info.value)
    assert message.startswith(str(path) + ": line 6: broken timestamp")
    assert "\n" not in message


def test_cue_ending_before_it_starts_is_an_error(tmp_path: Path) -> None:
    path = _write(tmp_path, "backwards.vtt", "WEBVTT\n\n00:05.000 --> 00:02.000\nhello\n")
    with pytest.raises(InputError, match=r"line 3: cue ends before it starts"):
        read_subtitle_file(path)


def test_broken_ass_dialogue_timestamp(tmp_path: Path) -> None:
    path = _write(tmp_path, "bad.ass", ASS_HEAD + "Dialogue: 0,0:00:xx.00,0:00:02.00,Default,,0,0,0,,bad\n")
    with pytest.raises(InputError, match=r"bad\.ass: line 10: broken timestamp in Dialogue"):
        read_subtitle_file(path)


def test_not_a_subtitle_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"junk\.srt: no subtitle cues found"):
        read_subtitle_file(_write(tmp_path, "junk.srt", "this is a shopping list\nmilk\neggs\n"))


def test_embedded_mov_text_stream_is_extracted_without_writing_files(tmp_path: Path) -> None:
    from prelint.media.ffmpeg_process import ffmpeg_exe

    srt = _write(tmp_path, "in.srt", SRT)
    video = tmp_path / "clip.mp4"
    subprocess.run([ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i",
                    "color=c=gray:s=64x64:d=6:r=10", "-i", str(srt), "-c:v", "libx264", "-preset", "ultrafast",
                    "-c:s", "mov_text", "-shortest", str(video)], check=True)
    before = sorted(p.name for p in tmp_path.iterdir())
    spans, note = read_embedded_subtitles(video)
    assert note is None
    assert [(s.start_s, s.end_s, s.text) for s in spans] == EXPECTED
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_video_without_subtitle_stream(tmp_path: Path) -> None:
    from prelint.media.ffmpeg_process import ffmpeg_exe

    video = tmp_path / "plain.mp4"
    subprocess.run([ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i",
                    "color=c=gray:s=64x64:d=1:r=10", "-c:v", "libx264", "-preset", "ultrafast", str(video)], check=True)
    assert read_embedded_subtitles(video) == ((), None)


def test_every_embedded_text_stream_is_read(tmp_path: Path) -> None:
    """A harmless first subtitle track hid a second one holding a WeChat id: every text stream is read."""
    from prelint.media.ffmpeg_process import ffmpeg_exe

    first = _write(tmp_path, "first.srt", "1\n00:00:00,500 --> 00:00:02,000\n今天做红烧肉\n")
    second = _write(tmp_path, "second.srt", "1\n00:00:01,000 --> 00:00:03,000\n加我微信 wxid_abc12345\n")
    video = tmp_path / "two_tracks.mkv"
    subprocess.run([ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i",
                    "color=c=gray:s=64x64:d=4:r=10", "-i", str(first), "-i", str(second), "-map", "0", "-map", "1",
                    "-map", "2", "-c:v", "libx264", "-preset", "ultrafast", "-c:s", "srt", str(video)], check=True)
    spans, note = read_embedded_subtitles(video)
    assert note is None
    assert [s.text for s in spans] == ["今天做红烧肉", "加我微信 wxid_abc12345"]


def test_span_mapping_offsets_and_windows() -> None:
    content = ContentText(
        subtitles=(TextSpan(1.0, 2.5, "今天教大家做番茄炒蛋", "subtitles"), TextSpan(3.0, 5.2, "第一步 打散鸡蛋", "subtitles")),
        screen=(TextSpan(0.0, 6.0, "番茄炒蛋教程", "screen", box=(10, 20, 200, 40), confidence=0.99),),
    )
    field = content.field_text("subtitles")
    assert field == "今天教大家做番茄炒蛋\n第一步 打散鸡蛋"
    offset = field.index("打散")
    assert content.span_at("subtitles", offset).start_s == 3.0
    assert content.span_at("subtitles", 0).end_s == 2.5
    assert content.span_at("subtitles", len(field)).text == "第一步 打散鸡蛋"
    assert [s.text for s in content.in_window(2.6, 2.9)] == ["番茄炒蛋教程"]
    assert [s.source for s in content.spans()] == ["screen", "subtitles", "subtitles"]
    assert content.text().splitlines() == ["今天教大家做番茄炒蛋", "第一步 打散鸡蛋", "番茄炒蛋教程"]


def test_embedded_subtitles_become_the_drafts_content(tmp_path: Path) -> None:
    import prelint
    from prelint.media.ffmpeg_process import ffmpeg_exe

    srt = _write(tmp_path, "in.srt", SRT)
    video = tmp_path / "clip.mkv"
    subprocess.run([ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i",
                    "color=c=gray:s=64x64:d=6:r=10", "-i", str(srt), "-c:v", "libx264", "-preset", "ultrafast",
                    "-c:s", "srt", "-shortest", str(video)], check=True)
    report = prelint.lint(video, title="家常番茄炒蛋的做法", select=["MATCH003"], config={"ocr": False})
    content = report.content
    assert content.subtitles_source == "embedded"
    assert [s.text for s in content.subtitles] == ["今天教大家做番茄炒蛋", "第一步 打散鸡蛋"]
    assert content.ocr_ran is False
    assert "OCR is off (--no-ocr or ocr = false): on-screen text not read" in content.notes


def test_sidecar_only_draft_notes_that_no_video_was_read(tmp_path: Path) -> None:
    import prelint

    report = prelint.lint(title="家常番茄炒蛋", subtitles=_write(tmp_path, "a.srt", SRT), select=["MATCH003"], config={})
    assert report.content.subtitles_source == str(tmp_path / "a.srt")
    assert report.content.notes == ("no video: on-screen text not read",)
    assert report.result("topic-mismatch").status.value == "pass"  # judged from the subtitles alone


def test_embedded_subtitles_are_extracted_within_the_drafts_time_limit(monkeypatch) -> None:
    """The extraction has 60 s of its own, but never more than the draft has left."""
    from prelint.content import subtitles
    from prelint.media.deadline import Deadline

    given: list[float] = []
    monkeypatch.setattr(subtitles, "embedded_subtitle_streams", lambda video, deadline=None: [(0, "subrip")])
    monkeypatch.setattr(subtitles, "_run_capped", lambda cmd, max_bytes, timeout_s: (given.append(timeout_s), (b"", b"", 0, True))[1])
    with pytest.raises(InputError) as raised:  # a stream prelint cannot read fails the draft
        subtitles.read_embedded_subtitles("clip.mkv", Deadline(2.0))
    assert 1.5 < given[0] <= 2.0
    assert raised.value.message.startswith(f"embedded subtitles (subrip) not read: extraction took over {given[0]:.3g} s")
    with pytest.raises(InputError):
        subtitles.read_embedded_subtitles("clip.mkv")
    assert given[1] == subtitles.EMBEDDED_EXTRACT_TIMEOUT_S


def test_an_embedded_stream_over_the_size_limit_fails_the_draft(monkeypatch) -> None:
    """A sidecar file over 4 MiB is refused; an embedded stream over the limit was dropped with a
    note nobody saw, and a WeChat id in its first cue passed RISK003."""
    from prelint.content import subtitles

    monkeypatch.setattr(subtitles, "embedded_subtitle_streams", lambda video, deadline=None: [(0, "subrip")])
    monkeypatch.setattr(subtitles, "_run_capped", lambda cmd, max_bytes, timeout_s: (None, b"", 0, False))
    with pytest.raises(InputError, match="larger than 4 MiB"):
        subtitles.read_embedded_subtitles("clip.mkv")
