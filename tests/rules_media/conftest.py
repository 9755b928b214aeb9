"""The repo root on sys.path: fixtures/ (the synthesizer) and tests.rules_media live there."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
