"""Extra ``plan-extract`` subcommands, one module each.

A module here defines ``register(subparsers) -> None`` which adds its subparser and sets
``func`` (a callable taking the parsed ``argparse.Namespace`` and returning an exit status).
:mod:`plan_extract.cli` discovers the modules in name order, so adding a command never means
editing the CLI's core.
"""
