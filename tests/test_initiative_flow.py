"""Phase 1 as a Prefect flow, end to end on the English example (real e5 embeddings, no network)."""

from __future__ import annotations

import shutil
import time

import pytest

from artefacts.audit import AuditEvent
from artefacts.initiative import NeedsMap
from artefacts.store import Workspace
from flows.scaffold import load_project

pytestmark = pytest.mark.slow


@pytest.fixture()
def project(tmp_path, examples_dir):
    root = tmp_path / "en-makers"
    shutil.copytree(examples_dir / "en-makers", root)
    return root


def _embedded_texts(monkeypatch) -> list[str]:
    """Record every text the real embedder is asked to embed (behind the content-hash cache)."""
    from knowledge import embeddings

    seen: list[str] = []
    original = embeddings.E5Embedder.embed_documents

    def counting(self, texts):
        seen.extend(texts)
        return original(self, texts)

    monkeypatch.setattr(embeddings.E5Embedder, "embed_documents", counting)
    return seen


def test_flow_drafts_publishes_and_reruns_only_what_changed(prefect_api, project, monkeypatch):
    from prefect.client.orchestration import get_client

    from flows.initiative import initiative

    embedded = _embedded_texts(monkeypatch)
    versions = initiative(str(project))
    assert versions == {"needs-map": 1, "champions": 1, "target-groups": 1}
    ws = Workspace(project)
    needs_map = ws.load("needs-map")
    assert isinstance(needs_map, NeedsMap) and needs_map.meta.language == "en"
    assert ws.path("needs-map", 1, ".md").exists()
    first_count = len(embedded)
    assert first_count > 40

    async def artifact_keys():
        async with get_client() as client:
            return {a.key for a in await client.read_artifacts()}

    import anyio

    assert {"needs-map", "champions", "target-groups"} <= anyio.run(artifact_keys)

    # In Prefect's UI the run is named after the organisation and the phase, and its log shows progress.
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterName, LogFilter, LogFilterFlowRunId
    from prefect.client.schemas.sorting import FlowRunSort
    from prefect.logging.handlers import APILogHandler

    APILogHandler().flush()

    async def run_and_log():
        async with get_client() as client:
            named = FlowRunFilter(name=FlowRunFilterName(like_="Northbrook"))
            # Other tests in this session run the same example: the newest run is this test's.
            runs = await client.read_flow_runs(
                flow_run_filter=named, sort=FlowRunSort.START_TIME_DESC, limit=1
            )
            logs = await client.read_logs(LogFilter(flow_run_id=LogFilterFlowRunId(any_=[runs[0].id])))
            return runs, [log.message for log in logs]

    # Logs reach the server in batches from a background worker; under load a batch can lag the drain.
    deadline = time.monotonic() + 30
    runs, logged = anyio.run(run_and_log)

    def complete(lines: list[str]) -> bool:
        return any("reading interviews" in line for line in lines) and any(
            "statements" in line for line in lines
        )

    while not complete(logged) and time.monotonic() < deadline:
        time.sleep(0.5)
        runs, logged = anyio.run(run_and_log)
    organisation = load_project(project).organisation.name
    assert runs and runs[0].name == f"{organisation} · Initiative"
    assert any("reading interviews" in line for line in logged), logged
    assert any("embedding" in line and "statements" in line for line in logged), logged

    # Unchanged input: no new versions, nothing embedded again.
    assert initiative(str(project)) == versions
    assert len(embedded) == first_count

    # A reviewer renames a need and approves; then one more interview arrives.
    need = needs_map.needs[0]
    from artefacts.needs_edits import NeedsEdit
    from flows.review import apply_needs_edits

    edited = apply_needs_edits(
        ws,
        [NeedsEdit(op="rename", need=need.id, title="Reviewer's name", by="Ann", base_version=1)],
        by="Ann",
    )
    ws.audit.append(AuditEvent(actor="Ann", action="approved", artefact="needs-map", version=edited))
    extra = project / "interviews" / "07-new.txt"
    extra.write_text(
        "Interviewer: What would help you most?\n"
        "Tom: Honestly, a shared list of who can fix what, so we stop turning people away at the door.\n"
        "Interviewer: Anything else?\n"
        "Tom: Someone to cover my shift when I am away, that would really help.\n",
        encoding="utf-8",
    )
    before = len(embedded)
    after = initiative(str(project))
    new_texts = embedded[before:]
    assert new_texts and all("Tom" not in t for t in new_texts)
    assert len(new_texts) <= 3  # only the new interview's statements were embedded
    latest = ws.load("needs-map", after["needs-map"])
    assert latest.need(need.id).title == "Reviewer's name"
    assert after["needs-map"] > edited
    assert ws.state("needs-map", edited) == "approved"  # the approved version is untouched

    # The knowledge store holds this project's notes, the new interview's too, and reads them back.
    from flows.context import ProjectContext

    store = ProjectContext.open(project).knowledge
    found = store.evidence_for("someone to cover my shift when I am away", k=1)
    assert found[0].source == "interviews/07-new.txt" and found[0].line == 4
    assert store.guidance("initiative", k=2, language="en")[0].language == "en"
