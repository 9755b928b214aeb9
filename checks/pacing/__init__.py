"""pacing rules."""
