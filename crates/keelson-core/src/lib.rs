//! keelson's linter core.
pub mod secrets;
