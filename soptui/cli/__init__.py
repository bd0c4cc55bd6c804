"""The command line, one module per group of commands; none imports back up.

main (the parser and `main`) → sops, runs, report, tui (the commands) → context (what every
command needs). Only `soptui`, `soptui run` and `soptui resume` import the Textual app.
"""

from .main import COMMANDS, build_parser, main

__all__ = ["COMMANDS", "build_parser", "main"]
