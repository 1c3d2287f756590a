//! The compile-time llama-server settings; defaults.yaml overrides them at run time.

/// Target triple the binary was built for (from CI_BUILD_TARGET).
pub const BUILD_TARGET: &str = env!("BUILD_TARGET");
