"""Getting things into the store: reports, places, control observations, the sample."""
