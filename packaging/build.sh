#!/usr/bin/env bash
# Builds the Linux one-folder bundle of btsdesk (dist/btsdesk/) and its .desktop entry
# (dist/btsdesk.desktop), from a clean clone on a Debian machine, then runs the bundle's
# --self-test. Idempotent: what is already installed is not installed again.
#
#     bash packaging/build.sh                  # build, self-test
#     bash packaging/build.sh --install-desktop   # also put the entry in the user's menu
set -euo pipefail
cd "$(dirname "$0")/.."

install_desktop=no
for argument in "$@"; do
  case "$argument" in
    --install-desktop) install_desktop=yes ;;
    *) echo "btsdesk : option inconnue « $argument » (seule option : --install-desktop)" >&2
       exit 2 ;;
  esac
done

# 1. The app's own set-up: Debian libraries for Qt, .venv with the pinned packages.
bash packaging/setup.sh

# 2. What the build itself needs: binutils (PyInstaller calls objdump and objcopy), and the
#    libraries that Qt's plugins link to and that PyInstaller copies into the bundle: libcups2
#    (printing), libwayland-cursor0 and libwayland-egl1 (a Wayland session).
BUILD_PACKAGES=(binutils libcups2 libwayland-client0 libwayland-cursor0 libwayland-egl1)
source packaging/debian.sh
ensure_debian_packages "pour construire le paquet" "${BUILD_PACKAGES[@]}"

# 3. PyInstaller, pinned in the "bundle" extra of pyproject.toml.
stamp=.venv/.btsdesk-bundle-installed
wanted=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[test,bundle]" \
    2> >(grep -v "is ignored: it is neither a file nor a directory" >&2)
  echo "$wanted" > "$stamp"
fi

# 4. The bundle, from scratch.
rm -rf build/btsdesk dist/btsdesk dist/btsdesk.desktop
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build packaging/btsdesk.spec

# 5. The .desktop entry, pointing at this bundle.
bundle=$(pwd)/dist/btsdesk
sed "s|@BUNDLE@|$bundle|g" packaging/btsdesk.desktop > dist/btsdesk.desktop
chmod 755 dist/btsdesk.desktop
if [ "$install_desktop" = yes ]; then
  applications=${XDG_DATA_HOME:-$HOME/.local/share}/applications
  mkdir -p "$applications"
  cp dist/btsdesk.desktop "$applications/btsdesk.desktop"
  echo "btsdesk : entrée de menu installée dans $applications/btsdesk.desktop"
fi

# 6. The bundle checks itself, without a display and without network.
QT_QPA_PLATFORM=offscreen dist/btsdesk/btsdesk --self-test
echo "btsdesk : paquet construit dans dist/btsdesk/ ($(du -sh dist/btsdesk | cut -f1)), entrée" \
     "de menu dans dist/btsdesk.desktop"
