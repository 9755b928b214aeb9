"""RISK: publishing risks in the text — clickbait titles, absolute claims, off-platform contact."""

from prelint.checks.risk.absolute_terms import absolute_terms
from prelint.checks.risk.clickbait_title import clickbait_title
from prelint.checks.risk.off_platform_contact import off_platform_contact

__all__ = ["absolute_terms", "clickbait_title", "off_platform_contact"]
