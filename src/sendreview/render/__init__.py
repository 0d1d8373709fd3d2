"""Renderers: result models in, text out. They never decide a verdict."""
