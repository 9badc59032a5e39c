"""Comparing two versions of a spec: changed fields, clause text diff, marked-up Word document.

Independent of award and review.
"""
