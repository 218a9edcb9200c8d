"""Model resolution, fetching and the project's tiny test model."""
