"""After a no-go: a closing summary of what the test taught, in the project language.

Written once per decision basis to ``artefacts/2b-test/closing-summary.vN.md`` (N: the advice version),
by the flow that continues after the gate, or by ``samen decide`` when no flow is waiting.
"""

from __future__ import annotations

from pathlib import Path

from artefacts.concept import ConceptHypotheses
from artefacts.store import Workspace
from artefacts.survey import GateBasis, GateDecision, GoNoGoAdvice, SurveyResults

WORDS = {
    "nl": {
        "title": "Afsluiting: wat de test ons leerde",
        "decision": "Besluit",
        "by": "door",
        "concept": "Het geteste concept",
        "hypothesis": "Hypothese",
        "fails_if": "Het concept zou niet kloppen als",
        "evidence": "Wat de enquête liet zien",
        "respondents": "respondenten",
        "advice": "Advies",
        "caveats": "Kanttekeningen",
        "roles": "Bereidheid tot een rol",
        "open": "Wat mensen zelf schreven",
        "next": "Wat nu",
        "next_text": "Het concept wordt niet doorgezet. Bewaar deze samenvatting bij de behoeftekaart: de "
        "behoeften blijven bestaan, en een ander concept of een ander moment kan er wel op aansluiten.",
        "based_on": "Gebaseerd op",
    },
    "en": {
        "title": "Closing summary: what the test taught us",
        "decision": "Decision",
        "by": "by",
        "concept": "The concept tested",
        "hypothesis": "Hypothesis",
        "fails_if": "The concept would be wrong if",
        "evidence": "What the survey showed",
        "respondents": "respondents",
        "advice": "Advice",
        "caveats": "Caveats",
        "roles": "Willingness to take a role",
        "open": "What people wrote themselves",
        "next": "What now",
        "next_text": "The concept is not taken further. Keep this summary with the needs map: the needs remain, "
        "and another concept or another moment may meet them.",
        "based_on": "Based on",
    },
}


def closing_path(ws: Workspace, basis: GateBasis) -> Path:
    return ws.folder(GoNoGoAdvice) / f"closing-summary.v{basis.advice_version}.md"


def write_closing_summary(ws: Workspace, basis: GateBasis, decision: GateDecision) -> Path:
    path = closing_path(ws, basis)
    if path.exists():
        return path
    concepts = ws.load(ConceptHypotheses, basis.concept_version)
    advice = ws.load(GoNoGoAdvice, basis.advice_version)
    results = ws.load(SurveyResults, basis.survey_results_version)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(closing_summary(concepts, advice, results, basis, decision), encoding="utf-8")
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
