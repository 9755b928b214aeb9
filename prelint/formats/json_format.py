"""`--format json`: the stable machine format documented in the README."""

from __future__ import annotations

import json

from prelint.formats import RunOutput
from prelint.terminal import json_visible

SCHEMA_VERSION = 1


def run_to_dict(run: RunOutput) -> dict:
    return {
        "version": SCHEMA_VERSION,
        "prelint": run.version,
        "drafts": [r.to_dict() for r in run.reports],
        "errors": [{"path": e.path, "message": e.message} for e in run.draft_errors],
    }


def render(run: RunOutput) -> str:
    return json_visible(json.dumps(run_to_dict(run), ensure_ascii=False, indent=2)) + "\n"
