"""The injection corpus through the real phase 1 flow: every file it writes, the report beside it, and the
Markdown the Prefect UI shows are inert (slow: Prefect's test server)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from artefacts.html_report import write_report
from artefacts.store import Workspace
from tests.inert import docx_problems, html_problems, markdown_problems, table_problems

pytestmark = pytest.mark.slow
CORPUS = Path(__file__).resolve().parent / "fixtures" / "injection"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_file_the_flow_and_the_report_write_is_inert(prefect_api, tmp_path, language) -> None:
    import anyio
    from prefect.client.orchestration import get_client

    from flows.initiative import initiative

    project = tmp_path / language
    shutil.copytree(CORPUS / language, project)
    assert initiative(str(project)) == {"needs-map": 1, "champions": 1, "target-groups": 1}
    ws = Workspace(project)
    write_report(ws, title="Samen")
    checked: dict[str, int] = {}
    for path in sorted(ws.artefacts_dir.rglob("*")):
        if path.suffix == ".md":
            text = path.read_text(encoding="utf-8")
            assert markdown_problems(text) == [] and table_problems(text) == [], path.name
        elif path.suffix == ".html":
            assert html_problems(path.read_text(encoding="utf-8")) == [], path.name
        elif path.suffix == ".docx":
            assert docx_problems(path.read_bytes()) == [], path.name
        else:
            continue
        checked[path.suffix] = checked.get(path.suffix, 0) + 1
    assert checked.get(".md", 0) >= 3 and checked.get(".html", 0) >= 5 and checked.get(".docx", 0) >= 3
    assert "&lt;script&gt;" in ws.path("needs-map", 1, ".md").read_text(encoding="utf-8")  # shown, escaped

    async def published() -> list[str]:
        async with get_client() as client:
            return [str(a.data) for a in await client.read_artifacts() if a.key == "needs-map"]

    shown = anyio.run(published)
    assert shown and all(markdown_problems(markdown) == [] for markdown in shown)
