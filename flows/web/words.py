"""What the review workspace says, in the project's language: the ``web`` section of the catalogue.

The templates print ``w.<key>``; every key they use is listed in ``TEMPLATE_WORDS`` (tests/test_web.py
checks that the templates use exactly these), so the catalogue test sees each key used in the code.
Messages with placeholders that the routes fill in are read with :func:`say`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from artefacts.catalogue import entry, text

SECTION = "web"

TEMPLATE_WORDS = (
    "app_title", "nav_overview", "nav_needs", "nav_gate", "nav_survey", "nav_skip", "reviewer_as",
    "reviewer_change", "reviewer_none", "reviewer_title", "reviewer_intro", "reviewer_label", "save",
    "overview_title", "overview_intro", "state", "artefact", "version", "warnings", "runs_heading",
    "warnings_none", "phase_state_not-built", "phase_state_blocked", "phase_state_not-run",
    "phase_state_waiting", "phase_state_done", "phase_state_decided", "nothing_yet", "gate",
    "board_title", "board_intro", "board_not_looked", "board_start_here", "board_all_looked",
    "board_unclustered", "board_notes", "board_rename", "board_title_label", "board_statement_label",
    "board_merge_into", "board_merge", "board_split", "board_split_title", "board_split_hint",
    "board_split_choose", "board_move_to", "board_move", "board_off_topic", "board_keep", "board_closest",
    "board_source", "board_not_looked_badge", "board_looked_badge", "board_drag_hint",
    "board_propose", "board_propose_intro", "board_proposals", "board_proposals_none",
    "board_accept", "board_proposal_from_to", "board_note_label", "board_version", "board_no_map",
    "board_pick", "board_no_suggestions", "note_title", "note_intro", "note_question", "note_cited", "note_need", "note_none",
    "note_back", "note_speaker", "note_kind_smalltalk", "note_kind_process", "note_kind_instruction",
    "artefact_title", "artefact_downloads", "artefact_review", "artefact_note", "artefact_reject_note",
    "approve", "reject", "artefact_choice", "artefact_state_is", "artefact_not_reviewed",
    "artefact_versions", "artefact_warnings", "artefact_rendered", "artefact_page",
    "gate_title", "gate_intro", "gate_advice", "gate_recommendation", "gate_criterion",
    "gate_threshold", "gate_observed", "gate_interval", "gate_verdict", "gate_columns", "gate_caveats",
    "gate_charts", "gate_decide", "gate_decision", "gate_reason", "gate_reason_help", "gate_concept",
    "gate_submit", "gate_recorded", "gate_replaces", "gate_replace_confirm", "gate_not_ready",
    "gate_go", "gate_no-go", "gate_revise", "gate_results", "verdict_met", "verdict_not-met",
    "verdict_uncertain", "verdict_missing", "survey_title", "survey_intro", "survey_column",
    "survey_item", "survey_block", "survey_feeds", "survey_confidence", "survey_source", "survey_reason",
    "survey_file_says", "survey_correct", "survey_apply", "survey_what_happens", "survey_no_results",
    "survey_running", "survey_finished", "survey_failed", "survey_log", "survey_refresh",
    "survey_unmapped", "survey_source_wording", "survey_source_meaning", "survey_source_file",
    "error_title", "back",
)  # fmt: skip


def words(language: str) -> Mapping[str, Any]:
    """The texts the templates print, by key (``w.board_title``)."""
    section = entry(language, SECTION)
    return {key: section[key] for key in TEMPLATE_WORDS}


def say(language: str, key: str, **values: object) -> str:
    """The text at ``web.<key>`` with its placeholders filled in; ``key`` is the full ``web.`` key."""
    return text(language, key).format(**values)
