"""hook rules."""
