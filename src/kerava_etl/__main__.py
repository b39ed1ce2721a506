"""Run the CLI as ``python -m kerava_etl``."""

from kerava_etl.cli import main

main()
