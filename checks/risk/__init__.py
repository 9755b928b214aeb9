"""risk rules."""
