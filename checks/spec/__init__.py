"""SPEC: platform specifications — text lengths, hashtags, duration, frame rate, picture and file limits."""

from prelint.checks.spec.aspect_ratio import aspect_ratio
from prelint.checks.spec.caption_length import caption_length
from prelint.checks.spec.damaged_video import damaged_video
from prelint.checks.spec.duration_limit import duration_limit
from prelint.checks.spec.file_size_limit import file_size_limit
from prelint.checks.spec.frame_rate import frame_rate
from prelint.checks.spec.hashtag_count import hashtag_count
from prelint.checks.spec.loudness import loudness
from prelint.checks.spec.missing_audio import missing_audio
from prelint.checks.spec.resolution import resolution
from prelint.checks.spec.title_length import title_length

__all__ = [
    "aspect_ratio",
    "caption_length",
    "damaged_video",
    "duration_limit",
    "file_size_limit",
    "frame_rate",
    "hashtag_count",
    "loudness",
    "missing_audio",
    "resolution",
    "title_length",
]
