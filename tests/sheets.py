"""The cells of an .xlsx workbook's first sheet, read with the standard library."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


@dataclass(frozen=True)
class Cell:
    kind: str  # "s" text, "n" number (dates too), "b" boolean, "str" a formula's text, ...
    value: str
    formula: str | None


def column(ref: str) -> int:
    letters = re.match("[A-Z]+", ref)
    assert letters is not None, ref
    index = 0
    for letter in letters.group():
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1


def rows(path: Path) -> list[dict[int, Cell]]:
    """Each row as {column index: cell}, in order; empty cells are absent."""
    with zipfile.ZipFile(path) as book:
        shared = []
        if "xl/sharedStrings.xml" in book.namelist():
            root = ElementTree.fromstring(book.read("xl/sharedStrings.xml"))
            shared = ["".join(t.text or "" for t in si.iter(f"{{{NS['m']}}}t"))
                      for si in root.findall("m:si", NS)]  # fmt: skip
        sheet = ElementTree.fromstring(book.read("xl/worksheets/sheet1.xml"))
    out = []
    for row in sheet.iterfind("m:sheetData/m:row", NS):
        cells = {}
        for c in row.findall("m:c", NS):
            kind = c.get("t", "n")
            v, f = c.find("m:v", NS), c.find("m:f", NS)
            value = v.text or "" if v is not None else ""
            if kind == "s":
                value = shared[int(value)]
            cells[column(c.get("r", ""))] = Cell(kind, value, f.text if f is not None else None)
        out.append(cells)
    return out
