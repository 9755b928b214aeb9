"""The `prelint` command. Exit codes: 0 clean, 1 findings at/above --fail-on, 2 bad input/usage/config, 3 a check crashed."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from prelint import __version__
from prelint.draft import PLATFORMS as PLATFORM_CHOICES  # one list, checked against platforms.toml by a test
from prelint.errors import EXIT_CRASH, EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, one_line  # noqa: F401


class DefaultGroup(click.Group):
    """`prelint PATHS...` runs `lint`; `prelint rules|rule|inspect` run subcommands."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not any(a in ("--help", "-h", "--version") for a in args[:1]) and (not args or args[0] not in self.commands):
            args = ["lint", *args]
        return super().parse_args(ctx, args)


def _fail(message: str, code: int = EXIT_ERROR) -> None:
    click.echo(f"prelint: {message}", err=True)
    sys.exit(code)


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP: prelint stops as on Ctrl-C (its worker and FFmpeg processes are stopped
    first) and exits with 128 + the signal's number."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _raise_terminated(signum: int, frame: Any) -> None:
    raise Terminated(signum)


def run_guarded(func: Any, *args: Any, **kwargs: Any) -> Any:
    """Turn every expected problem into one line on stderr and a documented exit code."""
    import signal
    import threading

    from prelint.errors import PrelintError

    # a SIGTERM to prelint alone (a CI runner's timeout, `kill PID`) killed it at once and left its
    # worker processes running for good; handled here, it unwinds like Ctrl-C
    previous = {}
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
            if sig is not None:
                previous[sig] = signal.signal(sig, _raise_terminated)
    try:
        return func(*args, **kwargs)
    except PrelintError as exc:
        _fail(f"error: {exc}")
    except Terminated as exc:
        _fail("terminated", 128 + exc.signum)
    except KeyboardInterrupt:
        _fail("interrupted", 130)
    except BrokenPipeError:
        sys.exit(EXIT_OK)
    except Exception as exc:  # a bug: still one line, with a way to get the traceback
        import os

        if os.environ.get("PRELINT_DEBUG"):
            raise
        _fail(f"internal error: {type(exc).__name__}: {exc} (set PRELINT_DEBUG=1 for a traceback)", EXIT_CRASH)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="prelint")
def main() -> None:
    """Lint short-video drafts before you publish them.

    \b
    prelint draft.mp4 --title "3个技巧让蛋糕不塌"
    prelint --title "震惊！99%的人都不知道"      (text only)
    prelint drafts/ --format json -o report.json
    prelint rules | prelint rule slow-start | prelint inspect draft.mp4
    prelint fix draft.mp4 -o fixed.mp4          (cut the dead lead-in and still ending)
    """


def _limit_malloc_arenas() -> None:
    """glibc gives each thread that allocates its own malloc arena, and an arena keeps its
    peak; the decode pipeline's reader threads would make the CLI's memory grow with the
    video's length. Two arenas keep it flat (the same as MALLOC_ARENA_MAX=2). The CLI only:
    a program importing prelint keeps its own malloc settings."""
    if sys.platform != "linux" or "MALLOC_ARENA_MAX" in os.environ:
        return
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").mallopt(-8, 2)  # M_ARENA_MAX
    except (OSError, AttributeError):
        pass


@main.command("lint")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, readable=False))  # prelint reports unreadable files itself, in one line
@click.option("--title", help="Title of the draft (overrides the metadata file).")
@click.option("--caption", help="Caption / description (overrides the metadata file).")
@click.option("--hashtag", "hashtags", multiple=True, help="A hashtag (repeatable); inline #话题 are found too.")
@click.option("--subtitles", type=click.Path(path_type=Path, readable=False), help="Subtitles file (.srt/.vtt/.ass).")
@click.option("--platform", type=click.Choice(PLATFORM_CHOICES), help="Platform profile (default: douyin).")
@click.option("--select", multiple=True, help="Rules to run: codes, prefixes or names, comma-separated.")
@click.option("--ignore", multiple=True, help="Rules to skip: codes, prefixes or names.")
@click.option("--extend-select", multiple=True, help="Rules to add to the configured selection.")
@click.option("--format", "output_format", default="text", show_default=True, help="text, json, jsonl, html, sarif, github or junit.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the report to FILE instead of stdout.")
@click.option("--fail-on", type=click.Choice(["info", "warn", "error"]), help="Lowest level that makes the exit status 1 (default: warn).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--no-ocr", is_flag=True, help="Do not read on-screen text.")
@click.option("--no-cache", is_flag=True, help="Do not read or write the caches (media analysis and whole reports).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Cores to use: N drafts at a time, or one draft decoded by N processes (default: number of cores).")
@click.option("--config", "config_path", type=click.Path(path_type=Path, readable=False), help="Config file (default: searched upwards).")
@click.option("--baseline", type=click.Path(path_type=Path), help="Report only findings not recorded in this baseline file.")
@click.option("--write-baseline", type=click.Path(path_type=Path), help="Record the current findings in FILE (exit 0) for --baseline.")
@click.option("--verbose", "-v", is_flag=True, help="Text report: also every rule's status and metrics, and the skipped rules.")
def lint_command(paths: tuple[Path, ...], **opts: Any) -> None:
    """Lint drafts: video files, *.prelint.toml metadata files or folders."""
    if hasattr(sys.stdout, "reconfigure"):
        # file names that are not UTF-8 (old zips, other locales) are printed back as their own bytes
        sys.stdout.reconfigure(errors="surrogateescape")
    code = run_guarded(_lint, paths, **opts)
    sys.exit(code)


def _lint(paths: tuple[Path, ...], **opts: Any) -> int:
    from prelint.batch import LintRequest, run_lint

    _refuse_undecodable_text(opts)
    _limit_malloc_arenas()
    request = LintRequest(paths=paths, **opts)
    return run_lint(request)


def _refuse_undecodable_text(opts: dict[str, Any]) -> None:
    """Bytes that are not UTF-8 in --title/--caption/--hashtag reach Python as lone surrogates."""
    from prelint.errors import UsageError

    for option, values in (("--title", [opts.get("title")]), ("--caption", [opts.get("caption")]),
                           ("--hashtag", list(opts.get("hashtags") or ()))):
        for value in values:
            if value is not None and any("\ud800" <= ch <= "\udfff" for ch in value):
                raise UsageError(f"{option}: not valid UTF-8 text (set the terminal to UTF-8, or use a metadata file)")


@main.command("rules")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
def rules_command(output_format: str) -> None:
    """List every rule: code, name, default level, one line."""
    from prelint.registry import load_rules, plugin_failures

    rules = run_guarded(load_rules)
    if output_format == "markdown":
        from prelint.docs import rules_markdown

        click.echo(rules_markdown(rules), nl=False)
    elif output_format == "json":
        import json

        data = [
            {
                "code": r.code,
                "name": r.name,
                "level": r.level.value,
                "summary": r.summary,
                "options": [{"name": o.config_name, "default": o.default, "unit": o.unit, "help": o.help} for o in r.options],
            }
            for r in rules.values()
        ]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        width = max((len(r.name) for r in rules.values()), default=10)
        for r in rules.values():
            click.echo(f"{r.code:<9} {r.name:<{width}}  {r.level.value:<5}  {r.summary}")
    for failure in plugin_failures():
        click.echo(one_line(f"prelint: warning: plugin {failure.entry_point}: {failure.message}"), err=True)


@main.command("rule")
@click.argument("name_or_code")
def rule_command(name_or_code: str) -> None:
    """Show a rule's documentation."""
    from prelint.registry import load_rules, lookup

    rule = run_guarded(lambda: lookup(load_rules(), name_or_code))
    click.echo(rule.documentation(), nl=False)


@main.command("inspect")
@click.argument("video", type=click.Path(path_type=Path, readable=False))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--no-cache", is_flag=True, help="Do not read or write the analysis cache.")
def inspect_command(video: Path, output_format: str, no_cache: bool) -> None:
    """Print the measured media facts of VIDEO (shots, transitions, audio, series)."""

    def go() -> None:
        from prelint.media import analyze, probe

        _limit_malloc_arenas()
        probe(video)
        facts = analyze(video, use_cache=not no_cache, progress=_progress_printer(str(video)))
        if output_format == "json":
            import json

            click.echo(json.dumps(facts.to_dict(), ensure_ascii=False, indent=2))
        else:
            from prelint.media.inspect_text import format_inspect_text

            from prelint.terminal import log_safe, visible

            click.echo(log_safe("\n".join(visible(line) for line in format_inspect_text(facts).split("\n"))))

    run_guarded(go)


@main.command("fix")
@click.argument("draft", type=click.Path(path_type=Path, readable=False))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the fixed video to FILE (.mp4/.mov/.m4v/.mkv; required for a video, never an input).")
@click.option("--diff", is_flag=True, help="Show the planned cuts and the text fixes as a diff; write nothing.")
@click.option("--write-metadata", is_flag=True, help="Apply the safe text fixes to the draft's metadata file (atomically).")
@click.option("--cut-dead-air", is_flag=True, help="Also cut long silences inside the video (PACE003), for talking videos.")
@click.option("--platform", type=click.Choice(PLATFORM_CHOICES), help="Platform profile (default: the draft's, else douyin).")
@click.option("--config", "config_path", type=click.Path(path_type=Path, readable=False), help="Config file (default: searched upwards).")
@click.option("--preset", default="medium", show_default=True, help="libx264 preset of the fixed video.")
@click.option("--crf", default=18, show_default=True, type=int, help="libx264 quality of the fixed video (lower is better).")
@click.option("--no-cache", is_flag=True, help="Do not read or write the caches.")
def fix_command(draft: Path, output: Path | None, config_path: Path | None, **opts: Any) -> None:
    """Fix what is mechanical in DRAFT: cut a black, frozen or silent lead-in and a still ending into
    the copy named with -o, and fix the metadata file's text safely (see README)."""

    def go() -> int:
        from prelint.fix import FixOptions, fix, format_fix

        _limit_malloc_arenas()
        result = fix(draft, FixOptions(output=output, config=config_path, **opts), progress=_progress_printer)
        from prelint.terminal import log_safe

        click.echo(log_safe(format_fix(result)))
        return result.exit_code

    sys.exit(run_guarded(go))


def _progress_printer(label: str) -> Any:
    """A progress callback drawing on stderr when it is a terminal; None otherwise."""
    from prelint.terminal import visible

    if not sys.stderr.isatty():
        return None
    state = {"last": -1}

    def show(fraction: float) -> None:
        pct = int(max(0.0, min(1.0, fraction)) * 100)
        if pct != state["last"]:
            state["last"] = pct
            bar = "#" * (pct // 5)
            click.echo(f"\r{visible(label[-40:])} [{bar:<20}] {pct:3d}%", err=True, nl=pct >= 100)

    return show


if __name__ == "__main__":  # pragma: no cover
    main()
