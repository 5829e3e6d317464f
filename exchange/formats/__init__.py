"""Contacts in and out: reading vCard and CSV exports into plain records, merging, exporting."""
