//! `defaults.yaml` next to the executable, overridden by environment variables.
//!
//! The parser only understands flat `KEY: value` (or `KEY=value`) lines, which is all
//! the image's defaults file contains. Values may be single- or double-quoted; an
//! unquoted value ends at ` #` (a trailing comment).

use std::collections::BTreeMap;
use std::env;
use std::fs;
use std::path::{Path, PathBuf};

pub const DEFAULTS_FILE: &str = "defaults.yaml";

pub struct Config {
    defaults: BTreeMap<String, String>,
    /// The defaults file that was read, if one was found.
    pub source: Option<PathBuf>,
}

impl Config {
    /// Reads `defaults.yaml` from the folder holding the running executable.
    /// A missing file is not an error: every key can come from the environment.
    pub fn load() -> Result<Config, String> {
        let exe = env::current_exe().map_err(|e| format!("cannot locate own executable: {e}"))?;
        let dir = exe.parent().unwrap_or_else(|| Path::new("."));
        Config::load_from(&dir.join(DEFAULTS_FILE))
    }

    pub fn load_from(path: &Path) -> Result<Config, String> {
        if !path.is_file() {
            return Ok(Config {
                defaults: BTreeMap::new(),
                source: None,
            });
        }
        let text =
            fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        Ok(Config {
            defaults: parse(&text),
            source: Some(path.to_path_buf()),
        })
    }

    /// The environment variable `key` if set, else the default from the file.
    pub fn get(&self, key: &str) -> Option<String> {
        env::var(key)
            .ok()
            .or_else(|| self.defaults.get(key).cloned())
    }

    pub fn get_or(&self, key: &str, fallback: &str) -> String {
        self.get(key).unwrap_or_else(|| fallback.to_string())
    }
}

pub fn parse(text: &str) -> BTreeMap<String, String> {
    text.lines().filter_map(parse_line).collect()
}

fn parse_line(line: &str) -> Option<(String, String)> {
    let line = line.trim();
    if line.is_empty() || line.starts_with('#') || line == "---" {
        return None;
    }
    let sep = line.find(&[':', '='][..])?;
    let key = line[..sep].trim();
    if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return None;
    }
    Some((key.to_string(), unquote(line[sep + 1..].trim())))
}

fn unquote(raw: &str) -> String {
    if let Some(quote) = raw.chars().next().filter(|c| *c == '"' || *c == '\'') {
        if let Some(end) = raw[1..].find(quote) {
            return raw[1..1 + end].to_string();
        }
    }
    match raw.find(" #") {
        Some(comment) => raw[..comment].trim_end().to_string(),
        None => raw.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn parses_yaml_and_env_style_lines() {
        let parsed = parse(
            "# comment\n---\nBODHI_HOST: \"0.0.0.0\"\nBODHI_PORT=8080\n\
             BODHI_LLAMACPP_ARGS: '--ctx-size 4096 --flash-attn on' # tuned\n\
             BODHI_HOME: /data/bodhi_home # trailing\nURL: http://x:1/a=b\nnot a key: x\nEMPTY:\n",
        );
        assert_eq!(parsed["BODHI_HOST"], "0.0.0.0");
        assert_eq!(parsed["BODHI_PORT"], "8080");
        assert_eq!(
            parsed["BODHI_LLAMACPP_ARGS"],
            "--ctx-size 4096 --flash-attn on"
        );
        assert_eq!(parsed["BODHI_HOME"], "/data/bodhi_home");
        assert_eq!(parsed["URL"], "http://x:1/a=b");
        assert_eq!(parsed["EMPTY"], "");
        assert!(!parsed.contains_key("not a key"));
    }
}
