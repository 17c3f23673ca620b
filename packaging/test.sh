#!/usr/bin/env bash
# Sets up what is missing, then runs the checks headless: lint, strict types of the core,
# and the whole test suite (Qt offscreen, no display needed).
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/setup.sh
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check btsdesk tests benchmarks packaging
.venv/bin/ruff format --check btsdesk tests benchmarks packaging
.venv/bin/mypy
.venv/bin/lint-imports --no-cache  # the layers of design.md (pyproject.toml)
.venv/bin/python -m pytest "$@"
