# Maintainer shortcuts. The whole test suite is scripts/test.sh; docs/act.md explains the act runs.
#
#   make act-release CONFIG=path/to/bodhi-gen.yaml [VERSION=0.0.1] [VARIANTS=cpu] [MODE=production]
#   make test-act      # the end-to-end tests under act (engine running: scripts/engine/up.sh)

PYTHON ?= .venv/bin/python
CONFIG ?=
VERSION ?= 0.0.1
VARIANTS ?=
MODE ?= production
ENGINE_ENV ?= .engine/env
LOCK ?= /tmp/bodhi-engine.lock

.PHONY: act-release test-act

act-release:
	@test -n "$(CONFIG)" || { echo "usage: make act-release CONFIG=FILE [VERSION=...] [VARIANTS=...] [MODE=...]" >&2; exit 2; }
	. $(ENGINE_ENV) && flock $(LOCK) $(PYTHON) -m tests.support.act --config "$(CONFIG)" \
		--version "$(VERSION)" --variants "$(VARIANTS)" --mode "$(MODE)"

test-act:
	. $(ENGINE_ENV) && flock $(LOCK) $(PYTHON) -m pytest -m act -p no:cacheprovider --durations=0 tests/e2e
