"""Parsers for the transcript formats: each turns the bytes of one file into raw speaker turns."""

from knowledge.formats.base import Line, ParsedFile, RawTurn
from knowledge.formats.labels import LabelRules

__all__ = ["LabelRules", "Line", "ParsedFile", "RawTurn"]
