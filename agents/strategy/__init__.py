"""Phase 4, strategy and means: channels and meeting formats scored, and the mix chosen."""
