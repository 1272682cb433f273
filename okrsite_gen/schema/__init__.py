"""The file format: one definition (`fields`) for the loader's checks and JSON Schema."""
