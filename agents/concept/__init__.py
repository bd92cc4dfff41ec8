"""Phase 2a, Concept: concept hypotheses and the persona of the chosen concept."""
