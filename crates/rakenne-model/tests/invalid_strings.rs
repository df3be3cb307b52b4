//! Invalid strings never deserialize: for every type written as a JSON string, a string
//! that the type's parser refuses is refused by serde too, and one it accepts
//! deserializes to the same value. The strategies mix random text with near misses
//! (valid values with one character changed), which is where bugs hide.

use proptest::prelude::*;
use rakenne_model::*;

/// Random text, plus valid-looking text with one character replaced, inserted or removed.
fn near_misses(valid: Vec<String>) -> impl Strategy<Value = String> {
    let mutated = (
        proptest::sample::select(valid),
        any::<prop::sample::Index>(),
        prop_oneof![
            Just('x'),
            Just(' '),
            Just('-'),
            Just('0'),
            Just('9'),
            Just('ä'),
            Just(':'),
            Just('Q')
        ],
        0..3u8,
    )
        .prop_map(|(s, at, c, op)| {
            let mut chars: Vec<char> = s.chars().collect();
            let i = at.index(chars.len() + 1);
            match op {
                0 if i < chars.len() => chars[i] = c,
                1 => chars.insert(i, c),
                _ if i < chars.len() => {
                    chars.remove(i);
                }
                _ => chars.push(c),
            }
            chars.into_iter().collect::<String>()
        });
    prop_oneof![mutated, any::<String>(), "[0-9A-Za-z_:./-]{0,16}"]
}

macro_rules! strings_agree {
    ($($name:ident: $ty:ty => [$($valid:expr),+ $(,)?]),+ $(,)?) => {
        proptest! {
            #![proptest_config(ProptestConfig::with_cases(512))]
            $(
                #[test]
                fn $name(s in near_misses(vec![$($valid.to_string()),+])) {
                    let parsed = s.parse::<$ty>();
                    let deserialized = serde_json::from_value::<$ty>(serde_json::Value::String(s.clone()));
                    match parsed {
                        Ok(value) => prop_assert_eq!(deserialized.ok(), Some(value)),
                        Err(_) => prop_assert!(deserialized.is_err(), "{s:?} deserialized"),
                    }
                }
            )+
        }
    };
}

strings_agree!(
    invalid_municipality_codes_never_deserialize: MunicipalityCode => ["091", "005", "992"],
    invalid_welfare_area_codes_never_deserialize: WelfareAreaCode => ["01", "21", "90", "91"],
    invalid_periods_never_deserialize: ReportingPeriod => ["2025", "2025-H1", "2025-Q3", "2025-09", "2025-01-15/2025-03-31"],
    invalid_report_ids_never_deserialize: ReportId => ["R-2025-0001", "05:R.1"],
    invalid_client_ids_never_deserialize: ClientId => ["C-7f3a9e", "131052-308T"],
    invalid_free_texts_never_deserialize: FreeText => ["Asunnottomuus", "131052-308T", " "],
    invalid_languages_never_deserialize: Lang => ["fi", "sv", "en"],
    invalid_themes_never_deserialize: PhenomenonTheme => ["housing", "income_and_debt", "other"],
    invalid_service_classes_never_deserialize: ServiceClass => ["social_work", "family_work"],
    invalid_occasions_never_deserialize: Occasion => ["baseline", "follow_up"],
);
