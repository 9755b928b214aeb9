"""cta rules."""
