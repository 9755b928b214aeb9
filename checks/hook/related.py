"""One problem, one finding: which HOOK/PACE rule reports a problem several rules see.

A video where nothing moves or changes is a slow start (HOOK001), a static opening (HOOK002),
a weak hook (HOOK006), too few cuts (PACE001) and a long still ending (PACE005) all at once.
It is reported once, by HOOK001, whose finding names the rules it stands for; those rules pass
with a `covered_by` metric. The same holds for a still opening that starts moving later (HOOK001
reports it; HOOK002 and a dead stretch at the start defer to it) and for a weak hook whose weak
parts are each reported by their own rule (HOOK006 defers). A black or fading lead-in that
HOOK003 reports is that rule's problem: HOOK001 then times the first change from when the
picture is fully visible, passes when it comes in time (deferring to HOOK003), and otherwise
reports the lead-in and the still picture after it as one finding with one cut (HOOK003 defers). A rule defers only when the rule
that reports the problem runs on this draft (selected, not ignored by the draft's metadata), so
`--select HOOK002` alone still reports a static opening.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from prelint.checks.hook.measures import VisualChange, first_visual_change, opening_picture


def rule_runs(ctx: Any, code: str) -> bool:
    """Is the rule `code` part of this run for this draft (selected, and not ignored by the
    draft's metadata)?"""
    from prelint.registry import load_rules, select_rules

    rules = load_rules()
    rule = rules.get(code)
    if rule is None:
        return False
    cfg = ctx.config
    try:
        chosen = select_rules(rules, cfg.select, cfg.ignore, cfg.extend_select)
    except Exception:  # a selector error is reported by the run itself
        return False
    if rule not in chosen:
        return False
    return not any(ignore.rule in (rule.code, rule.name) for ignore in ctx.draft.ignores)


def options_of(ctx: Any, code: str) -> SimpleNamespace:
    """Another rule's options as this run configures them."""
    from prelint.config import resolve_rule_options
    from prelint.registry import load_rules

    return SimpleNamespace(**resolve_rule_options(load_rules()[code], ctx.config))


@dataclass(frozen=True)
class OpeningState:
    """What HOOK001 slow-start sees, for the rules that defer to it."""

    picture_s: float
    change: VisualChange | None  # the first visual change after the picture appears
    limit_s: float  # HOOK001's max-first-change-s
    lead_in_reported: bool = False  # HOOK003 runs and reports the black or fading lead-in

    @property
    def waited_s(self) -> float | None:
        """How long a viewer waits for the first change: from the start, or from when the picture
        is fully visible when HOOK003 reports the lead-in before it (None: no change)."""
        if self.change is None:
            return None
        return self.change.t_s - (self.picture_s if self.lead_in_reported else 0.0)

    @property
    def late(self) -> bool:
        """HOOK001 fires: the first change comes after its limit (or never)."""
        waited = self.waited_s
        return waited is None or waited > self.limit_s + 1e-6

    @property
    def covers_lead_in(self) -> bool:
        """HOOK001's finding also stands for HOOK003's lead-in: the picture stands still after it."""
        return self.lead_in_reported and self.change is not None and self.late

    @property
    def never(self) -> bool:
        """Nothing changes on screen after the picture appears."""
        return self.change is None


def opening_state(ctx: Any) -> OpeningState:
    media = ctx.media
    slow = options_of(ctx, "HOOK001")
    picture_s = opening_picture(media).picture_s
    change = first_visual_change(media, slow.change_motion, after_s=picture_s)
    lead_in_reported = picture_s > options_of(ctx, "HOOK003").max_black_s + 1e-6 and rule_runs(ctx, "HOOK003")
    return OpeningState(picture_s=picture_s, change=change, limit_s=slow.max_first_change_s,
                        lead_in_reported=lead_in_reported)


def deferred_to_slow_start(ctx: Any, *, whole_video: bool) -> bool:
    """Does HOOK001 report this draft's problem? `whole_video`: the problem is that nothing
    changes in the whole video (else: that the opening stands still)."""
    if not rule_runs(ctx, "HOOK001"):
        return False
    state = opening_state(ctx)
    return state.never if whole_video else state.late


def cover(ctx: Any, code: str) -> None:
    """Record on this rule's result that `code`'s finding reports its problem."""
    ctx.metric("covered_by", code)
