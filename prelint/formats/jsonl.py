"""`--format jsonl`: one JSON object per draft, one per line, written as each draft finishes.

A linted draft is its `Report.to_dict()` (the same object as an entry of `--format json`'s
`drafts`) plus `"type": "draft"`; a draft that could not be read is
`{"type": "error", "path": ..., "message": ...}`. Lines are in completion order.
"""

from __future__ import annotations

import json

from prelint.formats import DraftError, RunOutput
from prelint.model import Report
from prelint.terminal import json_visible


def outcome_to_dict(outcome: Report | DraftError) -> dict:
    if isinstance(outcome, DraftError):
        return {"type": "error", "path": outcome.path, "message": outcome.message}
    return {"type": "draft", **outcome.to_dict()}


def render_outcome(outcome: Report | DraftError, run: RunOutput) -> str:
    return json_visible(json.dumps(outcome_to_dict(outcome), ensure_ascii=False, separators=(",", ":"))) + "\n"


def render(run: RunOutput) -> str:
    return "".join(render_outcome(o, run) for o in (*run.reports, *run.draft_errors))
