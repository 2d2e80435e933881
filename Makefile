# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test install clean

$(BIN)/amity: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(BIN)/amity

install: $(BIN)/amity

# Set up, build the database from the shipped data if it is missing, and start the web app and API.
run: install
	$(BIN)/amity init
	$(BIN)/amity serve

# The whole test suite (SQLite; PostgreSQL too when AMITY_TEST_POSTGRES_URL is set).
test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
