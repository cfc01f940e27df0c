"""Whole pages kept in memory for readers who are not logged in.

See docs/caching.md: what is cached, how it is kept fresh without purging,
and how a CDN or nginx in front can keep copies too.
"""
