"""Built-in checks, installed as `prelint.checks`. One family per folder, one rule per file.

Each family package is registered under the `prelint.checks` entry-point group in
pyproject.toml, exactly like a third-party plugin.
"""
