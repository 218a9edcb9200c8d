"""Readers and writers of the files mtpipe takes and makes (corpus directories today)."""
