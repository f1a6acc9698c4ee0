# The two commands a newcomer runs: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed

.PHONY: demo test test-fast install clean

$(STAMP): pyproject.toml
# a venv without pip (what `python3 -m venv` leaves where Debian's python3-venv is missing)
# is made again, not used
	$(BIN)/python -m pip --version >/dev/null 2>&1 || $(PYTHON) -m venv --clear $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
# the bytecode of every module, written now: where PYTHONDONTWRITEBYTECODE is set, Python
# would otherwise compile the whole package again in every process (~80 ms a `drama` run)
	$(BIN)/python -m compileall -q drama
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/drama build seeds -o output

test: $(STAMP)
	$(BIN)/python -m pytest -q

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m 'not slow'

# what can be made again: the venv, the audio and its manifests. Scripts (output/*.yaml, which a
# person edits) and exports stay.
clean:
	rm -rf $(VENV) output/*.wav output/*.mp3 output/*.m4b output/*.manifest.json
