"""Markdown renderers of phase 2a artefacts (concept hypotheses, persona)."""

from __future__ import annotations
