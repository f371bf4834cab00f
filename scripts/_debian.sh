# Sourced by the other scripts: installs Debian packages the product or its tests need when they
# are missing (as root; otherwise says what to install).
ensure_debian_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "Thiếu gói Debian: ${missing[*]} — chạy 'sudo apt-get install ${missing[*]}'." >&2
  fi
}
