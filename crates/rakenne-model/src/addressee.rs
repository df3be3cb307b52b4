//! Who should act on a social report (vastaanottaja), and where the report stands.
//!
//! A social report ends in a proposed action for someone who can change the structures:
//! the welfare area's decision-makers, a municipality, the state, Kela, an NGO. The
//! [`FollowUpStatus`] records whether the report has been processed, so digests can show
//! what became of the reports, not only how many there were.

use crate::code_list::code_list;

code_list! {
    /// Who should act on a social report (toimenpide-ehdotuksen vastaanottaja).
    ///
    /// # Example
    /// ```
    /// use rakenne_model::{Addressee, CodeList, Lang};
    ///
    /// assert_eq!(Addressee::Municipality.label(Lang::Sv).text(), "Kommunen");
    /// ```
    pub enum Addressee as "addressee", open {
        WelfareAreaDecisionMakers = "welfare_area_decision_makers" {
            fi: "Hyvinvointialueen päättäjät",
            sv: "Välfärdsområdets beslutsfattare",
            en: "Welfare area decision-makers",
            description: "The welfare area council, board and committees.",
        },
        WelfareAreaManagement = "welfare_area_management" {
            fi: "Hyvinvointialueen johto",
            sv: "Välfärdsområdets ledning",
            en: "Welfare area management",
            description: "Service-area directors and management who can change services.",
        },
        ServiceUnit = "service_unit" {
            fi: "Palveluyksikkö",
            sv: "Serviceenhet",
            en: "Service unit",
            description: "The reporter's own or another service unit.",
        },
        Municipality = "municipality" {
            fi: "Kunta",
            sv: "Kommunen",
            en: "Municipality",
            description: "The municipality (housing, education, leisure, wellbeing promotion, employment).",
        },
        EmploymentServices = "employment_services" {
            fi: "Työllisyyspalvelut",
            sv: "Arbetskraftsservice",
            en: "Employment services",
            description: "Public employment services.",
        },
        Kela = "kela" {
            fi: "Kela",
            sv: "FPA",
            en: "Kela (Social Insurance Institution)",
            description: "The Social Insurance Institution of Finland (basic social assistance, benefits).",
        },
        State = "state" {
            fi: "Valtio",
            sv: "Staten",
            en: "State",
            description: "Ministries, national agencies and legislators.",
        },
        NgosAndParishes = "ngos_and_parishes" {
            fi: "Järjestöt ja seurakunnat",
            sv: "Organisationer och församlingar",
            en: "NGOs and parishes",
            description: "Non-governmental organisations and parishes.",
        },
        HousingProviders = "housing_providers" {
            fi: "Asuntotoimijat",
            sv: "Bostadsaktörer",
            en: "Housing providers",
            description: "Municipal and non-profit landlords and other housing providers.",
        },
        Other = "other" {
            fi: "Muu taho",
            sv: "Annan aktör",
            en: "Other",
            description: "Another actor; name it in the proposed action.",
        },
    }
}

code_list! {
    /// Where a social report stands in its processing (käsittelyn tila).
    ///
    /// # Example
    /// ```
    /// use rakenne_model::{CodeList, FollowUpStatus, Lang};
    ///
    /// assert_eq!(FollowUpStatus::Forwarded.label(Lang::Fi).text(), "Välitetty");
    /// ```
    pub enum FollowUpStatus as "follow_up_status", closed {
        New = "new" {
            fi: "Uusi",
            sv: "Ny",
            en: "New",
            description: "Submitted, not yet processed.",
        },
        InReview = "in_review" {
            fi: "Käsittelyssä",
            sv: "Under behandling",
            en: "In review",
            description: "Being analysed, e.g. together with other reports and statistics.",
        },
        Forwarded = "forwarded" {
            fi: "Välitetty",
            sv: "Vidarebefordrad",
            en: "Forwarded",
            description: "Forwarded to the addressee with a proposal.",
        },
        ActionTaken = "action_taken" {
            fi: "Toimenpiteitä tehty",
            sv: "Åtgärder vidtagna",
            en: "Action taken",
            description: "The addressee has acted on it (decision, change in service, development work).",
        },
        Closed = "closed" {
            fi: "Suljettu",
            sv: "Avslutad",
            en: "Closed",
            description: "Processed and closed without further action.",
        },
    }
}
