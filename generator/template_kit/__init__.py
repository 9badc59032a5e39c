"""Templates buyers own: exporting the shipped templates for editing, and checking a customised folder.

Owns ``clauses modeles exporter`` and ``clauses modeles verifier`` (with ``--spec``, the folder's
templates rendered in memory through publish's plan of a dossier); rendering stays in drafting.
"""
