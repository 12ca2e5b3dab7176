//! The effective `USER` at each point of a Dockerfile.

use keelson_syntax::Span;

use super::expand::Expansion;
use super::InstructionId;

/// The user the instructions of a stage (and, at its end, the image's containers) run as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EffectiveUser {
    /// No `USER` instruction of this Dockerfile applies: the base image's default user.
    Default(DefaultUser),
    /// A `USER` instruction sets the user (possibly in an earlier stage this stage is built
    /// `FROM`).
    Set(UserSetting),
}

/// Whose default applies when no `USER` instruction does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DefaultUser {
    /// The stage (or the stage chain it is built from) starts `FROM scratch`: the user is root.
    Scratch,
    /// The stage starts from an image whose configured user this model cannot see.
    Image,
}

/// What one `USER` instruction says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserSetting {
    /// The `USER` instruction.
    pub instruction: InstructionId,
    /// The stage that holds the instruction (an ancestor stage when inherited through
    /// `FROM <stage>`).
    pub stage: usize,
    /// The span of the whole `USER` instruction.
    pub span: Span,
    /// The span of the argument word (`root:root`, `${APP_USER}`).
    pub value_span: Span,
    /// The argument as written (quotes and variables kept).
    pub raw: String,
    /// The argument after expansion with the variables in scope at the instruction.
    pub expansion: Expansion,
    /// The user part after expansion (before the first `:`), when it could be resolved.
    pub user: Option<String>,
    /// The group part after expansion (after the first `:`), when there is one and it could be
    /// resolved.
    pub group: Option<String>,
}

/// Whether a user is root.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RootStatus {
    /// Root (`root`, uid `0`, an empty user after expansion, or the default user of `scratch`).
    Root,
    /// A user other than root.
    NotRoot,
    /// Cannot be told statically: an unresolved variable, or the base image's default user.
    Unknown,
}

impl EffectiveUser {
    /// Whether the user is root for certain. False when it cannot be told (see
    /// [`EffectiveUser::root_status`]).
    pub fn is_root(&self) -> bool {
        self.root_status() == RootStatus::Root
    }

    /// Whether the user is root, not root, or unknown.
    ///
    /// - `USER root`, `USER 0`, `USER root:<anything>`, `USER 0:<anything>` (also `00`): root;
    /// - an argument that expands to the empty string (`ARG U=""` + `USER $U`): root, because
    ///   an image whose configured user is empty runs its containers as uid 0;
    /// - an argument whose user part depends on a variable the model cannot resolve: unknown;
    ///   a group part that cannot be resolved does not matter (`USER root:$GID` is root);
    /// - no `USER` at all: root when the stage chain starts `FROM scratch`, unknown otherwise
    ///   (the base image decides).
    pub fn root_status(&self) -> RootStatus {
        match self {
            EffectiveUser::Default(DefaultUser::Scratch) => RootStatus::Root,
            EffectiveUser::Default(DefaultUser::Image) => RootStatus::Unknown,
            EffectiveUser::Set(setting) => setting.root_status(),
        }
    }

    /// The `USER` setting that applies, if any.
    pub fn setting(&self) -> Option<&UserSetting> {
        match self {
            EffectiveUser::Set(s) => Some(s),
            EffectiveUser::Default(_) => None,
        }
    }

    /// Whether no `USER` instruction of this Dockerfile applies.
    pub fn is_default(&self) -> bool {
        matches!(self, EffectiveUser::Default(_))
    }
}

impl UserSetting {
    /// Builds the setting from the instruction's word and its expansion; `user_only` is the
    /// expansion of the part before the first unquoted `:` of the raw word, used when the whole
    /// word does not resolve.
    pub(crate) fn new(
        instruction: InstructionId,
        stage: usize,
        span: Span,
        value_span: Span,
        raw: String,
        expansion: Expansion,
        user_only: Option<Expansion>,
    ) -> UserSetting {
        let (user, group) = if expansion.is_resolved() {
            match expansion.value.split_once(':') {
                Some((u, g)) => (Some(u.to_owned()), Some(g.to_owned())),
                None => (Some(expansion.value.clone()), None),
            }
        } else {
            let user = user_only
                .filter(Expansion::is_resolved)
                .map(|e| e.value)
                .filter(|u| !u.contains(':'));
            (user, None)
        };
        UserSetting {
            instruction,
            stage,
            span,
            value_span,
            raw,
            expansion,
            user,
            group,
        }
    }

    /// See [`EffectiveUser::root_status`].
    pub fn root_status(&self) -> RootStatus {
        match self.user.as_deref() {
            None => RootStatus::Unknown,
            Some(u) if is_root_name(u) => RootStatus::Root,
            Some(_) => RootStatus::NotRoot,
        }
    }

    /// Whether the user is root for certain.
    pub fn is_root(&self) -> bool {
        self.root_status() == RootStatus::Root
    }

    /// The numeric uid, when the user part is a number.
    pub fn uid(&self) -> Option<u32> {
        self.user.as_deref().and_then(|u| u.parse().ok())
    }

    /// The numeric gid, when the group part is a number.
    pub fn gid(&self) -> Option<u32> {
        self.group.as_deref().and_then(|g| g.parse().ok())
    }
}

/// `root`, an all-zero uid, or empty.
fn is_root_name(user: &str) -> bool {
    user.is_empty() || user == "root" || user.bytes().all(|b| b == b'0')
}

/// The user part of a raw `USER` argument: everything before the first `:` that is not inside
/// quotes, a `${…}` or after the escape character.
pub(crate) fn raw_user_part(raw: &str, escape: char) -> Option<&str> {
    let mut quote: Option<char> = None;
    let mut depth = 0usize;
    let mut chars = raw.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match quote {
            Some(q) => {
                if c == q {
                    quote = None;
                } else if c == escape && q == '"' {
                    chars.next();
                }
            }
            None => {
                if c == escape {
                    chars.next();
                } else if c == '\'' || c == '"' {
                    quote = Some(c);
                } else if c == '$' && chars.peek().map(|&(_, n)| n) == Some('{') {
                    chars.next();
                    depth += 1;
                } else if c == '}' && depth > 0 {
                    depth -= 1;
                } else if c == ':' && depth == 0 {
                    return raw.get(..i);
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_names() {
        for u in ["root", "0", "000", ""] {
            assert!(is_root_name(u), "{u:?}");
        }
        for u in ["Root", "app", "1000", "nobody", "0x"] {
            assert!(!is_root_name(u), "{u:?}");
        }
    }

    #[test]
    fn raw_user_part_skips_braces_and_quotes() {
        assert_eq!(raw_user_part("root:$GID", '\\'), Some("root"));
        assert_eq!(raw_user_part("${U:-root}:x", '\\'), Some("${U:-root}"));
        assert_eq!(raw_user_part("\"a:b\"", '\\'), None);
        assert_eq!(raw_user_part("a\\:b:c", '\\'), Some("a\\:b"));
        assert_eq!(raw_user_part("app", '\\'), None);
    }
}
