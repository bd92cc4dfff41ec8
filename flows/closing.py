"""After a no-go: a closing summary of what the test taught, in the project language.

Written once per decision basis to ``artefacts/2b-test/closing-summary.vN.md`` (N: the advice version),
by the flow that continues after the gate, or by ``samen decide`` when no flow is waiting.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from artefacts.catalogue import PerLanguage
from artefacts.concept import ConceptHypotheses
from artefacts.files import write_once
from artefacts.store import Workspace
from artefacts.survey import GateBasis, GateDecision, GoNoGoAdvice, SurveyResults

WORDS: PerLanguage[Mapping[str, str]] = PerLanguage("closing")


def closing_path(ws: Workspace, basis: GateBasis) -> Path:
    return ws.folder(GoNoGoAdvice) / f"closing-summary.v{basis.advice_version}.md"


def write_closing_summary(ws: Workspace, basis: GateBasis, decision: GateDecision) -> Path:
    path = closing_path(ws, basis)
    if path.exists():
        return path
    concepts = ws.load(ConceptHypotheses, basis.concept_version)
    advice = ws.load(GoNoGoAdvice, basis.advice_version)
    results = ws.load(SurveyResults, basis.survey_results_version)
    write_once(path, closing_summary(concepts, advice, results, basis, decision))
    return path


def closing_summary(
    concepts: ConceptHypotheses,
    advice: GoNoGoAdvice,
    results: SurveyResults,
    basis: GateBasis,
    decision: GateDecision,
) -> str:
    w = WORDS.get(advice.meta.language, WORDS["en"])
    concept = next((c for c in concepts.concepts if c.id == basis.concept_id), concepts.concepts[0])
    out = [
        f"# {w['title']}",
        "",
        f"**{w['decision']}:** {decision.decision} — {w['by']} {decision.reviewer}, "
        f"{decision.decided_at:%Y-%m-%d}",
        "",
        f"> {decision.reason}",
        "",
        f"## {w['concept']}: {concept.id} · {concept.name}",
        "",
        concept.purpose,
        "",
        f"**{w['hypothesis']}:** {concept.hypothesis}",
        "",
        f"**{w['fails_if']}:**",
        "",
    ]
    out += [f"- {line}" for line in concept.fails_if]
    out += ["", f"## {w['evidence']}", "", f"{results.respondents} {w['respondents']}.", ""]
    out += [f"- **{c.description}**: {c.explanation}" for c in advice.criteria]
    out += ["", f"**{w['advice']}:** {advice.reasoning}", ""]
    if advice.caveats:
        out += [f"**{w['caveats']}:**", ""] + [f"- {caveat}" for caveat in advice.caveats] + [""]
    if results.role_willingness:
        out += [f"## {w['roles']}", ""]
        out += [f"- {option}: {count}" for option, count in results.role_willingness.items()] + [""]
    clusters = [cluster for found in results.open_answers.values() for cluster in found]
    if clusters:
        out += [f"## {w['open']}", ""]
        for cluster in sorted(clusters, key=lambda c: -c.size)[:6]:
            example = f" — “{cluster.examples[0]}”" if cluster.examples else ""
            out.append(f"- **{cluster.label}** ({cluster.size}){example}")
        out.append("")
    versions = ", ".join(f"{name} v{version}" for name, version in basis.versions().items())
    out += [f"## {w['next']}", "", w["next_text"], "", f"_{w['based_on']}: {versions}._", ""]
    return "\n".join(out)
