//! Stand-in for the `async-openai` crate of BodhiApp's `async-openai` submodule.

/// Marker read by ci_optims, so the path dependency is really compiled and linked.
pub const NAME: &str = "async-openai";
