"""Rebuild the labelled short-text sets in this folder from their public sources (see README.md).

    python benchmarks/data/build_sets.py SOURCES     # SOURCES holds the three repositories, checked out

The repositories, at the commits these files were made from:
    PolyAI-LDN/task-specific-datasets  57ec275d8078af65b7731c2a98be812d844a6d6b  (banking_data/test.csv)
    dadelani/sib-200                   593cea88519930f776c1a4a1980b6a35b39dca57  (data/annotated/*/)
    mainlp/xsid                        761d926c3f2e9f6bea13192d2f39cec1d04d9777  (data/xSID-0.7/nl.*.conll)
Every file is `text,label`, UTF-8, one row per text, quoted the way Python's csv module writes.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def write(name: str, rows: list[tuple[str, str]]) -> None:
    with (HERE / name).open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["text", "label"])
        writer.writerows(rows)
    print(f"{name}: {len(rows)} texts, {len({label for _, label in rows})} labels")


def banking77(root: Path) -> list[tuple[str, str]]:
    with (root / "task-specific-datasets" / "banking_data" / "test.csv").open(encoding="utf-8") as handle:
        return [(row["text"].strip(), row["category"]) for row in csv.DictReader(handle)]


def sib200(root: Path, language: str) -> list[tuple[str, str]]:
    rows = []
    for split in ("train", "dev", "test"):
        path = root / "sib-200" / "data" / "annotated" / language / f"{split}.tsv"
        with path.open(encoding="utf-8") as handle:
            rows += [(r["text"].strip(), r["category"]) for r in csv.DictReader(handle, delimiter="\t")]
    return rows


def xsid(root: Path, language: str) -> list[tuple[str, str]]:
    rows = []
    for split in ("valid", "test"):
        text = intent = None
        for line in (root / "xsid" / "data" / "xSID-0.7" / f"{language}.{split}.conll").open(encoding="utf-8"):
            if line.startswith("# text = "):
                text = line.removeprefix("# text = ").strip()
            elif line.startswith("# intent = "):
                intent = line.removeprefix("# intent = ").strip()
            elif not line.strip() and text and intent:
                rows.append((text, intent))
                text = intent = None
        if text and intent:
            rows.append((text, intent))
    return rows


def main() -> None:
    root = Path(sys.argv[1])
    write("banking77.csv", banking77(root))
    write("sib200-en.csv", sib200(root, "eng_Latn"))
    write("sib200-nl.csv", sib200(root, "nld_Latn"))
    write("xsid-nl.csv", xsid(root, "nl"))


if __name__ == "__main__":
    main()
