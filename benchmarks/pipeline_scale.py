"""The whole offline pipeline on the Dutch example and on synthetic projects 10× and 50× its size: wall
time and peak memory per phase, and how they grow with the number of notes.

    .venv/bin/python benchmarks/pipeline_scale.py [--factors 1 10 50] [--model scripted]

The synthetic project is generated from examples/nl-trainers, not copied: each new interview follows one
of the example's conversations (its questions, lightly reworded), with a new interviewer and interviewee,
and every answer is recombined from sentences that answered the same question in different example
interviews, with clubs, team names and numbers varied — so the notes are new lines of the same domain
(a dedup step or a cache keyed on text cannot make the work vanish). The surveys stay the example's.

Each phase runs as `samen run <phase> --review review.yaml` in a fresh process (Prefect's temporary server,
an empty embedding cache per project, the methodology vectors from the user's cache), and the gate's
decision is applied with `samen replay` between the test phase and the core group. Per phase: wall seconds
and the process's peak resident memory (its own, from wait4). `--model scripted` runs the same with the
scripted model on a loopback OpenAI-compatible server and counts the calls and tokens per phase.
Writes benchmarks/results/pipeline-scale.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "nl-trainers"
PHASES = ("initiative", "concept", "test", "core-group", "strategy", "plan", "launch")
TURN = re.compile(r"^([A-Z][\w .'-]{0,40}):\s+(.+)$")
SENTENCE = re.compile(r"(?<=[.!?])\s+")
FIRST = ["Anouk", "Bram", "Chantal", "Daan", "Eline", "Floor", "Gijs", "Hanna", "Ilse", "Joost", "Karin", "Lars",
         "Mirthe", "Niels", "Olga", "Pieter", "Quinten", "Roos", "Stijn", "Tessa", "Umut", "Vera", "Wout", "Yara"]  # fmt: skip
LAST = ["de Boer", "Visser", "Smit", "Mulder", "de Graaf", "Bos", "Kok", "Peeters", "Dekker", "Brouwer", "Kaya",
        "Yilmaz", "van Dijk", "Meijer", "de Wit", "Vos", "Hoekstra", "Koster", "Prins", "Verhoeven"]  # fmt: skip
CLUBS = [
    "VV Oranje",
    "HC Lindenhof",
    "KV Vooruit",
    "SV De Meeuwen",
    "RKSV Noord",
    "MHC Polder",
    "FC Dijkzicht",
]
LEADS = ["", "", "Nou, ", "Ja, ", "Eh, ", "Kijk, ", "Eerlijk gezegd: ", "Tja, "]
QUESTION_LEADS = ["", "", "En ", "Mag ik vragen: ", "Even terug: ", "Dan nog dit: "]
FILLERS = ["echt", "gewoon", "eigenlijk", "wel", "toch", "dus", "nou", "zeg maar", "ook", "vaak"]
INTERVIEWERS = [
    "Sanne Bakker",
    "Jeroen Vermeulen",
    "Aylin Demir",
    "Tom de Jong",
]  # a team, as in real projects


def conversations() -> list[list[tuple[bool, str]]]:
    """The example's text interviews as (asked by the interviewer?, text) turns."""
    found = []
    for path in sorted((EXAMPLE / "interviews").iterdir()):
        if path.suffix not in (".txt", ".md"):
            continue
        raw = path.read_bytes()
        try:
            body = raw.decode("utf-8-sig")
        except UnicodeDecodeError:  # the example keeps one Windows-1252 file, as users' folders do
            body = raw.decode("cp1252")
        if body.startswith("---"):
            body = body.split("---", 2)[2]
        turns = [m.groups() for line in body.splitlines() if (m := TURN.match(line.strip()))]
        if len(turns) < 6:
            continue
        interviewer = turns[0][0]
        found.append([(speaker == interviewer, text) for speaker, text in turns])
    return found


def vary(text: str, rng: random.Random) -> str:
    text = re.sub(
        r"\b(?:HC|VV|KV|SV|FC|RKSV|MHC) [A-Z][\w-]+(?: [A-Z][\w-]+)?", lambda _: rng.choice(CLUBS), text
    )
    text = re.sub(
        r"\b([JM]O)\d{1,2}\b", lambda m: f"{m.group(1)}{rng.choice([8, 9, 10, 11, 12, 13, 15, 17])}", text
    )
    return re.sub(r"\b\d{1,2}\b", lambda m: str(max(2, int(m.group()) + rng.choice([-3, -1, 1, 2, 4]))), text)


def reword(sentence: str, rng: random.Random) -> str:
    """The sentence as another person would say it: a filler word somewhere, sometimes one word less."""
    words = sentence.split()
    if len(words) > 4 and rng.random() < 0.3:
        words.pop(rng.randrange(1, len(words) - 1))
    if len(words) > 2:
        words.insert(rng.randrange(1, len(words)), rng.choice(FILLERS))
    return " ".join(words)


def interviewees(count: int, rng: random.Random) -> list[str]:
    """Distinct people: first name, an initial, last name (24 × 26 × 20 combinations)."""
    names = [f"{f} {chr(65 + i)}. {last}" for f in FIRST for i in range(26) for last in LAST]
    return rng.sample(names, count)


def synthetic_interview(
    index: int, pool: list[list[tuple[bool, str]]], rng: random.Random, teller: str
) -> str:
    template = pool[index % len(pool)]
    others = [c for c in pool if c is not template]
    asker = INTERVIEWERS[index % len(INTERVIEWERS)]
    lines = []
    for position, (asked, text) in enumerate(template):
        if asked:
            lead = rng.choice(QUESTION_LEADS)
            lines.append(f"{asker}: {lead}{text[0].lower() + text[1:] if lead else text}")
            continue
        sentences = SENTENCE.split(text)
        donor = rng.choice(others)
        answers = [t for a, t in donor if not a]
        donor_text = answers[min(len(answers) - 1, position // 2)] if answers else text
        donor_sentences = SENTENCE.split(donor_text)
        mixed = [reword(s if rng.random() < 0.5 else rng.choice(donor_sentences), rng) for s in sentences]
        if len(mixed) > 1 and rng.random() < 0.5:
            mixed.pop(rng.randrange(len(mixed)))
        answer, lead = vary(" ".join(mixed), rng), rng.choice(LEADS)
        lines.append(f"{teller}: {lead}{answer[0].lower() + answer[1:] if lead else answer}")
    return "\n\n".join(lines) + "\n"


def make_project(factor: int, folder: Path) -> tuple[Path, int]:
    root = folder / f"nl-trainers-x{factor}"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns(".samen", "artefacts"))
    if factor > 1:
        pool = conversations()
        rng = random.Random(factor)
        interviews = root / "interviews"
        originals = len([p for p in interviews.iterdir() if p.name != "participants.csv"])
        (interviews / "participants.csv").unlink(missing_ok=True)
        people = interviewees(originals * (factor - 1), rng)
        for index, person in enumerate(people):
            text = synthetic_interview(index, pool, rng, person)
            (interviews / f"synth-{index:04d}.txt").write_text(text, encoding="utf-8")
    count = len([p for p in (root / "interviews").iterdir() if p.suffix != ".csv"])
    return root, count


def timed(args: list[str], env: dict[str, str]) -> dict[str, float | int]:
    """Run ``args``; its wall seconds and its own peak resident memory (wait4, not the sum of children)."""
    with tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        process = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=err, text=True)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            err.seek(0)
            raise SystemExit(f"{' '.join(args[3:])} failed:\n{err.read()[-3000:]}")
    return {"seconds": round(seconds, 1), "peak_mib": round(usage.ru_maxrss / 1024)}


def notes_of(root: Path) -> int:
    path = root / "artefacts" / "1-initiative" / "needs-map.v1.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return sum(len(need.get("note_ids", [])) for need in data.get("needs", [])) + len(
        data.get("unassigned", [])
    )


def calls_by_phase(root: Path, start: int) -> tuple[int, int, int]:
    path = root / ".samen" / "calls.jsonl"
    if not path.exists():
        return 0, 0, 0
    records = [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()[start:] if line.strip()
    ]
    asked = [r for r in records if r.get("status") != "cached"]
    return (
        len(asked),
        sum(int(r.get("tokens_in") or 0) for r in asked),
        sum(int(r.get("tokens_out") or 0) for r in asked),
    )


def run_pipeline(root: Path, env: dict[str, str]) -> list[dict[str, object]]:
    samen = [sys.executable, "-m", "flows.cli"]
    review = str(root / "review.yaml")
    rows: list[dict[str, object]] = []
    for phase in PHASES:
        if phase == "core-group":
            subprocess.run([*samen, "replay", review, "--project", str(root)], env=env, check=True,
                           capture_output=True)  # fmt: skip
        path = root / ".samen" / "calls.jsonl"
        before = len(path.read_text(encoding="utf-8").splitlines()) if path.exists() else 0
        row: dict[str, object] = {"phase": phase, **timed([*samen, "run", phase, "--project", str(root),
                                                           "--review", review, "--force"], env)}  # fmt: skip
        calls, tokens_in, tokens_out = calls_by_phase(root, before)
        row.update({"calls": calls, "tokens_in": tokens_in, "tokens_out": tokens_out})
        rows.append(row)
        print(
            f"  {phase}: {row['seconds']} s, {row['peak_mib']} MiB, {calls} calls",
            file=sys.stderr,
            flush=True,
        )
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--factors", type=int, nargs="*", default=[1, 10, 50])
    parser.add_argument("--model", choices=["offline", "scripted"], default="offline")
    args = parser.parse_args()
    env = {**os.environ, "SAMEN_PREFECT_SERVER": "temporary", "PYTHONPATH": str(REPO), "HF_HUB_OFFLINE": "1"}
    server = None
    if args.model == "scripted":
        sys.path.insert(0, str(REPO))
        from tests.fakes.openai_server import OpenAIServer, Reply
        from tests.fakes.scripted_model import answer

        server = OpenAIServer()
        server.always = Reply.compute(answer)
        server.start()
        env.update({"SAMEN_PROVIDER": "openai", "SAMEN_BASE_URL": server.url, "OPENAI_API_KEY": "loopback",
                    "SAMEN_MODEL": "scripted"})  # fmt: skip
    results = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for factor in args.factors:
                root, interviews = make_project(factor, Path(tmp))
                home = Path(tmp) / f"prefect-{factor}"
                print(f"×{factor}: {interviews} interviews", file=sys.stderr, flush=True)
                rows = run_pipeline(root, {**env, "PREFECT_HOME": str(home)})
                results.append(
                    {"factor": factor, "interviews": interviews, "notes": notes_of(root), "phases": rows}
                )
    finally:
        if server is not None:
            server.stop()
    out = REPO / "benchmarks" / "results" / f"pipeline-scale-{args.model}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    head = "| phase | " + " | ".join(f"×{r['factor']} ({r['notes']} notes) s / MiB" for r in results) + " |"
    print(head + "\n|---|" + "---|" * len(results))
    for i, phase in enumerate(PHASES):
        cells = []
        for r in results:
            row = r["phases"][i]
            cells.append(
                f"{row['seconds']} / {row['peak_mib']}"
                + (f" / {row['calls']} calls" if args.model != "offline" else "")
            )
        print(f"| {phase} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
