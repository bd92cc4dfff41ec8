"""The review workspace end to end in headless Chromium (Debian's, driven by Playwright): drag a note to
another need, merge two needs, move and approve by keyboard, decide at the gate. Each asserts on what is
stored (a new version with the change, the decision) and on the audit log (`samen audit verify` passes,
the entry names the reviewer).

One server for the module, on a copy of examples/nl-trainers run through phases 1 and 2 with its recorded
review (as `make demo` does), in a thread on a free loopback port. Never skipped: without Chromium or
Playwright the tests fail and say how to install them (`make chromium`).
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from artefacts.initiative import NeedsMap
from artefacts.store import Workspace
from flows.gatekeeper import Gatekeeper
from tests.builders import on_hashing_embedder

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
REVIEWER = "Sanne Bakker"


def where(root: Path, note_id: str) -> str | None:
    for need in Workspace(root).load(NeedsMap).needs:
        if note_id in need.note_ids:
            return need.id
    return None


def audit_verified(root: Path) -> None:
    from flows.cli import app

    result = CliRunner().invoke(app, ["audit", "verify", "--project", str(root)])
    assert result.exit_code == 0, result.output


def last_event(root: Path):  # noqa: ANN201 - an AuditEvent
    return list(Workspace(root).audit.events())[-1]


@pytest.fixture(scope="module")
def project(prefect_api, tmp_path_factory, examples_dir) -> Path:
    from flows.cli import app

    root = tmp_path_factory.mktemp("browser") / "nl-trainers"
    shutil.copytree(examples_dir / "nl-trainers", root)
    on_hashing_embedder(root)  # the workspace is under test here, not the needs: no model to load
    ran = CliRunner().invoke(
        app, ["run", "all", "--project", str(root), "--review", str(root / "review.yaml")]
    )
    assert ran.exit_code == 0, ran.output
    assert Workspace(root).latest_version("go-no-go-advice") is not None  # it stands at the gate
    return root


@pytest.fixture(scope="module")
def server(project) -> Iterator[str]:
    import uvicorn

    from flows.web.app import create_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(project), host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not running.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the review workspace did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def page(server):  # noqa: ANN201 - a Playwright page
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: run `make chromium` (or `apt-get install -y chromium`)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Playwright is missing: `pip install -e '.[dev]'` installs it")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        context = browser.new_context(base_url=server, locale="nl-NL")
        context.route(
            "**/*", lambda route: route.continue_() if route.request.url.startswith(server) else route.abort()
        )
        tab = context.new_page()
        tab.set_viewport_size({"width": 1600, "height": 1400})
        tab.goto("/reviewer")
        tab.get_by_label("Naam").fill(REVIEWER)
        tab.get_by_role("button", name="Opslaan").click()
        tab.wait_for_selector("#reviewer-name")
        yield tab
        browser.close()


def test_drag_a_note_to_another_need(page, project):
    needs_map = Workspace(project).load(NeedsMap)
    first, second = needs_map.needs[0], needs_map.needs[1]
    before = Workspace(project).latest_version(NeedsMap)
    page.goto("/needs")
    card = page.locator(f"section.column[data-need='{first.id}'] article.card").first  # the least sure
    note_id = card.get_attribute("data-note")
    with page.expect_navigation():
        card.drag_to(page.locator(f"section.column[data-need='{second.id}'] h2"))
    assert (
        page.locator("#flash").inner_text().startswith(f"Bewaard als needs-map v{before + 1} door {REVIEWER}")
    )
    assert Workspace(project).latest_version(NeedsMap) == before + 1 and where(project, note_id) == second.id
    event = last_event(project)
    assert (event.actor, event.action, event.version) == (REVIEWER, "edited", before + 1)
    assert event.details.edits[0]["op"] == "move" and event.details.edits[0]["to"] == second.id
    audit_verified(project)
    assert page.evaluate("document.activeElement.id") == f"note-{note_id}"  # the keyboard carries on there


def test_merge_two_needs(page, project):
    needs_map = Workspace(project).load(NeedsMap)
    source, target = needs_map.needs[-1], needs_map.needs[0]
    moving = set(source.note_ids)
    before = Workspace(project).latest_version(NeedsMap)
    page.goto("/needs")
    column = page.locator(f"section.column[data-need='{source.id}']")
    column.locator("summary", has_text="Samenvoegen").click()
    column.get_by_label("Voeg deze behoefte samen met").select_option(target.id)
    with page.expect_navigation():
        column.get_by_role("button", name="Samenvoegen").click()
    after = Workspace(project).load(NeedsMap)
    assert Workspace(project).latest_version(NeedsMap) == before + 1
    assert source.id not in {need.id for need in after.needs} and moving <= set(
        after.need(target.id).note_ids
    )
    event = last_event(project)
    assert (event.actor, event.action) == (REVIEWER, "edited") and event.details.edits[0]["op"] == "merge"
    audit_verified(project)
    assert page.locator(f"section.column[data-need='{source.id}']").count() == 0


def test_move_by_keyboard_and_approve_the_new_version(page, project):
    needs_map = Workspace(project).load(NeedsMap)
    note_id, target = needs_map.needs[1].note_ids[-1], needs_map.needs[2].id
    page.goto("/needs")
    page.focus(f"#note-{note_id} details.pick summary")
    page.keyboard.press("Enter")  # opens "Verplaats naar…"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == f"pick-{note_id}"
    page.select_option(f"#pick-{note_id}", target)  # the keyboard's pick from the list
    page.keyboard.press("Tab")  # to the card's "Verplaatsen" button
    assert page.evaluate("document.activeElement.textContent").strip() == "Verplaatsen"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert where(project, note_id) == target
    version = Workspace(project).latest_version(NeedsMap)
    assert Workspace(project).state("needs-map", version) == "draft"
    page.goto(f"/artefacts/needs-map/{version}")
    page.get_by_label("Toelichting (komt in het auditlog)").fill("Na de indeling op het bord")
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # "Goedkeuren", reached by keyboard
    assert Workspace(project).state("needs-map", version) == "approved"
    event = last_event(project)
    assert (event.actor, event.action, event.version, event.note) == (
        REVIEWER, "approved", version, "Na de indeling op het bord",
    )  # fmt: skip
    assert page.locator("#state").inner_text() == "goedgekeurd"
    audit_verified(project)


def test_decide_at_the_gate(page, project):
    page.goto("/gate")
    assert page.locator("#criteria tbody tr").count() >= 5  # the thresholds, on the same screen
    assert page.locator(".charts img").count() >= 1  # the survey's charts
    page.get_by_label("go: bouw de kerngroep").check()
    page.get_by_label("Reden", exact=True).fill(
        "Jeugdtrainers herkennen zich en genoeg mensen willen meedoen."
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Leg het besluit vast").click()
    assert "vastgelegd: go voor concept C1" in page.locator("#flash").inner_text()
    [(event, details)] = Gatekeeper(Workspace(project)).decisions()
    assert (event.actor, details.decision, details.concept) == (REVIEWER, "go", "C1")
    assert event.note == "Jeugdtrainers herkennen zich en genoeg mensen willen meedoen."
    audit_verified(project)
    Gatekeeper(Workspace(project)).require_go()  # phase 3 may start
