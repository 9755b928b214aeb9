"""OCR character recall on burned-in captions at 720×1280.

    python bench/ocr_accuracy.py [--captions 24] [--grain 4] [--crf 23]

Renders a 720×1280 video with burned-in Chinese captions (fixtures/captions.py: white text, black
outline, sizes 5–7% of the width, some with digits and English words), decodes one frame in the
middle of each caption, scales it to a 540-px short side as the media engine does, runs prelint's
OCR (prelint.content.ocr.read_bands, as in a lint) and compares with the truth:

- character recall: characters of the truth found in order in the OCR text (longest common
  subsequence, whitespace ignored), summed over captions / truth characters;
- character precision: the same matched characters / OCR characters read in the caption band;
- pipeline coverage: share of caption characters that end up in ContentText.screen when the whole
  video goes through `prelint.lint` (frame sampling and the OCR frame budget decide what is read).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fixtures.captions import Caption, CaptionVideoSpec, find_cjk_font, make_caption_video, read_frame  # noqa: E402

CAPTION_LINES = (
    "今天教大家做番茄炒蛋", "第一步 鸡蛋打散加少许盐", "第二步 番茄切块备用", "热锅凉油 油温七成热下蛋液",
    "鸡蛋凝固后马上盛出来", "再放番茄炒出汁水", "加一勺糖中和酸味", "最后倒回鸡蛋翻炒均匀",
    "出锅前撒点葱花 香味更浓", "这道菜只要10分钟", "记得点赞收藏 下次不迷路", "2024年最火的家常菜",
    "用iPhone拍的 没有调色", "三个技巧让你拍出大片感", "第一 找好光线", "第二 降低机位",
    "第三 用三分法构图", "关注我 每天分享一个小技巧", "Excel的VLOOKUP函数怎么用", "先选中要查找的单元格",
    "输入等号和函数名", "第二个参数是查找范围", "按回车就完成了", "学会了吗 评论区告诉我",
)


def lcs_length(a: str, b: str) -> int:
    if not a or not b:
        return 0
    previous = [0] * (len(b) + 1)
    for ch in a:
        current = [0]
        for j, other in enumerate(b):
            current.append(previous[j] + 1 if ch == other else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]


def squash(text: str) -> str:
    return "".join(text.split())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--captions", type=int, default=len(CAPTION_LINES))
    parser.add_argument("--seconds-each", type=float, default=1.5)
    parser.add_argument("--grain", type=float, default=4.0, help="sensor noise sigma (0..255)")
    parser.add_argument("--crf", type=int, default=23)
    parser.add_argument("--no-pipeline", action="store_true", help="skip the whole-lint coverage figure")
    args = parser.parse_args()

    font = find_cjk_font()
    if font is None:
        print("no CJK font: apt-get install -y fonts-wqy-microhei", file=sys.stderr)
        return 2
    lines = CAPTION_LINES[: args.captions]
    sizes = (0.05, 0.06, 0.07)
    captions = tuple(
        Caption(round(i * args.seconds_each, 3), round((i + 1) * args.seconds_each, 3), text, "bottom", sizes[i % 3])
        for i, text in enumerate(lines)
    )
    duration = len(captions) * args.seconds_each
    workdir = Path(tempfile.mkdtemp(prefix="ocr-accuracy-"))
    video = workdir / "captions-720x1280.mp4"
    spec = CaptionVideoSpec(duration_s=duration, captions=captions, width=720, height=1280, seed=7,
                            grain=args.grain, crf=args.crf, pan_px_per_s=40.0)
    started = time.perf_counter()
    make_caption_video(video, spec, font=font)
    print(f"rendered {video.name}: {duration:.0f} s, {len(captions)} captions, font {font.name}, "
          f"grain {args.grain}, crf {args.crf} ({time.perf_counter() - started:.1f} s)")

    from prelint.content.ocr import engine, read_bands

    started = time.perf_counter()
    engine()
    print(f"OCR engine ready in {time.perf_counter() - started:.2f} s")
    truth_chars = matched = read_chars = 0
    ocr_seconds = 0.0
    misses = []
    for caption in captions:
        frame = read_frame(video, (caption.start_s + caption.end_s) / 2, short_side=540)
        t0 = time.perf_counter()
        found = read_bands(frame)  # the path the pipeline uses: text bands only
        ocr_seconds += time.perf_counter() - t0
        band = [line.text for line in found if line.box[1] > frame.shape[0] * 0.6]  # captions are at the bottom
        truth, read = squash(caption.text), squash("".join(band))
        hit = lcs_length(truth, read)
        truth_chars += len(truth)
        read_chars += len(read)
        matched += hit
        if hit < len(truth):
            misses.append((caption.text, "".join(band)))
    recall = matched / truth_chars
    precision = matched / read_chars if read_chars else float("nan")
    print(f"character recall {recall:.3f} ({matched}/{truth_chars}), precision {precision:.3f}, "
          f"{ocr_seconds / len(captions) * 1000:.0f} ms per 540×960 frame")
    for truth, read in misses:
        print(f"  truth {truth!r} read {read!r}")

    if not args.no_pipeline:
        import prelint

        started = time.perf_counter()
        report = prelint.lint(video, title="测试", select=["MATCH003"], config={})
        content = report.content
        screen = squash(content.field_text("screen"))
        covered = sum(lcs_length(squash(c.text), screen) for c in captions)
        print(f"pipeline: {content.ocr_frames_read} frames OCR'd, {len(content.screen)} spans, coverage of caption "
              f"characters {covered / truth_chars:.3f} ({time.perf_counter() - started:.1f} s); notes: {list(content.notes)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
