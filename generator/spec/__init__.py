"""The spec a procurement officer writes: YAML read with line numbers, pydantic model, French messages, cross-field rules.

``load.load_spec`` is the way in.
"""
