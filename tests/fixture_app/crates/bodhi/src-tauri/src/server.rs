//! A minimal HTTP/1.1 server: one thread per connection, `Connection: close`.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use crate::config::Config;
use crate::log;

/// Largest request head (request line + headers) read before answering.
const MAX_HEAD_BYTES: u64 = 16 * 1024;

/// Everything the handlers need, resolved once at start-up.
pub struct App {
    pub version: String,
    pub commit_sha: String,
    pub build: &'static str,
    pub exec_target: String,
    pub exec_variant: String,
    pub exec_variants: Vec<String>,
    pub exec_name: String,
    pub exec_lookup_path: String,
    pub llamacpp_args: Vec<String>,
    pub bodhi_home: String,
    pub hf_home: String,
    /// Fixture switch `BODHI_FIXTURE_NO_PING`: health endpoints answer 503.
    pub no_ping: bool,
}

impl App {
    pub fn from_config(config: &Config, version: String, no_ping: bool) -> App {
        let exec_variant = config.get_or("BODHI_EXEC_VARIANT", "");
        // BODHI_LLAMACPP_ARGS applies to every variant, BODHI_LLAMACPP_ARGS_<VARIANT> to one.
        let variant_key = format!("BODHI_LLAMACPP_ARGS_{}", exec_variant.to_ascii_uppercase());
        let llamacpp_args = [
            config.get_or("BODHI_LLAMACPP_ARGS", ""),
            config.get_or(&variant_key, ""),
        ]
        .iter()
        .flat_map(|args| {
            args.split_whitespace()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
        App {
            version,
            commit_sha: config.get_or("BODHI_COMMIT_SHA", "unknown"),
            build: crate::BUILD,
            exec_target: config.get_or("BODHI_EXEC_TARGET", ""),
            exec_variants: split_list(&config.get_or("BODHI_EXEC_VARIANTS", "")),
            exec_variant,
            exec_name: config.get_or("BODHI_EXEC_NAME", "llama-server"),
            exec_lookup_path: config.get_or("BODHI_EXEC_LOOKUP_PATH", ""),
            llamacpp_args,
            bodhi_home: config.get_or("BODHI_HOME", ""),
            hf_home: config.get_or("HF_HOME", ""),
            no_ping,
        }
    }

    /// `{LOOKUP_PATH}/{TARGET}/{VARIANT}/{EXEC_NAME}`, the llama-server BodhiApp would run.
    fn exec_path(&self) -> String {
        [
            &self.exec_lookup_path,
            &self.exec_target,
            &self.exec_variant,
            &self.exec_name,
        ]
        .iter()
        .map(|part| part.as_str())
        .collect::<Vec<_>>()
        .join("/")
    }

    fn info(&self) -> String {
        let exec_path = self.exec_path();
        json_object(&[
            ("version", json_string(&self.version)),
            ("commit_sha", json_string(&self.commit_sha)),
            ("build", json_string(self.build)),
            ("status", json_string("ready")),
            ("exec_target", json_string(&self.exec_target)),
            ("exec_variant", json_string(&self.exec_variant)),
            ("exec_variants", json_list(&self.exec_variants)),
            ("exec_name", json_string(&self.exec_name)),
            ("exec_found", Path::new(&exec_path).is_file().to_string()),
            ("exec_path", json_string(&exec_path)),
            ("llamacpp_args", json_list(&self.llamacpp_args)),
            ("bodhi_home", json_string(&self.bodhi_home)),
            ("hf_home", json_string(&self.hf_home)),
        ])
    }

    /// Maps a request to `(status, JSON body)`.
    fn route(&self, method: &str, path: &str) -> (u16, String) {
        let known = matches!(path, "/ping" | "/health" | "/bodhi/v1/info");
        if known && method != "GET" && method != "HEAD" {
            return (
                405,
                error_body(
                    &format!("method {method} not allowed on {path}"),
                    "method_not_allowed",
                ),
            );
        }
        match path {
            "/ping" | "/health" if self.no_ping => (
                503,
                error_body(
                    "health disabled by BODHI_FIXTURE_NO_PING",
                    "service_unavailable",
                ),
            ),
            "/ping" | "/health" => (200, json_object(&[("message", json_string("pong"))])),
            "/bodhi/v1/info" => (200, self.info()),
            _ => (
                404,
                error_body(&format!("no route for {method} {path}"), "not_found"),
            ),
        }
    }
}

/// Accepts connections forever, handling each on its own thread.
pub fn serve(listener: TcpListener, app: Arc<App>) -> ! {
    loop {
        match listener.accept() {
            Ok((stream, peer)) => {
                let app = Arc::clone(&app);
                thread::spawn(move || {
                    if let Err(err) = handle(stream, &app) {
                        log::warn(&format!("connection from {peer}: {err}"));
                    }
                });
            }
            Err(err) => log::warn(&format!("accept failed: {err}")),
        }
    }
}

fn handle(stream: TcpStream, app: &App) -> io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?.take(MAX_HEAD_BYTES));
    let mut request_line = String::new();
    if reader.read_line(&mut request_line)? == 0 {
        return Ok(()); // connection closed without a request (e.g. a port probe)
    }
    // Skip the headers: no endpoint needs them, and GET carries no body.
    let mut header = String::new();
    while reader.read_line(&mut header)? > 0 && header.trim_end() != "" {
        header.clear();
    }

    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or("");
    let target = parts.next().unwrap_or("");
    let path = target.split('?').next().unwrap_or("");
    let (status, body) = if method.is_empty() || !target.starts_with('/') {
        (400, error_body("malformed request line", "bad_request"))
    } else {
        app.route(method, path)
    };

    let head = format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        reason(status),
        body.len()
    );
    let mut stream = stream;
    stream.write_all(head.as_bytes())?;
    if method != "HEAD" {
        stream.write_all(body.as_bytes())?;
    }
    stream.flush()?;
    log::info(&format!("{method} {target} -> {status}"));
    Ok(())
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        503 => "Service Unavailable",
        _ => "Unknown",
    }
}

fn split_list(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn error_body(message: &str, kind: &str) -> String {
    let error = json_object(&[
        ("message", json_string(message)),
        ("type", json_string(kind)),
    ]);
    json_object(&[("error", error)])
}

/// Builds an object from already-encoded JSON values.
fn json_object(fields: &[(&str, String)]) -> String {
    let members: Vec<String> = fields
        .iter()
        .map(|(key, value)| format!("{}:{value}", json_string(key)))
        .collect();
    format!("{{{}}}", members.join(","))
}

fn json_list(items: &[String]) -> String {
    let encoded: Vec<String> = items.iter().map(|item| json_string(item)).collect();
    format!("[{}]", encoded.join(","))
}

fn json_string(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app(no_ping: bool) -> App {
        let config = Config::load_from(Path::new("/nonexistent/defaults.yaml")).unwrap();
        App::from_config(&config, "1.2.3".to_string(), no_ping)
    }

    #[test]
    fn routes() {
        assert_eq!(
            app(false).route("GET", "/ping"),
            (200, r#"{"message":"pong"}"#.to_string())
        );
        assert_eq!(app(true).route("GET", "/health").0, 503);
        assert_eq!(app(false).route("POST", "/ping").0, 405);
        assert_eq!(app(false).route("GET", "/nope").0, 404);
        let (status, info) = app(false).route("GET", "/bodhi/v1/info");
        assert_eq!(status, 200);
        assert!(info.contains(r#""version":"1.2.3""#), "{info}");
        assert!(info.contains(r#""status":"ready""#), "{info}");
    }

    #[test]
    fn escapes_strings() {
        assert_eq!(json_string("a\"b\\c\n\u{1}"), r#""a\"b\\c\n\u0001""#);
    }
}
