#!/usr/bin/env bash
# Sets up what is missing, then starts btsdesk (the demo session when no file is given).
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/setup.sh
exec .venv/bin/btsdesk "$@"
