//! The classification of social phenomena (ilmiöt) that social reports describe.
//!
//! A social report says *what* was seen ([`PhenomenonTheme`]), *how common* it is in the
//! reporter's work ([`Prevalence`]) and *which way* it is going ([`Trend`]). These three
//! are what decision-makers' digests count and compare, so they are closed code lists.

use crate::code_list::code_list;

code_list! {
    /// Theme of a social phenomenon (ilmiön teema), the classification of social reports.
    ///
    /// # Example
    /// ```
    /// use rakenne_model::{CodeList, Lang, PhenomenonTheme};
    ///
    /// let theme: PhenomenonTheme = "digital_exclusion".parse()?;
    /// assert_eq!(theme.label(Lang::Fi).text(), "Digitaalinen syrjäytyminen");
    /// # Ok::<(), rakenne_model::Error>(())
    /// ```
    pub enum PhenomenonTheme as "phenomenon_theme", closed {
        Housing = "housing" {
            fi: "Asuminen",
            sv: "Boende",
            en: "Housing",
            description: "Homelessness, risk of eviction, housing costs, unsuitable or insecure housing.",
        },
        IncomeAndDebt = "income_and_debt" {
            fi: "Toimeentulo ja velat",
            sv: "Utkomst och skulder",
            en: "Income and debt",
            description: "Insufficient income, benefits gaps, over-indebtedness, payment defaults.",
        },
        Employment = "employment" {
            fi: "Työllisyys",
            sv: "Sysselsättning",
            en: "Employment",
            description: "Unemployment, long-term unemployment, barriers to work or training.",
        },
        SubstanceUse = "substance_use" {
            fi: "Päihteet",
            sv: "Rusmedel",
            en: "Substance use",
            description: "Alcohol and drug use, gambling and other addictions and their effects.",
        },
        MentalHealth = "mental_health" {
            fi: "Mielenterveys",
            sv: "Psykisk hälsa",
            en: "Mental health",
            description: "Mental-health problems and access to mental-health support.",
        },
        LonelinessAndParticipation = "loneliness_and_participation" {
            fi: "Yksinäisyys ja osallisuus",
            sv: "Ensamhet och delaktighet",
            en: "Loneliness and participation",
            description: "Loneliness, social isolation, lack of participation and belonging.",
        },
        ServiceAccess = "service_access" {
            fi: "Palvelujen saatavuus ja saavutettavuus",
            sv: "Tjänsternas tillgång och tillgänglighet",
            en: "Service access and availability",
            description: "Waiting times, gaps between services, services out of reach or not fitting needs.",
        },
        DigitalExclusion = "digital_exclusion" {
            fi: "Digitaalinen syrjäytyminen",
            sv: "Digitalt utanförskap",
            en: "Digital exclusion",
            description: "Lack of devices, skills or strong identification needed for digital services.",
        },
        FamilyAndRelationships = "family_and_relationships" {
            fi: "Perhe ja ihmissuhteet",
            sv: "Familj och relationer",
            en: "Family and relationships",
            description: "Family crises, parenting, divorce, care responsibilities, relationship problems.",
        },
        ViolenceAndSafety = "violence_and_safety" {
            fi: "Väkivalta ja turvallisuus",
            sv: "Våld och trygghet",
            en: "Violence and safety",
            description: "Domestic and intimate-partner violence, exploitation, threats, unsafe environments.",
        },
        Health = "health" {
            fi: "Terveys",
            sv: "Hälsa",
            en: "Health",
            description: "Physical health, functional capacity and access to health care.",
        },
        Other = "other" {
            fi: "Muu ilmiö",
            sv: "Annat fenomen",
            en: "Other phenomenon",
            description: "A phenomenon outside the themes above; describe it in the report text.",
        },
    }
}

code_list! {
    /// How common a phenomenon is in the reporter's work (yleisyys).
    ///
    /// # Example
    /// ```
    /// use rakenne_model::{CodeList, Lang, Prevalence};
    ///
    /// assert_eq!(Prevalence::Widespread.label(Lang::Fi).text(), "Laaja-alainen");
    /// ```
    pub enum Prevalence as "prevalence", closed {
        SingleCase = "single_case" {
            fi: "Yksittäinen tapaus",
            sv: "Enskilt fall",
            en: "Single case",
            description: "Seen once, but significant enough to report (e.g. a gap in services).",
        },
        Recurring = "recurring" {
            fi: "Toistuva",
            sv: "Återkommande",
            en: "Recurring",
            description: "Seen repeatedly among the reporter's clients.",
        },
        Widespread = "widespread" {
            fi: "Laaja-alainen",
            sv: "Utbredd",
            en: "Widespread",
            description: "Common across clients, services or the area.",
        },
    }
}

code_list! {
    /// Which way a phenomenon is developing, as the reporter sees it (suunta).
    ///
    /// # Example
    /// ```
    /// use rakenne_model::{CodeList, Lang, Trend};
    ///
    /// assert_eq!(Trend::Growing.label(Lang::Sv).text(), "Ökar");
    /// ```
    pub enum Trend as "trend", closed {
        Growing = "growing" {
            fi: "Kasvava",
            sv: "Ökar",
            en: "Growing",
            description: "Becoming more common or more severe.",
        },
        Stable = "stable" {
            fi: "Ennallaan",
            sv: "Oförändrad",
            en: "Stable",
            description: "No clear change.",
        },
        Easing = "easing" {
            fi: "Helpottuva",
            sv: "Minskar",
            en: "Easing",
            description: "Becoming less common or less severe.",
        },
        Unknown = "unknown" {
            fi: "Ei tiedossa",
            sv: "Okänd",
            en: "Unknown",
            description: "The reporter cannot tell the direction.",
        },
    }
}
