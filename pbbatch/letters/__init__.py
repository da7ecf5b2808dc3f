"""The printable responsibility letters (目標責任書) of contract section 7: one per department, DOCX and HTML."""
