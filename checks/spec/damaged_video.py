"""SPEC011 damaged-video."""

from __future__ import annotations

import prelint
from prelint.rules import Option

OPTIONS = [Option("min-errors", 1, "Decoder error reports from which the video counts as damaged", "items")]


@prelint.check(code="SPEC011", name="damaged-video", level="warn", options=OPTIONS, needs=["media"])
def damaged_video(ctx):
    """What it checks: damage the decoder reports while prelint decodes the video: "error while
    decoding", "concealing … errors", invalid or missing units of the stream, the reports ffmpeg
    prints for a file cut short, corrupted in a copy or by a failing card. Muxer and filter
    warnings are not damage. A file that cannot be opened at all is an error for its draft.

    Why it matters: the decoder hides damage by guessing the missing picture (grey blocks, smeared
    motion, a frozen frame); platforms re-encode with their own decoder, which may show it worse or
    reject the upload, and the damage is in the file, not in the editor's preview.

    How to fix: export the draft again from the project, or copy it again from the camera or phone;
    if the damage is in the source recording, cut the damaged seconds out.
    """
    media = ctx.media
    ctx.metric("decode_errors", media.decode_errors)
    if media.decode_errors < ctx.options.min_errors:
        return
    examples = "; ".join(media.decode_error_examples[:2])
    yield ctx.finding(
        f"The video is damaged: the decoder reported {media.decode_errors} error{'s' if media.decode_errors != 1 else ''} "
        f"({examples})",
        hint="Export the draft again from the project, or copy it again from the source; cut out damaged seconds of a recording",
        evidence={"decode_errors": media.decode_errors, "examples": list(media.decode_error_examples)},
    )
