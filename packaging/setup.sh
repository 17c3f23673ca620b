#!/usr/bin/env bash
# Sets up btsdesk on a fresh Debian machine, idempotently: the system libraries Qt needs
# (installed only when missing, as root) and a virtual environment with the pinned Python
# packages of pyproject.toml. Re-running it does nothing that is already done.
set -euo pipefail
cd "$(dirname "$0")/.."

SYSTEM_PACKAGES=(
  libegl1 libgl1 libglib2.0-0 libfontconfig1 libfreetype6 libdbus-1-3 libgssapi-krb5-2
  libx11-6 libx11-xcb1 libxkbcommon0 libxkbcommon-x11-0
  libxcb1 libxcb-cursor0 libxcb-glx0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-randr0 libxcb-render0 libxcb-render-util0 libxcb-shape0 libxcb-shm0
  libxcb-sync1 libxcb-util1 libxcb-xfixes0 libxcb-xkb1
  xvfb xauth fonts-dejavu-core poppler-utils sqlite3
  cups cups-client printer-driver-cups-pdf libreoffice-calc-nogui
)

source packaging/debian.sh
ensure_debian_packages "pour Qt, les polices, l'impression et les tests (CUPS, LibreOffice : relecture des exports)" "${SYSTEM_PACKAGES[@]}"

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
# Reinstall only when the pinned dependencies changed.
stamp=.venv/.btsdesk-installed
wanted=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[test]" 2> >(grep -v "is ignored: it is neither a file nor a directory" >&2)
  echo "$wanted" > "$stamp"
fi
