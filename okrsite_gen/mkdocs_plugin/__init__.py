"""The thin MkDocs adapter: options in, generated files out. Nothing clever lives here."""
