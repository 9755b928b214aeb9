"""PACE: pacing — cut density, still stretches, dead air, slowing down, long endings."""

from prelint.checks.pacing.dead_air import dead_air
from prelint.checks.pacing.dead_stretch import dead_stretch
from prelint.checks.pacing.long_ending import long_ending
from prelint.checks.pacing.low_cut_density import low_cut_density
from prelint.checks.pacing.pacing_decay import pacing_decay

__all__ = ["dead_air", "dead_stretch", "long_ending", "low_cut_density", "pacing_decay"]
