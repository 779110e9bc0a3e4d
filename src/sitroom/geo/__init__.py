"""Places and territory: name matching, the gazetteer, areas, control shares."""
