"""What the contract layer, the readers and the agents say when something is wrong, in the project's language.

The errors and hints raised in ``artefacts/``, ``knowledge/`` and ``agents/`` (and the read problems that
end up in an artefact's notes) come from here, in nl or en; English otherwise. Same shape as
``flows/messages.py``: placeholders are ``str.format`` fields and are the same in both languages
(tests/test_artefact_messages.py checks it). File paths, line numbers, setting names, commands and option
names stay literal in every language. A literal ``{`` or ``}`` is written ``{{`` or ``}}``.

This module imports nothing of the project, so every layer may use it.
"""

from __future__ import annotations

import shlex
from functools import lru_cache
from pathlib import Path

LANGUAGES = ("nl", "en")
FALLBACK = "en"
PROJECT_FILE = "samen.yaml"

MESSAGES: dict[str, dict[str, str]] = {
    # -- shared ----------------------------------------------------------------------------------
    "choose_one_of": {"nl": "kies uit: {options}", "en": "choose one of {options}"},
    "cannot_read_file": {"nl": "kan het bestand niet lezen: {error}", "en": "cannot read the file: {error}"},
    # -- the workspace (artefacts/store.py, registry.py, audit.py) ------------------------------------
    "not_drafted": {
        "nl": "er is nog geen '{name}' opgesteld",
        "en": "no '{name}' has been drafted yet",
    },
    "not_drafted_hint": {
        "nl": "draai eerst `samen run {phase} --project {root}`",
        "en": "run `samen run {phase} --project {root}` first",
    },
    "no_such_version": {
        "nl": "'{name}' heeft geen versie {version}",
        "en": "'{name}' has no version {version}",
    },
    "versions_hint": {"nl": "versies: {versions}", "en": "versions: {versions}"},
    "artefact_invalid": {
        "nl": "geen geldige {name}: {error} bij {location}",
        "en": "not a valid {name}: {error} at {location}",
    },
    "artefact_invalid_hint": {
        "nl": "artefactbestanden worden door samen geschreven; zet dit bestand terug of draai de fase opnieuw",
        "en": "artefact files are written by samen; restore this one or run the phase again",
    },
    "unknown_artefact": {"nl": "onbekend artefact '{name}'", "en": "unknown artefact '{name}'"},
    "unknown_artefact_hint": {"nl": "kies uit: {known}", "en": "choose one of: {known}"},
    "audit_line_invalid": {
        "nl": "deze regel van het auditlog is geen geldige gebeurtenis: {error}",
        "en": "audit log line is not a valid event: {error}",
    },
    "audit_line_invalid_hint": {
        "nl": "zet de regel terug uit een back-up; bewerk het auditlog nooit met de hand",
        "en": "restore the line from a backup; never edit the audit log by hand",
    },
    # -- needs map edits (artefacts/needs_edits.py) ----------------------------------------------------
    "edit_invalid": {"nl": "geen geldige wijziging: {error}", "en": "not a valid edit: {error}"},
    "no_such_need": {"nl": "er is geen behoefte '{need}'", "en": "there is no need '{need}'"},
    "no_such_need_hint": {"nl": "behoeften: {needs}", "en": "needs: {needs}"},
    "no_such_note": {"nl": "er is geen notitie '{note}'", "en": "there is no note '{note}'"},
    "no_such_note_hint": {
        "nl": "notitie-id's zien eruit als n-3fa2c1d0e4",
        "en": "note ids look like n-3fa2c1d0e4",
    },
    "edit_section_missing": {
        "nl": "het bewerkbare deel van de behoeftekaart ontbreekt",
        "en": "the editable section of the needs map is missing",
    },
    "edit_section_missing_hint": {
        "nl": "laat de regels {start} en {end} in het bestand staan",
        "en": "keep the lines {start} and {end} in the file",
    },
    "edit_unknown_heading": {
        "nl": "onbekend behoefte-id '{heading}' in een kop",
        "en": "unknown need id '{heading}' in a heading",
    },
    "edit_unknown_heading_hint": {
        "nl": "gebruik een bestaand id, of `nieuw` (of `new`) voor een nieuwe behoefte",
        "en": "use an existing id, or `new` (or `nieuw`) for a new need",
    },
    "edit_note_before_heading": {
        "nl": "er staat een notitieregel vóór de eerste kop",
        "en": "a note line stands before the first heading",
    },
    "edit_unknown_note": {"nl": "onbekende notitie '{note}'", "en": "unknown note '{note}'"},
    "edit_unknown_note_hint": {"nl": "laat de [n-…]-codes staan", "en": "keep the [n-…] codes"},
    # -- reading interviews (knowledge/ingest.py, interviews.py, transcripts.py, formats/) ------------
    "interviews_folder_missing": {
        "nl": "de interviewmap bestaat niet",
        "en": "the interviews folder does not exist",
    },
    "interviews_folder_missing_hint": {
        "nl": "maak de map aan en zet de transcripten erin, of stel interviews.folder in samen.yaml in "
        "(nu {folder})",
        "en": "create it and put the transcripts in it, or set interviews.folder in samen.yaml (now {folder})",
    },
    "no_interviewee_turns": {
        "nl": "geen gespreksbeurten van een geïnterviewde gevonden",
        "en": "no interviewee turns found",
    },
    "no_turns": {"nl": "geen gespreksbeurten gevonden", "en": "no turns found"},
    "label_turns_hint": {
        "nl": "zet voor elke beurt wie er spreekt, als `Naam: tekst`, en controleer "
        "interviews.interviewer_labels in samen.yaml",
        "en": "label the turns as `Name: text`, and check interviews.interviewer_labels in samen.yaml",
    },
    "format_unsupported": {"nl": "kan geen {suffix}-bestanden lezen", "en": "cannot read {suffix} files"},
    "format_no_extension": {
        "nl": "kan geen bestanden zonder extensie lezen",
        "en": "cannot read files without an extension",
    },
    "formats_supported_hint": {
        "nl": "ondersteunde formaten zijn {formats}",
        "en": "supported formats are {formats}",
    },
    "convert_doc_hint": {
        "nl": "open het in Word en sla het op als .docx",
        "en": "open it in Word and save it as .docx",
    },
    "convert_pdf_hint": {
        "nl": "exporteer het transcript als .txt of .docx",
        "en": "export the transcript as .txt or .docx",
    },
    "convert_save_hint": {"nl": "sla het op als .docx of .txt", "en": "save it as .docx or .txt"},
    "convert_export_hint": {"nl": "exporteer het als .docx of .txt", "en": "export it as .docx or .txt"},
    "cannot_open_file": {
        "nl": "kan het bestand niet openen: {reason}",
        "en": "cannot open the file: {reason}",
    },
    "check_permissions_hint": {
        "nl": "controleer de rechten op het bestand",
        "en": "check the file's permissions",
    },
    "file_empty": {"nl": "het bestand is leeg", "en": "the file is empty"},
    "file_empty_hint": {
        "nl": "zet het transcript erin of verwijder het bestand",
        "en": "add the transcript or remove the file",
    },
    "file_empty_text_hint": {
        "nl": "zet de tekst van het transcript erin of verwijder het bestand",
        "en": "add the transcript text or remove the file",
    },
    "encoding_unknown": {
        "nl": "kan niet bepalen in welke tekstcodering dit bestand is opgeslagen (is het wel een tekstbestand?)",
        "en": "cannot tell which text encoding this file uses (is it a text file?)",
    },
    "encoding_hint": {
        "nl": "sla het bestand op als UTF-8 en probeer het opnieuw (in Word: Opslaan als > "
        "Tekst zonder opmaak > Unicode (UTF-8))",
        "en": "save the file as UTF-8 (in Word: Save as > Plain text > Unicode (UTF-8))",
    },
    "json_invalid": {
        "nl": "geen geldige JSON (kolom {column}): {error}",
        "en": "not valid JSON: {error} (column {column})",
    },
    "json_invalid_hint": {
        "nl": "herstel de JSON op die regel (meestal ontbreekt er een komma of een aanhalingsteken)",
        "en": "fix the JSON at that line (a missing comma or quote is the usual cause)",
    },
    "json_expecting_value": {"nl": "hier hoort een waarde te staan", "en": "Expecting value"},
    "json_expecting_name": {
        "nl": "hier hoort een naam tussen dubbele aanhalingstekens te staan",
        "en": "Expecting property name enclosed in double quotes",
    },
    "json_expecting_comma": {"nl": "hier ontbreekt een komma", "en": "Expecting ',' delimiter"},
    "json_expecting_colon": {"nl": "hier ontbreekt een dubbele punt", "en": "Expecting ':' delimiter"},
    "json_unterminated_string": {
        "nl": "een tekst tussen aanhalingstekens wordt niet afgesloten",
        "en": "Unterminated string starting at",
    },
    "json_extra_data": {
        "nl": "na het einde van de JSON staat nog meer tekst",
        "en": "Extra data",
    },
    "json_turn_without_text": {"nl": "beurt zonder tekst overgeslagen", "en": "turn without text skipped"},
    "json_turn_without_text_hint": {"nl": 'geef elke beurt een "text"', "en": 'give each turn a "text"'},
    "json_not_objects": {
        "nl": "de lijst met beurten bevat iets anders dan objecten",
        "en": "the list of turns holds something other than objects",
    },
    "json_no_turns": {"nl": "geen lijst met beurten gevonden", "en": "no list of turns found"},
    "json_shape_hint": {
        "nl": 'schrijf een lijst met beurten, zoals [{{"speaker": "Interviewer", "text": "..."}}]',
        "en": 'write a list of turns like [{{"speaker": "Interviewer", "text": "..."}}]',
    },
    "docx_unreadable": {
        "nl": "geen Word-document dat te openen is ({kind})",
        "en": "not a Word document that can be opened ({kind})",
    },
    "docx_unreadable_hint": {
        "nl": "open het in Word en sla het opnieuw op als .docx, of exporteer het als .txt",
        "en": "open it in Word and save it again as .docx, or export it as .txt",
    },
    "docx_table": {
        "nl": "het transcript staat in een tabel, en tabellen worden niet gelezen",
        "en": "the transcript is in a table, which is not read",
    },
    "docx_table_hint": {
        "nl": "zet de tabel om naar tekst (één regel `Naam: tekst` per beurt) of sla het op als .txt",
        "en": "convert the table to text (one `Name: text` line per turn) or save it as .txt",
    },
    "front_matter_unclosed": {
        "nl": "het metadatablok (front matter) dat op regel 1 begint, wordt nergens afgesloten",
        "en": "the front matter that opens on line 1 is never closed",
    },
    "front_matter_hint": {
        "nl": "zet de metadata als regels `sleutel: waarde` tussen twee regels met ---",
        "en": "write the metadata as `key: value` lines between two lines of ---",
    },
    "front_matter_yaml": {
        "nl": "het metadatablok (front matter) is geen geldige YAML: {problem}",
        "en": "the front matter is not valid YAML: {problem}",
    },
    "front_matter_invalid_yaml": {"nl": "ongeldige YAML", "en": "invalid YAML"},
    "front_matter_not_mapping": {
        "nl": "het metadatablok (front matter) bestaat niet uit regels `sleutel: waarde`",
        "en": "the front matter is not a list of `key: value` lines",
    },
    "subtitles_no_cues": {
        "nl": "geen ondertitelblokken gevonden (een blok heeft een regel als `00:00:01.000 --> 00:00:04.000`)",
        "en": "no subtitle cues found (a cue has a line like `00:00:01.000 --> 00:00:04.000`)",
    },
    "subtitles_no_cues_hint": {
        "nl": "controleer of het bestand een WebVTT- of SRT-export is, of sla het transcript op als .txt",
        "en": "check that the file is a WebVTT or SRT export, or save the transcript as .txt",
    },
    # -- participants.csv (knowledge/participants.py) ---------------------------------------------------
    "sidecar_hint": {
        "nl": "participants.csv heeft een kopregel nodig met ten minste een kolom `file`, "
        "en daarna één rij per interview",
        "en": "participants.csv needs a header row with at least a `file` column, then one row per interview",
    },
    "sidecar_no_file_column": {"nl": "geen kolom `file`", "en": "no `file` column"},
    "sidecar_unknown_file": {
        "nl": "er is geen interviewbestand met de naam {file}",
        "en": "no interview file named {file}",
    },
    "sidecar_unknown_file_hint": {
        "nl": "verbeter de bestandsnaam in deze rij, of verwijder de rij",
        "en": "correct the file name in this row, or remove the row",
    },
    "sidecar_too_many_values": {
        "nl": "de rij heeft {values} waarden, maar de kopregel heeft {columns} kolommen",
        "en": "the row has {values} values but the header has {columns} columns",
    },
    "sidecar_too_many_values_hint": {
        "nl": "zet aanhalingstekens om waarden waar het scheidingsteken in staat, of verwijder de extra waarden",
        "en": "put quotes around values that contain the delimiter, or remove the extra values",
    },
    "sidecar_no_file": {"nl": "de rij noemt geen bestand", "en": "the row names no file"},
    # -- pseudonyms (knowledge/pseudonymise.py) --------------------------------------------------------
    "no_such_pseudonym": {
        "nl": "niemand heeft het pseudoniem {pseudonym}",
        "en": "no person has the pseudonym {pseudonym}",
    },
    "no_such_pseudonym_hint": {
        "nl": "pseudoniemen zien eruit als P01 (geïnterviewde), I01 (interviewer) of M01 (bij naam genoemd)",
        "en": "pseudonyms look like P01 (interviewee), I01 (interviewer) or M01 (mentioned by name)",
    },
    "pseudonym_mapping_unreadable": {
        "nl": "de koppeltabel van de pseudoniemen is niet te lezen: {error}",
        "en": "the pseudonym mapping cannot be read: {error}",
    },
    "project_id_invalid": {
        "nl": "geen geldige project-id: {found}",
        "en": "not a valid project id: {found}",
    },
    "project_id_invalid_hint": {
        "nl": "verwijder het bestand; samen maakt dan een nieuwe id (en indexeert de notities opnieuw)",
        "en": "delete the file; samen then makes a new id (and indexes the notes again)",
    },
    "pseudonym_mapping_unreadable_hint": {
        "nl": "zet het bestand terug uit een back-up; als je het verwijdert, begint samen met nieuwe "
        "pseudoniemen en klopt eerdere uitvoer niet meer",
        "en": "restore it from a backup; deleting it starts new pseudonyms, so earlier output no longer matches",
    },
    # -- surveys (knowledge/surveys.py) ----------------------------------------------------------------
    "surveys_folder_missing": {
        "nl": "de map surveys bestaat niet",
        "en": "the surveys folder does not exist",
    },
    "surveys_folder_missing_hint": {
        "nl": "zet de geëxporteerde antwoorden (.csv of .xlsx) in de map surveys/ van het project",
        "en": "put the exported answers (.csv or .xlsx) in the project's surveys/ folder",
    },
    "surveys_none": {
        "nl": "geen .csv- of .xlsx-bestanden in de map surveys",
        "en": "no .csv or .xlsx files in the surveys folder",
    },
    "surveys_none_hint": {
        "nl": "exporteer de antwoorden uit Google Forms of Microsoft Forms naar deze map",
        "en": "export the answers from Google Forms or Microsoft Forms into this folder",
    },
    "survey_csv_hint": {
        "nl": "exporteer de antwoorden opnieuw uit het formulierprogramma, of open het bestand in een "
        "spreadsheet en sla het op als CSV",
        "en": "export the answers again from the form tool, or open the file in a spreadsheet and save it as CSV",
    },
    "survey_xlsx_hint": {
        "nl": "open het bestand in Excel en sla het opnieuw op als .xlsx, of exporteer de antwoorden als CSV",
        "en": "open the file in Excel and save it again as .xlsx, or export the answers as CSV",
    },
    "csv_malformed": {
        "nl": "het CSV-bestand is niet goed opgebouwd: {error}",
        "en": "the CSV is malformed: {error}",
    },
    "csv_malformed_hint": {
        "nl": 'zoek rond deze regel naar een aanhalingsteken (") dat niet wordt afgesloten',
        "en": 'look for an unclosed quote (") near this line',
    },
    "csv_no_header": {"nl": "het bestand heeft geen kopregel", "en": "the file has no header row"},
    "csv_row_shape": {
        "nl": "deze rij heeft {found} velden, terwijl de kopregel er {expected} heeft; de rij is overgeslagen",
        "en": "this row has {found} fields where the header has {expected}; the row was skipped",
    },
    "csv_row_shape_hint": {
        "nl": 'zoek in deze rij naar een scheidingsteken te veel of een aanhalingsteken (") dat niet wordt '
        "afgesloten",
        "en": 'look for a stray delimiter or an unclosed quote (") in this row',
    },
    "xlsx_unreadable": {
        "nl": "geen Excel-bestand dat te lezen is ({kind})",
        "en": "not a readable Excel workbook ({kind})",
    },
    "xlsx_empty": {
        "nl": "het eerste werkblad van het Excel-bestand is leeg",
        "en": "the workbook's first sheet is empty",
    },
    # -- embeddings (knowledge/embeddings.py) ----------------------------------------------------------
    "embeddings_openai_key": {
        "nl": "embeddings 'openai' hebben een API-sleutel nodig",
        "en": "embeddings 'openai' need an API key",
    },
    "embeddings_openai_key_hint": {
        "nl": "stel OPENAI_API_KEY in, of kies `embeddings: {{name: e5}}` in samen.yaml",
        "en": "set OPENAI_API_KEY or choose `embeddings: {{name: e5}}` in samen.yaml",
    },
    "embeddings_package_missing": {
        "nl": "embeddings 'sentence-transformers' hebben het optionele pakket sentence-transformers nodig",
        "en": "embeddings 'sentence-transformers' need the optional package sentence-transformers",
    },
    "embeddings_package_missing_hint": {
        "nl": "pip install samen[sentence-transformers], of kies `embeddings: {{name: e5}}` in samen.yaml",
        "en": "pip install samen[sentence-transformers], or choose `embeddings: {{name: e5}}` in samen.yaml",
    },
    "embeddings_unknown": {"nl": "onbekende embedder {name}", "en": "unknown embedder {name}"},
    "embeddings_unknown_hint": {
        "nl": "kies e5, wordllama, openai of hashing",
        "en": "choose e5, wordllama, openai or hashing",
    },
    # -- chat model providers (agents/shared/providers.py) ----------------------------------------------------
    "provider_unknown": {
        "nl": "SAMEN_PROVIDER={provider} is geen bekende provider",
        "en": "SAMEN_PROVIDER={provider} is not a provider",
    },
    "provider_unknown_hint": {"nl": "gebruik een van deze: {choices}", "en": "use one of {choices}"},
    "provider_openai_key": {
        "nl": "provider openai heeft een API-sleutel nodig",
        "en": "provider openai needs an API key",
    },
    "provider_openai_key_hint": {
        "nl": "stel OPENAI_API_KEY in, of kies `provider: offline` in samen.yaml",
        "en": "set OPENAI_API_KEY or choose `provider: offline` in samen.yaml",
    },
    "provider_compatible_url": {
        "nl": "provider openai-compatible heeft de URL van de server nodig",
        "en": "provider openai-compatible needs the server's URL",
    },
    "provider_compatible_url_hint": {
        "nl": "stel provider.base_url in samen.yaml in (bijvoorbeeld http://localhost:11434/v1), of SAMEN_BASE_URL",
        "en": "set provider.base_url in samen.yaml (e.g. http://localhost:11434/v1) or SAMEN_BASE_URL",
    },
    "provider_compatible_model": {
        "nl": "provider openai-compatible heeft een modelnaam nodig",
        "en": "provider openai-compatible needs a model name",
    },
    "provider_compatible_model_hint": {
        "nl": "stel provider.model in samen.yaml in, of SAMEN_MODEL",
        "en": "set provider.model in samen.yaml or SAMEN_MODEL",
    },
    "provider_azure_key": {
        "nl": "provider azure heeft een API-sleutel nodig",
        "en": "provider azure needs an API key",
    },
    "provider_azure_key_hint": {
        "nl": "stel AZURE_OPENAI_API_KEY in, of kies `provider: offline` in samen.yaml",
        "en": "set AZURE_OPENAI_API_KEY or choose `provider: offline` in samen.yaml",
    },
    "provider_azure_endpoint": {
        "nl": "provider azure heeft het endpoint van de resource nodig",
        "en": "provider azure needs the resource endpoint",
    },
    "provider_azure_endpoint_hint": {
        "nl": "stel provider.base_url in samen.yaml in, of AZURE_OPENAI_ENDPOINT",
        "en": "set provider.base_url in samen.yaml or AZURE_OPENAI_ENDPOINT",
    },
    "provider_azure_deployment": {
        "nl": "provider azure heeft de naam van de deployment nodig",
        "en": "provider azure needs the deployment name",
    },
    "provider_azure_deployment_hint": {
        "nl": "stel provider.model in samen.yaml in",
        "en": "set provider.model in samen.yaml",
    },
    # -- agents ----------------------------------------------------------------------------------
    "concepts_no_needs": {
        "nl": "de behoeftekaart bevat geen behoeften, dus er is niets waarop een concept kan steunen",
        "en": "the needs map has no needs, so no concept can rest on one",
    },
    "concepts_no_needs_hint": {
        "nl": "beoordeel de behoeftekaart (samen review needs-map) en keur een versie goed met ten minste "
        "één behoefte",
        "en": "review the needs map (samen review needs-map) and approve one with at least one need",
    },
    "no_such_concept": {"nl": "er is geen concept {concept}", "en": "there is no concept {concept}"},
    "concept_without_need": {
        "nl": "concept {concept} steunt op geen enkele behoefte van deze behoeftekaart",
        "en": "concept {concept} rests on no need of this needs map",
    },
    "concept_without_need_hint": {"nl": "stel de concepten opnieuw op", "en": "redraft the concepts"},
    "concept_not_in_hypotheses": {
        "nl": "concept {concept} staat niet in de conceptalternatieven",
        "en": "concept {concept} is not in the concept hypotheses",
    },
    "no_such_column": {"nl": "geen kolom {column}", "en": "no column {column}"},
    "no_such_column_hint": {
        "nl": "de kolommen zijn: {columns}; kies er een met --text-column",
        "en": "the columns are: {columns}; choose one with --text-column",
    },
    "no_columns": {"nl": "(geen)", "en": "(none)"},
}


def lookup(catalogue: dict[str, dict[str, str]], language: str | None, key: str, **values: object) -> str:
    """The text for ``key`` in ``language`` (English when the language is unknown), filled in with ``values``."""
    texts = catalogue[key]
    return fill(texts.get(language or FALLBACK, texts[FALLBACK]), values)


def fill(template: str, values: dict[str, object]) -> str:
    """``template.format(**values)``, with text and paths shell-quoted inside `backticks`.

    A command between backticks is meant to be copied into a terminal: a reviewer's name with a space
    (``--by 'Sanne Bakker'``) or a project path with one must survive the paste.
    """
    parts = template.split("`")
    quoted = {
        name: shlex.quote(str(value)) if isinstance(value, str | Path) else value
        for name, value in values.items()
    }
    return "`".join(part.format(**(quoted if index % 2 else values)) for index, part in enumerate(parts))


def message(language: str | None, key: str, **values: object) -> str:
    """A message of the contract layer (errors and read problems of artefacts, knowledge and agents)."""
    return lookup(MESSAGES, language, key, **values)


def project_language(root: Path | str) -> str:
    """The ``language`` of ``<root>/samen.yaml``: the project's default (nl) when the key is missing,
    English when there is no readable project file or the language is not nl/en.

    Read tolerantly: a broken project file is reported elsewhere, never here. Read once while the file
    is unchanged (its size and modification time key the cache): every message asks for it.
    """
    path = Path(root) / PROJECT_FILE
    try:
        stat = path.stat()
    except OSError:
        return FALLBACK
    return _language_in(str(path.resolve()), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _language_in(path: str, _mtime_ns: int, _size: int) -> str:
    import yaml

    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return FALLBACK
    if not isinstance(data, dict):
        return FALLBACK
    from artefacts.project import Project

    language = data.get("language", Project.model_fields["language"].default)
    return language if language in LANGUAGES else FALLBACK
