"""Which sections of a draft's video `prelint fix` cuts, read from prelint's own findings.

Nothing here opens the video: the plan is a pure function of a lint Report (the hook and pacing
rules' spans, evidence and metrics), the video's frame rate and its frame count. Every cut
boundary is a frame boundary, so the picture and the sound are cut at the same instant.

- The lead-in (``[0, L)``): L is the largest of what each firing rule needs —
  HOOK003 black-opening: up to the time the picture is fully visible (``picture_s``);
  HOOK001 slow-start: enough that the first visual change lands ``CHANGE_MARGIN_S`` before the
  rule's limit; HOOK002 static-opening: enough that the first visual change (HOOK001's metric)
  lands at ``STATIC_CHANGE_AT_S``; HOOK004 silent-opening: up to ``AUDIO_PREROLL_S`` before the
  first sound.
- The still ending (PACE005 long-ending): cut so ``ENDING_MARGIN_S`` less than the rule's
  limit of stillness remains.
- Dead air (PACE003), only when asked: each long silence is cut down to ``DEAD_AIR_KEEP_S`` of
  pause on either side.

A plan never keeps less than ``min_keep_s(duration)``: at least ``MIN_KEEP_S`` seconds and
``MIN_KEEP_SHARE`` of the video (and the platform's minimum duration). Cuts are granted in the
order lead-in, ending, dead air; one that does not fit is shortened or dropped, and the plan
says so.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from prelint.model import Report, RuleResult, Status

#: The fixed draft keeps at least this many seconds ...
MIN_KEEP_S = 3.0
#: ... and at least this share of the original video.
MIN_KEEP_SHARE = 0.5
#: slow-start: the first visual change lands this long before the rule's limit.
CHANGE_MARGIN_S = 0.15
#: static-opening: the first visual change lands at this time (s) after the cut.
STATIC_CHANGE_AT_S = 0.5
#: silent-opening: the cut stops this long before the first sound (its attack is never clipped).
AUDIO_PREROLL_S = 0.1
#: long-ending: the still ending left is this much shorter than the rule's limit.
ENDING_MARGIN_S = 0.25
#: dead-air: the pause left on each side of a cut silence.
DEAD_AIR_KEEP_S = 0.3

LEAD_IN_CODES = ("HOOK003", "HOOK001", "HOOK002", "HOOK004")
ENDING_CODE = "PACE005"
DEAD_AIR_CODE = "PACE003"


@dataclass(frozen=True)
class Cut:
    """A section removed from the video: frames ``start_frame`` … ``end_frame - 1``."""

    start_frame: int
    end_frame: int
    fps: float
    kind: str  # "lead-in", "ending" or "dead-air"
    reasons: tuple[str, ...]

    @property
    def start_s(self) -> float:
        return self.start_frame / self.fps

    @property
    def end_s(self) -> float:
        return self.end_frame / self.fps

    @property
    def frames(self) -> int:
        return self.end_frame - self.start_frame

    @property
    def duration_s(self) -> float:
        return self.frames / self.fps

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "start_s": round(self.start_s, 3), "end_s": round(self.end_s, 3),
                "duration_s": round(self.duration_s, 3), "reasons": list(self.reasons)}


@dataclass(frozen=True)
class Note:
    """A finding the plan does not (fully) fix by cutting, and why."""

    code: str
    name: str
    text: str

    def __str__(self) -> str:
        return f"{self.code} {self.name}: {self.text}" if self.name else f"{self.code}: {self.text}"


@dataclass(frozen=True)
class CutPlan:
    fps: float
    total_frames: int
    cuts: tuple[Cut, ...] = ()
    notes: tuple[Note, ...] = ()
    min_keep_s: float = 0.0
    warnings: tuple[str, ...] = field(default=())

    @property
    def duration_s(self) -> float:
        return self.total_frames / self.fps

    @property
    def cut_frames(self) -> int:
        return sum(c.frames for c in self.cuts)

    @property
    def kept_frames(self) -> int:
        return self.total_frames - self.cut_frames

    @property
    def kept_s(self) -> float:
        return self.kept_frames / self.fps

    def keeps(self) -> list[tuple[int, int]]:
        """The sections kept, as (first frame, end frame) pairs in order."""
        out, position = [], 0
        for cut in sorted(self.cuts, key=lambda c: c.start_frame):
            if cut.start_frame > position:
                out.append((position, cut.start_frame))
            position = max(position, cut.end_frame)
        if position < self.total_frames:
            out.append((position, self.total_frames))
        return out

    def new_time(self, t_s: float) -> float | None:
        """Where a moment of the original lands in the fixed video (None: it was cut)."""
        frame, shift = t_s * self.fps, 0
        for cut in sorted(self.cuts, key=lambda c: c.start_frame):
            if frame >= cut.end_frame:
                shift += cut.frames
            elif frame >= cut.start_frame:
                return None
        return (frame - shift) / self.fps

    def to_dict(self) -> dict[str, Any]:
        return {
            "fps": round(self.fps, 3),
            "duration_s": round(self.duration_s, 3),
            "kept_s": round(self.kept_s, 3),
            "min_keep_s": round(self.min_keep_s, 3),
            "cuts": [c.to_dict() for c in self.cuts],
            "not_cut": [str(n) for n in self.notes],
        }


def min_keep_s(duration_s: float, platform_min_s: float | None = None) -> float:
    """The least a fixed draft keeps: MIN_KEEP_S, MIN_KEEP_SHARE of it, the platform's minimum."""
    return max(MIN_KEEP_S, MIN_KEEP_SHARE * duration_s, platform_min_s or 0.0)


def plan_cuts(
    report: Report,
    fps: float,
    total_frames: int,
    *,
    cut_dead_air: bool = False,
    platform_min_s: float | None = None,
) -> CutPlan:
    """The cuts that fix the lead-in, the still ending and (if asked) dead air of `report`'s draft."""
    if fps <= 0 or total_frames <= 0:
        return CutPlan(fps=fps or 30.0, total_frames=max(0, total_frames))
    results = {r.code: r for r in report.rules}
    duration = total_frames / fps
    notes: list[Note] = []
    keep = min_keep_s(duration, platform_min_s)
    budget = max(0, total_frames - math.ceil(keep * fps - 1e-6))
    wanted: list[tuple[str, int, int, tuple[str, ...], str]] = []  # kind, start, end, reasons, rule

    lead_end, lead_reasons, lead_rules = _lead_in(results, notes)
    if lead_end > 0:
        wanted.append(("lead-in", 0, _frame(lead_end, fps, total_frames), tuple(lead_reasons), ", ".join(lead_rules)))
    ending = _ending(results)
    if ending is not None:
        start_s, reason = ending
        wanted.append(("ending", _frame(start_s, fps, total_frames), total_frames, (reason,), _rule(results[ENDING_CODE])))
    dead_air = _fired(results, DEAD_AIR_CODE)
    if dead_air is not None:
        if not cut_dead_air:
            for f in dead_air.findings:
                notes.append(Note(dead_air.code, dead_air.name, f"{_span(f.start_s, f.end_s)} not cut: dead air is cut "
                                  "only with --cut-dead-air (a pause can be meant; check the video is a talking one)"))
        else:
            for f in dead_air.findings:
                if f.start_s is None or f.end_s is None:
                    continue
                start = f.start_s + DEAD_AIR_KEEP_S
                end = f.end_s - DEAD_AIR_KEEP_S if f.end_s < duration - 0.1 else duration
                if end > start:
                    wanted.append(("dead-air", _frame(start, fps, total_frames), _frame(end, fps, total_frames),
                                   (f"{dead_air.code} {dead_air.name}: {f.end_s - f.start_s:.1f} s of silence at "
                                    f"{_span(f.start_s, f.end_s)}, {DEAD_AIR_KEEP_S:.1f} s of pause kept on each side",),
                                   _rule(dead_air)))

    cuts: list[Cut] = []
    for kind, start, end, reasons, rule in wanted:
        start, end = _minus(start, end, cuts)
        frames = end - start
        if frames <= 0:
            continue
        granted = min(frames, budget)
        if granted < frames:
            wanted_s, granted_s = frames / fps, granted / fps
            why = (f"cut only {granted_s:.2f} s of {wanted_s:.2f} s" if granted > 0 else f"{wanted_s:.2f} s not cut") + \
                f": the fixed draft keeps at least {keep:.1f} s (≥ {MIN_KEEP_S:g} s and ≥ {MIN_KEEP_SHARE:.0%} of the video)"
            notes.append(Note(rule, "", f"{kind} {_span(start / fps, end / fps)} {why}"))
        if granted <= 0:
            continue
        if kind == "lead-in":
            end = start + granted
        elif kind == "ending":
            start = end - granted
        else:  # dead air: keep the middle of the pause cut, shortened evenly on both sides
            spare = frames - granted
            start += spare // 2
            end = start + granted
        budget -= granted
        cuts.append(Cut(start, end, fps, kind, reasons))
    cuts.sort(key=lambda c: c.start_frame)
    return CutPlan(fps=fps, total_frames=total_frames, cuts=tuple(cuts), notes=tuple(notes), min_keep_s=keep)


def _fired(results: dict[str, RuleResult], code: str) -> RuleResult | None:
    result = results.get(code)
    if result is None or result.status in (Status.PASS, Status.SKIPPED) or not result.findings:
        return None
    return result


def _rule(result: RuleResult) -> str:
    return f"{result.code} {result.name}"


def _lead_in(results: dict[str, RuleResult], notes: list[Note]) -> tuple[float, list[str], list[str]]:
    """The end (s) of the lead-in to cut, the reasons (one per firing rule) and those rules."""
    wants: list[tuple[float, str, str]] = []
    black = _fired(results, "HOOK003")
    if black is not None:
        f = black.findings[0]
        picture_s = float(f.evidence.get("picture_s", f.end_s or 0.0))
        parts = []
        if f.evidence.get("black_s"):
            parts.append(f"black or flat frames until {float(f.evidence['black_s']):.2f} s")
        if f.evidence.get("fade_in_s"):
            parts.append(f"a {float(f.evidence['fade_in_s']):.2f} s fade from black (the cut makes a hard start)")
        wants.append((picture_s, _rule(black), f"{black.code} {black.name}: " + (" and ".join(parts) or f"picture visible at {picture_s:.2f} s")))
    slow = _fired(results, "HOOK001")
    first_change = _first_change(results)
    if slow is not None:
        f = slow.findings[0]
        limit = float(f.evidence.get("max_first_change_s", 1.0))
        if first_change is None:
            notes.append(Note(slow.code, slow.name, "not cut: nothing changes on screen in the whole video, so no cut "
                              "can bring a change forward; add a cut or a camera move"))
        else:
            land = max(0.0, limit - CHANGE_MARGIN_S)
            wants.append((first_change - land, _rule(slow), f"{slow.code} {slow.name}: first visual change at {first_change:.2f} s "
                          f"(limit {limit:g} s), it now comes at about {land:.2f} s"))
    static = _fired(results, "HOOK002")
    if static is not None:
        if first_change is None:
            notes.append(Note(static.code, static.name, "not cut: no visual change is known to start the video at "
                              "(HOOK001 found none or did not run); start the video where the action starts"))
        else:
            wants.append((first_change - STATIC_CHANGE_AT_S, _rule(static), f"{static.code} {static.name}: the opening stands still "
                          f"until the first visual change at {first_change:.2f} s"))
    silent = _fired(results, "HOOK004")
    if silent is not None:
        f = silent.findings[0]
        first_sound = f.evidence.get("first_sound_s")
        if first_sound is None:
            notes.append(Note(silent.code, silent.name, "not cut: the sound track is silent throughout; add a voice-over "
                              "or music"))
        else:
            wants.append((float(first_sound) - AUDIO_PREROLL_S, _rule(silent),
                          f"{silent.code} {silent.name}: no sound until {float(first_sound):.2f} s"))
    wants = [w for w in wants if w[0] > 0]
    if not wants:
        return 0.0, [], []
    return max(t for t, _, _ in wants), [why for _, _, why in wants], [rule for _, rule, _ in wants]


def _first_change(results: dict[str, RuleResult]) -> float | None:
    """The first visual change (s) as HOOK001 measured it (a metric even when the rule passes)."""
    slow = results.get("HOOK001")
    if slow is None:
        return None
    value = slow.metrics.get("first_change_s")
    if value is None and slow.findings:
        value = slow.findings[0].evidence.get("first_change_s")
    return None if value is None else float(value)


def _ending(results: dict[str, RuleResult]) -> tuple[float, str] | None:
    ending = _fired(results, ENDING_CODE)
    if ending is None:
        return None
    f = ending.findings[0]
    last_activity = float(f.evidence.get("last_activity_s", f.start_s or 0.0))
    still = float(f.evidence.get("still_ending_s", 0.0))
    limit = float(f.evidence.get("max_static_end_s", 2.5))
    keep = max(0.0, limit - ENDING_MARGIN_S)
    return last_activity + keep, (f"{ending.code} {ending.name}: still for the last {still:.2f} s (from "
                                  f"{last_activity:.2f} s, limit {limit:g} s), {keep:.2f} s of it kept")


def _frame(t_s: float, fps: float, total_frames: int) -> int:
    return max(0, min(total_frames, int(round(t_s * fps))))


def _minus(start: int, end: int, cuts: list[Cut]) -> tuple[int, int]:
    """[start, end) less the parts already cut (a cut overlapping one end of it shortens it)."""
    for cut in cuts:
        if cut.start_frame <= start < cut.end_frame:
            start = cut.end_frame
        if cut.start_frame < end <= cut.end_frame:
            end = cut.start_frame
    return start, end


def _span(start: float | None, end: float | None) -> str:
    return f"{start or 0.0:.2f}–{end or 0.0:.2f} s"
