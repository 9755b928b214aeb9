"""jieba's dictionary cache, kept in a folder of the user's own.

jieba (the Chinese word segmenter of the title-vs-content rules) caches its prefix dictionary as
`jieba.cache` in the system temporary folder and loads it with `marshal`, whoever wrote it. On a
shared machine anyone can plant /tmp/jieba.cache: marshal is not safe against hostile data, and a
planted dictionary decides how prelint reads every draft. So before jieba's default tokenizer is
first used, its cache folder is set to `<prelint cache dir>/jieba` when that folder is private to
the user (prelint.cache_folder.private_folder: owned by them, mode 0700), else to a fresh private
temporary folder removed at exit.

`install()` runs when prelint is imported: it configures jieba if it is already imported, else it
adds an import hook that configures jieba as soon as anything imports it (prelint's own modules,
the checks, a plugin). An application that set `jieba.dt.tmp_dir` or initialised jieba itself
keeps its choice.
"""

from __future__ import annotations

import sys
from typing import Any

#: Sub-folder of the prelint cache folder that holds jieba's cache.
JIEBA_FOLDER = "jieba"


def private_cache_folder() -> str:
    """A folder only this user can write to, for jieba's cache."""
    from prelint.cache_folder import cache_dir, private_folder

    base = private_folder(cache_dir())
    folder = private_folder(base / JIEBA_FOLDER, link_ok=False) if base is not None else None
    if folder is not None:
        return str(folder)
    import atexit
    import shutil
    import tempfile

    fresh = tempfile.mkdtemp(prefix="prelint-jieba-")  # mode 0700, new: nothing planted in it
    atexit.register(shutil.rmtree, fresh, True)
    return fresh


def use_private_cache(jieba: Any) -> None:
    """Point jieba's default tokenizer at a private cache folder, unless it was set up already."""
    tokenizer = getattr(jieba, "dt", None)
    if tokenizer is None or getattr(tokenizer, "initialized", False) or getattr(tokenizer, "tmp_dir", None):
        return
    tokenizer.tmp_dir = private_cache_folder()


class _ConfigureJiebaOnImport:
    """A meta-path finder for `jieba` only: finds it with the other finders, then configures the
    module right after it is executed."""

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> Any:
        if fullname != "jieba":
            return None
        for finder in sys.meta_path:
            find = getattr(finder, "find_spec", None)
            if finder is self or find is None:
                continue
            spec = find(fullname, path, target)
            if spec is not None:
                break
        else:
            return None
        exec_module = getattr(spec.loader, "exec_module", None)
        if exec_module is None:
            return spec

        def exec_then_configure(module: Any) -> None:
            exec_module(module)
            use_private_cache(module)

        try:
            spec.loader.exec_module = exec_then_configure
        except (AttributeError, TypeError):
            pass
        return spec


def install() -> None:
    """Make the jieba prelint uses keep its cache in a private folder, whoever imports it first."""
    jieba = sys.modules.get("jieba")
    if jieba is not None:
        use_private_cache(jieba)
    elif not any(isinstance(f, _ConfigureJiebaOnImport) for f in sys.meta_path):
        sys.meta_path.insert(0, _ConfigureJiebaOnImport())
