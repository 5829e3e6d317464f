"""Data in and out: the backup, the import formats, preview and merge, exports, the import task."""
