"""No name from the demonstration pseudonymisation key appears anywhere under reports/ or notebooks/.

SVG figures are not scanned: text is drawn as paths (svg.fonttype = path), names would be in the
notebooks and tables they come from.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from casestudy import paths
from casestudy.pt_xyz import default_pseudonyms
from casestudy.coding.pseudonyms import load_key

TEXT_SUFFIXES = {".csv", ".md", ".ipynb", ".html", ".json", ".tex", ".txt", ".yaml", ".qde", ".qdc", ".xml"}


def _texts(root: Path):
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix in TEXT_SUFFIXES:
            yield path, path.read_bytes().decode("utf-8", errors="replace")
        elif path.is_file() and path.suffix == ".qdpx":
            with zipfile.ZipFile(path) as archive:
                for info in archive.infolist():
                    if info.file_size < 50_000_000:
                        yield Path(f"{path}!{info.filename}"), archive.read(info).decode("utf-8", errors="replace")


@pytest.mark.parametrize("folder", ["reports", "notebooks"])
def test_no_real_name_from_the_key(folder: str) -> None:
    key = load_key(default_pseudonyms())
    root = paths.project_root() / folder
    leaks = {paths.display_path(p) if "!" not in str(p) else str(p.name): key.find_names(text)
             for p, text in _texts(root)}
    assert {p: names for p, names in leaks.items() if names} == {}
