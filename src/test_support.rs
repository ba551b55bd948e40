//! Helpers shared by the unit tests of several modules.

/// An environment of `pairs` only, as the `env` lookups of `config` and `state` take it.
pub(crate) fn fake_env(
    pairs: &'static [(&'static str, &'static str)],
) -> impl Fn(&str) -> Option<String> {
    move |name: &str| {
        pairs
            .iter()
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value.to_string())
    }
}
