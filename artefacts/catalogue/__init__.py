"""User-facing text in one catalogue per language: ``artefacts/catalogue/nl.yaml`` and ``en.yaml``.

Everything a person reads — errors and hints, CLI output, headings and words of rendered artefacts and
exports, sentence templates of the deterministic drafts, the notes an agent leaves — lives in these two
files, shipped as package data and read with :mod:`importlib.resources` (once per language).

The format:

- A YAML mapping of namespaces (``errors``, ``cli``, ``labels``, ``render.concept``, ``go_no_go``, …);
  an entry is addressed by its dotted key, e.g. ``cli.review_decided`` or ``closing.title``.
- A leaf is a string, or a list of strings where the code needs a list of phrases (answer options, names).
- Every text is a :meth:`str.format` template: placeholders are fields (``{name}``, ``{share:.0%}``, a
  bare ``{}`` where the code fills in by position), and a literal brace is written ``{{`` or ``}}``.
- The texts of ``errors`` and ``cli`` are filled in by ``message(language, key, **values)``, which
  shell-quotes the values inside `backticks` so a printed command survives a paste.
- Both files have the same keys, and each key the same placeholders (tests/test_catalogue.py checks it,
  and that every key the code asks for exists and every key is asked for).
- Command names, option names, setting names and artefact names (``samen approve``, ``--by``,
  ``needs-map``) stay literal in every language: they are what the user types.

An unknown language reads the English catalogue. This package imports nothing of the project, so every
layer may use it.
"""

from artefacts.catalogue.load import FALLBACK, LANGUAGES, PerLanguage, catalogue, entry, has, text

__all__ = ["FALLBACK", "LANGUAGES", "PerLanguage", "catalogue", "entry", "has", "text"]
