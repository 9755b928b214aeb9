"""QR codes are read from every picture sampled on the grid, light-on-dark codes included.

They used to be read only from the few frames the sampler kept (first, hook, one per shot, one
every 2 s, the last ones), and among those only from frames whose text map had changed: a code
drawn in grey levels 60 and 200 left the text map empty and was never scanned; a light-on-dark
copy of the code at the start (which OpenCV does not read) made every later frame with the real
code "unchanged"; and a 150 px code shown for one second in the middle of a long shot was missed
in four lints out of five.
"""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

import prelint
from fixtures.timed_frames import encode, finder_pattern_tiles, picture, qr_code
from prelint.content.qr import STREAM, decode_qr
from prelint.media.sampling import HASH_PRIME, SamplingKey


def _codes(video: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, key: SamplingKey | None = None) -> int:
    from prelint.media import analysis

    monkeypatch.setenv("PRELINT_CACHE_DIR", str(tmp_path / "cache"))
    if key is not None:
        monkeypatch.setattr(analysis, "sample_key", lambda content: key)
    report = prelint.lint(video, title="今天的教程", select=["RISK003"], config={})
    assert report.errors == ()
    return int(report.result("RISK003").metrics["qr_codes"])


def _tilted_code(module_px: int, tilt: float) -> np.ndarray:
    """A grey WeChat code of `module_px` px modules (29 and the quiet zone), its far side
    (1 - 2·tilt) of its near side in perspective."""
    import cv2

    from fixtures.captions import _qr_image

    side = 37 * module_px
    flat = cv2.resize(cv2.cvtColor(_qr_image("weixin://dl/chat?abc123", 400), cv2.COLOR_BGR2GRAY), (side, side),
                      interpolation=cv2.INTER_NEAREST)
    corners = np.float32([[0, 0], [side, 0], [side, side], [0, side]])
    far_side = np.float32([[0, 0], [side, side * tilt], [side, side * (1 - tilt)], [0, side]])
    return cv2.warpPerspective(flat, cv2.getPerspectiveTransform(corners, far_side), (side, side),
                               flags=cv2.INTER_LINEAR, borderValue=255)


def _gradient_with(code: np.ndarray, width: int, height: int, at: tuple[int, int]):
    """Frame i: a moving colour gradient of width×height with the grey `code` at (x, y)."""
    yy, xx = np.arange(height)[:, None], np.arange(width)[None, :]
    x, y = at

    def frame(i: int) -> np.ndarray:
        g = (xx + yy + i * 7) % 256
        f = np.dstack([g // 2 + 40, np.full_like(g, 60), 200 - g // 2]).astype(np.uint8)
        f[y:y + code.shape[0], x:x + code.shape[1]] = code[:, :, None]
        return f

    return frame


def test_a_low_contrast_code_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code = np.where(qr_code(300) > 127, 200, 60).astype(np.uint8)
    assert decode_qr(code) != ()  # a phone reads it
    video = encode([picture(i, code) for i in range(30)], [i * 100 for i in range(30)], tmp_path / "grey.mkv")
    assert _codes(video, tmp_path, monkeypatch) >= 1


def test_a_light_on_dark_code_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inverted = 255 - qr_code(300)
    assert decode_qr(inverted) == ("weixin://dl/chat?abc123",)
    video = encode([picture(i, inverted) for i in range(30)], [i * 100 for i in range(30)], tmp_path / "inv.mkv")
    assert _codes(video, tmp_path, monkeypatch) >= 1


def test_a_decoy_at_the_start_does_not_hide_the_code_after_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An unreadable light-on-dark copy for the first 0.1 s, then the real code for 2.9 s."""
    decoy = np.where(qr_code(300) > 127, 0, 255).astype(np.uint8)
    decoy[:, :40] = 128  # and damaged, so it stays unreadable even inverted
    frames = [picture(0, decoy)] + [picture(i, qr_code(300)) for i in range(1, 30)]
    video = encode(frames, [i * 100 for i in range(30)], tmp_path / "decoy.mkv")
    assert _codes(video, tmp_path, monkeypatch) >= 1


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_small_code_for_one_second_in_a_long_shot_is_read(seed: int, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """14 s, one shot; a 150 px code in a corner from 7 to 8 s: too small a change to be a cut."""
    small = qr_code(150)
    frames = [picture(i, small if 70 <= i < 80 else None, at=(360, 780)) for i in range(140)]
    video = encode(frames, [i * 100 for i in range(140)], tmp_path / "small.mkv")
    rng = random.Random(seed)
    key = SamplingKey(rng.randrange(HASH_PRIME), tuple(rng.randrange(HASH_PRIME) for _ in range(3)))
    assert _codes(video, tmp_path, monkeypatch, key) >= 1


def test_frames_built_to_stall_the_reader_get_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pictures tiled with finder patterns take the detector minutes: each is skipped after its time
    limit, three end the reading, and RISK003 warns that part of the video went unchecked (it used
    to pass, with only a metric saying so)."""
    from prelint.content import qr

    monkeypatch.setattr(qr, "QR_FRAME_TIME_LIMIT_S", 0.5)
    tiles = finder_pattern_tiles(540, 960)
    frames = [np.roll(tiles, i * 3, axis=1) for i in range(12)]
    video = encode(frames, [i * 250 for i in range(12)], tmp_path / "tiles.mkv")
    monkeypatch.setenv("PRELINT_CACHE_DIR", str(tmp_path / "cache"))
    report = prelint.lint(video, title="今天的教程", select=["RISK003"], config={})
    [warning] = [f for f in report.findings if f.evidence.get("category") == "qr-scan"]
    assert warning.level.value == "warn"
    assert warning.message.startswith("Part of the video could not be checked for QR codes (past ")


def test_a_grey_code_tilted_in_perspective_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """OpenCV's ArUco-based detector does not find a code whose far side is 40 % of its near side;
    every sampled picture also gets the classic detector, which does (a phone does too)."""
    import cv2

    code = np.where(qr_code(300) > 127, 200, 60).astype(np.uint8)
    h, w = code.shape[:2]
    corners = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    tilted = np.float32([[0, 0], [w, h * 0.3], [w, h * 0.7], [0, h]])
    warped = cv2.warpPerspective(code, cv2.getPerspectiveTransform(corners, tilted), (w, h), borderValue=(200, 200, 200))
    assert decode_qr(warped) != ()
    video = encode([picture(i, warped) for i in range(40)], [i * 100 for i in range(40)], tmp_path / "tilted.mkv")
    assert _codes(video, tmp_path, monkeypatch) >= 1


@pytest.mark.parametrize("seed", [1, 2])
def test_a_light_on_dark_tilted_code_is_read(seed: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Neither detector finds it but the classic one on the inverted picture; it was read only from the
    kept frames, so a second of it in a long shot was missed one time in six."""
    import cv2

    code = qr_code(300)
    h, w = code.shape[:2]
    corners = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    tilted = np.float32([[0, 0], [w, h * 0.3], [w, h * 0.7], [0, h]])
    warped = 255 - cv2.warpPerspective(code, cv2.getPerspectiveTransform(corners, tilted), (w, h), borderValue=(255, 255, 255))
    frames = [picture(i, warped if 80 <= i < 90 else None) for i in range(140)]  # 8 to 9 s of 14 s, one shot
    video = encode(frames, [i * 100 for i in range(140)], tmp_path / "tilted_inv.mkv")
    rng = random.Random(seed)
    key = SamplingKey(rng.randrange(HASH_PRIME), tuple(rng.randrange(HASH_PRIME) for _ in range(3)))
    assert _codes(video, tmp_path, monkeypatch, key) >= 1


@pytest.mark.parametrize("module_px, offset", [(2, 1), (3, 0), (4, 1)])
def test_a_code_of_small_modules_at_1080p_is_read(module_px: int, offset: int, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Read at the sampled frames' 540 px, a code of 2–4 px modules at 1080p blurred past reading,
    while a phone's screenshot of the 1080 px screen reads it: pictures are read at up to 1080 px."""
    import cv2

    from fixtures.captions import _qr_image

    side = 37 * module_px  # 29 modules and the quiet zone
    code = cv2.resize(_qr_image("weixin://dl/chat?abc123", 400), (side, side), interpolation=cv2.INTER_NEAREST)
    yy, xx = np.arange(1920)[:, None], np.arange(1080)[None, :]

    def frame(i: int) -> np.ndarray:
        g = ((xx + yy + i * 23) % 256).astype(np.uint8) // 4 + 100
        f = np.dstack([g, g, g])
        f[900 + offset:900 + offset + side, 400 + offset:400 + offset + side] = code
        return f

    assert decode_qr(frame(0)) != ()
    video = encode([frame(i) for i in range(20)], [i * 200 for i in range(20)], tmp_path / "small.mkv")
    assert _codes(video, tmp_path, monkeypatch) >= 1



@pytest.mark.parametrize("module_px, tilt, inverted", [(3, 0.15, False), (3, 0.2, True), (4, 0.3, True)])
def test_a_tilted_code_of_small_modules_at_1080p_is_read(module_px: int, tilt: float, inverted: bool, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """The ArUco-based detector reads small modules but does not find a code tilted in perspective,
    and the classic detector at 540 px found the tilt but saw the modules blurred: a code both
    tilted and of 3–4 px modules at 1080p passed while a screenshot of the phone's screen reads it.
    The classic detector also runs on the picture at its full 1080 px."""
    import cv2

    code = _tilted_code(module_px, tilt)
    frame = _gradient_with(255 - code if inverted else code, 1080, 1920, at=(301, 701))
    grey = cv2.cvtColor(frame(0), cv2.COLOR_BGR2GRAY)
    assert decode_qr(grey if not inverted else 255 - grey) != ()  # what a screenshot reader gets
    small = cv2.resize(grey, (540, 960), interpolation=cv2.INTER_AREA)
    assert decode_qr(small) == decode_qr(255 - small) == ()  # what the 540 px pass alone got
    video = encode([frame(i) for i in range(12)], [i * 250 for i in range(12)], tmp_path / "tilted_small.mkv")
    assert _codes(video, tmp_path, monkeypatch) >= 1


def test_a_code_in_one_field_of_an_interlaced_video_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In a video flagged interlaced, a code in the first field over its inverse in the second
    averages to grey in the frame as decoded, while a deinterlacing transcoder or player shows the
    first field's code, whole and steady: the sampled pictures are deinterlaced as players do."""
    import subprocess

    import cv2

    from fixtures.captions import _qr_image
    from prelint.media.ffmpeg_process import ffmpeg_exe

    w, h, side = 540, 960, 37 * 8
    code = cv2.resize(cv2.cvtColor(_qr_image("weixin://dl/chat?abc123", 400), cv2.COLOR_BGR2GRAY), (side, side),
                      interpolation=cv2.INTER_NEAREST)
    woven = code.copy()
    woven[1::2] = 255 - code[1::2]
    yy, xx = np.mgrid[0:h, 0:w]
    video = tmp_path / "interlaced.mp4"
    encoder = subprocess.Popen(
        [ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-f", "rawvideo", "-pix_fmt", "gray", "-s", f"{w}x{h}",
         "-r", "25", "-i", "-", "-c:v", "libx264", "-flags", "+ildct+ilme", "-x264-params", "interlaced=1:tff=1",
         "-crf", "14", "-pix_fmt", "yuv420p", "-field_order", "tt", str(video)], stdin=subprocess.PIPE)
    assert encoder.stdin is not None
    for i in range(40):
        g = ((xx + yy + i * 9) % 256 // 2 + 60).astype(np.uint8)
        g[300:300 + side, 120:120 + side] = woven
        encoder.stdin.write(g.tobytes())
    encoder.stdin.close()
    assert encoder.wait() == 0
    assert decode_qr(woven) == ()  # the frame as decoded reads as nothing
    assert _codes(video, tmp_path, monkeypatch) >= 1


def test_a_code_of_small_modules_in_a_1440p_draft_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pictures were read at 1080 px at most: a tilted code of 2 px modules in a 1440×2560 draft,
    which a screenshot of a 1440p screen reads, blurred past reading. Drafts up to 4K are read at
    their own size."""
    import cv2

    frame = _gradient_with(_tilted_code(2, 0.15), 1440, 2560, at=(401, 901))
    grey = cv2.cvtColor(frame(0), cv2.COLOR_BGR2GRAY)
    assert decode_qr(grey) != ()
    at_1080 = cv2.resize(grey, (1080, 1920), interpolation=cv2.INTER_AREA)
    assert decode_qr(at_1080) == ()
    video = encode([frame(i) for i in range(8)], [i * 250 for i in range(8)], tmp_path / "draft_1440p.mkv")
    assert _codes(video, tmp_path, monkeypatch) >= 1


def _framed_code_with_a_blank_timing_row(version: int, module_px: int, square_module_px: int, rows: int,
                                         both_rows: bool = False) -> np.ndarray:
    """A 1080×1920 white card with a WeChat code of `module_px` px modules whose horizontal timing
    row (both_rows: and vertical one) is blanked, inside a frame `rows` deep of finder squares of
    `square_module_px` px modules."""
    import cv2

    params = cv2.QRCodeEncoder_Params()
    params.version = version
    modules = cv2.copyMakeBorder(cv2.QRCodeEncoder.create(params).encode("weixin://contact/wxid_framed"),
                                 4, 4, 4, 4, cv2.BORDER_CONSTANT, value=255)
    n = modules.shape[0]
    modules[4 + 6, 12:n - 12] = 255  # the timing row between the top finder patterns
    if both_rows:
        modules[12:n - 12, 4 + 6] = 255  # and the one between the left finder patterns
    code = cv2.resize(modules, (n * module_px, n * module_px), interpolation=cv2.INTER_NEAREST)
    square = np.zeros((7, 7), np.uint8)
    square[1:6, 1:6] = 255
    square[2:5, 2:5] = 0
    d = 7 * square_module_px
    square = cv2.resize(square, (d, d), interpolation=cv2.INTER_NEAREST)
    card = np.full((1920, 1080), 255, np.uint8)
    x0, y0, side, step = 300, 600, code.shape[0], d * 3 // 2
    card[y0:y0 + side, x0:x0 + side] = code
    for y in range(y0 - rows * step, y0 + side + rows * step, step):
        for x in range(x0 - rows * step, x0 + side + rows * step, step):
            if not (x0 - d < x < x0 + side and y0 - d < y < y0 + side):
                card[y:y + d, x:x + d] = square
    return cv2.cvtColor(card, cv2.COLOR_GRAY2BGR)


@pytest.mark.parametrize("version, module_px, square_module_px, rows, both_rows",
                         [(7, 8, 4, 2, False), (4, 4, 3, 1, False), (7, 10, 4, 2, True), (7, 6, 6, 1, True),
                          (10, 3, 3, 2, True)])
def test_a_framed_code_with_blank_timing_rows_is_read(version: int, module_px: int, square_module_px: int, rows: int,
                                                      both_rows: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A frame of finder squares around a code fills the places ZXing's reader looks at for the
    code's own corners (it pairs each with its nearest few), and a blanked timing row makes the
    ArUco-based detector reject it; with both rows blanked OpenCV's classic detector misses it too,
    while WeChat's reader and ZBar read it. prelint pairs the finder patterns itself (qr_finders),
    whatever the size of the decoys."""
    import cv2

    from prelint.content.qr import _decode_aruco, zxing_payloads
    from prelint.content.qr_finders import read_framed_codes

    card = _framed_code_with_a_blank_timing_row(version, module_px, square_module_px, rows, both_rows)
    grey = cv2.cvtColor(card, cv2.COLOR_BGR2GRAY)
    assert _decode_aruco(grey) == () and zxing_payloads(grey) == ()
    assert read_framed_codes(grey) == ("weixin://contact/wxid_framed",)
    assert decode_qr(card, STREAM) == ("weixin://contact/wxid_framed",)
    if (version, both_rows) == (7, True) and module_px == 10:
        video = encode([card] * 8, [i * 250 for i in range(8)], tmp_path / "framed.mkv")
        assert _codes(video, tmp_path, monkeypatch) >= 1


def test_a_code_whose_text_is_not_utf8_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """OpenCV's Python binding raises UnicodeDecodeError on a code in Kanji mode (or in GB18030 or
    Shift-JIS): the worker died on each such picture and, after three, RISK003 only warned that part
    of the video could not be checked. The code is a finding like any other."""
    import cv2

    from prelint.content.qr import TEXT_NOT_UTF8

    params = cv2.QRCodeEncoder_Params()
    params.mode = cv2.QRCodeEncoder_MODE_KANJI
    modules = cv2.QRCodeEncoder.create(params).encode("微信")
    code = cv2.copyMakeBorder(cv2.resize(modules, None, fx=10, fy=10, interpolation=cv2.INTER_NEAREST),
                              40, 40, 40, 40, cv2.BORDER_CONSTANT, value=255)
    assert decode_qr(code) == (TEXT_NOT_UTF8,)
    frames = [picture(i, cv2.cvtColor(code, cv2.COLOR_GRAY2BGR)) for i in range(12)]
    video = encode(frames, [i * 250 for i in range(12)], tmp_path / "kanji.mkv")
    monkeypatch.setenv("PRELINT_CACHE_DIR", str(tmp_path / "cache"))
    report = prelint.lint(video, title="今天的教程", select=["RISK003"], config={})
    messages = [f.message for f in report.findings]
    assert len(messages) == 1 and "Kanji mode" in messages[0] and "could not be checked" not in messages[0], messages


def test_zxing_s_reader_gives_a_code_it_cannot_decode_whole_as_not_text() -> None:
    """ZXing's reader decodes a Kanji-mode code to text with replacement characters ("蠕�紡" for
    微信): it is reported as a code whose text prelint cannot show, not as that text."""
    import cv2

    from prelint.content.qr import TEXT_NOT_UTF8, zxing_payloads

    def code(modules: np.ndarray) -> np.ndarray:
        return cv2.copyMakeBorder(cv2.resize(modules, None, fx=10, fy=10, interpolation=cv2.INTER_NEAREST),
                                  40, 40, 40, 40, cv2.BORDER_CONSTANT, value=255)

    params = cv2.QRCodeEncoder_Params()
    params.mode = cv2.QRCodeEncoder_MODE_KANJI
    assert zxing_payloads(code(cv2.QRCodeEncoder.create(params).encode("微信"))) == (TEXT_NOT_UTF8,)
    assert zxing_payloads(code(cv2.QRCodeEncoder.create().encode("加微信 abc"))) == ("加微信 abc",)
    assert zxing_payloads(255 - code(cv2.QRCodeEncoder.create().encode("加微信 abc"))) == ("加微信 abc",)


def test_a_code_in_two_colours_of_equal_luma_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Red modules on blue of the same luma (BT.601, what OpenCV, zxing-cpp and a camera's luma read)
    leave the picture blank in grey, while Java ZXing's scanners, which weigh a screenshot's colours
    as (R + 2G + B) / 4, read the code: the picture is also read that way."""
    import cv2

    from fixtures.captions import _qr_image

    modules = cv2.cvtColor(_qr_image("weixin://dl/chat?abc123", 360), cv2.COLOR_BGR2GRAY) > 127
    red, blue = np.array([0, 0, 200.0]), np.array([255, (0.299 * 200 - 0.114 * 255) / 0.587, 0])
    code = np.where(modules[:, :, None], red, blue).astype(np.uint8)
    assert decode_qr(cv2.cvtColor(code, cv2.COLOR_BGR2GRAY)) == ()  # blank in luma
    frames = [picture(i, code) for i in range(12)]
    video = encode(frames, [i * 250 for i in range(12)], tmp_path / "two_colours.mkv")
    assert _codes(video, tmp_path, monkeypatch) >= 1


def test_a_code_in_the_colour_planes_of_an_untagged_hd_video_is_read(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A stream that names no colour matrix is BT.601 to FFmpeg and BT.709 to players at HD sizes: a
    code drawn in the colour planes alone (luma 128 throughout), flat when converted as BT.601, shows
    as magenta on green in a player and passed. Untagged HD frames are converted as BT.709."""
    import subprocess

    import cv2

    from fixtures.captions import _qr_image
    from prelint.media.ffmpeg_process import ffmpeg_exe

    w, h = 720, 1280
    dark = cv2.resize(cv2.cvtColor(_qr_image("weixin://dl/chat?abc123", 400), cv2.COLOR_BGR2GRAY), (400, 400),
                      interpolation=cv2.INTER_NEAREST)[::2, ::2] < 128  # at the colour planes' half size
    u = np.full((h // 2, w // 2), 128, np.uint8)
    v = u.copy()
    # flat in BT.601 and in Java ZXing's (R + 2G + B) / 4 of it; ±14 grey levels as BT.709
    u[200:400, 80:280] = np.where(dark, 130, 126)
    v[200:400, 80:280] = np.where(dark, 200, 56)
    frame = np.full((h, w), 128, np.uint8).tobytes() + u.tobytes() + v.tobytes()
    video = tmp_path / "untagged.mp4"
    encoder = subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", f"{w}x{h}",
         "-r", "10", "-i", "-", "-c:v", "libx264", "-crf", "12", "-pix_fmt", "yuv420p", str(video)],
        input=frame * 30)
    assert encoder.returncode == 0
    as_601 = cv2.cvtColor(np.frombuffer(frame, np.uint8).reshape(h * 3 // 2, w), cv2.COLOR_YUV2BGR_I420)
    assert decode_qr(as_601, STREAM) == ()  # flat as FFmpeg converts it by default
    assert _codes(video, tmp_path, monkeypatch) >= 1


def _ycbcr_to_rgb(y: np.ndarray, cb: np.ndarray, cr: np.ndarray, kr: float, kb: float) -> np.ndarray:
    """Limited-range Y'CbCr to R'G'B' (0..255, unclipped) with the matrix of luma weights kr, kb."""
    luma, pb, pr = (y - 16) / 219, (cb - 128) / 224, (cr - 128) / 224
    r, b = luma + 2 * (1 - kr) * pr, luma + 2 * (1 - kb) * pb
    g = (luma - kr * r - kb * b) / (1 - kr - kb)
    return np.stack([r, g, b]) * 255


def _webm_with_colour_tags(path: Path, frame: bytes, width: int, height: int, container: str, bitstream: str) -> Path:
    """A lossless VP9 WebM of the yuv420p `frame`, its Matroska Colour element naming the matrix
    `container` and its VP9 header `bitstream`."""
    import subprocess

    from prelint.media.ffmpeg_process import ffmpeg_exe

    subprocess.run([ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-f", "rawvideo", "-pix_fmt", "yuv420p",
                    "-s", f"{width}x{height}", "-r", "4", "-i", "-", "-c:v", "libvpx-vp9", "-lossless", "1",
                    "-deadline", "realtime", "-cpu-used", "8", "-bsf:v", f"vp9_metadata=color_space={bitstream}",
                    "-colorspace", container, str(path)], input=frame * 12, check=True)
    return path


def test_a_code_shown_by_the_matrix_its_container_names_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A VP9 header names no matrix, the WebM's Colour element BT.601: Chromium shows the frames as
    BT.601, FFmpeg had no matrix and prelint took BT.709 for HD. A code whose colour planes cancel
    its luma in both greys of a BT.709 picture, plain in a BT.601 one, passed."""
    import cv2

    from fixtures.captions import _qr_image
    from prelint.media.container import probe

    w, h, bt601, bt709 = 1280, 720, (0.299, 0.114), (0.2126, 0.0722)

    def greys(y: float, cb: float, cr: float) -> np.ndarray:
        r, g, b = _ycbcr_to_rgb(np.array(y), np.array(cb), np.array(cr), *bt709)
        return np.array([0.299 * r + 0.587 * g + 0.114 * b, (r + 2 * g + b) / 4])

    # the Cb and Cr steps that hold both greys of the BT.709 picture still when luma steps by one
    base = greys(126, 128, 128)
    steps = np.stack([greys(126, 129, 128) - base, greys(126, 128, 129) - base], axis=1)
    d_cb, d_cr = np.linalg.solve(steps, -(greys(127, 128, 128) - base) * 36)
    dark = cv2.resize(cv2.cvtColor(_qr_image("weixin://dl/chat?abc123", 400), cv2.COLOR_BGR2GRAY), (592, 592),
                      interpolation=cv2.INTER_NEAREST) < 128
    m = np.zeros((h, w))
    m[64:656, 320:912] = np.where(dark, -0.5, 0.5)
    y, cb, cr = 126 + 36 * m, 128 + d_cb * m[::2, ::2], 128 + d_cr * m[::2, ::2]
    planes = [np.clip(np.round(p), 16, 240).astype(np.uint8) for p in (y, cb, cr)]
    frame = b"".join(p.tobytes() for p in planes)

    def shown(kr: float, kb: float) -> np.ndarray:
        up = [planes[0].astype(float)] + [np.repeat(np.repeat(p.astype(float), 2, 0), 2, 1) for p in planes[1:]]
        r, g, b = np.clip(_ycbcr_to_rgb(*up, kr, kb), 0, 255)
        return cv2.merge([b, g, r]).round().astype(np.uint8)

    assert decode_qr(shown(*bt709), STREAM) == ()  # flat as BT.709, in both greys
    assert decode_qr(shown(*bt601), STREAM) == ("weixin://dl/chat?abc123",)
    video = _webm_with_colour_tags(tmp_path / "colour_element.webm", frame, w, h, "smpte170m", "unknown")
    facts = probe(video)
    assert (facts.stream_colour_matrix, facts.colour_matrix) == ("smpte170m", "unspecified")
    assert _codes(video, tmp_path, monkeypatch) >= 1


@pytest.mark.parametrize("container, bitstream, refused", [("smpte170m", "bt709", True), ("bt709", "bt601", True),
                                                           ("smpte170m", "bt601", False)])
def test_a_container_and_a_stream_naming_different_colour_matrices_are_refused(
        container: str, bitstream: str, refused: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Chromium's VP9 decoder shows a WebM's frames in the matrix its Colour element names, FFmpeg
    in the one the VP9 header names: when they differ, what a viewer sees is not known. SMPTE 170M
    and the VP9 header's BT.601 (FFmpeg's bt470bg) are one matrix."""
    from prelint.errors import InputError

    w, h = 320, 240
    frame = np.full(w * h * 3 // 2, 128, np.uint8).tobytes()
    video = _webm_with_colour_tags(tmp_path / "tags.webm", frame, w, h, container, bitstream)
    monkeypatch.setenv("PRELINT_CACHE_DIR", str(tmp_path / "cache"))
    if refused:
        frame_matrix = {"bt709": "bt709", "bt601": "bt470bg"}[bitstream]
        with pytest.raises(InputError, match=f"its container names the colour matrix {container} and its video "
                                             f"stream {frame_matrix}; players differ"):
            prelint.lint(video, title="今天的教程", select=["RISK003"], config={})
    else:
        assert prelint.lint(video, title="今天的教程", select=["RISK003"], config={}).errors == ()


def test_a_container_and_a_stream_naming_different_colour_ranges_are_refused(tmp_path: Path) -> None:
    """Frames of limited range holding full-range values, in a WebM whose Colour element says full:
    Chromium showed a code at 235 on 255, FFmpeg white on white."""
    from prelint.errors import InputError
    from prelint.media.container import probe

    w, h = 320, 240
    video = _webm_with_colour_tags(tmp_path / "range.webm", np.full(w * h * 3 // 2, 128, np.uint8).tobytes(), w, h,
                                   "bt709", "bt709")
    assert (probe(video).colour_range, probe(video).stream_colour_range) == ("tv", "tv")
    import subprocess

    from prelint.media.ffmpeg_process import ffmpeg_exe

    full = tmp_path / "range_full.webm"
    subprocess.run([ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-i", str(video), "-c", "copy",
                    "-bsf:v", "vp9_metadata=color_range=tv", "-color_range", "pc", str(full)], check=True)
    assert (probe(full).colour_range, probe(full).stream_colour_range) == ("tv", "pc")
    with pytest.raises(InputError, match="its container names the colour range pc and its video stream tv"):
        prelint.lint(full, title="今天的教程", select=["RISK003"], config={"cache": False})


def test_a_colour_line_cut_by_another_message_is_not_a_matrix() -> None:
    """FFmpeg's threads write to one stderr: on a real WebM a frame's colour line came cut by another
    message ("bt470bgApplication provided …"), and the draft was refused as changing matrix."""
    from prelint.media.ffmpeg_process import colour_matrix_in

    assert colour_matrix_in(" color_range:tv color_space:bt470bg color_primaries:bt470bg") == "bt470bg"
    assert colour_matrix_in(" color_range:tv color_space:unknown") == "unspecified"
    assert colour_matrix_in(" color_range:tv color_space:bt470bgApplication provided invalid") is None


def test_an_mp4_whose_colr_box_and_h264_stream_name_different_matrices_is_refused(tmp_path: Path) -> None:
    """The same holds for an mp4's `colr` box over an H.264 stream's own matrix."""
    import subprocess

    from prelint.errors import InputError
    from prelint.media.ffmpeg_process import ffmpeg_exe

    video = tmp_path / "colr.mp4"
    subprocess.run([ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=s=320x240:r=10:d=1",
                    "-c:v", "libx264", "-colorspace", "smpte170m", "-bsf:v", "h264_metadata=matrix_coefficients=1",
                    "-movflags", "+write_colr", "-pix_fmt", "yuv420p", str(video)], check=True)
    with pytest.raises(InputError, match="container names the colour matrix smpte170m and its video stream bt709"):
        prelint.lint(video, title="今天的教程", select=["RISK003"], config={"cache": False})


def test_an_mp4_whose_colour_boxes_name_different_matrices_is_refused(tmp_path: Path) -> None:
    """FFmpeg keeps the last colour box of an mp4 it reads, Chromium the first `colr` (or a VP9
    entry's `vpcC`): a BT.601 `colr` box followed by an unspecified one left prelint reading an HD
    picture as BT.709 while Chromium showed it as BT.601, and a code flat in the one passed."""
    import struct
    import subprocess

    from prelint.errors import InputError
    from prelint.media.container import probe
    from prelint.media.ffmpeg_process import ffmpeg_exe

    video = tmp_path / "two_colr.mp4"
    subprocess.run([ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=s=320x240:r=10:d=1",
                    "-c:v", "libx264", "-colorspace", "smpte170m", "-movflags", "+write_colr", "-pix_fmt", "yuv420p",
                    str(video)], check=True)
    data = bytearray(video.read_bytes())
    assert probe(video).stream_colour_matrix == "smpte170m"
    # the sample entry's 20-byte bit-rate box becomes a second colour box, unspecified (nclx 2/2/2)
    at = data.index(b"btrt") - 4
    assert struct.unpack(">I", data[at:at + 4])[0] == 20
    data[at:at + 20] = struct.pack(">I4s4sHHHB", 20, b"colr", b"nclx", 2, 2, 2, 0) + b"\0"
    video.write_bytes(bytes(data))
    with pytest.raises(InputError, match=r"its mp4 colour boxes name different colour matrices \(smpte170m, unspecified\)"):
        probe(video)


def test_colour_boxes_are_found_wherever_they_sit() -> None:
    """Boxes are found by their type at any offset: a `vpcC` box (version 1) and `colr` boxes of
    type nclx and nclc; an ICC `colr` box and a `vpcC` of another version name no matrix."""
    import struct

    from prelint.media.mov_index import _colour_box_matrices

    vpcc = struct.pack(">I4sB3xBBBBBBH", 20, b"vpcC", 1, 0, 10, 0x80, 1, 1, 1, 0)
    old_vpcc = struct.pack(">I4sB3xBBBBBBH", 20, b"vpcC", 0, 0, 10, 0x80, 6, 6, 6, 0)
    nclc = struct.pack(">I4s4sHHH", 18, b"colr", b"nclc", 6, 6, 6)
    nclx = struct.pack(">I4s4sHHHB", 19, b"colr", b"nclx", 9, 16, 9, 0)
    icc = struct.pack(">I4s4s", 12, b"colr", b"prof")
    data = b"\0" * 7 + vpcc + b"junk" + nclc + old_vpcc + icc + nclx
    assert sorted(_colour_box_matrices(data)) == ["bt2020nc", "bt709", "smpte170m"]
    # FFmpeg reads a box's fields whatever size it declares: an nclc box cut short to two bytes
    # takes its matrix from the next box's size (0x00020002: unspecified)
    short = struct.pack(">I4s4sH", 14, b"colr", b"nclc", 6) + struct.pack(">I4s", 0x20002, b"free")
    assert _colour_box_matrices(nclc + short) == ["smpte170m", "unspecified"]
    assert _colour_box_matrices(struct.pack(">I4s4s", 12, b"colr", b"nclx")) == ["unspecified"]


def test_a_colour_matrix_that_changes_mid_stream_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The colour matrix chosen for a stream holds for all of it: frames naming another matrix part-way
    would be converted wrongly (and one FFmpeg cannot convert, ICtCp from the tenth second, ended the
    decode there silently, so a QR code after it passed)."""
    video = _joined_h264(tmp_path, "", ":colormatrix=bt470bg", seconds=2)
    monkeypatch.setenv("PRELINT_CACHE_DIR", str(tmp_path / "cache"))
    from prelint.errors import InputError

    with pytest.raises(InputError, match=r"its colour matrix changes mid-stream \(unspecified then bt470bg\)"):
        prelint.lint(video, title="今天的教程", select=["RISK003"], config={})


@pytest.mark.parametrize("params, matrix", [("", "unspecified"), (":colormatrix=smpte170m", "smpte170m"),
                                            (":colormatrix=bt709", "bt709")])
def test_the_probe_reads_the_first_frame_s_colour_matrix(params: str, matrix: str, tmp_path: Path) -> None:
    """The conversion of a stream is chosen from its first frame's matrix: misread (past the frame's
    side data, and with the log line's address left in), every HD stream was converted as BT.709,
    and a code a player shows in a BT.601-tagged draft, flat as BT.709, passed."""
    import subprocess

    from prelint.media.container import probe
    from prelint.media.ffmpeg_process import ffmpeg_exe

    video = tmp_path / "tagged.mp4"
    subprocess.run([ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i",
                    "testsrc2=s=720x1280:r=10:d=1", "-c:v", "libx264", "-x264-params", f"keyint=10{params}",
                    "-pix_fmt", "yuv420p", str(video)], check=True)
    assert probe(video).colour_matrix == matrix


def test_a_switch_to_a_matrix_ffmpeg_cannot_convert_is_an_error_not_a_shorter_video(tmp_path: Path,
                                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """From a frame naming ICtCp on, FFmpeg's filter graph failed to rebuild and the analysed frames
    just ended: the draft was linted as a shorter video, and a QR code after the switch passed."""
    from prelint.errors import InputError

    video = _joined_h264(tmp_path, ":colormatrix=bt709", ":colormatrix=ICtCp", seconds=3)
    monkeypatch.setenv("PRELINT_CACHE_DIR", str(tmp_path / "cache"))
    with pytest.raises(InputError, match=r"FFmpeg stopped decoding it part-way|colour matrix changes mid-stream"):
        prelint.lint(video, title="今天的教程", select=["RISK003"], config={})


def _joined_h264(tmp_path: Path, first_params: str, second_params: str, seconds: int) -> Path:
    """An mp4 of two x264 encodes of `seconds` each (720×1280, 10 fps, parameter sets in every
    keyframe) joined into one stream: x264 params for each part, e.g. their colour matrix."""
    import subprocess

    from prelint.media.ffmpeg_process import ffmpeg_exe

    def part(name: str, params: str) -> bytes:
        out = tmp_path / f"{name}.h264"
        subprocess.run([ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i",
                        f"testsrc2=s=720x1280:r=10:d={seconds}", "-c:v", "libx264", "-x264-params",
                        f"repeat-headers=1{params}", "-pix_fmt", "yuv420p", str(out)], check=True)
        return out.read_bytes()

    stream = tmp_path / "joined.h264"
    stream.write_bytes(part("first", first_params) + part("second", second_params))
    video = tmp_path / "joined.mp4"
    subprocess.run([ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-r", "10", "-i", str(stream), "-c", "copy",
                    str(video)], check=True)
    return video


def test_a_turned_code_with_one_damaged_timing_module_is_read() -> None:
    """A code turned by 30° with one timing module flipped is missed by the ArUco-based detector,
    ZXing's reader and the finder-pattern pairing; OpenCV's classic detector reads it, as phones do."""
    import cv2

    params = cv2.QRCodeEncoder_Params()
    params.version = 7
    modules = cv2.copyMakeBorder(cv2.QRCodeEncoder.create(params).encode("weixin://contact/wxid_turned"),
                                 4, 4, 4, 4, cv2.BORDER_CONSTANT, value=255)
    modules[4 + 6, 4 + 10] = 255  # one dark timing module made light
    code = cv2.resize(modules, None, fx=8, fy=8, interpolation=cv2.INTER_NEAREST)
    card = np.full((1920, 1080), 255, np.uint8)
    card[600:600 + code.shape[0], 200:200 + code.shape[1]] = code
    centre = (200 + code.shape[1] / 2, 600 + code.shape[0] / 2)
    turned = cv2.warpAffine(card, cv2.getRotationMatrix2D(centre, 30, 1.0), (1080, 1920), borderValue=255)
    assert decode_qr(cv2.cvtColor(turned, cv2.COLOR_GRAY2BGR), STREAM) == ("weixin://contact/wxid_turned",)


@pytest.mark.parametrize("angle", [15, 30])
def test_a_turned_framed_code_is_never_a_silent_pass(angle: int) -> None:
    """Turned, a code framed by decoy finder squares with both timing rows blank passed silently:
    the finder search sampled a square's diagonals at the module size of its row, which a turned
    square fails. It is now read, or its picture is reported crowded (RISK003 warns)."""
    import cv2

    from prelint.content.qr_finders import Crowded

    card = _framed_code_with_a_blank_timing_row(7, 10, 4, 2, both_rows=True)
    turned = cv2.warpAffine(card, cv2.getRotationMatrix2D((540, 900), angle, 1.0), (1080, 1920),
                            borderValue=(255, 255, 255))
    try:
        assert decode_qr(turned, STREAM) == ("weixin://contact/wxid_framed",)
    except Crowded as crowded:
        assert "finder" in crowded.what
