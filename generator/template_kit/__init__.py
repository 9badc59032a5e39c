"""Templates buyers own: exporting the shipped templates for editing, and checking a customised folder.

Owns ``clauses modeles exporter`` and ``clauses modeles verifier``; rendering stays in drafting.
"""
