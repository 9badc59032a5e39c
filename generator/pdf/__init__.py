"""PDF copies of the documents written, made by LibreOffice when it is installed.

Owns finding LibreOffice and running its conversion; nothing here renders a document.
"""
