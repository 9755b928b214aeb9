"""match rules."""
