"""Phase 5, plan of approach: the day-by-day content calendar of the trial run and the plan."""
