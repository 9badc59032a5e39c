"""Award time: evaluation grid (.docx and protected .xlsx), bidders, marks readers and checks, scoring, analysis report.

Independent of review and compare.
"""
