"""Phase 6, launch and community management: the launch plan (``runner.DRAFTERS``)."""
