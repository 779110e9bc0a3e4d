"""What the claims say together: mentions into claims, bounds, disagreements, checks."""
