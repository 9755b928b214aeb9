"""Data files shipped with prelint: platform profiles and lexicons."""
