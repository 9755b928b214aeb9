"""`--format github`: GitHub Actions workflow commands, one annotation per finding.

    ::warning file=drafts/a.mp4,title=HOOK001 slow-start::0.00–2.40s: Nothing changes ... (fix: ...)

Levels map to `notice` (info), `warning` (warn) and `error` (error). Values are escaped as
GitHub's runner expects: in the message `%`, CR and LF; in properties also `:` and `,`.
"""

from __future__ import annotations

from prelint.formats import DraftError, RunOutput, display_path
from prelint.formats.text import where
from prelint.model import Finding, Report
from prelint.terminal import visible

COMMAND_FOR_LEVEL = {"info": "notice", "warn": "warning", "error": "error"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(command: str, message: str, file: str | None = None, title: str | None = None) -> str:
    """One workflow command. Control characters of the draft's text and file names (ESC, BEL, C1,
    bidi overrides) are shown as escapes (prelint.terminal.visible): the runner's log is a terminal
    too. The message keeps its line breaks, which the runner's escape turns into %0A."""
    message = "\n".join(visible(part) for part in message.split("\n"))
    props = []
    if file:
        props.append(f"file={escape_property(visible(file))}")
    if title:
        props.append(f"title={escape_property(visible(title))}")
    head = f"::{command} " + ",".join(props) if props else f"::{command}"  # no line=: a video has no lines
    return f"{head}::{escape_data(message)}"


def finding_message(finding: Finding) -> str:
    loc = where(finding)
    text = f"{loc}: {finding.message}" if loc else finding.message
    if finding.hint:
        text += f"\nfix: {finding.hint}"
    return text


def render_outcome(outcome: Report | DraftError, run: RunOutput) -> str:
    if isinstance(outcome, DraftError):
        return annotation("error", f"could not lint: {outcome.message}", display_path(outcome.path, run.base_dir), "prelint") + "\n"
    file = display_path(outcome.path, run.base_dir)
    lines = [
        annotation(COMMAND_FOR_LEVEL[f.level.value], finding_message(f), display_path(outcome.file_of(f), run.base_dir),
                   f"{f.code} {f.name}")
        for f in outcome.findings
    ]
    lines += [annotation("error", message, file, "prelint crashed") for message in outcome.errors]
    return "".join(line + "\n" for line in lines)


def render(run: RunOutput) -> str:
    return "".join(render_outcome(o, run) for o in (*run.reports, *run.draft_errors))
