# Two commands do all set-up on a fresh machine (see README):
#   make build   install into .venv, then build output/ from corpus/
#   make test    install into .venv, then run the test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: build test clean

$(BIN)/diplokg: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

build: $(BIN)/diplokg
	$(BIN)/diplokg build --corpus corpus --out output

test: $(BIN)/diplokg
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) output/*.ttl output/*.html output/*.md output/*.svg output/*.png output/store output/.cache
