"""HOOK: the opening — how soon the picture changes, black/silent/static/dark starts, hook score."""

from prelint.checks.hook.black_opening import black_opening
from prelint.checks.hook.dark_or_blurry_opening import dark_or_blurry_opening
from prelint.checks.hook.hook_strength import hook_strength
from prelint.checks.hook.silent_opening import silent_opening
from prelint.checks.hook.slow_start import slow_start
from prelint.checks.hook.static_opening import static_opening

__all__ = [
    "black_opening",
    "dark_or_blurry_opening",
    "hook_strength",
    "silent_opening",
    "slow_start",
    "static_opening",
]
