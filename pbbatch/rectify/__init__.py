"""Rectification (督促整改, contract section 8): every spot-check finding followed until it is fixed. Pure: the
stored ledger comes in as records, and what the run adds goes out as records for the history store."""
