"""What a `samen run` costs before and besides its work: Prefect's temporary server against the resident
one, a first run, an unchanged rerun and a rerun with one interview added, side by side in one run.

    .venv/bin/python benchmarks/startup.py [--example nl-bieb] [--repeat 1]

Each variant runs `samen run initiative` in a fresh process on a fresh copy of the example, offline:

- ``temporary``: ``SAMEN_PREFECT_SERVER=temporary`` (Prefect's own server in every process, as before);
- ``resident, cold``: no server runs yet, so this run starts the resident one (its start overlaps the run's);
- ``resident, warm``: the resident server already runs (every run after the first in the next hour).

Per variant: wall time, time to first work (process start to the first progress line, "reading the
interviews"), and for the reruns the notes embedded (rows added to the project's vector cache) and the
model calls made (lines added to ``.samen/calls.jsonl``; offline, so 0 unless a rerun asks a model).
The Prefect home is a copy of the user's (its database already migrated), except in the rows marked
"empty Prefect home", where the database is created and migrated first. Methodology vectors come from
the per-user cache, as for anyone who has run Samen once. Writes benchmarks/results/startup.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SAMEN = [sys.executable, "-m", "flows.cli"]
ADDED_INTERVIEW = REPO / "examples" / "nl-zorg" / "interviews" / "09-mantelzorger-d.txt"


def timed(args: list[str], env: dict[str, str]) -> dict[str, float]:
    """Wall time and the moment of the first progress line on stderr, in seconds from the start."""
    started = time.perf_counter()
    process = subprocess.Popen(args, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    first: list[float] = []

    def read() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            if not first and line.strip().startswith("·".encode()):
                first.append(time.perf_counter() - started)

    reader = threading.Thread(target=read)
    reader.start()
    code = process.wait()
    reader.join()
    if code != 0:
        raise SystemExit(f"{' '.join(args)} failed with exit {code}")
    wall = time.perf_counter() - started
    return {"wall": round(wall, 2), "first_work": round(first[0], 2) if first else float("nan")}


WORK_ONLY = """
import json, sys, time
from pathlib import Path
started = time.perf_counter()
from evaluations.phase1 import run_phase1
loaded = time.perf_counter()
run_phase1(Path(sys.argv[1]))
print(json.dumps({"imports": loaded - started, "work": time.perf_counter() - loaded}))
"""


def work_only(example: str, env: dict[str, str]) -> dict[str, float]:
    """Phase 1's own work on the example, without Prefect: read, pseudonymise, embed every statement (no
    cache), cluster, draft — the runner the flow's tasks wrap, in one process."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", WORK_ONLY, str(REPO / "examples" / example)], cwd=REPO, env=env,
                          capture_output=True, text=True, check=True)  # fmt: skip
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    return {"wall": round(time.perf_counter() - started, 2), **{k: round(v, 2) for k, v in figures.items()}}


def vectors(project: Path) -> int:
    path = project / ".samen" / "embeddings" / "embeddings.sqlite"
    if not path.exists():
        return 0
    with sqlite3.connect(path) as db:
        return int(db.execute("SELECT COUNT(*) FROM vectors").fetchone()[0])


def calls(project: Path) -> int:
    path = project / ".samen" / "calls.jsonl"
    return len(path.read_text(encoding="utf-8").splitlines()) if path.exists() else 0


def stop_resident(env: dict[str, str]) -> None:
    subprocess.run([*SAMEN, "server", "stop"], cwd=REPO, env=env, capture_output=True, check=False)


def variant(name: str, example: str, base_env: dict[str, str], home: Path, tmp: Path) -> dict[str, Any]:
    env = dict(base_env, PREFECT_HOME=str(home))
    if name == "temporary":
        env["SAMEN_PREFECT_SERVER"] = "temporary"
    elif name == "resident, cold":
        stop_resident(env)
    project = tmp / name.replace(", ", "-").replace(" ", "-")
    shutil.copytree(
        REPO / "examples" / example, project, ignore=shutil.ignore_patterns(".samen", "artefacts")
    )
    run = [*SAMEN, "run", "initiative", "--project", str(project)]
    row: dict[str, Any] = {"variant": name, "first": timed(run, env)}
    before = (vectors(project), calls(project))
    row["unchanged"] = {
        **timed(run, env),
        "embedded": vectors(project) - before[0],
        "calls": calls(project) - before[1],
    }
    shutil.copy(ADDED_INTERVIEW, project / "interviews" / f"99-{ADDED_INTERVIEW.name}")
    before = (vectors(project), calls(project))
    row["one_added"] = {
        **timed(run, env),
        "embedded": vectors(project) - before[0],
        "calls": calls(project) - before[1],
    }
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--example", default="nl-bieb")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    base_env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "SAMEN_PREFECT"))}
    base_env.update({"PYTHONPATH": str(REPO), "DO_NOT_TRACK": "1", "HF_HUB_OFFLINE": "1"})
    user_home = Path(os.environ.get("PREFECT_HOME") or Path.home() / ".prefect")
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        migrated = tmp / "prefect-home"
        if (user_home / "prefect.db").exists():
            shutil.copytree(user_home, migrated, ignore=shutil.ignore_patterns("storage", "samen-server.*"))
        else:
            migrated.mkdir()
        for repeat in range(args.repeat):
            for name in ("temporary", "resident, cold", "resident, warm"):
                run_dir = tmp / f"r{repeat}"
                run_dir.mkdir(exist_ok=True)
                rows.append(variant(name, args.example, base_env, migrated, run_dir))
            for name in ("temporary", "resident, cold"):
                empty = tmp / f"empty-home-{repeat}-{name[:4]}"
                empty.mkdir()
                run_dir = tmp / f"e{repeat}"
                run_dir.mkdir(exist_ok=True)
                row = variant(name, args.example, base_env, empty, run_dir)
                row["variant"] = f"{name}, empty Prefect home"
                rows.append(row)
                stop_resident(dict(base_env, PREFECT_HOME=str(empty)))
        stop_resident(dict(base_env, PREFECT_HOME=str(migrated)))
        work = work_only(args.example, base_env)
    print(f"samen run initiative on {args.example} (load average at the end: {os.getloadavg()[0]:.1f})")
    print(
        "| variant | first run s | to first work s | unchanged rerun s | embedded | calls | one interview added s | embedded | calls |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        first, same, added = row["first"], row["unchanged"], row["one_added"]
        print(
            f"| {row['variant']} | {first['wall']} | {first['first_work']} | {same['wall']} | {same['embedded']} | "
            f"{same['calls']} | {added['wall']} | {added['embedded']} | {added['calls']} |"
        )
    print(
        f"\nPhase 1's work without Prefect (the runner alone, embedding every statement): {work['work']} s, "
        f"{work['wall']} s with the process start and imports ({work['imports']} s imports)."
    )
    for row in rows:
        share = 1 - work["work"] / row["first"]["wall"]
        print(f"  {row['variant']}: orchestration and the rest {share:.0%} of the first run's wall time")
    out = REPO / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "startup.json").write_text(
        json.dumps({"runs": rows, "work_only": work}, indent=2), encoding="utf-8"
    )


if __name__ == "__main__":
    main()
