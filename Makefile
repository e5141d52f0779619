# The two commands of the README: `make demo` and `make test`.
.PHONY: demo test install lint screenshots

install:
	@scripts/install.sh

demo: install
	REGIE_ENV=demo REGIE_SCAN=off .venv/bin/regie demo

# DATABASE_URL selects PostgreSQL (e.g. postgres://postgres@127.0.0.1:5432/regie);
# without it the suite runs on SQLite.
test:
	@scripts/install.sh --with-browser
	REGIE_ENV=test .venv/bin/pytest $(PYTEST_ARGS)

lint: install
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	REGIE_ENV=test .venv/bin/mypy

# The screenshots in docs/guides/ are taken by the browser tests.
screenshots:
	@scripts/install.sh --with-browser
	REGIE_ENV=test REGIE_SCREENSHOT_DIR=docs/guides/img .venv/bin/pytest -q -m browser
