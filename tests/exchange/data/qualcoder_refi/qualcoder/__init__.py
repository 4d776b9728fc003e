"""Stand-in package so that QualCoder's ``refi.py`` (verbatim, LGPL-3.0) imports headless; see ../README.md."""
