"""The demo network: its people and story as data (people.py, notes.py, story.py), assembled by build.py."""
