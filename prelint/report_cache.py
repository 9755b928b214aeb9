"""Whole reports cached by what they depend on: a re-run of unchanged drafts skips all the work.

Entries live in `<cache folder>/reports/` (prelint.cache_folder: private to the user, every entry
signed with an HMAC and read with a size bound); JSON, no pickle.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from prelint.cache_folder import cache_dir, entry_is_authentic, entry_mac, keep_within, private_folder, read_entry, touch
from prelint.config import Config
from prelint.draft import Draft
from prelint.model import Report, jsonable

#: Largest report cache entry read.
MAX_ENTRY_BYTES = 16 << 20
#: Report entries kept together; the least recently used go first (a report is a few KB).
MAX_CACHE_BYTES = 256 << 20
#: Seconds the files of one draft may take to hash for its key (at most the analysis time limit):
#: a 10 GB video takes about 12 s; a sparse file declaring terabytes is linted uncached instead.
MAX_KEY_SECONDS = 60.0

#: Part of every key: bump when the entry layout changes, so older entries are never read.
REPORT_CACHE_VERSION = 3  # entries: an HMAC and Report.to_dict(exact=True)


class ReportCache:
    """Whole reports cached by what they depend on, so a re-run of unchanged drafts skips all the work.

    The key is the sha256 of: prelint's version and a fingerprint of its code and data files and
    of every selected rule's module (size + mtime of each file), the config values that change
    results, each rule's resolved options, the draft's text fields, platform and ignores, and the
    content hashes of its video and subtitles file (the media cache's `content_hash`). Reports
    with crashed checks are not stored. Entries are JSON (no pickle) in `<cache dir>/reports/`,
    the same folder tree as the media cache, never beside the drafts.
    """

    def __init__(self, config: Config, rules: list, folder: Path | None = None) -> None:
        import hashlib
        import json

        from prelint import __version__
        from prelint.config import resolve_rule_options
        self.folder = folder if folder is not None else cache_dir() / "reports"
        self.config = config
        setup = {
            "cache": REPORT_CACHE_VERSION,
            "prelint": __version__,
            "code": _code_fingerprint(rules),
            "config": {
                "platform": config.platform,
                "ocr": config.ocr,
                "lexicon": config.lexicon,
                "analysis_time_limit_s": config.analysis_time_limit_s,
            },
            "rules": [[r.code, jsonable(resolve_rule_options(r, config), exact=True)] for r in rules],
        }
        self.setup_digest = hashlib.sha256(json.dumps(setup, sort_keys=True, default=str).encode()).hexdigest()

    def key(self, draft: Draft) -> str | None:
        """The draft's cache key, or None when a file cannot be read (linting then reports why)."""
        import hashlib
        import json

        from prelint.media.cache import content_hash

        from prelint.errors import AnalysisTimeout
        from prelint.media.deadline import Deadline
        from prelint.safe_io import MAX_SUBTITLE_BYTES

        for path in (draft.video, draft.subtitles):
            if path is not None and not os.path.isfile(path):  # a FIFO or device would block the hash: lint it
                return None
        # the hashes are read before the draft's own time limit starts: they get a limit of their own,
        # and subtitles over their size limit are not read at all (the lint reports them)
        deadline = Deadline(min(self.config.analysis_time_limit_s, MAX_KEY_SECONDS))
        try:
            if draft.subtitles is not None and os.path.getsize(draft.subtitles) > MAX_SUBTITLE_BYTES:
                return None
            video = content_hash(draft.video, deadline) if draft.video is not None else None
            subtitles = content_hash(draft.subtitles, deadline) if draft.subtitles is not None else None
        except (OSError, AnalysisTimeout):
            return None
        what = {
            "setup": self.setup_digest,
            "path": str(draft.path) if draft.path else None,
            "title": draft.title,
            "caption": draft.caption,
            "hashtags": list(draft.hashtags),
            "platform": draft.platform,
            "ignores": [[i.rule, i.reason] for i in draft.ignores],
            "metadata": str(draft.metadata) if draft.metadata else None,
            "sources": draft.sources,
            "video": video,
            "subtitles": subtitles,
        }
        # ensure_ascii: file names that are not UTF-8 (lone surrogates) are escaped, not an encoding error
        return hashlib.sha256(json.dumps(what, sort_keys=True).encode("ascii")).hexdigest()[:40]

    def load(self, key: str) -> Report | None:
        """The cached report, or None when absent, unreadable, oversized or not authentic (then: lint again)."""
        import json

        folder = private_folder(self.folder, link_ok=False)
        raw = read_entry(self.folder / f"{key}.json", MAX_ENTRY_BYTES) if folder is not None else None
        if folder is None or raw is None:
            return None
        try:
            entry = json.loads(raw.decode("ascii"))
            body = json.dumps(entry["report"], sort_keys=True).encode("ascii")
            if not entry_is_authentic(folder, key, body, entry.get("mac")):
                return None
            report = Report.from_dict(entry["report"])
            touch(self.folder / f"{key}.json")
            return report
        except Exception:  # from another layout or damaged: lint again
            return None

    def store(self, key: str, report: Report) -> None:
        import json
        import tempfile

        if report.errors:
            return
        folder = private_folder(self.folder, link_ok=False)
        if folder is None:
            return
        try:
            doc = report.to_dict(exact=True)
            # ASCII escapes: any path or text round-trips; sorted keys: the signed bytes are reproducible
            mac = entry_mac(folder, key, json.dumps(doc, sort_keys=True).encode("ascii"))
            if mac is None:
                return
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".json", dir=self.folder)
            with os.fdopen(fd, "w", encoding="ascii") as fh:
                json.dump({"mac": mac, "report": doc}, fh)
            os.replace(tmp, self.folder / f"{key}.json")
            keep_within(folder, ".json", MAX_CACHE_BYTES)
        except (OSError, TypeError, ValueError):
            return  # a cache that cannot be written only costs time


def _code_fingerprint(rules: list) -> str:
    """size + mtime of every file of the prelint package and of each rule's module: changes when code or data do."""
    import hashlib
    import importlib

    import prelint

    files: set[Path] = set()
    for root, _dirs, names in os.walk(Path(prelint.__file__).parent):
        files.update(Path(root, n) for n in names if not n.endswith((".pyc", ".pyo")))
    for rule in rules:
        module = sys.modules.get(rule.module) or (importlib.import_module(rule.module) if rule.module else None)
        module_file = getattr(module, "__file__", None)
        if module_file:
            folder = Path(module_file).parent
            files.update(p for p in folder.iterdir() if p.suffix in (".py", ".toml", ".txt", ".json") and p.is_file())
    digest = hashlib.sha256()
    for path in sorted(files):
        try:
            stat = path.stat()
        except OSError:
            continue
        digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()
