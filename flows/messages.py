"""What the CLI and the flows say to a person, in the project's language (nl or en; English otherwise).

Command names, option names and artefact names (``samen approve``, ``--by``, ``needs-map``) stay as they
are in every language: they are what the user types. Placeholders are ``str.format`` fields and are the
same in both languages (tests/test_messages.py checks it).
"""

from __future__ import annotations

from pathlib import Path

from artefacts.messages import lookup, project_language
from artefacts.store import Workspace

MESSAGES: dict[str, dict[str, str]] = {
    # -- shared words -------------------------------------------------------------------------------
    "state_draft": {"nl": "concept", "en": "draft"},
    "state_reviewed": {"nl": "beoordeeld", "en": "reviewed"},
    "state_approved": {"nl": "goedgekeurd", "en": "approved"},
    "state_rejected": {"nl": "afgewezen", "en": "rejected"},
    "choose_one_of": {"nl": "kies uit: {options}", "en": "choose one of: {options}"},
    "file_not_found": {"nl": "bestand niet gevonden", "en": "file not found"},
    "check_the_path": {"nl": "controleer het pad", "en": "check the path"},
    "unchanged": {"nl": "{name} v{version} (ongewijzigd)", "en": "{name} v{version} (unchanged)"},
    "who_decides": {"nl": "wie neemt het besluit?", "en": "who is deciding?"},
    "who_decides_hint": {
        "nl": "voeg --by JOUW-NAAM toe; je naam komt in het auditlog",
        "en": "add --by YOUR-NAME; it goes into the audit log",
    },
    # -- the command line (flows/cli/) --------------------------------------
    "error": {"nl": "fout", "en": "error"},
    "interrupted": {"nl": "onderbroken", "en": "interrupted"},
    "init_created": {
        "nl": "{path} aangemaakt. Zet de interviewtranscripten in {interviews} en draai "
        "`samen run initiative --project {directory}`.",
        "en": "Created {path}. Put transcripts in {interviews} and run `samen run initiative --project {directory}`.",
    },
    "cluster_done": {
        "nl": "{clusters} clusters, {clustered}/{total} teksten ingedeeld → {out}",
        "en": "{clusters} clusters, {clustered}/{total} texts clustered → {out}",
    },
    "eval_reports": {"nl": "rapporten: {json}, {html}", "en": "reports: {json}, {html}"},
    "column_phase": {"nl": "fase", "en": "phase"},
    "column_artefact": {"nl": "artefact", "en": "artefact"},
    "column_version": {"nl": "versie", "en": "version"},
    "column_state": {"nl": "status", "en": "state"},
    "column_path": {"nl": "pad", "en": "path"},
    "review_decided": {
        "nl": "{artefact} v{version}: {action} door {by}",
        "en": "{artefact} v{version}: {action} by {by}",
    },
    "review_edits_taken_in": {
        "nl": "needs-map: {count} wijziging(en) verwerkt → v{version}",
        "en": "needs-map: {count} edit(s) taken in → v{version}",
    },
    "review_no_edits": {
        "nl": "needs-map: geen wijzigingen gevonden in het Markdown-bestand",
        "en": "needs-map: no edits found in the rendered file",
    },
    "review_edit_applied": {
        "nl": "needs-map: {op} verwerkt → v{version}",
        "en": "needs-map: {op} → v{version}",
    },
    "export_wrote": {"nl": "{path} geschreven", "en": "wrote {path}"},
    "chosen": {
        "nl": "concept-hypotheses v{version}: {concept} gekozen door {by}. Keur de versie goed met "
        "`samen approve concept-hypotheses --project {project} --by {by}` en draai daarna `samen run concept`.",
        "en": "concept-hypotheses v{version}: {concept} chosen by {by}. Approve it with "
        "`samen approve concept-hypotheses --project {project} --by {by}`, then `samen run concept`.",
    },
    "choice_only_concepts": {
        "nl": "--choice geldt alleen voor concept-hypotheses",
        "en": "--choice applies to concept-hypotheses only",
    },
    "choice_only_concepts_hint": {"nl": "laat --choice weg", "en": "drop --choice"},
    "reason_hint": {
        "nl": "geef met --reason in een paar woorden aan waarom",
        "en": "give a --reason of a few words",
    },
    "decision_recorded": {
        "nl": "vastgelegd: {decision} voor concept {concept} door {reviewer} (op basis van {versions})",
        "en": "recorded: {decision} for concept {concept} by {reviewer} (based on {versions})",
    },
    "resume_failed": {
        "nl": "kon de wachtende flow-run {run} niet hervatten: {error}",
        "en": "could not resume the waiting run {run}: {error}",
    },
    "resumed": {
        "nl": "de flow-run die bij de poort wachtte is hervat ({run})",
        "en": "resumed the flow run waiting at the gate ({run})",
    },
    "no_flow_closing": {
        "nl": "er wacht geen flow; de afsluiting staat in {path}",
        "en": "no flow is waiting; closing summary: {path}",
    },
    "no_flow_continue": {
        "nl": "er wacht geen flow; `samen run test --project {project}` (of `run all`) gaat verder vanaf het besluit",
        "en": "no flow is waiting; `samen run test --project {project}` (or `run all`) continues from the decision",
    },
    "gate_not_yet": {"nl": "poort: nog niet ({error})", "en": "gate: not yet ({error})"},
    "nothing_to_apply": {"nl": "nog niets om toe te passen", "en": "nothing to apply yet"},
    # -- recorded reviews (review_script.py) -------------------------------------------------------
    "not_review_script": {"nl": "geen reviewscript: {error}", "en": "not a review script: {error}"},
    "not_review_script_hint": {
        "nl": "zie flows/review_script.py voor de opbouw",
        "en": "see flows/review_script.py for the format",
    },
    "script_approved": {
        "nl": "{artefact} v{version}: goedgekeurd door {reviewer} (vastgelegde beoordeling)",
        "en": "{artefact} v{version}: approved by {reviewer} (recorded review)",
    },
    "script_chosen": {
        "nl": "concept-hypotheses v{version}: {concept} gekozen door {reviewer} (vastgelegde beoordeling)",
        "en": "concept-hypotheses v{version}: {concept} chosen by {reviewer} (recorded review)",
    },
    # -- project files (scaffold.py) ---------------------------------------------------------------
    "language_unsupported": {
        "nl": "taal '{code}' wordt niet ondersteund",
        "en": "language '{code}' is not supported",
    },
    "language_unsupported_hint": {"nl": "kies nl of en", "en": "choose nl or en"},
    "project_exists": {"nl": "er is al een samen.yaml", "en": "a samen.yaml exists already"},
    "project_exists_hint": {
        "nl": "pas die aan, of kies een andere map",
        "en": "edit it, or choose another folder",
    },
    "no_project": {"nl": "geen samen.yaml in deze map", "en": "no samen.yaml in this folder"},
    "no_project_hint": {
        "nl": "maak er een met `samen init {directory}`",
        "en": "run `samen init {directory}` to create one",
    },
    "not_yaml": {"nl": "geen geldige YAML: {problem}", "en": "not valid YAML: {problem}"},
    "not_settings": {
        "nl": "samen.yaml hoort instellingen te bevatten (sleutel: waarde)",
        "en": "samen.yaml should hold settings (key: value)",
    },
    "bad_setting": {"nl": "instelling '{setting}': {problem}", "en": "setting '{setting}': {problem}"},
    "bad_setting_hint": {
        "nl": "zie de toelichting in samen.yaml, of maak met `samen init` een nieuwe om te vergelijken",
        "en": "see the comments in samen.yaml, or `samen init` a fresh one to compare",
    },
    # -- progress steps ----------------------------------------------------------------------------
    "progress_embedding": {"nl": "vectoren", "en": "embedding"},
    "step_reading_interviews": {"nl": "interviews inlezen", "en": "reading interviews"},
    "step_embedding": {
        "nl": "{count} uitspraken omzetten in vectoren ({embedder})",
        "en": "embedding {count} statements ({embedder})",
    },
    "step_embedding_column": {
        "nl": "de kolom '{column}' van {file} omzetten in vectoren ({embedder})",
        "en": "embedding the '{column}' column of {file} ({embedder})",
    },
    "step_clustering": {"nl": "behoeften clusteren", "en": "clustering needs"},
    "step_coding": {
        "nl": "uitspraken coderen met het taalmodel",
        "en": "coding statements with the language model",
    },
    "step_naming": {
        "nl": "{count} behoeften benoemen met het taalmodel",
        "en": "naming {count} needs with the language model",
    },
    "step_concepts": {"nl": "conceptalternatieven opstellen", "en": "drafting concept hypotheses"},
    "step_concepts_revise": {
        "nl": "conceptalternatieven opstellen (met antwoord op de opmerking bij revise)",
        "en": "drafting concept hypotheses (answering the revise note)",
    },
    "step_persona": {
        "nl": "de persona van concept {concept} opstellen",
        "en": "drafting the persona of concept {concept}",
    },
    "step_questionnaire": {
        "nl": "de vragenlijst voor concept {concept} opstellen",
        "en": "drafting the questionnaire for concept {concept}",
    },
    "step_reading_surveys": {"nl": "enquêteantwoorden inlezen", "en": "reading survey answers"},
    "step_analysing": {"nl": "{count} antwoorden analyseren", "en": "analysing {count} answers"},
    "step_waiting_gate": {
        "nl": "wachten op een besluit bij de go/no-go-poort over concept {concept}",
        "en": "waiting at the go/no-go gate for concept {concept}",
    },
    # -- running phases (pipeline.py) --------------------------------------------------------------
    "phase_not_available": {
        "nl": "fase '{phase}' is nog niet beschikbaar",
        "en": "phase '{phase}' is not available yet",
    },
    "phases_available": {"nl": "beschikbaar: {phases}", "en": "available: {phases}"},
    "stopped_before": {"nl": "gestopt vóór {phase}: {error}", "en": "stopped before {phase}: {error}"},
    "waits": {"nl": "wacht: {line}", "en": "waits: {line}"},
    "waits_needs_map": {
        "nl": "wacht op goedkeuring: beoordeel needs-map v{version} en keur die goed met "
        "`samen approve needs-map --project {project} --by JOUW-NAAM`",
        "en": "waits: review and approve needs-map v{version}: "
        "`samen approve needs-map --project {project} --by YOUR-NAME`",
    },
    "core_group_not_built": {
        "nl": "go voor concept {concept} door {reviewer} ({date}); fase 3 (kerngroep) zit nog niet in deze "
        "versie van Samen",
        "en": "go for concept {concept} by {reviewer} ({date}); phase 3 (core group) is not built yet in this "
        "version of Samen",
    },
    "gate_timeout": {
        "nl": "niemand heeft binnen {timeout} s een besluit genomen bij de go/no-go-poort",
        "en": "nobody decided at the go/no-go gate within {timeout} s",
    },
    "gate_timeout_hint": {
        "nl": '`samen decide go|no-go|revise --project {project} --by JOUW-NAAM --reason "…"`; daarna gaat '
        "`samen run test --project {project}` verder vanaf het besluit",
        "en": '`samen decide go|no-go|revise --project {project} --by YOUR-NAME --reason "…"`, then '
        "`samen run test --project {project}` continues from the decision",
    },
    # -- phase 2a and 2b (concept.py, survey.py) ---------------------------------------------------
    "before_concept": {"nl": "de conceptfase (2a)", "en": "the concept phase (2a)"},
    "before_test": {"nl": "de test (fase 2b)", "en": "the test (phase 2b)"},
    "choose_concept": {
        "nl": "kies een concept ({ids}) in concept-hypotheses v{version}: "
        "`samen choose C1 --project {project} --by JOUW-NAAM`, of "
        "`samen approve concept-hypotheses --choice C1 --project {project} --by JOUW-NAAM`",
        "en": "choose a concept ({ids}) on concept-hypotheses v{version}: "
        "`samen choose C1 --project {project} --by YOUR-NAME`, or "
        "`samen approve concept-hypotheses --choice C1 --project {project} --by YOUR-NAME`",
    },
    "approve_concepts": {
        "nl": "keur concept-hypotheses v{version} goed (gekozen: concept {concept}): "
        "`samen approve concept-hypotheses --project {project} --by JOUW-NAAM`",
        "en": "approve concept-hypotheses v{version} (concept {concept} chosen): "
        "`samen approve concept-hypotheses --project {project} --by YOUR-NAME`",
    },
    "approve_questionnaire": {
        "nl": "keur questionnaire v{version} goed, verstuur de vragenlijst ({csv}, .form.json) en zet de "
        "antwoorden in surveys/: `samen approve questionnaire --project {project} --by JOUW-NAAM`",
        "en": "approve questionnaire v{version}, send it out ({csv}, .form.json) and put the answers in surveys/: "
        "`samen approve questionnaire --project {project} --by YOUR-NAME`",
    },
    "put_answers": {
        "nl": "zet de antwoorden op questionnaire v{version} (exports als .csv of .xlsx) in {folder} en draai "
        "`samen run test --project {project}` opnieuw",
        "en": "put the survey answers (.csv or .xlsx exports) for questionnaire v{version} in {folder} and run "
        "`samen run test --project {project}` again",
    },
    "no_persona": {
        "nl": "er is geen persona voor concept {concept} uit concept-hypotheses v{version}",
        "en": "there is no persona for concept {concept} of concept-hypotheses v{version}",
    },
    "no_persona_hint": {
        "nl": "draai `samen run concept --project {project}` om die op te stellen",
        "en": "run `samen run concept --project {project}` to draft it",
    },
    "gate_go": {
        "nl": "besluit bij de poort: {decision} door {reviewer} ({reason}); fase 3 (kerngroep) mag beginnen",
        "en": "the gate says {decision} by {reviewer}: {reason}; phase 3 (core group) may start",
    },
    "gate_no_go": {
        "nl": "besluit bij de poort: {decision} door {reviewer} ({reason}); wat we leerden: {path}",
        "en": "the gate says {decision} by {reviewer}: {reason}; what was learned: {path}",
    },
    "gate_revise": {
        "nl": "besluit bij de poort: {decision} door {reviewer} ({reason}); `samen run concept --project {project}` "
        "stelt een nieuwe versie van de concepten op die op de opmerking ingaat",
        "en": "the gate says {decision} by {reviewer}: {reason}; `samen run concept --project {project}` drafts "
        "a new concept version that answers the note",
    },
    "gate_waiting": {
        "nl": "besluit nodig bij de go/no-go-poort over concept {concept} (advies: {advice}; lees {path})",
        "en": "waiting at the go/no-go gate for concept {concept} (advice: {advice}; read {path})",
    },
    "gate_decide": {
        "nl": 'neem een besluit: `samen decide go|no-go|revise --project {project} --by JOUW-NAAM --reason "…"`',
        "en": 'decide: `samen decide go|no-go|revise --project {project} --by YOUR-NAME --reason "…"`',
    },
    "gate_form_based_on": {
        "nl": "_Op basis van: {versions}. Besluit go, no-go of revise, met je naam en een reden._",
        "en": "_Based on: {versions}. Decide go, no-go or revise, with your name and a reason._",
    },
    # -- the approval chain and the gate's record (gates.py) ---------------------------------------
    "needs_approved_none": {
        "nl": "{before} heeft een goedgekeurde {name} nodig, en er is er nog geen opgesteld",
        "en": "{before} needs an approved {name}, and none has been drafted yet",
    },
    "run_first": {
        "nl": "draai eerst `samen run {producer} --project {project}`",
        "en": "run `samen run {producer} --project {project}` first",
    },
    "needs_approved_state": {
        "nl": "{before} heeft een goedgekeurde {name} nodig; {name} v{version} heeft de status '{state}'",
        "en": "{before} needs an approved {name}; {name} v{version} is {state}",
    },
    "review_then_approve": {
        "nl": "beoordeel de versie en keur die goed met `samen approve {name} --project {project} --by JOUW-NAAM`",
        "en": "review it, then `samen approve {name} --project {project} --by YOUR-NAME`",
    },
    "no_such_concept": {
        "nl": "concept-hypotheses v{version} heeft geen concept '{concept}'",
        "en": "concept-hypotheses v{version} has no concept '{concept}'",
    },
    "no_concept_chosen": {
        "nl": "er is nog geen concept gekozen in concept-hypotheses v{version} ({ids})",
        "en": "no concept has been chosen on concept-hypotheses v{version} ({ids})",
    },
    "no_concept_chosen_hint": {
        "nl": "`samen choose C1 --project {project} --by JOUW-NAAM --version {version}`",
        "en": "`samen choose C1 --project {project} --by YOUR-NAME --version {version}`",
    },
    "no_advice_yet": {
        "nl": "er is nog geen go/no-go-advies om over te besluiten",
        "en": "there is no go/no-go advice to decide on yet",
    },
    "no_advice_for_concept": {
        "nl": "er is nog geen go/no-go-advies voor concept {concept} (concept-hypotheses v{version})",
        "en": "there is no go/no-go advice for concept {concept} (concept-hypotheses v{version}) yet",
    },
    "put_answers_hint": {
        "nl": "zet de enquêteantwoorden in surveys/ en draai `samen run test --project {project}`",
        "en": "put the survey answers in surveys/ and run `samen run test --project {project}`",
    },
    "wrong_concept": {
        "nl": "de test is gedaan voor concept {tested}, niet voor {decided}",
        "en": "the test was run for concept {tested}, not {decided}",
    },
    "wrong_concept_hint": {
        "nl": "besluit over {tested}, of kies een ander concept, keur het goed en test het",
        "en": "decide on {tested}, or choose and approve another concept and test it",
    },
    "go_needed_first": {
        "nl": "fase 3 heeft een vastgelegde go bij de go/no-go-poort nodig; eerst: {error}",
        "en": "phase 3 needs a recorded go at the go/no-go gate; first: {error}",
    },
    "go_none": {
        "nl": "fase 3 heeft een vastgelegde go nodig voor concept {concept} (concept-hypotheses v{version}); "
        "daarvoor is nog geen besluit vastgelegd",
        "en": "phase 3 needs a recorded go for concept {concept} (concept-hypotheses v{version}); "
        "no decision has been recorded for it",
    },
    "go_how": {
        "nl": "draai `samen run test --project {project}` en daarna "
        '`samen decide go --project {project} --by JOUW-NAAM --reason "…"`',
        "en": "run `samen run test --project {project}`, then "
        '`samen decide go --project {project} --by YOUR-NAME --reason "…"`',
    },
    "go_other": {
        "nl": "fase 3 heeft een go nodig, maar het besluit over concept {concept} (concept-hypotheses v{version}) "
        "is {decision} door {reviewer}: {reason}",
        "en": "phase 3 needs a go, but the decision for concept {concept} (concept-hypotheses v{version}) "
        "is {decision} by {reviewer}: {reason}",
    },
    "go_other_hint": {
        "nl": "na revise stelt `samen run concept` een nieuwe versie op; na no-go staat in de afsluiting in "
        "artefacts/2b-test/ wat we leerden",
        "en": "after revise: `samen run concept` drafts a new version; after no-go the closing summary in "
        "artefacts/2b-test/ says what was learned",
    },
    # -- `samen status` (status.py) ----------------------------------------------------------------
    "status_review": {
        "nl": "wacht op een beoordelaar: `samen approve {name} --project {project} --by JOUW-NAAM` of "
        "`samen reject {name} --project {project} --by JOUW-NAAM --note …` (versie {version})",
        "en": "waits for a reviewer: `samen approve {name} --project {project} --by YOUR-NAME` or "
        "`samen reject {name} --project {project} --by YOUR-NAME --note …` (version {version})",
    },
    "status_blocked": {"nl": "wacht op goedkeuring van: {names}", "en": "waits for approval of: {names}"},
    "status_done": {"nl": "goedgekeurd", "en": "approved"},
    "status_not_built": {
        "nl": "nog niet beschikbaar in deze versie van Samen",
        "en": "not available in this version of Samen yet",
    },
    "status_not_run": {
        "nl": "nog niet gedraaid: `samen run {phase} --project {project}`",
        "en": "not run yet: `samen run {phase} --project {project}`",
    },
    "status_rejected": {
        "nl": "afgewezen: pas aan en draai `samen run {phase} --project {project}` opnieuw",
        "en": "rejected: adjust and run `samen run {phase} --project {project}` again",
    },
    "status_choose": {
        "nl": "wacht op een keuze uit {ids}: `samen approve concept-hypotheses --choice C1 --version {version} "
        "--project {project} --by JOUW-NAAM`",
        "en": "waits for a choice out of {ids}: `samen approve concept-hypotheses --choice C1 --version {version} "
        "--project {project} --by YOUR-NAME`",
    },
    "status_gate": {
        "nl": "wacht bij de go/no-go-poort (advies: {advice}): "
        "`samen decide go|no-go|revise --project {project} --by JOUW-NAAM --reason …`",
        "en": "waits at the go/no-go gate (advice: {advice}): "
        "`samen decide go|no-go|revise --project {project} --by YOUR-NAME --reason …`",
    },
    "status_no_advice": {
        "nl": "wacht op enquêteantwoorden voor het go/no-go-advies",
        "en": "waits for survey answers for the go/no-go advice",
    },
    "status_decided": {
        "nl": "besloten bij de poort: {decision} door {reviewer}",
        "en": "decided at the gate: {decision} by {reviewer}",
    },
    "status_no_go_yet": {
        "nl": "wacht op een go bij de go/no-go-poort",
        "en": "waits for a go at the go/no-go gate",
    },
    "status_warning": {"nl": "let op", "en": "note"},
    # -- the gatekeeper (gatekeeper.py) ---------------------------------------------------------------
    "approve_needs_choice": {
        "nl": "concept-hypotheses v{version} wordt goedgekeurd met een keuze, en er is nog geen concept "
        "gekozen (uit {ids})",
        "en": "concept-hypotheses v{version} is approved together with a choice, and no concept has been "
        "chosen yet (out of {ids})",
    },
    "approve_needs_choice_hint": {
        "nl": "`samen approve concept-hypotheses --choice C1 --version {version} --project {project} --by {by}`",
        "en": "`samen approve concept-hypotheses --choice C1 --version {version} --project {project} --by {by}`",
    },
    "not_reviewed_decide": {
        "nl": "over {name} wordt besloten bij de go/no-go-poort; het wordt niet goedgekeurd of afgewezen",
        "en": "{name} is decided on at the go/no-go gate; it is not approved or rejected",
    },
    "not_reviewed_evidence": {
        "nl": "{name} is het bewijs voor de go/no-go-poort; het wordt niet goedgekeurd of afgewezen",
        "en": "{name} is the evidence for the go/no-go gate; it is not approved or rejected",
    },
    "decide_hint": {
        "nl": "besluit bij de poort: `samen decide go --project {project} --by JOUW-NAAM --reason …`",
        "en": "decide at the gate: `samen decide go --project {project} --by YOUR-NAME --reason …`",
    },
    "transition_refused": {
        "nl": "{name} v{version} is {state}; het kan niet {action} worden",
        "en": "{name} v{version} is {state}; it cannot be {action}",
    },
    "transition_hint_draft": {"nl": "bekijk de versies met `samen status`", "en": "see `samen status`"},
    "transition_hint_reviewed": {"nl": "bekijk de versies met `samen status`", "en": "see `samen status`"},
    "transition_hint_approved": {
        "nl": "deze versie is al goedgekeurd; `samen status --project {project}` zegt wat er nu wacht",
        "en": "this version is approved already; `samen status --project {project}` says what waits now",
    },
    "transition_hint_rejected": {
        "nl": "een afgewezen versie blijft afgewezen: pas aan en draai `samen run {phase} --project {project}` "
        "voor een nieuwe versie",
        "en": "a rejected version stays rejected: adjust and run `samen run {phase} --project {project}` for "
        "a new version",
    },
    "choose_rejected": {
        "nl": "concept-hypotheses v{version} is afgewezen; kies op een nieuwe versie",
        "en": "concept-hypotheses v{version} was rejected; choose on a new version",
    },
    "changed_since": {
        "nl": "{name} is nu v{now} (besloten op v{was})",
        "en": "{name} is now v{now} (decided on v{was})",
    },
    "decision_invalidated": {
        "nl": "Het besluit '{decision}' van {reviewer} ({date}, concept {concept}) geldt niet meer: {changes}.",
        "en": "The '{decision}' of {reviewer} ({date}, concept {concept}) no longer applies: {changes}.",
    },
    "up_to_date": {
        "nl": "{name} v{version} is bijgewerkt ({state}); de invoer is niet veranderd",
        "en": "{name} v{version} is up to date ({state}); its inputs did not change",
    },
    "concept_ids_hint": {"nl": "kies uit: {ids}", "en": "choose one of: {ids}"},
    # -- `samen cluster` (clustering.py) -----------------------------------------------------------
    "unknown_embedder": {"nl": "onbekende embedder '{name}'", "en": "unknown embedder '{name}'"},
    # -- `samen notes like` (cli/notes.py) ---------------------------------------------------------
    "notes_like_title": {
        "nl": "Notities die lijken op {note} ({need}): {text}",
        "en": "Notes like {note} ({need}): {text}",
    },
    "notes_in_no_need": {"nl": "in geen behoefte", "en": "in no need"},
    "notes_none_like": {"nl": "geen andere notities gevonden", "en": "no other notes found"},
    "notes_not_indexed": {
        "nl": "notitie {note} staat niet in de kennisbank van dit project",
        "en": "note {note} is not in this project's knowledge store",
    },
    "notes_not_indexed_hint": {
        "nl": "de id's staan in de behoeftenkaart; is de kennisbank leeg, draai dan eerst "
        "`samen run initiative --project {project}`",
        "en": "the ids are in the needs map; if the store is empty, run "
        "`samen run initiative --project {project}` first",
    },
    "column_note": {"nl": "notitie", "en": "note"},
    "column_need": {"nl": "behoefte", "en": "need"},
    "column_where": {"nl": "bron:regel", "en": "source:line"},
    "column_text": {"nl": "tekst", "en": "text"},
}


def message(language: str | None, key: str, **values: object) -> str:
    """A message of the command line and the flows."""
    return lookup(MESSAGES, language, key, **values)


def state_word(language: str | None, state: str) -> str:
    """A review state (draft, reviewed, approved, rejected) in ``language``; unknown states as they are."""
    key = f"state_{state}"
    return message(language, key) if key in MESSAGES else state


def language_of(project: Workspace | Path | str) -> str:
    """The language of the project at ``project`` (a workspace or its folder); English when there is none."""
    root = project.root if isinstance(project, Workspace) else Path(project)
    return project_language(root)
