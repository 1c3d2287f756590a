//! Same contract as BodhiApp's lib_bodhiserver build script, std only: with the `embed-ui`
//! feature, the UI in crates/bodhi/out must exist. When it does not, or when CI=true, the
//! script builds ts-client (if its dist/ is missing) and the UI with npm, so a build stage
//! without Node fails here unless the UI was built beforehand and copied in.

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=CI");
    if env::var_os("CARGO_FEATURE_EMBED_UI").is_none() {
        return;
    }
    let manifest_dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let ui_dir = manifest_dir.join("../bodhi");
    let root = manifest_dir.join("../..");
    let out_dir = ui_dir.join("out");
    println!("cargo:rerun-if-changed={}", out_dir.join("index.html").display());
    if let Err(message) = ensure_ui(&root, &ui_dir, &out_dir) {
        panic!("Build script failed: {message}");
    }
}

fn ensure_ui(root: &Path, ui_dir: &Path, out_dir: &Path) -> Result<(), String> {
    if is_ci() || !out_dir.exists() {
        let ts_client = root.join("ts-client");
        if !ts_client.join("dist").exists() {
            println!("cargo:warning=ts-client/dist not found, building ts-client");
            npm(&ts_client, &["install"])?;
            npm(&ts_client, &["run", "build:openapi"])?;
        }
        println!("cargo:warning=Building the UI in {}", ui_dir.display());
        npm(ui_dir, &["install"])?;
        npm(ui_dir, &["run", "build"])?;
    }
    let index = out_dir.join("index.html");
    if !index.exists() {
        return Err(format!("UI build output missing: {}", index.display()));
    }
    Ok(())
}

fn is_ci() -> bool {
    env::var("CI").map_or(false, |value| value == "true")
}

fn npm(dir: &Path, args: &[&str]) -> Result<(), String> {
    let status = Command::new("npm")
        .args(args)
        .current_dir(dir)
        .status()
        .map_err(|err| format!("cannot run npm {} in {}: {err}", args.join(" "), dir.display()))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("npm {} failed in {} ({status})", args.join(" "), dir.display()))
    }
}
