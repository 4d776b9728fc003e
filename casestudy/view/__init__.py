"""The interactive coding view: code transcripts in JupyterLab by selecting text and clicking a code.

:func:`open_view` opens it on a case study database for one coder; the actions
behind every click are :class:`CodingSession`'s (usable, and tested, without a
browser). The widget needs anywidget (a dependency of the package) and a
JupyterLab 4 (or Notebook 7) frontend; it is imported only when asked for, so
``casestudy.view.CodingSession`` works without any widget library loaded.

Examples
--------
>>> from casestudy.view import CodingSession
>>> from casestudy.view._demo import demo_database
>>> CodingSession(demo_database(), "coder_a")
CodingSession(coder='coder_a', source='int_demo', shown=['coder_a'])
"""

from __future__ import annotations

import importlib
from typing import Any

from casestudy.view.session import CodingSession

__all__ = ["CodingSession", "CodingView", "open_view"]


def __getattr__(name: str) -> Any:
    """Import the widget (and anywidget) on first use."""
    if name in ("CodingView", "open_view"):
        value = getattr(importlib.import_module("casestudy.view.widget"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'casestudy.view' has no attribute {name!r}")
