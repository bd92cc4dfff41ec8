"""The pages of the review workspace, one module each: overview, needs board, note source, artefacts
(rendered, reviewed, downloaded), the gate, the survey mapping."""
