"""Run the CLI as ``python -m kerava_etl``."""

from kerava_etl.entry import main

main()
