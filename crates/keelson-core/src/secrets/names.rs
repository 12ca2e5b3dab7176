//! Whether a variable, key or flag name says that it holds a secret.
//!
//! # How a name is read
//!
//! The name is split into lowercase words on `_`, `-`, `.`, `/`, `:`, spaces and camelCase
//! boundaries (`OpenIDConfig__ClientSecret` → `open id config client secret`; digits stay with
//! the word before them: `OAUTH2`, `S3`). Trailing words that only describe the encoding or
//! version of the value are dropped: numbers, `v2`, `plaintext`, `plain`, `raw`, `value`, `hex`,
//! `b64`, `base64`, `encoded`, `override`, `old`, `new`, `current`, `previous`, `prev`,
//! `primary`, `secondary`, `backup`, `base` (as in `SECRET_KEY_BASE`), `json`, `content`,
//! `contents`.
//!
//! The name is a secret name when its **last remaining word** is a secret noun and no earlier word
//! negates it. Because the decision is made on the last word, `*_FILE`, `*_PATH`, `*_DIR`,
//! `*_URL`, `*_URI`, `*_HOST`, `*_PORT`, `*_LENGTH`, `*_TTL`, `*_TIMEOUT`, `*_EXPIRY`,
//! `*_ENABLED`, `*_REQUIRED`, `*_TYPE`, `*_NAME`, `*_ENDPOINT`, `*_ALGORITHM`, `*_MIN`, `*_ID`,
//! `*_HASH` … are never secret names.
//!
//! Secret nouns (as the last word):
//!
//! - `password`, `passwd`, `passwords`, `passphrase`, `passcode`, `passkey`, `secret`, `secrets`,
//!   `token`, `tokens`, `credential`, `credentials`, `creds`, `salt`, `pepper`, `auth`,
//!   `authorization`; and `pass` and `pwd` unless they are the whole name (`PWD` is the shell's
//!   working directory) or follow `proxy` (nginx's `proxy_pass`);
//! - compounds ending in `password`/`passwd`/`pwd` (`RPCPASSWORD`, `ROOTPWD`), `secret`, `token`
//!   (`AUTHTOKEN`), `passphrase`, `credentials`/`creds`; compounds ending in `pass` after
//!   `db`, `admin`, `root`, `master`, `user`, `rpc`, `mail`, `smtp`, `ftp`, `ldap`, `redis`,
//!   `sql`, `store`, `key`, `bind`, `app` (`DBPASS`, `STOREPASS`); `basicauth`, `httpauth`,
//!   `rpcauth`, `proxyauth`, `smtpauth`;
//! - `key`/`keys`, or a compound ending in `key`, only when the word before it (or the compound's
//!   first half) is one of the [`KEY_QUALIFIERS`]: words that make a key secret (`api`, `secret`,
//!   `private`, `access`, `master`, `signing`, `encryption`, `session`, `license`, `auth`,
//!   `client`, `account`, `app`, `fernet`, `totp`, `setup`, …) and a short list of API vendors
//!   (`openai`, `anthropic`, `google`, `mailgun`, …). So `SECRET_KEY`, `API_KEY`, `MASTER_KEY`,
//!   `LICENSE_KEY` (license keys unlock paid downloads and ingest endpoints), `ACCESS_KEY` and
//!   `APP_KEY` are secret names; `KEY`, `GPG_KEY` (a public fingerprint), `SITE_KEY`, `ANON_KEY`,
//!   `SSH_KEY` (usually a path; key material is found by the `private-key` format), `KEY_NAME`
//!   and `PUBLIC_KEY` are not;
//! - `cookie` after `erlang` (`RABBITMQ_ERLANG_COOKIE`).
//!
//! A name is **not** a secret name when any word before the secret noun is one of `public`,
//! `pub`, `allow`, `allowed`, `enable`, `enabled`, `disable`, `disabled`, `use`, `require`,
//! `required`, `random`, `empty`, `generate`, `skip`, `no`, `reset`, `forgot`, `show`, `hide`,
//! `min`, `max`, `num`, `number`, `count`, `with`, `without`, `ignore`, `strength`, `expire`,
//! `expired`, `cors`, `always`, `only`, `limiter`, `anon` (`MYSQL_ALLOW_EMPTY_PASSWORD`,
//! `MARIADB_RANDOM_ROOT_PASSWORD`, `LLM_MAX_TOKENS`, `CORS_CREDENTIALS`, `--with-token`), or when
//! a compound is one of them plus the noun (`RANDOMPASSWORD`). Two names are special-cased:
//! nginx's `SERVER_TOKENS` (on/off) and the Docker registry's `REGISTRY_AUTH` (a method name).
//!
//! Decisions worth knowing:
//!
//! - `AWS_ACCESS_KEY_ID`, `CLIENT_ID` and every other `*_ID` are identifiers, not secrets. Real
//!   AWS key IDs are still found by [`scan_text`](super::scan_text)'s `aws-access-key-id` format.
//! - `*_DSN` is not a secret name: a DSN's credentials, if any, are in its URL and are found by the
//!   `url-credentials` detector; Sentry DSNs are public by design.
//! - `PASSWORD_HASH`, `*_PASSWORD_SHA2` are hashes, not plaintext secrets.
//! - `*_AUTH` is a secret name (`NEO4J_AUTH=neo4j/pass`, `BASIC_AUTH=user:pass`); flag-like values
//!   such as `true` are filtered by [`classify_value`](super::classify_value).

/// Whether `name` (an `ENV`/`ARG` name, compose `environment`/`build.args`/`labels` key, or a
/// command-line flag without its dashes) says that its value is a secret. See the
/// [module docs](self) for the exact rules.
pub fn is_secret_name(name: &str) -> bool {
    let words = split_words(name);
    let mut end = words.len();
    while end > 0 && is_neutral_suffix(&words[end - 1]) {
        end -= 1;
    }
    if end == 0 {
        return false;
    }
    let words = &words[..end];
    let last = words[end - 1].as_str();
    let before = &words[..end - 1];
    if before.iter().any(|w| NEGATORS.contains(&w.as_str())) {
        return false;
    }
    let prev = before.last().map(String::as_str);
    is_secret_noun(last, prev, words.len() == 1)
}

/// Splits a name into lowercase words (see the [module docs](self)).
pub fn split_words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut words = Vec::new();
    let mut cur = String::new();
    for i in 0..chars.len() {
        let c = chars[i];
        if !c.is_alphanumeric() {
            if !cur.is_empty() {
                words.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if c.is_uppercase() && !cur.is_empty() {
            let prev = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            // `dbPassword`, `s3Key`, and `APIKey` (an acronym followed by a word).
            let boundary = prev.is_lowercase()
                || (prev.is_ascii_digit() && cur.chars().any(char::is_lowercase))
                || (prev.is_uppercase() && next_lower);
            if boundary {
                words.push(std::mem::take(&mut cur));
            }
        }
        cur.extend(c.to_lowercase());
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words
}

const NEUTRAL_SUFFIXES: &[&str] = &[
    "plaintext",
    "plain",
    "raw",
    "value",
    "hex",
    "b64",
    "base64",
    "encoded",
    "override",
    "old",
    "new",
    "current",
    "previous",
    "prev",
    "primary",
    "secondary",
    "backup",
    "base",
    "json",
    "content",
    "contents",
];

fn is_neutral_suffix(word: &str) -> bool {
    if word.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    if let Some(rest) = word.strip_prefix('v') {
        if !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()) {
            return true;
        }
    }
    NEUTRAL_SUFFIXES.contains(&word)
}

const NEGATORS: &[&str] = &[
    "public", "pub", "allow", "allowed", "enable", "enabled", "disable", "disabled", "use",
    "require", "required", "random", "empty", "generate", "skip", "no", "reset", "forgot", "show",
    "hide", "min", "max", "num", "number", "count", "with", "without", "ignore", "strength",
    "expire", "expired", "cors", "always", "only", "limiter", "anon",
];

/// Words that make a following `key`/`keys` a secret.
pub const KEY_QUALIFIERS: &[&str] = &[
    "api",
    "secret",
    "private",
    "access",
    "master",
    "signing",
    "sign",
    "encryption",
    "encrypt",
    "enc",
    "crypt",
    "crypto",
    "cipher",
    "aes",
    "hmac",
    "jwt",
    "session",
    "cookie",
    "license",
    "licence",
    "auth",
    "client",
    "account",
    "storage",
    "admin",
    "app",
    "service",
    "root",
    "write",
    "deploy",
    "webhook",
    "shared",
    "fernet",
    "totp",
    "otp",
    "mfa",
    "ingest",
    "setup",
    "registration",
    "enrollment",
    "join",
    "bot",
    "creds",
    "pass",
    "secure",
    "security",
    "token",
    "password",
    // API vendors whose `<VENDOR>_KEY` is an API key.
    "openai",
    "openrouter",
    "anthropic",
    "google",
    "gemini",
    "groq",
    "mistral",
    "cohere",
    "deepseek",
    "perplexity",
    "mailgun",
    "sendgrid",
    "mandrill",
    "stripe",
    "twilio",
    "algolia",
    "pusher",
    "mapbox",
    "relic",
    "datadog",
    "huggingface",
    "replicate",
];

const PASS_PREFIXES: &[&str] = &[
    "db",
    "admin",
    "root",
    "master",
    "user",
    "rpc",
    "mail",
    "smtp",
    "ftp",
    "ldap",
    "redis",
    "sql",
    "store",
    "key",
    "bind",
    "app",
    "srcstore",
    "deststore",
    "srckey",
    "destkey",
];

const AUTH_COMPOUNDS: &[&str] = &["basicauth", "httpauth", "rpcauth", "proxyauth", "smtpauth"];

const NOUNS: &[&str] = &[
    "password",
    "passwd",
    "passwords",
    "passphrase",
    "passcode",
    "passkey",
    "secret",
    "secrets",
    "token",
    "tokens",
    "credential",
    "credentials",
    "creds",
    "salt",
    "pepper",
    "auth",
    "authorization",
];

fn is_secret_noun(last: &str, prev: Option<&str>, only_word: bool) -> bool {
    match last {
        "pwd" => return !only_word,
        "pass" => return prev != Some("proxy"),
        "key" | "keys" => return prev.is_some_and(|p| KEY_QUALIFIERS.contains(&p)),
        "cookie" => return prev == Some("erlang"),
        // nginx's `server_tokens on|off`.
        "tokens" if prev == Some("server") => return false,
        // Docker registry's `REGISTRY_AUTH=htpasswd|token|silly` selects a method.
        "auth" if prev == Some("registry") => return false,
        _ => {}
    }
    if NOUNS.contains(&last) {
        return true;
    }
    if AUTH_COMPOUNDS.contains(&last) {
        return true;
    }
    // Compounds such as RPCPASSWORD, AUTHTOKEN, APIKEY, DBPASS.
    if let Some(head) = compound_head(last) {
        return !NEGATORS.contains(&head);
    }
    false
}

/// For a compound word ending in a secret noun, the part before the noun (`rpcpassword` →
/// `rpc`); `None` when the word is not such a compound.
fn compound_head(word: &str) -> Option<&str> {
    const ANY_PREFIX: &[&str] = &[
        "passwords",
        "password",
        "passwd",
        "pwd",
        "passphrase",
        "secrets",
        "secret",
        "tokens",
        "token",
        "credentials",
        "creds",
    ];
    for suffix in ANY_PREFIX {
        if let Some(head) = word.strip_suffix(suffix) {
            if !head.is_empty() {
                return Some(head);
            }
        }
    }
    for suffix in ["keys", "key"] {
        if let Some(head) = word.strip_suffix(suffix) {
            if KEY_QUALIFIERS.contains(&head) {
                return Some(head);
            }
        }
    }
    if let Some(head) = word.strip_suffix("pass") {
        if PASS_PREFIXES.contains(&head) {
            return Some(head);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitting() {
        let cases: &[(&str, &[&str])] = &[
            ("DB_PASSWORD", &["db", "password"]),
            (
                "OpenIDConfig__ClientSecret",
                &["open", "id", "config", "client", "secret"],
            ),
            ("apiKey", &["api", "key"]),
            ("APIKey", &["api", "key"]),
            ("HuggingFace_API_KEY", &["hugging", "face", "api", "key"]),
            ("OAUTH2_CLIENT", &["oauth2", "client"]),
            ("s3Key", &["s3", "key"]),
            (
                "CR_CONF_Database.Password",
                &["cr", "conf", "database", "password"],
            ),
            ("--api-key", &["api", "key"]),
            (
                "traefik.http.routers.x.rule",
                &["traefik", "http", "routers", "x", "rule"],
            ),
            ("", &[]),
        ];
        for (name, want) in cases {
            assert_eq!(split_words(name), *want, "{name}");
        }
    }

    /// Names taken from ENV/ARG instructions and compose `environment:` keys in the corpus.
    const POSITIVES: &[&str] = &[
        "PASSWORD",
        "PASS",
        "TOKEN",
        "SECRET",
        "DB_PASSWORD",
        "DB_PASS",
        "DB_PASSWD",
        "DBPASS",
        "ADMINPASS",
        "MASTERPASS",
        "LDAP_ROOTPASS",
        "MYSQL_PASSWORD",
        "MYSQL_ROOT_PASSWORD",
        "SA_PASSWORD",
        "ORACLE_PWD",
        "POSTGRES_PASSWORD",
        "PGPASSWORD",
        "BITCOIN_RPCPASSWORD",
        "NBXPLORER_BTCRPCPASSWORD",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SECRET_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_ACCESS_KEY",
        "MINIO_SECRET_KEY",
        "MINIO_ROOT_PASSWORD",
        "GITHUB_TOKEN",
        "HUBOT_SLACK_TOKEN",
        "BLACKFIRE_CLIENT_TOKEN",
        "ACTIVESTATE_API_KEY",
        "API_KEY",
        "APIKEY",
        "API_KEYS",
        "APP_KEY",
        "APP_KEYS",
        "APP_SECRET",
        "SECRET_KEY",
        "SECRET_KEY_BASE",
        "DJANGO_SECRET_KEY",
        "JWT_SECRET",
        "JWT_PRIVATE_KEY",
        "SSH_PRIVATE_KEY",
        "CLOUDFRONT_PRIVATE_KEY",
        "LICENSE_KEY",
        "MAXMIND_LICENSE_KEY",
        "NEW_RELIC_LICENSE_KEY",
        "NEW_RELIC_KEY",
        "MEILI_MASTER_KEY",
        "LITELLM_MASTER_KEY",
        "ENCRYPTION_KEY",
        "N8N_ENCRYPTION_KEY",
        "AES_ENCRYPTION_KEY",
        "DB_ENC_KEY",
        "FERNET_KEY",
        "AIRFLOW__CORE__FERNET_KEY",
        "FLATNOTES_TOTP_KEY",
        "NB_SETUP_KEY",
        "TS_AUTHKEY",
        "AZURE_BLOB_ACCOUNT_KEY",
        "CREDS_KEY",
        "CLIENT_SECRET",
        "AZURE_CLIENT_SECRET",
        "OAUTH2_GITHUB_CLIENT_SECRET",
        "OpenIDConfig__ClientSecret",
        "MailConfig__Password",
        "CR_CONF_Database.Password",
        "APP_CONFIG_auth_password",
        "FORGEJO__database__PASSWD",
        "LISTMONK_db__password",
        "FTLCONF_webserver_api_password",
        "GOOGLE_API_CREDENTIALS",
        "CONFLUENT_CREDENTIALS",
        "KOMODO_PASSKEY",
        "NEXT_PRIVATE_SIGNING_PASSPHRASE",
        "HASHIDS_SALT",
        "IMGPROXY_SALT",
        "ACCESS_TOKEN_SALT",
        "HBOX_AUTH_API_KEY_PEPPER",
        "NEO4J_AUTH",
        "BASIC_AUTH",
        "APP_BASIC_AUTH",
        "ME_CONFIG_BASICAUTH",
        "MP_UI_AUTH",
        "BITCOIN_RPC_AUTH",
        "HTTP_AUTHORIZATION",
        "LDAP_PASSWORDS",
        "BLESKOMAT_SERVER_ADMIN_PASSWORD_PLAINTEXT",
        "PDS_PLC_ROTATION_KEY_K256_PRIVATE_KEY_HEX",
        "MASTER_PASSWORD_OVERRIDE",
        "PASSWORD_2",
        "RABBITMQ_ERLANG_COOKIE",
        "COMPOSER_AUTH_JSON",
        "INIT_CLIENT_API_TOKENS",
        "HuggingFace_API_KEY",
        "OPENAI_API_KEY",
        "OPENROUTER_KEY",
        "GOOGLE_KEY",
        "DISCORD_BOT_TOKEN",
        "storepass",
        "keypass",
        "api-key",
        "auth-token",
        "http-password",
        "password",
        "secretKey",
        "apiToken",
        "clientSecret",
    ];

    /// Names that do not hold secrets (most taken from the corpus).
    const NEGATIVES: &[&str] = &[
        "KEY",
        "PWD",
        "GPG_KEY",
        "GPG_KEYS",
        "JENKINS_GPG_KEY",
        "CABAL_INSTALL_RELEASE_KEY",
        "LLVM_KEY",
        "SITE_KEY",
        "CF_TURNSTILE_SITE_KEY",
        "ANON_KEY",
        "NEXT_PUBLIC_SUPABASE_ANON_KEY",
        "SSH_PUBLIC_KEY",
        "JWT_PUBLIC_KEY",
        "LANGFUSE_PUBLIC_KEY",
        "PUBLIC_KEY",
        "AWS_ACCESS_KEY_ID",
        "MINIO_ACCESS_KEY_ID",
        "CLIENT_ID",
        "AUTH_CLIENT_ID",
        "DISCORD_BOT_TOKEN_ID",
        "NORDIGEN_SECRET_ID",
        "OPENSSL_PGP_KEY_IDS",
        "CLOUDFRONT_KEY_PAIR_ID",
        "MYSQL_ROOT_PASSWORD_FILE",
        "GEARMAN_MYSQL_PASSWORD_FILE",
        "CLOUDFLARED_TOKEN_FILE",
        "CERT_FILE",
        "SECRETFILE",
        "TLS_KEY_FILE",
        "LDAP_TLS_KEY_FILE",
        "APIKEY_PATH",
        "CONNECT_PUBLIC_KEY_PATH",
        "LT_API_KEYS_DB_PATH",
        "SECRETS_DIR",
        "DOCKER_TLS_CERTDIR",
        "SIGNING_KEY_URL",
        "PASSWORD_RESET_URL",
        "API_URL",
        "AUTH_JWKS_URI",
        "OIDC_TOKEN_URI",
        "NEXTAUTH_URL",
        "API_HOST",
        "API_PORT",
        "TOKEN_ENDPOINT",
        "IDP_TOKEN_ENDPOINT",
        "CONFLUENT_METADATA_OAUTHBEARER_TOKEN_ENDPOINT_URL",
        "PASSWORD_MIN",
        "PASSWORDMINCHAR",
        "PASSWORDLOWERCASE",
        "INDEXING_MAX_SEGMENTATION_TOKENS_LENGTH",
        "ACCESS_TOKEN_EXPIRY_TIME",
        "ACCESS_TOKEN_LIFETIME_MIN",
        "API_ACCESS_TOKEN_TTL",
        "ARCHE_GATEWAY_TOKEN_TTL_SECONDS",
        "PASSWORD_RESET_TOKEN_EXPIRES_IN",
        "TOKEN_TIMEOUT",
        "AUTH_ENABLED",
        "ENABLE_AUTH",
        "DISABLE_AUTH",
        "NOAUTH",
        "FB_NOAUTH",
        "API_AUTH_REQUIRED",
        "AUTHENTICATION_APIKEY_ENABLED",
        "MYSQL_ALLOW_EMPTY_PASSWORD",
        "ALLOW_EMPTY_PASSWORD",
        "MYSQL_RANDOM_ROOT_PASSWORD",
        "MARIADB_RANDOM_ROOT_PASSWORD",
        "NEXUS_SECURITY_RANDOMPASSWORD",
        "ALLOW_PASSWORD_RESET",
        "GARAGE_ALLOW_WORLD_READABLE_SECRETS",
        "CASSANDRA_NUM_TOKENS",
        "LLM_MAX_TOKENS",
        "BUZZ_REQUIRE_AUTH_TOKEN",
        "JEAN_NO_TOKEN",
        "with-token",
        "password-stdin",
        "password-file",
        "TOKEN_TYPE",
        "AUTH_TYPE",
        "AUTH_METHOD",
        "PASSWORD_SCHEME",
        "MAILCOW_PASS_SCHEME",
        "JWT_ALGORITHM",
        "KEY_NAME",
        "SECRET_NAME",
        "CONNECT_CONFIG_PROVIDERS_SECRET_CLASS",
        "PASSWORD_HASH",
        "ENTE_KEY_HASH",
        "GRAYLOG_ROOT_PASSWORD_SHA2",
        "AUTH_USER",
        "AUTH_USERNAME",
        "BASIC_AUTH_USER",
        "GOTTY_AUTH_USER",
        "HUBOT_AUTH_ADMIN",
        "AUTH_DOMAIN",
        "AUTH_PROVIDER",
        "DOZZLE_AUTH_PROVIDER",
        "DOCKER_AUTH_VERSION",
        "OAUTH2_PROXY_VERSION",
        "CERTBOT_VERSION",
        "KEEPASSXC_VERSION",
        "INSTALL_SSHPASS",
        "OG_PASSTHROUGH",
        "NGINX_PROXY_PASS_URL",
        "PROXY_PASS",
        "GOTIFY_PASSSTRENGTH",
        "LIMITER_ADD_YUBIKEY",
        "KEYBOARD",
        "KEYSIZE",
        "KEY_CONVERTER",
        "CACHE_REDIS_PREFIX_KEY",
        "ANSIBLE_HOST_KEY_CHECKING",
        "NGINX_SERVER_TOKENS",
        "SENTRY_DSN",
        "MAILER_DSN",
        "MESSENGER_TRANSPORT_DSN",
        "AUTHOR",
        "AUTHORS",
        "CERTIFICATE_PATH",
        "DOCKER_CREDENTIAL_GCR_CONFIG",
        "CONFLUENT_METADATA_HTTP_AUTH_CREDENTIALS_PROVIDER",
        "KAFKA_REST_CLIENT_BASIC_AUTH_CREDENTIALS_SOURCE",
        "MONGO_AUTHSOURCE",
        "OAUTH_LOGIN",
        "BYPASS",
        "CORS_CREDENTIALS",
        "DRONE_GIT_ALWAYS_AUTH",
        "OIDC_ONLY_AUTH",
        "LIMITER_DELETE_PASSWORD",
        "LIMITER_GET_TOKEN",
        "REGISTRY_AUTH",
        "SUPABASE_ANON_TOKEN",
        "SECRET_ID",
        "API",
        "DATABASE_URL",
        "PATH",
        "HOME",
        "",
    ];

    #[test]
    fn secret_names() {
        let wrong_pos: Vec<&str> = POSITIVES
            .iter()
            .copied()
            .filter(|n| !is_secret_name(n))
            .collect();
        let wrong_neg: Vec<&str> = NEGATIVES
            .iter()
            .copied()
            .filter(|n| is_secret_name(n))
            .collect();
        assert!(
            wrong_pos.is_empty() && wrong_neg.is_empty(),
            "missed secret names: {wrong_pos:?}\nfalse secret names: {wrong_neg:?}"
        );
    }
}
