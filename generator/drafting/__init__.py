"""Drafting the clause documents: the template context, the Jinja/docxtpl rendering, the plan of RC, CCAP, CCTP and note.

Imported by award and compare, never the other way.
"""
