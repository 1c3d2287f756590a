//! Same contract as BodhiApp's llama_server_proc build script, std only: with CI_BUILD_TARGET set
//! (a CI build) it only records the target and the exec settings for the binary; without it, it
//! would compile llama.cpp from the crates/llama_server_proc/llama.cpp submodule (cmake, a long
//! native build that a Docker build stage cannot do), so here it fails with that explanation.

use std::env;

fn main() {
    for name in ["CI_BUILD_TARGET", "CI_BUILD_VARIANTS", "CI_DEFAULT_VARIANT", "CI_EXEC_NAME"] {
        println!("cargo:rerun-if-env-changed={name}");
    }
    let target = match env::var("CI_BUILD_TARGET") {
        Ok(target) => target,
        Err(_) => panic!(
            "Build script failed: CI_BUILD_TARGET is not set, so llama_server_proc would build llama.cpp \
             from its submodule (crates/llama_server_proc/llama.cpp) with cmake; a CI build sets CI_BUILD_TARGET"
        ),
    };
    let variants = env::var("CI_BUILD_VARIANTS").unwrap_or_else(|_| "cpu".to_string());
    let default = env::var("CI_DEFAULT_VARIANT").unwrap_or_else(|_| "cpu".to_string());
    let exec = env::var("CI_EXEC_NAME").unwrap_or_else(|_| "llama-server".to_string());
    println!("cargo:rustc-env=BUILD_TARGET={target}");
    println!("cargo:rustc-env=BUILD_VARIANTS={variants}");
    println!("cargo:rustc-env=DEFAULT_VARIANT={default}");
    println!("cargo:rustc-env=EXEC_NAME={exec}");
}
