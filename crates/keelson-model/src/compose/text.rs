//! Typed views of scalar values for the service model: [`Text`] and [`Flag`].

use keelson_syntax::yaml::NodeId;
use keelson_syntax::Span;

use super::interpolate::{Interpolated, VarRef};
use super::loc::Loc;
use super::value::{Truth, Value};

/// A scalar attribute as the model exposes it: the interpolated value, the raw text and where it
/// is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    /// The value after interpolation (what Compose uses).
    pub value: String,
    /// The value as written (after YAML escapes, before interpolation).
    pub raw: String,
    /// Where the value is written (for a value from an anchor: under the anchor).
    pub loc: Loc,
    /// The alias, merge key or `extends` that brought the value in, if it is not written in
    /// place (see [`Value::via`]).
    pub via: Option<Loc>,
    /// The YAML node in `loc.file`'s tree, if any.
    pub node: Option<NodeId>,
    /// File offset of `raw[0]` when the raw text is a verbatim copy of the source.
    raw_offset: Option<u32>,
    /// The interpolation records, when the raw text contained a `$`.
    pub interpolation: Option<Box<Interpolated>>,
}

impl Text {
    /// The text of a scalar value; `None` for null, mappings and sequences.
    pub fn from_value(v: &Value) -> Option<Text> {
        let s = v.as_scalar()?;
        Some(Text {
            value: s.value.clone(),
            raw: s.raw.clone(),
            loc: v.loc,
            via: v.via,
            node: v.node,
            raw_offset: s.raw_offset,
            interpolation: s.interpolation.clone(),
        })
    }

    /// A literal text at `loc` (for values the model fills in).
    pub fn literal(value: impl Into<String>, loc: Loc) -> Text {
        let value = value.into();
        Text {
            raw: value.clone(),
            value,
            loc,
            via: None,
            node: None,
            raw_offset: None,
            interpolation: None,
        }
    }

    /// The interpolated value.
    pub fn as_str(&self) -> &str {
        &self.value
    }

    /// Whether every variable the value depends on was resolved (always true for literal
    /// text).
    pub fn is_determined(&self) -> bool {
        self.interpolation
            .as_ref()
            .is_none_or(|i| i.is_determined())
    }

    /// Whether the raw text referenced any variable.
    pub fn is_interpolated(&self) -> bool {
        self.interpolation
            .as_ref()
            .is_some_and(|i| !i.refs.is_empty())
    }

    /// The variable references of the raw text (empty for literal text).
    pub fn refs(&self) -> &[VarRef] {
        self.interpolation
            .as_ref()
            .map_or(&[], |i| i.refs.as_slice())
    }

    /// The file location of `span`, a byte range of [`raw`](Self::raw) (for example a
    /// [`VarRef::span`]). Exact when the raw text is a verbatim copy of the source (plain
    /// one-line and escape-free quoted scalars); otherwise the whole value's location.
    pub fn loc_of(&self, span: Span) -> Loc {
        match self.raw_offset {
            Some(base) if span.end() <= self.raw.len() => {
                Loc::new(self.loc.file, span.shift(base as usize))
            }
            _ => self.loc,
        }
    }
}

/// A boolean attribute (`privileged`, `read_only`, `init`, …) read with Compose's table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Flag {
    /// The boolean: [`Truth::Unknown`] when an unresolved variable controls it.
    pub value: Truth,
    /// Where the value is written.
    pub loc: Loc,
    /// The alias, merge key or `extends` that brought the value in, if any.
    pub via: Option<Loc>,
    /// The text, when the value is a scalar (`None` for null).
    pub text: Option<Text>,
}

impl Flag {
    /// The flag of a value.
    pub fn from_value(v: &Value) -> Flag {
        Flag {
            value: v.truth(),
            loc: v.loc,
            via: v.via,
            text: Text::from_value(v),
        }
    }

    /// Whether the flag is definitely true.
    pub fn is_true(&self) -> bool {
        self.value == Truth::True
    }
}
