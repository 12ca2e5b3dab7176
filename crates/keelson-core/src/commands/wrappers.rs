//! Commands that run other commands (`sudo`, `env`, `xargs`, …) and shells that run a script
//! string (`sh -c`, `su -c`).

use super::basename;
use super::scan::Lexed;

/// The shells whose `-c` string (or heredoc on stdin) is a script.
pub(crate) const SHELLS: [&str; 8] = [
    "sh",
    "bash",
    "dash",
    "ash",
    "zsh",
    "ksh",
    "mksh",
    "busybox-sh",
];

/// For a wrapper command at `words[i]`, the index of the command it runs; `None` when
/// `words[i]` is not a wrapper or runs nothing.
pub(super) fn wrapped_command(words: &[Lexed<'_>], i: usize) -> Option<usize> {
    let name = words.get(i)?.literal?;
    let mut j = i + 1;
    let lit = |k: usize| words.get(k).and_then(|w| w.literal);
    match basename(name) {
        "exec" => {
            while let Some(a) = lit(j) {
                match a {
                    "-c" | "-l" | "-cl" | "-lc" => j += 1,
                    "-a" => j += 2,
                    "--" => {
                        j += 1;
                        break;
                    }
                    _ => break,
                }
            }
        }
        "command" => match lit(j) {
            // `command -v sudo` looks the name up; it does not run it.
            Some(a) if a.starts_with('-') && a != "-p" && a != "--" => return None,
            Some("-p" | "--") => j += 1,
            _ => {}
        },
        "env" => {
            while let Some(a) = lit(j) {
                if a == "--" {
                    j += 1;
                    break;
                }
                if matches!(
                    a,
                    "-u" | "--unset" | "-C" | "--chdir" | "-S" | "--split-string"
                ) {
                    j += 2;
                } else if a.starts_with('-') || a.contains('=') {
                    j += 1;
                } else {
                    break;
                }
            }
        }
        "nohup" => {}
        "time" => {
            while let Some(a) = lit(j) {
                match a {
                    "-p" | "-v" | "--verbose" | "--portability" | "-a" | "--append" => j += 1,
                    "-o" | "-f" | "--output" | "--format" => j += 2,
                    _ => break,
                }
            }
        }
        "nice" | "ionice" => {
            while let Some(a) = lit(j) {
                if matches!(a, "-n" | "-c" | "-p" | "--adjustment" | "--class") {
                    j += 2;
                } else if a.starts_with('-') {
                    j += 1;
                } else {
                    break;
                }
            }
        }
        "timeout" => {
            while let Some(a) = lit(j) {
                if matches!(a, "-s" | "-k" | "--signal" | "--kill-after") {
                    j += 2;
                } else if a.starts_with('-') {
                    j += 1;
                } else {
                    break;
                }
            }
            // The duration.
            j += 1;
        }
        "sudo" | "doas" => {
            while let Some(w) = words.get(j) {
                let Some(a) = w.literal else {
                    break;
                };
                if a == "--" {
                    j += 1;
                    break;
                }
                if !a.starts_with('-') || a == "-" {
                    break;
                }
                let takes_value = matches!(
                    a,
                    "-u" | "-g"
                        | "-C"
                        | "-D"
                        | "-p"
                        | "-r"
                        | "-t"
                        | "-U"
                        | "-T"
                        | "--user"
                        | "--group"
                        | "--close-from"
                        | "--chdir"
                        | "--prompt"
                        | "--role"
                        | "--type"
                        | "--other-user"
                        | "--command-timeout"
                );
                j += if takes_value { 2 } else { 1 };
            }
        }
        // `gosu USER cmd`, `su-exec USER cmd`, `chroot DIR cmd`.
        "gosu" | "su-exec" | "chroot" => {
            while lit(j).is_some_and(|a| a.starts_with('-')) {
                j += 1;
            }
            j += 1;
        }
        "xargs" => {
            while let Some(a) = lit(j) {
                if a == "--" {
                    j += 1;
                    break;
                }
                if matches!(
                    a,
                    "-I" | "-n"
                        | "-P"
                        | "-L"
                        | "-d"
                        | "-s"
                        | "-a"
                        | "-E"
                        | "--max-args"
                        | "--max-procs"
                        | "--max-lines"
                        | "--delimiter"
                        | "--max-chars"
                        | "--arg-file"
                ) {
                    j += 2;
                } else if a.starts_with('-') {
                    j += 1;
                } else {
                    break;
                }
            }
        }
        _ => return None,
    }
    (j < words.len()).then_some(j)
}

/// The script word of `sh -c SCRIPT` (options before it, possibly clustered: `-ec`, `-xc`) or
/// `su [user] -c SCRIPT` (the inline `--command=SCRIPT` form is not followed).
pub(super) fn script_argument<'w, 't>(words: &'w [Lexed<'t>], i: usize) -> Option<&'w Lexed<'t>> {
    let base = basename(words.get(i)?.literal?);
    let mut j = i + 1;
    if base == "su" {
        while let Some(w) = words.get(j) {
            let a = w.literal?;
            if a == "-c" || a == "--command" || (is_short_cluster(a) && a.ends_with('c')) {
                return words.get(j + 1);
            }
            j += 1;
        }
        return None;
    }
    if !SHELLS.contains(&base) {
        return None;
    }
    let mut has_c = false;
    while let Some(w) = words.get(j) {
        let a = w.literal?;
        if a == "--" {
            j += 1;
            break;
        }
        if a == "-o" || a == "+o" || a == "-O" || a == "+O" {
            j += 2;
            continue;
        }
        if a.starts_with("--") {
            j += 1;
            continue;
        }
        if is_short_cluster(a) || (a.len() > 1 && a.starts_with('+')) {
            has_c |= a.starts_with('-') && a.contains('c');
            j += 1;
            continue;
        }
        break;
    }
    if has_c {
        words.get(j)
    } else {
        None
    }
}

/// `-abc`: a cluster of short options.
pub(super) fn is_short_cluster(a: &str) -> bool {
    a.len() > 1
        && a.starts_with('-')
        && !a.starts_with("--")
        && a.bytes().skip(1).all(|b| b.is_ascii_alphabetic())
}
