//! Stand-in for BodhiApp's `ci_optims` crate.
//!
//! In BodhiApp this crate only depends on the workspace's heavy dependencies so that a
//! Docker layer can compile them before the application code is copied in. The fixture
//! has no dependencies, so there is nothing to pre-build; the crate only has to exist
//! and compile on its own.

/// Marker proving the deps stage compiled this crate.
pub const PREBUILT: &str = "ci_optims";
