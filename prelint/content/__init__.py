"""On-screen and spoken text of a draft."""
