"""The `okrsite` command line: one module per command."""
