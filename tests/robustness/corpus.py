"""A corpus of hostile and broken drafts, generated at test time (nothing binary is committed).

    python tests/robustness/corpus.py /tmp/corpus     # build it by hand and look

`build_corpus(root)` writes every case into its own folder under `root` and returns
`{name: Case}`. A case says how to run prelint on it (paths and extra arguments) and what a
correct run looks like: findings (exit 0/1), or one error line (exit 2) naming a file and
containing the words of the problem. Videos come from the ffmpeg bundled with imageio-ffmpeg;
damaged ones are made by byte surgery on good ones (cut, overwrite, renamed codec, patched SPS).
"""

from __future__ import annotations

import os
import random
import struct
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Expect = Literal["findings", "error", "either"]


@dataclass(frozen=True)
class Case:
    """One bad input and what a correct prelint run on it looks like.

    paths: positional CLI arguments (absolute paths, relative to nothing).
    args: extra CLI arguments (e.g. --title).
    expect: "findings" = exit 0/1 with a report; "error" = exit 2 and one stderr line;
        "either" = both are acceptable (e.g. a damaged stream that decodes partly).
    error_file: the file the error line must name (basename is enough), when expect is "error".
    error_words: lower-case words, any one of which must appear in the error line.
    needs: a piece of prelint the case depends on, for the xfail reason (e.g. "media.analyze").
    """

    name: str
    folder: Path
    paths: tuple[Path, ...] = ()
    args: tuple[str, ...] = ()
    expect: Expect = "findings"
    error_file: str | None = None
    error_words: tuple[str, ...] = ()
    needs: str | None = None
    notes: str = ""
    cwd: Path | None = None
    env: dict[str, str] = field(default_factory=dict)


def ffmpeg_exe() -> str:
    import imageio_ffmpeg

    return imageio_ffmpeg.get_ffmpeg_exe()


def ffmpeg(*args: str) -> None:
    subprocess.run([ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-nostdin", "-y", *args],
                   check=True, capture_output=True, timeout=120)


# ------------------------------------------------------------------------ good material


def make_clip(path: Path, *, seconds: float = 3.5, size: str = "360x640", rate: int = 30,
              audio: bool = True, faststart: bool = False, profile: str | None = None) -> Path:
    """A small H.264 (+AAC) clip of moving test pattern."""
    path.parent.mkdir(parents=True, exist_ok=True)
    args = ["-f", "lavfi", "-i", f"testsrc2=size={size}:rate={rate}:duration={seconds}"]
    if audio:
        args += ["-f", "lavfi", "-i", f"sine=frequency=440:sample_rate=48000:duration={seconds}"]
    args += ["-map", "0:v"] + (["-map", "1:a", "-c:a", "aac", "-b:a", "64k"] if audio else [])
    args += ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "30", "-threads", "1"]
    if profile:
        args += ["-profile:v", profile]
    if faststart:
        args += ["-movflags", "+faststart"]
    ffmpeg(*args, str(path))
    return path


def _box_offset(data: bytes | bytearray, kind: bytes, start: int = 0) -> int:
    at = data.find(kind, start)
    if at < 4:
        raise ValueError(f"no {kind!r} box")
    return at - 4  # the box starts with its 32-bit size


# ------------------------------------------------------------------------ surgery


def truncate_without_moov(good: Path, out: Path, keep: float = 0.5) -> Path:
    """An MP4 cut mid-stream before its index: `moov` sits at the end and is lost."""
    data = good.read_bytes()
    moov = _box_offset(data, b"moov")
    cut = int(min(moov, len(data)) * keep)
    out.write_bytes(data[:cut])
    assert b"moov" not in data[:cut]
    return out


def truncate_after_moov(good_faststart: Path, out: Path, keep: float = 0.5) -> Path:
    """A faststart MP4 (index first) whose media data is cut: the index promises missing bytes."""
    data = good_faststart.read_bytes()
    mdat = _box_offset(data, b"mdat")
    cut = mdat + int((len(data) - mdat) * keep)
    out.write_bytes(data[:cut])
    return out


def corrupt_mid_stream(good: Path, out: Path, *, span: int = 4096, seed: int = 7) -> Path:
    """Random bytes over the middle of the media data (container index intact)."""
    data = bytearray(good.read_bytes())
    mdat = _box_offset(data, b"mdat")
    moov = _box_offset(data, b"moov")
    end = moov if moov > mdat else len(data)
    middle = (mdat + 16 + end) // 2
    rng = random.Random(seed)
    for i in range(middle, min(middle + span, end)):
        data[i] = rng.randrange(256)
    out.write_bytes(bytes(data))
    return out


def unknown_fourcc(good_video_only: Path, out: Path, fourcc: bytes = b"zq9x") -> Path:
    """Rename the sample entry (`avc1`) of the only track to a codec nobody knows."""
    data = bytearray(good_video_only.read_bytes())
    stsd = data.find(b"stsd")
    # 'stsd' + version/flags (4) + entry count (4) + entry size (4) -> the entry's fourcc
    entry_type = stsd + 4 + 4 + 4 + 4
    assert data[entry_type : entry_type + 4] == b"avc1", data[entry_type : entry_type + 4]
    data[entry_type : entry_type + 4] = fourcc
    out.write_bytes(bytes(data))
    return out


class _BitReader:
    def __init__(self, data: bytes) -> None:
        self.bits = "".join(f"{b:08b}" for b in data)
        self.pos = 0

    def u(self, n: int) -> int:
        value = int(self.bits[self.pos : self.pos + n], 2) if n else 0
        self.pos += n
        return value

    def ue(self) -> int:
        zeros = 0
        while self.bits[self.pos] == "0":
            zeros += 1
            self.pos += 1
        self.pos += 1
        return (1 << zeros) - 1 + self.u(zeros)


def _ue_bits(value: int) -> str:
    code = bin(value + 1)[2:]
    return "0" * (len(code) - 1) + code


def _unescape(nal: bytes) -> bytes:
    return nal.replace(b"\x00\x00\x03", b"\x00\x00")


def _escape(rbsp: bytes) -> bytes:
    out = bytearray()
    zeros = 0
    for b in rbsp:
        if zeros >= 2 and b <= 3:
            out.append(3)
            zeros = 0
        out.append(b)
        zeros = zeros + 1 if b == 0 else 0
    return bytes(out)


def huge_declared_resolution(out: Path, *, width: int = 16384, height: int = 16384) -> Path:
    """A tiny H.264 Annex-B stream (named .mp4) whose SPS claims width x height.

    The slices still describe a 64x64 picture; a decoder that trusts the header allocates
    width*height frames (~400 MB each at 16384x16384).
    """
    raw = out.with_suffix(".h264.tmp")
    ffmpeg("-f", "lavfi", "-i", "testsrc2=size=64x64:rate=10:duration=1", "-c:v", "libx264",
           "-preset", "ultrafast", "-profile:v", "baseline", "-pix_fmt", "yuv420p", "-bsf:v",
           "h264_mp4toannexb", "-f", "h264", str(raw))
    stream = raw.read_bytes()
    raw.unlink()
    start = stream.find(b"\x00\x00\x00\x01\x67")
    assert start >= 0, "no SPS"
    end = stream.find(b"\x00\x00\x01", start + 5)
    end = end - 1 if stream[end - 1] == 0 else end
    rbsp = _unescape(stream[start + 5 : end])
    r = _BitReader(rbsp)
    head = r.bits[: 24]  # profile_idc, constraint flags, level_idc
    r.pos = 24
    r.ue()  # seq_parameter_set_id
    r.ue()  # log2_max_frame_num_minus4
    poc_type = r.ue()
    assert poc_type in (0, 2), poc_type
    if poc_type == 0:
        r.ue()
    r.ue()  # max_num_ref_frames
    r.u(1)  # gaps_in_frame_num_value_allowed_flag
    before = r.bits[24 : r.pos]
    r.ue()  # pic_width_in_mbs_minus1
    r.ue()  # pic_height_in_map_units_minus1
    frame_mbs_only = r.u(1)
    assert frame_mbs_only == 1
    r.u(1)  # direct_8x8_inference_flag
    cropping = r.u(1)
    assert cropping == 0, "64x64 needs no cropping"
    rest = r.bits[r.pos :].rstrip("0")  # vui flag etc., then the rbsp stop bit
    rest = rest[:-1]
    bits = head + before + _ue_bits(width // 16 - 1) + _ue_bits(height // 16 - 1) + "1" + "1" + "0" + rest + "1"
    bits += "0" * (-len(bits) % 8)
    new_rbsp = int(bits, 2).to_bytes(len(bits) // 8, "big")
    patched = stream[: start + 5] + _escape(new_rbsp) + stream[end:]
    out.write_bytes(patched)
    return out


# ------------------------------------------------------------------------ the corpus


def _write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


PNG_1x1 = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)

BROKEN_SRT = """1
00:00:01,000 --> 00:00:00,500
end before start

2
99:99:99,999 --> 00:00:02,000
impossible time

3
not a timestamp --> at all
garbage

4
00:00:-1,000 --> 00:00:01,000
negative
"""

TITLES: dict[str, str] = {
    "title_empty": "",
    "title_whitespace": " \t\u3000\u00a0 ",
    "title_10000_chars": "标题很长" * 2500,
    "title_emoji_only": "😀🔥🎉👍🏽👨‍👩‍👧‍👦" * 3,
    "title_control_chars": "a\x01b\x07c\x1b[31mred\x1b[0m\x7f\u200b\u202e\ufeffd",
    "title_rtl": "مرحبا بالعالم شاهد حتى النهاية",
    "title_mixed_scripts": "3个技巧 Tips ✨ مرحبا עברית \u202eevil\u202c 日本語かな 한국어",
}


def build_corpus(root: Path) -> dict[str, Case]:
    """Write every case under root/<name>/ and describe it."""
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    cases: dict[str, Case] = {}
    material = root / "_material"  # good clips the surgery starts from (not linted itself)
    good = make_clip(material / "good.mp4", size="180x320")
    good_video_only = make_clip(material / "good_video_only.mp4", audio=False)
    good_faststart = make_clip(material / "good_faststart.mp4", faststart=True)

    def case(name: str, **kw: object) -> Case:
        folder = root / name
        folder.mkdir(parents=True, exist_ok=True)
        c = Case(name=name, folder=folder, **kw)  # type: ignore[arg-type]
        cases[name] = c
        return c

    def folder(name: str) -> Path:
        d = root / name
        d.mkdir(parents=True, exist_ok=True)
        return d

    # --- not videos at all
    p = _write(folder("zero_byte") / "empty.mp4", b"")
    case("zero_byte", paths=(p,), expect="error", error_file=p.name, error_words=("empty", "0 bytes"))
    p = _write(folder("text_as_mp4") / "notes.mp4", "这不是视频 — just some notes\n" * 20)
    case("text_as_mp4", paths=(p,), expect="error", error_file=p.name, error_words=("not a video",))
    p = _write(folder("png_as_mp4") / "image.mp4", PNG_1x1)
    case("png_as_mp4", paths=(p,), expect="error", error_file=p.name, error_words=("not a video", "image"))
    p = folder("jpeg_as_mp4") / "photo.mp4"
    ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240", "-frames:v", "1", "-c:v", "mjpeg", "-f", "image2", str(p))
    case("jpeg_as_mp4", paths=(p,), expect="error", error_file=p.name, error_words=("not a video", "image"))

    # --- damaged videos
    p = truncate_without_moov(good, folder("truncated_no_moov") / "cut.mp4")
    case("truncated_no_moov", paths=(p,), expect="error", error_file=p.name, error_words=("truncated", "moov"))
    p = truncate_after_moov(good_faststart, folder("truncated_mid_mdat") / "cut_faststart.mp4")
    case("truncated_mid_mdat", paths=(p,), expect="either", error_file=p.name,
         error_words=("truncated", "incomplete", "corrupt", "damaged", "decode"), needs="media.analyze",
         notes="index intact, half the media bytes missing")
    p = corrupt_mid_stream(good, folder("corrupt_mid_stream") / "corrupt.mp4")
    case("corrupt_mid_stream", paths=(p,), expect="either", error_file=p.name,
         error_words=("corrupt", "damaged", "decode", "invalid"), needs="media.analyze")
    p = unknown_fourcc(good_video_only, folder("unknown_codec") / "alien.mp4")
    case("unknown_codec", paths=(p,), expect="error", error_file=p.name,
         error_words=("codec", "unsupported", "not a video"))
    p = huge_declared_resolution(folder("huge_declared_resolution") / "huge.mp4")
    case("huge_declared_resolution", paths=(p,), expect="error", error_file=p.name,
         error_words=("resolution", "too large", "frame size", "16384"),
         notes="tiny Annex-B H.264 whose SPS claims 16384x16384 (beyond what ffmpeg accepts)")
    p = huge_declared_resolution(folder("huge_declared_16k") / "huge16k.mp4", width=16384, height=8192)
    case("huge_declared_16k", paths=(p,), expect="error", error_file=p.name, error_words=("too large",),
         notes="11 KB Annex-B H.264 whose SPS claims 16384x8192: decoding it took 1.1 GB and 30 s")

    # --- unusual but valid videos
    p = folder("audio_only") / "podcast.mp4"
    ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:duration=3", "-c:a", "aac", "-b:a", "64k", str(p))
    case("audio_only", paths=(p,), expect="error", error_file=p.name, error_words=("no video", "audio only"))
    p = make_clip(folder("video_without_audio") / "silent.mp4", audio=False)
    case("video_without_audio", paths=(p,), expect="findings", needs="media.analyze")
    p = folder("single_frame") / "one.mp4"
    ffmpeg("-f", "lavfi", "-i", "testsrc2=size=360x640:rate=30", "-frames:v", "1", "-c:v", "libx264",
           "-preset", "ultrafast", "-pix_fmt", "yuv420p", str(p))
    case("single_frame", paths=(p,), expect="findings", needs="media.analyze")
    p = folder("eight_k_frame") / "eightk.mp4"
    ffmpeg("-f", "lavfi", "-i", "color=c=0x336699:size=7680x4320:rate=1:duration=2", "-c:v", "libx264",
           "-preset", "ultrafast", "-pix_fmt", "yuv420p", str(p))
    case("eight_k_frame", paths=(p,), expect="findings", needs="media.analyze",
         notes="a real 7680x4320 stream: at the size limit, still analysed")
    p = folder("timestamp_gap_10h") / "gap.mp4"
    ffmpeg("-f", "lavfi", "-i", "testsrc2=size=180x320:rate=30:duration=1", "-vf",
           "setpts='if(lt(N,29),N/30/TB,36000/TB+N/30/TB)'", "-fps_mode", "passthrough", "-c:v", "libx264",
           "-preset", "ultrafast", "-pix_fmt", "yuv420p", str(p))
    case("timestamp_gap_10h", paths=(p,), expect="findings", needs="media.analyze",
         notes="30 frames, the last one stamped 10 hours later: duration 36001 s, nothing to decode in between")
    p = _make_synth(folder("rotated") / "rotated.mp4", rotation=90)
    case("rotated", paths=(p,), expect="findings", needs="media.analyze")
    p = _make_synth(folder("vfr") / "vfr.mp4", vfr_drop_every=3, vfr_from_s=1.0)
    case("vfr", paths=(p,), expect="findings", needs="media.analyze")

    # --- paths that are not regular files
    d = folder("directory_named_mp4") / "x.mp4"
    d.mkdir(exist_ok=True)
    _write(d / "inside.txt", "a folder, not a video")
    case("directory_named_mp4", paths=(d,), expect="error", error_file=d.name, error_words=("directory",))
    f = folder("broken_symlink") / "gone.mp4"
    if not f.is_symlink():
        f.symlink_to(f.parent / "does-not-exist.mp4")
    case("broken_symlink", paths=(f,), expect="error", error_file=f.name,
         error_words=("broken symlink",))
    a, b = folder("symlink_loop") / "a.mp4", folder("symlink_loop") / "b.mp4"
    if not a.is_symlink():
        a.symlink_to(b.name)
        b.symlink_to(a.name)
    case("symlink_loop", paths=(a,), expect="error", error_file=a.name,
         error_words=("broken symlink",))
    fifo = folder("fifo_named_mp4") / "pipe.mp4"
    if not fifo.exists():
        os.mkfifo(fifo)
    case("fifo_named_mp4", paths=(fifo,), expect="error", error_file=fifo.name,
         error_words=("not a regular file", "fifo", "pipe", "not a video"),
         notes="opening a FIFO for reading blocks until a writer appears: a hang hazard")
    fifo = folder("fifo_named_metadata") / "stuck.prelint.toml"
    if not fifo.exists():
        os.mkfifo(fifo)
    case("fifo_named_metadata", paths=(fifo,), expect="error", error_file=fifo.name,
         error_words=("not a regular file",))
    z = folder("device_named_mp4") / "zero.mp4"
    if not z.is_symlink():
        z.symlink_to("/dev/zero")
    case("device_named_mp4", paths=(z,), expect="error", error_file=z.name,
         error_words=("not a regular file", "device", "not a video"),
         notes="an endless byte stream: a hang/memory hazard")
    locked = _write(folder("unreadable") / "locked.mp4", good.read_bytes())
    locked.chmod(0)
    case("unreadable", paths=(locked,), expect="error", error_file=locked.name,
         error_words=("permission", "unreadable", "cannot read"),
         notes="root reads mode-000 files; the test drops CAP_DAC_OVERRIDE/CAP_DAC_READ_SEARCH first")

    # --- metadata files beside a good clip
    def with_metadata(name: str, metadata: bytes | str, expect: Expect = "error", words: tuple[str, ...] = (),
                      **kw: object) -> Case:
        d = folder(name)
        clip = d / "clip.mp4"
        clip.write_bytes(good.read_bytes())
        meta = _write(d / "clip.prelint.toml", metadata)
        return case(name, paths=(clip,), args=("--no-ocr",), expect=expect, error_file=meta.name,
                    error_words=words, **kw)

    with_metadata("metadata_bad_toml", 'title = "unterminated\nhashtags = [1, 2\n', words=("toml",))
    with_metadata("metadata_invalid_utf8", b'title = "\xff\xfe caf\xe9"\n', words=("utf-8",))
    with_metadata("metadata_wrong_type", "title = 42\n", words=("string",))
    with_metadata("metadata_unknown_key", 'title = "ok"\nvolume = 11\n', words=("unknown key",))
    with_metadata("metadata_nul_in_title", 'title = "a\\u0000b\\u0007c"\n', expect="findings")
    with_metadata("metadata_subtitles_traversal", 'subtitles = "../../../../../../etc/passwd"\n',
                  words=("outside", "subtitles"), notes="a metadata file may only name subtitles in its own folder")
    with_metadata("metadata_subtitles_absolute", 'subtitles = "/etc/passwd"\n',
                  words=("outside", "subtitles"))
    c = with_metadata("metadata_subtitles_symlink_out", 'subtitles = "clip_subs.srt"\n',
                      words=("outside", "subtitles"), notes="the named file is a symlink to /etc/passwd")
    link = c.folder / "clip_subs.srt"
    if not link.is_symlink():
        link.symlink_to("/etc/passwd")
    meta_only = folder("metadata_only_broken")
    m = _write(meta_only / "orphan.prelint.toml", "title = [unclosed\n")
    case("metadata_only_broken", paths=(m,), expect="error", error_file=m.name, error_words=("toml",))

    # --- subtitles
    def with_subtitles(name: str, content: str | bytes, suffix: str = ".srt", expect: Expect = "either",
                       words: tuple[str, ...] = ("subtitle", "timestamp", "cannot", "invalid", "utf-8")) -> Case:
        d = folder(name)
        clip = d / "clip.mp4"
        clip.write_bytes(good.read_bytes())
        sub = _write(d / ("clip" + suffix), content)
        return case(name, paths=(clip,), args=("--no-ocr", "--title", "字幕测试"), expect=expect,
                    error_file=sub.name, error_words=words, needs="prelint.content (subtitles)")

    with_subtitles("subtitles_broken_timestamps", BROKEN_SRT, expect="error", words=("ends before it starts",))
    with_subtitles("subtitles_binary_garbage", bytes(random.Random(3).randrange(256) for _ in range(3000)),
                   expect="error", words=("no subtitle cues",))
    with_subtitles("subtitles_invalid_utf8", b"1\n00:00:01,000 --> 00:00:02,000\n\xff\xfe\xe9\xa0\n",
                   expect="error", words=("not readable as text",))
    with_subtitles("subtitles_empty", b"")
    with_subtitles("subtitles_vtt_no_header", "00:01.000 --> 00:02.000\nno WEBVTT line\n", suffix=".vtt")

    # --- titles (text only, no video)
    for name, title in TITLES.items():
        c = case(name, args=("--title", title, "--caption", title), expect="findings")
        _write(c.folder / "working-folder.txt", "prelint runs here; nothing may appear beside this file\n")

    # --- config files (prelint.toml beside a good clip)
    def with_config(name: str, config: str | bytes, words: tuple[str, ...]) -> Case:
        d = folder(name)
        clip = d / "clip.mp4"
        clip.write_bytes(good.read_bytes())
        cfg = _write(d / "prelint.toml", config)
        return case(name, paths=(clip,), args=("--no-ocr",), expect="error", error_file=cfg.name, error_words=words)

    with_config("config_bad_toml", "select = [\"SPEC\"\nplatform = douyin\n", ("toml",))
    with_config("config_invalid_utf8", b"platform = \"\xff\"\n", ("utf-8",))
    with_config("config_unknown_key", "selekt = [\"SPEC\"]\n", ("unknown key",))
    with_config("config_wrong_type", "select = \"SPEC\"\n", ("must be a list",))
    with_config("config_wrong_number", "analysis-time-limit-s = \"soon\"\n", ("must be a number",))
    with_config("config_unknown_rule_options", "[options.NOPE999]\nlimit = 3\n", ("nope999",))
    with_config("config_bad_option_value", "[options.title-length]\nmax-chars = \"many\"\n", ("max-chars",))
    with_config("config_bad_platform", "platform = \"myspace\"\n", ("platform",))

    # --- a batch: good and bad drafts in one folder
    batch = folder("batch")
    for i in (1, 2):
        (batch / f"good{i}.mp4").write_bytes(good.read_bytes())
        _write(batch / f"good{i}.prelint.toml", f'title = "好标题 {i}"\nhashtags = ["#美食"]\n')
    _write(batch / "empty.mp4", b"")
    _write(batch / "notes.mp4", "not a video\n")
    truncate_without_moov(good, batch / "cut.mp4")
    (batch / "meta_broken.mp4").write_bytes(good.read_bytes())
    _write(batch / "meta_broken.prelint.toml", "title = \n")
    if not (batch / "stuck.mp4").exists():
        os.mkfifo(batch / "stuck.mp4")  # a FIFO in a walked folder must not block the batch
    case("batch", paths=(batch,), args=("--no-ocr", "--format", "json"), expect="error",
         notes="good1, good2 linted; empty, notes, cut, meta_broken and the FIFO stuck reported as errors")
    return cases


def _make_synth(path: Path, **spec_kwargs: object) -> Path:
    """A synthetic clip from fixtures/synth.py (textured motion, with audio)."""
    from fixtures.synth import AudioSpec, VideoSpec, make_video, simple_shots

    spec = VideoSpec(shots=simple_shots([1.5, 2.0], seed=4), width=180, height=320,
                     audio=AudioSpec(sounds=((0.0, 3.5, "speech"),)), **spec_kwargs)  # type: ignore[arg-type]
    make_video(path, spec)
    return path


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "robustness-corpus")
    for name, c in build_corpus(out).items():
        print(f"{name:32} {c.expect:8} {' '.join(str(p) for p in c.paths)} {' '.join(c.args)[:60]}")
