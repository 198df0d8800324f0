//! `faircat init` and `faircat new`: a new catalog, a new entry.
