"""The machinery every agent shares: the model step, providers, prompts, grounding, clustering."""
