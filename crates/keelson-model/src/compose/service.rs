//! [`ComposeService`]: one service after every merge (anchors, override files, `extends`,
//! `include`), with each attribute typed and located.

use super::issue::{ComposeIssue, IssueKind};
use super::keyvalue::{key_values, KeyValue};
use super::loc::{FileIdx, Loc};
use super::ports::{port_mapping, PortMapping};
use super::text::{Flag, Text};
use super::value::{Truth, Value, ValueKind};
use super::volumes::{volume_mount, VolumeMount};

/// A service of the merged project.
///
/// Absent attributes are `None` or empty; to point a diagnostic at a missing attribute (no
/// `read_only`, no `cap_drop`), use [`key_loc`](Self::key_loc). Attributes the model does not
/// type are reachable with [`raw`](Self::raw).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ComposeService {
    /// The service name.
    pub name: String,
    /// The service's key under `services:` (in the first file that defines it).
    pub key_loc: Loc,
    /// The merged service mapping.
    pub value: Value,
    /// `image`.
    pub image: Option<Text>,
    /// `build` (a string is read as `context`).
    pub build: Option<BuildConfig>,
    /// `user`.
    pub user: Option<Text>,
    /// `read_only`.
    pub read_only: Option<Flag>,
    /// `privileged`.
    pub privileged: Option<Flag>,
    /// `init`.
    pub init: Option<Flag>,
    /// `cap_add`.
    pub cap_add: Vec<Text>,
    /// `cap_drop`.
    pub cap_drop: Vec<Text>,
    /// `security_opt`.
    pub security_opt: Vec<Text>,
    /// `volumes`, both syntaxes.
    pub volumes: Vec<VolumeMount>,
    /// `tmpfs` (a string or a list).
    pub tmpfs: Vec<Text>,
    /// `environment`, both syntaxes; later duplicates win.
    pub environment: Vec<KeyValue>,
    /// `env_file` (a string, a list of strings, or a list of `{path, required, format}`).
    pub env_file: Vec<EnvFileRef>,
    /// `secrets`, both syntaxes.
    pub secrets: Vec<FileRef>,
    /// `configs`, both syntaxes.
    pub configs: Vec<FileRef>,
    /// `ports`, both syntaxes.
    pub ports: Vec<PortMapping>,
    /// `expose`.
    pub expose: Vec<Text>,
    /// `network_mode`.
    pub network_mode: Option<Text>,
    /// `networks` (a list of names or a mapping).
    pub networks: Vec<NetworkRef>,
    /// `pid`.
    pub pid: Option<Text>,
    /// `ipc`.
    pub ipc: Option<Text>,
    /// `uts`.
    pub uts: Option<Text>,
    /// `userns_mode`.
    pub userns_mode: Option<Text>,
    /// `cgroup_parent`.
    pub cgroup_parent: Option<Text>,
    /// `devices`, both syntaxes.
    pub devices: Vec<Device>,
    /// `healthcheck`.
    pub healthcheck: Option<Healthcheck>,
    /// `restart`.
    pub restart: Option<Text>,
    /// `deploy.resources.limits`.
    pub deploy_limits: Option<ResourceLimits>,
    /// `mem_limit`.
    pub mem_limit: Option<Text>,
    /// `cpus`.
    pub cpus: Option<Text>,
    /// `pids_limit`.
    pub pids_limit: Option<Text>,
    /// `logging`.
    pub logging: Option<Logging>,
    /// `sysctls`, both syntaxes.
    pub sysctls: Vec<KeyValue>,
    /// `extends`, as written in the service, with what it resolved to.
    pub extends: Option<ExtendsRef>,
    /// `profiles`.
    pub profiles: Vec<Text>,
    /// `labels`, both syntaxes.
    pub labels: Vec<KeyValue>,
    /// `command`.
    pub command: Option<CommandLine>,
    /// `entrypoint`.
    pub entrypoint: Option<CommandLine>,
}

impl ComposeService {
    /// The merged value of any attribute, typed or not (`svc.raw("stop_signal")`). The value
    /// carries its location and YAML node ([`Value::loc`], [`Value::node`]).
    pub fn raw(&self, key: &str) -> Option<&Value> {
        self.value.get(key)
    }

    /// The key of attribute `key` (for example to point at `privileged:` rather than `true`).
    pub fn key_of(&self, key: &str) -> Option<Loc> {
        self.value.entry(key).map(|e| e.key_loc)
    }

    /// Whether the service is only started with a profile.
    pub fn has_profiles(&self) -> bool {
        !self.profiles.is_empty()
    }

    /// The memory limit from `deploy.resources.limits.memory`, else `mem_limit`.
    pub fn memory_limit(&self) -> Option<&Text> {
        self.deploy_limits
            .as_ref()
            .and_then(|l| l.memory.as_ref())
            .or(self.mem_limit.as_ref())
    }

    /// The CPU limit from `deploy.resources.limits.cpus`, else `cpus`.
    pub fn cpu_limit(&self) -> Option<&Text> {
        self.deploy_limits
            .as_ref()
            .and_then(|l| l.cpus.as_ref())
            .or(self.cpus.as_ref())
    }

    /// The PIDs limit from `deploy.resources.limits.pids`, else `pids_limit`.
    pub fn pids_limit_value(&self) -> Option<&Text> {
        self.deploy_limits
            .as_ref()
            .and_then(|l| l.pids.as_ref())
            .or(self.pids_limit.as_ref())
    }

    /// The environment variable `name`, if declared.
    pub fn env(&self, name: &str) -> Option<&KeyValue> {
        self.environment.iter().find(|kv| kv.key == name)
    }
}

/// A service's `build`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildConfig {
    /// `context` (or the string form of `build`).
    pub context: Option<Text>,
    /// `dockerfile`.
    pub dockerfile: Option<Text>,
    /// `dockerfile_inline`.
    pub dockerfile_inline: Option<Text>,
    /// `args`, both syntaxes.
    pub args: Vec<KeyValue>,
    /// `target`.
    pub target: Option<Text>,
    /// `secrets`.
    pub secrets: Vec<FileRef>,
    /// `ssh` (`default`, `id=path`).
    pub ssh: Vec<Text>,
    /// `network`.
    pub network: Option<Text>,
    /// `privileged`.
    pub privileged: Option<Flag>,
    /// `entitlements` (`network.host`, `security.insecure`).
    pub entitlements: Vec<Text>,
    /// `labels`.
    pub labels: Vec<KeyValue>,
    /// The `build` value.
    pub loc: Loc,
}

/// A `secrets` or `configs` entry of a service (or of `build.secrets`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileRef {
    /// The secret or config name (the string form, or `source`).
    pub source: Option<Text>,
    /// `target` (long syntax; Compose defaults it to `/run/secrets/<source>` or `/<source>`).
    pub target: Option<Text>,
    /// `uid`.
    pub uid: Option<Text>,
    /// `gid`.
    pub gid: Option<Text>,
    /// `mode`.
    pub mode: Option<Text>,
    /// The item.
    pub loc: Loc,
    /// The alias, merge key or `extends` that brought the item in, if any.
    pub via: Option<Loc>,
}

/// An `env_file` entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnvFileRef {
    /// The path as written.
    pub path: Text,
    /// `required` (defaults to true when absent).
    pub required: Option<Flag>,
    /// `format` (`raw`).
    pub format: Option<Text>,
    /// The item.
    pub loc: Loc,
}

/// A network the service is attached to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NetworkRef {
    /// The network name.
    pub name: String,
    /// The name as written (list item or mapping key).
    pub loc: Loc,
    /// `aliases`.
    pub aliases: Vec<Text>,
    /// `ipv4_address`.
    pub ipv4_address: Option<Text>,
    /// `ipv6_address`.
    pub ipv6_address: Option<Text>,
    /// The alias, merge key or `extends` that brought the entry in, if any.
    pub via: Option<Loc>,
}

/// A `devices` entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Device {
    /// Host device path (or a CDI name such as `vendor.com/device=gpu`).
    pub source: Option<String>,
    /// Path in the container.
    pub target: Option<String>,
    /// cgroup permissions (`rwm`).
    pub permissions: Option<String>,
    /// The short-syntax string, if used.
    pub text: Option<Text>,
    /// The item.
    pub loc: Loc,
    /// The alias, merge key or `extends` that brought the item in, if any.
    pub via: Option<Loc>,
}

/// A service's `healthcheck`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Healthcheck {
    /// `test`.
    pub test: Option<CommandLine>,
    /// `disable`.
    pub disable: Option<Flag>,
    /// `interval`.
    pub interval: Option<Text>,
    /// `timeout`.
    pub timeout: Option<Text>,
    /// `retries`.
    pub retries: Option<Text>,
    /// `start_period`.
    pub start_period: Option<Text>,
    /// The `healthcheck` value.
    pub loc: Loc,
}

impl Healthcheck {
    /// Whether the healthcheck is turned off (`disable: true` or `test: ["NONE"]`).
    pub fn is_disabled(&self) -> bool {
        self.disable.as_ref().is_some_and(Flag::is_true)
            || self
                .test
                .as_ref()
                .and_then(|t| t.args.first())
                .is_some_and(|a| a.value == "NONE")
    }
}

/// `deploy.resources.limits`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResourceLimits {
    /// `memory`.
    pub memory: Option<Text>,
    /// `cpus`.
    pub cpus: Option<Text>,
    /// `pids`.
    pub pids: Option<Text>,
    /// The `limits` value.
    pub loc: Loc,
}

/// A service's `logging`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Logging {
    /// `driver`.
    pub driver: Option<Text>,
    /// `options`.
    pub options: Vec<KeyValue>,
    /// The `logging` value.
    pub loc: Loc,
}

/// `command`, `entrypoint` or `healthcheck.test`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommandLine {
    /// The words: one item for the string (shell) form, each item for the list (exec) form.
    pub args: Vec<Text>,
    /// Whether the string form was used (Compose splits it like a shell would).
    pub shell_form: bool,
    /// The value.
    pub loc: Loc,
    /// The alias, merge key or `extends` that brought the value in, if any.
    pub via: Option<Loc>,
}

/// A service's `extends`, as written, and what it resolved to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExtendsRef {
    /// `service` (or the string form).
    pub service: Option<Text>,
    /// `file`, if given.
    pub file: Option<Text>,
    /// The `extends` value.
    pub loc: Loc,
    /// The base service's key, when it was found.
    pub base_key_loc: Option<Loc>,
    /// The file the base service was found in.
    pub base_file: Option<FileIdx>,
}

/// Reads the typed service from its merged value.
pub(crate) fn read_service(
    name: &str,
    key_loc: Loc,
    value: Value,
    extends: Option<ExtendsRef>,
    issues: &mut Vec<ComposeIssue>,
) -> ComposeService {
    let mut r = Reader {
        svc: &value,
        name,
        issues,
    };
    let image = r.text("image");
    let build = r.build();
    let user = r.text("user");
    let read_only = r.flag("read_only");
    let privileged = r.flag("privileged");
    let init = r.flag("init");
    let cap_add = r.texts("cap_add", false);
    let cap_drop = r.texts("cap_drop", false);
    let security_opt = r.texts("security_opt", false);
    let volumes = r.items("volumes", volume_mount);
    let tmpfs = r.texts("tmpfs", true);
    let environment = r.kv("environment", &['=']);
    let env_file = r.env_files();
    let secrets = r.file_refs(value.get("secrets"), "secrets");
    let configs = r.file_refs(value.get("configs"), "configs");
    let ports = r.items("ports", port_mapping);
    let expose = r.texts("expose", false);
    let network_mode = r.text("network_mode");
    let networks = r.networks();
    let pid = r.text("pid");
    let ipc = r.text("ipc");
    let uts = r.text("uts");
    let userns_mode = r.text("userns_mode");
    let cgroup_parent = r.text("cgroup_parent");
    let devices = r.devices();
    let healthcheck = r.healthcheck();
    let restart = r.text("restart");
    let deploy_limits = r.limits();
    let mem_limit = r.text("mem_limit");
    let cpus = r.text("cpus");
    let pids_limit = r.text("pids_limit");
    let logging = r.logging();
    let sysctls = r.kv("sysctls", &['=']);
    let profiles = r.texts("profiles", false);
    let labels = r.kv("labels", &['=']);
    let command = r.command(value.get("command"), "command");
    let entrypoint = r.command(value.get("entrypoint"), "entrypoint");
    let extends = extends.or_else(|| value.get("extends").map(read_extends));
    ComposeService {
        name: name.to_string(),
        key_loc,
        image,
        build,
        user,
        read_only,
        privileged,
        init,
        cap_add,
        cap_drop,
        security_opt,
        volumes,
        tmpfs,
        environment,
        env_file,
        secrets,
        configs,
        ports,
        expose,
        network_mode,
        networks,
        pid,
        ipc,
        uts,
        userns_mode,
        cgroup_parent,
        devices,
        healthcheck,
        restart,
        deploy_limits,
        mem_limit,
        cpus,
        pids_limit,
        logging,
        sysctls,
        extends,
        profiles,
        labels,
        command,
        entrypoint,
        value,
    }
}

/// Reads an `extends` value (`extends: base` or `{service, file}`).
pub(crate) fn read_extends(v: &Value) -> ExtendsRef {
    match &v.kind {
        ValueKind::Scalar(_) => ExtendsRef {
            service: Text::from_value(v),
            file: None,
            loc: v.loc,
            base_key_loc: None,
            base_file: None,
        },
        _ => ExtendsRef {
            service: v.get("service").and_then(Text::from_value),
            file: v.get("file").and_then(Text::from_value),
            loc: v.loc,
            base_key_loc: None,
            base_file: None,
        },
    }
}

struct Reader<'a> {
    svc: &'a Value,
    name: &'a str,
    issues: &'a mut Vec<ComposeIssue>,
}

impl Reader<'_> {
    fn wrong(&mut self, v: &Value, what: &str, expected: &str) {
        self.issues.push(ComposeIssue::new(
            IssueKind::WrongType,
            v.loc,
            format!(
                "service `{}`: `{what}` must be {expected}, not {}",
                self.name,
                v.type_name()
            ),
        ));
    }

    fn text_of(&mut self, v: Option<&Value>, what: &str) -> Option<Text> {
        let v = v?;
        match &v.kind {
            ValueKind::Scalar(_) => Text::from_value(v),
            ValueKind::Null => None,
            _ => {
                self.wrong(v, what, "a string");
                None
            }
        }
    }

    fn text(&mut self, key: &str) -> Option<Text> {
        let v = self.svc.get(key);
        self.text_of(v, key)
    }

    fn flag_of(&mut self, v: Option<&Value>, what: &str) -> Option<Flag> {
        let v = v?;
        let flag = Flag::from_value(v);
        if flag.value == Truth::Invalid {
            self.wrong(v, what, "a boolean (true/false, yes/no, on/off)");
        }
        Some(flag)
    }

    fn flag(&mut self, key: &str) -> Option<Flag> {
        let v = self.svc.get(key);
        self.flag_of(v, key)
    }

    /// A list of strings; with `single`, a lone string is accepted as a one-item list.
    fn texts_of(&mut self, v: Option<&Value>, what: &str, single: bool) -> Vec<Text> {
        let Some(v) = v else {
            return Vec::new();
        };
        match &v.kind {
            ValueKind::Null => Vec::new(),
            ValueKind::Scalar(_) if single => Text::from_value(v).into_iter().collect(),
            ValueKind::Sequence(items) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    match &item.kind {
                        ValueKind::Scalar(_) => out.extend(Text::from_value(item)),
                        ValueKind::Null => {}
                        _ => self.wrong(item, what, "a list of strings"),
                    }
                }
                out
            }
            _ => {
                self.wrong(v, what, "a list of strings");
                Vec::new()
            }
        }
    }

    fn texts(&mut self, key: &str, single: bool) -> Vec<Text> {
        let v = self.svc.get(key);
        self.texts_of(v, key, single)
    }

    fn kv(&mut self, key: &str, seps: &[char]) -> Vec<KeyValue> {
        match self.svc.get(key) {
            Some(v) => key_values(v, &format!("{}.{key}", self.name), seps, self.issues),
            None => Vec::new(),
        }
    }

    fn items<T>(
        &mut self,
        key: &str,
        read: fn(&Value, &mut Vec<ComposeIssue>) -> Option<T>,
    ) -> Vec<T> {
        let Some(v) = self.svc.get(key) else {
            return Vec::new();
        };
        match &v.kind {
            ValueKind::Null => Vec::new(),
            ValueKind::Sequence(items) => items
                .iter()
                .filter_map(|item| read(item, self.issues))
                .collect(),
            _ => {
                self.wrong(v, key, "a list");
                Vec::new()
            }
        }
    }

    fn build(&mut self) -> Option<BuildConfig> {
        let v = self.svc.get("build")?;
        match &v.kind {
            ValueKind::Scalar(_) => Some(BuildConfig {
                context: Text::from_value(v),
                dockerfile: None,
                dockerfile_inline: None,
                args: Vec::new(),
                target: None,
                secrets: Vec::new(),
                ssh: Vec::new(),
                network: None,
                privileged: None,
                entitlements: Vec::new(),
                labels: Vec::new(),
                loc: v.loc,
            }),
            ValueKind::Mapping(_) => {
                let args = match v.get("args") {
                    Some(a) => key_values(a, "build.args", &['='], self.issues),
                    None => Vec::new(),
                };
                let labels = match v.get("labels") {
                    Some(a) => key_values(a, "build.labels", &['='], self.issues),
                    None => Vec::new(),
                };
                let ssh = match v.get("ssh") {
                    Some(s) if s.as_mapping().is_some() => {
                        key_values(s, "build.ssh", &['='], self.issues)
                            .into_iter()
                            .map(|kv| {
                                let text = match &kv.value {
                                    Some(t) => format!("{}={}", kv.key, t.value),
                                    None => kv.key.clone(),
                                };
                                Text::literal(text, kv.loc)
                            })
                            .collect()
                    }
                    other => self.texts_of(other, "build.ssh", true),
                };
                Some(BuildConfig {
                    context: self.text_of(v.get("context"), "build.context"),
                    dockerfile: self.text_of(v.get("dockerfile"), "build.dockerfile"),
                    dockerfile_inline: self
                        .text_of(v.get("dockerfile_inline"), "build.dockerfile_inline"),
                    args,
                    target: self.text_of(v.get("target"), "build.target"),
                    secrets: self.file_refs(v.get("secrets"), "build.secrets"),
                    ssh,
                    network: self.text_of(v.get("network"), "build.network"),
                    privileged: self.flag_of(v.get("privileged"), "build.privileged"),
                    entitlements: self.texts_of(v.get("entitlements"), "build.entitlements", false),
                    labels,
                    loc: v.loc,
                })
            }
            ValueKind::Null => None,
            ValueKind::Sequence(_) => {
                self.wrong(v, "build", "a string or a mapping");
                None
            }
        }
    }

    fn file_refs(&mut self, v: Option<&Value>, what: &str) -> Vec<FileRef> {
        let Some(v) = v else {
            return Vec::new();
        };
        let items = match &v.kind {
            ValueKind::Null => return Vec::new(),
            ValueKind::Sequence(items) => items,
            _ => {
                self.wrong(v, what, "a list");
                return Vec::new();
            }
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            match &item.kind {
                ValueKind::Scalar(_) => out.push(FileRef {
                    source: Text::from_value(item),
                    target: None,
                    uid: None,
                    gid: None,
                    mode: None,
                    loc: item.loc,
                    via: item.via,
                }),
                ValueKind::Mapping(_) => {
                    let source = self.text_of(item.get("source"), what);
                    let target = self.text_of(item.get("target"), what);
                    let uid = self.text_of(item.get("uid"), what);
                    let gid = self.text_of(item.get("gid"), what);
                    let mode = self.text_of(item.get("mode"), what);
                    out.push(FileRef {
                        source,
                        target,
                        uid,
                        gid,
                        mode,
                        loc: item.loc,
                        via: item.via,
                    });
                }
                ValueKind::Null => {}
                ValueKind::Sequence(_) => self.wrong(item, what, "a string or a mapping"),
            }
        }
        out
    }

    fn env_files(&mut self) -> Vec<EnvFileRef> {
        let Some(v) = self.svc.get("env_file") else {
            return Vec::new();
        };
        let items: Vec<&Value> = match &v.kind {
            ValueKind::Scalar(_) => vec![v],
            ValueKind::Sequence(items) => items.iter().collect(),
            ValueKind::Null => Vec::new(),
            ValueKind::Mapping(_) => {
                self.wrong(v, "env_file", "a string or a list");
                Vec::new()
            }
        };
        let mut out = Vec::new();
        for item in items {
            match &item.kind {
                ValueKind::Scalar(_) => {
                    if let Some(path) = Text::from_value(item) {
                        out.push(EnvFileRef {
                            path,
                            required: None,
                            format: None,
                            loc: item.loc,
                        });
                    }
                }
                ValueKind::Mapping(_) => {
                    let path = self.text_of(item.get("path"), "env_file.path");
                    let required = self.flag_of(item.get("required"), "env_file.required");
                    let format = self.text_of(item.get("format"), "env_file.format");
                    if let Some(path) = path {
                        out.push(EnvFileRef {
                            path,
                            required,
                            format,
                            loc: item.loc,
                        });
                    }
                }
                ValueKind::Null => {}
                ValueKind::Sequence(_) => self.wrong(item, "env_file", "a string or a mapping"),
            }
        }
        out
    }

    fn networks(&mut self) -> Vec<NetworkRef> {
        let Some(v) = self.svc.get("networks") else {
            return Vec::new();
        };
        match &v.kind {
            ValueKind::Null => Vec::new(),
            ValueKind::Sequence(items) => {
                let mut out = Vec::new();
                for item in items {
                    match item.as_str() {
                        Some(name) => out.push(NetworkRef {
                            name: name.to_string(),
                            loc: item.loc,
                            aliases: Vec::new(),
                            ipv4_address: None,
                            ipv6_address: None,
                            via: item.via,
                        }),
                        None => self.wrong(item, "networks", "a list of names"),
                    }
                }
                out
            }
            ValueKind::Mapping(entries) => {
                let mut out = Vec::new();
                for e in entries {
                    let aliases = self.texts_of(e.value.get("aliases"), "networks.aliases", false);
                    let ipv4_address =
                        self.text_of(e.value.get("ipv4_address"), "networks.ipv4_address");
                    let ipv6_address =
                        self.text_of(e.value.get("ipv6_address"), "networks.ipv6_address");
                    out.push(NetworkRef {
                        name: e.key.clone(),
                        loc: e.key_loc,
                        aliases,
                        ipv4_address,
                        ipv6_address,
                        via: e.value.via,
                    });
                }
                out
            }
            ValueKind::Scalar(_) => {
                self.wrong(v, "networks", "a list or a mapping");
                Vec::new()
            }
        }
    }

    fn devices(&mut self) -> Vec<Device> {
        let Some(v) = self.svc.get("devices") else {
            return Vec::new();
        };
        let items = match &v.kind {
            ValueKind::Sequence(items) => items,
            ValueKind::Null => return Vec::new(),
            _ => {
                self.wrong(v, "devices", "a list");
                return Vec::new();
            }
        };
        let mut out = Vec::new();
        for item in items {
            match &item.kind {
                ValueKind::Scalar(s) => {
                    let spec = s.value.as_str();
                    let (source, target, permissions) = if spec.contains('=') && !spec.contains(':')
                    {
                        // CDI: vendor.com/device=name
                        (Some(spec.to_string()), None, None)
                    } else {
                        let mut parts = spec.splitn(3, ':');
                        let source = parts.next().map(str::to_string);
                        let target = parts.next().map(str::to_string).or_else(|| source.clone());
                        let permissions = parts.next().map(str::to_string);
                        (source, target, permissions)
                    };
                    out.push(Device {
                        source,
                        target,
                        permissions,
                        text: Text::from_value(item),
                        loc: item.loc,
                        via: item.via,
                    });
                }
                ValueKind::Mapping(_) => {
                    let get = |k: &str| item.get(k).and_then(Value::as_str).map(str::to_string);
                    out.push(Device {
                        source: get("source"),
                        target: get("target"),
                        permissions: get("permissions"),
                        text: None,
                        loc: item.loc,
                        via: item.via,
                    });
                }
                ValueKind::Null => {}
                ValueKind::Sequence(_) => self.wrong(item, "devices", "a string or a mapping"),
            }
        }
        out
    }

    fn command(&mut self, v: Option<&Value>, what: &str) -> Option<CommandLine> {
        let v = v?;
        match &v.kind {
            ValueKind::Scalar(_) => Some(CommandLine {
                args: Text::from_value(v).into_iter().collect(),
                shell_form: true,
                loc: v.loc,
                via: v.via,
            }),
            ValueKind::Sequence(_) => Some(CommandLine {
                args: self.texts_of(Some(v), what, false),
                shell_form: false,
                loc: v.loc,
                via: v.via,
            }),
            ValueKind::Null => None,
            ValueKind::Mapping(_) => {
                self.wrong(v, what, "a string or a list");
                None
            }
        }
    }

    fn healthcheck(&mut self) -> Option<Healthcheck> {
        let v = self.svc.get("healthcheck")?;
        match &v.kind {
            ValueKind::Mapping(_) => Some(Healthcheck {
                test: self.command(v.get("test"), "healthcheck.test"),
                disable: self.flag_of(v.get("disable"), "healthcheck.disable"),
                interval: self.text_of(v.get("interval"), "healthcheck.interval"),
                timeout: self.text_of(v.get("timeout"), "healthcheck.timeout"),
                retries: self.text_of(v.get("retries"), "healthcheck.retries"),
                start_period: self.text_of(v.get("start_period"), "healthcheck.start_period"),
                loc: v.loc,
            }),
            ValueKind::Null => None,
            _ => {
                self.wrong(v, "healthcheck", "a mapping");
                None
            }
        }
    }

    fn limits(&mut self) -> Option<ResourceLimits> {
        let v = self.svc.path(&["deploy", "resources", "limits"])?;
        match &v.kind {
            ValueKind::Mapping(_) => Some(ResourceLimits {
                memory: self.text_of(v.get("memory"), "deploy.resources.limits.memory"),
                cpus: self.text_of(v.get("cpus"), "deploy.resources.limits.cpus"),
                pids: self.text_of(v.get("pids"), "deploy.resources.limits.pids"),
                loc: v.loc,
            }),
            ValueKind::Null => None,
            _ => {
                self.wrong(v, "deploy.resources.limits", "a mapping");
                None
            }
        }
    }

    fn logging(&mut self) -> Option<Logging> {
        let v = self.svc.get("logging")?;
        match &v.kind {
            ValueKind::Mapping(_) => {
                let options = match v.get("options") {
                    Some(o) => key_values(o, "logging.options", &['='], self.issues),
                    None => Vec::new(),
                };
                Some(Logging {
                    driver: self.text_of(v.get("driver"), "logging.driver"),
                    options,
                    loc: v.loc,
                })
            }
            ValueKind::Null => None,
            _ => {
                self.wrong(v, "logging", "a mapping");
                None
            }
        }
    }
}
