//! The resolved value tree: YAML after anchors, aliases and `<<` merge keys, with scalars
//! interpolated, every node still pointing at the source it was written in.
//!
//! Compose merging (override files, `extends`, `include`) works on this tree, and the typed
//! [`ComposeService`](super::ComposeService) fields are read from it.

use keelson_syntax::yaml::{truthy, NodeId, ScalarStyle};
use keelson_syntax::Span;

use super::interpolate::Interpolated;
use super::loc::Loc;

/// A resolved YAML value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Value {
    /// What the value is.
    pub kind: ValueKind,
    /// Where the value is written. For a value reached through an alias or merge key this is
    /// the node under the anchor (`&base`), not the alias.
    pub loc: Loc,
    /// The place that pulled this value in from elsewhere: the alias `*base`, the merge key
    /// `<<`, or the `extends` key of the service. `None` for a value written in place. When
    /// several levels apply, this is the outermost one (nearest the consumer).
    pub via: Option<Loc>,
    /// The YAML node in `loc.file`'s tree, when the value comes from one.
    pub node: Option<NodeId>,
    /// A compose merge tag on the value (`!reset`, `!override`).
    pub tag: Option<MergeTag>,
}

/// The compose merge tags.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MergeTag {
    /// `!reset`: remove the value set by earlier files.
    Reset,
    /// `!override`: replace the value set by earlier files instead of merging.
    Override,
}

/// The kinds of [`Value`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ValueKind {
    /// YAML null: nothing after the key, `null`, `~`.
    Null,
    /// A scalar (strings, numbers and booleans are all text here, as Compose reads them).
    Scalar(Box<Scalar>),
    /// A mapping with unique keys (duplicates were reported and the last one kept).
    Mapping(Vec<MapEntry>),
    /// A sequence.
    Sequence(Vec<Value>),
}

/// A scalar, before and after interpolation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scalar {
    /// The value after YAML escape processing, before interpolation.
    pub raw: String,
    /// The value after interpolation (equal to `raw` when there was nothing to interpolate).
    pub value: String,
    /// How the scalar was written.
    pub style: ScalarStyle,
    /// File offset of `raw[0]` when the raw value is a verbatim copy of the source bytes (plain
    /// one-line scalars, quoted scalars without escapes). Lets a sub-range of the value (a
    /// `${VAR}`, the part after `=`) be located exactly.
    pub raw_offset: Option<u32>,
    /// The interpolation records, when the raw value contained a `$`.
    pub interpolation: Option<Box<Interpolated>>,
}

/// One entry of a mapping.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MapEntry {
    /// The key (keys are never interpolated).
    pub key: String,
    /// Where the key is written.
    pub key_loc: Loc,
    /// The key's YAML node.
    pub key_node: Option<NodeId>,
    /// The value.
    pub value: Value,
}

/// A value read as a compose boolean.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Truth {
    /// `true`, `yes`, `on`, `y` (any case), also after interpolation.
    True,
    /// `false`, `no`, `off`, `n` (any case), or null.
    False,
    /// Controlled by a variable the model could not resolve (`${PRIV}` with `PRIV` unset).
    Unknown,
    /// Not a boolean at all (`privileged: maybe`, a mapping, …).
    Invalid,
}

impl Truth {
    /// Whether the value is definitely true.
    pub fn is_true(self) -> bool {
        self == Truth::True
    }

    /// The boolean, when known.
    pub fn as_bool(self) -> Option<bool> {
        match self {
            Truth::True => Some(true),
            Truth::False => Some(false),
            Truth::Unknown | Truth::Invalid => None,
        }
    }
}

impl Value {
    /// A null value at `loc`.
    pub fn null(loc: Loc) -> Self {
        Value {
            kind: ValueKind::Null,
            loc,
            via: None,
            node: None,
            tag: None,
        }
    }

    /// A literal scalar at `loc` (used for values the model synthesises).
    pub fn text(text: impl Into<String>, loc: Loc) -> Self {
        let text = text.into();
        Value {
            kind: ValueKind::Scalar(Box::new(Scalar {
                raw: text.clone(),
                value: text,
                style: ScalarStyle::Plain,
                raw_offset: None,
                interpolation: None,
            })),
            loc,
            via: None,
            node: None,
            tag: None,
        }
    }

    /// Whether the value is null.
    pub fn is_null(&self) -> bool {
        matches!(self.kind, ValueKind::Null)
    }

    /// The scalar, if this is one.
    pub fn as_scalar(&self) -> Option<&Scalar> {
        match &self.kind {
            ValueKind::Scalar(s) => Some(s),
            _ => None,
        }
    }

    /// The interpolated text of a scalar.
    pub fn as_str(&self) -> Option<&str> {
        self.as_scalar().map(|s| s.value.as_str())
    }

    /// The entries of a mapping.
    pub fn as_mapping(&self) -> Option<&[MapEntry]> {
        match &self.kind {
            ValueKind::Mapping(entries) => Some(entries),
            _ => None,
        }
    }

    /// The items of a sequence.
    pub fn as_sequence(&self) -> Option<&[Value]> {
        match &self.kind {
            ValueKind::Sequence(items) => Some(items),
            _ => None,
        }
    }

    /// The entry `key` of a mapping.
    pub fn entry(&self, key: &str) -> Option<&MapEntry> {
        self.as_mapping()?.iter().find(|e| e.key == key)
    }

    /// The value of `key` in a mapping.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.entry(key).map(|e| &e.value)
    }

    /// Follows a path of mapping keys: `value.path(&["deploy", "resources", "limits"])`.
    pub fn path(&self, keys: &[&str]) -> Option<&Value> {
        let mut current = self;
        for key in keys {
            current = current.get(key)?;
        }
        Some(current)
    }

    /// The value read as a compose boolean (compose-go's table: `yes`/`on`/`y`/`true` and
    /// `no`/`off`/`n`/`false`, any case). Null reads as false (Compose's default for every
    /// boolean attribute). A scalar whose interpolation left a variable unresolved is
    /// [`Truth::Unknown`].
    pub fn truth(&self) -> Truth {
        match &self.kind {
            ValueKind::Null => Truth::False,
            ValueKind::Scalar(s) => {
                if s.interpolation.as_ref().is_some_and(|i| !i.is_determined()) {
                    return Truth::Unknown;
                }
                match truthy(s.value.trim()) {
                    Some(true) => Truth::True,
                    Some(false) => Truth::False,
                    None => Truth::Invalid,
                }
            }
            _ => Truth::Invalid,
        }
    }

    /// A short name of the value's type, for messages.
    pub fn type_name(&self) -> &'static str {
        match self.kind {
            ValueKind::Null => "null",
            ValueKind::Scalar(_) => "a string",
            ValueKind::Mapping(_) => "a mapping",
            ValueKind::Sequence(_) => "a sequence",
        }
    }

    /// Sets `via` on this value and every value below it that does not have one yet.
    pub(crate) fn set_via(&mut self, via: Loc) {
        if self.via.is_none() {
            self.via = Some(via);
        }
        match &mut self.kind {
            ValueKind::Mapping(entries) => {
                for e in entries {
                    e.value.set_via(via);
                }
            }
            ValueKind::Sequence(items) => {
                for v in items {
                    v.set_via(via);
                }
            }
            ValueKind::Null | ValueKind::Scalar(_) => {}
        }
    }

    /// Removes every entry or item tagged `!reset` below this value (what is left after all
    /// merges), and clears `!override` tags.
    pub(crate) fn strip_merge_tags(&mut self) {
        self.tag = None;
        match &mut self.kind {
            ValueKind::Mapping(entries) => {
                entries.retain(|e| e.value.tag != Some(MergeTag::Reset));
                for e in entries {
                    e.value.strip_merge_tags();
                }
            }
            ValueKind::Sequence(items) => {
                items.retain(|v| v.tag != Some(MergeTag::Reset));
                for v in items {
                    v.strip_merge_tags();
                }
            }
            ValueKind::Null | ValueKind::Scalar(_) => {}
        }
    }

    /// For a scalar `KEY<sep>VALUE`: the key (interpolated text before the first `sep`), its
    /// location, and the rest as a value of its own (located exactly when the source allows).
    /// `None` for non-scalars; the rest is `None` when there is no `sep`.
    pub(crate) fn split_scalar(&self, sep: char) -> Option<(String, Loc, Option<Value>)> {
        let s = self.as_scalar()?;
        let Some(vi) = s.value.find(sep) else {
            let key_loc = s
                .raw_span(Span::new(0, s.raw.len()))
                .map_or(self.loc, |sp| Loc::new(self.loc.file, sp));
            return Some((s.value.clone(), key_loc, None));
        };
        let key = s.value.get(..vi).unwrap_or("").to_string();
        let rest = s.value.get(vi + sep.len_utf8()..).unwrap_or("").to_string();
        // Where the separator is in the raw text: the same place when the key part is literal.
        let raw_prefix_literal = !s.raw.get(..vi).unwrap_or("$").contains('$')
            && s.raw.get(vi..).is_some_and(|r| r.starts_with(sep));
        let ri = if raw_prefix_literal {
            Some(vi)
        } else {
            s.raw.find(sep)
        };
        let (key_loc, tail) = match ri {
            Some(ri) => {
                let mut tail = s.tail(ri + sep.len_utf8(), rest);
                if !raw_prefix_literal {
                    tail.raw_offset = None;
                }
                let key_loc = if raw_prefix_literal {
                    s.raw_span(Span::new(0, ri))
                        .map_or(self.loc, |sp| Loc::new(self.loc.file, sp))
                } else {
                    self.loc
                };
                (key_loc, tail)
            }
            None => (
                self.loc,
                Scalar {
                    raw: rest.clone(),
                    value: rest,
                    style: s.style,
                    raw_offset: None,
                    interpolation: None,
                },
            ),
        };
        let tail_loc = tail
            .raw_span(Span::new(0, tail.raw.len()))
            .map_or(self.loc, |sp| Loc::new(self.loc.file, sp));
        let value = Value {
            kind: ValueKind::Scalar(Box::new(tail)),
            loc: tail_loc,
            via: self.via,
            node: self.node,
            tag: None,
        };
        Some((key, key_loc, Some(value)))
    }
}

impl Scalar {
    /// The part `raw[from..]` of this scalar, with `value` as its interpolated text: the raw
    /// offset and interpolation records are shifted to the new start.
    pub(crate) fn tail(&self, from: usize, value: String) -> Scalar {
        let from = from.min(self.raw.len());
        let raw = self.raw.get(from..).unwrap_or("").to_string();
        let interpolation = self.interpolation.as_ref().and_then(|i| {
            let refs: Vec<_> = i
                .refs
                .iter()
                .filter(|r| r.span.start() >= from)
                .map(|r| {
                    let mut r = r.clone();
                    r.span = Span::new(r.span.start() - from, r.span.end() - from);
                    r.name_span = Span::new(
                        r.name_span.start().saturating_sub(from),
                        r.name_span.end().saturating_sub(from),
                    );
                    if let Some(a) = &mut r.argument {
                        a.span = Span::new(
                            a.span.start().saturating_sub(from),
                            a.span.end().saturating_sub(from),
                        );
                    }
                    r
                })
                .collect();
            let errors: Vec<_> = i
                .errors
                .iter()
                .filter(|e| e.span.start() >= from)
                .map(|e| {
                    let mut e = e.clone();
                    e.span = Span::new(e.span.start() - from, e.span.end() - from);
                    e
                })
                .collect();
            (!refs.is_empty() || !errors.is_empty()).then(|| {
                Box::new(Interpolated {
                    value: value.clone(),
                    refs,
                    errors,
                })
            })
        });
        Scalar {
            raw,
            value,
            style: self.style,
            raw_offset: self.raw_offset.map(|o| o + from as u32),
            interpolation,
        }
    }

    /// The file location of `span` (a byte range of [`raw`](Self::raw)), when the raw value maps
    /// onto the source byte for byte.
    pub fn raw_span(&self, span: Span) -> Option<Span> {
        let base = self.raw_offset? as usize;
        (span.end() <= self.raw.len()).then(|| span.shift(base))
    }

    /// Whether every variable the value depends on was resolved.
    pub fn is_determined(&self) -> bool {
        self.interpolation
            .as_ref()
            .is_none_or(|i| i.is_determined())
    }
}
