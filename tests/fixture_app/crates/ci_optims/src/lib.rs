//! Stand-in for BodhiApp's `ci_optims` crate.
//!
//! In BodhiApp this crate only depends on the workspace's heavy dependencies so that a
//! Docker layer can compile them before the application code is copied in. The fixture's
//! one dependency is `async-openai`, a path dependency that lives in a git submodule: the
//! deps stage fails unless the submodule was checked out and copied in.

/// Marker proving the deps stage compiled this crate.
pub const PREBUILT: &str = "ci_optims";

/// Marker of the submodule crate, so the dependency is really linked.
pub const SUBMODULE: &str = async_openai::NAME;
