"""knowledge: getting data in (parsers, segmentation, pseudonymisation, embeddings) and the project's
knowledge store. Flows and agents read the store through ``knowledge.project_knowledge.open_knowledge``
(``evidence_for``, ``notes_like``, ``guidance``; results typed in ``knowledge.hits``) and fill it with
``index_project``. Nothing is imported here, so importing one reader does not load chromadb."""
