# Samen — the two commands of the quick start are `make demo` and `make test`.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | sha256sum | cut -c1-12)
DEMO   := demo/nl-trainers
CHROMIUM := /usr/bin/chromium

export DO_NOT_TRACK := 1
export HF_HUB_OFFLINE := 1

.PHONY: demo test lint eval benchmarks clean install chromium

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Samen needs Python 3.11 or newer as '$(PYTHON)' (set PYTHON=...)"; exit 1; }
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $@

install: $(STAMP)

# Copy the Dutch example to demo/ (so the example itself stays clean) and run the whole pipeline on it,
# offline. The example's recorded review (review.yaml) stands in for the person who approves; the run
# stops at the go/no-go gate and says how to decide; then the example's recorded decision is applied
# and the pipeline continues through phases 3 to 6, ending with an HTML index of every artefact.
demo: $(STAMP)
	@mkdir -p demo
	@test -f $(DEMO)/samen.yaml || cp -r examples/nl-trainers $(DEMO)
	$(BIN)/samen run all --project $(DEMO) --review $(DEMO)/review.yaml
	@echo
	@echo "== The example's recorded decision at the gate (examples/nl-trainers/review.yaml) =="
	$(BIN)/samen replay $(DEMO)/review.yaml --project $(DEMO)
	$(BIN)/samen run all --project $(DEMO) --review $(DEMO)/review.yaml
	@$(BIN)/samen status --project $(DEMO)
	@echo
	@echo "The artefacts are in $(DEMO)/artefacts/ (JSON with .md, .html and .docx beside each); open $(DEMO)/artefacts/index.html."

# The test suite on two workers (pytest-xdist; a file's tests stay on one worker, so its fixtures are set up
# once), then the offline evaluation cases gated on evaluations/baseline.yaml (about 15 s once the per-user
# embedding cache is warm; the first run on a machine embeds the examples once, ~2-3 min).
test: $(STAMP) chromium
	$(BIN)/python -m pytest -n 2 --dist loadfile
	$(BIN)/samen eval --check

# The browser tests of the review workspace (tests/test_web_browser.py) drive Debian's Chromium with
# Playwright (Playwright's own browser download is not used): install it when it is missing.
chromium:
	@test -x $(CHROMIUM) || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update && apt-get install -y chromium; \
	  else sudo apt-get update && sudo apt-get install -y chromium; fi; }
	@test -x $(CHROMIUM) || { echo "$(CHROMIUM) is still missing: install Debian's chromium package"; exit 1; }

lint: $(STAMP)
	$(BIN)/ruff check artefacts knowledge agents flows evaluations tests benchmarks
	$(BIN)/ruff format --check artefacts knowledge agents flows evaluations
	$(BIN)/mypy

# Every case, offline; see the README ("Quality") for the model path: samen eval --provider openai ...
eval: $(STAMP)
	$(BIN)/samen eval

# Measurements, offline, on data kept in the repository (benchmarks/data, examples/, tests/fixtures); each
# prints its table, JSON goes to benchmarks/results/ (untracked); benchmarks/README.md has the table of every
# figure with the command that makes it. Nothing tracked is rewritten (--write appends to RESULTS.md).
BENCH_STAMP := $(VENV)/.benchmarks-$(shell cat pyproject.toml | sha256sum | cut -c1-12)

$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[benchmarks]'
	$(BIN)/python -m pip install --quiet --no-deps 'bertopic==0.17.4'
	rm -f $(VENV)/.benchmarks-*
	touch $@

benchmarks: $(STAMP) $(BENCH_STAMP)
	$(BIN)/python benchmarks/topics_benchmark.py
	$(BIN)/python benchmarks/embedding_throughput.py
	$(BIN)/python benchmarks/startup.py
	$(BIN)/python benchmarks/pipeline_scale.py --factors 1 10 50
	$(BIN)/python benchmarks/pipeline_scale.py --factors 1 10 --model scripted
	$(BIN)/python benchmarks/needs_baseline.py nl-trainers en-makers nl-zorg nl-bieb nl-energie
	$(BIN)/python benchmarks/reviewer_actions.py
	$(BIN)/python benchmarks/interviewee_counts.py
	$(BIN)/python benchmarks/pii_benchmark.py
	$(BIN)/python benchmarks/survey_mapping_benchmark.py
	$(BIN)/python benchmarks/needs_ideas.py nl-trainers en-makers nl-zorg nl-bieb nl-energie
	$(BIN)/python benchmarks/needs_ceiling.py

clean:
	rm -rf demo .pytest_cache .ruff_cache .mypy_cache
