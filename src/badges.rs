//! badges (to be written).
