"""Pure-Python calculation core: records and figures. No Qt, no SQL, no spreadsheets."""
