"""`python -m sendreview` runs the command line."""

from sendreview.cli import main

main()
