#!/usr/bin/env bash
# Installs what is missing, builds, and writes the bundled example unit's
# workbook into Output/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
swift build -c release --product budgetxlsx
.build/release/budgetxlsx generate
