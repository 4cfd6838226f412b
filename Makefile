# Two commands do everything on a fresh machine:
#   make site   - create .venv, install yswd, build the example site into site/ (make serve to preview)
#   make test   - the whole test suite (installs what it needs, browser included)

VENV ?= .venv
PYTHON ?= python3
BIN = $(VENV)/bin
export NO_MKDOCS_2_WARNING = 1

.PHONY: site serve review test system-deps

$(BIN)/yswd: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

site: $(BIN)/yswd
	$(BIN)/yswd build
	@echo "Built the public site into site/. Preview it with: make serve (http://127.0.0.1:8000/)"

serve: $(BIN)/yswd
	$(BIN)/yswd serve

review: $(BIN)/yswd
	$(BIN)/yswd build --audience review

system-deps:
	bash tests/system-deps.sh

test: $(BIN)/yswd system-deps
	$(BIN)/lint-imports
	$(BIN)/python -m pytest
