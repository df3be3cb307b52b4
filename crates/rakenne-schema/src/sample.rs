//! Synthetic sample documents: seeded, realistic, of any size.
//!
//! Examples, tests, benchmarks and the demo need documents that look like what a welfare
//! area would send — plausible areas and municipalities, social reports with Finnish
//! descriptions, four operating-model pilots, clients measured before and after with a
//! realistic change, GAS goals, service episodes, client feedback, experience statements
//! and indicators with their definitions — from a handful of records up to hundreds of
//! megabytes. [`Sample`] generates them from a seed: the same seed and settings give the
//! same document, byte for byte, on every machine.
//!
//! Nothing here is real personal data: client ids are pseudonyms derived from the seed,
//! free texts are assembled from fixed phrases, and no text contains an identity code, an
//! e-mail address or a phone number.
//!
//! Large samples are generated lazily: [`Sample::lines`] yields one record at a time (the
//! NDJSON form) in constant memory, so a multi-gigabyte stream can be written without
//! holding it.

use std::collections::VecDeque;
use std::io::Write;

use rakenne_metrics::{Direction, InstrumentDefinition, ItemDefinition, ScoringRule};
use rakenne_model::{
    Addressee, AgeGroup, Client, ClientId, CodeList, ExperienceSource, ExperienceStatement,
    Feedback, FeedbackAnswer, FollowUpStatus, FreeText, GasGoal, GasLevel, GasWeight, Gender,
    Implementation, ImplementationId, IndicatorDefinition, IndicatorObservation, IndicatorSource,
    IndicatorUnit, InstrumentAdministration, InstrumentId, ItemResponse, ItemScore, Labels, Lang,
    LogicElement, Measure, MissingReason, ModelTheme, MunicipalityCode, Occasion, OperatingModel,
    PhenomenonTheme, Prevalence, ProgramTheory, Rating, RatingScale, Region, ReporterRole,
    ReportingPeriod, ServiceClass, ServiceEpisode, SocialReport, TargetGroup, Trend,
    WelfareAreaCode,
};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rust_decimal::Decimal;
use time::{Date, Duration, Month, PrimitiveDateTime, Time, UtcOffset};

use crate::{Document, Error, Header, Line, Producer};

/// A recipe for a synthetic document: seed, producing area, year and number of clients.
///
/// Everything else follows from the number of clients: about one social report per four
/// clients, one service episode per client, a baseline measurement per client and a
/// follow-up for 80–88 % of them, GAS goals for the clients of two of the four pilots,
/// feedback from 30 %, and a fixed set of indicators with their definitions.
///
/// Areas differ as kinds of area do (invented for the synthetic data, an illustration
/// rather than statistics): the capital region's reports are most often about housing
/// and its clients are young and harder to follow up; the sparsely populated east and
/// north report distances to services and loneliness, with older clients and more
/// intensive guidance; university-city areas (Pirkanmaa, the default) and the others lie
/// between. Each area also runs its pilots with its own fidelity, so their effects vary
/// between areas as real pilots' do.
///
/// # Example
/// ```
/// use rakenne_model::Lang;
/// use rakenne_schema::{Sample, validate};
///
/// let sample = Sample::new(7).clients(25);
/// let document = sample.document();
/// assert_eq!(document.service_episodes.len(), 25);
/// assert_eq!(document, sample.document()); // deterministic
///
/// let json = serde_json::to_vec(&document).unwrap();
/// assert!(validate(&json, Lang::En).is_valid());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sample {
    seed: u64,
    area: WelfareAreaCode,
    year: i32,
    clients: usize,
}

/// The four pilots every sample has: (model id, theme, fi, sv, en name, service class,
/// instrument).
const PILOTS: [(&str, ModelTheme, [&str; 3], ServiceClass, &str); 4] = [
    (
        "olohuone",
        ModelTheme::LowThreshold,
        [
            "Sosiaalityön olohuone",
            "Socialarbetets vardagsrum",
            "Social work living room",
        ],
        ServiceClass::SocialWork,
        "ORS",
    ),
    (
        "etsiva-aikuissosiaalityo",
        ModelTheme::Outreach,
        [
            "Etsivä aikuissosiaalityö",
            "Uppsökande socialt arbete för vuxna",
            "Outreach adult social work",
        ],
        ServiceClass::SocialGuidance,
        "ORS",
    ),
    (
        "arjen-kuntoutus",
        ModelTheme::SocialRehabilitation,
        [
            "Arjen taitojen sosiaalinen kuntoutus",
            "Social rehabilitering för vardagen",
            "Social rehabilitation for everyday life",
        ],
        ServiceClass::SocialRehabilitation,
        ARKI_ID,
    ),
    (
        "tiivis-ohjaus",
        ModelTheme::IntensiveClientGuidance,
        [
            "Tiivis asiakasohjaus",
            "Intensiv klienthandledning",
            "Intensive client guidance",
        ],
        ServiceClass::SocialWork,
        "PHQ-9",
    ),
];

/// The sample's own instrument (not a built-in one), so that documents carry an
/// instrument definition: six everyday-skills items scored 1–5, higher is better.
const ARKI_ID: &str = "ARKI-6";

/// Independent random streams, one per kind of draw.
#[derive(Clone, Copy)]
enum Stream {
    Client = 1,
    Report,
    Measurement,
    Goal,
    Episode,
    Feedback,
    Statement,
    Indicator,
}

impl Sample {
    /// Clients when none are set.
    pub const DEFAULT_CLIENTS: usize = 40;

    /// A sample from `seed`: Pirkanmaa (area 08), 2025, [`Sample::DEFAULT_CLIENTS`].
    #[allow(clippy::missing_panics_doc)] // area 08 is in the built-in table (tested)
    pub fn new(seed: u64) -> Self {
        Sample {
            seed,
            area: WelfareAreaCode::try_from("08").expect("08 is Pirkanmaa"),
            year: 2025,
            clients: Self::DEFAULT_CLIENTS,
        }
    }

    /// Sets the producing welfare area.
    #[must_use]
    pub fn area(mut self, area: WelfareAreaCode) -> Self {
        self.area = area;
        self
    }

    /// Sets the year the document covers.
    ///
    /// # Errors
    /// [`Error::Model`] when the year is outside the years rakenne accepts.
    pub fn year(mut self, year: i32) -> Result<Self, Error> {
        ReportingPeriod::year(year)?;
        ReportingPeriod::year(year + 1)?;
        self.year = year;
        Ok(self)
    }

    /// Sets the number of clients (and with it the size of every client section).
    #[must_use]
    pub fn clients(mut self, clients: usize) -> Self {
        self.clients = clients;
        self
    }

    /// Sets the number of clients so that the compact JSON document is about `bytes`
    /// long (within a few per cent for anything over a megabyte).
    ///
    /// # Example
    /// ```
    /// let sample = rakenne_schema::Sample::new(1).approximate_bytes(2_000_000);
    /// let len = serde_json::to_vec(&sample.document()).unwrap().len();
    /// assert!((1_900_000..2_100_000).contains(&len), "{len}");
    /// ```
    #[must_use]
    pub fn approximate_bytes(self, bytes: u64) -> Self {
        const PROBE: usize = 400;
        let size = |clients| {
            serde_json::to_vec(&self.clients(clients).document()).map_or(0, |json| json.len())
        };
        let base = size(0) as u64;
        let per_client = ((size(PROBE) as u64).saturating_sub(base) / PROBE as u64).max(1);
        let clients = bytes.saturating_sub(base) / per_client;
        self.clients(usize::try_from(clients).unwrap_or(usize::MAX))
    }

    /// The number of clients.
    pub fn client_count(&self) -> usize {
        self.clients
    }

    /// The number of social reports.
    pub fn social_report_count(&self) -> usize {
        self.clients / 4 + 3
    }

    fn statement_count(&self) -> usize {
        self.clients / 100 + 2
    }

    fn period(&self) -> ReportingPeriod {
        ReportingPeriod::year(self.year).expect("checked by Sample::year")
    }

    fn start(&self) -> Date {
        Date::from_calendar_date(self.year, Month::January, 1).expect("checked by Sample::year")
    }

    fn municipalities(&self) -> Vec<MunicipalityCode> {
        self.area
            .area()
            .municipalities()
            .map(rakenne_model::Municipality::code)
            .collect()
    }

    /// How the producing area's clients, pilots and reports differ from other areas'.
    fn traits(&self) -> &'static AreaTraits {
        AreaTraits::of(self.area).0
    }

    /// How faithfully the producing area runs its pilots: multiplies their effects.
    fn fidelity(&self) -> f64 {
        AreaTraits::of(self.area).1
    }

    /// A random stream for one record: independent of every other record, so sections
    /// can be generated in any order and lazily.
    fn rng(&self, stream: Stream, index: usize) -> ChaCha8Rng {
        let mut z = self.seed
            ^ (stream as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
            ^ (index as u64).wrapping_mul(0xD1B5_4A32_D192_ED03);
        // SplitMix64's finaliser.
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ChaCha8Rng::seed_from_u64(z ^ (z >> 31))
    }

    /// The records one at a time, header first, in the section order of a [`Document`].
    ///
    /// # Example
    /// ```
    /// use rakenne_schema::{Line, Sample};
    ///
    /// let mut lines = Sample::new(3).clients(2).lines();
    /// assert!(matches!(lines.next(), Some(Line::Header(_))));
    /// assert!(lines.count() > 10);
    /// ```
    pub fn lines(&self) -> Lines {
        Lines {
            sample: *self,
            municipalities: self.municipalities(),
            stage: 0,
            index: 0,
            buffer: VecDeque::new(),
        }
    }

    /// The whole document in memory.
    pub fn document(&self) -> Document {
        let mut lines = self.lines();
        let Some(Line::Header(header)) = lines.next() else {
            unreachable!("the first line is the header")
        };
        let mut document = Document::new(header);
        for line in lines {
            match line {
                Line::SocialReport(r) => document.social_reports.push(r),
                Line::OperatingModel(r) => document.operating_models.push(r),
                Line::Implementation(r) => document.implementations.push(r),
                Line::Instrument(r) => document.instruments.push(r),
                Line::Measurement(r) => document.measurements.push(r),
                Line::GasGoal(r) => document.gas_goals.push(r),
                Line::ServiceEpisode(r) => document.service_episodes.push(r),
                Line::Feedback(r) => document.feedback.push(r),
                Line::ExperienceStatement(r) => document.experience_statements.push(r),
                Line::IndicatorDefinition(r) => document.indicator_definitions.push(r),
                Line::Indicator(r) => document.indicators.push(r),
                Line::Header(_) | Line::Result(_) => {}
            }
        }
        document
    }

    /// Writes the sample as NDJSON without holding it in memory; returns the bytes
    /// written.
    ///
    /// # Errors
    /// The writer's error.
    pub fn write_ndjson(&self, out: impl Write) -> std::io::Result<u64> {
        let mut out = CountingWriter {
            inner: out,
            bytes: 0,
        };
        for line in self.lines() {
            crate::ndjson::line(&mut out, &line)?;
        }
        out.flush()?;
        Ok(out.bytes)
    }

    fn header(&self) -> Header {
        let area = self.area.area();
        let organisation = Labels::new(format!("{}, sosiaalipalvelut", area.name(Lang::Fi)))
            .and_then(|l| l.with_sv(format!("{}, socialtjänster", area.name(Lang::Sv))))
            .and_then(|l| l.with_en(format!("{}, social services", area.name(Lang::En))))
            .expect("area names are valid labels");
        let mut producer = Producer::new(self.area, organisation);
        producer.contact_role = Some(
            Labels::new("Rakenteellisen sosiaalityön koordinaattori")
                .and_then(|l| l.with_sv("Koordinator för strukturellt socialt arbete"))
                .and_then(|l| l.with_en("Structural social work coordinator"))
                .expect("valid labels"),
        );
        let created = PrimitiveDateTime::new(
            Date::from_calendar_date(self.year + 1, Month::January, 15).expect("checked year"),
            Time::from_hms(9, 30, 0).expect("valid time"),
        )
        .assume_offset(UtcOffset::from_hms(2, 0, 0).expect("valid offset"));
        Header::new(producer, self.period(), created, Lang::Fi)
    }

    fn implementation_id(&self, pilot: usize) -> ImplementationId {
        format!("{}-{}-{}", self.area, PILOTS[pilot].0, self.year)
            .parse()
            .expect("valid id")
    }

    fn operating_model(pilot: usize) -> OperatingModel {
        let (id, theme, [fi, sv, en], class, instrument) = PILOTS[pilot];
        let name = Labels::new(fi)
            .and_then(|l| l.with_sv(sv))
            .and_then(|l| l.with_en(en))
            .expect("valid labels");
        let element = |text: &str| LogicElement::new(text.parse().expect("valid text"));
        let theory = ProgramTheory::new()
            .with_need(element(NEEDS[pilot]))
            .with_activity(element(ACTIVITIES[pilot]))
            .with_output(element("Asiakkaat saavat tuen ilman ajanvarausta ja jonoa"))
            .with_short_term_outcome(
                element("Arjen hallinta ja toimintakyky vahvistuvat")
                    .with_measure(Measure::Instrument(instrument.parse().expect("valid id"))),
            )
            .with_long_term_outcome(element("Toimeentulo ja asuminen vakiintuvat").with_measure(
                Measure::Indicator("sotkanet:493".parse().expect("valid id")),
            ));
        OperatingModel::builder(id.parse().expect("valid id"), name, theme)
            .service_class(class)
            .target_group(TARGETS[pilot])
            .description(DESCRIPTIONS[pilot].parse().expect("valid text"))
            .program_theory(theory)
            .build()
            .expect("valid operating model")
    }

    fn implementation(&self, pilot: usize) -> Implementation {
        let (model, _, _, class, _) = PILOTS[pilot];
        let mut builder = Implementation::builder(
            self.implementation_id(pilot),
            model.parse().expect("valid id"),
            self.area,
            self.period(),
        )
        .service_class(class);
        let municipalities = self.municipalities();
        for m in municipalities.iter().skip(pilot).step_by(4).take(3) {
            builder = builder.municipality(*m);
        }
        builder.build().expect("valid implementation")
    }

    fn instrument() -> InstrumentDefinition {
        let items = (1..=6)
            .map(|i| {
                ItemDefinition::new(
                    format!("a{i}").parse().expect("valid item id"),
                    ItemScore::from_int(1).expect("valid score"),
                    ItemScore::from_int(5).expect("valid score"),
                )
            })
            .collect();
        let name = Labels::new("Arjen taidot -kysely (6 kysymystä)")
            .and_then(|l| l.with_sv("Vardagsfärdigheter (6 frågor)"))
            .and_then(|l| l.with_en("Everyday skills questionnaire (6 items)"))
            .expect("valid labels");
        let mut definition = InstrumentDefinition::new(
            ARKI_ID.parse().expect("valid id"),
            "1.0",
            name,
            items,
            ScoringRule::ProratedSum,
            Direction::HigherIsBetter,
        )
        .expect("valid definition");
        definition.max_missing = 1;
        definition
    }

    /// A client's fixed traits, the same in every section.
    fn profile(&self, c: usize, municipalities: &[MunicipalityCode]) -> Profile {
        let mut rng = self.rng(Stream::Client, c);
        let traits = self.traits();
        let pilot = traits.pilots[rng.random_range(0..10)];
        let hidden: u64 = rng.random();
        let mut client = Client::new(
            format!("A{:010X}", hidden >> 24)
                .parse::<ClientId>()
                .expect("valid id"),
        )
        .with_age_group(*choose(&mut rng, &traits.ages));
        if rng.random_bool(0.92) {
            client = client.with_gender(*choose(&mut rng, Gender::all()));
        }
        let first_contact = self.start() + Duration::days(rng.random_range(0..200));
        let baseline_on = first_contact + Duration::days(rng.random_range(0..21));
        Profile {
            pilot,
            client,
            municipality: (!municipalities.is_empty()).then(|| *choose(&mut rng, municipalities)),
            first_contact,
            baseline_on,
            follow_up_on: baseline_on + Duration::days(rng.random_range(60..140)),
            followed: rng.random_bool(traits.follow_up),
            interim: rng.random_bool(0.1),
            severity: normal(&mut rng),
            response: normal(&mut rng),
        }
    }

    fn social_report(&self, r: usize, municipalities: &[MunicipalityCode]) -> SocialReport {
        let mut rng = self.rng(Stream::Report, r);
        let text = &THEMES[weighted(&mut rng, &self.traits().themes)];
        let reported_on = self.start() + Duration::days(rng.random_range(0..365));
        let mut builder = SocialReport::builder(
            format!("R-{}-{:06}", self.year, r + 1)
                .parse()
                .expect("valid id"),
            reported_on,
            self.area,
            *choose(&mut rng, &REPORTER_ROLES),
        )
        .theme(text.theme)
        .service_class(*choose(&mut rng, &REPORT_SERVICE_CLASSES))
        .prevalence(*choose(&mut rng, &PREVALENCES))
        .trend(*choose(&mut rng, &TRENDS));
        if rng.random_bool(0.3) {
            let other = &THEMES[rng.random_range(0..THEMES.len())];
            if other.theme != text.theme {
                builder = builder.theme(other.theme);
            }
        }
        if !municipalities.is_empty() && rng.random_bool(0.8) {
            builder = builder.municipality(*choose(&mut rng, municipalities));
        }
        let group = rng.random_range(0..SUBJECTS.len());
        builder = builder.target_group(SUBJECTS[group].0);
        let mut description = format!(
            "{} {} {}.",
            SUBJECTS[group].1,
            choose(&mut rng, text.phenomena),
            choose(&mut rng, QUALIFIERS)
        );
        for _ in 0..rng.random_range(0..3) {
            description.push(' ');
            description.push_str(choose::<&str>(&mut rng, ELABORATIONS));
        }
        builder = builder.description(free_text(description));
        if rng.random_bool(0.8) {
            builder = builder.root_causes(free_text(format!(
                "{}.",
                capitalise(choose::<&str>(&mut rng, text.causes))
            )));
        }
        if rng.random_bool(0.7) {
            builder = builder.proposed_action(free_text((*choose(&mut rng, text.actions)).into()));
            builder = builder.addressee(*choose(&mut rng, text.addressees));
            if rng.random_bool(0.4) {
                let extra = *choose(&mut rng, Addressee::all());
                if !text.addressees.contains(&extra) {
                    builder = builder.addressee(extra);
                }
            }
        }
        let follow_up = self.follow_up(reported_on, &mut rng);
        builder
            .follow_up(follow_up)
            .build()
            .expect("valid social report")
    }

    /// Older reports have moved further along.
    fn follow_up(&self, reported_on: Date, rng: &mut ChaCha8Rng) -> FollowUpStatus {
        let age = (self.start() + Duration::days(365) - reported_on).whole_days();
        match (age, rng.random_range(0..4)) {
            (0..=60, 0..=2) => FollowUpStatus::New,
            (0..=60, _) | (61..=150, 0 | 1) => FollowUpStatus::InReview,
            (61..=150, _) | (_, 0) => FollowUpStatus::Forwarded,
            (_, 1 | 2) => FollowUpStatus::ActionTaken,
            _ => FollowUpStatus::Closed,
        }
    }

    fn measurements(&self, c: usize, p: &Profile, out: &mut VecDeque<Line>) {
        let mut rng = self.rng(Stream::Measurement, c);
        let instrument: InstrumentId = PILOTS[p.pilot].4.parse().expect("valid id");
        // Each pilot has its own effect; the latent score is in standard units.
        let effect = [0.45, 0.35, 0.55, 0.6][p.pilot] * self.fidelity();
        let mut occasions = vec![(Occasion::Baseline, p.baseline_on, p.severity)];
        if p.interim {
            let on = p.baseline_on + (p.follow_up_on - p.baseline_on) / 2;
            occasions.push((Occasion::Interim, on, p.severity - effect / 2.0));
        }
        if p.followed {
            let after = p.severity - effect + 0.6 * p.response;
            occasions.push((Occasion::FollowUp, p.follow_up_on, after));
        }
        for (k, (occasion, on, latent)) in occasions.into_iter().enumerate() {
            let responses = match p.pilot {
                0 | 1 => ors_items(&mut rng, latent),
                2 => arki_items(&mut rng, latent),
                _ => phq9_items(&mut rng, latent),
            };
            let record = InstrumentAdministration::new(
                format!("M{c:08}-{k}").parse().expect("valid id"),
                instrument.clone(),
                p.client.clone(),
                on,
                occasion,
                responses,
            )
            .expect("valid administration")
            .with_implementation(self.implementation_id(p.pilot));
            out.push_back(Line::Measurement(record));
        }
    }

    fn goals(&self, c: usize, p: &Profile, out: &mut VecDeque<Line>) {
        if p.pilot < 2 {
            return;
        }
        let mut rng = self.rng(Stream::Goal, c);
        let count = rng.random_range(1..=3);
        for g in 0..count {
            let mut goal = GasGoal::new(
                format!("G{c:08}-{g}").parse().expect("valid id"),
                p.client.clone(),
                free_text((*choose(&mut rng, GOALS)).into()),
                p.baseline_on,
            )
            .expect("valid goal")
            .with_implementation(self.implementation_id(p.pilot))
            .with_weight(GasWeight::new(rng.random_range(1..=3)).expect("1..=3"))
            .with_baseline_level(GasLevel::new(-1).expect("valid level"));
            if p.followed {
                // Better responders reach more: the level centres on 0 (the expected
                // outcome) and moves with the client's response.
                let raw = (0.3 - 0.8 * p.response + normal(&mut rng) * 0.9).round();
                #[allow(clippy::cast_possible_truncation)] // clamped to -2..=2
                let level = GasLevel::new(raw.clamp(-2.0, 2.0) as i8).expect("-2..=2");
                goal = goal
                    .evaluated(level, p.follow_up_on)
                    .expect("evaluated after being set");
            }
            out.push_back(Line::GasGoal(goal));
        }
    }

    fn episode(&self, c: usize, p: &Profile) -> ServiceEpisode {
        let mut rng = self.rng(Stream::Episode, c);
        let mut builder = ServiceEpisode::builder(
            format!("E{c:08}").parse().expect("valid id"),
            p.client.clone(),
            PILOTS[p.pilot].3,
            self.area,
            p.first_contact,
        )
        .implementation(self.implementation_id(p.pilot))
        .service_start(p.baseline_on)
        .contacts(rng.random_range(2..=(if p.pilot == 3 { 30 } else { 14 })))
        .new_client(rng.random_bool(0.6));
        if let Some(m) = p.municipality {
            builder = builder.municipality(m);
        }
        if p.followed {
            builder = builder.service_end(p.follow_up_on + Duration::days(rng.random_range(0..30)));
        }
        builder.build().expect("valid episode")
    }

    fn feedback(&self, c: usize, p: &Profile) -> Option<Feedback> {
        let mut rng = self.rng(Stream::Feedback, c);
        if !rng.random_bool(0.3) {
            return None;
        }
        let five = RatingScale::new(1, 5).expect("valid scale");
        let ten = RatingScale::new(0, 10).expect("valid scale");
        let helped = (3.8 - 0.6 * p.response + normal(&mut rng) * 0.7).round();
        let recommend = (7.5 - 1.2 * p.response + normal(&mut rng) * 1.5).round();
        #[allow(clippy::cast_possible_truncation)] // clamped into the scales
        let mut answers = vec![
            FeedbackAnswer::rated(
                "helped".parse().expect("valid id"),
                Rating::new(helped.clamp(1.0, 5.0) as i16, five).expect("on the scale"),
            ),
            FeedbackAnswer::rated(
                "recommend".parse().expect("valid id"),
                Rating::new(recommend.clamp(0.0, 10.0) as i16, ten).expect("on the scale"),
            ),
        ];
        if rng.random_bool(0.4) {
            answers.push(FeedbackAnswer::commented(
                "open".parse().expect("valid id"),
                free_text((*choose(&mut rng, COMMENTS)).into()),
            ));
        }
        let given_on = if p.followed {
            p.follow_up_on
        } else {
            p.baseline_on
        };
        Some(
            Feedback::new(
                format!("F{c:08}").parse().expect("valid id"),
                given_on,
                self.area,
                answers,
            )
            .expect("valid feedback")
            .with_service_class(PILOTS[p.pilot].3)
            .with_implementation(self.implementation_id(p.pilot)),
        )
    }

    fn statement(&self, s: usize, municipalities: &[MunicipalityCode]) -> ExperienceStatement {
        let mut rng = self.rng(Stream::Statement, s);
        let text = &THEMES[weighted(&mut rng, &self.traits().themes)];
        let mut statement = ExperienceStatement::new(
            format!("S-{}-{:04}", self.year, s + 1)
                .parse()
                .expect("valid id"),
            self.start() + Duration::days(rng.random_range(0..365)),
            self.area,
            *choose(&mut rng, ExperienceSource::all()),
            vec![text.theme],
            free_text(format!(
                "{} {}",
                choose(&mut rng, text.statements),
                choose(&mut rng, STATEMENT_ENDINGS)
            )),
        )
        .expect("valid statement");
        if !municipalities.is_empty() && rng.random_bool(0.5) {
            statement = statement
                .with_municipality(*choose(&mut rng, municipalities))
                .expect("municipality in the area");
        }
        if rng.random_bool(0.3) {
            statement = statement.with_implementation(self.implementation_id(0));
        }
        statement
    }

    /// The definition of the `i`th of [`INDICATORS`]: its names and themes.
    fn indicator_definition(i: usize) -> IndicatorDefinition {
        let indicator = &INDICATORS[i];
        let [fi, sv, en] = indicator.name;
        let name = Labels::new(fi)
            .and_then(|l| l.with_sv(sv))
            .and_then(|l| l.with_en(en))
            .expect("valid labels");
        IndicatorDefinition::new(
            indicator.id.parse().expect("valid id"),
            name,
            indicator.themes.to_vec(),
        )
        .expect("no theme repeated")
    }

    /// Indicators: each of [`INDICATORS`] for the area and its three largest-coded
    /// municipalities, this year and the year before.
    fn indicators(
        &self,
        i: usize,
        municipalities: &[MunicipalityCode],
    ) -> Vec<IndicatorObservation> {
        let SampleIndicator {
            id,
            unit,
            base,
            population,
            ..
        } = INDICATORS[i];
        let mut rng = self.rng(Stream::Indicator, i);
        let mut regions = vec![(Region::WelfareArea(self.area), 1.0)];
        for m in municipalities.iter().take(3) {
            regions.push((Region::Municipality(*m), 0.8 + rng.random::<f64>() * 0.4));
        }
        let mut out = Vec::new();
        for (region, factor) in regions {
            for (year, drift) in [(self.year - 1, 1.0), (self.year, 1.04)] {
                let rate = base * factor * drift * (0.95 + rng.random::<f64>() * 0.1);
                let period = ReportingPeriod::year(year).expect("checked year");
                let observation = if population == 0 {
                    // A plain value (e.g. euros or days), one decimal.
                    let value = Decimal::from_f64_retain(rate).expect("finite").round_dp(1);
                    IndicatorObservation::new(
                        id.parse().expect("valid id"),
                        IndicatorSource::Sotkanet,
                        region,
                        period,
                        value,
                        unit,
                    )
                } else {
                    let denominator = (f64::from(population) * factor).round();
                    let multiplier = unit.multiplier().map_or(1.0, |m| {
                        m.to_string().parse::<f64>().expect("a decimal number")
                    });
                    let numerator = (denominator * rate / multiplier).round().max(1.0);
                    let numerator = Decimal::from_f64_retain(numerator).expect("finite");
                    let denominator = Decimal::from_f64_retain(denominator).expect("finite");
                    let exact = numerator / denominator * unit.multiplier().unwrap_or(Decimal::ONE);
                    IndicatorObservation::new(
                        id.parse().expect("valid id"),
                        IndicatorSource::Sotkanet,
                        region,
                        period,
                        exact.round_dp(1),
                        unit,
                    )
                    .and_then(|o| o.with_fraction(numerator, denominator))
                };
                out.push(observation.expect("valid indicator"));
            }
        }
        out
    }
}

/// The lazy record stream of a [`Sample`]: header first, then every record in section
/// order. Created by [`Sample::lines`].
#[derive(Debug)]
pub struct Lines {
    sample: Sample,
    municipalities: Vec<MunicipalityCode>,
    stage: usize,
    index: usize,
    buffer: VecDeque<Line>,
}

impl Lines {
    /// Records in each stage (header, reports, models, implementations, instruments,
    /// measurements, goals, episodes, feedback, statements, indicator definitions,
    /// indicators).
    fn stage_len(&self, stage: usize) -> Option<usize> {
        let s = &self.sample;
        Some(match stage {
            0 | 4 => 1,
            1 => s.social_report_count(),
            2 | 3 => PILOTS.len(),
            5..=8 => s.clients,
            9 => s.statement_count(),
            10 | 11 => INDICATORS.len(),
            _ => return None,
        })
    }

    fn fill(&mut self, stage: usize, i: usize) {
        let s = self.sample;
        let out = &mut self.buffer;
        match stage {
            0 => out.push_back(Line::Header(s.header())),
            1 => out.push_back(Line::SocialReport(s.social_report(i, &self.municipalities))),
            2 => out.push_back(Line::OperatingModel(Sample::operating_model(i))),
            3 => out.push_back(Line::Implementation(s.implementation(i))),
            4 => out.push_back(Line::Instrument(Sample::instrument())),
            5 => s.measurements(i, &s.profile(i, &self.municipalities), out),
            6 => s.goals(i, &s.profile(i, &self.municipalities), out),
            7 => out.push_back(Line::ServiceEpisode(
                s.episode(i, &s.profile(i, &self.municipalities)),
            )),
            8 => {
                if let Some(f) = s.feedback(i, &s.profile(i, &self.municipalities)) {
                    out.push_back(Line::Feedback(f));
                }
            }
            9 => out.push_back(Line::ExperienceStatement(
                s.statement(i, &self.municipalities),
            )),
            10 => out.push_back(Line::IndicatorDefinition(Sample::indicator_definition(i))),
            _ => out.extend(
                s.indicators(i, &self.municipalities)
                    .into_iter()
                    .map(Line::Indicator),
            ),
        }
    }
}

impl Iterator for Lines {
    type Item = Line;

    fn next(&mut self) -> Option<Line> {
        loop {
            if let Some(line) = self.buffer.pop_front() {
                return Some(line);
            }
            let len = self.stage_len(self.stage)?;
            if self.index >= len {
                self.stage += 1;
                self.index = 0;
                continue;
            }
            self.fill(self.stage, self.index);
            self.index += 1;
        }
    }
}

struct CountingWriter<W> {
    inner: W,
    bytes: u64,
}

impl<W: Write> Write for CountingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

struct Profile {
    pilot: usize,
    client: Client,
    municipality: Option<MunicipalityCode>,
    first_contact: Date,
    baseline_on: Date,
    follow_up_on: Date,
    followed: bool,
    interim: bool,
    /// Baseline difficulty in standard units (higher = more difficulty).
    severity: f64,
    /// How the client responds compared with the pilot's mean (lower = better).
    response: f64,
}

/// An approximately normal draw (Irwin–Hall: four uniforms), mean 0, SD 1.
fn normal(rng: &mut ChaCha8Rng) -> f64 {
    let sum: f64 = (0..4).map(|_| rng.random::<f64>()).sum();
    (sum - 2.0) * 3f64.sqrt()
}

fn choose<'a, T>(rng: &mut ChaCha8Rng, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

fn weighted(rng: &mut ChaCha8Rng, weights: &[u32]) -> usize {
    let mut pick = rng.random_range(0..weights.iter().sum::<u32>());
    for (i, &w) in weights.iter().enumerate() {
        if pick < w {
            return i;
        }
        pick -= w;
    }
    weights.len() - 1
}

fn free_text(text: String) -> FreeText {
    FreeText::new(text, "sample text").expect("sample texts are valid free text")
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn score(value: f64) -> ItemScore {
    ItemScore::new(Decimal::from_f64_retain(value).expect("finite").round_dp(1))
        .expect("a score with one decimal")
}

/// PHQ-9 (0–3 per item, lower is better): latent 0 ≈ total 12.
fn phq9_items(rng: &mut ChaCha8Rng, latent: f64) -> Vec<ItemResponse> {
    items(rng, 9, "q", |rng| {
        (12.0 / 9.0 + latent * 0.6 + normal(rng) * 0.6)
            .round()
            .clamp(0.0, 3.0)
    })
}

/// ORS (four 0–10 analogue scales with one decimal, higher is better): latent 0 ≈ 19.
fn ors_items(rng: &mut ChaCha8Rng, latent: f64) -> Vec<ItemResponse> {
    let names = ["individual", "interpersonal", "social", "overall"];
    names
        .iter()
        .map(|name| {
            let item = (*name).parse().expect("valid item id");
            if rng.random_bool(0.01) {
                ItemResponse::missing(item, MissingReason::NotAnswered)
            } else {
                let value = (4.75 - latent * 1.6 + normal(rng) * 1.2).clamp(0.0, 10.0);
                ItemResponse::scored(item, score(value))
            }
        })
        .collect()
}

/// The sample's ARKI-6 (six items 1–5, higher is better).
fn arki_items(rng: &mut ChaCha8Rng, latent: f64) -> Vec<ItemResponse> {
    items(rng, 6, "a", |rng| {
        (2.8 - latent * 0.7 + normal(rng) * 0.6)
            .round()
            .clamp(1.0, 5.0)
    })
}

fn items(
    rng: &mut ChaCha8Rng,
    n: usize,
    prefix: &str,
    mut draw: impl FnMut(&mut ChaCha8Rng) -> f64,
) -> Vec<ItemResponse> {
    (1..=n)
        .map(|i| {
            let item = format!("{prefix}{i}").parse().expect("valid item id");
            if rng.random_bool(0.004) {
                let reason = if rng.random_bool(0.7) {
                    MissingReason::NotAnswered
                } else {
                    MissingReason::NotApplicable
                };
                ItemResponse::missing(item, reason)
            } else {
                ItemResponse::scored(item, score(draw(rng)))
            }
        })
        .collect()
}

/// How a sample area differs from the others: the kind of area it is and how faithfully
/// its pilots are run. Invented for the synthetic data, to make comparisons between
/// areas show something: an illustration, not statistics about the areas.
struct AreaTraits {
    /// Weights of the themes of social reports and statements (order of [`THEMES`]).
    themes: [u32; 10],
    /// Age groups to draw clients from (repeats weigh).
    ages: [AgeGroup; 7],
    /// Pilots to draw clients from (indices of [`PILOTS`]; repeats weigh).
    pilots: [usize; 10],
    /// Share of clients measured again at follow-up.
    follow_up: f64,
}

/// The university-city areas: the default profile.
const CITY: AreaTraits = AreaTraits {
    themes: [18, 17, 8, 9, 12, 8, 12, 7, 5, 4],
    ages: [
        AgeGroup::Age18To24,
        AgeGroup::Age25To34,
        AgeGroup::Age25To34,
        AgeGroup::Age35To44,
        AgeGroup::Age45To54,
        AgeGroup::Age55To64,
        AgeGroup::Age65To74,
    ],
    pilots: [0, 0, 0, 1, 1, 2, 2, 3, 3, 3],
    follow_up: 0.85,
};

/// The capital region: housing, income and substance use come up most; young clients;
/// more low-threshold and outreach work; clients move and are harder to follow up.
const METROPOLITAN: AreaTraits = AreaTraits {
    themes: [30, 18, 7, 13, 13, 6, 5, 4, 5, 6],
    ages: [
        AgeGroup::Age18To24,
        AgeGroup::Age18To24,
        AgeGroup::Age25To34,
        AgeGroup::Age25To34,
        AgeGroup::Age35To44,
        AgeGroup::Age45To54,
        AgeGroup::Age55To64,
    ],
    pilots: [0, 0, 0, 0, 1, 1, 1, 2, 3, 3],
    follow_up: 0.80,
};

/// Sparsely populated, ageing areas of the east and north: distances to services,
/// loneliness and income; older clients; more rehabilitation and intensive guidance.
const SPARSE: AreaTraits = AreaTraits {
    themes: [9, 16, 10, 7, 11, 15, 23, 9, 4, 3],
    ages: [
        AgeGroup::Age25To34,
        AgeGroup::Age35To44,
        AgeGroup::Age45To54,
        AgeGroup::Age55To64,
        AgeGroup::Age55To64,
        AgeGroup::Age65To74,
        AgeGroup::Age65To74,
    ],
    pilots: [0, 0, 1, 2, 2, 2, 3, 3, 3, 3],
    follow_up: 0.88,
};

/// The other areas: between the cities and the sparsely populated areas.
const MIXED: AreaTraits = AreaTraits {
    themes: [15, 18, 10, 9, 12, 10, 15, 7, 5, 4],
    ages: [
        AgeGroup::Age18To24,
        AgeGroup::Age25To34,
        AgeGroup::Age35To44,
        AgeGroup::Age45To54,
        AgeGroup::Age55To64,
        AgeGroup::Age55To64,
        AgeGroup::Age65To74,
    ],
    pilots: [0, 0, 0, 1, 1, 2, 2, 3, 3, 3],
    follow_up: 0.86,
};

/// Each area's kind and pilot fidelity (the multiplier of the pilots' effects: how
/// faithfully the area runs them).
const AREA_TRAITS: [(&str, &AreaTraits, f64); 23] = [
    ("01", &MIXED, 0.85),
    ("02", &METROPOLITAN, 1.10),
    ("03", &METROPOLITAN, 0.95),
    ("04", &METROPOLITAN, 0.80),
    ("05", &CITY, 1.15),
    ("06", &MIXED, 0.90),
    ("07", &MIXED, 1.05),
    ("08", &CITY, 1.00),
    ("09", &MIXED, 0.75),
    ("10", &MIXED, 0.90),
    ("11", &MIXED, 1.20),
    ("12", &SPARSE, 0.85),
    ("13", &CITY, 1.05),
    ("14", &SPARSE, 1.30),
    ("15", &CITY, 0.95),
    ("16", &MIXED, 1.10),
    ("17", &MIXED, 1.00),
    ("18", &MIXED, 0.70),
    ("19", &CITY, 1.15),
    ("20", &SPARSE, 1.25),
    ("21", &SPARSE, 0.80),
    ("90", &METROPOLITAN, 0.90),
    ("91", &MIXED, 1.00),
];

impl AreaTraits {
    /// The kind of `area` and the fidelity of its pilots.
    fn of(area: WelfareAreaCode) -> (&'static AreaTraits, f64) {
        AREA_TRAITS
            .iter()
            .find(|(code, _, _)| *code == area.as_str())
            .map_or((&CITY, 1.0), |&(_, kind, fidelity)| (kind, fidelity))
    }
}

const REPORTER_ROLES: [ReporterRole; 9] = [
    ReporterRole::SocialWorker,
    ReporterRole::SocialWorker,
    ReporterRole::SocialWorker,
    ReporterRole::SocialCounsellor,
    ReporterRole::SocialCounsellor,
    ReporterRole::OtherProfessional,
    ReporterRole::Manager,
    ReporterRole::ExpertByExperience,
    ReporterRole::NgoWorker,
];

const REPORT_SERVICE_CLASSES: [ServiceClass; 8] = [
    ServiceClass::SocialWork,
    ServiceClass::SocialWork,
    ServiceClass::SocialGuidance,
    ServiceClass::SocialRehabilitation,
    ServiceClass::FamilyWork,
    ServiceClass::HousingServices,
    ServiceClass::SubstanceAbuseWork,
    ServiceClass::MentalHealthWork,
];

const PREVALENCES: [Prevalence; 4] = [
    Prevalence::SingleCase,
    Prevalence::Recurring,
    Prevalence::Recurring,
    Prevalence::Widespread,
];

const TRENDS: [Trend; 7] = [
    Trend::Growing,
    Trend::Growing,
    Trend::Growing,
    Trend::Stable,
    Trend::Stable,
    Trend::Easing,
    Trend::Unknown,
];

const NEEDS: [&str; 4] = [
    "Asiakkaat eivät pääse ajanvaraukseen eivätkä saa apua ajoissa",
    "Osa apua tarvitsevista ei hakeudu palveluihin itse",
    "Arjen taidot ja päivärytmi ovat heikentyneet pitkän syrjässä olon aikana",
    "Monta palvelua tarvitsevat asiakkaat putoavat palvelujen väliin",
];

const ACTIVITIES: [&str; 4] = [
    "Avoin vastaanotto kahdesti viikossa kirjastossa ja asukastalolla",
    "Jalkautuva työ asukkaiden arkiympäristöissä yhdessä järjestöjen kanssa",
    "Ryhmämuotoinen kuntouttava toiminta ja yksilöllinen ohjaus",
    "Nimetty vastuutyöntekijä, tiivis yhteydenpito ja yhteiset verkostotapaamiset",
];

const DESCRIPTIONS: [&str; 4] = [
    "Matalan kynnyksen sosiaalityön palvelupiste, johon voi tulla ilman ajanvarausta.",
    "Etsivä sosiaalityö tavoittaa aikuiset, jotka eivät ole palvelujen piirissä.",
    "Sosiaalinen kuntoutus vahvistaa arjen taitoja ja osallisuutta.",
    "Tiivis asiakasohjaus paljon palveluja tarvitseville aikuisille.",
];

const TARGETS: [TargetGroup; 4] = [
    TargetGroup::WorkingAgeAdults,
    TargetGroup::Homeless,
    TargetGroup::Unemployed,
    TargetGroup::WorkingAgeAdults,
];

/// Who a report is about: the target group and the Finnish subject of the description.
const SUBJECTS: [(TargetGroup, &str); 9] = [
    (TargetGroup::YoungAdults, "Nuorten aikuisten"),
    (TargetGroup::ChildrenAndFamilies, "Lapsiperheiden"),
    (TargetGroup::ChildrenAndFamilies, "Yksinhuoltajaperheiden"),
    (TargetGroup::OlderPeople, "Ikääntyneiden asiakkaiden"),
    (TargetGroup::Unemployed, "Pitkäaikaistyöttömien"),
    (TargetGroup::Immigrants, "Maahan muuttaneiden asiakkaiden"),
    (TargetGroup::WorkingAgeAdults, "Yksin asuvien työikäisten"),
    (
        TargetGroup::SubstanceUsers,
        "Päihteitä käyttävien asiakkaiden",
    ),
    (
        TargetGroup::PeopleWithDisabilities,
        "Vammaisten asiakkaiden",
    ),
];

const QUALIFIERS: &[&str] = &[
    "viime kuukausina",
    "tämän vuoden aikana",
    "aiempaa selvemmin",
    "erityisesti haja-asutusalueilla",
    "etenkin kaupunkikeskustoissa",
    "syksyn aikana",
    "useissa toimipisteissä",
];

const ELABORATIONS: &[&str] = &[
    "Sama havainto on tehty useassa tiimissä.",
    "Tilanne kuormittaa myös muita palveluja.",
    "Asiakkaat kertovat, etteivät tiedä mistä hakea apua.",
    "Ilmiö näkyy myös järjestöjen toiminnassa.",
    "Tilanteet ovat usein monimutkaisia ja vaativat useiden toimijoiden yhteistyötä.",
    "Työntekijät arvioivat tilanteen pahentuneen edellisvuodesta.",
    "Osa asiakkaista jää kokonaan palvelujen ulkopuolelle.",
];

const STATEMENT_ENDINGS: &[&str] = &[
    "Toivomme, että asia otetaan huomioon päätöksenteossa.",
    "Kokemusasiantuntijat ovat valmiita osallistumaan ratkaisujen kehittämiseen.",
    "Asiakkaiden ääni pitää kuulla jo palveluja suunniteltaessa.",
    "Muutos vaatisi yhteistyötä hyvinvointialueen ja kuntien välillä.",
];

const GOALS: &[&str] = &[
    "Hoitaa Kela-asiointinsa itsenäisesti",
    "Käy viikoittain ryhmätoiminnassa",
    "Maksaa vuokran ajallaan kolmena peräkkäisenä kuukautena",
    "Hakeutuu talous- ja velkaneuvontaan",
    "Pitää säännöllisen päivärytmin arkipäivisin",
    "Aloittaa työkokeilun tai kuntouttavan työtoiminnan",
    "Vähentää päihteiden käyttöä sovitulla tavalla",
    "Hakee omaa vuokra-asuntoa",
    "Tapaa ystäviä tai läheisiä viikoittain",
    "Käyttää sähköisiä palveluja tuetusti",
    "Laatii kuukausibudjetin ja seuraa sitä",
];

const COMMENTS: &[&str] = &[
    "Sain apua heti, eikä tarvinnut odottaa.",
    "Työntekijä kuunteli ja ymmärsi tilanteeni.",
    "Aikaa olisi saanut olla enemmän.",
    "Asiointi oli helppoa ja ystävällistä.",
    "Odotin pitkään yhteydenottoa.",
    "Ryhmästä sain vertaistukea ja uusia tuttavia.",
    "Olisin tarvinnut apua jo aiemmin.",
    "Paperiasioiden hoitaminen yhdessä auttoi paljon.",
];

/// An indicator of the samples.
struct SampleIndicator {
    id: &'static str,
    unit: IndicatorUnit,
    /// The typical value.
    base: f64,
    /// The population of the fraction, or 0 for a plain value.
    population: u32,
    /// Name in Finnish, Swedish and English: descriptive names that fit the unit, not
    /// the official names of the indicators in Sotkanet.
    name: [&'static str; 3],
    /// The phenomenon themes it describes.
    themes: &'static [PhenomenonTheme],
}

/// The indicators of every sample.
const INDICATORS: [SampleIndicator; 5] = [
    SampleIndicator {
        id: "sotkanet:493",
        unit: IndicatorUnit::Percent,
        base: 6.5,
        population: 310_000,
        name: [
            "Pitkäaikaistyöttömät, % työvoimasta",
            "Långtidsarbetslösa, % av arbetskraften",
            "Long-term unemployed, % of the labour force",
        ],
        themes: &[PhenomenonTheme::Employment, PhenomenonTheme::IncomeAndDebt],
    },
    SampleIndicator {
        id: "sotkanet:3071",
        unit: IndicatorUnit::Per1000,
        base: 14.0,
        population: 520_000,
        name: [
            "Toimeentulotukea saaneet henkilöt / 1 000 asukasta",
            "Personer som fått utkomststöd / 1 000 invånare",
            "Recipients of social assistance per 1 000 residents",
        ],
        themes: &[PhenomenonTheme::IncomeAndDebt],
    },
    SampleIndicator {
        id: "sotkanet:4196",
        unit: IndicatorUnit::Percent,
        base: 3.1,
        population: 64_000,
        name: [
            "Pitkäaikaisesti toimeentulotukea saaneet 18–24-vuotiaat, % ikäryhmästä",
            "18–24-åringar med långvarigt utkomststöd, % av åldersgruppen",
            "Long-term recipients of social assistance aged 18–24, % of the age group",
        ],
        themes: &[PhenomenonTheme::IncomeAndDebt, PhenomenonTheme::Employment],
    },
    SampleIndicator {
        id: "sotkanet:5527",
        unit: IndicatorUnit::Per10000,
        base: 8.0,
        population: 520_000,
        name: [
            "Asunnottomat henkilöt / 10 000 asukasta",
            "Bostadslösa personer / 10 000 invånare",
            "Homeless people per 10 000 residents",
        ],
        themes: &[PhenomenonTheme::Housing],
    },
    SampleIndicator {
        id: "sotkanet:2433",
        unit: IndicatorUnit::Days,
        base: 9.0,
        population: 0,
        name: [
            "Odotusaika aikuissosiaalityön ensimmäiseen tapaamiseen, mediaani (päivää)",
            "Väntetid till det första mötet inom socialt arbete för vuxna, median (dagar)",
            "Waiting time for a first meeting in adult social work, median (days)",
        ],
        themes: &[PhenomenonTheme::ServiceAccess],
    },
];

struct ThemeText {
    theme: PhenomenonTheme,
    phenomena: &'static [&'static str],
    causes: &'static [&'static str],
    actions: &'static [&'static str],
    addressees: &'static [Addressee],
    statements: &'static [&'static str],
}

const THEMES: [ThemeText; 10] = [
    ThemeText {
        theme: PhenomenonTheme::Housing,
        phenomena: &[
            "häätöuhat ovat lisääntyneet vuokrarästien vuoksi",
            "asunnottomuus ja sohvasurffaus ovat yleistyneet",
            "kohtuuhintaisia vuokra-asuntoja on vaikea löytää",
            "asumisen tuen tarve on kasvanut",
        ],
        causes: &[
            "asumiskustannukset ovat nousseet tuloja nopeammin",
            "pienten vuokra-asuntojen tarjonta on vähäistä",
            "vuokranantajat vaativat luottotietoja ja takuuvuokria",
        ],
        actions: &[
            "Vuokrarästien varhainen tunnistaminen yhdessä vuokranantajien kanssa.",
            "Asumisneuvonnan lisääminen ja häätöjen ennaltaehkäisyn toimintamalli.",
            "Tuettujen asuntojen määrän lisääminen alueella.",
        ],
        addressees: &[Addressee::HousingProviders, Addressee::Municipality],
        statements: &[
            "Asunnon menettäminen johtaa usein myös muiden palvelujen katkeamiseen.",
            "Vuokra-asunnon saaminen on liian vaikeaa ilman luottotietoja.",
        ],
    },
    ThemeText {
        theme: PhenomenonTheme::IncomeAndDebt,
        phenomena: &[
            "toimeentulo-ongelmat ja ylivelkaantuminen ovat lisääntyneet",
            "ruoka-avun tarve on kasvanut",
            "etuuksien käsittelyajat aiheuttavat tulokatkoksia",
            "pikavipit ja maksuhäiriöt ovat yleistyneet",
        ],
        causes: &[
            "elinkustannusten nousu ja etuuksien leikkaukset",
            "etuusjärjestelmän monimutkaisuus ja viiveet",
            "talousneuvontaa ei ole saatavilla riittävästi",
        ],
        actions: &[
            "Talous- ja velkaneuvonnan jalkautuminen sosiaalityön vastaanotoille.",
            "Etuuskäsittelyn viiveistä tehdään ilmoitus Kelalle.",
            "Harkinnanvaraisen toimeentulotuen linjausten päivittäminen.",
        ],
        addressees: &[Addressee::Kela, Addressee::WelfareAreaDecisionMakers],
        statements: &[
            "Etuuksien viiveet jättävät ihmiset ilman rahaa ruokaan ja lääkkeisiin.",
            "Velkakierteestä on vaikea päästä pois ilman tukea.",
        ],
    },
    ThemeText {
        theme: PhenomenonTheme::Employment,
        phenomena: &[
            "pitkäaikaistyöttömyys on pitkittynyt",
            "kuntouttavan työtoiminnan paikkoja ei ole riittävästi",
            "työkyvyn arviointiin pääsy kestää kauan",
        ],
        causes: &[
            "työllisyyspalvelujen uudistus on muuttanut vastuita",
            "osatyökykyisille sopivia työpaikkoja on vähän",
        ],
        actions: &[
            "Yhteinen asiakasohjauksen malli työllisyyspalvelujen kanssa.",
            "Kuntouttavan työtoiminnan paikkojen lisääminen.",
        ],
        addressees: &[Addressee::EmploymentServices, Addressee::Municipality],
        statements: &["Työttömyys vie myös arjen rytmin ja sosiaaliset suhteet."],
    },
    ThemeText {
        theme: PhenomenonTheme::SubstanceUse,
        phenomena: &[
            "päihteiden sekakäyttö on lisääntynyt",
            "peliongelmat näkyvät yhä useammin velkoina",
            "päihdehoitoon pääsy on viivästynyt",
        ],
        causes: &[
            "päihdepalvelujen paikkoja on vähennetty",
            "huumausaineiden saatavuus on kasvanut",
        ],
        actions: &[
            "Matalan kynnyksen päihdetyön vastaanotto sosiaalityön yhteyteen.",
            "Päihdehoitoon ohjauksen viiveiden seuranta.",
        ],
        addressees: &[Addressee::ServiceUnit, Addressee::WelfareAreaManagement],
        statements: &["Päihdeongelmaan pitää saada apua silloin, kun on itse valmis."],
    },
    ThemeText {
        theme: PhenomenonTheme::MentalHealth,
        phenomena: &[
            "mielenterveyspalveluihin pääsy kestää kauan",
            "ahdistus ja uupumus ovat lisääntyneet",
            "psyykkisesti oireilevat jäävät ilman hoitoa",
        ],
        causes: &[
            "matalan kynnyksen mielenterveyspalveluja on vähän",
            "sosiaali- ja terveyspalvelut eivät toimi yhteen",
        ],
        actions: &[
            "Sosiaalityön ja mielenterveyspalvelujen yhteinen vastaanotto.",
            "Hoitoon ohjauksen viiveiden seuranta tilannekuvaan.",
        ],
        addressees: &[Addressee::WelfareAreaManagement, Addressee::ServiceUnit],
        statements: &["Mielenterveyspalveluihin on liian pitkä jono."],
    },
    ThemeText {
        theme: PhenomenonTheme::LonelinessAndParticipation,
        phenomena: &[
            "yksinäisyys ja eristäytyminen ovat lisääntyneet",
            "osallisuuden kokemus on heikentynyt",
        ],
        causes: &[
            "kohtaamispaikkoja on vähennetty",
            "järjestöjen toimintaa on karsittu rahoituksen vuoksi",
        ],
        actions: &["Kohtaamispaikkojen kehittäminen yhdessä järjestöjen ja seurakuntien kanssa."],
        addressees: &[Addressee::NgosAndParishes, Addressee::Municipality],
        statements: &["Yksinäisyys on monelle suurempi ongelma kuin raha."],
    },
    ThemeText {
        theme: PhenomenonTheme::ServiceAccess,
        phenomena: &[
            "palveluihin pääsy on vaikeutunut",
            "asiakkaat putoavat palvelujen väliin",
            "ajanvarauksen jonot ovat pidentyneet",
        ],
        causes: &[
            "henkilöstöpula ja toimipisteiden yhdistäminen",
            "palveluohjaus ei tavoita kaikkia",
        ],
        actions: &[
            "Palveluohjauksen vahvistaminen ja yhteinen asiakkuuden koordinointi.",
            "Jonotilanteen raportointi hyvinvointialueen hallitukselle.",
        ],
        addressees: &[
            Addressee::WelfareAreaDecisionMakers,
            Addressee::WelfareAreaManagement,
        ],
        statements: &["Palveluun pääsy ei saa riippua siitä, osaako itse vaatia."],
    },
    ThemeText {
        theme: PhenomenonTheme::DigitalExclusion,
        phenomena: &[
            "sähköinen asiointi sulkee osan asiakkaista palvelujen ulkopuolelle",
            "vahvan tunnistautumisen puute estää etuuksien hakemisen",
        ],
        causes: &[
            "palvelut ovat siirtyneet verkkoon ilman korvaavaa asiointitapaa",
            "laitteita tai verkkopankkitunnuksia ei ole",
        ],
        actions: &[
            "Tuetun sähköisen asioinnin pisteet kirjastoihin.",
            "Kasvokkaisen asioinnin turvaaminen kaikissa palveluissa.",
        ],
        addressees: &[Addressee::State, Addressee::Kela],
        statements: &["Kaikilla ei ole verkkopankkitunnuksia eikä älypuhelinta."],
    },
    ThemeText {
        theme: PhenomenonTheme::FamilyAndRelationships,
        phenomena: &[
            "vanhemmuuden tuen tarve on kasvanut",
            "erotilanteiden riidat kuormittavat perheitä",
        ],
        causes: &[
            "perhetyön resurssit eivät riitä",
            "perheiden taloudellinen tilanne on heikentynyt",
        ],
        actions: &["Perhetyön saatavuuden parantaminen ilman lastensuojelun asiakkuutta."],
        addressees: &[Addressee::ServiceUnit, Addressee::WelfareAreaManagement],
        statements: &["Perheet tarvitsevat apua ennen kuin tilanne kriisiytyy."],
    },
    ThemeText {
        theme: PhenomenonTheme::ViolenceAndSafety,
        phenomena: &[
            "lähisuhdeväkivalta tulee esiin yhä useammin",
            "taloudellinen hyväksikäyttö on lisääntynyt",
        ],
        causes: &[
            "väkivaltatyön palveluja on vähän",
            "ilmiö tunnistetaan huonosti palveluissa",
        ],
        actions: &["Lähisuhdeväkivallan puheeksioton koulutus koko henkilöstölle."],
        addressees: &[Addressee::WelfareAreaManagement, Addressee::NgosAndParishes],
        statements: &["Väkivallasta kertominen vaatii luottamusta työntekijään."],
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_area_has_traits() {
        for area in rakenne_model::WelfareArea::all() {
            let code = area.code();
            assert!(
                AREA_TRAITS.iter().any(|(c, _, _)| *c == code.as_str()),
                "{code}"
            );
            let (traits, fidelity) = AreaTraits::of(code);
            assert_eq!(traits.themes.len(), THEMES.len());
            assert!((0.5..=1.0).contains(&traits.follow_up));
            assert!((0.5..=1.5).contains(&fidelity));
        }
        assert!((AreaTraits::of("14".parse().unwrap()).1 - 1.30).abs() < 1e-12);
    }

    #[test]
    fn every_section_is_filled() {
        let d = Sample::new(11).clients(60).document();
        assert_eq!(d.social_reports.len(), 18);
        assert_eq!(d.operating_models.len(), 4);
        assert_eq!(d.implementations.len(), 4);
        assert_eq!(d.instruments.len(), 1);
        assert!(d.measurements.len() > 60);
        assert!(!d.gas_goals.is_empty());
        assert_eq!(d.service_episodes.len(), 60);
        assert!(!d.feedback.is_empty());
        assert_eq!(d.experience_statements.len(), 2);
        assert_eq!(d.indicator_definitions.len(), INDICATORS.len());
        assert_eq!(d.indicators.len(), INDICATORS.len() * 8);
    }

    #[test]
    #[allow(clippy::cast_precision_loss)] // counts of a few hundred reports
    fn areas_differ_as_their_kinds_do() {
        let helsinki = Sample::new(1)
            .area("90".parse().unwrap())
            .clients(2000)
            .document();
        let lapland = Sample::new(1)
            .area("21".parse().unwrap())
            .clients(2000)
            .document();
        let theme_share = |d: &Document, theme: PhenomenonTheme| {
            let n = d
                .social_reports
                .iter()
                .filter(|r| r.themes()[0] == theme)
                .count();
            n as f64 / d.social_reports.len() as f64
        };
        // Housing in the capital, distances to services in the north.
        let housing = (
            theme_share(&helsinki, PhenomenonTheme::Housing),
            theme_share(&lapland, PhenomenonTheme::Housing),
        );
        assert!(housing.0 > 2.0 * housing.1, "{housing:?}");
        let access = (
            theme_share(&helsinki, PhenomenonTheme::ServiceAccess),
            theme_share(&lapland, PhenomenonTheme::ServiceAccess),
        );
        assert!(access.1 > 2.0 * access.0, "{access:?}");
        // Older clients in the north.
        let older = |d: &Document| {
            d.service_episodes
                .iter()
                .filter(|e| e.client().age_group() == Some(AgeGroup::Age65To74))
                .count()
        };
        assert!(older(&lapland) > 2 * older(&helsinki));
        // More follow-ups in the north.
        let follow_ups = |d: &Document| {
            d.measurements
                .iter()
                .filter(|m| m.occasion() == Occasion::FollowUp)
                .count()
        };
        assert!(follow_ups(&lapland) > follow_ups(&helsinki));
    }

    #[test]
    fn seeds_differ_and_repeat() {
        let a = Sample::new(1).clients(5).document();
        assert_eq!(a, Sample::new(1).clients(5).document());
        assert_ne!(a, Sample::new(2).clients(5).document());
    }

    #[test]
    fn lines_match_the_document() {
        let sample = Sample::new(4).clients(9);
        let mut ndjson = Vec::new();
        let written = sample.write_ndjson(&mut ndjson).unwrap();
        assert_eq!(written, ndjson.len() as u64);
        let mut from_document = Vec::new();
        crate::write_ndjson(&sample.document(), &mut from_document).unwrap();
        assert_eq!(ndjson, from_document);
    }

    #[test]
    fn bad_years_are_refused() {
        assert!(Sample::new(1).year(2100).is_err());
        assert!(Sample::new(1).year(1899).is_err());
        assert_eq!(
            Sample::new(1).year(2024).unwrap().period().to_string(),
            "2024"
        );
    }
}
