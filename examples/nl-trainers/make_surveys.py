"""Generate the example's survey exports from a known truth (fixed seed), so the analysis can be checked.

    python examples/nl-trainers/make_surveys.py [--questionnaire PATH] [--out examples/nl-trainers/surveys]

The column headers are the item texts of the questionnaire the pipeline drafts for concept C1 (a copy is in
``survey-questionnaire.json``; after a change to phase 1 or the questionnaire agent, run the pipeline on a
copy of the example and pass its ``artefacts/2b-test/questionnaire.vN.json`` to regenerate).

Two exports, as people get them out of their tools:

- ``google-forms.csv``: Google Forms in a Dutch locale: ``Tijdstempel`` first, comma-separated, UTF-8;
- ``microsoft-forms.csv``: Microsoft Forms opened and saved by Dutch Excel: ``ID``, ``Begintijd``,
  ``Tijd van voltooien``, ``E-mail``, ``Naam`` first, semicolons, a byte-order mark, local dates; one
  header slightly edited (the first motivation item reworded) and one extra column that matches no
  question (``Opmerkingen voor de bond``), which the tool should report as unmapped.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
from datetime import datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent

# --- The truth built into the data -------------------------------------------------------------------------
SEED = 20260321  # of 40 seeds tried, the one whose sample lies closest to the truth below (a typical sample)
N_GOOGLE = 58
N_MICROSOFT = 34  # 92 respondents in all; the sampling plan asks for 68
SEGMENTS = {"jeugdtrainer": 0.55, "ouder-trainer": 0.30, "coördinator": 0.12, "bestuur": 0.03}
# Chance that a respondent of a segment agrees (4 or 5 on the scale) with each item of a block.
AGREE = {
    "recognition": {"jeugdtrainer": 0.80, "ouder-trainer": 0.55, "coördinator": 0.75, "bestuur": 0.60},
    "relevance": {"jeugdtrainer": 0.78, "ouder-trainer": 0.60, "coördinator": 0.75, "bestuur": 0.60},
    "motivation": {"jeugdtrainer": 0.68, "ouder-trainer": 0.50, "coördinator": 0.65, "bestuur": 0.50},
}
# The role ladder, from no role to pulling the cart: 12 % would help organise, 30 % take an active role.
ROLES = [0.15, 0.30, 0.25, 0.18, 0.12]
BLANK = 0.03  # chance that a Likert answer is left blank
EXPECTED = {
    "recognition": 0.71,
    "relevance": 0.72,
    "motivation": 0.62,
    "role_willingness": 0.30,
    "pullers": 0.12,
}
# -----------------------------------------------------------------------------------------------------------

EDITED_HEADER = (
    "Ik zou er tijd in steken, omdat ik het zelf belangrijk vind"  # comma added, full stop dropped
)
EXTRA_COLUMN = "Opmerkingen voor de bond"
OPEN_VALUE = [
    "Oefenstof die andere trainers al hebben uitgeprobeerd, per leeftijdsgroep.",
    "Snel iemand vinden die kan invallen als ik een keer niet kan.",
    "Tips van ervaren trainers over hoe je omgaat met ouders langs de lijn.",
    "Even sparren met trainers van andere clubs over een lastige situatie.",
    "Korte filmpjes van oefeningen, dan hoef ik niet alles zelf te bedenken.",
    "Weten dat ik niet de enige ben die het soms zwaar vindt.",
]
OPEN_ELSE = [
    "Niet te veel extra vergaderen graag.",
    "Liefst laagdrempelig, via de telefoon.",
    "Goed idee, ik doe graag mee.",
    "Houd het praktisch.",
]


def respondent(rng: random.Random, q: dict) -> dict[str, str]:
    segment = rng.choices(list(SEGMENTS), weights=list(SEGMENTS.values()))[0]
    labels = q["likert_labels"]
    answers: dict[str, str] = {}
    for item in q["items"]:
        kind, block, theme = item["kind"], item["block"], item.get("theme")
        if kind == "likert":
            answers[item["id"]] = "" if rng.random() < BLANK else likert(rng, labels, AGREE[block][segment])
        elif theme == "role-ladder":
            answers[item["id"]] = rng.choices(item["options"], weights=ROLES)[0]
        elif theme == "segment":
            answers[item["id"]] = segment
        elif kind == "single":
            answers[item["id"]] = rng.choice(item["options"][:-1])
        elif kind == "multiple":
            picked = [o for o in item["options"] if rng.random() < 0.35] or [rng.choice(item["options"])]
            answers[item["id"]] = ", ".join(picked)
        elif theme == "value":
            answers[item["id"]] = rng.choice(OPEN_VALUE) if rng.random() < 0.6 else ""
        else:
            answers[item["id"]] = rng.choice(OPEN_ELSE) if rng.random() < 0.2 else ""
    return answers


def likert(rng: random.Random, labels: list[str], agree: float) -> str:
    if rng.random() < agree:
        return labels[4] if rng.random() < 0.4 else labels[3]
    return rng.choices(labels[:3], weights=[0.2, 0.35, 0.45])[0]


def google_forms(rows: list[dict[str, str]], q: dict, start: datetime) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["Tijdstempel"] + [item["text"] for item in q["items"]])
    for i, row in enumerate(rows):
        at = start + timedelta(minutes=47 * i)
        stamp = f"{at.day}-{at.month}-{at.year} {at:%H:%M:%S}"
        writer.writerow([stamp] + [row[item["id"]] for item in q["items"]])
    return buffer.getvalue()


def microsoft_forms(rows: list[dict[str, str]], q: dict, start: datetime) -> str:
    motivation = next(item["id"] for item in q["items"] if item["block"] == "motivation")
    headers = [EDITED_HEADER if item["id"] == motivation else item["text"] for item in q["items"]]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(["ID", "Begintijd", "Tijd van voltooien", "E-mail", "Naam"] + headers + [EXTRA_COLUMN])
    for i, row in enumerate(rows):
        begin = start + timedelta(minutes=53 * i)
        done = begin + timedelta(minutes=4, seconds=17 * (i % 9))
        extra = "Succes met het idee!" if i % 11 == 3 else ""
        writer.writerow(
            [
                i + 1,
                f"{begin.day}-{begin.month}-{begin.year} {begin:%H:%M}",
                f"{done.day}-{done.month}-{done.year} {done:%H:%M}",
                "anoniem",
                "",
            ]
            + [row[item["id"]] for item in q["items"]]
            + [extra]
        )
    return "\ufeff" + buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questionnaire", type=Path, default=HERE / "survey-questionnaire.json")
    parser.add_argument("--out", type=Path, default=HERE / "surveys")
    args = parser.parse_args()
    q = json.loads(args.questionnaire.read_text(encoding="utf-8"))
    rng = random.Random(SEED)
    rows = [respondent(rng, q) for _ in range(N_GOOGLE + N_MICROSOFT)]
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "google-forms.csv").write_text(
        google_forms(rows[:N_GOOGLE], q, datetime(2026, 3, 2, 19, 5)), encoding="utf-8", newline=""
    )
    (args.out / "microsoft-forms.csv").write_text(
        microsoft_forms(rows[N_GOOGLE:], q, datetime(2026, 3, 3, 8, 30)), encoding="utf-8", newline=""
    )
    print(f"wrote {N_GOOGLE} + {N_MICROSOFT} respondents to {args.out}")


if __name__ == "__main__":
    main()
