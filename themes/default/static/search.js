// Search client: written by the search module (placeholder).
