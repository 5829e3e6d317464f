"""Data in and out: the portable backup, file formats, import preview and merge, exports."""
