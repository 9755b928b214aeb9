"""Fact providers used by the framework tests (one provider that needs another)."""


def inner(facts):
    return "inner"


def outer(facts):
    return ("outer", facts.get("inner"))
