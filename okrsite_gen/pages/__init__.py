"""Stage 4: graph -> pages. Each module builds one page type's context; no MkDocs here."""
