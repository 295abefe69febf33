# Two commands for users: `make build` and `make test`. Everything they need is installed here.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
COURSE ?= course
OUT ?= build

.PHONY: build test lint unit browser-deps clean

# The virtual environment with the project installed (editable); redone when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

# The test extra, and the question type and lesson block plug-ins the tests add from outside packager/.
$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml tests/plugins/likert/pyproject.toml tests/plugins/reveal/pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m pip install --quiet --no-deps -e tests/plugins/likert
	$(BIN)/python -m pip install --quiet --no-deps -e tests/plugins/reveal
	touch $@

# npm packages pinned in package-lock.json: scorm-again (the test LMS) and the official XSDs.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

build: $(VENV)/.installed
	$(BIN)/packager build $(COURSE) -o $(OUT)

# Chromium for the browser tests: $$PACKAGER_CHROMIUM, an installed chromium, Debian's package
# (as root), or else Playwright's own download.
browser-deps: $(VENV)/.installed-test
	@if [ -n "$$PACKAGER_CHROMIUM" ] || [ -x /usr/bin/chromium ]; then \
	  echo "Chromium: $${PACKAGER_CHROMIUM:-/usr/bin/chromium}"; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
	  $(BIN)/playwright install chromium; \
	fi

lint: $(VENV)/.installed-test
	$(BIN)/ruff check packager tests
	$(BIN)/ruff format --check packager tests
	$(BIN)/mypy

test: $(VENV)/.installed-test node_modules/.package-lock.json browser-deps lint
	$(BIN)/pytest

clean:
	rm -rf $(OUT)/*.zip .pytest_cache .mypy_cache .ruff_cache
