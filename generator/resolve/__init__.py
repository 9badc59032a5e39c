"""The resolved model: defaults and reference data applied, hours and ETP computed with their trace.

Every document, check, grid and score reads this model.
"""
