//! The social report (sosiaalinen raportti): one professional's structured observation.
//!
//! Social reporting turns what social workers see in client work into knowledge for
//! decisions. One report describes one phenomenon as seen by one reporter at one time and
//! place: what it is (themes, target groups), how common and which way it is going, why it
//! happens, what should be done and by whom, and what has become of the report since. The
//! classification fields are closed code lists so that reports can be counted and compared
//! across areas; the free-text fields carry the substance.

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};
use time::Date;

use crate::invariant::{check_municipality_in_area, no_repeats};
use crate::{
    Addressee, Error, FollowUpStatus, FreeText, MunicipalityCode, OpenCode, PhenomenonTheme,
    Prevalence, ReportId, ReporterRole, ServiceClass, TargetGroup, Trend, WelfareAreaCode,
};

const RECORD: &str = "social report";

/// A social report (sosiaalinen raportti).
///
/// Invariants, checked by [`SocialReportBuilder::build`] and by deserialization:
/// at least one theme; no code repeated within `themes`, `target_groups` or `addressees`;
/// the municipality, if given, belongs to the welfare area; the date is in 1900–2100.
///
/// # Example
/// ```
/// use rakenne_model::{
///     Addressee, FreeText, PhenomenonTheme, Prevalence, ReporterRole, SocialReport, Trend,
/// };
/// use time::macros::date;
///
/// let report = SocialReport::builder(
///     "R-2025-0001".parse()?,
///     date!(2025 - 03 - 14),
///     "08".parse()?, // Pirkanmaa
///     ReporterRole::SocialWorker,
/// )
/// .municipality("837".parse()?) // Tampere
/// .theme(PhenomenonTheme::Housing)
/// .theme(PhenomenonTheme::IncomeAndDebt)
/// .prevalence(Prevalence::Recurring)
/// .trend(Trend::Growing)
/// .description("Nuorten häätöuhat ovat lisääntyneet vuokrarästien vuoksi.".parse()?)
/// .proposed_action("Ennaltaehkäisevän toimeentulotuen ohjeistus vuokrarästeihin.".parse()?)
/// .addressee(Addressee::WelfareAreaManagement)
/// .build()?;
///
/// assert_eq!(report.themes(), &[PhenomenonTheme::Housing, PhenomenonTheme::IncomeAndDebt]);
/// let json = serde_json::to_string(&report).unwrap();
/// assert_eq!(serde_json::from_str::<SocialReport>(&json).unwrap(), report);
/// # Ok::<(), rakenne_model::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct SocialReport {
    /// Id of the report, unique within the producer.
    id: ReportId,
    /// Date of the observation or of writing the report.
    #[serde(with = "crate::date::iso")]
    #[schemars(with = "crate::date::DateSchema")]
    reported_on: Date,
    /// Welfare area where the phenomenon was seen.
    area: WelfareAreaCode,
    /// Municipality where the phenomenon was seen, if it is specific to one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    municipality: Option<MunicipalityCode>,
    /// Role of the reporter.
    reporter_role: ReporterRole,
    /// Service in which the phenomenon was seen, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    service_class: Option<ServiceClass>,
    /// Themes of the phenomenon, the first being the main one; at least one, no repeats.
    #[schemars(length(min = 1), extend("uniqueItems" = true))]
    themes: Vec<PhenomenonTheme>,
    /// Groups the phenomenon concerns; no repeats.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("uniqueItems" = true))]
    target_groups: Vec<OpenCode<TargetGroup>>,
    /// How common the phenomenon is in the reporter's work.
    prevalence: Prevalence,
    /// Which way the phenomenon is developing.
    trend: Trend,
    /// What was seen (ilmiön kuvaus).
    description: FreeText,
    /// Why it happens: the reporter's root-cause analysis (syyanalyysi).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    root_causes: Option<FreeText>,
    /// What should be done (toimenpide-ehdotus).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    proposed_action: Option<FreeText>,
    /// Who should act; no repeats.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("uniqueItems" = true))]
    addressees: Vec<OpenCode<Addressee>>,
    /// Where the report stands in its processing.
    follow_up: FollowUpStatus,
}

impl SocialReport {
    /// Starts a report with the fields every report has; see [`SocialReportBuilder`] for
    /// the rest. `follow_up` starts as [`FollowUpStatus::New`].
    pub fn builder(
        id: ReportId,
        reported_on: Date,
        area: WelfareAreaCode,
        reporter_role: ReporterRole,
    ) -> SocialReportBuilder {
        SocialReportBuilder {
            id,
            reported_on,
            area,
            municipality: None,
            reporter_role,
            service_class: None,
            themes: Vec::new(),
            target_groups: Vec::new(),
            prevalence: None,
            trend: None,
            description: None,
            root_causes: None,
            proposed_action: None,
            addressees: Vec::new(),
            follow_up: FollowUpStatus::New,
        }
    }

    /// Id of the report.
    pub fn id(&self) -> &ReportId {
        &self.id
    }

    /// Date of the observation or report.
    pub fn reported_on(&self) -> Date {
        self.reported_on
    }

    /// Welfare area.
    pub fn area(&self) -> WelfareAreaCode {
        self.area
    }

    /// Municipality, if the phenomenon is specific to one.
    pub fn municipality(&self) -> Option<MunicipalityCode> {
        self.municipality
    }

    /// Role of the reporter.
    pub fn reporter_role(&self) -> ReporterRole {
        self.reporter_role
    }

    /// Service class, if any.
    pub fn service_class(&self) -> Option<ServiceClass> {
        self.service_class
    }

    /// Themes, main theme first (never empty).
    pub fn themes(&self) -> &[PhenomenonTheme] {
        &self.themes
    }

    /// The main theme (the first).
    pub fn main_theme(&self) -> PhenomenonTheme {
        // The invariant `themes` is non-empty is checked on every construction path.
        self.themes[0]
    }

    /// Target groups.
    pub fn target_groups(&self) -> &[OpenCode<TargetGroup>] {
        &self.target_groups
    }

    /// How common the phenomenon is.
    pub fn prevalence(&self) -> Prevalence {
        self.prevalence
    }

    /// Which way it is developing.
    pub fn trend(&self) -> Trend {
        self.trend
    }

    /// Description of the phenomenon.
    pub fn description(&self) -> &FreeText {
        &self.description
    }

    /// Root-cause analysis, if given.
    pub fn root_causes(&self) -> Option<&FreeText> {
        self.root_causes.as_ref()
    }

    /// Proposed action, if given.
    pub fn proposed_action(&self) -> Option<&FreeText> {
        self.proposed_action.as_ref()
    }

    /// Who should act.
    pub fn addressees(&self) -> &[OpenCode<Addressee>] {
        &self.addressees
    }

    /// Processing status.
    pub fn follow_up(&self) -> FollowUpStatus {
        self.follow_up
    }

    /// Returns the report with a new processing status (the only field that changes
    /// after a report is made).
    #[must_use]
    pub fn with_follow_up(mut self, follow_up: FollowUpStatus) -> Self {
        self.follow_up = follow_up;
        self
    }

    fn check(self) -> Result<Self, Error> {
        crate::date::check(self.reported_on, "social report date")?;
        if self.themes.is_empty() {
            return Err(Error::inconsistent(
                RECORD,
                "themes is empty: give at least one phenomenon theme, the main one first",
            ));
        }
        no_repeats(RECORD, &self.themes, "themes")?;
        no_repeats(RECORD, &self.target_groups, "target_groups")?;
        no_repeats(RECORD, &self.addressees, "addressees")?;
        if let Some(municipality) = self.municipality {
            check_municipality_in_area(RECORD, municipality, self.area)?;
        }
        Ok(self)
    }
}

impl<'de> Deserialize<'de> for SocialReport {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Fields {
            id: ReportId,
            #[serde(with = "crate::date::iso")]
            reported_on: Date,
            area: WelfareAreaCode,
            #[serde(default)]
            municipality: Option<MunicipalityCode>,
            reporter_role: ReporterRole,
            #[serde(default)]
            service_class: Option<ServiceClass>,
            themes: Vec<PhenomenonTheme>,
            #[serde(default)]
            target_groups: Vec<OpenCode<TargetGroup>>,
            prevalence: Prevalence,
            trend: Trend,
            description: FreeText,
            #[serde(default)]
            root_causes: Option<FreeText>,
            #[serde(default)]
            proposed_action: Option<FreeText>,
            #[serde(default)]
            addressees: Vec<OpenCode<Addressee>>,
            follow_up: FollowUpStatus,
        }
        let f = Fields::deserialize(deserializer)?;
        SocialReport {
            id: f.id,
            reported_on: f.reported_on,
            area: f.area,
            municipality: f.municipality,
            reporter_role: f.reporter_role,
            service_class: f.service_class,
            themes: f.themes,
            target_groups: f.target_groups,
            prevalence: f.prevalence,
            trend: f.trend,
            description: f.description,
            root_causes: f.root_causes,
            proposed_action: f.proposed_action,
            addressees: f.addressees,
            follow_up: f.follow_up,
        }
        .check()
        .map_err(serde::de::Error::custom)
    }
}

/// Builds a [`SocialReport`]; made by [`SocialReport::builder`].
///
/// `prevalence`, `trend`, `description` and at least one `theme` are required;
/// [`build`](Self::build) says which is missing.
#[derive(Debug, Clone)]
#[must_use]
pub struct SocialReportBuilder {
    id: ReportId,
    reported_on: Date,
    area: WelfareAreaCode,
    municipality: Option<MunicipalityCode>,
    reporter_role: ReporterRole,
    service_class: Option<ServiceClass>,
    themes: Vec<PhenomenonTheme>,
    target_groups: Vec<OpenCode<TargetGroup>>,
    prevalence: Option<Prevalence>,
    trend: Option<Trend>,
    description: Option<FreeText>,
    root_causes: Option<FreeText>,
    proposed_action: Option<FreeText>,
    addressees: Vec<OpenCode<Addressee>>,
    follow_up: FollowUpStatus,
}

impl SocialReportBuilder {
    /// Sets the municipality (must belong to the area).
    pub fn municipality(mut self, municipality: MunicipalityCode) -> Self {
        self.municipality = Some(municipality);
        self
    }

    /// Sets the service class.
    pub fn service_class(mut self, service_class: ServiceClass) -> Self {
        self.service_class = Some(service_class);
        self
    }

    /// Adds a theme; the first one added is the main theme.
    pub fn theme(mut self, theme: PhenomenonTheme) -> Self {
        self.themes.push(theme);
        self
    }

    /// Adds a target group: a code of the list, or a local one.
    pub fn target_group(mut self, group: impl Into<OpenCode<TargetGroup>>) -> Self {
        self.target_groups.push(group.into());
        self
    }

    /// Sets how common the phenomenon is (required).
    pub fn prevalence(mut self, prevalence: Prevalence) -> Self {
        self.prevalence = Some(prevalence);
        self
    }

    /// Sets which way it is developing (required; [`Trend::Unknown`] is a valid answer).
    pub fn trend(mut self, trend: Trend) -> Self {
        self.trend = Some(trend);
        self
    }

    /// Sets the description (required).
    pub fn description(mut self, description: FreeText) -> Self {
        self.description = Some(description);
        self
    }

    /// Sets the root-cause analysis.
    pub fn root_causes(mut self, root_causes: FreeText) -> Self {
        self.root_causes = Some(root_causes);
        self
    }

    /// Sets the proposed action.
    pub fn proposed_action(mut self, proposed_action: FreeText) -> Self {
        self.proposed_action = Some(proposed_action);
        self
    }

    /// Adds an addressee: a code of the list, or a local one.
    pub fn addressee(mut self, addressee: impl Into<OpenCode<Addressee>>) -> Self {
        self.addressees.push(addressee.into());
        self
    }

    /// Sets the processing status (default [`FollowUpStatus::New`]).
    pub fn follow_up(mut self, follow_up: FollowUpStatus) -> Self {
        self.follow_up = follow_up;
        self
    }

    /// Checks the invariants and returns the report.
    pub fn build(self) -> Result<SocialReport, Error> {
        let missing = |field: &str, what: &str| {
            Error::inconsistent(RECORD, format!("{field} is missing: set {what}"))
        };
        SocialReport {
            prevalence: self.prevalence.ok_or_else(|| {
                missing(
                    "prevalence",
                    "how common the phenomenon is (single_case, recurring or widespread)",
                )
            })?,
            trend: self.trend.ok_or_else(|| {
                missing(
                    "trend",
                    "which way it is developing (growing, stable, easing or unknown)",
                )
            })?,
            description: self
                .description
                .ok_or_else(|| missing("description", "what was seen"))?,
            id: self.id,
            reported_on: self.reported_on,
            area: self.area,
            municipality: self.municipality,
            reporter_role: self.reporter_role,
            service_class: self.service_class,
            themes: self.themes,
            target_groups: self.target_groups,
            root_causes: self.root_causes,
            proposed_action: self.proposed_action,
            addressees: self.addressees,
            follow_up: self.follow_up,
        }
        .check()
    }
}
