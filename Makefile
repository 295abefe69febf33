# Two commands for users: `make build` and `make test`. Everything they need is installed here.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
COURSE ?= course
OUT ?= build
# Open edX's SCORM XBlock in the XBlock workbench (tests/e2e/test_openedx.py) needs Python 3.12:
# $$PYTHON312, else pyenv's 3.12, else python3.12 on PATH.
OPENEDX_VENV ?= .venv-openedx
OPENEDX := tests/e2e/openedx

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

# The Open edX workbench's own environment: pinned versions, plus the test shim (tests/e2e/openedx/).
$(OPENEDX_VENV)/.installed: $(OPENEDX)/requirements.txt $(OPENEDX)/pyproject.toml $(wildcard $(OPENEDX)/scorm_workbench_shim/*.py)
	@start=$$(date +%s); py="$${PYTHON312:-}"; \
	if [ -z "$$py" ] && command -v pyenv >/dev/null 2>&1 && prefix=$$(pyenv prefix 3.12 2>/dev/null); then \
	  py="$${prefix%%:*}/bin/python"; fi; \
	if [ -z "$$py" ]; then py=$$(command -v python3.12 || true); fi; \
	if [ -z "$$py" ]; then echo "Python 3.12 is needed for the Open edX tests: set PYTHON312 or install it"; exit 1; fi; \
	test -x $(OPENEDX_VENV)/bin/python || "$$py" -m venv $(OPENEDX_VENV); \
	$(OPENEDX_VENV)/bin/python -m pip install --quiet -r $(OPENEDX)/requirements.txt && \
	$(OPENEDX_VENV)/bin/python -m pip install --quiet --no-deps --no-build-isolation ./$(OPENEDX) && \
	rm -rf $(OPENEDX)/build $(OPENEDX)/*.egg-info && \
	echo "Open edX workbench environment ($$py) ready in $$(( $$(date +%s) - start )) s"
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

test: $(VENV)/.installed-test node_modules/.package-lock.json $(OPENEDX_VENV)/.installed browser-deps lint
	$(BIN)/pytest

clean:
	rm -rf $(OUT)/*.zip .pytest_cache .mypy_cache .ruff_cache $(OPENEDX)/build
