"""What a buyer needs to write a first spec: the commented starter spec (``clauses nouveau``)
and the JSON Schema that gives an editor completion and help (``clauses schema``).
"""
