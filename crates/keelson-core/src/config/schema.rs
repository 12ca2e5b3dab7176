//! The JSON Schema of `keelson.toml`, generated from the configuration types (feature
//! `schema`). Editors with TOML schema support (Taplo, Even Better TOML) use it for completion
//! and validation; the repository publishes it as `docs/keelson.schema.json`.

use serde_json::Value;

/// A severity name, as written in `[severity]` tables.
#[derive(schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)] // Only its schema is used.
pub(super) enum SeverityName {
    /// Fails the run by default.
    Error,
    /// Fails the run unless `--severity error`.
    Warning,
    /// Informational.
    Info,
}

/// The JSON Schema (draft 2020-12) of `keelson.toml`.
pub fn json_schema() -> Value {
    let mut schema =
        serde_json::to_value(schemars::schema_for!(super::ConfigToml)).unwrap_or(Value::Null);
    if let Some(obj) = schema.as_object_mut() {
        obj.insert(
            "$id".to_string(),
            Value::String("https://keelson.dev/keelson.schema.json".to_string()),
        );
        obj.insert(
            "title".to_string(),
            Value::String("keelson.toml".to_string()),
        );
    }
    schema
}
