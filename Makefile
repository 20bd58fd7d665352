# newsmirror: the two commands are `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PATH := $(CURDIR)/$(BIN):$(PATH)

.PHONY: demo test lint typecheck bench clean system-deps

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP) system-deps
	$(BIN)/scrapy demo

test: $(STAMP) system-deps
	$(BIN)/ruff check newsmirror tests benchmarks
	$(BIN)/mypy
	$(BIN)/python -m pytest -q --durations=15

lint: $(STAMP)
	$(BIN)/ruff check newsmirror tests benchmarks
	$(BIN)/ruff format --check newsmirror tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

# Debian packages newsmirror needs: Chromium renders JavaScript-only sites (scrapy-playwright
# drives Debian's chromium; `playwright install` would download a browser, which we never do);
# redis-server backs the distributed store and queue (the tests start their own on loopback).
CHROMIUM := /usr/lib/chromium/chromium
REDIS_SERVER := /usr/bin/redis-server
system-deps:
	@missing=""; \
	[ -x $(CHROMIUM) ] || missing="$$missing chromium"; \
	[ -x $(REDIS_SERVER) ] || missing="$$missing redis-server"; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing (needs root and apt)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

bench: $(STAMP)
	$(BIN)/python benchmarks/crawl_throughput.py
	$(BIN)/python benchmarks/bombs_traps.py

clean:
	rm -rf $(VENV) output build *.egg-info
