"""The content contract: reading YAML and Markdown records, their model, and the rules across them.

Knows nothing of HTML, templates, MkDocs or the command line.
"""
