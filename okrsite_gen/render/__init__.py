"""Stage 5: page contexts -> Markdown/HTML/SVG, through templates shipped in the package."""
