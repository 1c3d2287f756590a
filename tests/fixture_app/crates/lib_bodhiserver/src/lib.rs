//! Stand-in for BodhiApp's `lib_bodhiserver`: holds the UI that build.rs made sure exists.

/// `crates/bodhi/out/index.html`, compiled in with the `embed-ui` feature.
#[cfg(feature = "embed-ui")]
pub const UI_INDEX_HTML: Option<&str> = Some(include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../bodhi/out/index.html"
)));

/// No UI without the `embed-ui` feature.
#[cfg(not(feature = "embed-ui"))]
pub const UI_INDEX_HTML: Option<&str> = None;
