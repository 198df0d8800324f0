//! jsonld (to be written).
