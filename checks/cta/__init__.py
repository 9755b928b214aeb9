"""CTA: calls to action — a draft without any, and engagement bait the platforms penalise."""

from prelint.checks.cta.engagement_bait import engagement_bait
from prelint.checks.cta.missing_cta import missing_cta

__all__ = ["engagement_bait", "missing_cta"]
