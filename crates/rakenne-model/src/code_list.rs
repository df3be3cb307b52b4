//! Code lists (koodistot) with stable codes and fi/sv/en labels, each declared closed or
//! open ([`Openness`](crate::Openness)).
//!
//! A code list is a Rust enum whose values serialize as stable `snake_case` codes
//! (`income_and_debt`), never as numbers or display text. Every code has a label in
//! Finnish, Swedish and English and a description; the description is also the doc comment
//! of the variant, so it reaches rustdoc and the JSON Schema (as `oneOf` of
//! `{const, title, description}`) from one source.
//!
//! Code values never change within a major version. The enums are `#[non_exhaustive]`:
//! a minor version may add codes.

use std::fmt::Debug;
use std::hash::Hash;

use crate::{Labels, Lang};

/// A code list: a fixed set of codes, each with labels and a description, declared
/// closed or open.
///
/// Implemented by every code-list enum in this crate ([`PhenomenonTheme`],
/// [`ServiceClass`], ...).
///
/// [`PhenomenonTheme`]: crate::PhenomenonTheme
/// [`ServiceClass`]: crate::ServiceClass
///
/// # Example
/// ```
/// use rakenne_model::{CodeList, Lang, PhenomenonTheme};
///
/// let theme = PhenomenonTheme::from_code("income_and_debt").unwrap();
/// assert_eq!(theme.code(), "income_and_debt");
/// assert_eq!(theme.label(Lang::Fi).text(), "Toimeentulo ja velat");
/// assert_eq!(PhenomenonTheme::all().first(), Some(&PhenomenonTheme::Housing));
/// ```
pub trait CodeList: Copy + Eq + Ord + Hash + Debug + Sized + 'static {
    /// The name of the list, `snake_case`, as used in schemas and messages
    /// (`phenomenon_theme`).
    const NAME: &'static str;

    /// Whether the list is closed (a code outside it is an error) or open (fields of the
    /// list hold an [`OpenCode`](crate::OpenCode), so a local code is accepted).
    const OPENNESS: crate::Openness;

    /// Every code of the list, in the list's order.
    fn all() -> &'static [Self];

    /// The stable code (`income_and_debt`).
    fn code(self) -> &'static str;

    /// The labels in Finnish, Swedish and English.
    fn labels(self) -> &'static Labels;

    /// What the code means and when to use it, in English.
    fn description(self) -> &'static str;

    /// The code with this exact spelling, if the list has it.
    fn from_code(code: &str) -> Option<Self> {
        Self::all().iter().copied().find(|c| c.code() == code)
    }

    /// The label in `lang` (all built-in labels exist in every language).
    fn label(self, lang: Lang) -> crate::Label<'static> {
        self.labels().get(lang)
    }
}

/// The codes of `L` as a comma-separated list, for error messages.
pub(crate) fn expected_codes<L: CodeList>() -> String {
    let codes: Vec<&str> = L::all().iter().map(|c| c.code()).collect();
    format!("one of {}", codes.join(", "))
}

/// Defines a code-list enum (`pub enum Name as "list_name", closed { ... }`, or `open`):
/// the enum with serde and schemars derives, its
/// [`CodeList`] implementation, `FromStr` (errors list the valid codes) and `Display`
/// (the code).
///
/// Each variant gives its code, its labels and its description; the description becomes
/// the variant's doc comment (and thus its JSON Schema description), the English label
/// its JSON Schema title.
macro_rules! code_list {
    (
        $(#[$meta:meta])*
        pub enum $name:ident as $list:literal, $openness:ident {
            $(
                $variant:ident = $code:literal {
                    fi: $fi:literal,
                    sv: $sv:literal,
                    en: $en:literal,
                    description: $desc:literal $(,)?
                }
            ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Debug,
            Clone,
            Copy,
            PartialEq,
            Eq,
            Hash,
            PartialOrd,
            Ord,
            serde::Serialize,
            serde::Deserialize,
            schemars::JsonSchema,
        )]
        #[non_exhaustive]
        pub enum $name {
            $(
                #[doc = $desc]
                #[doc = ""]
                #[doc = concat!("Code `", $code, "`; labels: ", $fi, " · ", $sv, " · ", $en, ".")]
                #[serde(rename = $code)]
                #[schemars(title = $en)]
                $variant,
            )+
        }

        impl $crate::CodeList for $name {
            const NAME: &'static str = $list;
            const OPENNESS: $crate::Openness = $crate::code_list::openness!($openness);

            fn all() -> &'static [Self] {
                &[$($name::$variant),+]
            }

            fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code,)+
                }
            }

            fn labels(self) -> &'static $crate::Labels {
                match self {
                    $($name::$variant => {
                        static LABELS: $crate::Labels =
                            $crate::Labels::from_static($fi, Some($sv), Some($en));
                        &LABELS
                    })+
                }
            }

            fn description(self) -> &'static str {
                match self {
                    $($name::$variant => $desc,)+
                }
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::Error;

            fn from_str(s: &str) -> Result<Self, $crate::Error> {
                <$name as $crate::CodeList>::from_code(s).ok_or_else(|| {
                    $crate::Error::invalid(
                        concat!($list, " code"),
                        s,
                        $crate::code_list::expected_codes::<$name>(),
                    )
                })
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(<$name as $crate::CodeList>::code(*self))
            }
        }
    };
}

/// The [`Openness`](crate::Openness) a list declares: `open` or `closed`.
macro_rules! openness {
    (open) => {
        $crate::Openness::Open
    };
    (closed) => {
        $crate::Openness::Closed
    };
}

pub(crate) use code_list;
pub(crate) use openness;
