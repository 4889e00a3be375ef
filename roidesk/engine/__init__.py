"""The engine: asks storage for sums and turns them into figures with the core."""
