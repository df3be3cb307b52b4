//! Social-care service classes (palvelut) of the Social Welfare Act.
//!
//! The Social Welfare Act (sosiaalihuoltolaki 1301/2014, § 14) lists the social services a
//! welfare area must organise; the classes here follow that list, so a report or a pilot
//! can be placed in the service where it was seen or run. Child welfare and services under
//! other acts are reported with [`ServiceClass::Other`] until the list grows.

use crate::code_list::code_list;

code_list! {
    /// A social-care service class (palvelu) of the Social Welfare Act (1301/2014, § 14).
    ///
    /// # Example
    /// ```
    /// use rakenne_model::{CodeList, Lang, ServiceClass};
    ///
    /// let class: ServiceClass = "social_guidance".parse()?;
    /// assert_eq!(class, ServiceClass::SocialGuidance);
    /// assert_eq!(class.label(Lang::Fi).text(), "Sosiaaliohjaus");
    /// assert_eq!(class.label(Lang::Sv).text(), "Social handledning");
    /// # Ok::<(), rakenne_model::Error>(())
    /// ```
    pub enum ServiceClass as "service_class", closed {
        SocialWork = "social_work" {
            fi: "Sosiaalityö",
            sv: "Socialt arbete",
            en: "Social work",
            description: "Client-specific social work by a qualified social worker (Social Welfare Act § 15).",
        },
        SocialGuidance = "social_guidance" {
            fi: "Sosiaaliohjaus",
            sv: "Social handledning",
            en: "Social guidance",
            description: "Counselling, guidance and coordination of services by a social counsellor (Social Welfare Act § 16).",
        },
        SocialRehabilitation = "social_rehabilitation" {
            fi: "Sosiaalinen kuntoutus",
            sv: "Social rehabilitering",
            en: "Social rehabilitation",
            description: "Intensified support to strengthen social functioning and prevent exclusion (Social Welfare Act § 17).",
        },
        FamilyWork = "family_work" {
            fi: "Perhetyö",
            sv: "Familjearbete",
            en: "Family work",
            description: "Guidance and support to strengthen a family's own resources (Social Welfare Act § 18).",
        },
        HomeHelp = "home_help" {
            fi: "Kotipalvelu",
            sv: "Hemservice",
            en: "Home help",
            description: "Help with daily tasks at home (Social Welfare Act § 19).",
        },
        HomeCare = "home_care" {
            fi: "Kotihoito",
            sv: "Hemvård",
            en: "Home care",
            description: "Home help combined with home nursing (Social Welfare Act § 20).",
        },
        HousingServices = "housing_services" {
            fi: "Asumispalvelut",
            sv: "Boendeservice",
            en: "Housing services",
            description: "Supported, community and 24-hour housing for those who need help to live (Social Welfare Act §§ 21–21 c).",
        },
        InstitutionalCare = "institutional_care" {
            fi: "Laitospalvelut",
            sv: "Institutionstjänster",
            en: "Institutional care",
            description: "Care and rehabilitation in an institution (Social Welfare Act § 22).",
        },
        MobilitySupport = "mobility_support" {
            fi: "Liikkumista tukevat palvelut",
            sv: "Tjänster som stöder rörligheten",
            en: "Mobility support services",
            description: "Transport and accompaniment for those who cannot use public transport (Social Welfare Act § 23).",
        },
        SubstanceAbuseWork = "substance_abuse_work" {
            fi: "Päihdetyö",
            sv: "Missbrukarvård",
            en: "Substance-abuse work",
            description: "Prevention and treatment of substance abuse in social care (Social Welfare Act § 24).",
        },
        MentalHealthWork = "mental_health_work" {
            fi: "Mielenterveystyö",
            sv: "Mentalvårdsarbete",
            en: "Mental-health work",
            description: "Support for mental wellbeing and mental-health rehabilitation in social care (Social Welfare Act § 25).",
        },
        FamilyCounselling = "family_counselling" {
            fi: "Kasvatus- ja perheneuvonta",
            sv: "Uppfostrings- och familjerådgivning",
            en: "Child guidance and family counselling",
            description: "Expert guidance on upbringing and family relationships (Social Welfare Act § 26).",
        },
        SupervisedMeetings = "supervised_meetings" {
            fi: "Lapsen ja vanhemman tapaamisten valvonta",
            sv: "Övervakade möten mellan barn och förälder",
            en: "Supervised child–parent meetings",
            description: "Supervision of meetings between a child and a parent (Social Welfare Act § 27).",
        },
        Other = "other" {
            fi: "Muu palvelu",
            sv: "Annan tjänst",
            en: "Other service",
            description: "A service not listed above, including services under other acts (e.g. child welfare).",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CodeList, Lang};

    #[test]
    fn codes_are_unique_snake_case() {
        let mut seen = std::collections::BTreeSet::new();
        for class in ServiceClass::all() {
            let code = class.code();
            assert!(seen.insert(code), "duplicate code {code}");
            assert!(
                code.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{code} is not snake_case"
            );
            for lang in Lang::ALL {
                assert!(!class.label(lang).is_fallback());
            }
        }
        assert_eq!(ServiceClass::all().len(), 14);
    }

    #[test]
    fn unknown_code_lists_the_valid_ones() {
        let err = "social".parse::<ServiceClass>().unwrap_err().to_string();
        assert!(err.starts_with(r#"invalid service_class code "social": expected one of social_work, social_guidance,"#), "{err}");
    }

    #[test]
    fn serde_uses_the_code() {
        assert_eq!(
            serde_json::to_string(&ServiceClass::SubstanceAbuseWork).unwrap(),
            r#""substance_abuse_work""#
        );
        let back: ServiceClass = serde_json::from_str(r#""home_care""#).unwrap();
        assert_eq!(back, ServiceClass::HomeCare);
    }
}
