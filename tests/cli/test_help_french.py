"""The command line's help speaks French, argparse's own words included (issue 15: no
English « positional arguments », no internal reference such as « domain.md »)."""

from __future__ import annotations

import argparse

import pytest

from btsdesk.cli import build_parser

ENGLISH_OR_INTERNAL = (
    "usage:",
    "positional arguments",
    "optional arguments",
    "show this help",
    "show program's version",
    "domain.md",
)


def _helps() -> dict[str, str]:
    parser = build_parser()
    helps = {"btsdesk": parser.format_help()}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                helps[name] = sub.format_help()
    return helps


def test_every_verb_has_its_help():
    helps = _helps()
    assert {"note", "import", "export", "pv", "en-tete", "classe-nouvelle"} <= helps.keys()


@pytest.mark.parametrize("verb", sorted(_helps()))
def test_the_help_of_each_verb_is_french(verb):
    text = _helps()[verb]
    assert text.startswith("utilisation : btsdesk")
    assert "options:" in text
    assert "affiche cette aide et s'arrête" in text
    for word in ENGLISH_OR_INTERNAL:
        assert word not in text, (verb, word)
