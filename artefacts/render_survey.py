"""Markdown renderers of phase 2b artefacts (questionnaire, survey results, go/no-go advice)."""

from __future__ import annotations
