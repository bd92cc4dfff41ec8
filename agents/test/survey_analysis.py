"""SurveyResults from the survey table: counts, shares with confidence intervals, segments, roles, charts.

Everything here is counting and arithmetic: the same table gives the same numbers. Per item: the
answers given (n), blanks, the distribution, and for Likert items the mean (1–5) and the top-two-box
share (4 or 5) with a 90 % Wilson interval. The same per segment (the background item with theme
``segment``). The role ladder's last option is pulling the cart. Open answers are masked for personal
data that has a shape (e-mail, phone…) and clustered with the phase-1 machinery.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from statistics import NormalDist

from agents.shared.text_clusters import cluster_texts
from agents.test.survey_charts import LikertRow, likert_chart, role_chart
from artefacts.base import ArtefactMeta
from artefacts.catalogue import PerLanguage
from artefacts.project import Project
from artefacts.survey import (
    ColumnMapping,
    ItemStats,
    QuestionItem,
    Questionnaire,
    SegmentStats,
    SurveyResults,
    TextCluster,
)
from knowledge.embeddings import Embedder
from knowledge.pii import mask
from knowledge.survey_answers import likert_score, match_option, split_choices
from knowledge.survey_mapping import IGNORE, needs_check, propose_mapping
from knowledge.survey_prototypes import Prototype
from knowledge.survey_roles import place_answers
from knowledge.survey_shapes import answer_shape
from knowledge.surveys import SurveyTable

CONFIDENCE = 0.90
Z = NormalDist().inv_cdf(0.5 + CONFIDENCE / 2)  # 1.6449
EXAMPLES = 5
OTHER: PerLanguage[str] = PerLanguage("survey_analysis.other")
UNCLUSTERED: PerLanguage[str] = PerLanguage("survey_analysis.unclustered")
NOTES: PerLanguage[Mapping[str, str]] = PerLanguage("survey_analysis.notes")
WARNINGS: PerLanguage[Mapping[str, str]] = PerLanguage("survey_analysis.warnings")
OWN_OPTIONS_SHARE = 0.5  # below this share of answers on the item's options, the column's own options count


def wilson_interval(successes: int, n: int, z: float = Z) -> tuple[float, float]:
    """Wilson score interval of a proportion; (0, 1) when there are no answers."""
    if n == 0:
        return 0.0, 1.0
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass
class _Context:
    questionnaire: Questionnaire
    language: str
    notes: list[str]
    embedder: Embedder | None = None
    unplaced: Counter[str] = field(default_factory=Counter)
    origins: list[str] = field(default_factory=list)  # per row of the answers: 'file:line', when known
    doubts: list[str] = field(default_factory=list)  # what changes the figures: warnings as well as notes

    def note(self, key: str, **values: object) -> None:
        self.notes.append(NOTES.get(self.language, NOTES["en"])[key].format(**values))

    def doubt(self, key: str, **values: object) -> None:
        self.note(key, **values)
        self.doubts.append(self.notes[-1])

    def labels(self, item: QuestionItem) -> list[str]:
        return item.options if len(item.options) == 5 else self.questionnaire.likert_labels


def item_stats(item: QuestionItem, answers: list[str], ctx: _Context, *, note: bool = True) -> ItemStats:
    """Statistics of one item over the answers of some respondents ('' is a blank)."""
    given = [a for a in answers if a.strip()]
    blanks = len(answers) - len(given)
    if item.kind == "likert":
        return _likert_stats(item, answers, given, blanks, ctx, note)
    if item.kind == "open":
        return ItemStats(item_id=item.id, n=len(given), blanks=blanks)
    if item.theme == "role-ladder" and item.kind == "single":
        return _role_stats(item, given, blanks, ctx, note)
    matched = sum(1 for a in given if match_option(a, item.options)) if item.kind == "single" else len(given)
    if given and matched / len(given) < OWN_OPTIONS_SHARE:
        if note:
            ctx.note("own_options", item=item.id)
        item = item.model_copy(update={"options": _own_options(given, item.kind)})
    other = OTHER.get(ctx.language, OTHER["en"])
    distribution = {option: 0 for option in item.options}
    unknown = 0
    for answer in given:
        if item.kind == "multiple":
            chosen, rest = split_choices(answer, item.options)
        else:
            option = match_option(answer, item.options)
            chosen, rest = ([option], []) if option else ([], [answer])
        for option in chosen:
            distribution[option] += 1
        if rest:
            unknown += 1
    if unknown:
        distribution[other] = distribution.get(other, 0) + unknown
    return ItemStats(item_id=item.id, n=len(given), blanks=blanks, distribution=distribution)


def _where(answers: list[str], labels: list[str], origins: list[str], shown: int = 3) -> str:
    """Where the first answers off the scale were read, 'surveys/a.csv:3, surveys/a.csv:5 (+2)'; '' when
    the rows' origins are not known."""
    if len(origins) != len(answers):
        return ""
    places = [
        o for a, o in zip(answers, origins, strict=True) if a.strip() and likert_score(a, labels) is None
    ]
    more = f" (+{len(places) - shown})" if len(places) > shown else ""
    return ", ".join(places[:shown]) + more


def _own_options(given: list[str], kind: str) -> list[str]:
    """The options a column's answers use themselves, most chosen first."""
    parts = [p.strip() for a in given for p in (split_choices(a, [])[1] if kind == "multiple" else [a])]
    return [option for option, _ in Counter(p for p in parts if p).most_common()]


def _role_stats(item: QuestionItem, given: list[str], blanks: int, ctx: _Context, note: bool) -> ItemStats:
    """Role answers on the ladder by meaning; answers that place nowhere are counted apart and reported."""
    placed = place_answers(given, item.options, ctx.embedder)
    distribution = {option: 0 for option in item.options}
    unplaced = 0
    for answer in given:
        step = placed.get(answer.strip())
        if step is None:
            unplaced += 1
            if note:
                ctx.unplaced[answer.strip()] += 1
        else:
            distribution[item.options[step]] += 1
    return ItemStats(item_id=item.id, n=len(given) - unplaced, blanks=blanks, distribution=distribution)


def _likert_stats(
    item: QuestionItem, answers: list[str], given: list[str], blanks: int, ctx: _Context, note: bool
) -> ItemStats:
    labels = ctx.labels(item)
    scores = [likert_score(answer, labels) for answer in given]
    valid = [s for s in scores if s is not None]
    if note and len(valid) < len(given):
        odd = sorted({a for a, s in zip(given, scores, strict=True) if s is None})[:3]
        values = {
            "item": item.id,
            "count": len(given) - len(valid),
            "examples": ", ".join(repr(a[:40]) for a in odd),
        }
        where = _where(answers, labels, ctx.origins)
        ctx.doubt("off_scale_at" if where else "off_scale", where=where, **values)
    distribution = {label: sum(1 for s in valid if s == k) for k, label in enumerate(labels, start=1)}
    stats = ItemStats(item_id=item.id, n=len(valid), blanks=blanks, distribution=distribution)
    if valid:
        top2 = sum(1 for s in valid if s >= 4)
        low, high = wilson_interval(top2, len(valid))
        stats.mean = round(sum(valid) / len(valid), 4)
        stats.top2_share = round(top2 / len(valid), 4)
        stats.ci_low, stats.ci_high = round(low, 4), round(high, 4)
    return stats


def _find(questionnaire: Questionnaire, theme: str, block: str) -> QuestionItem | None:
    for item in questionnaire.items:
        if item.theme == theme and item.kind == "single":
            return item
    return next((i for i in questionnaire.items if i.block == block and i.kind == "single"), None)


def _segments(answers: dict[str, list[str]], ctx: _Context) -> list[SegmentStats]:
    item = _find(ctx.questionnaire, "segment", "background")
    if item is None or item.id not in answers:
        return []
    groups: dict[str, list[int]] = {}
    for row, answer in enumerate(answers[item.id]):
        if answer.strip():
            segment = match_option(answer, item.options) or answer.strip()
            groups.setdefault(segment, []).append(row)
    order = [o for o in item.options if o in groups] + sorted(set(groups) - set(item.options))
    others = [i for i in ctx.questionnaire.items if i.kind != "open" and i.id != item.id]
    return [
        SegmentStats(
            segment=segment,
            n=len(groups[segment]),
            items=[
                item_stats(i, _subset(answers.get(i.id), groups[segment]), ctx, note=False) for i in others
            ],
        )
        for segment in order
    ]


def _subset(answers: list[str] | None, rows: list[int]) -> list[str]:
    return [answers[r] for r in rows] if answers is not None else [""] * len(rows)


def _open_clusters(texts: list[str], embedder: Embedder, language: str) -> list[TextCluster]:
    if not texts:
        return []
    found = cluster_texts(texts, embedder, language, examples=EXAMPLES)
    clusters = [
        TextCluster(label=c.label, size=c.size, keywords=c.keywords, examples=[e[:300] for e in c.examples])
        for c in found.clusters
    ]
    loose = [texts[i] for i, label in enumerate(found.assignments) if label < 0]
    if loose:
        clusters.append(
            TextCluster(
                label=UNCLUSTERED.get(language, UNCLUSTERED["en"]),
                size=len(loose),
                examples=[e[:300] for e in loose[:EXAMPLES]],
            )
        )
    return clusters


def analyse(
    table: SurveyTable,
    questionnaire: Questionnaire,
    questionnaire_version: int,
    project: Project,
    charts_dir: Path,
    embedder: Embedder,
    corrections: Mapping[str, str] | None = None,
    prototypes: Sequence[Prototype] = (),
) -> SurveyResults:
    """Analyse the answers against the questionnaire; charts go into ``charts_dir`` as PNG.

    ``corrections``: what ``surveys/mapping.yaml`` says (column → item id, block or ``ignore``);
    ``prototypes``: the project's needs and concept themes, that a column of its own survey may be about.
    """
    language = project.language
    reading = [f"{p.source}:{p.line or '-'}: {p.message}" for p in table.problems]
    ctx = _Context(questionnaire, language, list(reading), doubts=list(reading))
    ctx.embedder = embedder
    mapping = propose_mapping(
        table.columns, table.rows, questionnaire, embedder, language, corrections, prototypes
    )
    column_of = {m.stats_id: m.column for m in mapping if m.stats_id and m.block != IGNORE}
    kept = [i for i, r in enumerate(table.rows) if any(r.get(c, "").strip() for c in column_of.values())]
    rows = [table.rows[i] for i in kept]
    if len(table.origins) == len(table.rows):
        ctx.origins = [table.origins[i] for i in kept]
    if len(rows) < len(table.rows):
        ctx.note("empty_rows", count=len(table.rows) - len(rows))
    answers = {stats_id: [r.get(column, "") for r in rows] for stats_id, column in column_of.items()}
    items = []
    for item in questionnaire.items:
        if item.id not in answers:
            ctx.note("no_column", item=item.id)
        items.append(item_stats(item, answers.get(item.id, [""] * len(rows)), ctx))
    items += [_column_stats(m, answers[m.stats_id or ""], ctx) for m in mapping if _block_only(m)]
    by_id = {s.item_id: s for s in items}
    role = _find(questionnaire, "role-ladder", "role")
    willingness = {o: by_id[role.id].distribution.get(o, 0) for o in role.options} if role else {}
    open_answers = {
        item.id: _open_clusters(
            [mask(a, language) for a in answers[item.id] if a.strip()], embedder, language
        )
        for item in questionnaire.items
        if item.kind == "open" and item.id in answers
    }
    likert = [
        LikertRow(i.id, i.text, tuple(by_id[i.id].distribution.values()))  # type: ignore[arg-type]
        for i in questionnaire.items
        if i.kind == "likert"
    ]
    charts = [
        chart
        for chart in (
            likert_chart(likert, questionnaire.likert_labels, language, charts_dir),
            role_chart(willingness, language, charts_dir),
        )
        if chart is not None
    ]
    return SurveyResults(
        meta=ArtefactMeta(
            language=language,
            based_on={"questionnaire": questionnaire_version},
            inputs_digest=_digest(table, questionnaire),
            notes=ctx.notes,
            warnings=ctx.doubts + _warnings(mapping, ctx, table.duplicates_dropped),
        ),
        questionnaire_version=questionnaire_version,
        sources=table.sources,
        respondents=len(rows),
        mapping=mapping,
        unmapped_columns=[m.column for m in mapping if m.block is None],
        items=items,
        segments=_segments(answers, ctx),
        role_willingness=willingness,
        willing_to_pull=willingness.get(role.options[-1], 0) if role and role.options else 0,
        open_answers=open_answers,
        charts=charts,
        duplicates_dropped=table.duplicates_dropped,
        unplaced_roles=dict(ctx.unplaced.most_common()),
    )


def _block_only(found: ColumnMapping) -> bool:
    return bool(found.stats_id) and found.item_id is None and found.block not in (None, IGNORE)


def _column_stats(found: ColumnMapping, answers: list[str], ctx: _Context) -> ItemStats:
    """Statistics of a column that serves a block but no single item (its own options, its own scale)."""
    shape = answer_shape(answers)
    kind = {"likert": "likert", "multiple": "multiple", "open": "open"}.get(shape, "single")
    item = QuestionItem.model_construct(
        id=found.stats_id, block=found.block, kind=kind, text=found.column, options=[], required=False,
        need_ids=[], theme=None,
    )  # fmt: skip
    if kind in ("single", "multiple"):
        item = item.model_copy(update={"options": _own_options([a for a in answers if a.strip()], kind)})
    return item_stats(item, answers, ctx, note=False)


def _warnings(mapping: list[ColumnMapping], ctx: _Context, duplicates: int) -> list[str]:
    words = WARNINGS.get(ctx.language, WARNINGS["en"])
    out = []
    unsure = [m for m in mapping if needs_check(m)]
    if unsure:
        listed = "; ".join(
            f"“{m.column}” → {m.item_id or m.block or '?'} ({m.confidence:.0%})" for m in unsure[:8]
        )
        out.append(words["unsure_columns"].format(count=len(unsure), columns=listed))
    if ctx.unplaced:
        listed = ", ".join(f"“{a}” ({n})" for a, n in ctx.unplaced.most_common(8))
        out.append(words["unplaced_roles"].format(answers=listed))
    if duplicates:
        out.append(words["duplicates"].format(count=duplicates))
    return out


def _digest(table: SurveyTable, questionnaire: Questionnaire) -> str:
    payload = table.model_dump_json(exclude={"problems"}) + questionnaire.model_dump_json(exclude={"meta"})
    return hashlib.sha256(payload.encode()).hexdigest()[:16]
