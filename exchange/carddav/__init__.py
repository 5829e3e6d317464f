"""The CardDAV address book (RFC 6352): each person's active contacts as cards, for phones.

xml.py reads requests and writes multistatus answers, book.py is the address book (its cards,
their ETags, sync tokens, writing a card), views.py the resources; docs/sync.md says how to connect.
"""
