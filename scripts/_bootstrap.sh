# Shared set-up for scripts/serve and scripts/test (sourced, not executed).
# Creates .venv with the pinned dependencies and installs Hireflow into it (editable).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

PYTHON="${PYTHON:-python3}"
if ! command -v "$PYTHON" >/dev/null 2>&1; then
    echo "Hireflow needs Python >= 3.11 (set PYTHON=/path/to/python3.11)." >&2
    exit 1
fi
if ! "$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)'; then
    echo "Hireflow needs Python >= 3.11; $("$PYTHON" --version) found (set PYTHON=...)." >&2
    exit 1
fi

if [ ! -x .venv/bin/python ]; then
    echo "==> Creating .venv"
    "$PYTHON" -m venv .venv
fi

STAMP=.venv/.hireflow-installed
WANT="$(cat pyproject.toml requirements.lock | sha256sum | cut -d' ' -f1)"
if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$WANT" ]; then
    echo "==> Installing dependencies (pinned by requirements.lock)"
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet -c requirements.lock -e ".[dev]"
    echo "$WANT" > "$STAMP"
fi
