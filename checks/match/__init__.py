"""MATCH: title vs content — time promises, item counts, topic and hype against what the video says and shows."""

from prelint.checks.match.count_claim import count_claim
from prelint.checks.match.duration_claim import duration_claim
from prelint.checks.match.hype_gap import hype_gap
from prelint.checks.match.topic_mismatch import topic_mismatch

__all__ = ["count_claim", "duration_claim", "hype_gap", "topic_mismatch"]
