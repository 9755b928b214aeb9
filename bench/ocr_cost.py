"""What OCR adds to a full lint: `prelint lint` with and without --no-ocr on a generated 60 s
1080×1920 draft with burned-in captions (a new caption every 3 s and a title card).

    python bench/ocr_cost.py [--seconds 60] [--repeat 3] [--keep]

Each run is a fresh process (`python -m prelint.cli lint DRAFT --no-cache ...`): model loading,
imports and the media decode are all counted, as a user would see them. Runs alternate with and
without OCR so machine noise hits both alike; the medians and their ratio are printed.
Target: OCR adds at most 50% to the full lint (ratio ≤ 1.5).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fixtures.captions import Caption, CaptionVideoSpec, find_cjk_font, make_caption_video  # noqa: E402

SCRIPT = (
    "今天教大家做一道家常番茄炒蛋", "先准备三个鸡蛋和两个番茄", "第一步 鸡蛋打散加少许盐", "第二步 番茄切成小块",
    "第三步 热锅凉油 油温七成热", "倒入蛋液 凝固后马上盛出", "锅里再放一点油炒番茄", "炒出汁水后加一勺白糖",
    "第四步 把鸡蛋倒回锅里", "大火翻炒十秒钟", "出锅前撒一把葱花", "一道番茄炒蛋就做好了",
    "小技巧 番茄先去皮口感更好", "鸡蛋不要炒太老", "喜欢的话点赞收藏", "评论区告诉我你想学什么",
    "下期教大家做可乐鸡翅", "关注我 每天一道家常菜", "谢谢观看", "我们下期再见",
)


def run_lint(video: Path, title: str, ocr: bool) -> tuple[float, dict]:
    cmd = [sys.executable, "-m", "prelint.cli", "lint", str(video), "--title", title, "--no-cache",
           "--format", "json", "--exit-zero"]
    if not ocr:
        cmd.append("--no-ocr")
    started = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"prelint failed ({done.returncode}): {done.stderr.strip()[-400:]}")
    return elapsed, json.loads(done.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--width", type=int, default=1080)
    parser.add_argument("--height", type=int, default=1920)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--video", type=Path, help="reuse this draft instead of rendering one")
    parser.add_argument("--keep", action="store_true", help="keep the rendered draft and print its path")
    args = parser.parse_args()

    if args.video:
        video = args.video
    else:
        font = find_cjk_font()
        if font is None:
            print("no CJK font: apt-get install -y fonts-wqy-microhei", file=sys.stderr)
            return 2
        step = args.seconds / len(SCRIPT)
        captions = tuple(Caption(round(i * step, 3), round((i + 1) * step, 3), text, "bottom", 0.055)
                         for i, text in enumerate(SCRIPT))
        captions += (Caption(0.0, args.seconds, "番茄炒蛋 家常做法", "top", 0.08),)
        video = Path(tempfile.mkdtemp(prefix="ocr-cost-")) / f"captions-{args.seconds:.0f}s-{args.width}x{args.height}.mp4"
        started = time.perf_counter()
        make_caption_video(video, CaptionVideoSpec(duration_s=args.seconds, captions=captions, width=args.width,
                                                   height=args.height, grain=3.0, bitrate="11M", seed=11), font=font)
        print(f"rendered {video} in {time.perf_counter() - started:.0f} s")

    title = "10分钟学会家常番茄炒蛋"
    with_ocr, without_ocr = [], []
    last_report: dict = {}
    for i in range(args.repeat):
        order = (True, False) if i % 2 == 0 else (False, True)
        for ocr in order:
            elapsed, report = run_lint(video, title, ocr)
            (with_ocr if ocr else without_ocr).append(elapsed)
            if ocr:
                last_report = report
            print(f"  run {i + 1} {'with OCR   ' if ocr else 'without OCR'}: {elapsed:.1f} s")
    med_with, med_without = statistics.median(with_ocr), statistics.median(without_ocr)
    pair_ratios = [w / wo for w, wo in zip(with_ocr, without_ocr)]
    print(f"median full lint without OCR {med_without:.1f} s, with OCR {med_with:.1f} s: "
          f"ratio {med_with / med_without:.2f} (OCR adds {100 * (med_with / med_without - 1):.0f}%; target ≤ 50%)")
    print(f"pair ratios {', '.join(f'{r:.2f}' for r in pair_ratios)}; median pair ratio {statistics.median(pair_ratios):.2f} "
          "(each pair ran back to back, so it shares the machine's load)")
    drafts = last_report.get("drafts", [last_report])
    for draft in drafts:
        for rule in draft.get("rules", []):
            if rule["code"].startswith("MATCH"):
                print(f"  {rule['code']} {rule['name']}: {rule['status']} {rule.get('reason') or ''}")
    if args.keep or args.video:
        print(f"draft: {video}")
    elif not args.video:
        video.unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
