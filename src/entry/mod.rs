//! What a dataset entry is made of: one table of its fields ([`fields`]), from which the
//! validator, the importer, the exports, the JSON Schema, the `faircat new` template and
//! docs/entry-schema.md take their field lists.

pub mod fields;
mod table;

pub use fields::{Column, Field, Key, Kind, Need, Row};
