"""Phase 2b, Test: the questionnaire, the survey analysis and the go/no-go advice."""
