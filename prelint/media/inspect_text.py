"""Human-readable `prelint inspect` output (the same facts as ``MediaFacts.to_dict()``)."""

from __future__ import annotations

from prelint.media.facts import MediaFacts


def _t(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds:.3f}s"


def format_inspect_text(facts: MediaFacts) -> str:
    p = facts.probe
    lines = [
        f"{p.path}",
        f"  duration   {p.duration_s:.3f} s, {p.frame_count} frames, {p.fps:.3f} fps"
        + (" (variable frame rate)" if p.is_vfr else ""),
        f"  size       {p.width}x{p.height} display"
        + (f" (stored {p.coded_width}x{p.coded_height}, rotation {p.rotation})" if p.rotation else ""),
        f"  codecs     video {p.video_codec}, audio {p.audio_codec or 'none'}"
        + (f", {p.bitrate_bps / 1e6:.2f} Mb/s" if p.bitrate_bps else "")
        + f", {p.size_bytes / 1e6:.2f} MB",
    ]
    bars = facts.series.bars
    if bars.has_bars:
        lines.append(
            f"  bars       content box top {bars.top:.1%} bottom {bars.bottom:.1%}"
            f" left {bars.left:.1%} right {bars.right:.1%}"
        )
    lines.append(f"  shots      {len(facts.shots)}")
    for i, shot in enumerate(facts.shots, 1):
        lines.append(f"    {i:3d}  {_t(shot.start_s)} - {_t(shot.end_s)}  ({shot.duration_s:.2f} s)")
    lines.append(f"  transitions {len(facts.transitions)}")
    for tr in facts.transitions:
        span = _t(tr.start_s) if tr.kind == "cut" else f"{_t(tr.start_s)} - {_t(tr.end_s)}"
        lines.append(f"    {tr.kind:9} {span}")
    a = facts.audio
    if not a.has_audio:
        lines.append("  audio      none")
    else:
        lufs = f"{a.loudness_lufs:.1f} LUFS" if a.loudness_lufs is not None else "silent"
        lines.append(f"  audio      {lufs}, first sound at {_t(a.first_sound_s)}")
        for s in a.silences:
            lines.append(f"    silence  {_t(s.start_s)} - {_t(s.end_s)}")
    se = facts.series
    if len(se):
        motion = sum(se.motion) / len(se.motion)
        lines.append(
            f"  frames     {len(se)} analysed; mean motion {motion:.2f}, mean luma "
            f"{sum(se.luma_mean) / len(se):.1f}, black frames {sum(se.is_black)}"
        )
    lines.append(f"  sampled    {len(facts.frames)} frames ("
                 + ", ".join(f"{r} {len(facts.frames_for(r))}" for r in ("first", "hook", "shot", "interval", "last"))
                 + ")")
    lines.append(f"  analysis   {facts.analysis_seconds:.2f} s")
    return "\n".join(lines) + "\n"
