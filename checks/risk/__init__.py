"""RISK: publishing risks — clickbait titles, absolute claims, off-platform contact, other platforms' watermarks."""

from prelint.checks.risk.absolute_terms import absolute_terms
from prelint.checks.risk.clickbait_title import clickbait_title
from prelint.checks.risk.off_platform_contact import off_platform_contact
from prelint.checks.risk.other_platform_watermark import other_platform_watermark

__all__ = ["absolute_terms", "clickbait_title", "off_platform_contact", "other_platform_watermark"]
