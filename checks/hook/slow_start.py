"""HOOK001 slow-start."""

from __future__ import annotations

import prelint
from prelint.checks.hook.measures import opening_picture
from prelint.rules import Option

OPTIONS = [
    Option("max-first-change-s", 1.0, "Latest acceptable time of the first visual change", "s"),
    Option(
        "change-motion",
        1.0,
        "Movement that counts as a visual change: the picture's activity (defined below), smoothed over 0.2 s",
        "luma levels per 1/30 s",
    ),
]

#: Rules whose problem this rule's finding stands for when nothing changes in the whole video.
WHOLE_VIDEO_RELATED = {
    "HOOK002": "static-opening",
    "HOOK006": "hook-strength",
    "PACE001": "low-cut-density",
    "PACE005": "long-ending",
}
#: ... and when the opening stands still until a later change.
OPENING_RELATED = {"HOOK002": "static-opening", "HOOK006": "hook-strength", "PACE002": "dead-stretch"}


@prelint.check(code="HOOK001", name="slow-start", level="warn", options=OPTIONS, needs=["media"])
def slow_start(ctx):
    """What it checks: how long the picture takes to change for the first time. A change is a
    cut or another transition, or movement a viewer sees: a subject or the camera moving
    (`change-motion`), measured where the picture moves most, so a pour, a performer jumping
    or a person talking counts from the first frame. The fade from black that opens a video is
    the picture appearing, not a change. When black-opening (HOOK003) reports a black or fading
    lead-in, the wait is timed from when the picture is fully visible: a picture that moves in
    time leaves the lead-in to HOOK003; one that then stands still is reported here once, with
    the lead-in and one cut for both.

    Why it matters: viewers decide in the first seconds. TikTok's ad research puts half of an
    ad's impact in the first 2 s, and Douyin reports 2 s and 5 s retention to creators; a
    picture that sits unchanged for the first second gives the thumb no reason to stop.

    How to fix: cut the dead lead-in, or add a cut, a punch-in zoom or a camera move before
    `max-first-change-s`.

    Options: motion is the picture's activity: the luma change over 0.13 s (per 1/30 s) that
    a twentieth of the picture reaches (the 95th percentile over 8 px cells of the 96 px analysis
    frame), with black bars and blurred padding left out, so a 9:16 version of a landscape video
    reads like the original. On real footage: a still photo or a static shot with only noise
    0.0–0.6, a person talking to the camera 0.7–2.5, a pour, handheld footage or a performer
    moving 4–20. A still opening that starts moving later, or a video where nothing changes at
    all, is reported here once: static-opening (HOOK002), hook-strength (HOOK006), dead-stretch
    (PACE002), low-cut-density (PACE001) and long-ending (PACE005) then leave it to this
    finding, which names them.
    """
    from prelint.checks.hook.related import cover, opening_state, rule_runs

    media = ctx.media
    limit = ctx.options.max_first_change_s
    opening = opening_picture(media)
    state = opening_state(ctx)
    change = state.change
    ctx.metric("first_change_s", None if change is None else round(change.t_s, 3))
    ctx.metric("first_change_kind", None if change is None else change.kind)
    if not state.late:
        if change is not None and change.t_s > limit + 1e-6:
            cover(ctx, "HOOK003")  # late only by the lead-in, which black-opening reports
        return
    related = WHOLE_VIDEO_RELATED if change is None else OPENING_RELATED
    if state.covers_lead_in:
        related = {"HOOK003": "black-opening", **related}
    covers = [f"{code} {name}" for code, name in related.items() if rule_runs(ctx, code)]
    evidence = {
        "first_change_s": None if change is None else round(change.t_s, 3),
        "first_change_kind": None if change is None else change.kind,
        "max_first_change_s": limit,
        "picture_s": round(opening.picture_s, 3),
        "change_motion": ctx.options.change_motion,
        "covers": covers,
    }
    also = f" (this also stands for {', '.join(covers)})" if covers else ""
    if change is None:
        from prelint.checks.pacing.low_cut_density import max_average_shot_s
        from prelint.checks.hook.related import options_of

        every = max_average_shot_s(media.duration_s, options_of(ctx, "PACE001"))
        yield ctx.finding(
            f"Nothing changes on screen in the whole video ({media.duration_s:.1f} s): no cut and no "
            f"visible movement{also}",
            hint=f"Add a cut, a punch-in zoom or a camera move before {limit:.1f} s, then a change about "
            f"every {every:.0f} s (B-roll, jump cuts, moving graphics)",
            start_s=0.0,
            end_s=media.duration_s,
            evidence=evidence,
        )
        return
    what = {"motion": "movement", "fade_out": "fade out", "fade_in": "fade in"}.get(change.kind, change.kind)
    trim = change.t_s - limit
    if trim <= 0.5 * media.duration_s:
        hint = f"Cut the first {trim:.1f} s, or add a cut or camera move before {limit:.1f} s"
    else:
        hint = f"Add a cut, a punch-in zoom or a camera move before {limit:.1f} s"
    if state.covers_lead_in:
        lead_in = opening.lead_in_text()
        message = (f"The picture is fully visible only at {opening.picture_s:.1f} s ({lead_in}) and then stands "
                   f"still until the first visual change ({what}) at {change.t_s:.1f} s{also}")
    else:
        message = f"The first visual change ({what}) comes at {change.t_s:.1f} s; the picture stands still before it{also}"
    yield ctx.finding(
        message,
        hint=hint,
        start_s=0.0,
        end_s=change.t_s,
        evidence=evidence,
    )

