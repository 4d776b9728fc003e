"""Command-line commands of `casestudy.coding` (registered by :mod:`casestudy.cli`)."""

from __future__ import annotations

import argparse

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add this subpackage's nouns and verbs to subparsers."""
