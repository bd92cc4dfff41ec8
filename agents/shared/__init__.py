"""The machinery every agent shares: the model step, providers, prompts, grounding, clustering, and the
protocol through which agents read the knowledge store (``retrieval.Retriever``)."""
