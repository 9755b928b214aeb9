"""Packaging: every package folder is installed, `checks/` only as `prelint.checks`, data files shipped."""

from __future__ import annotations

import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _pyproject() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_package_folder_is_listed_for_installation():
    listed = set(_pyproject()["tool"]["setuptools"]["packages"])
    found = set()
    for root, prefix in ((REPO / "prelint", "prelint"), (REPO / "checks", "prelint.checks")):
        for init in root.rglob("__init__.py"):
            rel = init.parent.relative_to(root).parts
            found.add(".".join((prefix, *rel)))
    assert found <= listed, f"not installed: {sorted(found - listed)}"
    assert not any(name == "checks" or name.startswith("checks.") for name in listed)
    assert _pyproject()["tool"]["setuptools"]["package-dir"] == {"prelint.checks": "checks"}


def test_builtin_families_are_entry_points_like_plugins():
    eps = _pyproject()["project"]["entry-points"]["prelint.checks"]
    assert all(value.startswith("prelint.checks.") for value in eps.values())
    for value in eps.values():
        folder = REPO / "checks" / value.split(".")[-1]
        assert (folder / "__init__.py").is_file(), value


def test_every_data_file_is_package_data():
    """A non-Python file inside a package folder must match that package's package-data globs."""
    package_data = _pyproject()["tool"]["setuptools"]["package-data"]
    for root, prefix in ((REPO / "prelint", "prelint"), (REPO / "checks", "prelint.checks")):
        for path in root.rglob("*"):
            if not path.is_file() or path.suffix in (".py", ".pyc") or "__pycache__" in path.parts:
                continue
            # the nearest enclosing package owns the file
            folder = path.parent
            while not (folder / "__init__.py").is_file():
                folder = folder.parent
            package = ".".join((prefix, *folder.relative_to(root).parts))
            rel = path.relative_to(folder).as_posix()
            globs = package_data.get(package, [])
            assert any(Path(rel).match(g) for g in globs), f"{path.relative_to(REPO)} would not be installed"
