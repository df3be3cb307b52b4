//! Target groups (kohderyhmät) of social reports and operating models.
//!
//! The same classification says whom a reported phenomenon concerns and whom an
//! operating model is meant for, so reports and pilots can be read side by side.

use crate::code_list::code_list;

code_list! {
    /// A population group that a phenomenon concerns or an operating model serves
    /// (kohderyhmä).
    ///
    /// # Example
    /// ```
    /// use rakenne_model::{CodeList, Lang, TargetGroup};
    ///
    /// assert_eq!(TargetGroup::YoungAdults.label(Lang::En).text(), "Young adults");
    /// ```
    pub enum TargetGroup as "target_group", open {
        ChildrenAndFamilies = "children_and_families" {
            fi: "Lapset ja perheet",
            sv: "Barn och familjer",
            en: "Children and families",
            description: "Families with children, children and their parents.",
        },
        YoungAdults = "young_adults" {
            fi: "Nuoret aikuiset",
            sv: "Unga vuxna",
            en: "Young adults",
            description: "Young people and young adults, roughly 16 to 29 years.",
        },
        WorkingAgeAdults = "working_age_adults" {
            fi: "Työikäiset",
            sv: "Personer i arbetsför ålder",
            en: "Working-age adults",
            description: "Adults of working age.",
        },
        OlderPeople = "older_people" {
            fi: "Ikääntyneet",
            sv: "Äldre",
            en: "Older people",
            description: "Older people, roughly 65 years and over.",
        },
        Unemployed = "unemployed" {
            fi: "Työttömät",
            sv: "Arbetslösa",
            en: "Unemployed people",
            description: "Unemployed and long-term unemployed people.",
        },
        Homeless = "homeless" {
            fi: "Asunnottomat",
            sv: "Bostadslösa",
            en: "Homeless people",
            description: "People without a home or at risk of losing it.",
        },
        Immigrants = "immigrants" {
            fi: "Maahan muuttaneet",
            sv: "Invandrare",
            en: "Immigrants",
            description: "People who have moved to Finland, including refugees and asylum seekers.",
        },
        PeopleWithDisabilities = "people_with_disabilities" {
            fi: "Vammaiset henkilöt",
            sv: "Personer med funktionsnedsättning",
            en: "People with disabilities",
            description: "People with disabilities or long-term illness limiting daily life.",
        },
        SubstanceUsers = "substance_users" {
            fi: "Päihteitä käyttävät",
            sv: "Personer som använder rusmedel",
            en: "People who use substances",
            description: "People with substance use or addiction.",
        },
        WholePopulation = "whole_population" {
            fi: "Koko väestö",
            sv: "Hela befolkningen",
            en: "Whole population",
            description: "The phenomenon or model concerns residents in general.",
        },
        Other = "other" {
            fi: "Muu kohderyhmä",
            sv: "Annan målgrupp",
            en: "Other group",
            description: "A group outside the ones above; describe it in the text.",
        },
    }
}
