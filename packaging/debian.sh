# Sourced by setup.sh and build.sh: install the Debian packages that are missing, as root.
# usage: ensure_debian_packages "what they are for" package…

ensure_debian_packages() {
  local purpose=$1
  shift
  local missing=()
  local package
  for package in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$package")
    fi
  done
  if ((${#missing[@]})); then
    echo "btsdesk : paquets système manquants ($purpose) : ${missing[*]}"
    if [ "$(id -u)" -ne 0 ]; then
      echo "btsdesk : lancez ce script en root (ou avec sudo) pour les installer." >&2
      exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}
