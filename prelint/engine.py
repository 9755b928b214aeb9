"""Running checks on drafts: one Facts object per draft, every selected rule, one Report."""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

from prelint.config import Config, check_option_tables, config_from_dict, find_config_file, load_config, resolve_rule_options
from prelint.context import Context, Facts
from prelint.draft import PLATFORMS, Draft, draft_from_path, hashtag_tuple
from prelint.errors import InputError, PrelintError, Skip, UsageError
from prelint.model import Finding, Report, RuleResult, Status
from prelint.platforms import profile
from prelint.registry import load_rules, plugin_failures, select_rules
from prelint.rules import Rule
from prelint.time_limit import draft_time_limit

Progress = Callable[[str, float], None]


def run_rule(rule: Rule, facts: Facts, config: Config, platform: str) -> RuleResult:
    """Run one rule on one draft. Input errors propagate; a crashing check raises CheckCrashed."""
    for ignore in facts.draft.ignores:
        if ignore.rule in (rule.code, rule.name):
            reason = f"ignored by {facts.draft.metadata.name if facts.draft.metadata else 'metadata'}"
            return RuleResult(rule.code, rule.name, Status.SKIPPED, reason=f"{reason}: {ignore.reason}".rstrip(": "))
    ctx = Context(rule, facts, resolve_rule_options(rule, config), profile(platform))
    try:
        produced = rule(ctx)
        findings: list[Finding] = list(produced) if produced is not None else []
    except Skip as skip:
        return RuleResult(rule.code, rule.name, Status.SKIPPED, metrics=ctx.metrics, reason=skip.reason)
    except PrelintError:
        raise
    except (Exception, SystemExit) as exc:  # a check calling sys.exit(0) passed every draft
        raise CheckCrashed(rule, exc) from exc
    for f in findings:
        if not isinstance(f, Finding):
            raise CheckCrashed(rule, TypeError(f"yielded {type(f).__name__}, expected a Finding (use ctx.finding)"))
    worst = max((f.level.rank for f in findings), default=0)
    status = {0: Status.PASS, 1: Status.INFO, 2: Status.WARN, 3: Status.ERROR}[worst]
    return RuleResult(rule.code, rule.name, status, tuple(findings), dict(ctx.metrics))


def lint_rule(rule: Rule, draft: Draft | None = None, *, config: Config | None = None, **draft_fields: Any) -> RuleResult:
    """Run one rule alone on a draft (or on draft fields such as `title=`); returns its RuleResult.

    >>> from prelint.checks.spec import title_length
    >>> lint_rule(title_length, title="标题").status.value
    'pass'
    """
    draft = (draft or Draft()).with_overrides(**draft_fields)
    config = config or Config()
    with draft_time_limit(config.analysis_time_limit_s, draft.path or draft.video) as clock:
        clock.doing = f"running {rule.code} ({rule.name})"
        result = run_rule(rule, Facts(draft=draft, config=config, clock=clock), config, draft.platform or config.platform)
        clock.armed = False
    return result


class CheckCrashed(Exception):
    """A check raised an unexpected exception: a bug in prelint or in a plugin."""

    def __init__(self, rule: Rule, exc: BaseException) -> None:
        super().__init__(f"check {rule.code} ({rule.name}) failed: {type(exc).__name__}: {exc}")
        self.rule = rule


def lint_draft(
    draft: Draft,
    config: Config,
    rules: Iterable[Rule],
    *,
    progress: Progress | None = None,
    decode_workers: int | None = None,
) -> Report:
    """Lint one draft with the given rules. Raises InputError when the draft's files are unusable.

    decode_workers: ffmpeg processes decoding the video at the same time (None: one per core,
    see prelint.media.facts.decode_workers).
    """
    platform = draft.platform or config.platform
    facts = Facts(draft=draft, config=config, progress=progress, decode_workers=decode_workers)
    results: list[RuleResult] = []
    errors: list[str] = []
    with draft_time_limit(config.analysis_time_limit_s, draft.path or draft.video) as clock:
        facts.clock = clock
        if draft.video is not None:
            facts.get("probe")  # a file that is not a usable video is an error even when no selected rule reads it
        for rule in rules:
            clock.doing = f"running {rule.code} ({rule.name})"
            try:
                results.append(run_rule(rule, facts, config, platform))
            except CheckCrashed as crash:
                errors.append(str(crash))
                if os.environ.get("PRELINT_DEBUG"):  # the README promises the check's traceback then
                    traceback.print_exception(crash.__cause__ or crash, file=sys.stderr)
                results.append(RuleResult(rule.code, rule.name, Status.SKIPPED, reason=f"crashed: {crash}"))
        clock.armed = False
    path = str(draft.path) if draft.path else None
    return Report(
        path=path,
        rules=tuple(results),
        platform=platform,
        errors=tuple(errors),
        field_files=field_files(draft),
        media=facts.computed("media"),
        content=facts.computed("content"),
    )


def field_files(draft: Draft) -> dict[str, str]:
    """Which file each text field of the draft came from (metadata file, sidecar or named subtitles)."""
    files: dict[str, str] = {}
    for name, source in draft.sources.items():
        kind, _, where = source.partition(":")
        if kind in ("metadata", "sidecar") and where:
            files[name] = where
    if draft.subtitles is not None:
        files["subtitles"] = str(draft.subtitles)
    return files


def resolve_config(config: Config | Mapping[str, Any] | str | Path | None, start: Path) -> Config:
    """Config for a run: an object, a dict of `[tool.prelint]` keys, a file, or found by walking up."""
    if isinstance(config, Config):
        return config
    if isinstance(config, Mapping):
        return config_from_dict(dict(config))
    if isinstance(config, (str, Path)):
        path = Path(config)
        if not (path.exists() or path.is_symlink()):  # a FIFO or device is refused by load_config
            raise UsageError(f"config file {path} does not exist")
        return load_config(path)
    return load_config(find_config_file(start))


_WARNED_PLUGINS: set[str] = set()


def selected_rules(config: Config) -> list[Rule]:
    """The rules a run uses. A plugin that failed to load, or a selection that leaves nothing, is an error."""
    rules = load_rules()
    failures = plugin_failures()
    if failures and config.broken_plugins != "warn":
        first = failures[0]
        more = f" (and {len(failures) - 1} more)" if len(failures) > 1 else ""
        raise UsageError(f"plugin {first.entry_point}: {first.message}{more}; fix or uninstall it, "
                         "or run `prelint rules` to see every problem")
    for failure in failures:  # broken-plugins = "warn": said once, on stderr, and left out
        if failure.entry_point not in _WARNED_PLUGINS:
            _WARNED_PLUGINS.add(failure.entry_point)
            from prelint.errors import one_line

            print(one_line(f"prelint: warning: plugin {failure.entry_point}: {failure.message}; linting without it "
                           '(broken-plugins = "warn")'), file=sys.stderr)
    check_option_tables(config, {**rules, **{r.name: r for r in rules.values()}})
    chosen = select_rules(rules, config.select, config.ignore, config.extend_select)
    if not chosen:
        raise UsageError(f"no rule left to run: select {', '.join(config.select) or '-'}, "
                         f"ignore {', '.join(config.ignore) or '-'}")
    return chosen


def lint(
    video: str | Path | None = None,
    *,
    title: str | None = None,
    caption: str | None = None,
    hashtags: str | Iterable[str] | None = None,
    subtitles: str | Path | None = None,
    platform: str | None = None,
    config: Config | Mapping[str, Any] | str | Path | None = None,
    select: Iterable[str] | None = None,
    progress: Progress | None = None,
) -> Report:
    """Lint one draft and return its Report.

    `video` may be a video file or its `*.prelint.toml` metadata file; sidecar metadata and
    subtitles are picked up. Keyword values override the metadata file. `config` is a Config,
    a dict of config keys, a config file path, or None to search from the video's folder.
    Raises prelint.errors.PrelintError subclasses for bad input or config.
    """
    if platform is not None and platform not in PLATFORMS:
        raise UsageError(f"platform must be one of {', '.join(PLATFORMS)}, got {platform!r}")
    if video is not None:
        path = Path(video)
        if path.is_dir():
            raise InputError("is a directory, not a video file", path)
        if not path.exists():
            raise InputError("no such file", path)
        draft = draft_from_path(path)
        start = path.parent
    else:
        draft = Draft()
        start = Path.cwd()
    tags = None
    if hashtags is not None:
        try:
            tags = hashtag_tuple(hashtags if isinstance(hashtags, str) else list(hashtags))
        except TypeError:
            tags = None
        if tags is None:
            raise UsageError("hashtags must be a string or a list of strings")
    draft = draft.with_overrides(
        title=title,
        caption=caption,
        hashtags=tags,
        subtitles=subtitles,
        platform=platform,
    )
    cfg = resolve_config(config, start)
    if select is not None:
        cfg = cfg.override(select=tuple(select))
    return lint_draft(draft, cfg, selected_rules(cfg), progress=progress)
