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


def test_data_files_are_package_data():
    globs = _pyproject()["tool"]["setuptools"]["package-data"]["prelint.data"]
    data = REPO / "prelint" / "data"
    for path in data.rglob("*"):
        if path.is_file() and path.suffix in (".toml", ".txt"):
            rel = path.relative_to(data).as_posix()
            assert any(Path(rel).match(g) for g in globs), f"{rel} would not be installed"
