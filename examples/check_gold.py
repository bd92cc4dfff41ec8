#!/usr/bin/env python3
"""Check the gold files of the example projects.

Usage:  python examples/check_gold.py [PROJECT_DIR ...]
        (default: every folder next to this script that has a gold.yaml)

Checks, per project:
  * every quote occurs verbatim inside a single line / cue / paragraph / JSON text of its file
    (text files are read as utf-8-sig, falling back to cp1252; .docx paragraphs via python-docx;
    .json as a list of {"speaker", "text"});
  * quotes for one file appear in file order;
  * each quote is 5-25 words and holds no obvious personal data (digits, e-mail, URL, names from
    samen.yaml privacy.names or participants.csv speakers);
  * every need id used exists ("smalltalk" is always allowed), need ids are unique;
  * every champion/decoy file exists, champions and decoys do not overlap;
  * every interview file has a participants.csv row and at least one gold statement.
Prints counts per need and per file. Exit code 1 on any error. Needs only the stdlib and PyYAML
(python-docx only when a project holds a .docx interview).
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml

SMALLTALK = "smalltalk"
INTERVIEW_EXT = {".txt", ".md", ".docx", ".vtt", ".srt", ".json"}


def read_units(path: Path) -> list[str]:
    """The file's text as a list of units a quote must fit inside (lines, paragraphs, JSON texts)."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        import docx  # python-docx

        return [p.text for p in docx.Document(str(path)).paragraphs]
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    if suffix == ".json":
        return [str(item.get("text", "")) for item in json.loads(text)]
    return text.splitlines()


def check(project: Path) -> int:
    errors: list[str] = []
    warnings: list[str] = []
    gold = yaml.safe_load((project / "gold.yaml").read_text(encoding="utf-8"))
    need_ids = [n["id"] for n in gold.get("needs", [])]
    if len(need_ids) != len(set(need_ids)):
        errors.append("duplicate need ids")
    for n in gold.get("needs", []):
        for key in ("id", "title", "description"):
            if not n.get(key):
                errors.append(f"need {n.get('id')!r} lacks {key}")
    valid = set(need_ids) | {SMALLTALK}

    # names that must not appear inside quotes
    names: set[str] = set()
    samen = project / "samen.yaml"
    if samen.exists():
        cfg = yaml.safe_load(samen.read_text(encoding="utf-8")) or {}
        names |= set((cfg.get("privacy") or {}).get("names") or [])
        names |= set((cfg.get("interviews") or {}).get("interviewers") or [])
    idir = project / "interviews"
    rows = {}
    pcsv = idir / "participants.csv"
    if pcsv.exists():
        with pcsv.open(encoding="utf-8-sig", newline="") as f:
            for row in csv.DictReader(f):
                rows[row["file"]] = row
                names |= set(row["speaker"].split())
    else:
        errors.append("interviews/participants.csv missing")
    name_parts = {p for n in names for p in re.split(r"\s+", n) if len(p) > 2 and p[0].isupper()}
    name_parts -= {"van", "de", "der", "den", "El"}

    cache: dict[str, list[str]] = {}
    last_pos: dict[str, tuple[int, int]] = {}
    per_need: Counter = Counter()
    per_file: Counter = Counter()
    people_per_need: dict[str, set] = defaultdict(set)
    for i, st in enumerate(gold.get("statements", [])):
        where = f"statement {i + 1} ({st.get('file')})"
        fname, quote, need = st.get("file"), st.get("quote"), st.get("need")
        if need not in valid:
            errors.append(f"{where}: unknown need {need!r}")
        path = project / str(fname)
        if not path.exists():
            errors.append(f"{where}: file not found")
            continue
        if fname not in cache:
            cache[fname] = read_units(path)
        units = cache[fname]
        if not quote or "\n" in quote:
            errors.append(f"{where}: empty or multi-line quote")
            continue
        # find in file order: first occurrence at or after the previous quote's position
        start_unit, start_col = last_pos.get(fname, (0, 0))
        found = None
        for u in range(start_unit, len(units)):
            col = units[u].find(quote, start_col if u == start_unit else 0)
            if col >= 0:
                found = (u, col + 1)
                break
        if found is None:
            if any(quote in u for u in units):
                errors.append(f"{where}: quote out of file order: {quote!r}")
            else:
                errors.append(f"{where}: quote not found verbatim: {quote!r}")
            continue
        last_pos[fname] = found
        words = len(quote.split())
        if not 5 <= words <= 25:
            warnings.append(f"{where}: quote has {words} words: {quote!r}")
        if re.search(r"\d|@|https?://|www\.", quote):
            errors.append(f"{where}: quote contains digits/e-mail/URL: {quote!r}")
        hit = {w for w in re.findall(r"[\w'’-]+", quote) if w in name_parts}
        if hit:
            errors.append(f"{where}: quote contains a name {sorted(hit)}: {quote!r}")
        per_need[need] += 1
        per_file[fname] += 1
        if need != SMALLTALK:
            people_per_need[need].add(fname)

    champions, decoys = gold.get("champions", []) or [], gold.get("decoys", []) or []
    for f in champions + decoys:
        if not (project / f).exists():
            errors.append(f"champion/decoy file not found: {f}")
    if set(champions) & set(decoys):
        errors.append(f"files both champion and decoy: {sorted(set(champions) & set(decoys))}")

    interview_files = (
        sorted(p.name for p in idir.iterdir() if p.suffix.lower() in INTERVIEW_EXT) if idir.exists() else []
    )
    for name in interview_files:
        if name not in rows:
            errors.append(f"interviews/{name}: no row in participants.csv")
        if per_file[f"interviews/{name}"] == 0:
            errors.append(f"interviews/{name}: no gold statements")
    for name in rows:
        if name not in interview_files:
            errors.append(f"participants.csv row for missing file {name}")

    total = sum(per_need.values())
    print(f"== {project}")
    print(
        f"   {len(interview_files)} interviews, {total} statements "
        f"({total - per_need[SMALLTALK]} substantive, {per_need[SMALLTALK]} smalltalk), {len(need_ids)} needs"
    )
    print("   per need (statements / interviews):")
    for nid in need_ids + [SMALLTALK]:
        ppl = len(people_per_need[nid]) if nid != SMALLTALK else ""
        print(f"     {nid:<14} {per_need[nid]:>4}   {ppl}")
    print("   per file:")
    for name in interview_files:
        tag = (
            " [champion]"
            if f"interviews/{name}" in champions
            else " [decoy]"
            if f"interviews/{name}" in decoys
            else ""
        )
        print(f"     {name:<34} {per_file['interviews/' + name]:>4}{tag}")
    for w in warnings:
        print("   warning:", w)
    for e in errors:
        print("   ERROR:", e)
    print("   OK" if not errors else f"   FAILED ({len(errors)} errors)")
    return 1 if errors else 0


def main(argv: list[str]) -> int:
    here = Path(__file__).resolve().parent
    projects = [Path(a) for a in argv] or sorted(p.parent for p in here.glob("*/gold.yaml"))
    return max((check(p) for p in projects), default=0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
