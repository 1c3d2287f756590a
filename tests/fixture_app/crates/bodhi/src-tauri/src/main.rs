//! Fixture stand-in for the BodhiApp server, used to test the generated Docker images.
//!
//! `bodhi serve` (or no arguments) reads `defaults.yaml` beside the executable, lets the
//! environment override it, requires `BODHI_ENCRYPTION_KEY`, and serves `/ping`,
//! `/health` and `/bodhi/v1/info` on `BODHI_HOST:BODHI_PORT`.
//!
//! Fixture-only switches (environment), for negative smoke tests:
//! - `BODHI_FIXTURE_EXIT_AT_START=1`: log one line and exit with status 3.
//! - `BODHI_FIXTURE_NO_PING=1`: `/ping` and `/health` answer 503 forever.
//! - `BODHI_FIXTURE_VERSION_OVERRIDE=x`: report version `x`.

mod config;
mod log;
mod server;

use std::env;
use std::net::TcpListener;
use std::process;
use std::sync::Arc;

use config::Config;
use server::App;

/// Which build this is, as reported by `/bodhi/v1/info` and `--version`.
pub const BUILD: &str = if cfg!(feature = "production") {
    "production"
} else {
    "development"
};

const USAGE: &str = "usage: bodhi [serve] | bodhi --version";

fn main() {
    let args: Vec<String> = env::args().skip(1).collect();
    let command = args.iter().map(String::as_str).collect::<Vec<_>>();
    match command.as_slice() {
        [] | ["serve"] => serve(),
        ["--version"] | ["-V"] | ["version"] => {
            let config = load_config();
            println!("bodhi {} ({BUILD}, {})", version(&config), llama_server_proc::BUILD_TARGET);
        }
        ["--help"] | ["-h"] | ["help"] => println!("{USAGE}"),
        _ => fail(2, &format!("unexpected arguments {args:?}\n{USAGE}")),
    }
}

fn serve() {
    let config = load_config();
    let version = version(&config);
    let source = config
        .source
        .as_ref()
        .map_or("none".to_string(), |path| path.display().to_string());
    log::info(&format!(
        "bodhi {version} ({BUILD}) starting; defaults: {source}"
    ));
    log::info(&format!(
        "ui: {} bytes embedded",
        lib_bodhiserver::UI_INDEX_HTML.map_or(0, str::len)
    ));

    if flag("BODHI_FIXTURE_EXIT_AT_START") {
        log::info("BODHI_FIXTURE_EXIT_AT_START is set: exiting with status 3");
        process::exit(3);
    }
    if config
        .get("BODHI_ENCRYPTION_KEY")
        .map_or(true, |key| key.trim().is_empty())
    {
        fail(1, "BODHI_ENCRYPTION_KEY must be set to a non-empty value");
    }

    let host = config.get_or("BODHI_HOST", "0.0.0.0");
    let port: u16 = config
        .get_or("BODHI_PORT", "8080")
        .trim()
        .parse()
        .unwrap_or_else(|_| fail(1, "BODHI_PORT must be a port number"));
    let listener = TcpListener::bind((host.as_str(), port))
        .unwrap_or_else(|err| fail(1, &format!("cannot listen on {host}:{port}: {err}")));

    let app = App::from_config(&config, version, flag("BODHI_FIXTURE_NO_PING"));
    log::info(&format!(
        "listening on {host}:{port}; exec variant '{}' target '{}'",
        app.exec_variant, app.exec_target
    ));
    server::serve(listener, Arc::new(app))
}

fn load_config() -> Config {
    Config::load().unwrap_or_else(|err| fail(1, &err))
}

fn version(config: &Config) -> String {
    env::var("BODHI_FIXTURE_VERSION_OVERRIDE")
        .ok()
        .filter(|v| !v.is_empty())
        .or_else(|| config.get("BODHI_VERSION").filter(|v| !v.is_empty()))
        .unwrap_or_else(|| env!("CARGO_PKG_VERSION").to_string())
}

fn flag(name: &str) -> bool {
    matches!(env::var(name).as_deref(), Ok("1") | Ok("true") | Ok("yes"))
}

fn fail(code: i32, message: &str) -> ! {
    eprintln!("bodhi: error: {message}");
    process::exit(code)
}
