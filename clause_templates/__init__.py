"""The .docx clause templates, shipped as package data (see README.md here)."""
