"""``python -m hospital_inspection``: the command-line interface."""

from hospital_inspection.cli import main

raise SystemExit(main())
