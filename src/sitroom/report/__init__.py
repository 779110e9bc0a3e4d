"""The briefing: its model, how it is assembled from the store, and its renderings."""
