//! The error type of `rakenne-schema`.

/// An error of the exchange format.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The format version is not one this reader understands.
    #[error(
        "unsupported format version {found}: this reader reads versions {supported}; \
         {hint}"
    )]
    UnsupportedVersion {
        /// The version in the file.
        found: String,
        /// The versions this reader reads, e.g. `1.0`.
        supported: String,
        /// What to do about it.
        hint: &'static str,
    },
    /// A format version is not of the form `MAJOR.MINOR.PATCH`.
    #[error("invalid format version \"{value}\": expected MAJOR.MINOR.PATCH, e.g. \"1.0.0\"")]
    InvalidVersion {
        /// The value, cut to 32 characters.
        value: String,
    },
    /// A model value is invalid.
    #[error(transparent)]
    Model(#[from] rakenne_model::Error),
}
