"""Spreadsheets in and out: the workspace workbook, platform exports and the client report."""
