"""The review before publication: rules CS101-CS502, their findings, the text and JSON reports, the review note.

Rules read a ``Dossier``; ``approve`` records an approval once no rule finds an error.
"""
