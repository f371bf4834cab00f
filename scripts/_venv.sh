# Sourced by the other scripts: makes .venv (Python 3.11+) and installs the project into it.
# UNGXU_EXTRAS=dev adds the tools the tests need. Re-running is cheap: pip skips what is there.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
stamp="$venv/.installed-${UNGXU_EXTRAS:-base}"
if [ ! -f "$stamp" ] || [ "$root/pyproject.toml" -nt "$stamp" ]; then
  target="$root"
  [ -n "${UNGXU_EXTRAS:-}" ] && target="$root[${UNGXU_EXTRAS}]"
  # This machine's pip configuration names local mirrors that may be absent; their warnings are noise.
  { "$venv/bin/python" -m pip install --quiet --upgrade pip \
      && "$venv/bin/python" -m pip install --quiet -e "$target"; } 2> >(grep -v "^WARNING: Location" >&2)
  touch "$stamp"
fi
export PATH="$venv/bin:$PATH"
