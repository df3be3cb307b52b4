//! Who reports a social phenomenon (raportoijan rooli).
//!
//! Social reporting is done mostly by professionals, but structural social work also
//! brings in clients, experts by experience, NGOs and residents. The role is kept so a
//! reader can weigh and group reports; it never identifies the person.

use crate::code_list::code_list;

code_list! {
    /// The role of the person who made a social report (raportoijan rooli).
    ///
    /// # Example
    /// ```
    /// use rakenne_model::{CodeList, Lang, ReporterRole};
    ///
    /// assert_eq!(ReporterRole::SocialCounsellor.label(Lang::Fi).text(), "Sosiaaliohjaaja");
    /// ```
    pub enum ReporterRole as "reporter_role", closed {
        SocialWorker = "social_worker" {
            fi: "Sosiaalityöntekijä",
            sv: "Socialarbetare",
            en: "Social worker",
            description: "A qualified social worker (sosiaalityöntekijä).",
        },
        SocialCounsellor = "social_counsellor" {
            fi: "Sosiaaliohjaaja",
            sv: "Socialhandledare",
            en: "Social counsellor",
            description: "A social counsellor (sosiaaliohjaaja, bachelor of social services).",
        },
        OtherProfessional = "other_professional" {
            fi: "Muu ammattilainen",
            sv: "Annan yrkesperson",
            en: "Other professional",
            description: "Another social- or health-care professional (e.g. nurse, psychologist, instructor).",
        },
        Manager = "manager" {
            fi: "Esihenkilö tai johto",
            sv: "Chef eller ledning",
            en: "Manager",
            description: "A team leader, service manager or other manager.",
        },
        ExpertByExperience = "expert_by_experience" {
            fi: "Kokemusasiantuntija",
            sv: "Erfarenhetsexpert",
            en: "Expert by experience",
            description: "A trained expert by experience (kokemusasiantuntija).",
        },
        Client = "client" {
            fi: "Asiakas",
            sv: "Klient",
            en: "Client",
            description: "A client reporting about their own or their peers' situation.",
        },
        NgoWorker = "ngo_worker" {
            fi: "Järjestötyöntekijä",
            sv: "Organisationsanställd",
            en: "NGO worker",
            description: "A worker or volunteer of a non-governmental organisation or parish.",
        },
        Resident = "resident" {
            fi: "Asukas",
            sv: "Invånare",
            en: "Resident",
            description: "A resident of the area, e.g. through a resident forum.",
        },
    }
}
