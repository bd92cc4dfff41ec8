"""Test fakes: a scripted chat model and a loopback OpenAI-compatible server, both recording requests."""
