"""SPEC: platform specifications — text lengths, hashtags, duration, frame rate, picture and file limits."""

from prelint.checks.spec.duration_limit import duration_limit
from prelint.checks.spec.frame_rate import frame_rate
from prelint.checks.spec.hashtag_count import hashtag_count
from prelint.checks.spec.title_length import title_length

__all__ = ["duration_limit", "frame_rate", "hashtag_count", "title_length"]
