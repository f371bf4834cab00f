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
  "$venv/bin/python" -m pip install --quiet --upgrade pip
  if [ -n "${UNGXU_EXTRAS:-}" ]; then
    "$venv/bin/python" -m pip install --quiet -e "$root[${UNGXU_EXTRAS}]"
  else
    "$venv/bin/python" -m pip install --quiet -e "$root"
  fi
  touch "$stamp"
fi
export PATH="$venv/bin:$PATH"
