"""The review workspace (`samen serve`), route by route with Starlette's TestClient: the access rule, the
overview, the needs board and its suggestions, the note source; in Dutch and English, with hostile text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from markupsafe import escape

from artefacts.initiative import NeedsMap
from artefacts.store import Workspace
from flows.review import edit_log
from flows.web.access import Access
from flows.web.pages import artefacts, gate, needs, notes, overview, survey
from flows.web.words import TEMPLATE_WORDS
from tests.web_project import attack_lines, client, form_token, make_project, named, post_form

TEMPLATES = Path(__file__).resolve().parent.parent / "flows" / "web" / "templates"


@pytest.fixture(params=["en", "nl"])
def project(request, tmp_path) -> Path:
    return make_project(tmp_path, request.param)


@pytest.fixture
def en(tmp_path) -> Path:
    return make_project(tmp_path, "en")


def latest(root: Path) -> NeedsMap:
    return Workspace(root).load(NeedsMap)


def where(root: Path, note_id: str) -> str | None:
    for need in latest(root).needs:
        if note_id in need.note_ids:
            return need.id
    return None


# -- who may use it ---------------------------------------------------------------------------------


def test_on_loopback_every_page_opens_without_a_token(en):
    browser = client(en)
    for path in ("/", "/needs", "/notes/n-0003", "/reviewer", "/static/samen.css", "/static/board.js"):
        assert browser.get(path).status_code == 200, path


def test_a_host_name_that_is_not_the_loopback_address_is_refused(en):
    # a page elsewhere that points its own DNS name at 127.0.0.1 must not read the workspace
    assert client(en).get("/", headers={"host": "evil.example:8765"}).status_code == 400


def test_off_loopback_a_token_is_generated_and_required_on_every_request(en):
    access = Access.for_bind("0.0.0.0", None)
    assert access.token and len(access.token) >= 24
    browser = client(en, access)
    for path in ("/", "/needs", "/static/samen.css"):
        assert browser.get(path).status_code == 401, path
    assert browser.get("/?token=wrong").status_code == 401
    opened = browser.get(f"/needs?token={access.token}")
    assert opened.status_code == 303 and opened.headers["location"] == "/needs"
    assert "samen_token" in opened.headers["set-cookie"] and "HttpOnly" in opened.headers["set-cookie"]
    assert browser.get("/needs").status_code == 200  # the cookie from now on
    guessing = client(en, access)
    guessing.cookies.set("samen_token", "guess")
    assert guessing.get("/").status_code == 401


def test_a_token_given_on_loopback_is_required_too(en):
    browser = client(en, Access.for_bind("127.0.0.1", "s3cret-token"))
    assert browser.get("/").status_code == 401
    assert browser.get("/?token=s3cret-token").status_code == 303 and browser.get("/").status_code == 200


def test_every_post_without_the_session_s_form_token_is_refused_and_changes_nothing(en):
    browser = client(en)
    named(browser)
    posts = sorted(
        route.path
        for module in (artefacts, gate, needs, notes, overview, survey)
        for route in module.router.routes
        if "POST" in getattr(route, "methods", set())
    )
    assert {"/needs/move", "/needs/merge", "/reviewer"} <= set(posts)
    for path in posts:
        for data in ({}, {"csrf": "0" * 32}):
            url = path.replace("{name}", "needs-map").replace("{version}", "1")
            answer = browser.post(url, data={**data, "note": "n-0003", "to": "N02", "version": "1"})
            assert answer.status_code == 403, path
    other = client(en)  # another session's token does not fit this session
    stolen = form_token(other.get("/needs").text)
    assert (
        browser.post("/needs/move", data={"csrf": stolen, "note": "n-0003", "to": "N02"}).status_code == 403
    )
    assert Workspace(en).latest_version(NeedsMap) == 1


def test_the_pages_load_nothing_from_outside_and_forbid_inline_script(en):
    page = client(en).get("/needs")
    assert not re.search(r'(src|href)="(https?:)?//', page.text)
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy


# -- the overview -----------------------------------------------------------------------------------


def test_the_overview_shows_status_and_the_warnings_in_the_project_s_language(project):
    language = Workspace(project).language
    page = client(project).get("/").text
    assert f'<html lang="{language}">' in page
    assert ("Overzicht" if language == "nl" else "Overview") in page
    assert '<a href="/artefacts/needs-map/1">' in page
    assert ("concept" in page) and ("samen run concept" in page or "needs-map" in page)
    # the needs map's warning, escaped: its attack is text
    assert "P04 may be an interviewer" in page and "&lt;iframe src=" in page and "<iframe" not in page
    # where runs go, as `samen status` says it (tests never keep a resident server: a temporary one per run)
    assert 'id="runs"' in page and "SAMEN_PREFECT_SERVER" in page


# -- hostile text -----------------------------------------------------------------------------------


def test_hostile_note_text_is_shown_as_text_on_every_page(project):
    browser = client(project)
    language = Workspace(project).language
    attacks = attack_lines(language)
    for path in ("/", "/needs", "/notes/n-9001", "/needs?propose=1"):
        page = browser.get(path).text
        for attack in ("<script>alert", "<img src=x", "<iframe", "<b>bold?</b>"):
            assert attack not in page, (path, attack)
    board = browser.get("/needs").text
    assert str(escape(attacks[0])) in board
    assert attacks[0].rsplit(">", 1)[1].strip() in board  # the words themselves are all there


# -- the needs board --------------------------------------------------------------------------------


def test_moving_a_note_saves_a_new_version_by_the_reviewer_with_the_edit_logged(project):
    browser = client(project)
    named(browser, "Ann de Wit")
    token = form_token(browser.get("/needs").text)
    moved = browser.post("/needs/move", data={"csrf": token, "version": "1", "note": "n-0003", "to": "N02"})
    assert moved.status_code == 303 and moved.headers["location"] == "/needs#note-n-0003"
    ws = Workspace(project)
    assert ws.latest_version(NeedsMap) == 2 and where(project, "n-0003") == "N02"
    event = list(ws.audit.events())[-1]
    assert (event.actor, event.action, event.version) == ("Ann de Wit", "edited", 2)
    assert [(e.op, e.note_ids, e.to, e.by) for e in edit_log(ws).all()] == [
        ("move", ["n-0003"], "N02", "Ann de Wit")
    ]
    assert ws.audit.verify().intact
    page = browser.get("/needs").text
    assert "needs-map v2" in page and "Ann de Wit" in page  # what happened, said once


def test_off_topic_rename_merge_and_split_go_through_the_same_edits_as_the_cli(en):
    browser = client(en)
    named(browser)

    def post(path: str, **data: str) -> None:
        token = form_token(browser.get("/needs").text)
        version = str(Workspace(en).latest_version(NeedsMap))
        assert browser.post(path, data={"csrf": token, "version": version, **data}).status_code == 303

    post("/needs/move", note="n-0005", to="X")
    assert where(en, "n-0005") is None and "n-0005" in latest(en).unclustered
    post("/needs/rename", need="N03", title="Forms & permits", statement="Less paperwork, more training")
    assert latest(en).need("N03").title == "Forms & permits"
    post("/needs/merge", need="N03", into="N02")
    assert [need.id for need in latest(en).needs] == ["N01", "N02"]
    browser_form = [("csrf", form_token(browser.get("/needs").text)), ("version", "4"), ("need", "N02"),
                    ("title", "Sick cover"), ("notes", "n-0009"), ("notes", "n-0011"), ("notes", "n-0013")]  # fmt: skip
    assert post_form(browser, "/needs/split", browser_form).status_code == 303
    split = next(need for need in latest(en).needs if need.title == "Sick cover")
    assert set(split.note_ids) == {"n-0009", "n-0011", "n-0013"}
    assert [e.op for e in edit_log(Workspace(en)).all()] == ["move", "rename", "merge", "split"]
    assert Workspace(en).latest_version(NeedsMap) == 5 and Workspace(en).audit.verify().intact


def test_an_edit_on_a_page_older_than_the_latest_version_is_refused_and_says_so(en):
    browser = client(en)
    named(browser)
    token = form_token(browser.get("/needs").text)
    browser.post("/needs/move", data={"csrf": token, "version": "1", "note": "n-0003", "to": "N02"})
    stale = browser.post("/needs/move", data={"csrf": token, "version": "1", "note": "n-0005", "to": "N03"})
    assert stale.status_code == 303 and Workspace(en).latest_version(NeedsMap) == 2
    page = browser.get(stale.headers["location"]).text
    assert 'role="alert"' in page and "you saw v1, the latest is v2" in page


def test_an_edit_without_a_reviewer_name_asks_for_it_and_changes_nothing(en):
    browser = client(en)
    token = form_token(browser.get("/needs").text)
    answer = browser.post("/needs/move", data={"csrf": token, "version": "1", "note": "n-0003", "to": "N02"})
    assert answer.status_code == 303 and answer.headers["location"].startswith("/reviewer")
    assert Workspace(en).latest_version(NeedsMap) == 1


def test_an_edit_naming_a_need_that_does_not_exist_says_so_where_the_reviewer_looks(en):
    browser = client(en)
    named(browser)
    token = form_token(browser.get("/needs").text)
    answer = browser.post("/needs/move", data={"csrf": token, "version": "1", "note": "n-0003", "to": "N77"})
    page = browser.get(answer.headers["location"]).text
    assert 'class="flash flash-error"' in page and "N77" in page
    assert Workspace(en).latest_version(NeedsMap) == 1


def card(page: str, note_id: str) -> str:
    start = page.index(f'id="note-{note_id}"')
    return page[start : page.index("</article>", start)]


def test_each_card_offers_the_needs_its_note_is_most_like_and_the_least_sure_note_comes_first(en):
    # n-0011 ("Who covers my sessions when I am ill") is put into N03 (paperwork): it is the least sure
    # note there, and most like N02, where the other notes about sessions when ill are
    browser = client(en)
    named(browser)
    token = form_token(browser.get("/needs").text)
    browser.post("/needs/move", data={"csrf": token, "version": "1", "note": "n-0011", "to": "N03"})
    Workspace(en).state_dir.joinpath("edits", "needs-map.jsonl").unlink()  # as if a run had put it there
    page = browser.get("/needs").text
    offered = re.findall(r'name="to" value="(N\d+)"', card(page, "n-0011"))
    assert offered[0] == "N02" and "N03" not in offered
    assert re.search(r'id="start-here"', page) and 'href="#note-n-0011" id="start-here"' in page
    column = page[page.index('data-need="N03"') :]
    assert column.index('id="note-n-0011"') < column.index('id="note-n-0015"')  # least sure first


def test_keep_here_marks_a_note_looked_at_without_a_new_version(en):
    browser = client(en)
    named(browser)
    page = browser.get("/needs").text
    assert "not looked at yet" in card(page, "n-0003")
    assert "10 of 10 notes not looked at yet" in page
    browser.post("/needs/keep", data={"csrf": form_token(page), "note": "n-0003", "need": "N01"})
    page = browser.get("/needs").text
    assert "looked at" in card(page, "n-0003") and "not looked at yet" not in card(page, "n-0003")
    assert "9 of 10 notes not looked at yet" in page
    assert Workspace(en).latest_version(NeedsMap) == 1


def test_re_placements_are_proposals_nothing_moves_until_the_reviewer_accepts(en, monkeypatch):
    import flows.web.board as board

    browser = client(en)
    named(browser)
    token = form_token(browser.get("/needs").text)
    browser.post("/needs/move", data={"csrf": token, "version": "1", "note": "n-0011", "to": "N03"})
    monkeypatch.setattr(board, "replace_rest", lambda needs_map, vectors, placed: {"n-0013": "N03"})
    page = browser.get("/needs?propose=1").text
    assert 'value="n-0013:N03"' in page and "checked" not in page[page.index('id="proposals"') :][:2000]
    assert Workspace(en).latest_version(NeedsMap) == 2  # shown, not applied
    accepted = [("csrf", token), ("version", "2"), ("move", "n-0013:N03")]
    assert post_form(browser, "/needs/accept", accepted).status_code == 303
    assert Workspace(en).latest_version(NeedsMap) == 3 and where(en, "n-0013") == "N03"


def test_without_vectors_the_board_still_works_and_says_why_there_are_no_suggestions(en, monkeypatch):
    import flows.web.board as board

    def broken(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise RuntimeError("embedder unavailable")

    monkeypatch.setattr(board, "statement_vectors", broken)
    page = client(en).get("/needs").text
    assert 'role="alert"' in page and "embedder unavailable" in page
    assert 'value="pick"' in page  # moving by hand works


# -- the note source --------------------------------------------------------------------------------


def test_a_note_opens_its_source_at_the_cited_line_with_the_conversation_around_it(project):
    page = client(project).get("/notes/n-0007").text
    cited = page.index('class="cited"')
    assert page.index('id="line-5"') < cited < page.index('id="line-9"')  # its neighbours, in line order
    assert "interviews/01_P01.txt:7" in page
    question = "What would a community give you?" if Workspace(project).language == "en" else "Wat zou"
    assert question in page  # the interviewer's question that prompted it, as stored
    assert client(project).get("/notes/n-nope").status_code == 404


def test_the_note_source_shows_only_what_the_store_holds_never_the_transcript(en):
    transcript = en / "interviews" / "01_P01.txt"
    transcript.parent.mkdir()
    transcript.write_text("Sanne Bakker: What would a community give you?\n" * 10, encoding="utf-8")
    page = client(en).get("/notes/n-0007").text
    assert "Sanne Bakker" not in page


# -- the words --------------------------------------------------------------------------------------


def test_the_templates_print_exactly_the_words_listed_for_them():
    used = set()
    for template in TEMPLATES.glob("*.j2"):
        source = template.read_text(encoding="utf-8")
        used |= set(re.findall(r"\bw\.([a-z_]+)", source))
        for prefix in re.findall(r'w\["([a-z_]+)" ~ ', source):  # w["phase_state_" ~ phase.state]
            used |= {word for word in TEMPLATE_WORDS if word.startswith(prefix)}
    assert sorted(used - set(TEMPLATE_WORDS)) == []
    assert sorted(set(TEMPLATE_WORDS) - used) == []


# -- `samen serve` ----------------------------------------------------------------------------------


def _served(monkeypatch, root: Path, *args: str) -> tuple[dict, str]:
    import uvicorn
    from typer.testing import CliRunner

    from flows.cli import app

    seen: dict = {}
    monkeypatch.setattr(uvicorn, "run", lambda served, **options: seen.update(app=served, **options))
    result = CliRunner().invoke(app, ["serve", "--project", str(root), *args])
    assert result.exit_code == 0, result.output
    return seen, result.output


def test_serve_listens_on_loopback_without_a_token_by_default(monkeypatch, en):
    seen, output = _served(monkeypatch, en)
    assert (seen["host"], seen["port"]) == ("127.0.0.1", 8765)
    assert "http://127.0.0.1:8765/" in output and "token=" not in output
    assert seen["app"].state.site.access.token is None


def test_serve_elsewhere_prints_a_link_with_a_generated_token(monkeypatch, en):
    seen, output = _served(monkeypatch, en, "--host", "0.0.0.0", "--port", "9000")
    token = seen["app"].state.site.access.token
    assert token and f"http://0.0.0.0:9000/?token={token}" in output
    given, output = _served(monkeypatch, en, "--host", "0.0.0.0", "--token", "our-shared-secret")
    assert given["app"].state.site.access.token == "our-shared-secret"


def test_serve_refuses_a_folder_that_is_not_a_project(monkeypatch, tmp_path):
    import uvicorn
    from typer.testing import CliRunner

    from flows.cli import app

    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: pytest.fail("must not listen"))
    result = CliRunner().invoke(app, ["serve", "--project", str(tmp_path / "nothing")])
    assert result.exit_code != 0
