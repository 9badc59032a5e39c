"""French typography of every document: the one set of rules (no-break spaces, apostrophes, article numbers)
that fixes text and checks it, applied to template sources at build time and to rendered .docx at render time.
"""
