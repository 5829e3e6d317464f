"""Encounters and what follows from them: the quick log, tie strength, gone quiet, the digest, the calendar."""
