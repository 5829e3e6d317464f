"""Contacts: the list, the contact page and its panels, the model's rules, the admin."""
